"""The panel's settings page: name, municipality and sender, SMS quiet hours and contact fatigue,
the privacy notice, population targets (edit shares or upload the margins CSV) and the postcode → area map.

Every member of the panel can read the page; only an admin can change it.
Each form posts to its own URL; a refused change shows the page again (422)
with the reason beside the field.  Every change is audited (no personal data).
"""
from __future__ import annotations

import re
import unicodedata

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from babel.numbers import format_decimal
from flask_babel import force_locale, get_locale, gettext as _, ngettext
from sqlmodel import select

from engagement import get_settings
from engagement.audit import record_audit
from engagement.db import get_session
from engagement.panel.models import Panel
from engagement.panel import features as profile_features
from engagement.panel import privacy
from engagement.selection import service as selection_service
from engagement.selection import targets as population
from engagement.selection.models import PopulationTarget
from engagement.staff.auth import current_staff, require_role
from engagement.staff.models import ADMIN, VIEWER

bp = Blueprint("panel_settings", __name__, url_prefix="/staff/<panel_key>/indstillinger",
               template_folder="templates")

CLOCK = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
POSTCODE = re.compile(r"^\d{4}$")
MAX_FATIGUE_DAYS = 365
SHARE_TOLERANCE = 0.001


# ---------------------------------------------------------------------------
# Reading the forms (pure: form values in, values and errors out)

def read_general(form) -> tuple[dict, dict[str, str]]:
    """Name, sender, quiet hours and fatigue from the form; empty optional fields mean the default."""
    errors: dict[str, str] = {}
    values: dict = {}
    name = (form.get("name") or "").strip()
    if not name or len(name) > 200:
        errors["name"] = _("Skriv panelets navn (højst 200 tegn).")
    values["name"] = name
    municipality = (form.get("municipality") or "").strip()
    if len(municipality) > 200:
        errors["municipality"] = _("Højst 200 tegn.")
    values["municipality"] = municipality
    sender = (form.get("sender_name") or "").strip()
    if not sender or len(sender) > 200:
        errors["sender_name"] = _("Skriv afsenderens navn (højst 200 tegn).")
    values["sender_name"] = sender
    start = (form.get("sms_quiet_start") or "").strip() or None
    end = (form.get("sms_quiet_end") or "").strip() or None
    for field, value in (("sms_quiet_start", start), ("sms_quiet_end", end)):
        if value is not None and not CLOCK.match(value):
            errors[field] = _("Skriv tiden som TT:MM, fx 20:00.")
    if (start is None) != (end is None) and not errors.keys() & {"sms_quiet_start", "sms_quiet_end"}:
        errors["sms_quiet_start"] = _("Udfyld både start og slut, eller lad begge stå tomme.")
    values["sms_quiet_start"], values["sms_quiet_end"] = start, end
    raw_days = (form.get("contact_fatigue_days") or "").strip()
    days = None
    if raw_days:
        if raw_days.isdigit() and int(raw_days) <= MAX_FATIGUE_DAYS:
            days = int(raw_days)
        else:
            errors["contact_fatigue_days"] = _("Skriv et helt tal fra 0 til 365.")
    values["contact_fatigue_days"] = days
    return values, errors


MAX_NOTICE = 20_000


def read_privacy(form) -> tuple[dict, dict[str, str]]:
    """The data protection officer's contact and the notice's own words (empty: the default text)."""
    errors: dict[str, str] = {}
    values = {"dpo_contact": (form.get("dpo_contact") or "").strip(),
              "privacy_notice_da": (form.get("privacy_notice_da") or "").strip().replace("\r\n", "\n") or None,
              "privacy_notice_en": (form.get("privacy_notice_en") or "").strip().replace("\r\n", "\n") or None}
    if len(values["dpo_contact"]) > 300:
        errors["dpo_contact"] = _("Højst 300 tegn.")
    for name in ("privacy_notice_da", "privacy_notice_en"):
        if values[name] and len(values[name]) > MAX_NOTICE:
            errors[name] = _("Teksten er for lang (højst %(max)s tegn).", max=MAX_NOTICE)
    if values["privacy_notice_en"] and not values["privacy_notice_da"]:
        errors["privacy_notice_da"] = _("Skriv den danske tekst først. Uden den bruges standardteksten.")
    return values, errors


