"""Meeting pages: one-click RSVP for citizens, and the attendee list for staff.

Citizens: ``/p/<panel_key>/moede/<token>/<choice>`` (choice yes, no or
maybe).  A GET shows the choice with one button (link scanners fetch every
link: a GET never records); "yes" lets the person say how many guests
(0..max_guests).  The POST records through ``service.respond`` and shows a
page that tells the truth: a seat, the waitlist or the coming lottery.
Pages are sent with ``Cache-Control: no-store`` (the token is the key).

Staff: ``/staff/<panel_key>/moeder`` lists the meetings;
``/staff/<panel_key>/moeder/<key>`` shows the attendee list (seated with
guests, waitlist in order, lottery entries, maybe, no), the composition of
those coming beside the population, and for editors the plan (capacity, seat
mode, deadline), an RSVP by hand, a new time or place, the lottery and
cancelling; ``.../deltagere.csv`` and ``.../print`` export the list.
"""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from engagement import get_settings
from engagement.db import get_session, utcnow
from engagement.meetings import service
from engagement.meetings.links import CHOICES, RsvpLinkError, read_rsvp_token
from engagement.meetings.models import FIRST_COME, LOTTERY
from engagement.panel.models import ACTIVE, Panelist
from engagement.panel.service import get_panel
from engagement.staff.auth import current_staff, require_role

bp = Blueprint("meetings", __name__, url_prefix="/p/<panel_key>/moede", template_folder="templates")
staff_bp = Blueprint("meetings_staff", __name__, url_prefix="/staff/<panel_key>/moeder", template_folder="templates")

INVALID_INPUT = 422


# ---------------------------------------------------------------------------
# Citizens: one-click RSVP
# ---------------------------------------------------------------------------

@bp.url_value_preprocessor
def _load_panel(_endpoint, values):
    key = (values or {}).get("panel_key")
    panel = get_panel(get_session(), key) if key else None
    if panel is None:
        abort(404)
    g.panel = panel


def _helpers() -> dict:
    from engagement.messages.render import format_day, format_meeting_time, format_when

    return {"meeting_time": format_meeting_time, "day": format_day, "when": format_when}


@bp.context_processor
def _panel_context():
    return {"panel": g.get("panel"), **_helpers()}


@staff_bp.context_processor
def _staff_context():
    return _helpers()


@bp.after_request
def _no_store(response):
    response.headers["Cache-Control"] = "no-store"
    return response


def _message(title: str, *paragraphs: str, status: int = 200):
    return render_template("meetings/message.html", title=title, paragraphs=paragraphs), status


def _invalid_link():
    return _message(_("Linket virker ikke"),
                    _("Linket er forkert eller for gammelt. Prøv at kopiere hele linket fra mailen."),
                    _("Du kan også bare svare på mailen."), status=404)


@bp.route("/<token>/<choice>", methods=["GET", "POST"])
def rsvp(panel_key: str, token: str, choice: str):
    if choice not in CHOICES:
        abort(404)
    session = get_session()
    try:
        claim = read_rsvp_token(token)
        stored, meeting = service.get_meeting(session, claim.definition_id, g.panel.id)
    except (RsvpLinkError, service.UnknownMeeting):
        return _invalid_link()
    panelist = session.get(Panelist, claim.panelist_id)
    if panelist is None or panelist.panel_id != g.panel.id or panelist.token_version != claim.token_version \
            or panelist.status != ACTIVE:
        return _invalid_link()
    plan = service.get_plan(session, stored)
    now = utcnow()
    if not service.is_open(plan, meeting, now):
        session.rollback()
        if plan.status != "open":
            return _message(_("Mødet er aflyst"), _("Vi er kede af det, men mødet er aflyst."), status=410)
        return _message(_("Mødet er holdt"), _("Mødet er allerede begyndt, så du kan ikke svare mere."), status=410)
    earlier = service.current_rsvp(session, stored.id, panelist.id)
    guests_choices = list(range(0, meeting.max_guests + 1))
    if request.method == "GET":
        session.commit()  # the plan row, if it was just made
        return render_template("meetings/rsvp.html", meeting=meeting, choice=choice, earlier=earlier,
                               guests_choices=guests_choices, plan=plan, errors={},
                               guests=earlier.guests if earlier is not None and earlier.attending == "yes" else 0)
    guests = 0
    if choice == "yes" and meeting.max_guests:
        raw = (request.form.get("guests") or "0").strip()
        if not raw.isdigit() or int(raw) > meeting.max_guests:
            return render_template("meetings/rsvp.html", meeting=meeting, choice=choice, earlier=earlier,
                                   guests_choices=guests_choices, plan=plan, guests=0,
                                   errors={"guests": _("Vælg et antal gæster fra listen.")}), INVALID_INPUT
        guests = int(raw)
    try:
        outcome = service.respond(session, stored, panelist, choice, guests, source="link", now=now)
    except service.MeetingClosed:
        session.rollback()
        return _message(_("Mødet er lukket"), _("Du kan ikke svare mere på dette møde."), status=410)
    session.commit()
    return render_template("meetings/rsvp_done.html", meeting=meeting, choice=choice, outcome=outcome, plan=plan)


