"""Fair lotteries for meetings and workshops: maximin and leximin over feature types.

Pure: a pool of volunteers, quotas and a seed in; a panel and everyone's chance out.

The method is the one of Flanigan, Gölz, Gupta, Hennig and Procaccia, "Fair
algorithms for selecting citizens' assemblies" (Nature 596, 2021): find a
probability distribution over the panels that meet every quota which makes
the smallest chance any volunteer has as large as it can be (maximin), then,
keeping that, the second smallest, and so on (leximin); then draw one panel
from that distribution.

Volunteers with the same values on the quota features are interchangeable:
any quota-meeting panel stays quota-meeting if one is swapped for another of
the same *type*, so an optimal distribution gives everyone of a type the same
chance.  We therefore work with types: a panel is a vector of how many of
each type it takes, and a volunteer's chance is E[x_t] / n_t.  That keeps the
problem small however large the pool (a few hundred types at most), where
the per-person formulation grows with every volunteer.

Column generation: the master LP (``scipy.optimize.linprog``, HiGHS) holds
the panels found so far; the pricing problem (``scipy.optimize.milp``) finds
the quota-meeting panel that the master's dual values rate highest.  When no
panel rates above the master's value, the distribution is optimal.  The
panel is then drawn with ``random.Random(seed)``: first a type vector from
the distribution, then, within each type, the people uniformly at random.
Never a greedy, seat-by-seat draw: that leaves some volunteers almost no chance.
"""
from __future__ import annotations

import math
import os
import random
import sys
import threading
import time
from dataclasses import dataclass, field
from typing import Mapping, Sequence

import highspy
import numpy as np
from flask_babel import gettext as _
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.sparse import coo_array, hstack, vstack

from engagement.panel.features import feature_label, value_label, value_labels
from engagement.selection.strata import (InvalidSize, InvalidTargets, Member, SelectionError, Stratum, Targets,
                                         adjusted_shares, check_features, composition, group_by_stratum,
                                         pool_hash)

VERSION = "1"
MAXIMIN = "maximin-types"
LEXIMIN = "leximin-types"
LEXIMIN_PARTIAL = "leximin-types-partial"
EPS = 1e-9          # column generation stops when no panel improves by more than this
FIX_EPS = 1e-7      # a dual value above this fixes a type's chance in a leximin round
LEXIMIN_SECONDS = 20.0
SWAPS_PER_ROUND = 25
  # extra columns per master solve, one swap from the priced panel

#: quotas: {feature: {value: (min, max)}}
Quotas = Mapping[str, Mapping[str, tuple[int, int]]]


class PoolTooSmall(SelectionError):
    """Fewer volunteers than seats."""


@dataclass(frozen=True)
class Relaxation:
    feature: str
    value: str
    bound: str          # "min" or "max"
    current: int
    suggested: int


class InfeasibleQuotas(SelectionError):
    """No panel meets every quota; ``relaxations`` names the smallest change that would help."""

    def __init__(self, message: str, relaxations: Sequence[Relaxation]):
        super().__init__(message)
        self.relaxations = list(relaxations)


@dataclass
class TypeReport:
    key: Stratum
    count: int
    probability: float
    chosen: int = 0


@dataclass
class Distribution:
    features: list[str]
    types: list[Stratum]
    ids: list[list[int]]           # volunteers of each type, sorted
    sizes: np.ndarray              # volunteers per type
    active: np.ndarray             # indices of the types some quota-meeting panel can include
    panels: list[np.ndarray]       # type-count vectors
    weights: np.ndarray            # probability of each panel
    algorithm: str
    note: str = ""
    labels: list[tuple[str, str, int, int]] = field(default_factory=list)   # (feature, value, min, max)

    @property
    def type_probability(self) -> np.ndarray:
        if not self.panels:
            return np.zeros(len(self.types))
        matrix = np.array(self.panels, dtype=float)
        return (self.weights @ matrix) / self.sizes

    @property
    def min_probability(self) -> float:
        """The smallest chance among the volunteers who can be chosen at all."""
        probabilities = self.type_probability[self.active]
        return float(probabilities.min()) if probabilities.size else 0.0


@dataclass
class LotteryOutcome:
    chosen_ids: list[int]
    seats: int
    seed: int
    features: list[str]
    quotas: dict[str, dict[str, list[int]]]
    algorithm: str
    version: str
    pool_size: int
    pool_hash: str
    probabilities: dict[int, float]
    min_probability: float
    types: list[TypeReport] = field(default_factory=list)
    panel_count: int = 0
    note: str = ""

    @property
    def excluded_types(self) -> list[TypeReport]:
        """Types no quota-meeting panel can include (their chance is 0)."""
        return [row for row in self.types if row.probability <= FIX_EPS]


