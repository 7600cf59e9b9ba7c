"""Contact rules of a panel's campaigns: SMS quiet hours and contact fatigue (who was invited too recently).

What a campaign stores when it is made (``contact_rules``), what a change of the panel's quiet
hours moves (``apply_quiet_hours``), and who a start or a sample leaves out, counted for staff.
"""
from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Iterable

from sqlalchemy import func, select, update
from sqlmodel import Session

from engagement import get_settings
from engagement.campaigns import rules
from engagement.campaigns.models import DRAFT, SCHEDULED, SENDING, SENT, SURVEY, Campaign
from engagement.db import utcnow
from engagement.delivery.models import PENDING, SMS, OutboxMessage
from engagement.delivery.models import SENDING as ROW_SENDING
from engagement.delivery.models import SENT as ROW_SENT
from engagement.panel.models import Panel, Panelist

log = logging.getLogger(__name__)


def contact_rules(panel: Panel) -> dict:
    """SMS quiet hours and the contact-fatigue window: the panel's own, else the installation's."""
    settings = get_settings()
    return {"quiet_start": panel.sms_quiet_start or settings.sms_quiet_start,
            "quiet_end": panel.sms_quiet_end or settings.sms_quiet_end,
            "fatigue_days": settings.contact_fatigue_days if panel.contact_fatigue_days is None
            else panel.contact_fatigue_days}


def apply_quiet_hours(session: Session, panel: Panel, old: tuple[str, str], *, now: datetime | None = None) -> int:
    """The panel's SMS quiet hours changed from ``old``: campaigns that followed the panel's hours and
    can still send take the new ones, and SMS already queued to wait out the old hours wait for the new
    ones instead (they go now when the new hours allow it).  Campaigns with hours of their own keep them.
    Returns how many queued SMS were moved.  The caller commits."""
    now = now or utcnow()
    rules_now = contact_rules(panel)
    new = (rules_now["quiet_start"], rules_now["quiet_end"])
    if new == tuple(old):
        return 0
    followers = list(session.scalars(select(Campaign).where(
        Campaign.panel_id == panel.id, Campaign.status.in_((DRAFT, SCHEDULED, SENDING, SENT)),
        Campaign.quiet_start == old[0], Campaign.quiet_end == old[1])).all())
    for campaign in followers:
        campaign.quiet_start, campaign.quiet_end = new
        session.add(campaign)
    held = (OutboxMessage.status == PENDING) & (OutboxMessage.channel == SMS) & \
        (OutboxMessage.panel_id == panel.id) & (OutboxMessage.next_attempt_at > now) & \
        ((OutboxMessage.attempts == 0) | (OutboxMessage.last_error == "quiet hours"))
    ids = [c.id for c in followers]
    whose = OutboxMessage.campaign_id.is_(None)
    if ids:
        whose = whose | OutboxMessage.campaign_id.in_(ids)
    when = rules.after_quiet_hours(now, *new)
    moved = session.execute(update(OutboxMessage).where(held, whose).values(next_attempt_at=when)
                            .execution_options(synchronize_session=False)).rowcount or 0
    log.info("panel %s: quiet hours %s-%s -> %s-%s; %s campaigns follow, %s queued SMS now wait until %s",
             panel.id, old[0], old[1], new[0], new[1], len(followers), moved, when.isoformat())
    return moved


def recently_invited_at(session: Session, panel_id: int, fatigue_days: int, now: datetime | None = None, *,
                        except_campaign_id: int | None = None) -> dict[int, datetime]:
    """Panelists of the panel who got (or are about to get) a survey invitation within the last
    ``fatigue_days`` days, from the outbox, with when the latest was promised: contact fatigue."""
    if fatigue_days <= 0:
        return {}
    since = (now or utcnow()) - timedelta(days=fatigue_days)
    query = (select(OutboxMessage.panelist_id, func.max(OutboxMessage.created_at))
             .join(Campaign, Campaign.id == OutboxMessage.campaign_id)
             .where(Campaign.kind == SURVEY, Campaign.panel_id == panel_id,
                    OutboxMessage.step == rules.step_name(0),
                    OutboxMessage.status.in_((PENDING, ROW_SENDING, ROW_SENT)),
                    OutboxMessage.created_at >= since, OutboxMessage.panelist_id.is_not(None))
             .group_by(OutboxMessage.panelist_id))
    if except_campaign_id is not None:
        query = query.where(Campaign.id != except_campaign_id)
    return {pid: at for pid, at in session.execute(query).all()}


def recently_invited_ids(session: Session, panel_id: int, fatigue_days: int, now: datetime | None = None, *,
                         except_campaign_id: int | None = None) -> set[int]:
    """Who contact fatigue leaves out now.  A sample leaves them out before it is drawn
    (``SampleRequest.exclude_ids``); a starting survey campaign leaves them out too."""
    return set(recently_invited_at(session, panel_id, fatigue_days, now, except_campaign_id=except_campaign_id))


def fatigued(session: Session, campaign: Campaign, panelist_ids: Iterable[int], now: datetime) -> dict[int, datetime]:
    """Panelists who got (or are about to get) another survey's invitation within the window, and when."""
    if campaign.kind != SURVEY:
        return {}
    wanted = set(panelist_ids)
    return {pid: at for pid, at in recently_invited_at(session, campaign.panel_id, campaign.fatigue_days, now,
                                                       except_campaign_id=campaign.id).items() if pid in wanted}


def held_back_counts(session: Session, campaign: Campaign, candidate_ids: list[int],
                     last_invited: dict[int, datetime], now: datetime) -> dict:
    """Who the start leaves out and why, counted (stored on the campaign; no ids): contact fatigue by
    days since the last invitation, and those no channel of the campaign reaches."""
    out: dict = {}
    if last_invited:
        days: dict[str, int] = {}
        for at in last_invited.values():
            ago = str(max(0, (now - at).days))
            days[ago] = days.get(ago, 0) + 1
        out["fatigue"] = {"count": len(last_invited), "days": days, "window": campaign.fatigue_days}
    unreachable = 0
    for start in range(0, len(candidate_ids), 900):
        for row in session.execute(select(Panelist.channel, Panelist.email, Panelist.phone, Panelist.email_status,
                                          Panelist.sms_status).where(
                Panelist.id.in_(candidate_ids[start:start + 900]), Panelist.panel_id == campaign.panel_id)):
            if rules.choose_channel(campaign.channel_mode, preferred=row.channel, email=row.email, phone=row.phone,
                                    email_ok=row.email_status == "ok", sms_ok=row.sms_status == "ok") is None:
                unreachable += 1
    if unreachable:
        out["unreachable"] = unreachable
    return out