# ---------------------------------------------------------------------------
# Staff
# ---------------------------------------------------------------------------

def _meeting_or_404(key: str):
    try:
        return service.get_meeting_by_key(get_session(), g.panel.id, key)
    except service.UnknownMeeting:
        abort(404)


def _local(moment: datetime | None) -> str:
    if moment is None:
        return ""
    return moment.astimezone(ZoneInfo(get_settings().timezone)).strftime("%Y-%m-%dT%H:%M")


def _parse_local(raw: str | None) -> datetime | None:
    raw = (raw or "").strip()
    if not raw:
        return None
    try:
        value = datetime.fromisoformat(raw)
    except ValueError:
        raise ValueError(raw) from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=ZoneInfo(get_settings().timezone))
    return value


@staff_bp.get("/")
@require_role("viewer")
def index(panel_key: str):
    session = get_session()
    rows = []
    for stored in service.list_meetings(session, g.panel.id):
        meeting = service.load_definition(stored)
        plan = service.get_plan(session, stored)
        attendees = service.attendee_list(session, stored)
        rows.append({"stored": stored, "meeting": meeting, "plan": plan, "attendees": attendees})
    session.commit()
    return render_template("meetings/index.html", rows=rows)


def _page_context(stored, meeting, **extra):
    session = get_session()
    plan = service.get_plan(session, stored)
    attendees = service.attendee_list(session, stored)
    composition, coming = service.coming_composition(session, stored, attendees)
    from engagement.selection.views import _context as selection_context

    labels = selection_context()
    values = dict(stored=stored, meeting=meeting, plan=plan, attendees=attendees, composition=composition,
                  coming=coming, value_label=labels["value_label"], feature_label=labels["feature_label"],
                  local=_local, seat_modes=(FIRST_COME, LOTTERY), errors={}, form={}, now=utcnow())
    values.update(extra)
    return values


@staff_bp.get("/<key>")
@require_role("viewer")
def meeting_page(panel_key: str, key: str):
    stored, meeting = _meeting_or_404(key)
    values = _page_context(stored, meeting)
    get_session().commit()
    return render_template("meetings/meeting.html", **values)


@staff_bp.get("/<key>/print")
@require_role("viewer")
def print_page(panel_key: str, key: str):
    stored, meeting = _meeting_or_404(key)
    values = _page_context(stored, meeting)
    get_session().commit()
    return render_template("meetings/print.html", **values)


@staff_bp.get("/<key>/deltagere.csv")
@require_role("viewer")
def attendees_csv(panel_key: str, key: str):
    from engagement.reports.attendee_export import attendees_csv  # labels, for Danish Excel
    from engagement.reports.spreadsheet import csv_response

    stored, meeting = _meeting_or_404(key)
    data = attendees_csv(service.attendee_list(get_session(), stored))
    get_session().commit()
    return csv_response(data, f"{stored.key}-deltagere.csv")


def _staff_id() -> int | None:
    staff = current_staff()
    return staff.id if staff else None


@staff_bp.post("/<key>/plan")
@require_role("editor")
def configure(panel_key: str, key: str):
    stored, meeting = _meeting_or_404(key)
    session = get_session()
    form = request.form
    errors: dict[str, str] = {}
    capacity = None
    raw = (form.get("capacity") or "").strip()
    if raw:
        if not raw.isdigit() or int(raw) < 1:
            errors["capacity"] = _("Skriv et helt tal på 1 eller mere, eller lad feltet stå tomt.")
        else:
            capacity = int(raw)
    try:
        deadline = _parse_local(form.get("rsvp_deadline_at"))
    except ValueError:
        deadline, errors["rsvp_deadline_at"] = None, _("Skriv en dato og et klokkeslæt.")
    seat_mode = form.get("seat_mode") or FIRST_COME
    if not errors:
        try:
            service.configure_meeting(session, stored, capacity=capacity, seat_mode=seat_mode,
                                      rsvp_deadline_at=deadline, staff_id=_staff_id())
            session.commit()
            flash(_("Planen er gemt."), "success")
            return redirect(url_for(".meeting_page", panel_key=g.panel.key, key=key))
        except service.InvalidPlan as exc:
            session.rollback()
            errors[exc.field] = str(PLAN_ERRORS.get(exc.field, _("Planen kan ikke bruges.")))
    values = _page_context(stored, meeting, errors=errors, form=form)
    return render_template("meetings/meeting.html", **values), INVALID_INPUT


