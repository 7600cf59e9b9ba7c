"""The conversation around one inbound message, for the staff inbox.

Staff reading a message need what came before it: the invitation, the
reminders, what the person wrote earlier and what we made of it, the
automatic receipts and follow-up questions, and what colleagues answered.
``load_thread(session, panel_id, row, definition)`` gives every message in
and out for that panelist and campaign, oldest first, each incoming one with
the answers and RSVP recorded from it (in words: the question's number and
text, the option's label, "Ja"/"Nej").

Scope: only rows of ``panel_id`` (the page's panel) and of the message's
own panelist and campaign; a message from a sender we could not match is
its own thread, with the staff answers to it.  A fixed number of queries
however long the thread (inbound rows, outbox rows, answers, RSVPs), the
raw bytes and the outgoing MIME never loaded, the newest ``THREAD_LIMIT``
messages shown.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from conversations.definitions import Meeting, Survey
from engagement.delivery.models import OutboxMessage
from engagement.inbound.models import InboundMessage
from engagement.panel.history import (ATTENDING_LABELS, IN_KIND_LABELS, IN_STATUS_LABELS, INTENT_LABELS,
                                      OUT_STATUS_LABELS, step_label)
from engagement.surveys.models import Answer, Rsvp
from engagement.web.labels import answer_label, question_label

THREAD_LIMIT = 200
TEXT_CHARS = 5000


@dataclass(frozen=True)
class Recorded:
    """One answer read from a message, in words."""

    question: str
    value: str
    replaced: bool


@dataclass
class ThreadEntry:
    direction: str  # "in" | "out"
    id: int
    at: datetime
    channel: str
    subject: str
    text: str
    truncated: bool
    label: str       # what it was: "Invitation", "Påmindelse 1", "Svar", "Svar fra en medarbejder" ...
    status: str      # in words
    is_current: bool = False
    erased: bool = False
    answers: list[Recorded] = field(default_factory=list)
    rsvp: str | None = None

    @property
    def is_out(self) -> bool:
        return self.direction == "out"


@dataclass
class Thread:
    entries: list[ThreadEntry]
    total: int

    @property
    def is_capped(self) -> bool:
        return self.total > len(self.entries)


def _cut(text: str | None) -> tuple[str, bool]:
    text = text or ""
    if len(text) > TEXT_CHARS:
        return text[:TEXT_CHARS].rstrip() + "…", True
    return text, False


def _same(column, value):
    return column.is_(None) if value is None else column == value


def _scopes(panel_id: int, row: InboundMessage):
    """(inbound condition, outbox condition) of the thread ``row`` belongs to."""
    if row.panelist_id is None:
        return ([InboundMessage.panel_id == panel_id, InboundMessage.id == row.id],
                [OutboxMessage.panel_id == panel_id, OutboxMessage.panelist_id.is_(None),
                 OutboxMessage.dedupe_key.like(f"staff-reply:{row.id}:%")])
    return ([InboundMessage.panel_id == panel_id, InboundMessage.panelist_id == row.panelist_id,
             _same(InboundMessage.campaign_id, row.campaign_id)],
            [OutboxMessage.panel_id == panel_id, OutboxMessage.panelist_id == row.panelist_id,
             _same(OutboxMessage.campaign_id, row.campaign_id)])


def _incoming_label(kind: str | None, intent: str | None) -> str:
    if intent in INTENT_LABELS and kind in (None, "reply"):
        return str(INTENT_LABELS[intent])
    if kind in IN_KIND_LABELS:
        return str(IN_KIND_LABELS[kind])
    return _("Besked")


def _incoming(session: Session, conditions, current_id: int) -> list[ThreadEntry]:
    query = (select(InboundMessage.id, InboundMessage.received_at, InboundMessage.channel, InboundMessage.subject,
                    func.substr(InboundMessage.text, 1, TEXT_CHARS + 1), InboundMessage.status, InboundMessage.kind,
                    InboundMessage.intent, InboundMessage.raw.is_(None))
             .where(*conditions).order_by(InboundMessage.received_at.desc(), InboundMessage.id.desc())
             .limit(THREAD_LIMIT))
    entries = []
    for id_, at, channel, subject, text, status, kind, intent, erased in session.execute(query):
        text, cut = _cut(text)
        entries.append(ThreadEntry(direction="in", id=id_, at=at, channel=channel, subject=subject or "",
                                   text=text, truncated=cut, label=_incoming_label(kind, intent),
                                   status=str(IN_STATUS_LABELS.get(status, status)), is_current=id_ == current_id,
                                   erased=bool(erased)))
    return entries


def _outgoing(session: Session, conditions) -> list[ThreadEntry]:
    at = func.coalesce(OutboxMessage.sent_at, OutboxMessage.created_at)
    query = (select(OutboxMessage.id, OutboxMessage.sent_at, OutboxMessage.created_at, OutboxMessage.channel,
                    OutboxMessage.subject, func.substr(OutboxMessage.text, 1, TEXT_CHARS + 1), OutboxMessage.step,
                    OutboxMessage.status, OutboxMessage.to_address.is_(None))
             .where(*conditions).order_by(at.desc(), OutboxMessage.id.desc()).limit(THREAD_LIMIT))
    entries = []
    for id_, sent_at, created_at, channel, subject, text, step, status, erased in session.execute(query):
        text, cut = _cut(text)
        entries.append(ThreadEntry(direction="out", id=id_, at=sent_at or created_at, channel=channel,
                                   subject=subject or "", text=text, truncated=cut, label=step_label(step),
                                   status=str(OUT_STATUS_LABELS.get(status, status)),
                                   erased=bool(erased) and not text))
    return entries


def _count(session: Session, inbound, outgoing) -> int:
    incoming = select(func.count()).select_from(InboundMessage).where(*inbound).scalar_subquery()
    out = select(func.count()).select_from(OutboxMessage).where(*outgoing).scalar_subquery()
    return int(session.execute(select(incoming + out)).scalar_one())


def rsvp_label(attending: str, guests: int) -> str:
    label = str(ATTENDING_LABELS.get(attending, attending))
    if guests:
        from engagement.web.formatting import format_number

        return _("%(answer)s (med %(guests)s gæster)", answer=label, guests=format_number(guests)) \
            if guests > 1 else _("%(answer)s (med 1 gæst)", answer=label)
    return label


def _recorded(session: Session, panel_id: int, entries: list[ThreadEntry], definition: Any) -> None:
    ids = [entry.id for entry in entries if not entry.is_out]
    if not ids:
        return
    by_id = {entry.id: entry for entry in entries if not entry.is_out}
    survey = definition if isinstance(definition, Survey) else None
    found: dict[int, list[tuple[int, int, Recorded]]] = {}
    for answer in session.scalars(select(Answer).where(Answer.panel_id == panel_id,
                                                       Answer.inbound_message_id.in_(ids))):
        question = survey.question(answer.question_key) if survey is not None else None
        found.setdefault(answer.inbound_message_id, []).append((
            question.number if question is not None else 0, answer.id,
            Recorded(question=question_label(survey, answer.question_key),
                     value=answer_label(survey, answer.question_key, answer.value),
                     replaced=answer.replaced_at is not None)))
    for message_id, answers in found.items():
        by_id[message_id].answers = [recorded for _n, _id, recorded in sorted(answers, key=lambda a: a[:2])]
    if isinstance(definition, Meeting) or definition is None:
        for rsvp in session.scalars(select(Rsvp).where(Rsvp.panel_id == panel_id,
                                                       Rsvp.inbound_message_id.in_(ids)).order_by(Rsvp.id)):
            by_id[rsvp.inbound_message_id].rsvp = rsvp_label(rsvp.attending, rsvp.guests)


def load_thread(session: Session, panel_id: int, row: InboundMessage, definition: Any = None) -> Thread:
    """Every message in and out of ``row``'s conversation in this panel, oldest first."""
    inbound, outgoing = _scopes(panel_id, row)
    entries = _incoming(session, inbound, row.id) + _outgoing(session, outgoing)
    # Newest THREAD_LIMIT of the merged streams, shown oldest first; at the same moment, in before out.
    entries.sort(key=lambda e: (e.at, e.is_out, e.id), reverse=True)
    entries = entries[:THREAD_LIMIT]
    entries.reverse()
    _recorded(session, panel_id, entries, definition)
    return Thread(entries=entries, total=_count(session, inbound, outgoing))


__all__ = ["THREAD_LIMIT", "Recorded", "Thread", "ThreadEntry", "load_thread", "rsvp_label"]
