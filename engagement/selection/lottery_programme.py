"""The type-level integer programme of a lottery: the panels (type-count vectors) that meet every quota,
the best of them for given weights, and, when none does, the smallest change to the quotas that helps."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np
from flask_babel import gettext as _
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.sparse import coo_array, hstack, vstack

from engagement.panel.features import feature_label, value_label, value_labels
from engagement.selection.strata import InvalidTargets, Member, SelectionError, group_by_stratum

#: quotas: {feature: {value: (min, max)}}
Quotas = Mapping[str, Mapping[str, tuple[int, int]]]


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


class TypeProgramme:
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


def infeasible(problem: TypeProgramme) -> InfeasibleQuotas:
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
