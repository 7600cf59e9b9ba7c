"""Staff pages for selection: the panel beside the population, samples and fair lotteries."""
from __future__ import annotations

from flask import Blueprint, abort, g, render_template, request
from flask_babel import gettext as _, lazy_gettext as _l

from engagement.db import get_session
from engagement.panel import features as profile_features
from engagement.selection import service
from engagement.selection.strata import SelectionError
from engagement.staff.auth import current_staff, require_role

bp = Blueprint("selection", __name__, url_prefix="/staff/<panel_key>/udvaelgelse", template_folder="templates")

ALGORITHM_LABELS = {
    "stratified-largest-remainders": _l("Stratificeret stikprøve (største brøkdele)"),
    "maximin-types": _l("Maximin (så lige chancer som muligt)"),
    "leximin-types": _l("Leximin (så lige chancer som muligt)"),
    "leximin-types-partial": _l("Leximin, stoppet før tid"),
}


def algorithm_label(code: str) -> str:
    return str(ALGORITHM_LABELS.get(code, code))


def _context(**extra):
    labels = service.value_labels(get_session(), g.panel)

    def value_label(feature: str, value: str) -> str:
        return profile_features.value_label(labels, feature, value)

    return dict(value_label=value_label, feature_label=profile_features.feature_label,
                profile_features=service.PROFILE_FEATURES, algorithm_label=algorithm_label, **extra)


def _features_from_form() -> tuple[str, ...]:
    return tuple(name for name in service.PROFILE_FEATURES if request.form.get(f"feature_{name}"))


def _int(name: str, default: int | None = None) -> int | None:
    raw = (request.form.get(name) or "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        return None


@bp.get("/")
@require_role("viewer")
def overview(panel_key: str):
    session = get_session()
    composition, total = service.panel_composition(session, g.panel)
    lacking = [row for rows in composition.values() for row in rows if row.is_lacking]
    return render_template("selection/overview.html", **_context(
        composition=composition, total=total, lacking=lacking,
        has_targets=bool(service.load_targets(session, g.panel.id)),
        draws=service.recent_draws(session, g.panel.id)))


@bp.route("/stikproeve", methods=["GET", "POST"])
@require_role("viewer")
def sample(panel_key: str):
    errors: dict[str, str] = {}
    result = None
    form = {"size": "", "seed": "", "features": service.DEFAULT_FEATURES, "fill": False}
    if request.method == "POST":
        if g.role == "viewer":
            abort(403)
        size, seed, features = _int("size"), _int("seed"), _features_from_form()
        form = {"size": request.form.get("size", ""), "seed": request.form.get("seed", ""),
                "features": features, "fill": bool(request.form.get("fill"))}
        if size is None or size < 1:
            errors["size"] = _("Skriv et helt tal, mindst 1.")
        if seed is None and (request.form.get("seed") or "").strip():
            errors["seed"] = _("Frøet skal være et helt tal.")
        if not features:
            errors["features"] = _("Vælg mindst én egenskab.")
        if not errors:
            session = get_session()
            try:
                result = service.draw_sample(session, g.panel, service.SampleRequest(
                    size=size, seed=seed, features=features, fill_shortfall=form["fill"]),
                    staff_id=current_staff().id)
                session.commit()
            except SelectionError as error:
                session.rollback()
                errors["form"] = error.message
    return render_template("selection/sample.html", **_context(form=form, errors=errors, result=result)), \
        (422 if errors else 200)


def _pool_ids() -> frozenset[int] | None | str:
    raw = (request.form.get("pool") or "").replace(",", " ").split()
    if not raw:
        return None
    try:
        return frozenset(int(part) for part in raw)
    except ValueError:
        return "bad"


@bp.route("/lodtraekning", methods=["GET", "POST"])
@require_role("viewer")
def fair_lottery(panel_key: str):
    errors: dict[str, str] = {}
    result = None
    form = {"seats": "", "seed": "", "slack": "1", "pool": "", "features": ("gender", "age", "area", "education")}
    if request.method == "POST":
        if g.role == "viewer":
            abort(403)
        seats, seed, slack, features = _int("seats"), _int("seed"), _int("slack", 1), _features_from_form()
        pool_ids = _pool_ids()
        form = {"seats": request.form.get("seats", ""), "seed": request.form.get("seed", ""),
                "slack": request.form.get("slack", "1"), "pool": request.form.get("pool", ""),
                "features": features}
        if seats is None or seats < 1:
            errors["seats"] = _("Skriv et helt tal, mindst 1.")
        if seed is None and (request.form.get("seed") or "").strip():
            errors["seed"] = _("Frøet skal være et helt tal.")
        if slack is None or slack < 0:
            errors["slack"] = _("Skriv et helt tal, 0 eller mere.")
        if pool_ids == "bad":
            errors["pool"] = _("Skriv panelisternes numre adskilt af mellemrum eller komma.")
        if not features:
            errors["features"] = _("Vælg mindst én egenskab.")
        if not errors:
            session = get_session()
            try:
                quotas = service.quotas_for(session, g.panel, features, seats, pool_ids, slack)
                result = service.draw_fair_lottery(session, g.panel, service.LotteryRequest(
                    seats=seats, quotas=quotas, features=features, seed=seed, pool_ids=pool_ids),
                    staff_id=current_staff().id)
                session.commit()
            except SelectionError as error:
                session.rollback()
                errors["form"] = error.message
    return render_template("selection/lottery.html", **_context(form=form, errors=errors, result=result)), \
        (422 if errors else 200)