def quotas_from_targets(targets: Targets, features: Sequence[str], seats: int, pool: Sequence[Member],
                        slack: int = 0) -> dict[str, dict[str, tuple[int, int]]]:
    """Quotas near the population's shares: floor and ceiling of seats x share, widened by ``slack``.

    Values the population table lacks (unknown) get their share of the pool, like in samples.
    """
    quotas: dict[str, dict[str, tuple[int, int]]] = {}
    for feature in check_features(features):
        shares = adjusted_shares(targets, feature, composition(pool, feature))
        quotas[feature] = {}
        for value, share in shares.items():
            exact = seats * share
            low = max(0, math.floor(exact + 1e-9) - slack)
            high = min(seats, math.ceil(exact - 1e-9) + slack)
            quotas[feature][value] = (low, high)
    return quotas


class _Problem:
    """The type-level integer programme: x_t in [0, n_t], sum x_t = seats, quotas on every feature value."""

    def __init__(self, pool: Sequence[Member], features: Sequence[str], quotas: Quotas, seats: int):
        self.features = list(features)
        self.seats = seats
        groups = group_by_stratum(pool, features)
        self.types = list(groups)
        self.ids = [groups[key] for key in self.types]
        self.sizes = np.array([len(ids) for ids in self.ids], dtype=float)
        rows, cols, lower, upper, self.labels = [], [], [], [], []
        row = 0
        for index, feature in enumerate(self.features):
            feature_quotas = quotas.get(feature, {})
            values = list(feature_quotas) + sorted({key[index] for key in self.types} - set(feature_quotas))
            for value in values:
                low, high = feature_quotas.get(value, (0, seats))
                if low < 0 or high < low:
                    raise InvalidTargets(_("Kvoten for %(feature)s = %(value)s er ugyldig: mindst %(low)s, "
                                           "højst %(high)s.", feature=feature_label(feature),
                                           value=value_label(value_labels(), feature, value), low=low, high=high))
                for t, key in enumerate(self.types):
                    if key[index] == value:
                        rows.append(row), cols.append(t)
                row += 1
                lower.append(float(low)), upper.append(float(high))
                self.labels.append((feature, value, int(low), int(high)))
        rows.extend([row] * len(self.types)), cols.extend(range(len(self.types)))
        lower.append(float(seats)), upper.append(float(seats))
        row += 1
        self.matrix = coo_array((np.ones(len(rows)), (rows, cols)), shape=(row, len(self.types))).tocsr()
        self.lower, self.upper = np.array(lower), np.array(upper)
        # per feature: the quota row each type counts in
        self.row_of_type = []
        for index, feature in enumerate(self.features):
            row_of = {label[1]: r for r, label in enumerate(self.labels) if label[0] == feature}
            self.row_of_type.append(np.array([row_of[key[index]] for key in self.types], dtype=int))

    def best_panel(self, weights: np.ndarray, extra_binary: np.ndarray | None = None) -> np.ndarray | None:
        """The quota-meeting panel with the largest sum of weights x counts (None: no such panel).

        With ``extra_binary`` (a 0/1 mask of types), maximise instead how many of those
        types the panel includes at least once (used to cover every type early).
        """
        n = len(self.types)
        if extra_binary is None:
            result = milp(-weights, constraints=LinearConstraint(self.matrix, self.lower, self.upper),
                          integrality=np.ones(n), bounds=Bounds(np.zeros(n), self.sizes),
                          options={"mip_rel_gap": 1e-9})
            return None if result.x is None else np.round(result.x)
        marked = np.flatnonzero(extra_binary)
        m = len(marked)
        link = coo_array((np.concatenate([-np.ones(m), np.ones(m)]),
                          (np.concatenate([np.arange(m), np.arange(m)]), np.concatenate([marked, n + np.arange(m)]))),
                         shape=(m, n + m))
        quota_rows = coo_array(self.matrix)
        quota_rows = coo_array((quota_rows.data, (quota_rows.row, quota_rows.col)), shape=(quota_rows.shape[0], n + m))
        constraints = [LinearConstraint(quota_rows.tocsr(), self.lower, self.upper),
                       LinearConstraint(link.tocsr(), -np.inf, 0.0)]    # z_t <= x_t
        result = milp(np.concatenate([np.zeros(n), -np.ones(m)]), constraints=constraints,
                      integrality=np.ones(n + m), bounds=Bounds(np.zeros(n + m), np.concatenate([self.sizes, np.ones(m)])))
        return None if result.x is None else np.round(result.x[:n])

    def relaxed_maximin(self, active: np.ndarray) -> float:
        """The maximin value of the LP relaxation (fractional panels): no distribution can beat it."""
        n = len(self.types)
        # variables: x (n), z; maximise z subject to the quotas and x_t >= z n_t for active types
        quota = coo_array(self.matrix)
        quota = coo_array((quota.data, (quota.row, quota.col)), shape=(quota.shape[0], n + 1)).tocsr()
        k = len(active)
        link = coo_array((np.concatenate([-np.ones(k), self.sizes[active]]),
                          (np.concatenate([np.arange(k), np.arange(k)]),
                           np.concatenate([active, np.full(k, n)]))), shape=(k, n + 1)).tocsr()
        objective = np.zeros(n + 1)
        objective[n] = -1.0
        equal = self.lower == self.upper
        ranged = quota[np.flatnonzero(~equal)]
        a_ub = vstack([link, ranged, -ranged]).tocsr()
        b_ub = np.concatenate([np.zeros(k), self.upper[~equal], -self.lower[~equal]])
        result = linprog(objective, A_ub=a_ub, b_ub=b_ub, A_eq=quota[np.flatnonzero(equal)],
                         b_eq=self.lower[equal], bounds=list(zip(np.zeros(n), self.sizes)) + [(0, 1)],
                         method="highs")
        return float(-result.fun) + 1e-9 if result.status == 0 else np.inf

    def swaps(self, panel: np.ndarray, weights: np.ndarray, above: float, limit: int) -> list[np.ndarray]:
        """Quota-meeting panels one swap away from ``panel`` that still rate above ``above``.

        A cheap way to find many good columns per master solve (the pricing ILP
        confirms optimality at the end, so this only saves time).
        """
        n = len(self.types)
        if limit <= 0 or n < 2:
            return []
        value = float(panel @ weights)
        counts = self.matrix @ panel
        feasible = np.ones((n, n), dtype=bool)
        for row_of_type in self.row_of_type:
            can_remove = counts[row_of_type] - 1 >= self.lower[row_of_type] - 1e-9
            can_add = counts[row_of_type] + 1 <= self.upper[row_of_type] + 1e-9
            same = row_of_type[:, None] == row_of_type[None, :]
            feasible &= same | (can_remove[:, None] & can_add[None, :])
        feasible &= (panel > 0)[:, None] & (panel < self.sizes)[None, :]
        np.fill_diagonal(feasible, False)
        gain = value - weights[:, None] + weights[None, :]
        gain[~feasible] = -np.inf
        flat_gain = gain.ravel()
        top = min(flat_gain.size, 8 * limit)
        candidates = np.argpartition(-flat_gain, top - 1)[:top]
        order = candidates[np.argsort(-flat_gain[candidates])]
        found = []
        used_in, used_out = set(), set()
        for flat in order:
            if len(found) >= limit or gain.flat[flat] <= above:
                break
            out, into = divmod(int(flat), n)
            if out in used_out or into in used_in:
                continue
            used_out.add(out), used_in.add(into)
            neighbour = panel.copy()
            neighbour[out] -= 1
            neighbour[into] += 1
            found.append(neighbour)
        return found

    def relaxations(self) -> list[Relaxation]:
        """The smallest total change to the quotas that makes a panel possible."""
        n, q = len(self.types), len(self.labels)
        # variables: x (n), lower the min (q), raise the max (q)
        base = coo_array(self.matrix)
        rows = base.row[base.row < q]
        cols = base.col[base.row < q]
        quota = coo_array((np.ones(len(rows)), (rows, cols)), shape=(q, n))
        eye = coo_array((np.ones(q), (np.arange(q), np.arange(q))), shape=(q, q))
        at_least = hstack([quota, eye, coo_array((q, q))]).tocsr()          # sum x + lower >= min
        at_most = hstack([quota, coo_array((q, q)), -eye]).tocsr()         # sum x - raise <= max
        total = hstack([coo_array(np.ones((1, n))), coo_array((1, 2 * q))]).tocsr()
        constraints = [LinearConstraint(at_least, self.lower[:q], np.inf),
                       LinearConstraint(at_most, -np.inf, self.upper[:q]),
                       LinearConstraint(total, self.seats, self.seats)]
        result = milp(np.concatenate([np.zeros(n), np.ones(2 * q)]), constraints=constraints,
                      integrality=np.ones(n + 2 * q),
                      bounds=Bounds(np.zeros(n + 2 * q), np.concatenate([self.sizes, np.full(2 * q, np.inf)])))
        found = []
        if result.x is None:
            return found
        for i, (feature, value, low, high) in enumerate(self.labels):
            lower_by, raise_by = int(round(result.x[n + i])), int(round(result.x[n + q + i]))
            if lower_by:
                found.append(Relaxation(feature, value, "min", low, low - lower_by))
            if raise_by:
                found.append(Relaxation(feature, value, "max", high, high + raise_by))
        return found


