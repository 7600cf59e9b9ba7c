"""The audit log: every staff action that reads in bulk, exports, changes or erases personal data."""
from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import Column, JSON
from sqlmodel import Field, SQLModel

from engagement.db import UTCDateTime, utcnow


class AuditEntry(SQLModel, table=True):
    __tablename__ = "audit_entry"

    id: Optional[int] = Field(default=None, primary_key=True)
    panel_id: int = Field(foreign_key="panel.id", index=True)
    staff_id: Optional[int] = Field(default=None, foreign_key="staff_user.id", index=True)
    actor: str = Field(max_length=64)       # "staff:12", "panelist:345", "system"
    action: str = Field(max_length=64)      # e.g. "panelist.export", "panelist.erase", "panelists.list"
    target_type: Optional[str] = Field(default=None, max_length=32)
    target_id: Optional[int] = None
    detail: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
