"""Pure seat rules: who gets a seat, who waits, who moves up.  Values in, values out.

A seat counts the panelist and each guest: a party of ``1 + guests``.  A
capacity of ``None`` means no limit.

* First come, first served: a yes gets a seat when the party fits in the
  seats left, otherwise it goes to the end of the waitlist.
* Lottery: yes-answers wait (``entered``) until the RSVP deadline; then the
  fair lottery picks the panelists (``how_many_to_draw``), and the seats are
  filled in the lottery's order (``fill_in_order``).
* Moving up: when seats free up, the waitlist is walked in order and every
  party that fits moves up.  The first in line moves up whenever it fits; a
  party too big for the seats left keeps its place, and a smaller party
  behind it may take the seats (no seat stays empty while someone who fits
  waits).
* A seated panelist who changes their number of guests keeps the seat when
  the new party fits in their own seats plus the free ones; otherwise the
  party goes first on the waitlist (the answer says so honestly).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable, Sequence

SEATED = "seated"
WAITLISTED = "waitlisted"


@dataclass(frozen=True)
class Party:
    panelist_id: int
    size: int  # the panelist plus guests


def party_size(guests: int) -> int:
    return 1 + max(0, int(guests))


def free_seats(capacity: int | None, taken: int) -> int | None:
    """Seats left (never negative); None when there is no limit."""
    if capacity is None:
        return None
    return max(0, capacity - taken)


def fits(capacity: int | None, taken: int, size: int) -> bool:
    return capacity is None or taken + size <= capacity


def place_yes(capacity: int | None, taken_by_others: int, size: int) -> str:
    """A yes in first-come mode (or after the lottery): a seat if the party fits, else the waitlist."""
    return SEATED if fits(capacity, taken_by_others, size) else WAITLISTED


def moves_up(capacity: int | None, taken: int, waitlist: Sequence[Party]) -> list[int]:
    """The panelists on the waitlist (in order) who move up into the free seats."""
    moved = []
    for party in waitlist:
        if fits(capacity, taken, party.size):
            moved.append(party.panelist_id)
            taken += party.size
    return moved


def fill_in_order(capacity: int | None, ordered: Sequence[Party]) -> tuple[list[int], list[int]]:
    """(seated, waitlist): seats given in this order to each party that fits; the rest wait in order."""
    seated, waiting, taken = [], [], 0
    for party in ordered:
        if fits(capacity, taken, party.size):
            seated.append(party.panelist_id)
            taken += party.size
        else:
            waiting.append(party.panelist_id)
    return seated, waiting


def how_many_to_draw(capacity: int | None, sizes: Iterable[int]) -> int:
    """How many panelists the lottery picks: all when every party fits, otherwise as many as the
    seats hold at the pool's average party size (at least one, never more than the pool)."""
    sizes = list(sizes)
    if not sizes:
        return 0
    if capacity is None or sum(sizes) <= capacity:
        return len(sizes)
    average = sum(sizes) / len(sizes)
    return max(1, min(len(sizes), math.floor(capacity / average)))


def lottery_order(chosen: Sequence[int], rest: Sequence[int], shuffle) -> list[int]:
    """The order seats are given in after a draw: the drawn (shuffled), then the others (shuffled).

    ``shuffle`` is ``random.Random(seed).shuffle`` so the order can be replayed from the seed.
    """
    first, second = sorted(chosen), sorted(rest)
    shuffle(first)
    shuffle(second)
    return first + second


def next_position(positions: Iterable[int | None]) -> int:
    """The position at the end of the waitlist."""
    known = [p for p in positions if p is not None]
    return (max(known) + 1) if known else 1


def front_position(positions: Iterable[int | None]) -> int:
    """A position before everyone on the waitlist."""
    known = [p for p in positions if p is not None]
    return (min(known) - 1) if known else 1