def _infeasible(problem: _Problem) -> InfeasibleQuotas:
    relaxations = problem.relaxations()
    if relaxations:
        labels = value_labels()
        parts = []
        for item in relaxations:
            if item.bound == "min":
                parts.append(_("%(feature)s = %(value)s: sæt \"mindst\" ned fra %(current)s til %(suggested)s",
                               feature=feature_label(item.feature),
                               value=value_label(labels, item.feature, item.value), current=item.current,
                               suggested=item.suggested))
            else:
                parts.append(_("%(feature)s = %(value)s: sæt \"højst\" op fra %(current)s til %(suggested)s",
                               feature=feature_label(item.feature),
                               value=value_label(labels, item.feature, item.value), current=item.current,
                               suggested=item.suggested))
        message = _("Ingen sammensætning af deltagere kan opfylde alle kvoter. Slæk på: %(parts)s.",
                    parts="; ".join(parts))
    else:
        message = _("Ingen sammensætning af deltagere kan opfylde alle kvoter.")
    return InfeasibleQuotas(message, relaxations)


def find_distribution(pool: Sequence[Member], features: Sequence[str], quotas: Quotas, seats: int, *,
                      leximin: bool = True, leximin_seconds: float = LEXIMIN_SECONDS) -> Distribution:
    """The fair distribution over quota-meeting panels (as type-count vectors)."""
    features = check_features(features)
    if isinstance(seats, bool) or not isinstance(seats, int) or seats < 1:
        raise InvalidSize(_("Skriv hvor mange pladser der skal trækkes lod om (mindst 1)."))
    if len(pool) < seats:
        raise PoolTooSmall(_("Der er kun %(pool)s at trække imellem, men %(seats)s pladser.",
                             pool=len(pool), seats=seats))
    problem = _Problem(pool, features, quotas, seats)
    n = len(problem.types)

    # 1. Panels that together include every type that any quota-meeting panel can include.
    panels: list[np.ndarray] = []
    seen: set[bytes] = set()

    def add(panel: np.ndarray) -> bool:
        key = panel.astype(np.int64).tobytes()
        if key in seen:
            return False
        seen.add(key)
        panels.append(panel)
        return True

    first = problem.best_panel(np.zeros(n))
    if first is None:
        raise _infeasible(problem)
    add(first)
    covered = first > 0
    while not covered.all():
        panel = problem.best_panel(np.zeros(n), extra_binary=~covered)
        if panel is None or not (panel[~covered] > 0).any():
            break
        add(panel)
        covered |= panel > 0
    active = np.flatnonzero(covered)   # types that can be chosen at all

    # 2. Maximin by column generation; it may stop early once it reaches the LP relaxation's bound.
    fixed: dict[int, float] = {}
    deadline = time.monotonic() + leximin_seconds
    value, duals, proven = _column_generation(problem, panels, add, active, fixed, list(active),
                                              upper_bound=problem.relaxed_maximin(active))
    algorithm, note = MAXIMIN, ""
    # 3. Leximin on top while time allows: fix the types that cannot rise, raise the rest.
    while leximin:
        unfixed = [t for t in active if t not in fixed]
        if not proven:
            value, duals, proven = _column_generation(problem, panels, add, active, fixed, unfixed,
                                                      deadline=deadline)
        if not proven:
            note = _("Leximin blev stoppet efter %(seconds)s sekunder. De %(fixed)s af %(types)s typer med de "
                     "laveste chancer er på plads, og den laveste chance er den højest mulige.",
                     seconds=int(leximin_seconds), fixed=len(fixed), types=len(active))
            algorithm = LEXIMIN_PARTIAL if fixed else MAXIMIN
            break
        newly = [t for t in unfixed if duals[t] > FIX_EPS] or [max(unfixed, key=lambda t: duals[t])]
        for t in newly:
            fixed[t] = value
        if len(fixed) == len(active):
            algorithm = LEXIMIN
            break
        proven = False
    weights = _primal(problem, panels, active, fixed)
    keep = weights > 1e-12
    kept_panels = [panel for panel, flag in zip(panels, keep) if flag]
    kept_weights = weights[keep] / weights[keep].sum()
    return Distribution(features=features, types=problem.types, ids=problem.ids, sizes=problem.sizes,
                        active=active, panels=kept_panels, weights=kept_weights, algorithm=algorithm,
                        note=note, labels=problem.labels)


