"""Selection service: load the eligible members, draw, and store the draw.

What views, the CLI and (later) campaigns call.  The algorithms themselves are
pure (``stratified``, ``lottery``); this module turns panelists into
``Member`` values and outcomes into ``SelectionDraw`` rows.

The audience is an interface: a ``SampleRequest`` says how many, on which
features, with which seed, and whom to leave out (``exclude_ids``: e.g. those
contacted within the contact-fatigue window, which the campaigns feature will
supply) or to draw among (``only_ids``).  A ``LotteryRequest`` names the pool
(e.g. those who said yes to a meeting) and the quotas.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime
from typing import Mapping, Optional

from sqlmodel import Session, select

from engagement.audit import record_audit
from engagement.db import utcnow
from engagement.panel.models import ACTIVE, Panel, Panelist
from engagement.panel.profile import age_band
from engagement.selection import lottery, stratified
from engagement.selection.models import PopulationTarget, SelectionDraw
from engagement.selection.strata import Member, SelectionError, Stratum, compare_composition

#: the profile features one can select on (``age`` is the age band from the birth year)
PROFILE_FEATURES = ("gender", "age", "area", "education", "housing", "employment")
DEFAULT_FEATURES = ("gender", "age", "area")
SAMPLE, LOTTERY = "sample", "lottery"

# reasons a panelist is not in the pool (counted in the report, no ids)
NOT_ACTIVE, DEPARTED, UNREACHABLE, RECENTLY_CONTACTED, NOT_IN_POOL = (
    "not_active", "departed", "unreachable", "recently_contacted", "not_in_pool")


def member_features(panelist: Panelist, today: date | None = None) -> dict[str, Optional[str]]:
    return {"gender": panelist.gender, "age": age_band(panelist.birth_year, today), "area": panelist.area,
            "education": panelist.education, "housing": panelist.housing, "employment": panelist.employment}


def is_reachable(panelist: Panelist, channel: str | None = None) -> bool:
    """Can we reach the panelist: on ``channel`` if given, else on the channel they chose."""
    email_ok = bool(panelist.email) and panelist.email_status == "ok"
    sms_ok = bool(panelist.phone) and panelist.sms_status == "ok"
    wanted = channel or panelist.channel
    if wanted == "email":
        return email_ok
    if wanted == "sms":
        return sms_ok
    return email_ok or sms_ok


def load_members(session: Session, panel: Panel, *, exclude_ids: frozenset[int] = frozenset(),
                 only_ids: frozenset[int] | None = None, channel: str | None = None,
                 now: datetime | None = None) -> tuple[list[Member], dict[str, int]]:
    """The panel's eligible members as ``Member`` values, and how many were left out and why."""
    now = now or utcnow()
    today = now.date()
    members: list[Member] = []
    left_out = {NOT_ACTIVE: 0, DEPARTED: 0, UNREACHABLE: 0, RECENTLY_CONTACTED: 0, NOT_IN_POOL: 0}
    for panelist in session.exec(select(Panelist).where(Panelist.panel_id == panel.id)):
        if only_ids is not None and panelist.id not in only_ids:
            left_out[NOT_IN_POOL] += 1
        elif panelist.status != ACTIVE:
            left_out[NOT_ACTIVE] += 1
        elif panelist.membership_ends_at is not None and panelist.membership_ends_at <= now:
            left_out[DEPARTED] += 1
        elif not is_reachable(panelist, channel):
            left_out[UNREACHABLE] += 1
        elif panelist.id in exclude_ids:
            left_out[RECENTLY_CONTACTED] += 1
        else:
            members.append(Member(panelist.id, member_features(panelist, today)))
    return members, left_out


def load_targets(session: Session, panel_id: int) -> dict[str, dict[str, float]]:
    rows = session.exec(select(PopulationTarget).where(PopulationTarget.panel_id == panel_id)
                        .order_by(PopulationTarget.id))
    targets: dict[str, dict[str, float]] = {}
    for row in rows:
        targets.setdefault(row.feature, {})[row.value] = row.share
    return targets