def read_shares(form, targets: list[PopulationTarget]) -> tuple[dict[int, float], dict[str, str]]:
    """New shares by target id; errors by ``share_<id>`` or by ``feature_<feature>`` (sum not 1)."""
    shares: dict[int, float] = {}
    errors: dict[str, str] = {}
    for target in targets:
        raw = (form.get(f"share_{target.id}") or "").strip().replace(",", ".")
        try:
            share = float(raw)
        except ValueError:
            share = -1.0
        if not 0.0 <= share <= 1.0:
            errors[f"share_{target.id}"] = _("Skriv en andel mellem 0 og 1, fx 0,25.")
            continue
        shares[target.id] = share
    totals: dict[str, float] = {}
    for target in targets:
        totals[target.feature] = totals.get(target.feature, 0.0) + shares.get(target.id, 0.0)
    for feature, total in totals.items():
        if abs(total - 1.0) > SHARE_TOLERANCE and not any(
                f"share_{t.id}" in errors for t in targets if t.feature == feature):
            errors[f"feature_{feature}"] = _("Andelene for %(feature)s giver %(total)s tilsammen. De skal give 1.",
                                             feature=profile_features.feature_label(feature).lower(),
                                             total=format_decimal(round(total, 3), locale=str(get_locale())))
    return shares, errors


def area_key(label: str) -> str:
    """A short key for a new area: ``"Nørre Vest"`` → ``"noerre-vest"``."""
    text = label.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:64] or "omraade"


def read_areas(text: str, labels: dict[str, str]) -> tuple[dict[str, str], dict[str, str], list[str]]:
    """``postnummer;område`` lines → (postcode → key, key → label, problems).

    An area written as an existing label or key keeps its key (panelists are
    stored with it); a new name gets a new key.
    """
    by_label = {label.strip().lower(): key for key, label in labels.items()}
    postcode_areas: dict[str, str] = {}
    area_labels: dict[str, str] = {}
    problems: list[str] = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        postcode, sep, area = (part.strip() for part in line.partition(";"))
        if not sep or not area:
            problems.append(_("Linje %(n)s: skriv postnummer;område, fx 5000;Midtbyen.", n=number))
            continue
        if not POSTCODE.match(postcode):
            problems.append(_("Linje %(n)s: et postnummer har fire cifre.", n=number))
            continue
        if postcode in postcode_areas:
            problems.append(_("Linje %(n)s: postnummer %(code)s står der to gange.", n=number, code=postcode))
            continue
        key = by_label.get(area.lower()) or (area if area in labels else None) or area_key(area)
        postcode_areas[postcode] = key
        area_labels.setdefault(key, labels[key] if area == key and key in labels else area)
    return postcode_areas, area_labels, problems


def areas_text(panel: Panel) -> str:
    labels = panel.area_labels or {}
    return "\n".join(f"{code};{labels.get(key, key)}"
                     for code, key in sorted((panel.postcode_areas or {}).items()))


# ---------------------------------------------------------------------------
# Views

def _targets(panel_id: int) -> list[PopulationTarget]:
    return list(get_session().exec(select(PopulationTarget).where(PopulationTarget.panel_id == panel_id)
                                   .order_by(PopulationTarget.feature, PopulationTarget.id)).all())


def _grouped(targets: list[PopulationTarget]) -> dict[str, list[PopulationTarget]]:
    grouped: dict[str, list[PopulationTarget]] = {}
    for target in targets:
        grouped.setdefault(target.feature, []).append(target)
    return grouped


def _page(status: int = 200, **context):
    panel = g.panel
    settings = get_settings()
    context.setdefault("privacy", dict(dpo_contact=panel.dpo_contact, privacy_notice_da=panel.privacy_notice_da or "",
                                       privacy_notice_en=panel.privacy_notice_en or ""))
    context.setdefault("general", dict(name=panel.name, municipality=panel.municipality,
                                       sender_name=panel.sender_name,
                                       sms_quiet_start=panel.sms_quiet_start or "",
                                       sms_quiet_end=panel.sms_quiet_end or "",
                                       contact_fatigue_days="" if panel.contact_fatigue_days is None
                                       else panel.contact_fatigue_days))
    context.setdefault("errors", {})
    context.setdefault("shares", {})
    context.setdefault("areas", areas_text(panel))
    context.setdefault("area_problems", [])
    context.setdefault("upload_error", None)
    labels = selection_service.value_labels(get_session(), panel)
    with force_locale("da"):
        default_da = privacy.default_text(panel)
    with force_locale("en"):
        default_en = privacy.default_text(panel)
    context.setdefault("notice", privacy.current_notice(panel))
    return render_template("staff/settings.html", panel=panel, targets=_grouped(_targets(panel.id)),
                           default_notice_da=default_da, default_notice_en=default_en,
                           defaults=settings, feature_label=profile_features.feature_label,
                           value_label=lambda feature, value: profile_features.value_label(labels, feature, value),
                           **context), status


