"""Campaigns: create, schedule and cancel them; the package's entry point for views, jobs and the CLI.

``create_campaign``, ``schedule_campaign`` and ``cancel_campaign`` do not commit: the caller
commits (with its audit entry).  The tick that turns plans into outbox rows is
``engagement.campaigns.tick`` (each step materialised in ``engagement.campaigns.enqueue``), the
contact rules are ``engagement.campaigns.contact`` and who answered is
``engagement.campaigns.responses``; their public names are importable from here too.

States: draft → scheduled → sending → sent → closed; cancel is possible in
draft, scheduled and sending (until the last message is out): pending outbox
rows are cancelled in the same transaction, and workers send only rows that
are still pending when they claim them.

* sending: the invitation rows exist; reminders may still fall due.
* sent: every step has been enqueued and no row is waiting.
* closed: the deadline has passed (anything still waiting then expires).
"""
from __future__ import annotations

import logging
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select
from sqlmodel import Session

from conversations.definitions import Meeting, Survey
from engagement.audit import record_audit
from engagement.campaigns import content as texts
from engagement.campaigns import rules
from engagement.campaigns.audience import AudienceError, audience_from_json
from engagement.campaigns.contact import (apply_quiet_hours, contact_rules, held_back_counts,  # noqa: F401
                                          recently_invited_at, recently_invited_ids)
from engagement.campaigns.enqueue import lock_campaign
from engagement.campaigns.models import (CANCELLABLE, CANCELLED, CHANNEL_EMAIL, DRAFT, MEETING, SCHEDULED, SURVEY,
                                         Campaign)
from engagement.campaigns.responses import find_by_reply_token, mark_responded, non_responder_ids  # noqa: F401
from engagement.campaigns.tick import TickReport, tick  # noqa: F401
from engagement.db import utcnow
from engagement.delivery import outbox
from engagement.panel.models import Panel
from engagement.surveys.models import StoredDefinition
from engagement.surveys.service import load_definition

log = logging.getLogger(__name__)


class CampaignError(Exception):
    """Base of the campaign service's errors; the message is for staff (Danish)."""


class InvalidCampaign(CampaignError):
    """The plan cannot be stored; ``problems`` lists (field, message)."""

    def __init__(self, problems: list[tuple[str, str]]):
        super().__init__("; ".join(message for _field, message in problems))
        self.problems = problems


class SegmentBudgetExceeded(InvalidCampaign):
    """An SMS of this campaign would take more segments than its budget allows."""


class UnknownCampaign(CampaignError):
    pass


class WrongState(CampaignError):
    """The campaign is not in a state that allows this (e.g. cancel after the last message)."""


PROBLEM_TEXT = {
    "unknown kind": lambda: _("Vælg spørgeskema, mødeinvitation eller information."),
    "title missing": lambda: _("Skriv en titel."),
    "unknown channel": lambda: _("Vælg mail, sms eller hver persons eget valg."),
    "naive start": lambda: _("Starttiden mangler en tidszone."),
    "no reminders for information": lambda: _("En information har ingen påmindelser."),
    "information needs subject and text": lambda: _("Skriv både emne og tekst."),
    "definition missing": lambda: _("Vælg et spørgeskema eller et møde."),
    "deadline before start": lambda: _("Fristen skal ligge efter starten."),
    "reminders need a deadline": lambda: _("Påmindelser kræver en frist."),
    "too many reminders": lambda: _("Højst fem påmindelser."),
    "reminders must grow": lambda: _("Påmindelser skal komme efter starten og i rækkefølge."),
    "reminder after deadline": lambda: _("Den sidste påmindelse skal gå før fristen."),
    "bad quiet hours": lambda: _("Stille timer skrives som 20:00 og 09:00."),
    "negative fatigue": lambda: _("Pausen mellem spørgeskemaer kan ikke være negativ."),
    "bad segment budget": lambda: _("Sms-grænsen skal være mellem 1 og 10 dele."),
}


# ---------------------------------------------------------------------------
# Create, schedule, cancel
# ---------------------------------------------------------------------------

def _definition_for(session: Session, panel: Panel, plan: rules.Plan) -> Survey | Meeting | None:
    if plan.definition_id is None:
        return None
    stored = session.get(StoredDefinition, plan.definition_id)
    if stored is None or stored.panel_id != panel.id:
        raise InvalidCampaign([("definition_id", _("Spørgeskemaet eller mødet findes ikke i dette panel."))])
    expected = {SURVEY: "survey", MEETING: "meeting"}.get(plan.kind)
    if expected and stored.kind != expected:
        raise InvalidCampaign([("definition_id", _("Det valgte passer ikke til kampagnens type."))])
    return load_definition(stored)

