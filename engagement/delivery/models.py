"""The outbox: one row per message we have promised to send.

A row is written in the same transaction as the decision to send (a campaign
starting, a reminder falling due, a reply to a citizen) and sent only after
that transaction has committed, by a delivery worker.  ``dedupe_key`` is
unique: ``campaign:12:panelist:345:invitation``,
``campaign:12:panelist:345:reminder-1``, ``reply:<inbound id>``; inserting
the same key twice is a no-op, so a job that runs twice (or again after a
crash) never promises a message twice.

Status: ``pending`` (waiting for ``next_attempt_at``) → ``sending`` (claimed by
a worker; ``claimed_at``/``claimed_by``) → ``sent`` | ``failed`` (permanent).
``cancelled`` (the campaign was cancelled, or the panelist can no longer be
reached), ``expired`` (its ``expires_at`` — the campaign's deadline — passed
before it could go).  A row left in ``sending`` longer than the lease (a
killed worker) goes back to ``pending``.

The row is the exact promise: an email row holds the finished message
(``mime``: every header but ``Date``, which the worker puts in front at send
time, and the quoted-printable body), built once when the row is written;
the worker only claims, sends and records.  ``subject``/``text`` keep the
rendered text for people (the staff inbox, a GDPR export) and ``to_address``
the address it was written for.  At send time the worker still checks the
panelist: someone who left or was erased in between gets nothing, and a
changed address gets the same text at the new address.  Erasure blanks
``to_address``, ``subject``, ``text``, ``html`` and ``mime`` and keeps the
status and times (for counts).
"""
from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import Column, Index, LargeBinary, Text
from sqlmodel import Field, SQLModel

from engagement.db import UTCDateTime, utcnow

PENDING = "pending"
SENDING = "sending"
SENT = "sent"
FAILED = "failed"
CANCELLED = "cancelled"
EXPIRED = "expired"
STATUSES = (PENDING, SENDING, SENT, FAILED, CANCELLED, EXPIRED)
OPEN_STATUSES = (PENDING, SENDING)

EMAIL = "email"
SMS = "sms"
CHANNELS = (EMAIL, SMS)

# Twilio delivery statuses in the order they can happen; a callback never moves a row back.
SMS_STATUS_ORDER = {"accepted": 0, "queued": 1, "sending": 2, "sent": 3,
                    "delivered": 4, "undelivered": 4, "failed": 4, "read": 5}


class OutboxMessage(SQLModel, table=True):
    __tablename__ = "outbox_message"
    # The claim walks this in order (``outbox.claim``); channel makes it cover the metrics' counts.
    __table_args__ = (Index("ix_outbox_queue", "status", "next_attempt_at", "id", "channel"),
                      # Every claim first expires pending rows whose deadline passed: a range search, not a scan.
                      Index("ix_outbox_expiry", "status", "expires_at"))

    id: Optional[int] = Field(default=None, primary_key=True)
    panel_id: int = Field(foreign_key="panel.id", index=True)
    campaign_id: Optional[int] = Field(default=None, foreign_key="campaign.id", index=True)
    panelist_id: Optional[int] = Field(default=None, foreign_key="panelist.id", index=True)
    # invitation | reminder-1 | reminder-2 | question:<key> | reply | ...
    step: str = Field(max_length=64)
    channel: str = Field(max_length=8)  # email | sms
    dedupe_key: str = Field(max_length=200, unique=True)
    status: str = Field(default=PENDING, max_length=16)
    subject: str = Field(default="", max_length=300)
    text: str = Field(default="", sa_column=Column(Text, nullable=False))
    html: Optional[str] = Field(default=None, sa_column=Column(Text, nullable=True))
    # The address (email or phone) the message was written for; None once erased.
    to_address: Optional[str] = Field(default=None, max_length=320)
    # Email: the finished message, LF line ends, without Date (delivery.mail.compose_email).
    mime: Optional[bytes] = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    # Email: our Message-ID (with <>), so a reply's In-Reply-To finds the row.
    message_id: Optional[str] = Field(default=None, max_length=200, index=True)
    # The reply token (campaign recipient) the reply address carries.
    reply_token: Optional[str] = Field(default=None, max_length=40)
    # SMS: GSM 7-bit or UCS-2, and how many segments it costs.
    sms_encoding: Optional[str] = Field(default=None, max_length=8)
    sms_segments: Optional[int] = None
    # Twilio's MessageSid, and the last delivery status its callbacks reported.
    external_id: Optional[str] = Field(default=None, max_length=64, index=True)
    delivery_status: Optional[str] = Field(default=None, max_length=16)
    attempts: int = Field(default=0)
    next_attempt_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    expires_at: Optional[datetime] = Field(default=None, sa_type=UTCDateTime)
    claimed_at: Optional[datetime] = Field(default=None, sa_type=UTCDateTime)
    claimed_by: Optional[str] = Field(default=None, max_length=64)
    sent_at: Optional[datetime] = Field(default=None, sa_type=UTCDateTime, index=True)
    # No personal data here: an error class, an SMTP/Twilio code and a short reason.
    last_error: Optional[str] = Field(default=None, max_length=300)
    error_code: Optional[int] = None
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
