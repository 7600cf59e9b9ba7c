"""Stratified samples: N members whose make-up matches the population.

Pure: members and targets in, a sample and its report out.

How a sample is drawn:

1. Each feature's target shares are adjusted to the pool (``strata.adjusted_shares``):
   members with an unknown value (or a value the population table lacks) keep
   their share of the pool; the known values share the rest as in the population.
2. **Cross** (all chosen features at once): each combination of values gets the
   product of its shares, and the N places are shared out by largest remainders,
   so every stratum is within one person of its exact proportional quota.
   The cross is used when it is not too thin: no more strata than places,
   and enough members in every stratum.
3. **Margins** otherwise: each feature on its own gets its places by largest
   remainders; a small integer programme (``scipy.optimize.milp``) then finds
   how many to take from each combination so that every feature's counts are
   met at once, staying close to a raked (iterative proportional fitting)
   version of the pool.
4. Within each combination the members are drawn at random, uniformly, with
   ``random.Random(seed)`` over ids in sorted order: the same seed and the same
   pool give the same sample.

Where a stratum has too few members, it gets everyone it has, and the report
says how many are missing; with ``fill_shortfall`` the missing places go to the
other strata in proportion to their shares.  With response rates, the targets
are numbers of *respondents*: strata that answer less often get more invitations
(``ceil(target / rate)``), and the report shows the expected respondents.
"""
from __future__ import annotations

import hashlib
import itertools
import json
import math
import random
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Literal, Mapping, Sequence

import numpy as np
from flask_babel import gettext as _
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array

from engagement.selection.strata import (UNKNOWN, InvalidSize, InvalidTargets, Member, SelectionError, Stratum,
                                         Targets, adjusted_shares, capped_largest_remainders, check_features,
                                         check_targets, largest_remainders)

ALGORITHM = "stratified-largest-remainders"
VERSION = "1"

SWAP_CAP = 3   # the repair moves at most this many members in or out of one combination
Mode = Literal["auto", "cross", "margins"]


class SolverFailed(SelectionError):
    """The integer programme for the margins found no answer (should not happen)."""


@dataclass(frozen=True)
class StratumReport:
    """One stratum (a cross cell, or one value of one feature)."""

    key: Stratum
    exact: float            # the exact proportional quota: N x share
    target: int             # whole places by largest remainders (respondents wanted)
    available: int          # eligible members in the stratum
    chosen: int             # members drawn (invitations)
    response_rate: float = 1.0
    expected: float = 0.0   # expected respondents: chosen x response rate

    @property
    def missing(self) -> int:
        """Respondents the stratum should give but cannot (too few members)."""
        return max(0, math.ceil(self.target - self.expected - 1e-9))


@dataclass
class SampleOutcome:
    chosen_ids: list[int]
    size: int
    seed: int
    features: list[str]
    mode: str                          # "cross" | "margins"
    mode_reason: str                   # Danish, for staff
    pool_size: int
    pool_hash: str
    strata: list[StratumReport]        # the cells the draw worked on
    margins: dict[str, list[StratumReport]] = field(default_factory=dict)  # per feature value
    unknown_note: str = ""
    algorithm: str = ALGORITHM
    version: str = VERSION

    @property
    def shortfalls(self) -> list[StratumReport]:
        """The strata that could not get their share (cells in cross mode, values in margins mode)."""
        if self.mode == "cross":
            return [row for row in self.strata if row.missing > 0]
        return [row for rows in self.margins.values() for row in rows if row.missing > 0]

    @property
    def expected_total(self) -> float:
        return sum(row.expected for row in self.strata)

    def probabilities(self) -> dict[Stratum, float]:
        """Each member's chance of being drawn, per stratum (the same for all in a stratum)."""
        return {row.key: (row.chosen / row.available if row.available else 0.0) for row in self.strata}


