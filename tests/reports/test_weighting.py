"""Raking: a hand-made example, trimming, unknown values, and weightipy as an independent oracle."""
from __future__ import annotations

import math
import random

import numpy as np
import pytest

from engagement.reports import weighting
from engagement.reports.weighting import effective_n, rake, usable_targets, weighted_shares

# 100 respondents: women in the middle of town 30, women in the west 20, men 10 and 40.
GENDER = ["f"] * 50 + ["m"] * 50
AREA = ["a"] * 30 + ["b"] * 20 + ["a"] * 10 + ["b"] * 40
TARGETS = {"gender": {"f": 0.5, "m": 0.5}, "area": {"a": 0.6, "b": 0.4}}


def test_raking_reproduces_the_targets_and_the_hand_computation():
    result = rake({"gender": GENDER, "area": AREA}, TARGETS)
    w = result.weights
    assert result.converged and result.trimmed == 0
    for feature, values in (("gender", GENDER), ("area", AREA)):
        shares = weighted_shares(values, w)
        for value, target in TARGETS[feature].items():
            assert abs(shares[value] - target) < 1e-6
    # By hand: raking keeps the odds ratio (30*40)/(20*10) = 6 and meets the margins:
    # x(x-10) = 6(50-x)(60-x)  =>  x^2 - 130x + 3600 = 0  =>  x = 40 (women, middle).
    # Cells 40, 10, 20, 30 over counts 30, 20, 10, 40.
    expected = {("f", "a"): 40 / 30, ("f", "b"): 10 / 20, ("m", "a"): 20 / 10, ("m", "b"): 30 / 40}
    for i, cell in enumerate(zip(GENDER, AREA)):
        assert w[i] == pytest.approx(expected[cell], abs=1e-6)
    assert w.mean() == pytest.approx(1.0)
    # Kish: (sum w)^2 / sum w^2 = 10000 / (30*16/9 + 20/4 + 10*4 + 40*9/16) = 10000 / 120.8333...
    assert result.n_effective == pytest.approx(10000 / (30 * 16 / 9 + 5 + 40 + 22.5), rel=1e-6)
    assert result.design_effect == pytest.approx(100 / result.n_effective)
    assert result.margin_of_error == pytest.approx(1.959964 * math.sqrt(0.25 / result.n_effective), rel=1e-5)


def test_weights_are_trimmed_to_the_bounds_and_raked_again():
    # Very few young respondents: their raw weight would be 0.3 / 0.02 = 15.
    ages = ["young"] * 2 + ["old"] * 98
    result = rake({"age": ages}, {"age": {"young": 0.3, "old": 0.7}}, lower=0.2, upper=5.0)
    assert result.weights.max() <= 5.0 + 1e-9 and result.weights.min() >= 0.2 - 1e-9
    assert result.weights.mean() == pytest.approx(1.0)
    assert result.trimmed == 2
    assert not result.converged and result.max_margin_error > 0.1  # the bounds win; the report says so
    untrimmed = rake({"age": ages}, {"age": {"young": 0.3, "old": 0.7}}, lower=None, upper=None)
    assert untrimmed.weights.max() == pytest.approx(15.0)


def test_trimming_that_binds_still_meets_margins_when_other_cells_can_carry_them():
    rng = random.Random(7)
    gender = [rng.choice("fm") for _ in range(400)]
    area = [rng.choices("abc", weights=(0.7, 0.25, 0.05))[0] for _ in range(400)]
    targets = {"gender": {"f": 0.5, "m": 0.5}, "area": {"a": 0.4, "b": 0.4, "c": 0.2}}
    result = rake({"gender": gender, "area": area}, targets, lower=0.3, upper=3.0)
    assert result.weights.max() <= 3.0 + 1e-9
    assert result.max_margin_error < 1e-6 or not result.converged


