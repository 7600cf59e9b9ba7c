"""Helpers for the meeting tests: a panel with a meeting and panelists."""
from __future__ import annotations

from email import message_from_bytes, policy

from sqlmodel import select

from engagement.delivery.models import OutboxMessage
from engagement.surveys.service import import_definitions
from tests.factories import make_panel, make_panelist

MEETING = {"kind": "meeting", "key": "havn", "title": "Borgermøde om den nye havn",
           "starts_at": "2027-03-29T19:00:00+02:00", "ends_at": "2027-03-29T21:00:00+02:00",
           "location": "Kulturhuset, Store Sal", "max_guests": 1}


def make_meeting(session, panel=None, **fields):
    panel = panel or make_panel(session)
    stored = import_definitions(session, panel, {**MEETING, **fields})[0]
    session.commit()
    return panel, stored


def people(session, panel, n, **fields):
    return [make_panelist(session, panel, **fields) for _ in range(n)]


def rows(session, like: str = "%") -> list[OutboxMessage]:
    return list(session.exec(select(OutboxMessage).where(OutboxMessage.dedupe_key.like(like))
                             .order_by(OutboxMessage.id)).all())


def calendar_part(row: OutboxMessage):
    message = message_from_bytes(row.mime, policy=policy.default)
    for part in message.walk():
        if part.get_content_type() == "text/calendar":
            return part
    return None
