"""What a meeting mail says about seats and the answer deadline (pure values for the templates).

The invitation tells the meeting's own RSVP deadline (``MeetingPlan.rsvp_deadline_at``;
the campaign's deadline only when the meeting has none), how many seats there
are, and what happens when they are full: the first to say yes get the seats
and the rest wait on a list (``first_come``), or lots are drawn at the
deadline among all who said yes, and the rest wait in the lottery's order
(``lottery``).  Templates: ``seats_note`` in ``messages/_meeting_parts.txt``.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from engagement.meetings.models import FIRST_COME, LOTTERY


@dataclass(frozen=True)
class Seating:
    capacity: int | None = None           # None: no limit (nothing is said about seats)
    mode: str = FIRST_COME                # first_come | lottery
    deadline: datetime | None = None      # the meeting's own RSVP deadline (the lottery's draw)

    @property
    def lottery(self) -> bool:
        return self.mode == LOTTERY and self.deadline is not None

    @property
    def limited(self) -> bool:
        return self.capacity is not None


def seating_of(plan, now: datetime | None = None) -> Seating:
    """From a ``MeetingPlan`` (or None: nothing known, nothing said), as it stands at ``now``.

    Once the deadline has passed (or the lots are drawn) there is no deadline to tell, and a
    yes is placed as in first come (``meetings.rsvps.respond``): a free seat, else the waitlist.
    """
    if plan is None:
        return Seating()
    deadline, mode = plan.rsvp_deadline_at, plan.seat_mode
    if plan.lottery_drawn_at is not None or (deadline is not None and now is not None and deadline <= now):
        deadline, mode = None, FIRST_COME
    return Seating(capacity=plan.capacity, mode=mode, deadline=deadline)


def seating_for(session, stored, now: datetime | None = None) -> Seating:
    """The meeting's seating at ``now`` (its plan; made with the defaults the first time)."""
    from engagement.meetings.lookup import get_plan

    return seating_of(get_plan(session, stored), now)


__all__ = ["Seating", "seating_for", "seating_of"]
