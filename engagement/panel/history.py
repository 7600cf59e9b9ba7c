"""A panelist's history for the staff page: every message in and out, answers, RSVPs and seats.

Staff open one panelist to see what we promised and sent them, what they
wrote back and what we made of it, and what is recorded in their name.  The
page must stay fast for the panelist who has had years of reminders, so
``load_history`` uses a fixed number of queries however long the history is
(no query per message, answer or meeting): the two message streams are read
newest first up to the cap, merged, and counted in one query; answers, RSVPs,
seats, definitions and the staff who corrected an answer are read in one
query each.  Message bodies are cut to an excerpt in SQL, and the raw bytes
(``InboundMessage.raw``, ``OutboxMessage.mime``) are never loaded.

Everything is scoped by the panelist's own panel as well as the panelist,
so a row that somehow points at another panel's definition never shows.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from flask_babel import gettext as _, lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from conversations.definitions import DefinitionError, Meeting, Survey
from engagement.campaigns.models import Campaign
from engagement.delivery import models as out
from engagement.delivery.models import OutboxMessage
from engagement.inbound import models as inb
from engagement.inbound.models import InboundMessage
from engagement.meetings.models import ENTERED, NONE, SEATED, WAITLISTED, MeetingSeat
from engagement.panel.models import Panelist
from engagement.staff.models import StaffUser
from engagement.surveys.models import Answer, Rsvp, StoredDefinition
from engagement.surveys.service import load_definition

# Messages shown before "show all"; a panelist on the page for the first time rarely has more.
MESSAGE_LIMIT = 25
EXCERPT_CHARS = 160

CHANNEL_LABELS = {out.EMAIL: _l("Mail"), out.SMS: _l("SMS")}
OUT_STATUS_LABELS = {out.PENDING: _l("Venter"), out.SENDING: _l("Sendes"), out.SENT: _l("Sendt"),
                     out.FAILED: _l("Fejlede"), out.CANCELLED: _l("Annulleret"), out.EXPIRED: _l("Udløbet")}
SMS_DELIVERY_LABELS = {"delivered": _l("leveret"), "undelivered": _l("ikke leveret"), "failed": _l("ikke leveret"),
                       "read": _l("læst")}
IN_STATUS_LABELS = {inb.RECEIVED: _l("Modtaget"), inb.PROCESSED: _l("Behandlet"), inb.IGNORED: _l("Ignoreret"),
                    inb.FAILED: _l("Kunne ikke læses")}
IN_KIND_LABELS = {inb.REPLY: _l("Svar"), inb.AUTO_REPLY: _l("Autosvar"), inb.BOUNCE_HARD: _l("Afvist (varigt)"),
                  inb.BOUNCE_SOFT: _l("Afvist (midlertidigt)"), inb.OWN: _l("Vores egen besked"),
                  inb.STOP: _l("STOP (framelding af SMS)"), inb.START: _l("START (SMS igen)")}
INTENT_LABELS = {"answers": _l("Svar på spørgsmål"), "rsvp": _l("Svar på mødeinvitation"),
                 "unsubscribe": _l("Vil meldes ud"), "auto_reply": _l("Autosvar"), "bounce": _l("Afvisning"),
                 "unclear": _l("Uklart"), "other": _l("Besked til en medarbejder")}
SOURCE_LABELS = {"email": _l("Mail"), "sms": _l("SMS"), "link": _l("Link"), "staff": _l("Medarbejder")}
ATTENDING_LABELS = {"yes": _l("Kommer"), "no": _l("Kommer ikke"), "maybe": _l("Måske")}
SEAT_LABELS = {SEATED: _l("Har plads"), WAITLISTED: _l("På venteliste"), ENTERED: _l("Med i lodtrækningen"),
               NONE: _l("Ingen plads")}


def step_label(step: str | None) -> str:
    """What an outgoing message was, in words (``invitation``, ``reminder-2``, ``reply:receipt`` ...)."""
    step = step or ""
    if step == "invitation":
        return _("Invitation")
    if step.startswith("reminder-"):
        return _("Påmindelse %(number)s", number=step.removeprefix("reminder-"))
    if step.startswith("reply:"):
        return _("Automatisk svar")
    if step == "staff_reply":
        return _("Svar fra en medarbejder")
    if step.startswith("feedback-"):
        return _("Tilbagemelding om resultater")
    if step.startswith("meeting-reminder-"):
        return _("Påmindelse om møde")
    if step.startswith("meeting:"):
        return _("Besked om møde")
    return step


@dataclass(frozen=True)
class MessageEntry:
    """One message in the timeline, either way."""

    direction: str  # "out" | "in"
    id: int
    at: datetime
    channel: str
    subject: str
    excerpt: str
    truncated: bool
    status: str
    campaign_title: str | None = None
    # Outgoing
    step: str | None = None
    delivery_status: str | None = None
    error: str | None = None
    # Incoming
    kind: str | None = None
    intent: str | None = None
    needs_staff: bool = False
    handled: bool = False
    erased: bool = False
    answers_read: int = 0
    rsvp_read: str | None = None

    @property
    def is_out(self) -> bool:
        return self.direction == "out"


@dataclass(frozen=True)
class AnswerEntry:
    question_number: int | None
    question_text: str
    value: str
    source: str
    recorded_at: datetime
    replaced_at: datetime | None
    replaced_by: str | None
    inbound_message_id: int | None


@dataclass
class SurveyAnswers:
    definition_id: int
    title: str
    latest_at: datetime
    answers: list[AnswerEntry] = field(default_factory=list)


@dataclass(frozen=True)
class RsvpEntry:
    attending: str
    guests: int
    source: str
    recorded_at: datetime
    replaced_at: datetime | None
    inbound_message_id: int | None


@dataclass
class MeetingEntry:
    definition_id: int
    title: str
    starts_at: datetime | None
    location: str
    latest_at: datetime
    seat_state: str | None = None
    seat_guests: int = 0
    rsvps: list[RsvpEntry] = field(default_factory=list)

    @property
    def current(self) -> RsvpEntry | None:
        return next((r for r in self.rsvps if r.replaced_at is None), None)


@dataclass
class PanelistHistory:
    messages: list[MessageEntry]
    message_total: int
    surveys: list[SurveyAnswers]
    meetings: list[MeetingEntry]

    @property
    def is_capped(self) -> bool:
        return self.message_total > len(self.messages)


def _excerpt(text: str | None) -> tuple[str, bool]:
    text = " ".join((text or "").split())
    if len(text) > EXCERPT_CHARS - 10:
        return text[:EXCERPT_CHARS - 10].rstrip() + "…", True
    return text, False


def _outgoing(session: Session, panelist: Panelist, limit: int | None) -> list[MessageEntry]:
    at = func.coalesce(OutboxMessage.sent_at, OutboxMessage.created_at)
    query = (select(OutboxMessage.id, OutboxMessage.sent_at, OutboxMessage.created_at, OutboxMessage.channel,
                    OutboxMessage.step, OutboxMessage.subject, func.substr(OutboxMessage.text, 1, EXCERPT_CHARS),
                    OutboxMessage.status, OutboxMessage.delivery_status, OutboxMessage.last_error,
                    OutboxMessage.error_code, Campaign.title)
             .outerjoin(Campaign, Campaign.id == OutboxMessage.campaign_id)
             .where(OutboxMessage.panel_id == panelist.panel_id, OutboxMessage.panelist_id == panelist.id)
             .order_by(at.desc(), OutboxMessage.id.desc()))
    if limit is not None:
        query = query.limit(limit)
    entries = []
    for (id_, sent_at, created_at, channel, step, subject, text, status, delivery, error, code,
         title) in session.execute(query):
        excerpt, cut = _excerpt(text)
        problem = " ".join(part for part in ((f"[{code}]" if code is not None else ""), error or "") if part)
        entries.append(MessageEntry(direction="out", id=id_, at=sent_at or created_at, channel=channel,
                                    subject=subject, excerpt=excerpt, truncated=cut, status=status,
                                    campaign_title=title, step=step, delivery_status=delivery,
                                    error=problem or None))
    return entries


def _incoming(session: Session, panelist: Panelist, limit: int | None) -> list[MessageEntry]:
    query = (select(InboundMessage.id, InboundMessage.received_at, InboundMessage.channel, InboundMessage.subject,
                    func.substr(InboundMessage.text, 1, EXCERPT_CHARS), InboundMessage.status,
                    InboundMessage.kind, InboundMessage.intent, InboundMessage.needs_staff,
                    InboundMessage.handled_at, InboundMessage.raw.is_(None), Campaign.title)
             .outerjoin(Campaign, Campaign.id == InboundMessage.campaign_id)
             .where(InboundMessage.panel_id == panelist.panel_id, InboundMessage.panelist_id == panelist.id)
             .order_by(InboundMessage.received_at.desc(), InboundMessage.id.desc()))
    if limit is not None:
        query = query.limit(limit)
    entries = []
    for (id_, received_at, channel, subject, text, status, kind, intent, needs_staff, handled_at, erased,
         title) in session.execute(query):
        excerpt, cut = _excerpt(text)
        entries.append(MessageEntry(direction="in", id=id_, at=received_at, channel=channel, subject=subject,
                                    excerpt=excerpt, truncated=cut, status=status, campaign_title=title,
                                    kind=kind, intent=intent, needs_staff=bool(needs_staff),
                                    handled=handled_at is not None, erased=bool(erased)))
    return entries


def _message_total(session: Session, panelist: Panelist) -> int:
    outgoing = (select(func.count()).select_from(OutboxMessage)
                .where(OutboxMessage.panel_id == panelist.panel_id, OutboxMessage.panelist_id == panelist.id)
                .scalar_subquery())
    incoming = (select(func.count()).select_from(InboundMessage)
                .where(InboundMessage.panel_id == panelist.panel_id, InboundMessage.panelist_id == panelist.id)
                .scalar_subquery())
    return int(session.execute(select(outgoing + incoming)).scalar_one())


def _definitions(session: Session, panel_id: int, ids: set[int]) -> dict[int, tuple[str, Survey | Meeting | None]]:
    """Definition id -> (title, parsed definition or None when it no longer parses), this panel's only."""
    if not ids:
        return {}
    found = {}
    for row in session.scalars(select(StoredDefinition).where(StoredDefinition.panel_id == panel_id,
                                                              StoredDefinition.id.in_(ids))):
        try:
            found[row.id] = (row.title, load_definition(row))
        except DefinitionError:
            found[row.id] = (row.title, None)
    return found


