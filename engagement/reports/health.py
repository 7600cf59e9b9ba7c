"""Panel health: participation over time, each panelist's history, silent members, attrition,
memberships about to end, and a renewal campaign.

Responded means: the campaign recipient has ``responded_at``, or the
panelist has a current answer (survey) or RSVP (meeting) to the campaign's
definition.  Attrition by stratum needs the strata of those who left, whose
profile was cleared on leaving: it uses their latest ``RespondentProfile``
snapshot (see ``engagement.reports.models``); without one they count as
"not given".
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Mapping

from sqlalchemy import select
from sqlmodel import Session

from engagement.campaigns import audience as audiences
from engagement.campaigns.models import CANCELLED, INFORMATION, Campaign, CampaignRecipient
from engagement.db import utcnow
from engagement.panel.models import ACTIVE, ERASED, LEFT, Panel, Panelist
from engagement.reports.models import RespondentProfile
from engagement.reports.service import FEATURES, PROFILE_COLUMNS, profile_of
from engagement.surveys.models import Answer, Rsvp

SILENT_AFTER = 5
RENEWAL_DAYS = 60


@dataclass(frozen=True)
class CampaignRate:
    campaign: Campaign
    invited: int
    responded: int

    @property
    def rate(self) -> float | None:
        return self.responded / self.invited if self.invited else None


@dataclass(frozen=True)
class Invitation:
    campaign: Campaign
    channel: str
    responded: bool


@dataclass(frozen=True)
class Attrition:
    value: str
    members: int
    left: int

    @property
    def rate(self) -> float | None:
        return self.left / self.members if self.members else None


def _responders(session: Session, campaigns: list[Campaign]) -> dict[int, set[int]]:
    """Campaign id -> panelist ids that responded."""
    by_definition: dict[int, set[int]] = {}
    definition_ids = {c.definition_id for c in campaigns if c.definition_id}
    if definition_ids:
        for did, pid in session.execute(select(Answer.definition_id, Answer.panelist_id).where(
                Answer.definition_id.in_(definition_ids), Answer.replaced_at.is_(None),
                Answer.panelist_id.is_not(None)).distinct()):
            by_definition.setdefault(did, set()).add(pid)
        for did, pid in session.execute(select(Rsvp.definition_id, Rsvp.panelist_id).where(
                Rsvp.definition_id.in_(definition_ids), Rsvp.replaced_at.is_(None),
                Rsvp.panelist_id.is_not(None)).distinct()):
            by_definition.setdefault(did, set()).add(pid)
    out: dict[int, set[int]] = {}
    ids = [c.id for c in campaigns]
    for cid, pid in session.execute(select(CampaignRecipient.campaign_id, CampaignRecipient.panelist_id).where(
            CampaignRecipient.campaign_id.in_(ids), CampaignRecipient.responded_at.is_not(None))):
        out.setdefault(cid, set()).add(pid)
    for c in campaigns:
        out.setdefault(c.id, set()).update(by_definition.get(c.definition_id, set()))
    return out


def _asking_campaigns(session: Session, panel_id: int) -> list[Campaign]:
    return list(session.scalars(select(Campaign).where(
        Campaign.panel_id == panel_id, Campaign.kind != INFORMATION, Campaign.status != CANCELLED)
        .order_by(Campaign.starts_at, Campaign.id)))


def participation_over_time(session: Session, panel: Panel) -> list[CampaignRate]:
    campaigns = _asking_campaigns(session, panel.id)
    if not campaigns:
        return []
    responders = _responders(session, campaigns)
    invited: dict[int, set[int]] = {}
    for cid, pid in session.execute(select(CampaignRecipient.campaign_id, CampaignRecipient.panelist_id).where(
            CampaignRecipient.campaign_id.in_([c.id for c in campaigns]))):
        invited.setdefault(cid, set()).add(pid)
    return [CampaignRate(c, len(invited.get(c.id, ())), len(invited.get(c.id, set()) & responders.get(c.id, set())))
            for c in campaigns]


def panelist_history(session: Session, panel: Panel, panelist_id: int) -> list[Invitation]:
    """Every survey and meeting invitation the panelist got, newest first, and whether they answered."""
    rows = session.execute(select(Campaign, CampaignRecipient.channel).join(
        CampaignRecipient, CampaignRecipient.campaign_id == Campaign.id).where(
        CampaignRecipient.panelist_id == panelist_id, Campaign.panel_id == panel.id,
        Campaign.kind != INFORMATION).order_by(Campaign.starts_at.desc(), Campaign.id.desc())).all()
    campaigns = [c for c, _channel in rows]
    responders = _responders(session, campaigns) if campaigns else {}
    return [Invitation(c, channel, panelist_id in responders.get(c.id, set())) for c, channel in rows]


def silent_members(session: Session, panel: Panel, last: int = SILENT_AFTER) -> list[tuple[Panelist, int]]:
    """Active members who answered none of their last ``last`` invitations (and how many they got)."""
    campaigns = _asking_campaigns(session, panel.id)
    if not campaigns:
        return []
    order = {c.id: (c.starts_at, c.id) for c in campaigns}
    responders = _responders(session, campaigns)
    per_panelist: dict[int, list[int]] = {}
    for cid, pid in session.execute(select(CampaignRecipient.campaign_id, CampaignRecipient.panelist_id).where(
            CampaignRecipient.campaign_id.in_(list(order)))):
        per_panelist.setdefault(pid, []).append(cid)
    silent = {}
    for pid, cids in per_panelist.items():
        if len(cids) < last:
            continue
        recent = sorted(cids, key=lambda cid: order[cid])[-last:]
        if not any(pid in responders.get(cid, set()) for cid in recent):
            silent[pid] = len(cids)
    if not silent:
        return []
    members = session.scalars(select(Panelist).where(Panelist.id.in_(list(silent)), Panelist.status == ACTIVE)
                              .order_by(Panelist.id)).all()
    return [(p, silent[p.id]) for p in members]


def attrition_by_stratum(session: Session, panel: Panel, features=FEATURES,
                         now: datetime | None = None) -> dict[str, list[Attrition]]:
    """Per value of each feature: members who joined, and how many have left (or were erased)."""
    now = now or utcnow()
    snapshots: dict[int, dict[str, Any]] = {}
    for row in session.scalars(select(RespondentProfile).where(RespondentProfile.panel_id == panel.id)
                               .order_by(RespondentProfile.recorded_at, RespondentProfile.id)):
        snapshots[row.panelist_id] = {c: getattr(row, c) for c in PROFILE_COLUMNS}  # the latest wins
    counts: dict[str, dict[str, list[int]]] = {f: {} for f in features}
    for p in session.scalars(select(Panelist).where(Panelist.panel_id == panel.id,
                                                    Panelist.status.in_([ACTIVE, LEFT, ERASED]))):
        gone = p.status in (LEFT, ERASED)
        strata = snapshots.get(p.id, {}) if gone else profile_of(p, now.date())
        for feature in features:
            value = strata.get(feature) or "unknown"
            cell = counts[feature].setdefault(value, [0, 0])
            cell[0] += 1
            cell[1] += int(gone)
    return {f: [Attrition(v, n, left) for v, (n, left) in sorted(cells.items())] for f, cells in counts.items()}


def memberships_ending(session: Session, panel: Panel, within_days: int = RENEWAL_DAYS,
                       now: datetime | None = None) -> list[Panelist]:
    from engagement.panel.service import members_due_for_renewal

    return members_due_for_renewal(session, panel.id, now or utcnow(), within_days)


# ---------------------------------------------------------------------------
# The renewal campaign: an information mailing to members whose membership ends soon
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class EndingSoon:
    within_days: int = RENEWAL_DAYS

    def panelist_ids(self, session: Session, panel_id: int) -> list[int]:
        from engagement.panel.service import members_due_for_renewal

        return [p.id for p in members_due_for_renewal(session, panel_id, utcnow(), self.within_days)]

    def describe(self) -> str:
        return f"memberships ending within {self.within_days} days"


def _ending_soon(data: Mapping[str, Any]) -> EndingSoon:
    days = int(data.get("within_days", RENEWAL_DAYS))
    if not 1 <= days <= 366:
        raise ValueError("within_days must be between 1 and 366")
    return EndingSoon(days)


audiences.register_audience("renewal", _ending_soon)


def start_renewal_campaign(session: Session, panel: Panel, *, subject: str, body: str, staff_id: int | None,
                           within_days: int = RENEWAL_DAYS, now: datetime | None = None) -> Campaign:
    """Create and schedule (to start now) an information mailing to members whose membership ends
    within ``within_days``.  Raises the campaign service's ``CampaignError`` on a bad plan."""
    from engagement.campaigns import rules, service as campaigns

    now = now or utcnow()
    plan = rules.Plan(kind=INFORMATION, title=subject.strip() or "Forny dit medlemskab", starts_at=now,
                      deadline_at=now + timedelta(days=within_days), audience={"type": "renewal",
                                                                               "within_days": within_days},
                      subject=subject, body=body, fatigue_days=0)
    campaign = campaigns.create_campaign(session, panel, plan, staff_id=staff_id, now=now)
    campaigns.schedule_campaign(session, campaign, staff_id=staff_id, now=now)
    return campaign
