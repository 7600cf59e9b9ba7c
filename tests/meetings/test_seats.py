"""Pure seat rules: parties, moving up, filling in the lottery's order, how many to draw."""
from __future__ import annotations

import random

import pytest

from engagement.meetings import seats
from engagement.meetings.seats import Party


@pytest.mark.parametrize("capacity, taken, size, expected", [
    (None, 100, 3, "seated"),
    (10, 8, 2, "seated"),
    (10, 9, 2, "waitlisted"),
    (10, 10, 1, "waitlisted"),
])
def test_place_yes(capacity, taken, size, expected):
    assert seats.place_yes(capacity, taken, size) == expected


def test_party_counts_the_panelist_and_guests():
    assert seats.party_size(0) == 1 and seats.party_size(2) == 3


def test_moves_up_in_order_and_skips_a_party_that_does_not_fit():
    waitlist = [Party(1, 3), Party(2, 1), Party(3, 1), Party(4, 1)]
    assert seats.moves_up(10, 8, waitlist) == [2, 3]      # 1 needs 3 of the 2 free seats: keeps its place
    assert seats.moves_up(10, 7, waitlist) == [1]         # the first in line goes first when it fits
    assert seats.moves_up(10, 10, waitlist) == []
    assert seats.moves_up(None, 10, waitlist) == [1, 2, 3, 4]


def test_fill_in_order():
    ordered = [Party(5, 2), Party(6, 2), Party(7, 1), Party(8, 1)]
    assert seats.fill_in_order(4, ordered) == ([5, 6], [7, 8])
    assert seats.fill_in_order(5, ordered) == ([5, 6, 7], [8])
    assert seats.fill_in_order(3, ordered) == ([5, 7], [6, 8])


@pytest.mark.parametrize("capacity, sizes, expected", [
    (10, [1, 1, 1], 3),        # everyone fits: no lottery
    (4, [1] * 10, 4),
    (4, [2] * 10, 2),
    (5, [1, 2] * 5, 3),        # average party 1.5
    (1, [2, 2], 1),            # at least one
    (None, [1] * 50, 50),
    (10, [], 0),
])
def test_how_many_to_draw(capacity, sizes, expected):
    assert seats.how_many_to_draw(capacity, sizes) == expected


def test_lottery_order_puts_the_drawn_first_and_replays_from_the_seed():
    first = seats.lottery_order([3, 1, 2], [9, 8, 7], random.Random(5).shuffle)
    again = seats.lottery_order([1, 2, 3], [7, 8, 9], random.Random(5).shuffle)
    assert first == again
    assert set(first[:3]) == {1, 2, 3} and set(first[3:]) == {7, 8, 9}


def test_positions():
    assert seats.next_position([]) == 1
    assert seats.next_position([3, None, 1]) == 4
    assert seats.front_position([3, 2]) == 1
    assert seats.front_position([1]) == 0
