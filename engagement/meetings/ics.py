"""Each panelist's calendar file for a meeting, with their own reply address as its ORGANIZER.

A calendar program (Outlook, Google Calendar, Apple Calendar) shows Accept /
Decline / Maybe for a ``METHOD:REQUEST`` and mails its iTIP REPLY to the
event's ``ORGANIZER``.  So the ORGANIZER is the panelist's signed reply
address (``svar+TOKEN@<reply domain>``, ``outbox.reply_address``): the answer
reaches the inbound pipeline, which finds the panelist by the token and reads
the REPLY as an RSVP (``conversations.mail.calendar``).

The address must stay the same in every file about one meeting to one
panelist (invitation, seat, change, cancellation): a calendar program may
ignore an update from another organizer.  It is made from the panelist's
*first* campaign recipient row for the meeting (the one whose invitation put
the event in their calendar); a later campaign for the same meeting keeps it.
Without any recipient row (no invitation went out), the panel's From address.
"""
from __future__ import annotations

from datetime import datetime

from flask import current_app
from sqlalchemy import select
from sqlmodel import Session

from conversations.definitions import Meeting
from engagement import get_settings
from engagement.delivery import outbox
from engagement.meetings import calendar


def first_recipient(session: Session, definition_id: int, panelist_id: int):
    """The panelist's earliest recipient row in a campaign for this meeting, or None."""
    from engagement.campaigns.models import Campaign, CampaignRecipient

    return session.scalars(select(CampaignRecipient).join(Campaign, Campaign.id == CampaignRecipient.campaign_id)
                           .where(Campaign.definition_id == definition_id,
                                  CampaignRecipient.panelist_id == panelist_id)
                           .order_by(CampaignRecipient.id)).first()


def organizer_address(session: Session, definition_id: int, panelist_id: int) -> str:
    """The ORGANIZER for this panelist's files about this meeting (see the module's docstring)."""
    settings = get_settings()
    recipient = first_recipient(session, definition_id, panelist_id)
    if recipient is None:
        return settings.mail_from
    token = outbox.make_reply_token(recipient.reply_key, current_app.config["SECRET_KEY"])
    return outbox.reply_address(token, settings.reply_domain)


def calendar_file(session: Session, stored, meeting: Meeting, panelist, panel, sequence: int, method: str,
                  now: datetime) -> bytes:
    """The .ics for one panelist: stable UID, the meeting's SEQUENCE, their reply address as ORGANIZER."""
    settings = get_settings()
    return calendar.build_calendar(
        meeting, uid=calendar.event_uid(stored.id, panelist.id, settings.reply_domain), sequence=sequence,
        method=method, organizer=organizer_address(session, stored.id, panelist.id),
        organizer_name=panel.sender_name, attendee_email=panelist.email, attendee_name=panelist.name, stamp=now,
        timezone=settings.timezone)


__all__ = ["calendar_file", "first_recipient", "organizer_address"]
