"""Weighting: raking (iterative proportional fitting) to the panel's population targets.

Pure: numpy arrays and plain values in, plain values out; no database, no Flask.

Why our own twenty lines of numpy and not a library: raking is short and well
understood, and the candidates fit badly at run time.  ``weightipy`` 0.4.2
(MIT, works with numpy 2 and pandas 3) is the best kept of them, but it pulls
in pandas, requests and watchdog, prints to standard output from inside the
algorithm, stops on a *relative* improvement (``convcrit``) rather than on the
margins being met, and turns zero weights into ones.  ``balance`` pins
numpy < 2 on Python 3.11, and ``ipfn`` is no longer maintained.  So weightipy
is used in the tests as an independent oracle (``tests/reports``), the way
the fair lottery uses ``sortition-algorithms``, and the code that runs is this.

The rules
---------
* Each feature's targets are the population's shares (``PopulationTarget``).
  A value the respondents have but the population table has not ("unknown"
  for "vil ikke oplyse", or "other") keeps its own share of the respondents;
  the population's values share the rest in the population's proportions.
  A population value no respondent has cannot be weighted up from nothing:
  it is dropped and the others scaled to fill its share (``usable_targets``
  reports it as an empty cell).
* Weights are scaled to mean 1 (they sum to the number of respondents).
* Trimming: when raking leaves weights outside ``[lower, upper]`` times
  the mean (default 0.2 to 5), raking goes on with every pass clipped to the
  bounds, until both the bounds and the margins hold or the weights stop
  moving: then the margins are met as closely as the bounds allow and
  ``max_margin_error`` says how close.
* Precision: effective sample size (Kish) ``n_eff = (Σw)² / Σw²``, design
  effect ``deff = n / n_eff``, and the 95 % margin of error of a share of
  50 % with ``n_eff`` respondents: ``1.96 * sqrt(0.25 / n_eff)``.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Mapping, Sequence

import numpy as np

UNKNOWN = "unknown"
DEFAULT_LOWER, DEFAULT_UPPER = 0.2, 5.0
Z_95 = 1.959963984540054
# Raking stops as stalled when no weight moves by more than this fraction of the tolerance in a pass.
STALL_FRACTION = 1e-3


class WeightingError(Exception):
    """Weights cannot be computed; the message says why."""


class NoRespondents(WeightingError):
    pass


class BadTargets(WeightingError):
    pass


@dataclass(frozen=True)
class Weighting:
    """Weights (mean 1, in the order of the respondents) and how good they are."""

    weights: np.ndarray
    features: tuple[str, ...]
    targets: dict[str, dict[str, float]]          # the shares actually raked to
    empty_cells: dict[str, list[str]] = field(default_factory=dict)  # population values nobody has
    iterations: int = 0
    converged: bool = True
    max_margin_error: float = 0.0
    trimmed: int = 0                              # weights that sit at a bound
    lower: float = DEFAULT_LOWER
    upper: float = DEFAULT_UPPER

    @property
    def n(self) -> int:
        return int(self.weights.size)

    @property
    def n_effective(self) -> float:
        return effective_n(self.weights)

    @property
    def design_effect(self) -> float:
        return design_effect(self.weights)

    @property
    def margin_of_error(self) -> float:
        return margin_of_error(self.n_effective)

    @property
    def is_weighted(self) -> bool:
        return bool(self.features)


def effective_n(weights: Sequence[float] | np.ndarray) -> float:
    """Kish's effective sample size: (Σw)² / Σw²."""
    w = np.asarray(weights, dtype=float)
    total_sq = float(np.dot(w, w))
    return float(w.sum()) ** 2 / total_sq if total_sq > 0 else 0.0


def design_effect(weights: Sequence[float] | np.ndarray) -> float:
    """n / n_eff (1 without weighting; larger means the weights cost precision)."""
    n_eff = effective_n(weights)
    return len(weights) / n_eff if n_eff > 0 else float("nan")


def margin_of_error(n_effective: float, p: float = 0.5, z: float = Z_95) -> float:
    """Half the width of the 95 % confidence interval of a share ``p`` (as a share, 0.031 = 3.1 points)."""
    if n_effective <= 0:
        return float("nan")
    return z * math.sqrt(p * (1 - p) / n_effective)


def usable_targets(columns: Mapping[str, Sequence[str | None]],
                   targets: Mapping[str, Mapping[str, float]]) -> tuple[dict[str, dict[str, float]],
                                                                         dict[str, list[str]]]:
    """The shares to rake each feature to, given who responded, and the empty cells.

    Values outside the population table keep their share of the respondents;
    population values nobody has are dropped (and reported).
    """
    usable: dict[str, dict[str, float]] = {}
    empty: dict[str, list[str]] = {}
    for feature, values in columns.items():
        wanted = {str(v): float(s) for v, s in targets.get(feature, {}).items()}
        if any(s < 0 for s in wanted.values()) or (wanted and sum(wanted.values()) <= 0):
            raise BadTargets(f"the shares of {feature} must be positive")
        counts: dict[str, int] = {}
        for value in values:
            key = UNKNOWN if value is None or value == "" else str(value)
            counts[key] = counts.get(key, 0) + 1
        total = sum(counts.values())
        if not total:
            continue
        empty[feature] = [v for v, s in wanted.items() if s > 0 and v not in counts]
        present = {v: s for v, s in wanted.items() if s > 0 and v in counts}
        outside = {v: c for v, c in counts.items() if v not in present}
        if not present:
            continue  # nothing to rake this feature to
        outside_share = sum(outside.values()) / total
        present_sum = sum(present.values())
        shares = {v: (1.0 - outside_share) * s / present_sum for v, s in present.items()}
        shares.update({v: c / total for v, c in outside.items()})
        usable[feature] = shares
    return usable, {f: cells for f, cells in empty.items() if cells}