def create_campaign(session: Session, panel: Panel, plan: rules.Plan, *, staff_id: int | None = None,
                    now: datetime | None = None) -> Campaign:
    """Check the plan (including every SMS against the segment budget) and store a draft.

    Quiet hours and contact fatigue the plan leaves open (None) come from the
    settings (``SMS_QUIET_START``/``SMS_QUIET_END``, ``CONTACT_FATIGUE_DAYS``)
    and are stored on the campaign, so it keeps what applied when it was made.
    """
    now = now or utcnow()
    plan = rules.with_defaults(plan, **contact_rules(panel))
    problems = [(p.field, PROBLEM_TEXT.get(p.message, lambda: p.message)())
                for p in rules.check_plan(plan, now)]
    if problems:
        raise InvalidCampaign(problems)
    try:
        audience_from_json(plan.audience)
    except AudienceError as exc:
        raise InvalidCampaign([("audience", _("Målgruppen kan ikke bruges: %(reason)s", reason=str(exc)))]) from None
    definition = _definition_for(session, panel, plan)
    campaign = Campaign(panel_id=panel.id, kind=plan.kind, title=plan.title.strip(),
                        definition_id=plan.definition_id, subject=plan.subject.strip(), body=plan.body,
                        audience=dict(plan.audience or {"type": "all"}), channel_mode=plan.channel_mode,
                        starts_at=plan.starts_at, deadline_at=plan.deadline_at,
                        reminder_days=list(plan.reminder_days), quiet_start=plan.quiet_start,
                        quiet_end=plan.quiet_end, fatigue_days=plan.fatigue_days,
                        sms_segment_budget=plan.sms_segment_budget, status=DRAFT, created_by=staff_id,
                        created_at=now)
    if campaign.channel_mode != CHANNEL_EMAIL:
        check_segment_budget(campaign, definition, panel)
    session.add(campaign)
    session.flush()
    record_audit(session, panel_id=panel.id, staff_id=staff_id, actor=_actor(staff_id),
                 action="campaign.create", target_type="campaign", target_id=campaign.id)
    return campaign


def check_segment_budget(campaign: Campaign, definition: Survey | Meeting | None, panel: Panel) -> None:
    too_long = [(where, content.segments) for where, content in texts.sms_previews(campaign, definition, panel)
                if (content.segments or 0) > campaign.sms_segment_budget]
    if too_long:
        where, segments = max(too_long, key=lambda item: item[1])
        raise SegmentBudgetExceeded([("sms_segment_budget", _(
            "En sms fylder %(segments)s dele (%(where)s), men grænsen er %(budget)s. "
            "Gør teksten eller spørgsmålene kortere, eller send kun på mail.",
            segments=segments, where=where, budget=campaign.sms_segment_budget))])


def _actor(staff_id: int | None) -> str:
    return f"staff:{staff_id}" if staff_id else "system"


def get_campaign(session: Session, campaign_id: int, panel_id: int | None = None) -> Campaign:
    campaign = session.get(Campaign, campaign_id)
    if campaign is None or (panel_id is not None and campaign.panel_id != panel_id):
        raise UnknownCampaign(_("Kampagnen findes ikke."))
    return campaign


def list_campaigns(session: Session, panel_id: int) -> list[Campaign]:
    return list(session.scalars(select(Campaign).where(Campaign.panel_id == panel_id)
                                .order_by(Campaign.starts_at.desc(), Campaign.id.desc())).all())


def schedule_campaign(session: Session, campaign: Campaign, *, staff_id: int | None = None,
                      now: datetime | None = None) -> Campaign:
    now = now or utcnow()
    if campaign.status != DRAFT:
        raise WrongState(_("Kun en kladde kan planlægges."))
    if rules.is_past_deadline(campaign.deadline_at, now):
        raise WrongState(_("Fristen er allerede overskredet."))
    campaign.status = SCHEDULED
    campaign.scheduled_at = now
    session.add(campaign)
    record_audit(session, panel_id=campaign.panel_id, staff_id=staff_id, actor=_actor(staff_id),
                 action="campaign.schedule", target_type="campaign", target_id=campaign.id)
    return campaign


def cancel_campaign(session: Session, campaign: Campaign, *, staff_id: int | None = None,
                    now: datetime | None = None) -> int:
    """Cancel; pending messages never go. Returns how many were stopped."""
    now = now or utcnow()
    lock_campaign(session, campaign)
    if campaign.status not in CANCELLABLE:
        raise WrongState(_("Kampagnen kan ikke aflyses: den sidste besked er sendt."))
    stopped = outbox.cancel_pending(session, campaign_id=campaign.id, reason="campaign cancelled")
    campaign.status = CANCELLED
    campaign.cancelled_at = now
    session.add(campaign)
    record_audit(session, panel_id=campaign.panel_id, staff_id=staff_id, actor=_actor(staff_id),
                 action="campaign.cancel", target_type="campaign", target_id=campaign.id, stopped=stopped)
    log.info("campaign %s cancelled: %s pending messages stopped", campaign.id, stopped)
    return stopped


__all__ = ["CampaignError", "InvalidCampaign", "SegmentBudgetExceeded", "UnknownCampaign", "WrongState",
           "TickReport", "cancel_campaign", "check_segment_budget", "create_campaign", "find_by_reply_token",
           "get_campaign", "held_back_counts", "list_campaigns", "mark_responded", "non_responder_ids",
           "recently_invited_at", "recently_invited_ids",
           "schedule_campaign", "tick"]
