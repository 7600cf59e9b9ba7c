"""Fair lotteries: maximin/leximin over types, checked against sortition-algorithms on small pools."""
from __future__ import annotations

import random
from collections import Counter

import pytest

from engagement.selection.lottery import (LEXIMIN, MAXIMIN, PoolTooSmall, draw_from, draw_lottery,
                                          find_distribution, quotas_from_targets)
from engagement.selection.lottery_programme import InfeasibleQuotas
from engagement.selection.strata import UNKNOWN, Member

FEATURES = ["gender", "age", "area", "education"]
VALUES = {"gender": ["female", "male"], "age": ["18-29", "30-49", "50-69", "70+"],
          "area": ["midtby", "nord", "syd"], "education": ["kort", "mellem", "lang"]}


def skewed_pool(size: int, seed: int) -> list[Member]:
    """Volunteers as they come: too many older, well-educated people from the middle of town."""
    rng = random.Random(seed)
    bias = {"gender": [1, 1], "age": [1, 2, 4, 3], "area": [4, 2, 1], "education": [1, 2, 5]}
    return [Member(i, {f: rng.choices(VALUES[f], weights=bias[f])[0] for f in FEATURES}) for i in range(1, size + 1)]


def even_quotas(seats: int, features=FEATURES, slack: int = 0) -> dict:
    quotas = {}
    for feature in features:
        values = VALUES[feature]
        share = seats / len(values)
        quotas[feature] = {v: (max(0, int(share) - slack), min(seats, -int(-share) + slack)) for v in values}
    return quotas


def oracle_maximin(pool, features, quotas, seats) -> float:
    """The smallest selection probability sortition-algorithms' maximin finds (test-only, GPL)."""
    from sortition_algorithms.committee_generation import maximin as sa_maximin
    from sortition_algorithms.features import FeatureValueMinMax
    from sortition_algorithms.people import People

    collection = {f: {v: FeatureValueMinMax(min=low, max=high) for v, (low, high) in quotas[f].items()}
                  for f in features}
    people = People(columns_to_keep=[])
    for row, member in enumerate(pool):
        people.add(str(member.id), {f: member.value(f) for f in features}, collection, row)
    original = sa_maximin.EPS
    sa_maximin.EPS = 1e-9   # run the oracle to full precision (its default stops 0.05 % early)
    try:
        committees, probabilities, _report = sa_maximin.find_distribution_maximin(collection, people, seats, [])
    finally:
        sa_maximin.EPS = original
    chance = Counter()
    for committee, p in zip(committees, probabilities):
        for person in committee:
            chance[person] += p
    covered = set().union(*committees)
    return min(chance[person] for person in covered)


@pytest.mark.parametrize("size,seats,features,slack,seed", [
    (40, 8, ["gender", "age"], 0, 1),
    (60, 10, ["gender", "age", "area"], 1, 2),
    (80, 12, FEATURES, 1, 3),
    (50, 10, FEATURES, 2, 4),
    (70, 9, ["age", "education"], 1, 5),
])
def test_smallest_probability_matches_sortition_algorithms(size, seats, features, slack, seed):
    pool = skewed_pool(size, seed)
    quotas = even_quotas(seats, features, slack)
    ours = find_distribution(pool, features, quotas, seats, leximin=False)
    assert ours.algorithm == MAXIMIN
    assert ours.min_probability == pytest.approx(oracle_maximin(pool, features, quotas, seats), abs=1e-6)


def test_leximin_keeps_the_maximin_value_and_raises_the_rest():
    pool = skewed_pool(60, 2)
    quotas = even_quotas(10, ["gender", "age", "area"], 1)
    maximin = find_distribution(pool, ["gender", "age", "area"], quotas, 10, leximin=False)
    leximin = find_distribution(pool, ["gender", "age", "area"], quotas, 10, leximin=True)
    assert leximin.algorithm == LEXIMIN
    assert leximin.min_probability == pytest.approx(maximin.min_probability, abs=1e-6)
    # every chance sums to the number of seats, and no chance is above 1
    chances = leximin.type_probability * leximin.sizes
    assert chances.sum() == pytest.approx(10, abs=1e-6)
    assert (leximin.type_probability <= 1 + 1e-9).all()
    # leximin: sorted chances are lexicographically at least maximin's
    a, b = sorted(leximin.type_probability), sorted(maximin.type_probability)
    for x, y in zip(a, b):
        if abs(x - y) > 1e-7:
            assert x > y
            break


