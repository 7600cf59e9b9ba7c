"""Seats and the waitlist as rows: who holds a seat, place in line, and moving up when seats come free.

The seat rules themselves are pure values in ``seats.py``; this module applies them to ``MeetingSeat``
rows and tells whoever moves up at once (``outgoing.notify``).
"""
from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import func, select
from sqlmodel import Session

from conversations.definitions import Meeting
from engagement.meetings import calendar, notices, outgoing, seats
from engagement.meetings.models import ENTERED, LOTTERY, OPEN, SEATED, WAITLISTED, MeetingPlan, MeetingSeat
from engagement.panel.models import Panelist
from engagement.surveys.models import StoredDefinition

log = logging.getLogger(__name__)


def seat_rows(session: Session, definition_id: int, state: str | None = None) -> list[MeetingSeat]:
    query = select(MeetingSeat).where(MeetingSeat.definition_id == definition_id)
    if state is not None:
        query = query.where(MeetingSeat.state == state)
    return list(session.scalars(query.order_by(MeetingSeat.position, MeetingSeat.id)).all())


def seats_taken(session: Session, definition_id: int, except_panelist: int | None = None) -> int:
    query = select(func.coalesce(func.sum(1 + MeetingSeat.guests), 0)).where(
        MeetingSeat.definition_id == definition_id, MeetingSeat.state == SEATED)
    if except_panelist is not None:
        query = query.where(MeetingSeat.panelist_id != except_panelist)
    return int(session.scalar(query) or 0)


def waitlist_position(session: Session, seat: MeetingSeat) -> int | None:
    if seat.state != WAITLISTED or seat.position is None:
        return None
    ahead = session.scalar(select(func.count()).select_from(MeetingSeat).where(
        MeetingSeat.definition_id == seat.definition_id, MeetingSeat.state == WAITLISTED,
        MeetingSeat.position < seat.position)) or 0
    return ahead + 1


def admit_entered(session: Session, plan: MeetingPlan, stored: StoredDefinition, meeting: Meeting,
                  now: datetime) -> None:
    """First-come mode: people still 'entered' (from a lottery plan) take seats in answer order."""
    entered = sorted(seat_rows(session, stored.id, ENTERED), key=lambda s: (s.updated_at, s.id))
    for seat in entered:
        taken = seats_taken(session, stored.id)
        if seats.fits(plan.capacity, taken, seats.party_size(seat.guests)):
            seat.state, seat.seated_at = SEATED, now
        else:
            seat.state = WAITLISTED
            seat.position = seats.next_position(s.position for s in seat_rows(session, stored.id, WAITLISTED))
        session.add(seat)
        session.flush()


def promote(session: Session, plan: MeetingPlan, stored: StoredDefinition, meeting: Meeting, now: datetime,
            skip_notice_for: int | None = None) -> list[int]:
    """Move up whoever fits from the waitlist, in order, and tell them at once."""
    if plan.status != OPEN or (plan.seat_mode == LOTTERY and plan.lottery_drawn_at is None):
        return []
    waiting = seat_rows(session, stored.id, WAITLISTED)
    if not waiting:
        return []
    taken = seats_taken(session, stored.id)
    moved = seats.moves_up(plan.capacity, taken,
                           [seats.Party(s.panelist_id, seats.party_size(s.guests)) for s in waiting])
    by_panelist = {s.panelist_id: s for s in waiting}
    for panelist_id in moved:
        seat = by_panelist[panelist_id]
        seat.state, seat.position, seat.seated_at, seat.updated_at = SEATED, None, now, now
        seat.moved_up_count += 1
        session.add(seat)
        session.flush()
        if panelist_id == skip_notice_for:
            continue
        panelist = session.get(Panelist, panelist_id)
        if panelist is not None:
            outgoing.notify(session, plan, stored, meeting, panelist, notices.MOVED_UP,
                            f"waitlist-moved-up:{seat.moved_up_count}", now, guests=seat.guests,
                            method=calendar.REQUEST)
    if moved:
        log.info("meeting %s: %s moved up from the waitlist", stored.id, len(moved))
    return moved


__all__ = ["admit_entered", "promote", "seat_rows", "seats_taken", "waitlist_position"]