def _column_generation(problem: _Problem, panels: list[np.ndarray], add, active: np.ndarray,
                       fixed: Mapping[int, float], unfixed: Sequence[int],
                       upper_bound: float = np.inf,
                       deadline: float | None = None) -> tuple[float, np.ndarray, bool]:
    """Solve the dual of one (leximin) round with as many panels as it needs.

    Dual: minimise mu - sum_{fixed t} q_t y_t  subject to  sum_{unfixed t} y_t = 1,
    y >= 0, and for every panel P: sum_t y_t x_t(P) / n_t <= mu.
    Its value is the largest chance every unfixed type can get while each fixed
    type keeps its chance q_t.  Each new panel is one more row, and the master
    is re-solved from its last basis (warm start), which keeps rounds cheap.
    ``upper_bound`` (the LP relaxation's value) ends the search as soon as it is reached;
    the flag returned says whether the duals were proven optimal (no panel left to add).
    """
    n = len(problem.types)
    sizes = problem.sizes
    master = _Master(active, sizes[active], fixed, unfixed)
    for panel in panels:
        master.add_panel(panel)
    count = len(panels)
    while True:
        value, solution = master.solve()
        y = np.zeros(n)
        y[active] = solution[:-1]
        mu = solution[-1]
        if value >= upper_bound - EPS:
            return value, y, False
        if deadline is not None and time.monotonic() > deadline:
            return value, y, False
        weights = y / sizes
        panel = problem.best_panel(weights)
        if panel is None:  # pragma: no cover - a panel exists (checked before)
            raise SelectionError(_("Lodtrækningen kunne ikke beregnes."))
        if float(panel @ weights) <= mu + EPS or not add(panel):
            return value, y, True
        for neighbour in problem.swaps(panel, weights, mu + EPS, limit=SWAPS_PER_ROUND):
            add(neighbour)
        for new_panel in panels[count:]:
            master.add_panel(new_panel)
        count = len(panels)


