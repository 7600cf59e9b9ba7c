"""Meetings and workshops: RSVPs with seats and a waitlist, the lottery, reminders, changes, cancellation.

What views, jobs, the inbound pipeline and the CLI call.  Nothing here
commits except the job entry point ``due_meeting_jobs`` (once per meeting,
like the campaign tick); everything else runs in the caller's transaction,
together with the outbox rows it promises (send after commit).

* ``respond``: record an RSVP (``surveys.service.record_rsvp``: a later one
  replaces the earlier) and give, keep or free the seat (``seats.py``); whoever
  moves up from the waitlist is told at once (outbox).  Guests above the
  meeting's ``max_guests`` raise ``TooManyGuests``: the caller asks again,
  nothing is cut.  The outcome names the notice that tells the truth (seat,
  waitlist, lottery) for the receipt.
* ``draw_lottery``: at the RSVP deadline of a lottery meeting, the fair
  lottery (``selection.service.draw_fair_lottery``, quotas from the
  population targets) picks among all who said yes; seats are filled in the
  lottery's order, the rest wait in that order; everyone is told.
* ``change_meeting`` / ``cancel_meeting``: to yes, maybe and (``calendar_updates``) invited but
  unanswered, with an updated calendar file (``SEQUENCE`` + 1) / ``METHOD:CANCEL``.
* ``due_meeting_reminders(session, now)``: reminders to those with a seat,
  at the plan's local times (default: email two days before, SMS on the
  morning of the day), never in quiet hours, never after the start.

Outbox dedupe keys: ``meeting:<definition id>:panelist:<id>:<what>``, e.g.
``...:waitlist-moved-up:2``, ``...:reminder-0:s1``, ``...:changed:3``.
"""
from __future__ import annotations

import logging
import random
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Iterable

from flask import current_app
from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session

from conversations.definitions import Meeting, definition_to_dict
from engagement import get_settings
from engagement.audit import record_audit
from engagement.db import utcnow
from engagement.delivery import outbox
from engagement.delivery.mail import InvalidEmail
from engagement.delivery.models import EMAIL, PENDING, SMS, OutboxMessage
from engagement.meetings import calendar, notices, seats
from engagement.meetings.calendar_updates import tell_unanswered
from engagement.meetings.ics import calendar_file
from engagement.meetings import plan as rules
from engagement.meetings.links import rsvp_links
from engagement.meetings.models import (CANCELLED, DEFAULT_REMINDERS, ENTERED, FIRST_COME, LOTTERY, NONE, OPEN,
                                        SEATED, WAITLISTED, MeetingPlan, MeetingSeat)
from engagement.panel import gdpr
from engagement.panel.models import ACTIVE, Panel, Panelist
from engagement.surveys.models import Rsvp, StoredDefinition
from engagement.surveys.service import current_rsvp, load_definition, record_rsvp

log = logging.getLogger(__name__)


class MeetingError(Exception):
    """Base of the meeting service's errors."""


class UnknownMeeting(MeetingError):
    pass


class MeetingClosed(MeetingError):
    """The meeting is cancelled or has begun: no more answers."""


class TooManyGuests(MeetingError):
    """More guests than the meeting allows: ask again, never cut."""

    def __init__(self, max_guests: int, asked: int):
        super().__init__(f"at most {max_guests} guest(s), not {asked}")
        self.max_guests = max_guests
        self.asked = asked


class InvalidPlan(MeetingError):
    def __init__(self, field_name: str, message: str):
        super().__init__(message)
        self.field = field_name


# ---------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------

def get_meeting(session: Session, definition_id: int, panel_id: int | None = None) -> tuple[StoredDefinition, Meeting]:
    stored = session.get(StoredDefinition, definition_id)
    if stored is None or stored.kind != "meeting" or (panel_id is not None and stored.panel_id != panel_id):
        raise UnknownMeeting(f"no meeting {definition_id} in this panel")
    return stored, load_definition(stored)


