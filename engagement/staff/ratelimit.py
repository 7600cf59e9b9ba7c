"""Failed staff logins, counted in the database so every web process sees them.

A failure is stored under a keyed hash of the lower-cased email (HMAC-SHA256
with the secret key): no address is stored, and the key cannot be reversed by
someone who reads the table.  After a secret-key rotation the old key's hashes
still count (``log_in`` passes every key), so a rotation unlocks nobody.  After ``max_failures`` failures within
``window`` an email is locked until the oldest of them leaves the window, even
for the right password.
"""
from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timedelta
from typing import Sequence

from sqlalchemy import delete, func
from sqlmodel import Session, select

from engagement.db import utcnow
from engagement.staff.models import LoginFailure


def email_key(secret_key: str, email: str) -> str:
    normalised = (email or "").strip().lower()
    return hmac.new(secret_key.encode("utf-8"), normalised.encode("utf-8"), hashlib.sha256).hexdigest()


def _keys(key: str | Sequence[str]) -> list[str]:
    return [key] if isinstance(key, str) else list(key)


def count_failures(session: Session, key: str | Sequence[str], window: timedelta,
                   now: datetime | None = None) -> int:
    since = (now or utcnow()) - window
    return session.exec(
        select(func.count()).select_from(LoginFailure)
        .where(LoginFailure.email_hash.in_(_keys(key)), LoginFailure.at >= since)).one()


def is_locked(session: Session, key: str | Sequence[str], *, max_failures: int, window: timedelta,
              now: datetime | None = None) -> bool:
    return count_failures(session, key, window, now) >= max_failures


def record_failure(session: Session, key: str, *, window: timedelta, now: datetime | None = None) -> None:
    """Add a failure and drop this key's failures that have left the window (caller commits)."""
    now = now or utcnow()
    session.exec(delete(LoginFailure).where(LoginFailure.email_hash == key, LoginFailure.at < now - window))
    session.add(LoginFailure(email_hash=key, at=now))


def clear_failures(session: Session, key: str | Sequence[str]) -> None:
    """After a successful login the count starts again (caller commits)."""
    session.exec(delete(LoginFailure).where(LoginFailure.email_hash.in_(_keys(key))))
