"""Staff pages for campaigns: the list, the wizard, and a campaign's page with live progress.

``/staff/<panel_key>/kampagner/``.  The wizard is one server-rendered form
in four numbered parts (content, audience, channels, schedule and reminders);
"Gennemse" shows the review (who is reached, shown against the population,
and every SMS with its length) with the plan carried in hidden fields, and
"Planlæg" stores it through ``campaigns.service`` (create, then schedule).
A representative sample is drawn on review without saving (with a seed kept
in the form) and drawn again with the same seed when the campaign is
scheduled, so what staff saw is what is sent.  A survey's sample leaves out
those invited to a survey within the fatigue window (from the outbox), and
the seed is stored with the campaign (``Campaign.sample_seed``) as with the draw.

A campaign's page polls ``status.json`` (``static/console.js``) for sent,
failed and answered; a cancel button stays while cancelling is possible.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from flask import Blueprint, abort, flash, g, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _, lazy_gettext as _l

from engagement.campaigns import audience as audiences
from engagement.campaigns import content as texts
from engagement.campaigns import contact, holds, rules, service
from engagement.campaigns.models import (CHANNEL_CHOICE, CHANNEL_EMAIL, CHANNEL_MODES, INFORMATION, KINDS, MEETING,
                                         SURVEY, Campaign)
from engagement.db import get_session, utcnow
from engagement.panel import features as profile_features
from engagement.selection import service as selection
from engagement.selection.strata import SelectionError, compare_composition
from engagement.staff.auth import current_staff, require_role
from engagement.staff.models import EDITOR, VIEWER
from engagement.surveys import service as surveys

bp = Blueprint("campaigns", __name__, url_prefix="/staff/<panel_key>/kampagner", template_folder="templates")

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
KIND_LABELS = {SURVEY: _l("Spørgeskema"), MEETING: _l("Mødeinvitation"), INFORMATION: _l("Information")}
CHANNEL_LABELS = {CHANNEL_CHOICE: _l("Hver persons eget valg"), CHANNEL_EMAIL: _l("Kun mail"), "sms": _l("Kun sms")}
STATUS_LABELS = {"draft": _l("Kladde"), "scheduled": _l("Planlagt"), "sending": _l("Sendes"), "sent": _l("Sendt"),
                 "closed": _l("Lukket"), "cancelled": _l("Aflyst")}
AUDIENCE_TYPES = ("all", "filter", "sample")
FEATURE_LABELS = {key: feature.label for key, feature in profile_features.FEATURES.items()}
MAX_SAMPLE = 100_000


# ---------------------------------------------------------------------------
# The wizard's form
# ---------------------------------------------------------------------------

def _local(value: str) -> datetime | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment.replace(tzinfo=COPENHAGEN) if moment.tzinfo is None else moment


def _input(moment: datetime | None) -> str:
    return moment.astimezone(COPENHAGEN).strftime("%Y-%m-%dT%H:%M") if moment else ""


def default_form() -> dict:
    now = datetime.now(COPENHAGEN).replace(second=0, microsecond=0)
    return {"kind": SURVEY, "definition_id": "", "title": "", "subject": "", "body": "", "audience": "all",
            "filter_area": [], "filter_gender": [], "birth_year_min": "", "birth_year_max": "",
            "sample_size": "", "sample_features": list(selection.DEFAULT_FEATURES), "sample_seed": "",
            "channel_mode": CHANNEL_CHOICE, "start": "now", "starts_at": _input(now + timedelta(hours=1)),
            "deadline_at": _input((now + timedelta(days=14)).replace(hour=12, minute=0)), "reminders": "7"}


def read_form(form) -> dict:
    values = default_form()
    for name in ("kind", "definition_id", "title", "subject", "body", "audience", "birth_year_min", "birth_year_max",
                 "sample_size", "sample_seed", "channel_mode", "start", "starts_at", "deadline_at", "reminders"):
        if name in form:
            values[name] = form.get(name, "").strip() if name != "body" else form.get(name, "")
    for name in ("filter_area", "filter_gender", "sample_features"):
        if name in form or form.get("submitted"):
            values[name] = form.getlist(name)
    return values


@dataclass
class Checked:
    plan: rules.Plan | None
    errors: dict[str, str]
    sample_size: int | None = None
    sample_seed: int | None = None
    sample_features: tuple[str, ...] = ()


def _year(raw: str) -> int | None | str:
    if not raw:
        return None
    return int(raw) if raw.isdigit() and len(raw) == 4 else "bad"


def check_form(values: dict, definitions: dict[int, object], now: datetime) -> Checked:
    """The plan the form describes, or what is wrong with it (field -> message for staff)."""
    errors: dict[str, str] = {}
    kind = values["kind"] if values["kind"] in KINDS else None
    if kind is None:
        errors["kind"] = _("Vælg spørgeskema, mødeinvitation eller information.")
    definition_id = None
    if kind in (SURVEY, MEETING):
        try:
            definition_id = int(values["definition_id"])
        except ValueError:
            definition_id = None
        stored = definitions.get(definition_id)
        if stored is None or stored.kind != kind:
            errors["definition_id"] = (_("Vælg et spørgeskema.") if kind == SURVEY else _("Vælg et møde."))
    title = values["title"] or (definitions[definition_id].title if definition_id in definitions else "")
    if kind == INFORMATION and not (values["subject"] and values["body"].strip()):
        errors["body"] = _("Skriv både emne og tekst.")
    if kind == INFORMATION and not title:
        title = values["subject"]

    audience: dict = {"type": "all"}
    sample_size = sample_seed = None
    sample_features: tuple[str, ...] = ()
    if values["audience"] == "filter":
        chosen: dict = {}
        if values["filter_area"]:
            chosen["area"] = list(values["filter_area"])
        if values["filter_gender"]:
            chosen["gender"] = list(values["filter_gender"])
        for name in ("birth_year_min", "birth_year_max"):
            year = _year(values[name])
            if year == "bad":
                errors[name] = _("Skriv et årstal med fire cifre.")
            elif year is not None:
                chosen[name] = year
        if not chosen and not errors:
            errors["audience"] = _("Vælg mindst én ting at filtrere på.")
        audience = {"type": "filter", "filter": chosen}
    elif values["audience"] == "sample":
        raw = values["sample_size"]
        sample_size = int(raw) if raw.isdigit() else None
        if sample_size is None or not 1 <= sample_size <= MAX_SAMPLE:
            errors["sample_size"] = _("Skriv et helt tal, mindst 1.")
        sample_features = tuple(f for f in selection.PROFILE_FEATURES if f in values["sample_features"])
        if not sample_features:
            errors["sample_features"] = _("Vælg mindst én egenskab.")
        sample_seed = int(values["sample_seed"]) if values["sample_seed"].isdigit() else selection.new_seed()
        values["sample_seed"] = str(sample_seed)
        audience = {"type": "sample", "sample_id": 0}  # the draw is stored when the campaign is scheduled
    elif values["audience"] != "all":
        errors["audience"] = _("Vælg en målgruppe.")

    if values["channel_mode"] not in CHANNEL_MODES:
        errors["channel_mode"] = _("Vælg mail, sms eller hver persons eget valg.")
    if values["start"] == "later":
        starts_at = _local(values["starts_at"])
        if starts_at is None:
            errors["starts_at"] = _("Skriv en starttid.")
        elif starts_at < now - timedelta(minutes=5):
            errors["starts_at"] = _("Starttiden er allerede gået.")
    else:
        starts_at = now
    deadline_at = _local(values["deadline_at"]) if values["deadline_at"] else None
    if values["deadline_at"] and deadline_at is None:
        errors["deadline_at"] = _("Skriv fristen som dato og klokkeslæt.")
    try:
        reminder_days = tuple(float(part.replace(",", ".")) for part in values["reminders"].replace(";", " ").split()
                              if part) if kind != INFORMATION else ()
    except ValueError:
        errors["reminders"] = _("Skriv dage efter starten, fx 3 7.")
        reminder_days = ()
    if kind is None or starts_at is None:
        return Checked(None, errors, sample_size, sample_seed, sample_features)
    plan = rules.Plan(kind=kind, title=title, starts_at=starts_at, deadline_at=deadline_at,
                      reminder_days=reminder_days, channel_mode=values["channel_mode"], audience=audience,
                      definition_id=definition_id, subject=values["subject"], body=values["body"])
    for problem in rules.check_plan(plan, now):
        text = service.PROBLEM_TEXT.get(problem.message, lambda: problem.message)()
        errors.setdefault(problem.field, text)
    return Checked(None if errors else plan, errors, sample_size, sample_seed, sample_features)


# ---------------------------------------------------------------------------
# Review: who is reached, against the population
# ---------------------------------------------------------------------------

def _labels() -> dict[str, dict[str, str]]:
    return selection.value_labels(get_session(), g.panel)


def audience_ids(session, checked: Checked) -> tuple[list[int], str | None]:
    """The panelists the plan reaches (before channels and fatigue), and a note on a sample."""
    plan = checked.plan
    if plan.audience["type"] == "sample":
        result = selection.draw_sample(session, g.panel, selection.SampleRequest(
            size=checked.sample_size, seed=checked.sample_seed, features=checked.sample_features,
            exclude_ids=recently_contacted(session, plan),
            channel=None if plan.channel_mode == CHANNEL_CHOICE else plan.channel_mode, save=False))
        return list(result.outcome.chosen_ids), result.outcome.mode_reason
    return audiences.audience_from_json(plan.audience).panelist_ids(session, g.panel.id), None


def recently_contacted(session, plan) -> frozenset[int]:
    """Who a survey sample leaves out: those invited to a survey within the campaign's fatigue
    window (the plan's, else ``CONTACT_FATIGUE_DAYS``), as ``campaigns.tick`` would at the start."""
    if plan.kind != SURVEY:
        return frozenset()
    days = plan.fatigue_days if plan.fatigue_days is not None else contact.contact_rules(g.panel)["fatigue_days"]
    return frozenset(contact.recently_invited_ids(session, g.panel.id, days))


def review_composition(session, ids: list[int]) -> dict:
    members, _left_out = selection.load_members(session, g.panel, only_ids=frozenset(ids))
    targets = selection.load_targets(session, g.panel.id)
    features = [f for f in selection.DEFAULT_FEATURES if f in targets] or list(selection.DEFAULT_FEATURES)
    return {"rows": compare_composition(members, targets, features), "count": len(members)}


def reach_of(session, checked: Checked, ids: list[int]) -> holds.Reach:
    """From selected to invited: who the channel reaches, and who contact fatigue will hold back at the
    start (a sample has left them out already when it was drawn)."""
    plan = checked.plan
    days = plan.fatigue_days if plan.fatigue_days is not None else contact.contact_rules(g.panel)["fatigue_days"]
    last_invited = {}
    if plan.kind == SURVEY and plan.audience["type"] != "sample":
        last_invited = contact.recently_invited_at(session, g.panel.id, days)
    return holds.reach(session, g.panel.id, ids, channel_mode=plan.channel_mode, last_invited=last_invited,
                       fatigue_days=days)


def sms_preview(plan: rules.Plan, definitions: dict) -> list[tuple[str, texts.Content]]:
    if plan.channel_mode == CHANNEL_EMAIL:
        return []
    draft = Campaign(panel_id=g.panel.id, kind=plan.kind, title=plan.title, definition_id=plan.definition_id,
                     subject=plan.subject, body=plan.body, starts_at=plan.starts_at, deadline_at=plan.deadline_at,
                     reminder_days=list(plan.reminder_days))
    stored = definitions.get(plan.definition_id)
    definition = surveys.load_definition(stored) if stored is not None else None
    previews = []
    for where, item in texts.sms_previews(draft, definition, g.panel):
        parts = dict(part.strip().split(" ", 1) for part in where.split(",") if " " in part.strip())
        if not where.endswith("da"):
            continue
        step = int(parts.get("step", "0"))
        label = _("Invitation") if step == 0 else _("Påmindelse %(number)s", number=step)
        if "question" in parts and stored is not None:
            question = definition.question(parts["question"])
            if question is not None:
                label = _("%(step)s, spørgsmål %(number)s", step=label, number=question.number)
        previews.append((label, item))
    return previews


# ---------------------------------------------------------------------------
# Views
# ---------------------------------------------------------------------------

@bp.app_context_processor
def _helpers():
    return {"campaign_status_labels": STATUS_LABELS, "campaign_kind_labels": KIND_LABELS,
            "campaign_channel_labels": CHANNEL_LABELS}


def progress(session, campaign: Campaign) -> dict:
    """Sent, waiting and failed per channel, with the reason for everything not sent (``holds``)."""
    return holds.progress(session, campaign)


def _campaign_or_404(campaign_id: int) -> Campaign:
    try:
        return service.get_campaign(get_session(), campaign_id, g.panel.id)
    except service.UnknownCampaign:
        abort(404)


def _definitions(session) -> dict[int, object]:
    return {row.id: row for row in surveys.list_definitions(session, g.panel.id)}


@bp.get("/")
@require_role(VIEWER)
def index(panel_key: str):
    session = get_session()
    rows = [(c, progress(session, c)) for c in service.list_campaigns(session, g.panel.id)]
    return render_template("campaigns/list.html", panel=g.panel, rows=rows)


@bp.route("/ny", methods=["GET", "POST"])
@require_role(EDITOR)
def new(panel_key: str):
    session = get_session()
    definitions = _definitions(session)
    values = default_form()
    if request.method == "GET":
        if request.args.get("definition", "").isdigit() and int(request.args["definition"]) in definitions:
            chosen = definitions[int(request.args["definition"])]
            values.update(definition_id=str(chosen.id), kind=chosen.kind)
        return _wizard(values, {}, definitions)
    values = read_form(request.form)
    action = request.form.get("action", "review")
    now = utcnow()
    checked = check_form(values, definitions, now)
    if checked.errors or action == "edit":
        return _wizard(values, checked.errors, definitions, status=422 if checked.errors and action != "edit" else 200)
    if action == "schedule":
        return _schedule(session, checked, values, definitions)
    return _review(session, checked, values, definitions)


def _wizard(values: dict, errors: dict, definitions: dict, status: int = 200):
    labels = _labels()
    return render_template("campaigns/wizard.html", panel=g.panel, form=values, errors=errors,
                           definitions=sorted(definitions.values(), key=lambda d: d.title.lower()),
                           areas=labels.get("area", {}), genders=labels.get("gender", {}),
                           features=selection.PROFILE_FEATURES, feature_labels=FEATURE_LABELS,
                           channel_modes=CHANNEL_MODES), status


def _review(session, checked: Checked, values: dict, definitions: dict, problems: dict | None = None):
    try:
        ids, note = audience_ids(session, checked)
    except (SelectionError, audiences.AudienceError) as exc:
        message = getattr(exc, "message", None) or str(exc)
        return _wizard(values, {"audience": message}, definitions, status=422)
    labels = _labels()

    def value_label(feature: str, value: str) -> str:
        return profile_features.value_label(labels, feature, value)

    sms = []
    errors = dict(problems or {})
    try:
        sms = sms_preview(checked.plan, definitions)
    except (texts.ContentError, ValueError) as exc:
        errors["sms"] = str(exc)
    budget = checked.plan.sms_segment_budget
    if any((item.segments or 0) > budget for _where, item in sms):
        errors.setdefault("sms", _("En sms er længere end %(budget)s dele. Gør teksten kortere, eller send kun på mail.",
                                   budget=budget))
    reach = reach_of(session, checked, ids)
    fatigue_days = reach.fatigue_days if checked.plan.kind == SURVEY else 0
    return render_template("campaigns/review.html", panel=g.panel, form=values, plan=checked.plan,
                           definition=definitions.get(checked.plan.definition_id), audience_count=len(ids),
                           reachable=reach.reachable, reach=reach, reach_lines=reach.lines(checked.plan.channel_mode),
                           fatigue_days=fatigue_days,
                           composition=review_composition(session, ids), note=note, sms=sms, budget=budget,
                           errors=errors, value_label=value_label, feature_labels=FEATURE_LABELS,
                           checked=checked), 422 if errors else 200


def _schedule(session, checked: Checked, values: dict, definitions: dict):
    staff_id = current_staff().id
    plan = checked.plan
    try:
        if plan.audience["type"] == "sample":
            result = selection.draw_sample(session, g.panel, selection.SampleRequest(
                size=checked.sample_size, seed=checked.sample_seed, features=checked.sample_features,
                exclude_ids=recently_contacted(session, plan),
                channel=None if plan.channel_mode == CHANNEL_CHOICE else plan.channel_mode), staff_id=staff_id)
            from dataclasses import replace

            plan = replace(plan, audience={"type": "sample", "sample_id": result.draw.id})
        campaign = service.create_campaign(session, g.panel, plan, staff_id=staff_id)
        if plan.audience["type"] == "sample":
            campaign.sample_seed = result.draw.seed  # kept with the campaign (the draw has it too)
            session.add(campaign)
        service.schedule_campaign(session, campaign, staff_id=staff_id)
    except service.InvalidCampaign as exc:
        session.rollback()
        return _review(session, checked, values, definitions, problems=dict(exc.problems))
    except (service.CampaignError, SelectionError) as exc:
        session.rollback()
        return _review(session, checked, values, definitions,
                       problems={"form": getattr(exc, "message", None) or str(exc)})
    session.commit()
    flash(_("Kampagnen er planlagt."), "success")
    return redirect(url_for("campaigns.view", panel_key=g.panel.key, campaign_id=campaign.id))


@bp.get("/<int:campaign_id>")
@require_role(VIEWER)
def view(panel_key: str, campaign_id: int):
    session = get_session()
    campaign = _campaign_or_404(campaign_id)
    stored = session.get(surveys.StoredDefinition, campaign.definition_id) if campaign.definition_id else None
    audience = campaign.audience or {"type": "all"}
    return render_template("campaigns/view.html", panel=g.panel, campaign=campaign, definition=stored,
                           progress=progress(session, campaign), audience=audience)


@bp.get("/<int:campaign_id>/status.json")
@require_role(VIEWER)
def status(panel_key: str, campaign_id: int):
    session = get_session()
    campaign = _campaign_or_404(campaign_id)
    response = jsonify(progress(session, campaign))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/<int:campaign_id>/aflys")
@require_role(EDITOR)
def cancel(panel_key: str, campaign_id: int):
    session = get_session()
    campaign = _campaign_or_404(campaign_id)
    try:
        stopped = service.cancel_campaign(session, campaign, staff_id=current_staff().id)
    except service.CampaignError as exc:
        session.rollback()
        flash(str(exc), "error")
    else:
        session.commit()
        flash(_("Kampagnen er aflyst. %(count)s beskeder bliver ikke sendt.", count=stopped), "success")
    return redirect(url_for("campaigns.view", panel_key=g.panel.key, campaign_id=campaign_id))


@bp.post("/<int:campaign_id>/planlaeg")
@require_role(EDITOR)
def schedule(panel_key: str, campaign_id: int):
    """A draft made elsewhere (the CLI) is scheduled here."""
    session = get_session()
    campaign = _campaign_or_404(campaign_id)
    try:
        service.schedule_campaign(session, campaign, staff_id=current_staff().id)
    except service.CampaignError as exc:
        session.rollback()
        flash(str(exc), "error")
    else:
        session.commit()
        flash(_("Kampagnen er planlagt."), "success")
    return redirect(url_for("campaigns.view", panel_key=g.panel.key, campaign_id=campaign_id))