def get_meeting_by_key(session: Session, panel_id: int, key: str) -> tuple[StoredDefinition, Meeting]:
    stored = session.scalars(select(StoredDefinition).where(StoredDefinition.panel_id == panel_id,
                                                            StoredDefinition.key == key,
                                                            StoredDefinition.kind == "meeting")).first()
    if stored is None:
        raise UnknownMeeting(f"no meeting {key!r} in this panel")
    return stored, load_definition(stored)


def list_meetings(session: Session, panel_id: int) -> list[StoredDefinition]:
    return list(session.scalars(select(StoredDefinition).where(StoredDefinition.panel_id == panel_id,
                                                               StoredDefinition.kind == "meeting")
                                .order_by(StoredDefinition.key)).all())


def get_plan(session: Session, stored: StoredDefinition, *, lock: bool = False) -> MeetingPlan:
    """The meeting's plan (made with the defaults the first time); ``lock`` serialises seat decisions.

    Two first clicks on RSVP links can arrive at the same moment: the plan is
    created with INSERT .. ON CONFLICT DO NOTHING (one row per meeting) and
    read back, so the second request uses the first one's row instead of
    failing on the unique constraint.
    """
    query = select(MeetingPlan).where(MeetingPlan.definition_id == stored.id)
    if lock:
        query = query.with_for_update()
    plan = session.scalars(query).first()
    if plan is None:
        _insert_default_plan(session, stored)
        plan = session.scalars(query).one()
    return plan


def _insert_default_plan(session: Session, stored: StoredDefinition) -> None:
    fresh = MeetingPlan(panel_id=stored.panel_id, definition_id=stored.id,
                        reminders=[dict(r) for r in DEFAULT_REMINDERS])
    values = {column.name: getattr(fresh, column.name) for column in MeetingPlan.__table__.columns
              if column.name != "id"}
    dialect = session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    session.execute(insert(MeetingPlan).values(**values)
                    .on_conflict_do_nothing(index_elements=["definition_id"]))


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
        _admit_entered(session, plan, stored, meeting, now or utcnow())
        _promote(session, plan, stored, meeting, now or utcnow())
    record_audit(session, panel_id=stored.panel_id, staff_id=staff_id, action="meeting.configure",
                 target_type="definition", target_id=stored.id, capacity=capacity, seat_mode=seat_mode)
    return plan


# ---------------------------------------------------------------------------
# RSVPs and seats
# ---------------------------------------------------------------------------

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


def _seats(session: Session, definition_id: int, state: str | None = None) -> list[MeetingSeat]:
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
                seat.position = seats.front_position(s.position for s in _seats(session, stored.id, WAITLISTED))
        elif was == WAITLISTED:
            pass  # keeps its place; moving up is decided below
        else:
            taken = seats_taken(session, stored.id, except_panelist=panelist.id)
            if seats.place_yes(plan.capacity, taken, size) == seats.SEATED:
                seat.state, seat.position, seat.seated_at = SEATED, None, now
            else:
                seat.state = WAITLISTED
                seat.position = seats.next_position(s.position for s in _seats(session, stored.id, WAITLISTED))
    else:
        seat.state, seat.position = NONE, None
    session.add(seat)
    session.flush()
    moved = _promote(session, plan, stored, meeting, now, skip_notice_for=panelist.id)
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
        _notify(session, plan, stored, meeting, panelist, outcome.notice, f"rsvp:{rsvp.id}", now,
                guests=guests, position=outcome.position, draw_at=outcome.draw_at,
                method=calendar.REQUEST if seat.state == SEATED else None)
    log.info("meeting %s: rsvp %s from %s -> %s", stored.id, attending, source, seat.state)
    return outcome


