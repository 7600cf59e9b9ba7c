"""What the meeting service promises in the outbox: one notice to a panelist on their channel (``notify``),
the pieces of an outbox row the reminders share, and what an invitation carries (links and the .ics file).

Dedupe keys: ``meeting:<definition id>:panelist:<id>:<what>``.
"""
from __future__ import annotations

import logging
from datetime import datetime

from flask import current_app
from sqlalchemy import select
from sqlmodel import Session

from conversations.definitions import Meeting
from engagement import get_settings
from engagement.db import utcnow
from engagement.delivery import outbox
from engagement.delivery.mail import InvalidEmail
from engagement.delivery.models import EMAIL, SMS
from engagement.meetings import calendar, notices
from engagement.meetings import plan as rules
from engagement.meetings.ics import calendar_file
from engagement.meetings.links import rsvp_links
from engagement.meetings.lookup import get_plan
from engagement.meetings.models import OPEN, MeetingPlan
from engagement.panel.models import ACTIVE, Panel, Panelist
from engagement.surveys.models import StoredDefinition
from engagement.surveys.service import load_definition

log = logging.getLogger(__name__)


def reachable(panelist: Panelist, channel: str) -> bool:
    if channel == EMAIL:
        return bool(panelist.email) and panelist.email_status == "ok"
    return bool(panelist.phone) and panelist.sms_status == "ok"


def channel_for(panelist: Panelist) -> str | None:
    """The panelist's own channel when it works, else the other one, else None."""
    preferred = SMS if panelist.channel == "sms" else EMAIL
    other = EMAIL if preferred == SMS else SMS
    for channel in (preferred, other):
        if reachable(panelist, channel):
            return channel
    return None


def _recipient(session: Session, definition_id: int, panelist_id: int):
    """The panelist's recipient row in a campaign that invited them to this meeting (for the reply token)."""
    from engagement.campaigns.models import Campaign, CampaignRecipient

    return session.scalars(select(CampaignRecipient).join(Campaign, Campaign.id == CampaignRecipient.campaign_id)
                           .where(Campaign.definition_id == definition_id,
                                  CampaignRecipient.panelist_id == panelist_id)
                           .order_by(CampaignRecipient.id.desc())).first()


def base_row(session: Session, stored: StoredDefinition, panelist: Panelist, step: str, channel: str, key: str,
              meeting: Meeting, now: datetime, expires: bool = True) -> dict:
    recipient = _recipient(session, stored.id, panelist.id)
    token = (outbox.make_reply_token(recipient.reply_key, current_app.config["SECRET_KEY"])
             if recipient is not None and channel == EMAIL else None)
    return {"panel_id": stored.panel_id, "campaign_id": recipient.campaign_id if recipient else None,
            "panelist_id": panelist.id, "step": step[:64], "channel": channel, "dedupe_key": key[:200],
            "expires_at": meeting.starts_at if expires else None, "created_at": now, "next_attempt_at": now,
            "_reply_token": token}


def sms_values(row: dict, rendered, panelist: Panelist, now: datetime, settings) -> None:
    row.update(text=rendered.text, to_address=panelist.phone, sms_segments=rendered.segments,
               sms_encoding="gsm7" if rendered.is_gsm7 else "ucs2",
               next_attempt_at=rules.after_quiet_hours(max(now, row["next_attempt_at"]), settings.sms_quiet_start,
                                                       settings.sms_quiet_end))


def invitation_extras(session: Session, stored: StoredDefinition, panelist: Panelist, panel: Panel,
                      now: datetime | None = None) -> tuple[dict[str, str], bytes]:
    """What a meeting invitation email carries besides its text: the three one-click links and the
    .ics file (METHOD:REQUEST, the meeting's current SEQUENCE)."""
    meeting = load_definition(stored)
    plan = get_plan(session, stored)
    ics = calendar_file(session, stored, meeting, panelist, panel, plan.sequence, calendar.REQUEST,
                        now or utcnow())
    return rsvp_links(panelist, panel, stored.id), ics


def notify(session: Session, plan: MeetingPlan, stored: StoredDefinition, meeting: Meeting, panelist: Panelist,
            template: str, what: str, now: datetime, *, method: str | None = None, expires: bool = True,
            **extra) -> int:
    """Promise one notice to the panelist on their channel (1 if new, 0 if already promised or unreachable)."""
    from engagement.messages.render import greeting_name
    from engagement.panel import links as panel_links

    channel = channel_for(panelist)
    if channel is None or panelist.status != ACTIVE:
        return 0
    settings = get_settings()
    panel = session.get(Panel, stored.panel_id)
    language = panelist.language if panelist.language in ("da", "en") else "da"
    key = f"meeting:{stored.id}:panelist:{panelist.id}:{what}"
    row = base_row(session, stored, panelist, f"meeting:{template}", channel, key, meeting, now, expires)
    context = dict(meeting=meeting, name=greeting_name(panelist.name), sender=panel.sender_name, **extra)
    if channel == EMAIL:
        leave = panel_links.leave_url(panelist, panel)
        context.update(leave_url=leave, calendar=method is not None)
        if plan.status == OPEN:
            context["rsvp_links"] = rsvp_links(panelist, panel, stored.id)
        rendered = notices.render_notice(template, channel="email", language=language, **context)
        attachments = []
        if method is not None:
            ics = calendar_file(session, stored, meeting, panelist, panel, plan.sequence, method, now)
            attachments.append(calendar.attachment(ics, method))
        try:
            values = outbox.email_values(settings, panelist=panelist, panel=panel, subject=rendered.subject or "",
                                         text=rendered.text, leave_url=leave, reply_token=row.pop("_reply_token"),
                                         attachments=attachments)
        except InvalidEmail:
            log.warning("meeting %s: panelist %s: no email can be built", stored.id, panelist.id)
            return 0
        row.update(values)
    else:
        row.pop("_reply_token")
        rendered = notices.render_notice(template, channel="sms", language=language, **context)
        sms_values(row, rendered, panelist, now, settings)
    return outbox.enqueue(session, [row])


__all__ = ["base_row", "channel_for", "invitation_extras", "notify", "reachable", "sms_values"]
