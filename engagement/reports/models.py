"""Tables of reports: respondents' background at the time of a survey, and feedback sent.

``RespondentProfile`` freezes a panelist's strata (gender, age band, area,
education, housing, employment) for one survey.  A panelist who later leaves
loses those fields on ``Panelist`` (data minimisation), but their answers
stay, so their background must stay with the answers, or response rates
and weights would change after the fact.  Rows are written (insert if
missing, never updated) when invitations or answers are recorded, by
whoever calls ``engagement.reports.service.freeze_profiles``, and at the
latest when results are computed.  On erasure they are deleted (the answers
lose their panelist too, so nothing links them any more).

``Feedback`` is one message staff sent to a survey's respondents: the
summary when it closes ("what happens now") or a later "I sagde – vi
gjorde" follow-up.  Its id is in every outbox row's dedupe key, so sending
again never reaches anyone twice.
"""
from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import JSON, Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

import engagement.surveys.models  # noqa: F401  (the ``definition`` table)
from engagement.db import UTCDateTime, utcnow

SUMMARY, FOLLOWUP = "summary", "followup"
FEEDBACK_KINDS = (SUMMARY, FOLLOWUP)


class RespondentProfile(SQLModel, table=True):
    __tablename__ = "respondent_profile"
    __table_args__ = (UniqueConstraint("definition_id", "panelist_id", name="uq_respondent_profile"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    panel_id: int = Field(foreign_key="panel.id", index=True)
    definition_id: int = Field(foreign_key="definition.id", index=True)
    panelist_id: int = Field(foreign_key="panelist.id", index=True, ondelete="CASCADE")
    gender: Optional[str] = Field(default=None, max_length=16)
    age: Optional[str] = Field(default=None, max_length=8)       # age band, e.g. "30-39"
    area: Optional[str] = Field(default=None, max_length=64)
    education: Optional[str] = Field(default=None, max_length=32)
    housing: Optional[str] = Field(default=None, max_length=32)
    employment: Optional[str] = Field(default=None, max_length=32)
    recorded_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Feedback(SQLModel, table=True):
    __tablename__ = "feedback"

    id: Optional[int] = Field(default=None, primary_key=True)
    panel_id: int = Field(foreign_key="panel.id", index=True)
    definition_id: int = Field(foreign_key="definition.id", index=True)
    kind: str = Field(max_length=16)  # summary | followup
    note: str = Field(default="", sa_column=Column(Text, nullable=False))
    # The key figures sent: [{"label": ..., "percent": 0.62} | {"label": ..., "count": 1234}]
    figures: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    recipients: int = Field(default=0)
    created_by: Optional[int] = Field(default=None, foreign_key="staff_user.id")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