def _admit_entered(session: Session, plan: MeetingPlan, stored: StoredDefinition, meeting: Meeting,
                   now: datetime) -> None:
    """First-come mode: people still 'entered' (from a lottery plan) take seats in answer order."""
    entered = sorted(_seats(session, stored.id, ENTERED), key=lambda s: (s.updated_at, s.id))
    for seat in entered:
        taken = seats_taken(session, stored.id)
        if seats.fits(plan.capacity, taken, seats.party_size(seat.guests)):
            seat.state, seat.seated_at = SEATED, now
        else:
            seat.state = WAITLISTED
            seat.position = seats.next_position(s.position for s in _seats(session, stored.id, WAITLISTED))
        session.add(seat)
        session.flush()


def _promote(session: Session, plan: MeetingPlan, stored: StoredDefinition, meeting: Meeting, now: datetime,
             skip_notice_for: int | None = None) -> list[int]:
    """Move up whoever fits from the waitlist, in order, and tell them at once."""
    if plan.status != OPEN or (plan.seat_mode == LOTTERY and plan.lottery_drawn_at is None):
        return []
    waiting = _seats(session, stored.id, WAITLISTED)
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
            _notify(session, plan, stored, meeting, panelist, notices.MOVED_UP,
                    f"waitlist-moved-up:{seat.moved_up_count}", now, guests=seat.guests, method=calendar.REQUEST)
    if moved:
        log.info("meeting %s: %s moved up from the waitlist", stored.id, len(moved))
    return moved


# ---------------------------------------------------------------------------
# The lottery
# ---------------------------------------------------------------------------

@dataclass
class LotteryReport:
    seated: list[int]
    waitlist: list[int]
    drawn: bool              # False: every party fitted, no lottery was needed
    draw_id: int | None = None
    note: str = ""


def draw_lottery(session: Session, stored: StoredDefinition, *, now: datetime | None = None,
                 seed: int | None = None, staff_id: int | None = None, leximin: bool = True,
                 leximin_seconds: float | None = None) -> LotteryReport:
    """Pick among all who said yes (fair lottery with quotas), fill the seats in its order, tell everyone."""
    from engagement.selection import service as selection
    from engagement.selection.strata import SelectionError

    now = now or utcnow()
    meeting = load_definition(stored)
    plan = get_plan(session, stored, lock=True)
    if plan.seat_mode != LOTTERY:
        raise MeetingError("this meeting fills its seats first come, first served")
    if plan.lottery_drawn_at is not None:
        raise MeetingError("the lottery has already been drawn")
    if plan.status != OPEN:
        raise MeetingClosed("the meeting is cancelled")
    seed = seed if seed is not None else selection.new_seed()
    entered = {s.panelist_id: s for s in _seats(session, stored.id, ENTERED)}
    pool = sorted(entered)
    sizes = {pid: seats.party_size(entered[pid].guests) for pid in pool}
    wanted = seats.how_many_to_draw(plan.capacity, [sizes[pid] for pid in pool])
    report = LotteryReport(seated=[], waitlist=[], drawn=False)
    rng = random.Random(seed)
    if wanted >= len(pool):
        chosen = list(pool)
    else:
        panel = session.get(Panel, stored.panel_id)
        targets = selection.load_targets(session, panel.id)
        features = tuple(f for f in selection.DEFAULT_FEATURES if f in targets)
        chosen = None
        if features:
            try:
                quotas = selection.quotas_for(session, panel, features, wanted, frozenset(pool), slack=1)
                request = selection.LotteryRequest(
                    seats=wanted, quotas=quotas, features=features, seed=seed, pool_ids=frozenset(pool),
                    leximin=leximin, **({"leximin_seconds": leximin_seconds} if leximin_seconds else {}))
                result = selection.draw_fair_lottery(session, panel, request, staff_id=staff_id)
                chosen = list(result.outcome.chosen_ids)
                report.draw_id = result.draw.id if result.draw else None
                report.drawn = True
            except SelectionError as exc:
                log.warning("meeting %s: the fair lottery could not be used (%s); drawing uniformly",
                            stored.id, type(exc).__name__)
                report.note = f"uniform draw: {type(exc).__name__}"
        else:
            report.note = "uniform draw: the panel has no population targets"
        if chosen is None:
            chosen = sorted(rng.sample(pool, wanted))
            report.drawn = True
    rest = [pid for pid in pool if pid not in set(chosen)]
    order = seats.lottery_order(chosen, rest, rng.shuffle)
    seated, waiting = seats.fill_in_order(plan.capacity, [seats.Party(pid, sizes[pid]) for pid in order])
    report.seated, report.waitlist = seated, waiting
    start = seats.next_position(s.position for s in _seats(session, stored.id, WAITLISTED))
    for pid in seated:
        entered[pid].state, entered[pid].seated_at = SEATED, now
    for offset, pid in enumerate(waiting):
        entered[pid].state, entered[pid].position = WAITLISTED, start + offset
    for seat in entered.values():
        seat.updated_at = now
        session.add(seat)
    plan.lottery_drawn_at, plan.lottery_draw_id, plan.updated_at = now, report.draw_id, now
    session.add(plan)
    session.flush()
    for pid in seated:
        panelist = session.get(Panelist, pid)
        if panelist is not None:
            _notify(session, plan, stored, meeting, panelist, notices.SEAT_CONFIRMED, "lottery", now,
                    guests=entered[pid].guests, method=calendar.REQUEST)
    for number, pid in enumerate(waiting, start=1):
        panelist = session.get(Panelist, pid)
        if panelist is not None:
            _notify(session, plan, stored, meeting, panelist, notices.WAITLISTED, "lottery", now,
                    position=number, lottery=True)
    record_audit(session, panel_id=stored.panel_id, staff_id=staff_id, action="meeting.lottery",
                 target_type="definition", target_id=stored.id, pool=len(pool), seated=len(seated),
                 waitlist=len(waiting), seed=seed, draw=report.draw_id)
    log.info("meeting %s: lottery among %s: %s seated, %s waiting", stored.id, len(pool), len(seated), len(waiting))
    return report


