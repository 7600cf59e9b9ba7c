"""Finding the panelist and the invitation a message answers.

Email, in this order:

1. the signed token in a reply address (``svar+TOKEN@`` / ``svar.TOKEN@``) in
   To, Cc, Delivered-To or X-Original-To.  A token that is there but not
   genuine (forged, or made with another key) ends the search: the message
   goes to the staff inbox and never into answers;
2. In-Reply-To, then References (newest first), against our own Message-IDs;
3. the sender's address among the panel's members (the invitation is then
   their latest one).

SMS: the sender's E.164 number among the panel's members; the invitation is
their latest SMS invitation (else their latest) — unless the last SMS we sent
them is a staff member's answer about another campaign, written after that
invitation: SMS has no reply address, so their answer goes on that
conversation.
"""
from __future__ import annotations

from dataclasses import dataclass
from email.utils import parseaddr
from typing import Sequence

from sqlalchemy import func, select
from sqlmodel import Session

from engagement.campaigns.models import CANCELLED, Campaign, CampaignRecipient
from engagement.campaigns.service import find_by_reply_token
from engagement.delivery import outbox
from engagement.delivery.models import CANCELLED as OUT_CANCELLED, OutboxMessage
from engagement.panel.models import Panelist

TOKEN = "token"
THREAD = "thread"
SENDER = "sender"
PHONE = "phone"


@dataclass
class Match:
    panelist: Panelist | None = None
    recipient: CampaignRecipient | None = None
    campaign: Campaign | None = None
    by: str | None = None
    forged: bool = False

    @property
    def found(self) -> bool:
        return self.panelist is not None and not self.forged


def _from_recipient(session: Session, recipient: CampaignRecipient, by: str) -> Match:
    return Match(panelist=session.get(Panelist, recipient.panelist_id), recipient=recipient,
                 campaign=session.get(Campaign, recipient.campaign_id), by=by)


def latest_recipient(session: Session, panelist_id: int, channel: str | None = None) -> CampaignRecipient | None:
    """The panelist's latest invitation (of a campaign not cancelled), preferring ``channel``."""
    query = (select(CampaignRecipient).join(Campaign, Campaign.id == CampaignRecipient.campaign_id)
             .where(CampaignRecipient.panelist_id == panelist_id, Campaign.status != CANCELLED)
             .order_by(CampaignRecipient.created_at.desc(), CampaignRecipient.id.desc()))
    if channel:
        found = session.scalars(query.where(CampaignRecipient.channel.in_((channel, "both")))).first()
        if found is not None:
            return found
    return session.scalars(query).first()


def _with_latest(session: Session, panelist: Panelist, by: str, channel: str | None = None) -> Match:
    recipient = latest_recipient(session, panelist.id, channel)
    campaign = session.get(Campaign, recipient.campaign_id) if recipient else None
    return Match(panelist=panelist, recipient=recipient, campaign=campaign, by=by)


def address_of(value: str | None) -> str:
    return parseaddr(value or "")[1].strip().lower()


def match_email(session: Session, *, recipients: tuple[str, ...], in_reply_to: str | None,
                references: tuple[str, ...], sender: str | None, panel_id: int | None,
                secret_key: str | Sequence[str]) -> Match:
    forged = False
    for address in recipients:
        token = outbox.token_from_address(address)
        if not token:
            continue
        recipient = find_by_reply_token(session, token, secret_key)
        if recipient is not None:
            return _from_recipient(session, recipient, TOKEN)
        forged = True
    if forged:
        return Match(forged=True)
    for message_id in [in_reply_to, *reversed(references)]:
        if not message_id:
            continue
        sent = outbox.find_by_message_id(session, message_id)
        if sent is None or sent.panelist_id is None:
            continue
        if sent.campaign_id is not None:
            recipient = session.scalars(select(CampaignRecipient).where(
                CampaignRecipient.campaign_id == sent.campaign_id,
                CampaignRecipient.panelist_id == sent.panelist_id)).first()
            if recipient is not None:
                return _from_recipient(session, recipient, THREAD)
        panelist = session.get(Panelist, sent.panelist_id)
        if panelist is not None:
            return _with_latest(session, panelist, THREAD)
    address = address_of(sender)
    if address and panel_id is not None:
        panelist = session.scalars(select(Panelist).where(Panelist.panel_id == panel_id,
                                                          func.lower(Panelist.email) == address)).first()
        if panelist is not None:
            return _with_latest(session, panelist, SENDER)
    return Match()


def panelists_by_phone(session: Session, number: str, panel_id: int | None = None) -> list[Panelist]:
    query = select(Panelist).where(Panelist.phone == number)
    if panel_id is not None:
        query = query.where(Panelist.panel_id == panel_id)
    return list(session.scalars(query.order_by(Panelist.id)).all())


def match_sms(session: Session, number: str | None, panel_id: int | None) -> Match:
    if not number:
        return Match()
    found = panelists_by_phone(session, number, panel_id) or panelists_by_phone(session, number)
    if not found:
        return Match()
    # An active member first (the same number may also belong to a row that has left).
    found.sort(key=lambda p: (p.status != "active", -(p.id or 0)))
    return _after_staff_sms(session, _with_latest(session, found[0], PHONE, channel="sms"))


STAFF_REPLY_STEP = "staff_reply"


def _after_staff_sms(session: Session, match: Match) -> Match:
    """The campaign of a staff member's SMS answer when it is the last SMS we sent the panelist and
    newer than the invitation ``match`` found (an answer to it belongs to that conversation)."""
    last = session.scalars(select(OutboxMessage).where(
        OutboxMessage.panelist_id == match.panelist.id, OutboxMessage.channel == "sms",
        OutboxMessage.status != OUT_CANCELLED)
        .order_by(OutboxMessage.created_at.desc(), OutboxMessage.id.desc()).limit(1)).first()
    if last is None or last.step != STAFF_REPLY_STEP or last.campaign_id is None:
        return match
    if match.campaign is not None and (last.campaign_id == match.campaign.id
                                       or match.recipient.created_at > last.created_at):
        return match
    recipient = session.scalars(select(CampaignRecipient).join(Campaign, Campaign.id == CampaignRecipient.campaign_id)
                                .where(CampaignRecipient.campaign_id == last.campaign_id,
                                       CampaignRecipient.panelist_id == match.panelist.id,
                                       Campaign.status != CANCELLED)).first()
    if recipient is None:
        return match
    return Match(panelist=match.panelist, recipient=recipient, campaign=session.get(Campaign, recipient.campaign_id),
                 by=match.by)


def match_bounce(session: Session, failed_address: str | None, panel_id: int | None) -> Panelist | None:
    """The member whose address a bounce names."""
    address = (failed_address or "").strip().strip("<>").lower()
    if not address:
        return None
    query = select(Panelist).where(func.lower(Panelist.email) == address)
    if panel_id is not None:
        found = session.scalars(query.where(Panelist.panel_id == panel_id)).first()
        if found is not None:
            return found
    return session.scalars(query.order_by(Panelist.id)).first()
