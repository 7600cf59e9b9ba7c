"""Tables of inbound messages: every email and SMS a citizen (or a machine) sent us.

An ``InboundMessage`` is stored raw *before* anything else is done with it
and committed, unique on (``channel``, ``external_id``): the Message-ID of an
email (or ``sha256:<hash of the bytes>`` when it has none), the MessageSid of
an SMS.  Storing the same message twice is a no-op, so a listener restarted
after a crash, or Twilio retrying a webhook, never makes a second row.

Processing states (``status``)::

    received ──> processed   understood (or not) and answered by the rules
             ├─> ignored     machine mail, our own mail, a left/erased panelist
             └─> failed      "their fault" that cannot be handled (reason kept);
                             "our fault" stays received and is retried, and
                             becomes failed only after ``MAX_ATTEMPTS``

``needs_staff`` puts a message in the staff inbox (no match, a forged
token, unclear after the follow-ups, a question for staff); ``handled_at``
is set when a staff member marks it done.

Personal data here: ``raw``, ``sender``, ``subject`` and ``text``; the GDPR
erasure step blanks them (``engagement.inbound.store``).
"""
from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import Column, Index, JSON, LargeBinary, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from engagement.db import UTCDateTime, utcnow

EMAIL = "email"
SMS = "sms"
CHANNELS = (EMAIL, SMS)

RECEIVED = "received"
PROCESSED = "processed"
IGNORED = "ignored"
FAILED = "failed"
STATUSES = (RECEIVED, PROCESSED, IGNORED, FAILED)

# InboundMessage.kind: what the message is, once read.
REPLY = "reply"
AUTO_REPLY = "auto_reply"
BOUNCE_HARD = "bounce_hard"
BOUNCE_SOFT = "bounce_soft"
OWN = "own"               # our own message coming back
STOP = "stop"             # SMS opt-out keyword
START = "start"           # SMS opt-in keyword

MAX_ATTEMPTS = 5


class InboundMessage(SQLModel, table=True):
    __tablename__ = "inbound_message"
    __table_args__ = (UniqueConstraint("channel", "external_id", name="uq_inbound_channel_external_id"),
                      Index("ix_inbound_staff", "panel_id", "needs_staff", "handled_at"))

    id: Optional[int] = Field(default=None, primary_key=True)
    # The panel it belongs to (the matched panelist's, else the mailbox's); None if unknown.
    panel_id: Optional[int] = Field(default=None, foreign_key="panel.id", index=True)
    channel: str = Field(max_length=8)  # email | sms
    external_id: str = Field(max_length=300)
    status: str = Field(default=RECEIVED, max_length=16, index=True)
    kind: Optional[str] = Field(default=None, max_length=16)
    # The message as it came: RFC 5322 bytes, or the webhook's form as JSON bytes.
    raw: Optional[bytes] = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    size: int = Field(default=0)
    sender: Optional[str] = Field(default=None, max_length=320)
    subject: str = Field(default="", max_length=300)
    # The readable text (email body as read, SMS body), for the staff inbox.
    text: str = Field(default="", sa_column=Column(Text, nullable=False))
    # What was found
    panelist_id: Optional[int] = Field(default=None, foreign_key="panelist.id", index=True)
    campaign_id: Optional[int] = Field(default=None, foreign_key="campaign.id", index=True)
    matched_by: Optional[str] = Field(default=None, max_length=16)  # token | thread | sender | phone
    intent: Optional[str] = Field(default=None, max_length=16)
    # Short, no personal data: why it ended where it did ("survey closed", "forged token" ...).
    reason: Optional[str] = Field(default=None, max_length=300)
    problems: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    attempts: int = Field(default=0)
    needs_staff: bool = Field(default=False)
    received_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    processed_at: Optional[datetime] = Field(default=None, sa_type=UTCDateTime)
    handled_at: Optional[datetime] = Field(default=None, sa_type=UTCDateTime)
    handled_by_staff_id: Optional[int] = Field(default=None, foreign_key="staff_user.id")