def _value_label(survey: Survey | None, question_key: str, value: Any) -> str:
    from engagement.web.labels import answer_label

    return answer_label(survey, question_key, value)


def _answers(rows, definitions) -> list[SurveyAnswers]:
    by_survey: dict[int, SurveyAnswers] = {}
    for answer, staff_name, staff_email in rows:
        if answer.definition_id not in definitions:  # another panel's definition: never shown
            continue
        title, survey = definitions[answer.definition_id]
        group = by_survey.setdefault(answer.definition_id, SurveyAnswers(answer.definition_id, title,
                                                                         answer.recorded_at))
        group.latest_at = max(group.latest_at, answer.recorded_at)
        question = survey.question(answer.question_key) if isinstance(survey, Survey) else None
        group.answers.append(AnswerEntry(
            question_number=question.number if question else None,
            question_text=question.text if question else answer.question_key,
            value=_value_label(survey, answer.question_key, answer.value), source=answer.source,
            recorded_at=answer.recorded_at, replaced_at=answer.replaced_at,
            replaced_by=(staff_name or staff_email) if answer.replaced_by_staff_id else None,
            inbound_message_id=answer.inbound_message_id))
    for group in by_survey.values():
        # Question order; under each question the current answer first, then what it replaced.
        group.answers.sort(key=lambda a: (a.question_number is None, a.question_number or 0, a.question_text,
                                          a.replaced_at is not None, -a.recorded_at.timestamp()))
    return sorted(by_survey.values(), key=lambda g: g.latest_at, reverse=True)


