"""Recording an RSVP: the answer is stored, the seat given, kept or freed, and the outcome names the notice
that tells the truth about it (seat, waitlist, lottery)."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlmodel import Session

from conversations.definitions import Meeting
from engagement.db import utcnow
from engagement.meetings import calendar, notices, outgoing, seats
from engagement.meetings.errors import MeetingClosed, TooManyGuests, UnknownMeeting
from engagement.meetings.lookup import get_plan
from engagement.meetings.models import ENTERED, LOTTERY, NONE, OPEN, SEATED, WAITLISTED, MeetingPlan, MeetingSeat
from engagement.meetings.waitlist import promote, seat_rows, seats_taken, waitlist_position
from engagement.panel.models import Panelist
from engagement.surveys.models import Rsvp, StoredDefinition
from engagement.surveys.service import load_definition, record_rsvp

log = logging.getLogger(__name__)


@dataclass
class RsvpOutcome:
    rsvp: Rsvp
    seat: MeetingSeat
    state: str                       # seated | waitlisted | entered | none
    position: int | None = None      # place in line on the waitlist (1 = next)
    moved_up: list[int] = field(default_factory=list)  # panelists who got a seat because of this answer
    notice: str | None = None        # the notice that tells the truth about this answer (None: rsvp_receipt)
    draw_at: datetime | None = None  # a lottery meeting: when lots are drawn

    @property
    def is_seated(self) -> bool:
        return self.state == SEATED


def is_open(plan: MeetingPlan, meeting: Meeting, now: datetime) -> bool:
    return plan.status == OPEN and now < meeting.starts_at


def respond(session: Session, stored: StoredDefinition, panelist: Panelist, attending: str, guests: int = 0, *,
            source: str, inbound_message_id: int | None = None, now: datetime | None = None,
            notify: bool | None = None) -> RsvpOutcome:
    """Record the RSVP and decide the seat.  ``notify`` (default: for links and staff) also sends the
    panelist the notice about their own answer; replies by email and SMS get the pipeline's receipt."""
    now = now or utcnow()
    meeting = load_definition(stored)
    if not isinstance(meeting, Meeting):
        raise UnknownMeeting(f"{stored.key!r} is not a meeting")
    plan = get_plan(session, stored, lock=True)
    if not is_open(plan, meeting, now):
        raise MeetingClosed("the meeting is cancelled or has begun")
    guests = int(guests or 0) if attending != "no" else 0
    if guests > meeting.max_guests:
        raise TooManyGuests(meeting.max_guests, guests)
    rsvp = record_rsvp(session, stored.panel_id, stored.id, panelist.id, attending, guests, source=source,
                       inbound_message_id=inbound_message_id, now=now)
    seat = session.scalars(select(MeetingSeat).where(MeetingSeat.definition_id == stored.id,
                                                     MeetingSeat.panelist_id == panelist.id)).first()
    if seat is None:
        seat = MeetingSeat(panel_id=stored.panel_id, definition_id=stored.id, panelist_id=panelist.id)
    was = seat.state
    seat.rsvp_id = rsvp.id
    seat.guests = guests
    seat.updated_at = now
    size = seats.party_size(guests)
    if attending == "yes":
        if plan.seat_mode == LOTTERY and plan.lottery_drawn_at is None:
            seat.state, seat.position = ENTERED, None
        elif was == SEATED:
            others = seats_taken(session, stored.id, except_panelist=panelist.id)
            if not seats.fits(plan.capacity, others, size):
                seat.state = WAITLISTED
                seat.position = seats.front_position(s.position for s in seat_rows(session, stored.id, WAITLISTED))
        elif was == WAITLISTED:
            pass  # keeps its place; moving up is decided below
        else:
            taken = seats_taken(session, stored.id, except_panelist=panelist.id)
            if seats.place_yes(plan.capacity, taken, size) == seats.SEATED:
                seat.state, seat.position, seat.seated_at = SEATED, None, now
            else:
                seat.state = WAITLISTED
                seat.position = seats.next_position(s.position for s in seat_rows(session, stored.id, WAITLISTED))
    else:
        seat.state, seat.position = NONE, None
    session.add(seat)
    session.flush()
    moved = promote(session, plan, stored, meeting, now, skip_notice_for=panelist.id)
    session.refresh(seat)
    outcome = RsvpOutcome(rsvp=rsvp, seat=seat, state=seat.state, position=waitlist_position(session, seat),
                          moved_up=[pid for pid in moved if pid != panelist.id],
                          draw_at=plan.rsvp_deadline_at if seat.state == ENTERED else None)
    if seat.state == SEATED and plan.capacity is not None:
        outcome.notice = notices.SEAT_CONFIRMED
    elif seat.state == WAITLISTED:
        outcome.notice = notices.WAITLISTED
    elif seat.state == ENTERED:
        outcome.notice = notices.LOTTERY_ENTERED
    if notify is None:
        notify = source in ("link", "staff")
    if notify and outcome.notice and (was != seat.state or seat.state != SEATED or source == "staff"):
        outgoing.notify(session, plan, stored, meeting, panelist, outcome.notice, f"rsvp:{rsvp.id}", now,
                        guests=guests, position=outcome.position, draw_at=outcome.draw_at,
                        method=calendar.REQUEST if seat.state == SEATED else None)
    log.info("meeting %s: rsvp %s from %s -> %s", stored.id, attending, source, seat.state)
    return outcome


__all__ = ["RsvpOutcome", "is_open", "respond"]