def draw_stratified(members: Sequence[Member], targets: Targets, features: Sequence[str], size: int,
                    seed: int, *, mode: Mode = "auto", fill_shortfall: bool = False,
                    response_rates: Mapping[Stratum, float] | None = None,
                    default_response_rate: float = 1.0) -> SampleOutcome:
    features = check_features(features)
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        raise InvalidSize(_("Skriv hvor mange der skal udtrækkes (mindst 1)."))
    if mode not in ("auto", "cross", "margins"):
        raise SelectionError(f"unknown mode {mode!r}")
    check_targets(targets, features)
    rates = dict(response_rates or {})
    for value in [default_response_rate, *rates.values()]:
        if not 0 < value <= 1:
            raise InvalidTargets(_("En svarprocent skal ligge mellem 0 og 100."))

    strata_of = [(member.id, member.stratum(features)) for member in members]
    groups: dict[Stratum, list[int]] = defaultdict(list)
    for member_id, cell in strata_of:
        groups[cell].append(member_id)
    for ids in groups.values():
        ids.sort()
    groups = dict(sorted(groups.items()))
    pool_counts: dict[str, dict[str, int]] = {feature: defaultdict(int) for feature in features}
    for cell, ids in groups.items():
        for feature, value in zip(features, cell):
            pool_counts[feature][value] += len(ids)
    shares = {feature: adjusted_shares(targets, feature, pool_counts[feature]) for feature in features}

    def rate(cell: Stratum) -> float:
        return float(rates.get(cell, default_response_rate))

    def capacity(cell: Stratum) -> int:
        return math.floor(len(groups.get(cell, ())) * rate(cell) + 1e-9)

    capacity_by_value: dict[str, dict[str, int]] = {feature: defaultdict(int) for feature in features}
    for cell in groups:
        for feature, value in zip(features, cell):
            capacity_by_value[feature][value] += capacity(cell)
    margin_targets = {feature: (capped_largest_remainders(size, shares[feature], capacity_by_value[feature])
                                if fill_shortfall else largest_remainders(size, shares[feature]))
                      for feature in features}

    cells = itertools.product(*(list(shares[feature]) for feature in features))
    weights = {}
    for cell in cells:
        weight = math.prod(shares[feature][value] for feature, value in zip(features, cell))
        if weight > 0:
            weights[cell] = weight
    cross_targets = largest_remainders(size, weights)
    cross_margins: dict[str, dict[str, int]] = {feature: defaultdict(int) for feature in features}
    for cell, count in cross_targets.items():
        for feature, value in zip(features, cell):
            cross_margins[feature][value] += count
    # Too thin: more strata than places, or rounding the small strata pushes a
    # feature's total more than one person away from its own allocation.
    thin = len(weights) > size or any(abs(cross_margins[feature][value] - count) > 1
                                      for feature in features for value, count in margin_targets[feature].items())
    short = any(cross_targets[cell] > capacity(cell) for cell in weights)
    if mode == "auto":
        mode = "margins" if (len(features) > 1 and (thin or short)) else "cross"

    rng = random.Random(seed)
    picked: dict[Stratum, list[int]]
    if mode == "cross":
        if len(features) == 1:
            reason = _("Der fordeles efter én egenskab.")
        elif thin or short:
            reason = _("Der fordeles på alle kombinationer af egenskaberne, som du bad om, selv om nogle "
                       "kombinationer er små eller mangler medlemmer.")
        else:
            reason = _("Der er medlemmer nok i alle kombinationer af egenskaberne, så hver kombination får "
                       "sin andel.")
        if fill_shortfall:
            cross_targets = capped_largest_remainders(size, weights, {cell: capacity(cell) for cell in weights})
        picked = {}
        for cell, ids in groups.items():
            wanted = cross_targets.get(cell, 0)
            invitations = min(len(ids), math.ceil(wanted / rate(cell) - 1e-9)) if wanted else 0
            picked[cell] = rng.sample(ids, invitations) if invitations else []
    else:
        if thin:
            reason = _("Der er mange kombinationer af egenskaberne (%(cells)s) i forhold til pladserne "
                       "(%(size)s). Derfor rammes hver egenskab for sig.", cells=len(weights), size=size)
        else:
            reason = _("Nogle kombinationer af egenskaberne har for få medlemmer. Derfor rammes hver "
                       "egenskab for sig.")
        picked = _margin_walk(groups, features, margin_targets, rate, size, rng)

    strata = []
    for cell in sorted(set(groups) | (set(cross_targets) if mode == "cross" else set())):
        n_chosen = len(picked.get(cell, ()))
        strata.append(StratumReport(
            key=cell, exact=size * weights.get(cell, 0.0) if mode == "cross" else 0.0,
            target=cross_targets.get(cell, 0) if mode == "cross" else math.floor(n_chosen * rate(cell) + 1e-9),
            available=len(groups.get(cell, ())), chosen=n_chosen, response_rate=rate(cell),
            expected=n_chosen * rate(cell)))

    margins: dict[str, list[StratumReport]] = {}
    for index, feature in enumerate(features):
        chosen_counts: dict[str, int] = defaultdict(int)
        expected: dict[str, float] = defaultdict(float)
        for cell, ids in picked.items():
            chosen_counts[cell[index]] += len(ids)
            expected[cell[index]] += len(ids) * rate(cell)
        values = list(shares[feature])
        margins[feature] = [StratumReport(
            key=(value,), exact=size * shares[feature][value], target=margin_targets[feature].get(value, 0),
            available=pool_counts[feature].get(value, 0), chosen=chosen_counts[value],
            response_rate=(expected[value] / chosen_counts[value] if chosen_counts[value] else 1.0),
            expected=expected[value]) for value in values]

    chosen_ids = sorted(member_id for ids in picked.values() for member_id in ids)
    return SampleOutcome(
        chosen_ids=chosen_ids, size=size, seed=seed, features=list(features), mode=mode,
        mode_reason=reason, pool_size=len(strata_of), pool_hash=_pool_hash(strata_of, features),
        strata=strata, margins=margins, unknown_note=unknown_note(pool_counts, targets))


