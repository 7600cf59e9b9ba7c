"""Tables of campaigns: the campaign and the people it reaches.

A ``Campaign`` sends one survey, one meeting invitation or one information
mailing (``kind``) to an audience (``audience``: a small JSON description
that ``engagement.campaigns.audience`` turns into panelists).  Its plan is a
start time, reminders (days after the start) and a deadline; the scheduler's
tick turns the plan into outbox rows when each step falls due.

``next_step`` says what the tick does next: 0 = the invitation, n = reminder
n; ``len(reminder_days) + 1`` = nothing left to enqueue.

A ``CampaignRecipient`` is one panelist in one campaign: the channel chosen
for them, the reply key their reply address carries, and when they answered
(reminders go only to those who have not).
"""
from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import BigInteger, Column, JSON, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

import engagement.surveys.models  # noqa: F401  (the ``definition`` table a campaign points at)
from engagement.db import UTCDateTime, utcnow

# Campaign.kind
SURVEY = "survey"
MEETING = "meeting"
INFORMATION = "information"
KINDS = (SURVEY, MEETING, INFORMATION)

# Campaign.channel_mode
CHANNEL_EMAIL = "email"
CHANNEL_SMS = "sms"
CHANNEL_CHOICE = "choice"   # each panelist's own choice
CHANNEL_MODES = (CHANNEL_EMAIL, CHANNEL_SMS, CHANNEL_CHOICE)

# Campaign.status
DRAFT = "draft"
SCHEDULED = "scheduled"
SENDING = "sending"
SENT = "sent"
CLOSED = "closed"
CANCELLED = "cancelled"
STATUSES = (DRAFT, SCHEDULED, SENDING, SENT, CLOSED, CANCELLED)
CANCELLABLE = (DRAFT, SCHEDULED, SENDING)


class Campaign(SQLModel, table=True):
    __tablename__ = "campaign"

    id: Optional[int] = Field(default=None, primary_key=True)
    panel_id: int = Field(foreign_key="panel.id", index=True)
    kind: str = Field(max_length=16)
    title: str = Field(max_length=300)
    # The survey or meeting (None for an information mailing).
    definition_id: Optional[int] = Field(default=None, foreign_key="definition.id", index=True)
    # An information mailing's own text (subject line and body, Danish).
    subject: str = Field(default="", max_length=300)
    body: str = Field(default="", sa_column=Column(Text, nullable=False))
    # {"type": "all"} | {"type": "filter", "filter": {...}} | {"type": "sample", "sample_id": 7}
    audience: dict = Field(default_factory=lambda: {"type": "all"}, sa_column=Column(JSON, nullable=False))
    # A sample audience: the seed it was drawn with (the draw keeps it too; here it stays with the campaign).
    sample_seed: Optional[int] = Field(default=None, sa_type=BigInteger)
    channel_mode: str = Field(default=CHANNEL_CHOICE, max_length=8)
    starts_at: datetime = Field(sa_type=UTCDateTime)
    deadline_at: Optional[datetime] = Field(default=None, sa_type=UTCDateTime)
    reminder_days: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # SMS quiet hours, local time (Europe/Copenhagen): no SMS from start to end.
    quiet_start: str = Field(default="20:00", max_length=5)
    quiet_end: str = Field(default="09:00", max_length=5)
    # Contact fatigue: nobody gets a second survey invitation within this many days (0 = off).
    fatigue_days: int = Field(default=14)
    sms_segment_budget: int = Field(default=3)
    # Who the start left out and why, counted (no ids): {"fatigue": {"count": 17, "days": {"6": 10, "3": 7}},
    # "unreachable": 2}; "days" says how long ago those held back got their last invitation.
    held_back: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    status: str = Field(default=DRAFT, max_length=16, index=True)
    next_step: int = Field(default=0)
    created_by: Optional[int] = Field(default=None, foreign_key="staff_user.id")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    scheduled_at: Optional[datetime] = Field(default=None, sa_type=UTCDateTime)
    sending_at: Optional[datetime] = Field(default=None, sa_type=UTCDateTime)
    sent_at: Optional[datetime] = Field(default=None, sa_type=UTCDateTime)
    closed_at: Optional[datetime] = Field(default=None, sa_type=UTCDateTime)
    cancelled_at: Optional[datetime] = Field(default=None, sa_type=UTCDateTime)


class CampaignRecipient(SQLModel, table=True):
    __tablename__ = "campaign_recipient"
    __table_args__ = (UniqueConstraint("campaign_id", "panelist_id", name="uq_recipient_campaign_panelist"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    campaign_id: int = Field(foreign_key="campaign.id", index=True)
    panelist_id: int = Field(foreign_key="panelist.id", index=True)
    channel: str = Field(max_length=8)  # email | sms
    # 12 random base32 characters; with its HMAC it makes the reply token (delivery.outbox).
    reply_key: str = Field(max_length=16, unique=True)
    # SMS surveys: the key of the question last asked (the next one goes after an answer).
    sms_question: Optional[str] = Field(default=None, max_length=64)
    responded_at: Optional[datetime] = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    # The survey conversation beyond the stored answers (engagement.inbound.conversation):
    # {"skipped": [key], "with_staff": [key], "settled": [key], "unclear": {key: count}}.
    conversation: Optional[dict] = Field(default=None, sa_column=Column(JSON, nullable=True))
