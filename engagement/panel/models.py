"""Tables of the panel: the panel itself, its members and their consents."""
from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import Column, JSON, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from engagement.db import UTCDateTime, utcnow

# Panelist.status
PENDING = "pending"      # signed up, email not yet confirmed (expires after 7 days)
ACTIVE = "active"        # confirmed member
LEFT = "left"            # left the panel; contact details kept only as the law allows
ERASED = "erased"        # personal data erased; the row remains for anonymous counts

CHANNELS = ("email", "sms", "both")
LANGUAGES = ("da", "en")


class Panel(SQLModel, table=True):
    """One citizens' panel (a municipality or a client). Every other row belongs to one.

    ``name`` is the panel's own name ("Borgerpanelet"), ``municipality`` the
    municipality it belongs to ("Aarhus Kommune"), the data controller; citizen
    texts say "Borgerpanelet i Aarhus Kommune" (``display_name``).
    """

    id: Optional[int] = Field(default=None, primary_key=True)
    key: str = Field(index=True, unique=True, max_length=64)
    name: str = Field(max_length=200)
    municipality: str = Field(default="", max_length=200)
    sender_name: str = Field(default="Borgerpanelet", max_length=200)
    # Postcode -> area key, e.g. {"5000": "midtby"}; and area key -> label.
    postcode_areas: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    area_labels: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    membership_years: int = Field(default=3)
    # The panel's own SMS quiet hours ("HH:MM", local time) and contact-fatigue window (days);
    # None means the installation default (SMS_QUIET_START/END, CONTACT_FATIGUE_DAYS).
    sms_quiet_start: Optional[str] = Field(default=None, max_length=5)
    sms_quiet_end: Optional[str] = Field(default=None, max_length=5)
    contact_fatigue_days: Optional[int] = None
    # The privacy notice (GDPR art. 13): how to reach the municipality's data protection officer, and the
    # notice in the panel's own words (None: the default text, engagement.panel.privacy).
    dpo_contact: str = Field(default="", max_length=300)
    privacy_notice_da: Optional[str] = Field(default=None, sa_column=Column(Text, nullable=True))
    privacy_notice_en: Optional[str] = Field(default=None, sa_column=Column(Text, nullable=True))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)

    @property
    def display_name(self) -> str:
        """'Borgerpanelet i Aarhus Kommune' (the panel's name alone when no municipality is set)."""
        from flask_babel import gettext as _

        if not self.municipality or self.municipality.strip() == self.name.strip():
            return self.name
        return _("%(panel)s i %(municipality)s", panel=self.name, municipality=self.municipality)

    @property
    def controller(self) -> str:
        """Who is responsible for the data (the data controller): the municipality, else the panel."""
        return self.municipality or self.name


class Panelist(SQLModel, table=True):
    """A citizen in a panel. Personal data lives here and only here."""

    __table_args__ = (UniqueConstraint("panel_id", "email", name="uq_panelist_panel_email"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    panel_id: int = Field(foreign_key="panel.id", index=True)
    status: str = Field(default=PENDING, max_length=16, index=True)
    # Contact (None once erased). Email is stored normalised (lower-case domain).
    email: Optional[str] = Field(default=None, max_length=320)
    phone: Optional[str] = Field(default=None, max_length=20)  # E.164, e.g. +4520123456
    name: Optional[str] = Field(default=None, max_length=200)
    language: str = Field(default="da", max_length=5)
    channel: str = Field(default="email", max_length=8)  # email | sms | both
    email_status: str = Field(default="ok", max_length=16)  # ok | bounced
    sms_status: str = Field(default="ok", max_length=16)    # ok | opted_out | invalid
    # Background profile; None means "vil ikke oplyse" or not given.
    birth_year: Optional[int] = None
    gender: Optional[str] = Field(default=None, max_length=16)
    postcode: Optional[str] = Field(default=None, max_length=8)
    area: Optional[str] = Field(default=None, max_length=64, index=True)
    education: Optional[str] = Field(default=None, max_length=32)
    housing: Optional[str] = Field(default=None, max_length=32)
    employment: Optional[str] = Field(default=None, max_length=32)
    source: str = Field(default="signup", max_length=16)  # signup | import | demo
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    confirmed_at: Optional[datetime] = Field(default=None, sa_type=UTCDateTime)
    membership_ends_at: Optional[datetime] = Field(default=None, sa_type=UTCDateTime, index=True)
    left_at: Optional[datetime] = Field(default=None, sa_type=UTCDateTime)
    erased_at: Optional[datetime] = Field(default=None, sa_type=UTCDateTime)
    # Bumped to invalidate every link sent before (erasure, "log out everywhere").
    token_version: int = Field(default=1)


class Consent(SQLModel, table=True):
    """A consent a panelist gave to a versioned text, with when and how."""

    id: Optional[int] = Field(default=None, primary_key=True)
    panel_id: int = Field(foreign_key="panel.id", index=True)
    panelist_id: int = Field(foreign_key="panelist.id", index=True)
    version: str = Field(max_length=32)
    source: str = Field(default="signup", max_length=16)
    given_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    withdrawn_at: Optional[datetime] = Field(default=None, sa_type=UTCDateTime)
    # The privacy notice shown when consent was given (PrivacyNotice.version); None: not given through us.
    privacy_version: Optional[str] = Field(default=None, max_length=32)


class PrivacyNotice(SQLModel, table=True):
    """Every version of a panel's privacy notice that someone consented under, word for word."""

    __tablename__ = "privacy_notice"
    __table_args__ = (UniqueConstraint("panel_id", "version", name="uq_privacy_notice_panel_version"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    panel_id: int = Field(foreign_key="panel.id", index=True)
    version: str = Field(max_length=32)
    text_da: str = Field(sa_column=Column(Text, nullable=False))
    text_en: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