def _encode(values: Sequence[str | None], levels: Sequence[str]) -> np.ndarray:
    index = {level: i for i, level in enumerate(levels)}
    return np.fromiter((index[UNKNOWN if v is None or v == "" else str(v)] for v in values),
                       dtype=np.int64, count=len(values))


def _margin_error(codes: list[np.ndarray], shares: list[np.ndarray], w: np.ndarray) -> float:
    total = w.sum()
    worst = 0.0
    for code, share in zip(codes, shares):
        sums = np.bincount(code, weights=w, minlength=share.size)
        worst = max(worst, float(np.max(np.abs(sums / total - share))))
    return worst


def _rake(codes: list[np.ndarray], shares: list[np.ndarray], w: np.ndarray, tolerance: float,
          max_iterations: int, bounds: tuple[float, float] | None = None) -> tuple[np.ndarray, int, bool]:
    """Rake until the margins hold (converged), the weights stop moving (stalled) or the iterations run out.

    With ``bounds`` every pass ends by clipping to them (trimmed raking): the
    fixed point meets the margins within the bounds when that is possible and
    comes as close as the bounds allow when it is not.  Stopping on a stall
    matters for small groups of respondents, where the bounds and the margins
    cannot both hold and further passes change nothing.
    """
    n = w.size
    for iteration in range(1, max_iterations + 1):
        previous = w
        for code, share in zip(codes, shares):
            sums = np.bincount(code, weights=w, minlength=share.size)
            factors = np.divide(share * w.sum(), sums, out=np.ones_like(sums), where=sums > 0)
            w = w * factors[code]
        w = w * (n / w.sum())
        if bounds is not None:
            w = _bounded(w, *bounds)
        if _margin_error(codes, shares, w) < tolerance:
            return w, iteration, True
        if float(np.max(np.abs(w - previous))) < tolerance * STALL_FRACTION:
            return w, iteration, False
    return w, max_iterations, False


def _bounded(w: np.ndarray, lower: float, upper: float) -> np.ndarray:
    """Clip to [lower, upper] keeping the mean at 1 (clip, rescale, again until both hold)."""
    n = w.size
    for _ in range(200):
        w = np.clip(w, lower, upper)
        w = w * (n / w.sum())
        if w.min() >= lower - 1e-12 and w.max() <= upper + 1e-12:
            break
    return np.clip(w, lower, upper)


def rake(columns: Mapping[str, Sequence[str | None]], targets: Mapping[str, Mapping[str, float]], *,
         lower: float | None = DEFAULT_LOWER, upper: float | None = DEFAULT_UPPER,
         tolerance: float = 1e-9, max_iterations: int = 1000) -> Weighting:
    """Rake respondents to the targets, then trim to [lower, upper] × mean and rake again.

    ``columns`` maps each feature to one value per respondent (None = not
    given); every column has the same length.  Features without targets are
    left out.  ``lower``/``upper`` None: no trimming.
    """
    lengths = {len(values) for values in columns.values()}
    if len(lengths) > 1:
        raise WeightingError("every feature needs one value per respondent")
    n = lengths.pop() if lengths else 0
    if n == 0:
        raise NoRespondents("there are no respondents to weight")
    if lower is not None and upper is not None and not (0 < lower <= 1 <= upper):
        raise WeightingError("the trimming bounds must satisfy 0 < lower <= 1 <= upper")
    usable, empty = usable_targets(columns, targets)
    features = tuple(f for f in columns if f in usable and len(usable[f]) > 1)
    w = np.ones(n)
    if not features:
        return Weighting(weights=w, features=(), targets={}, empty_cells=empty, lower=lower or 0,
                         upper=upper or 0)
    codes, shares = [], []
    for feature in features:
        levels = list(usable[feature])
        codes.append(_encode(columns[feature], levels))
        shares.append(np.array([usable[feature][level] for level in levels]))
    w, iterations, converged = _rake(codes, shares, w, tolerance, max_iterations)
    trimming = lower is not None and upper is not None
    if trimming and not (w.min() >= lower - 1e-12 and w.max() <= upper + 1e-12):
        w, more, converged = _rake(codes, shares, w, tolerance, max_iterations, bounds=(lower, upper))
        iterations += more
    total_iterations = iterations
    error = _margin_error(codes, shares, w)
    at_bound = int(np.sum(np.isclose(w, lower) | np.isclose(w, upper))) if trimming else 0
    return Weighting(weights=w, features=features, targets={f: usable[f] for f in features}, empty_cells=empty,
                     iterations=total_iterations, converged=converged and error < max(tolerance, 1e-6),
                     max_margin_error=error, trimmed=at_bound, lower=lower or 0, upper=upper or 0)


def unweighted(n: int) -> Weighting:
    if n <= 0:
        raise NoRespondents("there are no respondents")
    return Weighting(weights=np.ones(n), features=(), targets={})


def weighted_shares(values: Sequence[str | None], weights: np.ndarray | None = None) -> dict[str, float]:
    """Share of each value (None -> ``UNKNOWN``), weighted when weights are given."""
    w = np.ones(len(values)) if weights is None else np.asarray(weights, dtype=float)
    totals: dict[str, float] = {}
    for value, weight in zip(values, w):
        key = UNKNOWN if value is None or value == "" else str(value)
        totals[key] = totals.get(key, 0.0) + float(weight)
    total = sum(totals.values())
    return {key: value / total for key, value in totals.items()} if total else {}
