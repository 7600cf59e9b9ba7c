"""Staff login, logout, the list of the account's panels and a panel's dashboard."""
from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

from flask import Blueprint, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _, lazy_gettext as _l

from engagement import get_settings
from engagement.db import get_session
from engagement.staff import service
from engagement.staff.auth import SESSION_KEY, current_staff, has_role, login_required, require_role
from engagement.staff.models import VIEWER
from engagement.tokens import verification_keys

bp = Blueprint("staff", __name__, url_prefix="/staff", template_folder="templates")

ROLE_LABELS = {"admin": _l("Administrator"), "editor": _l("Redaktør"), "viewer": _l("Læser")}

# Kept across a login (everything else in the session is dropped).
_KEEP_ON_LOGIN = ("lang",)


@bp.app_context_processor
def _staff_helpers():
    return {"current_staff": current_staff, "has_role": has_role, "role_labels": ROLE_LABELS}


def safe_next(target: str | None) -> str | None:
    """``target`` if it is a path on this site, else None (no open redirects)."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target or any(ord(ch) < 32 or ord(ch) == 127 for ch in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target


@bp.route("/login", methods=["GET", "POST"])
def login():
    next_url = safe_next(request.values.get("next"))
    if request.method == "GET":
        if current_staff() is not None:
            return redirect(next_url or url_for("staff.index"))
        return render_template("staff/login.html", next_url=next_url, email="", error=None)

    email = request.form.get("email", "").strip()
    password = request.form.get("password", "")
    settings = get_settings()
    try:
        staff = service.log_in(get_session(), email, password, secret_key=verification_keys(),
                               max_failures=settings.login_max_failures,
                               window=timedelta(minutes=settings.login_window_minutes))
    except service.LoginThrottled:
        return render_template("staff/login.html", next_url=next_url, email=email,
                               error=_("Du har prøvet for mange gange. Vent lidt, og prøv igen.")), 429
    except service.LoginFailed:
        return render_template("staff/login.html", next_url=next_url, email=email,
                               error=_("E-mail eller adgangskode er forkert.")), 200
    kept = {key: session[key] for key in _KEEP_ON_LOGIN if key in session}
    session.clear()  # a fresh session: nothing from before the login survives (no fixation)
    session.update(kept)
    session[SESSION_KEY] = staff.id
    session.permanent = True
    g.pop("staff", None)
    return redirect(next_url or url_for("staff.index"))


@bp.post("/logout")
def logout():
    kept = {key: session[key] for key in _KEEP_ON_LOGIN if key in session}
    session.clear()
    session.update(kept)
    g.pop("staff", None)
    flash(_("Du er logget ud."), "success")
    return redirect(url_for("staff.login"))


@bp.get("/")
@login_required
def index():
    panels = service.panels_of(get_session(), current_staff())
    if len(panels) == 1:
        return redirect(url_for("staff.dashboard", panel_key=panels[0][0].key))
    return render_template("staff/panels.html", panels=panels)


@bp.get("/<panel_key>/")
@require_role(VIEWER)
def dashboard(panel_key: str):
    """Members, growth by month, composition beside the population, campaigns, inbox, endings."""
    from zoneinfo import ZoneInfo

    from sqlalchemy import func, select

    from engagement.campaigns.models import SCHEDULED, SENDING, Campaign
    from engagement.db import utcnow
    from engagement.inbound.models import InboundMessage
    from engagement.panel.models import ACTIVE, Panelist
    from engagement.selection import service as selection

    session, panel, now = get_session(), g.panel, utcnow()
    numbers = service.panel_dashboard(session, panel, now)
    # Growth: members who joined (and are still active) per month, the last twelve months.
    zone = ZoneInfo(get_settings().timezone)
    month = now.astimezone(zone).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    months = []
    for _step in range(12):
        months.append(month)
        month = (month - timedelta(days=1)).replace(day=1)
    months.reverse()
    joined = session.scalars(select(Panelist.confirmed_at).where(
        Panelist.panel_id == panel.id, Panelist.status == ACTIVE, Panelist.confirmed_at >= months[0])).all()
    per_month = {m: 0 for m in months}
    for moment in joined:
        local = moment.astimezone(zone).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        if local in per_month:
            per_month[local] += 1
    growth = [(m, per_month[m]) for m in months]
    top = max([count for _m, count in growth] + [1])
    composition, _total = selection.panel_composition(session, panel, selection.DEFAULT_FEATURES)
    lacking = [row for rows in composition.values() for row in rows if row.is_lacking]
    running = session.scalars(select(Campaign).where(Campaign.panel_id == panel.id, Campaign.status == SENDING)
                           .order_by(Campaign.starts_at)).all()
    due = session.scalars(select(Campaign).where(Campaign.panel_id == panel.id, Campaign.status == SCHEDULED)
                       .order_by(Campaign.starts_at).limit(10)).all()
    inbox_open = session.scalar(select(func.count()).select_from(InboundMessage).where(
        InboundMessage.panel_id == panel.id, InboundMessage.needs_staff.is_(True),
        InboundMessage.handled_at.is_(None))) or 0
    from engagement.panel import features as profile_features

    labels = selection.value_labels(session, panel)
    feature_labels = {key: profile_features.feature_label(key) for key in composition}

    def value_label(feature: str, value: str) -> str:
        return profile_features.value_label(labels, feature, value)

    return render_template("staff/dashboard.html", panel=panel, numbers=numbers, growth=growth, growth_top=top,
                           value_label=value_label, feature_labels=feature_labels,
                           composition=composition, lacking=lacking, running=running, due=due,
                           inbox_open=inbox_open)