def target_labels(session: Session, panel_id: int) -> dict[str, dict[str, str]]:
    labels: dict[str, dict[str, str]] = {}
    for row in session.exec(select(PopulationTarget).where(PopulationTarget.panel_id == panel_id)):
        labels.setdefault(row.feature, {})[row.value] = row.label or row.value
    return labels


def value_labels(session: Session, panel: Panel) -> dict[str, dict[str, str]]:
    """Every feature's value labels for this panel (``engagement.panel.features``; the population
    table's own labels only for values the features do not know)."""
    from engagement.panel import features

    return features.value_labels(panel, target_labels(session, panel.id))


def panel_composition(session: Session, panel: Panel, features=PROFILE_FEATURES):
    """The active panel beside the population, per feature (rows of ``strata.CompositionRow``)."""
    members, _left_out = load_members(session, panel)
    targets = load_targets(session, panel.id)
    wanted = [feature for feature in features if feature in targets] or list(DEFAULT_FEATURES)
    return compare_composition(members, targets, wanted), len(members)


def new_seed() -> int:
    return secrets.randbelow(2**31 - 1) + 1


@dataclass(frozen=True)
class SampleRequest:
    size: int
    seed: int | None = None                   # None: a fresh random seed, stored with the draw
    features: tuple[str, ...] = DEFAULT_FEATURES
    mode: str = "auto"                        # auto | cross | margins
    fill_shortfall: bool = False
    exclude_ids: frozenset[int] = frozenset()  # e.g. contacted within the contact-fatigue window
    only_ids: frozenset[int] | None = None
    response_rates: Mapping[Stratum, float] | None = None
    channel: str | None = None
    save: bool = True


@dataclass
class SampleResult:
    outcome: stratified.SampleOutcome
    left_out: dict[str, int]
    draw: SelectionDraw | None = None


def draw_sample(session: Session, panel: Panel, request: SampleRequest,
                staff_id: int | None = None) -> SampleResult:
    """Draw a stratified sample and (unless ``save`` is off) store it; the caller commits."""
    seed = request.seed if request.seed is not None else new_seed()
    members, left_out = load_members(session, panel, exclude_ids=request.exclude_ids,
                                     only_ids=request.only_ids, channel=request.channel)
    targets = load_targets(session, panel.id)
    outcome = stratified.draw_stratified(members, targets, list(request.features), request.size, seed,
                                         mode=request.mode, fill_shortfall=request.fill_shortfall,
                                         response_rates=request.response_rates)
    result = SampleResult(outcome=outcome, left_out=left_out)
    if request.save:
        draw = SelectionDraw(
            panel_id=panel.id, kind=SAMPLE, size=request.size, seed=seed, features=outcome.features,
            targets={feature: dict(targets.get(feature, {})) for feature in outcome.features},
            pool_size=outcome.pool_size, pool_hash=outcome.pool_hash, algorithm=outcome.algorithm,
            algorithm_version=outcome.version, chosen_ids=outcome.chosen_ids,
            probabilities={"|".join(key): p for key, p in outcome.probabilities().items()},
            report=sample_report(outcome, left_out, request), created_by=staff_id)
        session.add(draw)
        session.flush()
        record_audit(session, panel_id=panel.id, action="selection.sample", staff_id=staff_id,
                     target_type="selection_draw", target_id=draw.id, size=request.size,
                     chosen=len(outcome.chosen_ids), features=outcome.features)
        result.draw = draw
    return result


def _row(row) -> dict:
    return {"key": list(row.key), "exact": round(row.exact, 4), "target": row.target,
            "available": row.available, "chosen": row.chosen, "response_rate": row.response_rate,
            "expected": round(row.expected, 4), "missing": row.missing}


