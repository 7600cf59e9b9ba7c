"""What staff change about a meeting: its plan (seats, seat mode, deadline, reminders), its time or place
(``SEQUENCE`` + 1, everyone told with an updated calendar file), or its cancellation (``METHOD:CANCEL``)."""
from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime

from sqlalchemy import select, update
from sqlmodel import Session

from conversations.definitions import definition_to_dict
from engagement.audit import record_audit
from engagement.db import utcnow
from engagement.delivery.models import PENDING, OutboxMessage
from engagement.meetings import calendar, notices, outgoing
from engagement.meetings import plan as rules
from engagement.meetings.calendar_updates import tell_unanswered
from engagement.meetings.errors import InvalidPlan, MeetingClosed
from engagement.meetings.lookup import get_plan
from engagement.meetings.models import CANCELLED, FIRST_COME, OPEN, MeetingPlan, MeetingSeat
from engagement.meetings.waitlist import admit_entered, promote
from engagement.panel.models import ACTIVE, Panelist
from engagement.surveys.models import Rsvp, StoredDefinition
from engagement.surveys.service import load_definition

log = logging.getLogger(__name__)


def configure_meeting(session: Session, stored: StoredDefinition, *, capacity: int | None, seat_mode: str,
                      rsvp_deadline_at: datetime | None, reminders: list[dict] | None = None,
                      staff_id: int | None = None, now: datetime | None = None) -> MeetingPlan:
    meeting = load_definition(stored)
    plan = get_plan(session, stored, lock=True)
    reminders = [dict(r) for r in (plan.reminders if reminders is None else reminders)]
    try:
        rules.check_plan(capacity=capacity, seat_mode=seat_mode, rsvp_deadline_at=rsvp_deadline_at,
                         starts_at=meeting.starts_at, reminders=reminders)
    except rules.PlanError as exc:
        raise InvalidPlan(exc.field, str(exc)) from None
    if plan.lottery_drawn_at is not None and seat_mode != plan.seat_mode:
        raise InvalidPlan("seat_mode", "the lottery has been drawn; the seat mode can no longer change")
    plan.capacity, plan.seat_mode, plan.rsvp_deadline_at = capacity, seat_mode, rsvp_deadline_at
    plan.reminders = reminders
    plan.updated_at = now or utcnow()
    session.add(plan)
    session.flush()
    if seat_mode == FIRST_COME:
        # Seats that came free with a larger room (or people entered before a switch from lottery).
        admit_entered(session, plan, stored, meeting, now or utcnow())
        promote(session, plan, stored, meeting, now or utcnow())
    record_audit(session, panel_id=stored.panel_id, staff_id=staff_id, action="meeting.configure",
                 target_type="definition", target_id=stored.id, capacity=capacity, seat_mode=seat_mode)
    return plan



def _interested(session: Session, definition_id: int) -> list[tuple[Panelist, MeetingSeat, Rsvp]]:
    """Everyone whose current answer is yes (seated, waiting or entered) or maybe."""
    rows = session.execute(
        select(Panelist, MeetingSeat, Rsvp)
        .join(MeetingSeat, MeetingSeat.panelist_id == Panelist.id)
        .join(Rsvp, Rsvp.id == MeetingSeat.rsvp_id)
        .where(MeetingSeat.definition_id == definition_id, Rsvp.attending.in_(("yes", "maybe")),
               Rsvp.replaced_at.is_(None))
        .order_by(Panelist.id)).all()
    return [(p, s, r) for p, s, r in rows]


def _stop_pending(session: Session, definition_id: int, what: str = "") -> int:
    pattern = f"meeting:{definition_id}:panelist:%:{what}%"
    result = session.execute(update(OutboxMessage)
                             .where(OutboxMessage.status == PENDING, OutboxMessage.dedupe_key.like(pattern))
                             .values(status="cancelled", last_error="meeting changed or cancelled")
                             .execution_options(synchronize_session=False))
    return result.rowcount or 0


