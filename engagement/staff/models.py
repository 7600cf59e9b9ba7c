"""Staff accounts, their roles per panel, and failed-login bookkeeping."""
from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from engagement.db import UTCDateTime, utcnow

ADMIN, EDITOR, VIEWER = "admin", "editor", "viewer"
ROLES = (ADMIN, EDITOR, VIEWER)
ROLE_RANK = {VIEWER: 1, EDITOR: 2, ADMIN: 3}


class StaffUser(SQLModel, table=True):
    __tablename__ = "staff_user"

    id: Optional[int] = Field(default=None, primary_key=True)
    email: str = Field(index=True, unique=True, max_length=320)
    name: str = Field(default="", max_length=200)
    password_hash: str = Field(max_length=255)
    is_active: bool = Field(default=True)
    language: str = Field(default="da", max_length=5)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    last_login_at: Optional[datetime] = Field(default=None, sa_type=UTCDateTime)


class StaffRole(SQLModel, table=True):
    """A staff account's role in one panel; an account may serve several panels."""

    __tablename__ = "staff_role"
    __table_args__ = (UniqueConstraint("staff_id", "panel_id", name="uq_staff_role_staff_panel"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    staff_id: int = Field(foreign_key="staff_user.id", index=True)
    panel_id: int = Field(foreign_key="panel.id", index=True)
    role: str = Field(max_length=16)


class LoginFailure(SQLModel, table=True):
    """One failed login, keyed by a keyed hash of the email (no address stored)."""

    __tablename__ = "login_failure"

    id: Optional[int] = Field(default=None, primary_key=True)
    email_hash: str = Field(index=True, max_length=64)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