def sample_report(outcome: stratified.SampleOutcome, left_out: Mapping[str, int],
                  request: SampleRequest | None = None) -> dict:
    return {
        "mode": outcome.mode, "mode_reason": outcome.mode_reason, "unknown_note": outcome.unknown_note,
        "fill_shortfall": bool(request and request.fill_shortfall),
        "strata": [_row(row) for row in outcome.strata],
        "margins": {feature: [_row(row) for row in rows] for feature, rows in outcome.margins.items()},
        "left_out": dict(left_out), "expected_total": round(outcome.expected_total, 4),
    }


@dataclass(frozen=True)
class LotteryRequest:
    seats: int
    quotas: Mapping[str, Mapping[str, tuple[int, int]]]
    features: tuple[str, ...] = ()
    seed: int | None = None
    pool_ids: frozenset[int] | None = None     # e.g. those who said yes to the invitation
    exclude_ids: frozenset[int] = frozenset()
    leximin: bool = True
    leximin_seconds: float = lottery.LEXIMIN_SECONDS
    save: bool = True


@dataclass
class LotteryResult:
    outcome: lottery.LotteryOutcome
    left_out: dict[str, int]
    draw: SelectionDraw | None = None


def quotas_for(session: Session, panel: Panel, features, seats: int, pool_ids: frozenset[int] | None = None,
               slack: int = 1) -> dict[str, dict[str, tuple[int, int]]]:
    """Suggested quotas from the population targets for this pool."""
    members, _left_out = load_members(session, panel, only_ids=pool_ids)
    return lottery.quotas_from_targets(load_targets(session, panel.id), list(features), seats, members, slack)


def draw_fair_lottery(session: Session, panel: Panel, request: LotteryRequest,
                      staff_id: int | None = None) -> LotteryResult:
    seed = request.seed if request.seed is not None else new_seed()
    features = list(request.features or request.quotas)
    members, left_out = load_members(session, panel, exclude_ids=request.exclude_ids, only_ids=request.pool_ids)
    outcome = lottery.draw_lottery(members, features, request.quotas, request.seats, seed,
                                   leximin=request.leximin, leximin_seconds=request.leximin_seconds)
    result = LotteryResult(outcome=outcome, left_out=left_out)
    if request.save:
        draw = SelectionDraw(
            panel_id=panel.id, kind=LOTTERY, size=request.seats, seed=seed, features=outcome.features,
            targets=outcome.quotas, pool_size=outcome.pool_size, pool_hash=outcome.pool_hash,
            algorithm=outcome.algorithm, algorithm_version=outcome.version, chosen_ids=outcome.chosen_ids,
            probabilities={str(k): v for k, v in outcome.probabilities.items()},
            report={"min_probability": outcome.min_probability, "panel_count": outcome.panel_count,
                    "note": outcome.note, "left_out": dict(left_out),
                    "types": [{"key": list(t.key), "count": t.count, "probability": t.probability,
                               "chosen": t.chosen} for t in outcome.types]},
            created_by=staff_id)
        session.add(draw)
        session.flush()
        record_audit(session, panel_id=panel.id, action="selection.lottery", staff_id=staff_id,
                     target_type="selection_draw", target_id=draw.id, seats=request.seats,
                     pool=outcome.pool_size)
        result.draw = draw
    return result


def sample_panelist_ids(session: Session, panel_id: int, draw_id: int) -> list[int]:
    """The panelists a stored sample chose (the campaign audience "sample")."""
    draw = session.get(SelectionDraw, draw_id)
    if draw is None or draw.panel_id != panel_id or draw.kind != SAMPLE:
        raise SelectionError(f"there is no sample {draw_id} in this panel")
    return list(draw.chosen_ids or [])


def recent_draws(session: Session, panel_id: int, limit: int = 20) -> list[SelectionDraw]:
    return list(session.exec(select(SelectionDraw).where(SelectionDraw.panel_id == panel_id)
                             .order_by(SelectionDraw.id.desc()).limit(limit)))


__all__ = ["SampleRequest", "SampleResult", "LotteryRequest", "LotteryResult", "draw_sample",
           "draw_fair_lottery", "sample_panelist_ids", "load_members", "load_targets", "panel_composition"]
