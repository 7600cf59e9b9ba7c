"""The campaign tick: start campaigns that are due, enqueue due reminders, mark sent, close at the deadline.

``tick`` commits per campaign, so one broken campaign never holds up the others; it is idempotent
and safe to run twice, in parallel or after a crash.  A tick after downtime: a campaign whose start
passed starts now (if its deadline has not passed: then it closes without sending); of several
reminders that fell due only the latest goes, and never at or after the deadline.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlmodel import Session

from engagement.campaigns import rules
from engagement.campaigns.audience import audience_from_json
from engagement.campaigns.contact import fatigued, held_back_counts
from engagement.campaigns.enqueue import enqueue_in_chunks, lock_campaign
from engagement.campaigns.models import CLOSED, SCHEDULED, SENDING, SENT, Campaign
from engagement.campaigns.responses import non_responder_ids
from engagement.db import utcnow
from engagement.delivery import outbox

log = logging.getLogger(__name__)


@dataclass
class TickReport:
    started: list[int] = field(default_factory=list)
    reminders: list[tuple[int, int]] = field(default_factory=list)  # (campaign, reminder number)
    sent: list[int] = field(default_factory=list)
    closed: list[int] = field(default_factory=list)
    enqueued: int = 0
    failed: list[int] = field(default_factory=list)


def tick(session: Session, now: datetime | None = None) -> TickReport:
    """Do what is due: start campaigns, enqueue reminders, mark sent, close at the deadline.

    Commits per campaign (and per chunk of a step); an error in one campaign is logged and the
    others go on (the next tick tries it again).
    """
    now = now or utcnow()
    report = TickReport()
    ids = list(session.scalars(select(Campaign.id).where(Campaign.status.in_((SCHEDULED, SENDING, SENT)))
                               .order_by(Campaign.starts_at, Campaign.id)).all())
    session.rollback()
    for campaign_id in ids:
        try:
            _tick_campaign(session, campaign_id, now, report)
            session.commit()
        except Exception:
            session.rollback()
            report.failed.append(campaign_id)
            log.exception("campaign %s: tick failed; the next tick tries again", campaign_id)
    return report


def _tick_campaign(session: Session, campaign_id: int, now: datetime, report: TickReport) -> None:
    campaign = session.get(Campaign, campaign_id)
    if campaign is None:
        return
    lock_campaign(session, campaign)
    if campaign.status == SCHEDULED and campaign.starts_at <= now:
        if rules.is_past_deadline(campaign.deadline_at, now):
            log.warning("campaign %s: start and deadline both passed while stopped: closed unsent", campaign.id)
            _close(session, campaign, now, report)
            return
        candidate_ids = audience_from_json(campaign.audience).panelist_ids(session, campaign.panel_id)
        last_invited = fatigued(session, campaign, candidate_ids, now)
        tired = set(last_invited)
        if tired:
            log.info("campaign %s: %s panelists left out (contact fatigue)", campaign.id, len(tired))
        campaign.held_back = held_back_counts(session, campaign, [pid for pid in candidate_ids if pid not in tired],
                                              last_invited, now)
        session.add(campaign)
        if not enqueue_in_chunks(session, campaign, 0, [pid for pid in candidate_ids if pid not in tired],
                                  now, report, SCHEDULED):
            return
        campaign.status = SENDING
        campaign.sending_at = now
        campaign.next_step = rules.first_future_step(campaign.starts_at, campaign.reminder_days, 0, now)
        report.started.append(campaign.id)
        session.add(campaign)
        session.flush()
    if campaign.status in (SENDING, SENT) and rules.is_past_deadline(campaign.deadline_at, now):
        _close(session, campaign, now, report)
        return
    if campaign.status == SENDING:
        step = rules.due_step(campaign.starts_at, campaign.reminder_days, max(campaign.next_step, 1), now)
        if step is not None:
            skipped = step - max(campaign.next_step, 1)
            if skipped:
                log.warning("campaign %s: %s reminder(s) fell due while stopped; sending only reminder %s",
                            campaign.id, skipped, step)
            if not enqueue_in_chunks(session, campaign, step, non_responder_ids(session, campaign), now,
                                      report, SENDING):
                return
            report.reminders.append((campaign.id, step))
            campaign.next_step = step + 1
            session.add(campaign)
            session.flush()
        if campaign.next_step > len(campaign.reminder_days) and outbox.open_count(session, campaign.id) == 0:
            campaign.status = SENT
            campaign.sent_at = now
            session.add(campaign)
            report.sent.append(campaign.id)
            log.info("campaign %s: sent", campaign.id)


def _close(session: Session, campaign: Campaign, now: datetime, report: TickReport) -> None:
    expired = outbox.cancel_pending(session, campaign_id=campaign.id, reason="deadline passed")
    campaign.status = CLOSED
    campaign.closed_at = now
    session.add(campaign)
    report.closed.append(campaign.id)
    log.info("campaign %s: closed at the deadline (%s waiting messages stopped)", campaign.id, expired)