def _pool_hash(strata_of: Sequence[tuple[int, Stratum]], features: Sequence[str]) -> str:
    tab = "\t"
    lines = [json.dumps(list(features))] + [f"{member_id}{tab}{tab.join(cell)}" for member_id, cell in sorted(strata_of)]
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def unknown_note(pool_counts: Mapping[str, Mapping[str, int]], targets: Targets) -> str:
    """Plain Danish: how members with an unknown value (or one the population lacks) were handled."""
    parts = []
    for feature, counts in pool_counts.items():
        population = targets.get(feature, {})
        outside = sum(count for value, count in counts.items() if value == UNKNOWN or value not in population)
        if outside:
            parts.append(f"{feature}: {outside}")
    if not parts:
        return ""
    return _("Medlemmer uden oplyst værdi (eller med en værdi, som befolkningstallene ikke har) er en gruppe "
             "for sig. De får samme andel af udtrækket, som de har blandt de ledige medlemmer. Det gælder "
             "%(parts)s.", parts=", ".join(parts))


def _margin_walk(groups: Mapping[Stratum, list[int]], features: Sequence[str],
                 allocation: Mapping[str, Mapping[str, int]], rate, size: int,
                 rng: random.Random) -> dict[Stratum, list[int]]:
    """Quota sampling in a random order, then the fewest swaps that meet every feature's count."""
    cell_rate = {cell: rate(cell) for cell in groups}
    remaining = [dict(allocation[feature]) for feature in features]
    for index, feature in enumerate(features):
        for cell in groups:
            remaining[index].setdefault(cell[index], 0)
    total_left = float(size)
    order = [(cell, member_id) for cell, ids in groups.items() for member_id in ids]
    rng.shuffle(order)
    picked: dict[Stratum, list[int]] = {cell: [] for cell in groups}
    smallest_rate = min(cell_rate.values(), default=1.0)
    for cell, member_id in order:
        weight = cell_rate[cell] - 1e-9
        if total_left < weight:
            if total_left < smallest_rate - 1e-9:
                break
            continue
        if all(remaining[index][value] >= weight for index, value in enumerate(cell)):
            picked[cell].append(member_id)
            total_left -= cell_rate[cell]
            for index, value in enumerate(cell):
                remaining[index][value] -= cell_rate[cell]
    if total_left < smallest_rate - 1e-9 or all(
            max(left.values(), default=0) < smallest_rate - 1e-9 for left in remaining):
        return picked
    return _repair(groups, features, allocation, cell_rate, size, picked, rng)


def _repair(groups, features, allocation, cell_rate, size, picked, rng) -> dict[Stratum, list[int]]:
    """Swap members between combinations: most respondents first, fewest changes second."""
    cells = [cell for cell in groups if groups[cell]]
    n = len(cells)
    chosen = np.array([len(picked[cell]) for cell in cells], dtype=float)
    free = np.array([len(groups[cell]) for cell in cells], dtype=float) - chosen
    rates = np.array([cell_rate[cell] for cell in cells])
    rows, cols, data, upper = [], [], [], []
    row = 0
    for index, feature in enumerate(features):
        values = sorted({cell[index] for cell in cells})
        for value in values:
            members = [i for i, cell in enumerate(cells) if cell[index] == value]
            for i in members:
                rows.extend([row, row]), cols.extend([i, n + i]), data.extend([rates[i], -rates[i]])
            upper.append(allocation[feature].get(value, 0) - float(np.dot(rates[members], chosen[members])))
            row += 1
    rows.extend([row] * (2 * n)), cols.extend(range(2 * n)), data.extend([*rates, *(-rates)])
    upper.append(size - float(np.dot(rates, chosen)))
    row += 1
    matrix = coo_array((data, (rows, cols)), shape=(row, 2 * n)).tocsr()
    objective = np.concatenate([-rates + 0.01, rates + 0.01])   # variables: add (n), remove (n)
    result = milp(objective, constraints=LinearConstraint(matrix, -np.inf, np.array(upper) + 1e-9),
                  integrality=np.ones(2 * n),
                  bounds=Bounds(np.zeros(2 * n), np.minimum(np.concatenate([free, chosen]), SWAP_CAP)),
                  options={"time_limit": 30.0})
    if result.x is None:
        raise SolverFailed(_("Udtrækket kunne ikke beregnes. Prøv med færre egenskaber."))
    for i, cell in enumerate(cells):
        add, remove = int(round(result.x[i])), int(round(result.x[n + i]))
        if remove:
            dropped = set(rng.sample(sorted(picked[cell]), remove))
            picked[cell] = [member_id for member_id in picked[cell] if member_id not in dropped]
        if add:
            taken = set(picked[cell])
            picked[cell].extend(rng.sample([m for m in groups[cell] if m not in taken], add))
    return picked
