"""A matched citizen's message answered: ``conversations.dialogue.decide`` says what to store (answers, an RSVP
through the meeting's seats, leaving the panel) and what to reply, within the loop guard."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlmodel import Session

from conversations.definitions import Meeting, Survey
from conversations.dialogue import ASK_RSVP_AGAIN, SURVEY_CLOSED, Reply, decide
from engagement import get_settings
from engagement.campaigns.models import Campaign
from engagement.campaigns.service import mark_responded
from engagement.delivery.models import OutboxMessage
from engagement.inbound import conversation, matching, replies
from engagement.inbound.conversation import REPLY_STEP, build_state
from engagement.inbound.models import AUTO_REPLY, IGNORED, PROCESSED, SMS, InboundMessage
from engagement.inbound.outcome import Outcome, UnusableAnswer
from engagement.inbound.replies import Thread
from engagement.panel.models import ACTIVE, ERASED, LEFT, Panel, Panelist
from engagement.surveys.models import StoredDefinition
from engagement.surveys.service import SurveyError, load_definition, record_answers, record_rsvp


def link_match(row: InboundMessage, match: matching.Match) -> None:
    if match.panelist is not None and not match.forged:
        row.panelist_id = match.panelist.id
        row.panel_id = match.panelist.panel_id
    if match.campaign is not None and not match.forged:
        row.campaign_id = match.campaign.id
    row.matched_by = match.by if not match.forged else "forged"


def _definition(session: Session, campaign: Campaign | None) -> Survey | Meeting | None:
    if campaign is None or campaign.definition_id is None:
        return None
    stored = session.get(StoredDefinition, campaign.definition_id)
    return load_definition(stored) if stored is not None else None


def _replies_count(session: Session, panelist_id: int, *, steps=None, campaign_id: int | None = None,
                   since: datetime | None = None) -> int:
    query = select(func.count()).select_from(OutboxMessage).where(OutboxMessage.panelist_id == panelist_id)
    if steps is not None:
        query = query.where(OutboxMessage.step.in_(list(steps)))
    else:
        query = query.where(OutboxMessage.step.like(REPLY_STEP + "%"))
    if campaign_id is not None:
        query = query.where(OutboxMessage.campaign_id == campaign_id)
    if since is not None:
        query = query.where(OutboxMessage.created_at >= since)
    return session.scalar(query) or 0


def converse(session: Session, row: InboundMessage, match: matching.Match, channel: str, read, now: datetime,
              thread: Thread | None = None) -> Outcome:
    panelist = match.panelist
    if panelist.status == ERASED:
        return Outcome(IGNORED, "panelist erased: never answered")
    if panelist.status == LEFT:
        return Outcome(IGNORED, "panelist has left: never answered")
    if panelist.status != ACTIVE:
        row.needs_staff = True
        return Outcome(PROCESSED, f"panelist is {panelist.status}: to staff")
    campaign = match.campaign
    definition = _definition(session, campaign)
    if definition is None:
        row.needs_staff = True
        return Outcome(PROCESSED, "no survey or meeting to answer: to staff")
    from engagement.monitoring.metrics import observe_parse; reading = observe_parse(channel, read, definition)  # noqa: E702
    row.intent = reading.intent[:16]
    if reading.intent == "auto_reply":
        row.kind = AUTO_REPLY
        return Outcome(IGNORED, "auto-reply (text): never answered")
    state = build_state(session, channel, panelist, campaign, match.recipient, definition, now)
    decision = decide(definition, reading, state)
    source = channel
    reply = decision.reply
    reason = decision.why or "no decision"
    recorded_rsvp = False
    notice = None
    try:
        if decision.record_answers:
            record_answers(session, campaign.panel_id, campaign.definition_id, panelist.id,
                           dict(decision.record_answers), source=source, inbound_message_id=row.id, now=now)
        if decision.record_rsvp is not None and isinstance(definition, Meeting):
            reply, reason, notice, recorded_rsvp = _meeting_rsvp(session, row, panelist, campaign, definition,
                                                                 decision.record_rsvp, reply, reason, source, now)
        elif decision.record_rsvp is not None:
            record_rsvp(session, campaign.panel_id, campaign.definition_id, panelist.id,
                        decision.record_rsvp.attending, decision.record_rsvp.guests, source=source,
                        inbound_message_id=row.id, now=now)
            recorded_rsvp = True
    except SurveyError as exc:
        raise UnusableAnswer(f"answer refused: {exc}") from None
    if decision.record_answers or recorded_rsvp:
        mark_responded(session, campaign.id, panelist.id, now)
    if decision.to_staff:
        row.needs_staff = True
    if decision.unsubscribe:
        if reply is not None:
            # leave_panel mails its own goodbye to an email address on file: no second one.
            address = panelist.phone if channel == SMS else (None if panelist.email else row.sender)
            if address:
                replies.respond(session, row, panelist, campaign, match.recipient, definition, reply, channel,
                                thread=thread, to_address=address)
        return _leave(session, row, panelist, reason, now)
    if reply is not None and reply.template == SURVEY_CLOSED and _replies_count(
            session, panelist.id, steps=(REPLY_STEP + SURVEY_CLOSED,), campaign_id=campaign.id):
        reply = None
        reason += "; told before"
    if reply is not None:
        limit = get_settings().inbound_replies_per_day
        if _replies_count(session, panelist.id, since=now - timedelta(days=1)) >= limit:
            reason += "; loop guard: no reply"
        else:
            replies.respond(session, row, panelist, campaign, match.recipient, definition, reply, channel,
                            thread=thread, notice=notice)
    conversation.remember(session, match.recipient, decision, reply, channel)
    return Outcome(PROCESSED, reason)


def _meeting_rsvp(session: Session, row: InboundMessage, panelist: Panelist, campaign: Campaign, meeting: Meeting,
                  rsvp, reply, reason: str, source: str, now: datetime):
    """An RSVP by reply goes through the meeting's seats (``meetings.rsvps.respond``).

    (reply, reason, notice, recorded): too many guests asks again, a closed meeting gets the closed reply
    (nothing recorded); a seat, the waitlist or the lottery is told by its notice
    (``(template, context)``) in place of the plain receipt.
    """
    from engagement.meetings import rsvps
    from engagement.meetings.errors import MeetingClosed, TooManyGuests

    stored = session.get(StoredDefinition, campaign.definition_id)
    try:
        outcome = rsvps.respond(session, stored, panelist, rsvp.attending, rsvp.guests, source=source,
                                inbound_message_id=row.id, now=now, notify=False)
    except TooManyGuests:
        return (Reply(ASK_RSVP_AGAIN, meeting=meeting, reason="guests", follow_up=True),
                "more guests than the meeting allows: asking again", None, False)
    except MeetingClosed:
        return Reply(SURVEY_CLOSED), "RSVP after the meeting closed: not recorded", None, False
    reason = f"{reason}; {outcome.state}"
    if outcome.notice is None or reply is None:
        return reply, reason, None, True
    context = {"guests": outcome.seat.guests, "position": outcome.position, "draw_at": outcome.draw_at,
               "lottery": False}
    return reply, reason, (outcome.notice, context), True


def _leave(session: Session, row: InboundMessage, panelist: Panelist, reason: str, now: datetime) -> Outcome:
    """Leaving by reply: the panel's own leaving (it commits, then sends the goodbye mail)."""
    from engagement.panel.service import leave_panel

    panel = session.get(Panel, panelist.panel_id)
    row.status, row.reason, row.processed_at = PROCESSED, reason[:300], now
    session.add(row)
    leave_panel(session, panel, panelist, settings=get_settings(), now=now)
    return Outcome(PROCESSED, reason)


__all__ = ["converse", "link_match"]