def _meetings(rsvps, seats, definitions) -> list[MeetingEntry]:
    by_meeting: dict[int, MeetingEntry] = {}

    def entry(definition_id: int, at: datetime) -> MeetingEntry | None:
        if definition_id not in definitions:
            return None
        if definition_id not in by_meeting:
            title, meeting = definitions[definition_id]
            is_meeting = isinstance(meeting, Meeting)
            by_meeting[definition_id] = MeetingEntry(definition_id, title,
                                                     meeting.starts_at if is_meeting else None,
                                                     meeting.location if is_meeting else "", at)
        found = by_meeting[definition_id]
        found.latest_at = max(found.latest_at, at)
        return found

    for rsvp in rsvps:
        found = entry(rsvp.definition_id, rsvp.recorded_at)
        if found is not None:
            found.rsvps.append(RsvpEntry(rsvp.attending, rsvp.guests, rsvp.source, rsvp.recorded_at,
                                         rsvp.replaced_at, rsvp.inbound_message_id))
    for seat in seats:
        found = entry(seat.definition_id, seat.updated_at)
        if found is not None:
            found.seat_state, found.seat_guests = seat.state, seat.guests
    for found in by_meeting.values():
        found.rsvps.sort(key=lambda r: r.recorded_at, reverse=True)
    return sorted(by_meeting.values(), key=lambda m: m.latest_at, reverse=True)


