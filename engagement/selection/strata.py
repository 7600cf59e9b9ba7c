"""Strata: the shared vocabulary of stratified samples and fair lotteries.

Pure: plain Python values in, plain values out; no database, no Flask app.

A ``Member`` is a panelist reduced to an id and the values of the features
we select on.  A missing value ("vil ikke oplyse", or never given) becomes
the value ``UNKNOWN``: those members form a group of their own, so they are
neither left out nor counted as something they did not say.
"""
from __future__ import annotations

import hashlib
import json
import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Hashable, Iterable, Mapping, Sequence, TypeVar

from flask_babel import gettext as _

from engagement.panel.features import feature_label
from engagement.web.formatting import format_share

UNKNOWN = "unknown"

#: targets: {feature: {value: share}}, each feature's shares summing to 1.
Targets = Mapping[str, Mapping[str, float]]
#: a stratum: one value per chosen feature, in the order of the features.
Stratum = tuple[str, ...]

K = TypeVar("K", bound=Hashable)


class SelectionError(Exception):
    """Base of every error a selection can raise; ``message`` is for staff (Danish)."""

    def __init__(self, message: str = ""):
        super().__init__(message)
        self.message = message


class NoFeatures(SelectionError):
    """No feature was chosen to select on."""


class UnknownFeature(SelectionError):
    """A feature was asked for that the members do not have."""


class InvalidSize(SelectionError):
    """The number to select is not a positive whole number."""


class InvalidTargets(SelectionError):
    """Targets or quotas that cannot be used (negative, not summing to 1, min above max)."""


@dataclass(frozen=True)
class Member:
    id: int
    features: Mapping[str, str | None] = field(default_factory=dict)

    def value(self, feature: str) -> str:
        raw = self.features.get(feature)
        return UNKNOWN if raw is None or raw == "" else str(raw)

    def stratum(self, features: Sequence[str]) -> Stratum:
        return tuple(self.value(name) for name in features)


def check_features(features: Sequence[str]) -> list[str]:
    names = [name.strip() for name in features if name and name.strip()]
    if not names:
        raise NoFeatures(_("Vælg mindst én egenskab at fordele efter."))
    if len(set(names)) != len(names):
        raise NoFeatures(_("Den samme egenskab er valgt to gange."))
    return names


def group_by_stratum(members: Iterable[Member], features: Sequence[str]) -> dict[Stratum, list[int]]:
    """Member ids per stratum, each list sorted (so a seed gives the same draw every time)."""
    groups: dict[Stratum, list[int]] = defaultdict(list)
    for member in members:
        groups[member.stratum(features)].append(member.id)
    for ids in groups.values():
        ids.sort()
    return dict(sorted(groups.items()))


def largest_remainders(total: int, weights: Mapping[K, float]) -> dict[K, int]:
    """Hamilton's method: share ``total`` whole seats in proportion to ``weights``.

    Every key gets the floor of its quota, and the seats left go to the largest
    remainders (ties broken by the order of ``weights``).  Each result is within
    one of its exact quota, and the results sum to ``total``.
    """
    if total < 0:
        raise InvalidSize(_("Antallet kan ikke være negativt."))
    keys = list(weights)
    weight_sum = float(sum(max(0.0, float(weights[key])) for key in keys))
    if not keys or weight_sum <= 0:
        return {key: 0 for key in keys}
    quotas = {key: total * max(0.0, float(weights[key])) / weight_sum for key in keys}
    seats = {key: int(math.floor(quotas[key] + 1e-9)) for key in keys}
    left = total - sum(seats.values())
    order = sorted(range(len(keys)), key=lambda i: (-(quotas[keys[i]] - seats[keys[i]]), i))
    for i in order[:left]:
        seats[keys[i]] += 1
    return seats


