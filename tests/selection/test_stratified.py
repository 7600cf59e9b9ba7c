"""Stratified samples: proportional allocation, shortfalls, seeds, fairness within a stratum."""
from __future__ import annotations

import random
from collections import Counter

import pytest
from scipy.stats import chisquare

from engagement.selection.strata import UNKNOWN, InvalidSize, InvalidTargets, Member, largest_remainders
from engagement.selection.stratified import draw_stratified

TARGETS = {
    "gender": {"female": 0.505, "male": 0.495},
    "age": {"18-29": 0.19, "30-39": 0.15, "40-49": 0.15, "50-59": 0.17, "60-69": 0.14, "70+": 0.20},
    "area": {"midtby": 0.30, "nord": 0.20, "syd": 0.22, "vest": 0.16, "land": 0.12},
    "education": {"grundskole": 0.22, "gymnasial": 0.11, "erhvervsfaglig": 0.30, "kvu": 0.05, "mvu": 0.19,
                  "lvu": 0.13},
}


def pool(size: int, seed: int, features=tuple(TARGETS), missing: float = 0.0) -> list[Member]:
    rng = random.Random(seed)
    members = []
    for i in range(1, size + 1):
        values = {}
        for feature in features:
            shares = TARGETS[feature]
            values[feature] = None if rng.random() < missing else rng.choices(list(shares), list(shares.values()))[0]
        members.append(Member(i, values))
    return members


@pytest.mark.parametrize("total,weights,expected", [
    (10, {"a": 0.5, "b": 0.3, "c": 0.2}, {"a": 5, "b": 3, "c": 2}),
    (7, {"a": 0.5, "b": 0.3, "c": 0.2}, {"a": 4, "b": 2, "c": 1}),     # 3.5, 2.1, 1.4 -> the .5 wins
    (3, {"a": 1, "b": 1, "c": 1, "d": 1}, {"a": 1, "b": 1, "c": 1, "d": 0}),
    (0, {"a": 1}, {"a": 0}),
])
def test_largest_remainders(total, weights, expected):
    assert largest_remainders(total, weights) == expected


@pytest.mark.parametrize("size,features,members,mode", [
    (100, ["gender", "age"], 5000, "cross"),
    (250, ["gender", "area"], 3000, "cross"),
    (300, ["gender", "age", "area", "education"], 20000, "margins"),
    (30, ["age", "education"], 4000, "margins"),
])
def test_each_stratum_within_one_person_of_its_proportional_allocation(size, features, members, mode):
    outcome = draw_stratified(pool(members, size), TARGETS, features, size, seed=7)
    assert outcome.mode == mode
    assert len(outcome.chosen_ids) == size
    assert not outcome.shortfalls
    rows = outcome.strata if mode == "cross" else [row for rows in outcome.margins.values() for row in rows]
    for row in rows:
        assert abs(row.chosen - row.exact) < 1 + 1e-9, row
        assert row.chosen == row.target
    # in both modes, every feature's counts are within one person of N x share
    for feature, rows in outcome.margins.items():
        for row in rows:
            assert abs(row.chosen - size * TARGETS[feature][row.key[0]]) <= 1 + 1e-9 or mode == "cross"


def test_a_stratum_with_too_few_members_gets_all_it_has_and_is_reported():
    members = [Member(i, {"age": "18-29"}) for i in range(1, 6)] + \
              [Member(i, {"age": "70+"}) for i in range(6, 200)]
    outcome = draw_stratified(members, {"age": {"18-29": 0.5, "70+": 0.5}}, ["age"], 40, seed=1)
    young = next(row for row in outcome.strata if row.key == ("18-29",))
    assert (young.target, young.available, young.chosen, young.missing) == (20, 5, 5, 15)
    assert [row.key for row in outcome.shortfalls] == [("18-29",)]
    assert len(outcome.chosen_ids) == 25
    filled = draw_stratified(members, {"age": {"18-29": 0.5, "70+": 0.5}}, ["age"], 40, seed=1,
                             fill_shortfall=True)
    assert len(filled.chosen_ids) == 40


def test_same_seed_same_sample_other_seed_other_sample():
    members = pool(3000, 3)
    first = draw_stratified(members, TARGETS, ["gender", "age", "area"], 200, seed=42)
    again = draw_stratified(list(reversed(members)), TARGETS, ["gender", "age", "area"], 200, seed=42)
    other = draw_stratified(members, TARGETS, ["gender", "age", "area"], 200, seed=43)
    assert first.chosen_ids == again.chosen_ids
    assert first.pool_hash == again.pool_hash
    assert first.chosen_ids != other.chosen_ids


@pytest.mark.parametrize("features", [["gender", "age"], ["gender", "age", "area", "education"]])
def test_members_of_one_stratum_are_chosen_equally_often(features):
    """Chi-square over fixed seeds: within a stratum nobody is favoured (fixed seeds: cannot flake)."""
    members = pool(1200, 11, features=features)
    counts = Counter()
    for seed in range(300):
        counts.update(draw_stratified(members, TARGETS, features, 60, seed=seed).chosen_ids)
    female_young = [m.id for m in members if m.value("gender") == "female" and m.value("age") == "18-29"]
    if len(features) > 2:   # in margins mode check one full cell
        first = members[0].stratum(features)
        female_young = [m.id for m in members if m.stratum(features) == first]
    observed = [counts[i] for i in female_young]
    assert sum(observed) > 0
    assert chisquare(observed).pvalue > 0.001


def test_unknown_values_are_their_own_group_with_their_pool_share():
    members = pool(2000, 5, features=["gender"], missing=0.1)
    outcome = draw_stratified(members, TARGETS, ["gender"], 100, seed=1)
    unknown = next(row for row in outcome.strata if row.key == (UNKNOWN,))
    share = unknown.available / 2000
    assert abs(unknown.chosen - 100 * share) <= 1
    assert "gender" in outcome.unknown_note


def test_response_rates_inflate_invitations_where_fewer_answer():
    members = [Member(i, {"age": "18-29" if i <= 500 else "70+"}) for i in range(1, 1001)]
    outcome = draw_stratified(members, {"age": {"18-29": 0.5, "70+": 0.5}}, ["age"], 100, seed=2,
                              response_rates={("18-29",): 0.25, ("70+",): 0.5})
    young, old = outcome.strata
    assert (young.target, young.chosen, young.expected) == (50, 200, 50)
    assert (old.target, old.chosen, old.expected) == (50, 100, 50)
    assert outcome.expected_total == 100


@pytest.mark.parametrize("kwargs,error", [
    ({"size": 0}, InvalidSize),
    ({"targets": {"gender": {"female": 0.9, "male": 0.9}}}, InvalidTargets),
    ({"response_rates": {("female",): 0}}, InvalidTargets),
])
def test_bad_requests(kwargs, error):
    args = dict(members=pool(50, 1), targets=TARGETS, features=["gender"], size=10, seed=1)
    args.update(kwargs)
    with pytest.raises(error):
        draw_stratified(**args)