def change_meeting(session: Session, stored: StoredDefinition, *, starts_at: datetime, ends_at: datetime,
                   location: str, staff_id: int | None = None, now: datetime | None = None) -> int:
    """New time or place: store it, raise SEQUENCE, tell everyone who said yes or maybe. Returns how many."""
    now = now or utcnow()
    meeting = load_definition(stored)
    plan = get_plan(session, stored, lock=True)
    if plan.status != OPEN:
        raise MeetingClosed("the meeting is cancelled")
    if starts_at.tzinfo is None or ends_at.tzinfo is None:
        raise InvalidPlan("starts_at", "times need a time zone")
    if ends_at < starts_at:
        raise InvalidPlan("ends_at", "the meeting ends before it starts")
    if plan.rsvp_deadline_at is not None and plan.rsvp_deadline_at >= starts_at:
        raise InvalidPlan("starts_at", "the new start is before the RSVP deadline")
    location = (location or "").strip()
    if (starts_at, ends_at, location) == (meeting.starts_at, meeting.ends_at, meeting.location):
        return 0
    changed = replace(meeting, starts_at=starts_at, ends_at=ends_at, location=location)
    stored.data = definition_to_dict(changed)
    stored.updated_at = now
    session.add(stored)
    plan.sequence += 1
    plan.updated_at = now
    session.add(plan)
    session.flush()
    _stop_pending(session, stored.id, "reminder-")
    told = 0
    for panelist, seat, rsvp in _interested(session, stored.id):
        if panelist.status != ACTIVE:
            continue
        told += outgoing.notify(session, plan, stored, changed, panelist, notices.CHANGED, f"changed:{plan.sequence}",
                                now, attending=rsvp.attending, method=calendar.REQUEST)
    told += tell_unanswered(session, stored.id, lambda p: outgoing.notify(  # their calendar holds the invitation
        session, plan, stored, changed, p, notices.CHANGED, f"changed:{plan.sequence}", now, method=calendar.REQUEST))
    record_audit(session, panel_id=stored.panel_id, staff_id=staff_id, action="meeting.change",
                 target_type="definition", target_id=stored.id, sequence=plan.sequence, told=told)
    return told


def cancel_meeting(session: Session, stored: StoredDefinition, *, staff_id: int | None = None,
                   now: datetime | None = None) -> int:
    """Cancel: pending meeting messages stop, invitations stop, everyone who said yes or maybe is told
    (METHOD:CANCEL). Returns how many were told."""
    from engagement.campaigns.models import CANCELLABLE, MEETING, Campaign

    now = now or utcnow()
    meeting = load_definition(stored)
    plan = get_plan(session, stored, lock=True)
    if plan.status == CANCELLED:
        return 0
    plan.status, plan.cancelled_at, plan.updated_at = CANCELLED, now, now
    plan.sequence += 1
    session.add(plan)
    session.flush()
    _stop_pending(session, stored.id)
    campaigns = session.scalars(select(Campaign).where(Campaign.definition_id == stored.id, Campaign.kind == MEETING,
                                                       Campaign.status.in_(CANCELLABLE))).all()
    if campaigns:
        from engagement.campaigns.service import cancel_campaign

        for campaign in campaigns:
            cancel_campaign(session, campaign, staff_id=staff_id, now=now)
    told = 0
    for panelist, seat, rsvp in _interested(session, stored.id):
        if panelist.status != ACTIVE:
            continue
        told += outgoing.notify(session, plan, stored, meeting, panelist, notices.CANCELLED, "cancelled", now,
                                method=calendar.CANCEL, expires=False)
    told += tell_unanswered(session, stored.id, lambda p: outgoing.notify(  # invitations not sent were stopped above
        session, plan, stored, meeting, p, notices.CANCELLED, "cancelled", now, method=calendar.CANCEL,
        expires=False))
    record_audit(session, panel_id=stored.panel_id, staff_id=staff_id, action="meeting.cancel",
                 target_type="definition", target_id=stored.id, told=told)
    log.info("meeting %s cancelled: %s told", stored.id, told)
    return told


__all__ = ["cancel_meeting", "change_meeting", "configure_meeting"]