_banner_lock = threading.Lock()
_banner_shown = False


def _new_highs() -> highspy.Highs:
    """A HiGHS instance, without the banner HiGHS prints to stdout the first time (it would break --json)."""
    global _banner_shown
    with _banner_lock:
        if _banner_shown:
            return highspy.Highs()
        sys.stdout.flush()
        saved, devnull = os.dup(1), os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, 1)
            return highspy.Highs()
        finally:
            os.dup2(saved, 1)
            os.close(saved), os.close(devnull)
            _banner_shown = True


class _Master:
    """The restricted master LP of column generation, kept in one HiGHS instance (warm starts)."""

    def __init__(self, active: np.ndarray, active_sizes: np.ndarray, fixed: Mapping[int, float],
                 unfixed: Sequence[int]):
        self.active, self.sizes = active, active_sizes
        k = len(active)
        self.highs = _new_highs()
        self.highs.setOptionValue("output_flag", False)
        self.highs.setOptionValue("simplex_strategy", 1)   # dual simplex: new rows keep the basis dual feasible
        inf = highspy.kHighsInf
        costs = np.zeros(k + 1)
        costs[k] = 1.0
        index = {t: i for i, t in enumerate(active)}
        for t, q in fixed.items():
            costs[index[t]] = -q
        lower = np.zeros(k + 1)
        lower[k] = -inf
        self.highs.addVars(k + 1, lower, np.full(k + 1, inf))
        self.highs.changeColsCost(k + 1, np.arange(k + 1, dtype=np.int32), costs)
        members = np.array(sorted(index[t] for t in unfixed), dtype=np.int32)
        self.highs.addRow(1.0, 1.0, len(members), members, np.ones(len(members)))
        self.k = k

    def add_panel(self, panel: np.ndarray) -> None:
        chances = panel[self.active] / self.sizes
        nonzero = np.flatnonzero(chances).astype(np.int32)
        indices = np.append(nonzero, np.int32(self.k)).astype(np.int32)
        values = np.append(chances[nonzero], -1.0)
        self.highs.addRow(-highspy.kHighsInf, 0.0, len(indices), indices, values)

    def solve(self) -> tuple[float, np.ndarray]:
        self.highs.run()
        if self.highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:  # pragma: no cover
            raise SelectionError(_("Lodtrækningen kunne ikke beregnes."))
        return float(self.highs.getInfo().objective_function_value), np.array(self.highs.getSolution().col_value)


