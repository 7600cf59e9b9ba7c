"""Who has answered a campaign: marking a response, finding a recipient by reply token, and who a reminder is for."""
from __future__ import annotations

from datetime import datetime
from typing import Sequence

from sqlalchemy import exists, select
from sqlmodel import Session

from conversations.definitions import Survey
from engagement.campaigns import rules
from engagement.campaigns.models import MEETING, SURVEY, Campaign, CampaignRecipient
from engagement.db import utcnow
from engagement.delivery import outbox
from engagement.delivery.models import SENT as ROW_SENT
from engagement.delivery.models import OutboxMessage
from engagement.panel.models import ACTIVE, Panelist
from engagement.surveys.models import Rsvp, StoredDefinition
from engagement.surveys.service import load_definition
from engagement.tokens import verification_keys


def mark_responded(session: Session, campaign_id: int, panelist_id: int, now: datetime | None = None) -> bool:
    """The panelist has answered this campaign: no reminders for them. (The caller commits.)"""
    recipient = session.scalars(select(CampaignRecipient).where(
        CampaignRecipient.campaign_id == campaign_id, CampaignRecipient.panelist_id == panelist_id)).first()
    if recipient is None or recipient.responded_at is not None:
        return False
    recipient.responded_at = now or utcnow()
    session.add(recipient)
    return True


def find_by_reply_token(session: Session, token: str,
                        secret_key: str | Sequence[str] | None = None) -> CampaignRecipient | None:
    """The campaign recipient (panelist + invitation) a reply token names, or None if not genuine
    (by default under the current key or a fallback: ``engagement.tokens.verification_keys``)."""
    key = outbox.read_reply_token(token, secret_key or verification_keys())
    if key is None:
        return None
    return session.scalars(select(CampaignRecipient).where(CampaignRecipient.reply_key == key)).first()


def non_responder_ids(session: Session, campaign: Campaign) -> list[int]:
    """Recipients whose invitation went out and who are still to answer: a meeting's, those
    without an RSVP; a survey's, those with a question still open (neither answered, nor
    skipped, nor with staff: ``engagement.inbound.conversation``), so a reminder reaches
    whoever answered only part of it, and asks only for what is missing."""
    R, P = CampaignRecipient, Panelist
    invitation_sent = exists().where(OutboxMessage.campaign_id == campaign.id,
                                     OutboxMessage.panelist_id == R.panelist_id,
                                     OutboxMessage.step == rules.step_name(0),
                                     OutboxMessage.status == ROW_SENT)
    query = (select(R.panelist_id).join(P, P.id == R.panelist_id)
             .where(R.campaign_id == campaign.id, P.status == ACTIVE, invitation_sent))
    survey = None
    if campaign.kind == SURVEY and campaign.definition_id is not None:
        stored = session.get(StoredDefinition, campaign.definition_id)
        survey = load_definition(stored) if stored is not None else None
    if not isinstance(survey, Survey):
        query = query.where(R.responded_at.is_(None))
    if campaign.kind == MEETING and campaign.definition_id is not None:
        query = query.where(~exists().where(Rsvp.definition_id == campaign.definition_id,
                                            Rsvp.panelist_id == R.panelist_id))
    ids = list(session.scalars(query.order_by(R.panelist_id)).all())
    if isinstance(survey, Survey):
        from engagement.inbound.conversation import panelists_with_open_questions

        ids = panelists_with_open_questions(session, campaign, survey, ids)
    return ids