# ---------------------------------------------------------------------------
# Changes and cancellation
# ---------------------------------------------------------------------------

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
        told += _notify(session, plan, stored, changed, panelist, notices.CHANGED, f"changed:{plan.sequence}", now,
                        attending=rsvp.attending, method=calendar.REQUEST)
    told += tell_unanswered(session, stored.id, lambda p: _notify(  # their calendar holds the invitation
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
        told += _notify(session, plan, stored, meeting, panelist, notices.CANCELLED, "cancelled", now,
                        method=calendar.CANCEL, expires=False)
    told += tell_unanswered(session, stored.id, lambda p: _notify(  # invitations not sent were stopped above
        session, plan, stored, meeting, p, notices.CANCELLED, "cancelled", now, method=calendar.CANCEL, expires=False))
    record_audit(session, panel_id=stored.panel_id, staff_id=staff_id, action="meeting.cancel",
                 target_type="definition", target_id=stored.id, told=told)
    log.info("meeting %s cancelled: %s told", stored.id, told)
    return told


# ---------------------------------------------------------------------------
# Reminders and the lottery at the deadline (the scheduler's tick)
# ---------------------------------------------------------------------------

def due_meeting_reminders(session: Session, now: datetime | None = None) -> int:
    """Enqueue every reminder that has fallen due (to those with a seat); returns how many are new.

    Does not commit: the caller (``due_meeting_jobs`` or a test) does.  Safe to run twice:
    each reminder is unique on ``meeting:<id>:panelist:<id>:reminder-<n>:s<sequence>``.
    """
    from engagement.campaigns.service import contact_rules
    from engagement.messages.render import greeting_name, render_message
    from engagement.panel import links as panel_links

    now = now or utcnow()
    settings = get_settings()
    new = 0
    plans = session.scalars(select(MeetingPlan).where(MeetingPlan.status == OPEN)).all()
    for plan in plans:
        stored = session.get(StoredDefinition, plan.definition_id)
        meeting = load_definition(stored)
        if now >= meeting.starts_at:
            continue
        quiet = contact_rules(session.get(Panel, plan.panel_id))  # the panel's own quiet hours win
        due = [r for r in rules.reminder_times(meeting.starts_at, plan.reminders, quiet_start=quiet["quiet_start"],
                                               quiet_end=quiet["quiet_end"]) if r.send_at <= now]
        if not due:
            continue
        panel = session.get(Panel, stored.panel_id)
        seated = session.execute(select(Panelist, MeetingSeat).join(MeetingSeat, MeetingSeat.panelist_id == Panelist.id)
                                 .where(MeetingSeat.definition_id == stored.id, MeetingSeat.state == SEATED,
                                        Panelist.status == ACTIVE).order_by(Panelist.id)).all()
        rows = []
        for reminder in due:
            for panelist, seat in seated:
                if not _reachable(panelist, reminder.channel):
                    continue
                language = panelist.language if panelist.language in ("da", "en") else "da"
                context = dict(meeting=meeting, attending="yes", guests=seat.guests,
                               name=greeting_name(panelist.name), sender=panel.sender_name)
                key = f"meeting:{stored.id}:panelist:{panelist.id}:reminder-{reminder.index}:s{plan.sequence}"
                row = _base_row(session, stored, panelist, f"meeting-reminder-{reminder.index}", reminder.channel,
                                key, meeting, now)
                if reminder.channel == EMAIL:
                    leave = panel_links.leave_url(panelist, panel)
                    context.update(leave_url=leave, rsvp_links=rsvp_links(panelist, panel, stored.id))
                    rendered = render_message("meeting_reminder", channel="email", language=language, **context)
                    try:
                        row.update(outbox.email_values(settings, panelist=panelist, panel=panel,
                                                       subject=rendered.subject or "", text=rendered.text,
                                                       leave_url=leave, reply_token=row.pop("_reply_token")))
                    except InvalidEmail:
                        continue
                else:
                    row.pop("_reply_token")
                    rendered = render_message("meeting_reminder", channel="sms", language=language, **context)
                    _sms_values(row, rendered, panelist, now, settings)
                rows.append(row)
        new += outbox.enqueue(session, rows)
    return new


def due_lotteries(session: Session, now: datetime | None = None) -> list[int]:
    """Ids of lottery meetings whose RSVP deadline has passed and whose lottery is not drawn."""
    now = now or utcnow()
    return list(session.scalars(select(MeetingPlan.definition_id).where(
        MeetingPlan.status == OPEN, MeetingPlan.seat_mode == LOTTERY, MeetingPlan.lottery_drawn_at.is_(None),
        MeetingPlan.rsvp_deadline_at.is_not(None), MeetingPlan.rsvp_deadline_at <= now)).all())


def due_meeting_jobs(session: Session, now: datetime | None = None) -> dict:
    """What the scheduler's tick calls: draw due lotteries (one commit each), then enqueue due reminders."""
    now = now or utcnow()
    report = {"lotteries": [], "reminders": 0, "failed": []}
    for definition_id in due_lotteries(session, now):
        try:
            stored = session.get(StoredDefinition, definition_id)
            draw_lottery(session, stored, now=now)
            session.commit()
            report["lotteries"].append(definition_id)
        except Exception:
            session.rollback()
            report["failed"].append(definition_id)
            log.exception("meeting %s: the lottery failed; the next tick tries again", definition_id)
    try:
        report["reminders"] = due_meeting_reminders(session, now)
        session.commit()
    except Exception:
        session.rollback()
        log.exception("meeting reminders failed; the next tick tries again")
    return report


# ---------------------------------------------------------------------------
# Messages
# ---------------------------------------------------------------------------

def _reachable(panelist: Panelist, channel: str) -> bool:
    if channel == EMAIL:
        return bool(panelist.email) and panelist.email_status == "ok"
    return bool(panelist.phone) and panelist.sms_status == "ok"


def channel_for(panelist: Panelist) -> str | None:
    """The panelist's own channel when it works, else the other one, else None."""
    preferred = SMS if panelist.channel == "sms" else EMAIL
    other = EMAIL if preferred == SMS else SMS
    for channel in (preferred, other):
        if _reachable(panelist, channel):
            return channel
    return None


def _recipient(session: Session, definition_id: int, panelist_id: int):
    """The panelist's recipient row in a campaign that invited them to this meeting (for the reply token)."""
    from engagement.campaigns.models import Campaign, CampaignRecipient

    return session.scalars(select(CampaignRecipient).join(Campaign, Campaign.id == CampaignRecipient.campaign_id)
                           .where(Campaign.definition_id == definition_id,
                                  CampaignRecipient.panelist_id == panelist_id)
                           .order_by(CampaignRecipient.id.desc())).first()


def _base_row(session: Session, stored: StoredDefinition, panelist: Panelist, step: str, channel: str, key: str,
              meeting: Meeting, now: datetime, expires: bool = True) -> dict:
    recipient = _recipient(session, stored.id, panelist.id)
    token = (outbox.make_reply_token(recipient.reply_key, current_app.config["SECRET_KEY"])
             if recipient is not None and channel == EMAIL else None)
    return {"panel_id": stored.panel_id, "campaign_id": recipient.campaign_id if recipient else None,
            "panelist_id": panelist.id, "step": step[:64], "channel": channel, "dedupe_key": key[:200],
            "expires_at": meeting.starts_at if expires else None, "created_at": now, "next_attempt_at": now,
            "_reply_token": token}


def _sms_values(row: dict, rendered, panelist: Panelist, now: datetime, settings) -> None:
    row.update(text=rendered.text, to_address=panelist.phone, sms_segments=rendered.segments,
               sms_encoding="gsm7" if rendered.is_gsm7 else "ucs2",
               next_attempt_at=rules.after_quiet_hours(max(now, row["next_attempt_at"]), settings.sms_quiet_start,
                                                       settings.sms_quiet_end))


def invitation_extras(session: Session, stored: StoredDefinition, panelist: Panelist, panel: Panel,
                      now: datetime | None = None) -> tuple[dict[str, str], bytes]:
    """What a meeting invitation email carries besides its text: the three one-click links and the
    .ics file (METHOD:REQUEST, the meeting's current SEQUENCE)."""
    meeting = load_definition(stored)
    plan = get_plan(session, stored)
    ics = calendar_file(session, stored, meeting, panelist, panel, plan.sequence, calendar.REQUEST,
                        now or utcnow())
    return rsvp_links(panelist, panel, stored.id), ics


def _notify(session: Session, plan: MeetingPlan, stored: StoredDefinition, meeting: Meeting, panelist: Panelist,
            template: str, what: str, now: datetime, *, method: str | None = None, expires: bool = True,
            **extra) -> int:
    """Promise one notice to the panelist on their channel (1 if new, 0 if already promised or unreachable)."""
    from engagement.messages.render import greeting_name
    from engagement.panel import links as panel_links

    channel = channel_for(panelist)
    if channel is None or panelist.status != ACTIVE:
        return 0
    settings = get_settings()
    panel = session.get(Panel, stored.panel_id)
    language = panelist.language if panelist.language in ("da", "en") else "da"
    key = f"meeting:{stored.id}:panelist:{panelist.id}:{what}"
    row = _base_row(session, stored, panelist, f"meeting:{template}", channel, key, meeting, now, expires)
    context = dict(meeting=meeting, name=greeting_name(panelist.name), sender=panel.sender_name, **extra)
    if channel == EMAIL:
        leave = panel_links.leave_url(panelist, panel)
        context.update(leave_url=leave, calendar=method is not None)
        if plan.status == OPEN:
            context["rsvp_links"] = rsvp_links(panelist, panel, stored.id)
        rendered = notices.render_notice(template, channel="email", language=language, **context)
        attachments = []
        if method is not None:
            ics = calendar_file(session, stored, meeting, panelist, panel, plan.sequence, method, now)
            attachments.append(calendar.attachment(ics, method))
        try:
            values = outbox.email_values(settings, panelist=panelist, panel=panel, subject=rendered.subject or "",
                                         text=rendered.text, leave_url=leave, reply_token=row.pop("_reply_token"),
                                         attachments=attachments)
        except InvalidEmail:
            log.warning("meeting %s: panelist %s: no email can be built", stored.id, panelist.id)
            return 0
        row.update(values)
    else:
        row.pop("_reply_token")
        rendered = notices.render_notice(template, channel="sms", language=language, **context)
        _sms_values(row, rendered, panelist, now, settings)
    return outbox.enqueue(session, [row])


# ---------------------------------------------------------------------------
# Staff: the attendee list and its composition
# ---------------------------------------------------------------------------

@dataclass
class Attendee:
    panelist: Panelist
    seat: MeetingSeat
    rsvp: Rsvp
    position: int | None = None


@dataclass
class AttendeeList:
    seated: list[Attendee]
    waitlist: list[Attendee]
    entered: list[Attendee]
    maybe: list[Attendee]
    no: list[Attendee]

    @property
    def seats_taken(self) -> int:
        return sum(1 + a.seat.guests for a in self.seated)

    @property
    def guests(self) -> int:
        return sum(a.seat.guests for a in self.seated)


def attendee_list(session: Session, stored: StoredDefinition) -> AttendeeList:
    rows = session.execute(select(Panelist, MeetingSeat, Rsvp)
                           .join(MeetingSeat, MeetingSeat.panelist_id == Panelist.id)
                           .join(Rsvp, Rsvp.id == MeetingSeat.rsvp_id)
                           .where(MeetingSeat.definition_id == stored.id)
                           .order_by(MeetingSeat.position, Panelist.name, Panelist.id)).all()
    out = AttendeeList([], [], [], [], [])
    for panelist, seat, rsvp in rows:
        attendee = Attendee(panelist, seat, rsvp)
        if seat.state == SEATED:
            out.seated.append(attendee)
        elif seat.state == WAITLISTED:
            out.waitlist.append(attendee)
        elif seat.state == ENTERED:
            out.entered.append(attendee)
        elif rsvp.attending == "maybe":
            out.maybe.append(attendee)
        else:
            out.no.append(attendee)
    out.waitlist.sort(key=lambda a: (a.seat.position or 0, a.seat.id))
    for number, attendee in enumerate(out.waitlist, start=1):
        attendee.position = number
    out.seated.sort(key=lambda a: ((a.panelist.name or "").casefold(), a.panelist.id))
    return out


def coming_composition(session: Session, stored: StoredDefinition, attendees: AttendeeList,
                       features: Iterable[str] | None = None):
    """Those coming (seated; before a lottery: those who said yes) beside the population targets."""
    from engagement.selection import service as selection
    from engagement.selection.strata import Member, compare_composition

    coming = attendees.seated or attendees.entered
    targets = selection.load_targets(session, stored.panel_id)
    wanted = [f for f in (features or selection.PROFILE_FEATURES) if f in targets] or list(selection.DEFAULT_FEATURES)
    members = [Member(a.panelist.id, selection.member_features(a.panelist)) for a in coming]
    return compare_composition(members, targets, wanted), len(members)


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
           "LotteryReport", "AttendeeList", "attendee_list", "cancel_meeting", "change_meeting", "channel_for",
           "configure_meeting", "coming_composition", "current_rsvp", "draw_lottery", "due_lotteries",
           "due_meeting_jobs", "due_meeting_reminders", "get_meeting", "get_meeting_by_key", "get_plan",
           "invitation_extras", "list_meetings", "respond", "seats_taken"]