def test_a_small_group_that_cannot_meet_both_bounds_and_margins_stops_when_the_weights_stall():
    # 24 of 30 respondents are 65+, against a population share of 20 %: the bounds cannot also hold
    # the margins.  Raking must stop when nothing moves (it once ran 51 rounds of 1,000 passes).
    rng = random.Random(3)
    n = 30
    columns = {"age": ["65+"] * 24 + [rng.choice(["18-29", "30-49", "50-64"]) for _ in range(6)],
               "gender": [rng.choice("fm") for _ in range(n)],
               "area": [rng.choice("abcde") for _ in range(n)]}
    targets = {"age": {"18-29": 0.25, "30-49": 0.3, "50-64": 0.25, "65+": 0.2},
               "gender": {"f": 0.5, "m": 0.5}, "area": {k: 0.2 for k in "abcde"}}
    result = rake(columns, targets)
    assert not result.converged and result.max_margin_error > 0.1
    assert result.iterations < 5_000
    assert result.weights.min() >= 0.2 - 1e-9 and result.weights.max() <= 5.0 + 1e-9
    assert result.weights.mean() == pytest.approx(1.0)
    # As close as the bounds allow: the over-represented group sits at its lowest possible weight.
    assert weighted_shares(columns["age"], result.weights)["65+"] < 24 / 30


def test_unknown_values_keep_their_share_and_empty_cells_are_reported():
    gender = ["f"] * 40 + ["m"] * 50 + [None] * 10
    area = ["a"] * 100
    usable, empty = usable_targets({"gender": gender, "area": area},
                                   {"gender": {"f": 0.5, "m": 0.5}, "area": {"a": 0.7, "b": 0.3}})
    assert usable["gender"] == pytest.approx({"f": 0.45, "m": 0.45, "unknown": 0.1})
    assert usable["area"] == {"a": 1.0}
    assert empty == {"area": ["b"]}
    result = rake({"gender": gender, "area": area}, {"gender": {"f": 0.5, "m": 0.5}, "area": {"a": 0.7, "b": 0.3}})
    assert result.features == ("gender",)  # one value left: nothing to rake on area
    assert weighted_shares(gender, result.weights)["unknown"] == pytest.approx(0.1)


def test_no_targets_means_weights_of_one_and_no_respondents_is_an_error():
    result = rake({"gender": ["f", "m"]}, {})
    assert list(result.weights) == [1.0, 1.0] and not result.is_weighted
    with pytest.raises(weighting.NoRespondents):
        rake({"gender": []}, TARGETS)
    assert effective_n([1, 1, 1, 1]) == 4.0
    assert weighting.design_effect([1, 1]) == 1.0


def test_the_same_weights_as_weightipy():
    pd = pytest.importorskip("pandas")
    wp = pytest.importorskip("weightipy")
    rng = random.Random(3)
    n = 600
    data = {"gender": [rng.choice(["f", "m"]) for _ in range(n)],
            "age": [rng.choices(["18-29", "30-49", "50+"], weights=(0.1, 0.4, 0.5))[0] for _ in range(n)],
            "area": [rng.choices(["a", "b", "c", "d"], weights=(0.4, 0.3, 0.2, 0.1))[0] for _ in range(n)]}
    targets = {"gender": {"f": 0.51, "m": 0.49}, "age": {"18-29": 0.25, "30-49": 0.35, "50+": 0.40},
               "area": {"a": 0.3, "b": 0.3, "c": 0.2, "d": 0.2}}
    ours = rake(data, targets, lower=None, upper=None, tolerance=1e-12)
    scheme = wp.Rim("oracle", convcrit=1e-12, max_iterations=5000)
    scheme.set_targets([{f: {v: s * 100 for v, s in shares.items()}} for f, shares in targets.items()])
    theirs = wp.weight(pd.DataFrame(data), scheme).to_numpy()
    np.testing.assert_allclose(ours.weights, theirs / theirs.mean(), atol=1e-6)