def _primal(problem: _Problem, panels: list[np.ndarray], active: np.ndarray,
            fixed: Mapping[int, float]) -> np.ndarray:
    """Weights on the panels: every fixed type keeps its chance, the rest get the largest common minimum."""
    sizes = problem.sizes
    m = len(panels)
    chances = np.array([panel[active] / sizes[active] for panel in panels]).T   # types x panels
    unfixed_rows = [i for i, t in enumerate(active) if t not in fixed]
    fixed_rows = [i for i, t in enumerate(active) if t in fixed]
    # variables: weights (m), z; maximise z
    objective = np.zeros(m + 1)
    objective[m] = -1.0
    a_ub, b_ub = [], []
    for i in unfixed_rows:             # z - chance_t <= 0
        a_ub.append(np.append(-chances[i], 1.0)), b_ub.append(0.0)
    for i in fixed_rows:               # chance_t >= q_t (a hair of slack for rounding)
        a_ub.append(np.append(-chances[i], 0.0)), b_ub.append(-(fixed[active[i]] - 1e-9))
    if not unfixed_rows:
        objective[m] = 0.0
    result = linprog(objective, A_ub=np.array(a_ub), b_ub=np.array(b_ub),
                     A_eq=np.append(np.ones(m), 0.0).reshape(1, -1), b_eq=[1.0],
                     bounds=[(0, None)] * m + [(None, None) if unfixed_rows else (0, 0)], method="highs")
    if result.status != 0:  # pragma: no cover - feasible by construction
        raise SelectionError(_("Lodtrækningen kunne ikke beregnes."))
    weights = np.clip(result.x[:m], 0.0, None)
    return weights / weights.sum()


def draw_lottery(pool: Sequence[Member], features: Sequence[str], quotas: Quotas, seats: int, seed: int, *,
                 leximin: bool = True, leximin_seconds: float = LEXIMIN_SECONDS) -> LotteryOutcome:
    """Compute the fair distribution and draw one panel from it with ``random.Random(seed)``."""
    features = check_features(features)
    distribution = find_distribution(pool, features, quotas, seats, leximin=leximin,
                                     leximin_seconds=leximin_seconds)
    return draw_from(distribution, pool, seats, seed)


def draw_from(distribution: Distribution, pool: Sequence[Member], seats: int, seed: int) -> LotteryOutcome:
    """Draw one panel: a type vector with its probability, then people uniformly within each type."""
    features = distribution.features
    rng = random.Random(seed)
    point = rng.random()
    cumulative = np.cumsum(distribution.weights)
    choice = int(min(np.searchsorted(cumulative, point, side="right"), len(cumulative) - 1))
    panel = distribution.panels[choice]
    chosen: list[int] = []
    type_probability = distribution.type_probability
    reports = []
    for t, key in enumerate(distribution.types):
        count = int(panel[t])
        ids = distribution.ids[t]
        chosen.extend(rng.sample(ids, count) if count else [])
        reports.append(TypeReport(key=key, count=len(ids), probability=float(type_probability[t]), chosen=count))
    probabilities = {member_id: float(type_probability[t])
                     for t, ids in enumerate(distribution.ids) for member_id in ids}
    quota_table: dict[str, dict[str, list[int]]] = {}
    for feature, value, low, high in distribution.labels:
        quota_table.setdefault(feature, {})[value] = [low, high]
    return LotteryOutcome(
        chosen_ids=sorted(chosen), seats=seats, seed=seed, features=list(features), quotas=quota_table,
        algorithm=distribution.algorithm, version=VERSION, pool_size=len(pool),
        pool_hash=pool_hash(pool, features), probabilities=probabilities,
        min_probability=distribution.min_probability, types=reports,
        panel_count=len(distribution.panels), note=distribution.note)
