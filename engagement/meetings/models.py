"""Tables of meetings and workshops: a meeting's settings, and each panelist's seat.

A meeting itself is a stored definition (``engagement.surveys.models.StoredDefinition``,
kind ``meeting``: title, time, place, ``max_guests``).  ``MeetingPlan`` adds
what the room and the plan need: the capacity (seats; a seat counts the
panelist and each guest), how the seats are filled (``first_come`` or a fair
``lottery`` at the RSVP deadline), the reminder plan, the status and the
iCalendar ``SEQUENCE`` (raised at every change of time or place).

``MeetingSeat`` is one panelist's place in one meeting, kept beside their
current RSVP (``rsvp.replaced_at IS NULL``): ``seated``, ``waitlisted`` (in
``position`` order), ``entered`` (said yes; waits for the lottery) or
``none`` (said no or maybe).  A later RSVP updates the row; the RSVP history
stays in the ``rsvp`` table.  On erasure the row is deleted.
"""
from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

import engagement.selection.models  # noqa: F401  (the ``selection_draw`` table a lottery points at)
import engagement.surveys.models  # noqa: F401  (the ``definition`` and ``rsvp`` tables)
from engagement.db import UTCDateTime, utcnow

# MeetingPlan.seat_mode
FIRST_COME = "first_come"
LOTTERY = "lottery"
SEAT_MODES = (FIRST_COME, LOTTERY)

# MeetingPlan.status
OPEN = "open"
CANCELLED = "cancelled"
STATUSES = (OPEN, CANCELLED)

# MeetingSeat.state
SEATED = "seated"
WAITLISTED = "waitlisted"
ENTERED = "entered"      # said yes in a lottery meeting; the draw has not been made
NONE = "none"            # said no or maybe: holds no seat
SEAT_STATES = (SEATED, WAITLISTED, ENTERED, NONE)

# The default reminder plan: email two days before (10:00), SMS on the morning of the day (09:00),
# local time (Europe/Copenhagen).  Never in quiet hours, never after the meeting has started.
DEFAULT_REMINDERS = [{"channel": "email", "days_before": 2, "at": "10:00"},
                     {"channel": "sms", "days_before": 0, "at": "09:00"}]


class MeetingPlan(SQLModel, table=True):
    __tablename__ = "meeting_plan"

    id: Optional[int] = Field(default=None, primary_key=True)
    panel_id: int = Field(foreign_key="panel.id", index=True)
    definition_id: int = Field(foreign_key="definition.id", unique=True)
    # Seats in the room (panelists and their guests); None: no limit.
    capacity: Optional[int] = Field(default=None)
    seat_mode: str = Field(default=FIRST_COME, max_length=16)
    rsvp_deadline_at: Optional[datetime] = Field(default=None, sa_type=UTCDateTime)
    # [{"channel": "email"|"sms", "days_before": int, "at": "HH:MM"}], local time.
    reminders: list = Field(default_factory=lambda: [dict(r) for r in DEFAULT_REMINDERS],
                            sa_column=Column(JSON, nullable=False))
    status: str = Field(default=OPEN, max_length=16, index=True)
    # iCalendar SEQUENCE: 0 at first, +1 at each change of time or place and at cancellation.
    sequence: int = Field(default=0)
    lottery_drawn_at: Optional[datetime] = Field(default=None, sa_type=UTCDateTime)
    lottery_draw_id: Optional[int] = Field(default=None, foreign_key="selection_draw.id")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    cancelled_at: Optional[datetime] = Field(default=None, sa_type=UTCDateTime)


class MeetingSeat(SQLModel, table=True):
    __tablename__ = "meeting_seat"
    __table_args__ = (UniqueConstraint("definition_id", "panelist_id", name="uq_seat_definition_panelist"),
                      Index("ix_seat_definition_state", "definition_id", "state", "position"))

    id: Optional[int] = Field(default=None, primary_key=True)
    panel_id: int = Field(foreign_key="panel.id", index=True)
    definition_id: int = Field(foreign_key="definition.id", index=True)
    panelist_id: Optional[int] = Field(default=None, foreign_key="panelist.id", index=True, ondelete="CASCADE")
    rsvp_id: Optional[int] = Field(default=None, foreign_key="rsvp.id")
    state: str = Field(default=NONE, max_length=16)
    guests: int = Field(default=0)
    # Order on the waitlist (lower goes first); set when the person is put on it.
    position: Optional[int] = Field(default=None)
    # How many times the person has moved up from the waitlist (the notice's dedupe key counts them).
    moved_up_count: int = Field(default=0)
    seated_at: Optional[datetime] = Field(default=None, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