def capped_largest_remainders(total: int, weights: Mapping[K, float],
                              caps: Mapping[K, int]) -> dict[K, int]:
    """Like ``largest_remainders``, but no key gets more than its cap; the seats a
    capped key cannot take are shared among the others in proportion to their weights."""
    seats = {key: 0 for key in weights}
    open_keys = {key for key in weights if caps.get(key, 0) > 0 and weights[key] > 0}
    remaining = total
    while remaining > 0 and open_keys:
        share = largest_remainders(remaining, {key: weights[key] for key in weights if key in open_keys})
        over = {key for key, n in share.items() if seats[key] + n > caps.get(key, 0)}
        if not over:
            for key, n in share.items():
                seats[key] += n
            remaining = 0
            break
        for key in over:
            remaining -= caps[key] - seats[key]
            seats[key] = caps[key]
            open_keys.discard(key)
    return seats


def adjusted_shares(targets: Targets, feature: str, pool_counts: Mapping[str, int]) -> dict[str, float]:
    """The shares to aim for on one feature, given who is in the pool.

    Values the population table does not have (``UNKNOWN``, or e.g. "other"
    when the table only has two genders) keep their share of the pool: they
    are drawn as often as anyone else.  The population's values share what is
    left, in the population's proportions.
    """
    wanted = {value: float(share) for value, share in targets.get(feature, {}).items() if share > 0}
    pool_total = sum(pool_counts.values())
    outside = {value: count for value, count in pool_counts.items() if value not in wanted}
    outside_share = (sum(outside.values()) / pool_total) if pool_total else 0.0
    if not wanted:
        return {value: (count / pool_total if pool_total else 0.0) for value, count in pool_counts.items()}
    wanted_sum = sum(wanted.values())
    shares = {value: (1.0 - outside_share) * share / wanted_sum for value, share in wanted.items()}
    for value, count in outside.items():
        shares[value] = count / pool_total
    return shares


def check_targets(targets: Targets, features: Sequence[str]) -> None:
    for feature in features:
        shares = targets.get(feature)
        if not shares:
            continue
        if any(share < 0 for share in shares.values()):
            raise InvalidTargets(_("En andel for %(feature)s er negativ.", feature=feature_label(feature)))
        total = sum(shares.values())
        if not (0.98 <= total <= 1.02):
            raise InvalidTargets(_("Andelene for %(feature)s giver %(total)s tilsammen, ikke 100 %%.",
                                   feature=feature_label(feature), total=format_share(total)))


def pool_hash(members: Iterable[Member], features: Sequence[str]) -> str:
    """A fingerprint of the pool a draw was made from: who, with which feature values."""
    rows = sorted([member.id, list(member.stratum(features))] for member in members)
    payload = json.dumps({"features": list(features), "members": rows}, separators=(",", ":"))
    return hashlib.sha256(payload.encode()).hexdigest()


def composition(members: Iterable[Member], feature: str) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for member in members:
        counts[member.value(feature)] += 1
    return dict(counts)


@dataclass(frozen=True)
class CompositionRow:
    """One value of one feature: the panel's share beside the population's."""

    feature: str
    value: str
    panel_count: int
    panel_share: float
    population_share: float | None   # None: the population table has no such value (e.g. unknown)

    @property
    def gap(self) -> float | None:
        return None if self.population_share is None else self.panel_share - self.population_share

    @property
    def is_lacking(self) -> bool:
        """The panel has clearly too few of these: recruit here (under 80 % of the population's share)."""
        return self.population_share is not None and self.population_share > 0 and \
            self.panel_share < 0.8 * self.population_share


def compare_composition(members: Sequence[Member], targets: Targets,
                        features: Sequence[str]) -> dict[str, list[CompositionRow]]:
    """Per feature: the panel's counts and shares beside the population's shares."""
    result: dict[str, list[CompositionRow]] = {}
    total = len(members)
    for feature in features:
        counts = composition(members, feature)
        population = dict(targets.get(feature, {}))
        values = list(population) + sorted(value for value in counts if value not in population)
        rows = []
        for value in values:
            count = counts.get(value, 0)
            rows.append(CompositionRow(feature=feature, value=value, panel_count=count,
                                       panel_share=(count / total) if total else 0.0,
                                       population_share=population.get(value)))
        result[feature] = rows
    return result
