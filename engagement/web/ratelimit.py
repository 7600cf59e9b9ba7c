"""Per-client-address rate limits on the pages a stranger can hammer.

Signup, "send me a link", staff login and the signed citizen links (confirm,
profile, leave, new address, meeting RSVP, public feedback) are reachable
without an account.  Each is counted per client address in the database
(``rate_limit_hit``), so every web process and machine shares the same count;
no address is stored, only an HMAC of (limit, address) with the secret key.

The limits are sliding windows ("at most N requests in any T seconds"), set
in ``engagement/config.py`` (``RATE_LIMIT_*``).  They are generous: a library
or a workplace behind one address should never meet them, someone guessing
tokens or signing up a list of strangers will.  A limited request answers 429
with ``Retry-After`` and a short page; it is not counted itself, so waiting
always helps.

The client address is ``request.remote_addr``; behind nginx set
``TRUSTED_PROXIES`` (``web/security.py`` then applies werkzeug's ProxyFix),
or every citizen shares the proxy's address and one count.
"""
from __future__ import annotations

import hashlib
import hmac
import logging
import math
import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import Flask, current_app, render_template, request
from flask_babel import gettext as _
from sqlalchemy import delete, func
from sqlmodel import Session, select

from engagement.config import parse_rate
from engagement.db import get_engine, utcnow
from engagement.web.models import RateLimitHit

log = logging.getLogger(__name__)

# endpoint -> (limit name, the methods it counts; None = every method)
LIMITED_ENDPOINTS: dict[str, tuple[str, frozenset[str] | None]] = {
    "panel.signup": ("signup", frozenset({"POST"})),
    "panel.request_link": ("link", frozenset({"POST"})),
    "staff.login": ("login", frozenset({"POST"})),
    "panel.confirm": ("token_links", None),
    "panel.profile": ("token_links", None),
    "panel.leave": ("token_links", None),
    "panel.confirm_email_change": ("token_links", None),
    "meetings.rsvp": ("token_links", None),
    "reports_public.feedback_page": ("token_links", None),
}
# One request in this many also sweeps every key's expired rows (the own key's go every time).
SWEEP_ONE_IN = 100
SWEEP_AFTER = timedelta(days=1)


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int = 0  # seconds, when not allowed


def limit_key(secret_key: str, name: str, address: str) -> str:
    message = f"{name}\n{address}".encode("utf-8")
    return hmac.new(secret_key.encode("utf-8"), message, hashlib.sha256).hexdigest()


def hit(session: Session, key: str, *, limit: int, window: timedelta, now: datetime | None = None) -> Verdict:
    """Count one request under ``key`` unless ``limit`` are already in the window (caller commits)."""
    now = now or utcnow()
    since = now - window
    count, oldest = session.exec(
        select(func.count(), func.min(RateLimitHit.at))
        .where(RateLimitHit.key_hash == key, RateLimitHit.at > since)).one()
    if count >= limit:
        wait = (oldest + window - now).total_seconds() if oldest is not None else window.total_seconds()
        return Verdict(False, max(1, math.ceil(wait)))
    session.exec(delete(RateLimitHit).where(RateLimitHit.key_hash == key, RateLimitHit.at <= since))
    session.add(RateLimitHit(key_hash=key, at=now))
    return Verdict(True)


def purge_expired(session: Session, now: datetime | None = None, older_than: timedelta = SWEEP_AFTER) -> int:
    """Drop every key's rows older than the longest sensible window (caller commits)."""
    result = session.exec(delete(RateLimitHit).where(RateLimitHit.at < (now or utcnow()) - older_than))
    return result.rowcount or 0


def init_app(app: Flask) -> None:
    app.before_request(_check)


def _check():
    endpoint = request.endpoint
    if endpoint not in LIMITED_ENDPOINTS:
        return None
    settings = current_app.extensions["borgerpanel.settings"]
    if not settings.rate_limits_enabled:
        return None
    name, methods = LIMITED_ENDPOINTS[endpoint]
    if methods is not None and request.method not in methods:
        return None
    limit, seconds = parse_rate(f"RATE_LIMIT_{name.upper()}", getattr(settings, f"rate_limit_{name}"))
    key = limit_key(current_app.config["SECRET_KEY"], name, request.remote_addr or "")
    with Session(get_engine(), expire_on_commit=False) as session:
        verdict = hit(session, key, limit=limit, window=timedelta(seconds=seconds))
        if verdict.allowed and random.randrange(SWEEP_ONE_IN) == 0:
            purge_expired(session)
        session.commit()
    if verdict.allowed:
        return None
    log.info("rate limit %s reached on %s; retry after %ss", name, endpoint, verdict.retry_after)
    response = current_app.make_response((
        render_template("error.html", title=_("For mange forsøg"), message=_("Vent lidt, og prøv igen.")), 429))
    response.headers["Retry-After"] = str(verdict.retry_after)
    response.headers["Cache-Control"] = "no-store"
    return response
