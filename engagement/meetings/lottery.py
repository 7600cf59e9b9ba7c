"""The lottery of a lottery meeting: at the RSVP deadline the fair lottery picks among all who said yes,
seats are filled in its order, the rest wait in that order, and everyone is told."""
from __future__ import annotations

import logging
import random
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlmodel import Session

from engagement.audit import record_audit
from engagement.db import utcnow
from engagement.meetings import calendar, notices, outgoing, seats
from engagement.meetings.errors import MeetingClosed, MeetingError
from engagement.meetings.lookup import get_plan
from engagement.meetings.models import ENTERED, LOTTERY, OPEN, SEATED, WAITLISTED, MeetingPlan
from engagement.meetings.waitlist import seat_rows
from engagement.panel.models import Panel, Panelist
from engagement.surveys.models import StoredDefinition
from engagement.surveys.service import load_definition

log = logging.getLogger(__name__)


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
    entered = {s.panelist_id: s for s in seat_rows(session, stored.id, ENTERED)}
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
    start = seats.next_position(s.position for s in seat_rows(session, stored.id, WAITLISTED))
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
            outgoing.notify(session, plan, stored, meeting, panelist, notices.SEAT_CONFIRMED, "lottery", now,
                            guests=entered[pid].guests, method=calendar.REQUEST)
    for number, pid in enumerate(waiting, start=1):
        panelist = session.get(Panelist, pid)
        if panelist is not None:
            outgoing.notify(session, plan, stored, meeting, panelist, notices.WAITLISTED, "lottery", now,
                            position=number, lottery=True)
    record_audit(session, panel_id=stored.panel_id, staff_id=staff_id, action="meeting.lottery",
                 target_type="definition", target_id=stored.id, pool=len(pool), seated=len(seated),
                 waitlist=len(waiting), seed=seed, draw=report.draw_id)
    log.info("meeting %s: lottery among %s: %s seated, %s waiting", stored.id, len(pool), len(seated), len(waiting))
    return report


def due_lotteries(session: Session, now: datetime | None = None) -> list[int]:
    """Ids of lottery meetings whose RSVP deadline has passed and whose lottery is not drawn."""
    now = now or utcnow()
    return list(session.scalars(select(MeetingPlan.definition_id).where(
        MeetingPlan.status == OPEN, MeetingPlan.seat_mode == LOTTERY, MeetingPlan.lottery_drawn_at.is_(None),
        MeetingPlan.rsvp_deadline_at.is_not(None), MeetingPlan.rsvp_deadline_at <= now)).all())


__all__ = ["LotteryReport", "draw_lottery", "due_lotteries"]
