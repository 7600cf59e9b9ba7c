"""Fair lotteries for meetings and workshops: maximin and leximin over feature types.

Pure: a pool of volunteers, quotas and a seed in; a panel and everyone's chance out.  The integer
programme is ``lottery_programme``, the column generation ``lottery_solver``; this module
finds the distribution with them and draws from it.

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
import random
import time
from dataclasses import dataclass, field
from typing import Sequence

import numpy as np
from flask_babel import gettext as _

from engagement.selection.lottery_programme import Quotas, TypeProgramme, infeasible
from engagement.selection.lottery_solver import column_generation, primal_weights
from engagement.selection.strata import (InvalidSize, Member, SelectionError, Stratum, Targets, adjusted_shares,
                                         check_features, composition, pool_hash)

VERSION = "1"
MAXIMIN = "maximin-types"
LEXIMIN = "leximin-types"
LEXIMIN_PARTIAL = "leximin-types-partial"
FIX_EPS = 1e-7      # a dual value above this fixes a type's chance in a leximin round
LEXIMIN_SECONDS = 20.0


class PoolTooSmall(SelectionError):
    """Fewer volunteers than seats."""


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


def find_distribution(pool: Sequence[Member], features: Sequence[str], quotas: Quotas, seats: int, *,
                      leximin: bool = True, leximin_seconds: float = LEXIMIN_SECONDS) -> Distribution:
    """The fair distribution over quota-meeting panels (as type-count vectors)."""
    features = check_features(features)
    if isinstance(seats, bool) or not isinstance(seats, int) or seats < 1:
        raise InvalidSize(_("Skriv hvor mange pladser der skal trækkes lod om (mindst 1)."))
    if len(pool) < seats:
        raise PoolTooSmall(_("Der er kun %(pool)s at trække imellem, men %(seats)s pladser.",
                             pool=len(pool), seats=seats))
    problem = TypeProgramme(pool, features, quotas, seats)
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
        raise infeasible(problem)
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
    value, duals, proven = column_generation(problem, panels, add, active, fixed, list(active),
                                              upper_bound=problem.relaxed_maximin(active))
    algorithm, note = MAXIMIN, ""
    # 3. Leximin on top while time allows: fix the types that cannot rise, raise the rest.
    while leximin:
        unfixed = [t for t in active if t not in fixed]
        if not proven:
            value, duals, proven = column_generation(problem, panels, add, active, fixed, unfixed,
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
    weights = primal_weights(problem, panels, active, fixed)
    keep = weights > 1e-12
    kept_panels = [panel for panel, flag in zip(panels, keep) if flag]
    kept_weights = weights[keep] / weights[keep].sum()
    return Distribution(features=features, types=problem.types, ids=problem.ids, sizes=problem.sizes,
                        active=active, panels=kept_panels, weights=kept_weights, algorithm=algorithm,
                        note=note, labels=problem.labels)


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
