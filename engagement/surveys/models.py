"""Tables of surveys and meetings: stored definitions, answers and RSVPs.

A definition is stored as the documented interchange shape
(``/work/shared/spec/definitions.md``) in ``data``; ``kind`` and ``title`` are
copied out so lists need not parse it.  Answers and RSVPs keep their history:
a later answer to the same question does not overwrite the earlier row, it
marks it ``replaced_at`` and adds a new one.  The current answer is the row
with ``replaced_at IS NULL``.  On erasure ``panelist_id`` becomes NULL: the
answers stay only as anonymous counts.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any, Optional

from sqlalchemy import Column, Index, JSON, UniqueConstraint
from sqlmodel import Field, SQLModel

from engagement.db import UTCDateTime, utcnow

SURVEY, MEETING = "survey", "meeting"
KINDS = (SURVEY, MEETING)

# Where an answer or RSVP came from.
SOURCES = ("email", "sms", "link", "staff")

ATTENDING = ("yes", "no", "maybe")


class StoredDefinition(SQLModel, table=True):
    """A survey or a meeting of one panel, in the documented JSON shape."""

    __tablename__ = "definition"
    __table_args__ = (UniqueConstraint("panel_id", "key", name="uq_definition_panel_key"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    panel_id: int = Field(foreign_key="panel.id", index=True)
    key: str = Field(max_length=64)
    kind: str = Field(max_length=16)  # survey | meeting
    title: str = Field(max_length=300)
    data: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Answer(SQLModel, table=True):
    """One answer to one question; replaced rows stay as the history."""

    __tablename__ = "answer"
    __table_args__ = (Index("ix_answer_definition_panelist", "definition_id", "panelist_id", "question_key"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    panel_id: int = Field(foreign_key="panel.id", index=True)
    definition_id: int = Field(foreign_key="definition.id", index=True)
    panelist_id: Optional[int] = Field(default=None, foreign_key="panelist.id", index=True,
                                       ondelete="SET NULL")
    question_key: str = Field(max_length=64)
    value: Any = Field(default=None, sa_column=Column(JSON, nullable=True))
    source: str = Field(max_length=8)  # email | sms | link | staff
    # The inbound message it was read from (the inbound feature adds that table; no FK yet).
    inbound_message_id: Optional[int] = Field(default=None, index=True)
    recorded_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    replaced_at: Optional[datetime] = Field(default=None, sa_type=UTCDateTime)
    replaced_by_staff_id: Optional[int] = Field(default=None, foreign_key="staff_user.id")


class Rsvp(SQLModel, table=True):
    """A reply to a meeting invitation; a later one replaces the earlier."""

    __tablename__ = "rsvp"
    __table_args__ = (Index("ix_rsvp_definition_panelist", "definition_id", "panelist_id"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    panel_id: int = Field(foreign_key="panel.id", index=True)
    definition_id: int = Field(foreign_key="definition.id", index=True)
    panelist_id: Optional[int] = Field(default=None, foreign_key="panelist.id", index=True,
                                       ondelete="SET NULL")
    attending: str = Field(max_length=8)  # yes | no | maybe
    guests: int = Field(default=0)
    source: str = Field(max_length=8)
    inbound_message_id: Optional[int] = Field(default=None, index=True)
    recorded_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    replaced_at: Optional[datetime] = Field(default=None, sa_type=UTCDateTime)
