"""Meetings and workshops: the meeting service's one public face, and the seat rows in GDPR export and erasure.

What views, tests and the bench call as ``service.<name>``; the work is done in
the modules named for it, re-exported here:

* ``lookup``: ``get_meeting``, ``get_meeting_by_key``, ``list_meetings``, ``get_plan``;
* ``rsvps``: ``respond`` records an RSVP and gives, keeps or frees the seat; the
  outcome names the notice that tells the truth (seat, waitlist, lottery);
* ``waitlist``: seats taken, place in line, moving up (told at once);
* ``lottery``: ``draw_lottery`` at the RSVP deadline of a lottery meeting;
* ``changes``: ``configure_meeting``, ``change_meeting`` (``SEQUENCE`` + 1),
  ``cancel_meeting`` (``METHOD:CANCEL``);
* ``reminders``: ``due_meeting_reminders`` and the scheduler's ``due_meeting_jobs``
  (the only entry point that commits, once per meeting);
* ``outgoing``: the notices promised in the outbox, ``channel_for``, ``invitation_extras``;
* ``attendees``: the staff's attendee list and the composition of those coming;
* ``errors``: ``MeetingError`` and its kinds.

Everything but ``due_meeting_jobs`` runs in the caller's transaction, together
with the outbox rows it promises (send after commit).  Outbox dedupe keys:
``meeting:<definition id>:panelist:<id>:<what>``, e.g. ``...:waitlist-moved-up:2``,
``...:reminder-0:s1``, ``...:changed:3``.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlmodel import Session

from engagement.meetings.attendees import Attendee, AttendeeList, attendee_list, coming_composition
from engagement.meetings.changes import cancel_meeting, change_meeting, configure_meeting
from engagement.meetings.errors import InvalidPlan, MeetingClosed, MeetingError, TooManyGuests, UnknownMeeting
from engagement.meetings.lookup import get_meeting, get_meeting_by_key, get_plan, list_meetings
from engagement.meetings.lottery import LotteryReport, draw_lottery, due_lotteries
from engagement.meetings.models import MeetingSeat
from engagement.meetings.outgoing import channel_for, invitation_extras
from engagement.meetings.reminders import due_meeting_jobs, due_meeting_reminders
from engagement.meetings.rsvps import RsvpOutcome, is_open, respond
from engagement.meetings.waitlist import seats_taken, waitlist_position
from engagement.panel import gdpr
from engagement.panel.models import Panelist
from engagement.surveys.models import StoredDefinition
from engagement.surveys.service import current_rsvp, load_definition


# ---------------------------------------------------------------------------
# GDPR
# ---------------------------------------------------------------------------

def _export_seats(session: Session, panelist: Panelist) -> list:
    rows = session.execute(select(MeetingSeat, StoredDefinition)
                           .join(StoredDefinition, StoredDefinition.id == MeetingSeat.definition_id)
                           .where(MeetingSeat.panelist_id == panelist.id).order_by(MeetingSeat.id)).all()
    return [{"meeting": stored.key, "title": stored.title, "state": seat.state, "guests": seat.guests,
             "seated_at": seat.seated_at, "updated_at": seat.updated_at} for seat, stored in rows]


def _erase_seats(session: Session, panelist: Panelist, _now: datetime) -> None:
    for seat in session.scalars(select(MeetingSeat).where(MeetingSeat.panelist_id == panelist.id)).all():
        session.delete(seat)
    session.flush()


gdpr.register_export_section("meeting_seats", _export_seats)
gdpr.register_erasure_step(_erase_seats)


__all__ = ["MeetingError", "UnknownMeeting", "MeetingClosed", "TooManyGuests", "InvalidPlan", "RsvpOutcome",
           "LotteryReport", "Attendee", "AttendeeList", "attendee_list", "cancel_meeting", "change_meeting",
           "channel_for", "configure_meeting", "coming_composition", "current_rsvp", "draw_lottery", "due_lotteries",
           "due_meeting_jobs", "due_meeting_reminders", "get_meeting", "get_meeting_by_key", "get_plan",
           "invitation_extras", "is_open", "list_meetings", "load_definition", "respond", "seats_taken",
           "waitlist_position"]