def load_history(session: Session, panelist: Panelist, limit: int | None = MESSAGE_LIMIT) -> PanelistHistory:
    """Everything on the panelist's page below the profile, in seven queries.

    ``limit`` caps the message timeline (newest first); None shows all of it.
    """
    outgoing = _outgoing(session, panelist, limit)
    incoming = _incoming(session, panelist, limit)
    total = _message_total(session, panelist)
    answer_rows = session.execute(
        select(Answer, StaffUser.name, StaffUser.email)
        .outerjoin(StaffUser, StaffUser.id == Answer.replaced_by_staff_id)
        .where(Answer.panel_id == panelist.panel_id, Answer.panelist_id == panelist.id)
        .order_by(Answer.recorded_at, Answer.id)).all()
    rsvps = session.scalars(select(Rsvp).where(Rsvp.panel_id == panelist.panel_id, Rsvp.panelist_id == panelist.id)
                            .order_by(Rsvp.recorded_at, Rsvp.id)).all()
    seats = session.scalars(select(MeetingSeat).where(MeetingSeat.panel_id == panelist.panel_id,
                                                      MeetingSeat.panelist_id == panelist.id)).all()
    definitions = _definitions(session, panelist.panel_id,
                               {row[0].definition_id for row in answer_rows}
                               | {r.definition_id for r in rsvps} | {s.definition_id for s in seats})

    # What each incoming message was read as: answers and RSVPs that name it.
    answers_read: dict[int, int] = defaultdict(int)
    for answer, _name, _email in answer_rows:
        if answer.inbound_message_id is not None:
            answers_read[answer.inbound_message_id] += 1
    rsvp_read = {r.inbound_message_id: r.attending for r in rsvps if r.inbound_message_id is not None}
    incoming = [replace(m, answers_read=answers_read.get(m.id, 0), rsvp_read=rsvp_read.get(m.id)) for m in incoming]

    messages = sorted(outgoing + incoming, key=lambda m: (m.at, m.direction == "in", m.id), reverse=True)
    if limit is not None:
        messages = messages[:limit]
    return PanelistHistory(messages=messages, message_total=total,
                           surveys=_answers(answer_rows, definitions),
                           meetings=_meetings(rsvps, seats, definitions))
