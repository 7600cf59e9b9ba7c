"""Column generation for a lottery's fair distribution: the restricted master LP kept in one HiGHS
instance (warm starts), panels priced through the programme, and the final weights on the panels."""
from __future__ import annotations

import os
import sys
import threading
import time
from typing import Mapping, Sequence

import highspy
import numpy as np
from flask_babel import gettext as _
from scipy.optimize import linprog

from engagement.selection.lottery_programme import TypeProgramme
from engagement.selection.strata import SelectionError

EPS = 1e-9          # column generation stops when no panel improves by more than this
SWAPS_PER_ROUND = 25  # extra columns per master solve, one swap from the priced panel


def column_generation(problem: TypeProgramme, panels: list[np.ndarray], add, active: np.ndarray,
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


def primal_weights(problem: TypeProgramme, panels: list[np.ndarray], active: np.ndarray,
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