def test_every_drawn_panel_meets_the_quotas_and_the_draw_follows_the_probabilities():
    pool = skewed_pool(60, 7)
    quotas = even_quotas(10, FEATURES, 1)
    by_id = {m.id: m for m in pool}
    counts = Counter()
    draws = 2000
    distribution = find_distribution(pool, FEATURES, quotas, 10, leximin=False)
    for seed in range(draws):
        outcome = draw_from(distribution, pool, 10, seed)
        assert len(outcome.chosen_ids) == 10
        for feature in FEATURES:
            tally = Counter(by_id[i].value(feature) for i in outcome.chosen_ids)
            for value, (low, high) in quotas[feature].items():
                assert low <= tally[value] <= high
        counts.update(outcome.chosen_ids)
    probabilities = outcome.probabilities
    assert sum(probabilities.values()) == pytest.approx(10, abs=1e-6)
    # over 2000 fixed seeds the frequencies follow the stored chances (loose bound: 5 standard deviations)
    for member_id, p in probabilities.items():
        sd = (draws * p * (1 - p)) ** 0.5
        assert abs(counts[member_id] - draws * p) <= 5 * sd + 1


def test_same_seed_same_panel_and_stored_facts():
    pool = skewed_pool(50, 9)
    quotas = even_quotas(8, ["gender", "age"], 1)
    first = draw_lottery(pool, ["gender", "age"], quotas, 8, 1234)
    again = draw_lottery(pool, ["gender", "age"], quotas, 8, 1234)
    assert first.chosen_ids == again.chosen_ids
    assert first.seed == 1234 and first.pool_hash == again.pool_hash and len(first.pool_hash) == 64
    assert first.quotas["gender"]["female"] == list(quotas["gender"]["female"])
    assert set(first.probabilities) == {m.id for m in pool}
    assert first.version and first.algorithm in {"maximin-types", "leximin-types", "leximin-types-partial"}


def test_greedy_is_not_used_everyone_who_can_sit_gets_a_real_chance():
    # 2 young volunteers and 40 old; quota: at least 1 young of 6 seats
    pool = [Member(i, {"age": "18-29"}) for i in (1, 2)] + [Member(i, {"age": "70+"}) for i in range(3, 43)]
    quotas = {"age": {"18-29": (1, 6), "70+": (0, 6)}}
    outcome = draw_lottery(pool, ["age"], quotas, 6, 5)
    # every panel needs one young: each young sits half the time; the old share the other 5 seats evenly
    assert outcome.probabilities[1] == pytest.approx(0.5, abs=1e-6)
    assert outcome.probabilities[3] == pytest.approx(5 / 40, abs=1e-6)
    assert outcome.min_probability == pytest.approx(5 / 40, abs=1e-6)


def test_infeasible_quotas_name_the_quota_to_relax():
    pool = [Member(i, {"gender": "female" if i <= 3 else "male"}) for i in range(1, 21)]
    quotas = {"gender": {"female": (5, 10), "male": (0, 10)}}
    with pytest.raises(InfeasibleQuotas) as caught:
        draw_lottery(pool, ["gender"], quotas, 10, 1)
    relaxations = caught.value.relaxations
    assert [(r.feature, r.value, r.bound, r.current, r.suggested) for r in relaxations] == \
        [("gender", "female", "min", 5, 3)]
    assert "Køn = Kvinde" in caught.value.message and "mindst" in caught.value.message  # labels, not codes


def test_pool_smaller_than_seats():
    with pytest.raises(PoolTooSmall):
        draw_lottery([Member(1, {"gender": "male"})], ["gender"], {}, 3, 1)


def test_unknown_values_and_quotas_from_targets():
    pool = [Member(i, {"gender": ("female", "male", None)[i % 3]}) for i in range(1, 31)]
    quotas = quotas_from_targets({"gender": {"female": 0.5, "male": 0.5}}, ["gender"], 9, pool)
    # a third of the pool did not say: they keep a third of the seats; the rest split by the population
    assert quotas["gender"][UNKNOWN] == (3, 3)
    assert quotas["gender"]["female"] == (3, 3)
    outcome = draw_lottery(pool, ["gender"], quotas, 9, 3)
    assert outcome.min_probability == pytest.approx(9 / 30, abs=1e-6)
