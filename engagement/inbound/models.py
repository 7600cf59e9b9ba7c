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

Nothing is lost to its bytes: ``raw`` keeps the message whole, as bytes
(an SMS's form as ASCII JSON, every code point escaped, NULs and lone
surrogates too).  The text columns that take outside input (``sender``,
``subject``, ``text``, ``external_id``, ``reason``) are only a view for staff:
before every insert and update they are cleaned (NUL and lone surrogates
become U+FFFD, which PostgreSQL accepts) and cut to their column's length
(``text`` to ``MAX_TEXT``), the full value staying in ``raw``.

The inbound workers claim rows in state ``received`` whose ``retry_at`` has
passed (``engagement.inbound.worker``); our own error sets ``retry_at`` a
little later each time.

Personal data here: ``raw``, ``sender``, ``subject`` and ``text``; the GDPR
erasure step blanks them (``engagement.inbound.store``).
"""
from __future__ import annotations

from datetime import datetime
from typing import Optional

import re

from sqlalchemy import Column, Index, JSON, LargeBinary, Text, UniqueConstraint, event
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
MAX_TEXT = 20_000   # characters of ``text`` kept for the staff inbox (the raw message is whole)


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
    # Our own error: not claimed again before this (None: at once).
    retry_at: Optional[datetime] = Field(default=None, sa_type=UTCDateTime)
    needs_staff: bool = Field(default=False)
    received_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    processed_at: Optional[datetime] = Field(default=None, sa_type=UTCDateTime)
    handled_at: Optional[datetime] = Field(default=None, sa_type=UTCDateTime)
    handled_by_staff_id: Optional[int] = Field(default=None, foreign_key="staff_user.id")


# Column -> longest value kept; outside input is cleaned and cut before every insert and update.
BOUNDED = {"external_id": 300, "sender": 320, "subject": 300, "text": MAX_TEXT, "kind": 16, "intent": 16,
           "matched_by": 16, "reason": 300}
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def bounded_text(value: str | None, limit: int) -> str | None:
    """``value`` storable in any text column: NUL and lone surrogates -> U+FFFD, at most ``limit``."""
    if value is None:
        return None
    value = value if isinstance(value, str) else str(value)
    return _UNSTORABLE.sub("\ufffd", value)[:limit]


def bound_row(values: dict) -> dict:
    """The same values with every bounded column cleaned (for Core inserts and updates)."""
    return {key: bounded_text(value, BOUNDED[key]) if key in BOUNDED and isinstance(value, str) else value
            for key, value in values.items()}


@event.listens_for(InboundMessage, "before_insert")
@event.listens_for(InboundMessage, "before_update")
def _bound_columns(_mapper, _connection, target: InboundMessage) -> None:
    for name, limit in BOUNDED.items():
        value = getattr(target, name)
        if isinstance(value, str):
            cleaned = bounded_text(value, limit)
            if cleaned != value:
                setattr(target, name, cleaned)
    if target.problems:
        problems = [bounded_text(str(problem), 300) for problem in target.problems]
        if problems != target.problems:
            target.problems = problems
