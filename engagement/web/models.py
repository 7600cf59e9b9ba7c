"""Tables of the web layer: requests counted for the per-address rate limits."""
from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlmodel import Field, SQLModel

from engagement.db import UTCDateTime, utcnow


class RateLimitHit(SQLModel, table=True):
    """One counted request, under a keyed hash of (limit, client address): no address is stored."""

    __tablename__ = "rate_limit_hit"

    id: Optional[int] = Field(default=None, primary_key=True)
    key_hash: str = Field(index=True, max_length=64)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