PLAN_ERRORS = {
    "capacity": _l("Et møde med lodtrækning skal have et antal pladser."),
    "seat_mode": _l("Lodtrækningen er sket. Måden at fordele pladser på kan ikke ændres nu."),
    "rsvp_deadline_at": _l("Lodtrækning kræver en svarfrist, og fristen skal ligge før mødet."),
    "reminders": _l("Påmindelserne kan ikke bruges."),
}


@staff_bp.post("/<key>/svar")
@require_role("editor")
def staff_rsvp(panel_key: str, key: str):
    stored, meeting = _meeting_or_404(key)
    session = get_session()
    form = request.form
    errors: dict[str, str] = {}
    panelist = None
    raw_id = (form.get("panelist_id") or "").strip()
    if raw_id.isdigit():
        panelist = session.get(Panelist, int(raw_id))
    if panelist is None or panelist.panel_id != g.panel.id or panelist.status != ACTIVE:
        errors["panelist_id"] = _("Vi kender ikke et aktivt medlem med det nummer.")
    attending = form.get("attending")
    if attending not in CHOICES:
        errors["attending"] = _("Vælg ja, nej eller måske.")
    raw_guests = (form.get("guests") or "0").strip()
    guests = int(raw_guests) if raw_guests.isdigit() else -1
    if guests < 0:
        errors["guests"] = _("Skriv et helt tal.")
    if not errors:
        try:
            outcome = service.respond(session, stored, panelist, attending, guests, source="staff")
            session.commit()
            flash(str(STATE_TEXT.get(outcome.state, _("Svaret er gemt."))), "success")
            return redirect(url_for(".meeting_page", panel_key=g.panel.key, key=key))
        except service.TooManyGuests as exc:
            session.rollback()
            errors["guests"] = _("Højst %(num)s gæster til dette møde. Spørg personen, hvem der skal med.",
                                 num=exc.max_guests)
        except service.MeetingClosed:
            session.rollback()
            errors["attending"] = _("Mødet er aflyst eller begyndt.")
    values = _page_context(stored, meeting, errors=errors, form=form)
    return render_template("meetings/meeting.html", **values), INVALID_INPUT


STATE_TEXT = {
    "seated": _l("Svaret er gemt. Personen har en plads."),
    "waitlisted": _l("Svaret er gemt. Personen står på ventelisten."),
    "entered": _l("Svaret er gemt. Personen er med i lodtrækningen."),
    "none": _l("Svaret er gemt."),
}


@staff_bp.post("/<key>/flyt")
@require_role("editor")
def change(panel_key: str, key: str):
    stored, meeting = _meeting_or_404(key)
    session = get_session()
    errors: dict[str, str] = {}
    try:
        starts_at = _parse_local(request.form.get("starts_at"))
        ends_at = _parse_local(request.form.get("ends_at"))
    except ValueError:
        starts_at = ends_at = None
    if starts_at is None or ends_at is None:
        errors["starts_at"] = _("Skriv både start og slut som dato og klokkeslæt.")
    location = (request.form.get("location") or "").strip()
    if not errors:
        try:
            told = service.change_meeting(session, stored, starts_at=starts_at, ends_at=ends_at, location=location,
                                          staff_id=_staff_id())
            session.commit()
            flash(_("Mødet er ændret. %(count)s får besked.", count=told), "success")
            return redirect(url_for(".meeting_page", panel_key=g.panel.key, key=key))
        except service.InvalidPlan:
            session.rollback()
            errors["starts_at"] = _("Tiden kan ikke bruges: slut skal ligge efter start, og start efter svarfristen.")
        except service.MeetingClosed:
            session.rollback()
            errors["starts_at"] = _("Mødet er aflyst.")
    values = _page_context(stored, meeting, errors=errors, form=request.form)
    return render_template("meetings/meeting.html", **values), INVALID_INPUT


@staff_bp.post("/<key>/aflys")
@require_role("editor")
def cancel(panel_key: str, key: str):
    stored, _meeting = _meeting_or_404(key)
    session = get_session()
    told = service.cancel_meeting(session, stored, staff_id=_staff_id())
    session.commit()
    flash(_("Mødet er aflyst. %(count)s får besked.", count=told), "success")
    return redirect(url_for(".meeting_page", panel_key=g.panel.key, key=key))


@staff_bp.post("/<key>/lodtraekning")
@require_role("editor")
def draw(panel_key: str, key: str):
    stored, _meeting = _meeting_or_404(key)
    session = get_session()
    try:
        report = service.draw_lottery(session, stored, staff_id=_staff_id())
        session.commit()
        flash(_("Lodtrækningen er sket: %(seated)s har fået plads, %(waiting)s står på ventelisten.",
                seated=len(report.seated), waiting=len(report.waitlist)), "success")
    except service.MeetingError:
        session.rollback()
        flash(_("Lodtrækningen kan ikke ske nu."), "error")
    return redirect(url_for(".meeting_page", panel_key=g.panel.key, key=key))