def _audit(action: str, **detail) -> None:
    staff = current_staff()
    record_audit(get_session(), panel_id=g.panel.id, staff_id=staff.id, action=action,
                 target_type="panel", target_id=g.panel.id, **detail)


def _done(message: str):
    get_session().commit()
    flash(message, "success")
    return redirect(url_for("panel_settings.show", panel_key=g.panel.key))


@bp.get("")
@require_role(VIEWER)
def show(panel_key: str):
    return _page()


@bp.post("/generelt")
@require_role(ADMIN)
def save_general(panel_key: str):
    values, errors = read_general(request.form)
    if errors:
        return _page(422, general=values, errors=errors)
    from engagement.campaigns.contact import apply_quiet_hours, contact_rules

    panel = g.panel
    before = contact_rules(panel)
    changed = sorted(field for field, value in values.items() if getattr(panel, field) != value)
    for field, value in values.items():
        setattr(panel, field, value)
    get_session().add(panel)
    moved = apply_quiet_hours(get_session(), panel, (before["quiet_start"], before["quiet_end"]))
    _audit("panel.settings", fields=changed, queued_sms_moved=moved)
    message = _("Indstillingerne er gemt.")
    if moved:
        message += " " + ngettext("%(num)s sms i kø følger de nye stille timer.",
                                  "%(num)s sms'er i kø følger de nye stille timer.", moved)
    return _done(message)


@bp.post("/privatliv")
@require_role(ADMIN)
def save_privacy(panel_key: str):
    values, errors = read_privacy(request.form)
    if errors:
        return _page(422, privacy={k: v or "" for k, v in values.items()}, errors=errors)
    panel = g.panel
    before = privacy.current_notice(panel).version
    for field, value in values.items():
        setattr(panel, field, value)
    get_session().add(panel)
    after = privacy.current_notice(panel).version
    _audit("panel.privacy", version=after, changed=before != after)
    return _done(_("Privatlivserklæringen er gemt."))


@bp.post("/maal")
@require_role(ADMIN)
def save_targets(panel_key: str):
    targets = _targets(g.panel.id)
    shares, errors = read_shares(request.form, targets)
    if errors:
        return _page(422, errors=errors, shares={k: v for k, v in request.form.items() if k.startswith("share_")})
    session = get_session()
    for target in targets:
        target.share = shares[target.id]
        session.add(target)
    _audit("panel.targets", source="form", features=sorted({t.feature for t in targets}), rows=len(targets))
    return _done(_("Målene er gemt."))


@bp.post("/maal/fil")
@require_role(ADMIN)
def upload_targets(panel_key: str):
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return _page(422, upload_error=_("Vælg en CSV-fil."))
    try:
        text = upload.read().decode("utf-8")
    except UnicodeDecodeError:
        return _page(422, upload_error=_("Filen skal være gemt som UTF-8."))
    try:
        margins = population.read_margins(text)
    except population.TargetsError as exc:
        return _page(422, upload_error=_("Filen kan ikke bruges: %(reason)s", reason=str(exc)))
    if not margins:
        return _page(422, upload_error=_("Filen har ingen linjer med mål."))
    population.replace_population_targets(get_session(), g.panel.id, margins)
    _audit("panel.targets", source="csv", features=sorted({m.feature for m in margins}), rows=len(margins))
    return _done(_("Målene er skiftet ud med filens %(n)s linjer.", n=len(margins)))


@bp.post("/omraader")
@require_role(ADMIN)
def save_areas(panel_key: str):
    text = request.form.get("areas") or ""
    postcode_areas, area_labels, problems = read_areas(text, g.panel.area_labels or {})
    if problems:
        return _page(422, areas=text, area_problems=problems)
    panel = g.panel
    panel.postcode_areas, panel.area_labels = postcode_areas, area_labels
    get_session().add(panel)
    _audit("panel.areas", postcodes=len(postcode_areas), areas=len(area_labels))
    return _done(_("Postnumre og områder er gemt."))
