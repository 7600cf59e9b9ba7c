"""The outbox: promise a message (enqueue), hand it to one worker (claim), record what happened.

At most once per recipient and step
    ``enqueue`` inserts with ON CONFLICT (dedupe_key) DO NOTHING; the same
    promise made twice (a job run twice, or again after a crash) is one row.

Claiming
    PostgreSQL: ``WITH claimable AS (SELECT … FOR UPDATE SKIP LOCKED) UPDATE …`` in
    one short transaction, so any number of workers take disjoint rows.
    SQLite has one writer at a time, so the same ``UPDATE … WHERE status =
    'pending'`` is atomic there without row locks.  A claimed row is
    ``sending`` with ``claimed_at``/``claimed_by``; a row left ``sending``
    longer than the lease (a worker killed between claiming and sending) is
    claimed again: never lost.

The window nobody can close
    "Sent" is committed after every message, on the worker's own database
    connection with one prepared UPDATE (``SentStatement``: no ORM session),
    while the next message's envelope goes out; the next message's text
    (after SMTP DATA's 354) or Twilio call does not go before that commit is
    done (``engagement.delivery.recorder``).  So a worker killed at any
    moment leaves:

    * rows it claimed but had not yet handed to SMTP/Twilio: ``sending``,
      never sent; they are claimed again once the lease runs out.  Safe: it
      is their first send.
    * rows it finished: ``sent`` (or failed/cancelled/pending), committed.
    * at most ONE message in flight: handed to the server, and the worker
      died before its "sent" was committed (between the server's answer and
      the commit, or while waiting for that answer).  Nobody can know whether
      the server took it.  It is still ``sending`` and is claimed and sent
      again after the lease: that one recipient may get it twice.  Sending at
      most once *and* never losing a message cannot both hold across a crash;
      for this one message we choose never to lose it.  Everything else is
      sent at most once per recipient and step, also across restarts.

Who may receive a row
    A row with a panelist goes only to an active panelist whose channel is
    ok, at the panelist's current address.  Two exceptions:
    ``TO_LEAVERS_STEPS`` (the leaving confirmation) go to the row's
    ``to_address``, snapshotted when the row was written, although the
    panelist has just left (leaving clears the address); and a row without
    a panelist (a staff answer to a sender we could not match) goes to its
    ``to_address``.  An erased panelist's rows have no address: they go
    nowhere.

Reply tokens
    Each campaign recipient has a random ``reply_key`` (12 characters of
    lower-case base32, 60 bits); the token is the key plus 8 characters of an
    HMAC-SHA256 over it keyed by the secret key ("reply" purpose), 20
    characters of ``[a-z2-7]`` in all: short enough for an address's local
    part and unchanged when a provider lower-cases it.  Unlike an itsdangerous
    token it carries no data, so it cannot be too long and it can be looked up
    (``engagement.campaigns.responses.find_by_reply_token``).
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from datetime import datetime, timedelta
from typing import Mapping, Sequence

from sqlalchemy import String, and_, bindparam, func, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.dialects import sqlite
from sqlmodel import Session

from engagement.delivery.models import (CANCELLED, EXPIRED, FAILED, PENDING, SENDING, SENT,
                                        SMS_STATUS_ORDER, OutboxMessage)

BASE32 = "abcdefghijklmnopqrstuvwxyz234567"
REPLY_KEY_LENGTH = 12
REPLY_MAC_LENGTH = 8
REPLY_LOCAL_PART = "svar"
DEFAULT_LEASE = timedelta(minutes=5)
MAX_ATTEMPTS = 8
# Steps that must reach someone who has just left (at the address snapshotted on the row).
TO_LEAVERS_STEPS = frozenset({"reply:leaving_confirmation"})


# ---------------------------------------------------------------------------
# Reply tokens and addresses
# ---------------------------------------------------------------------------

def new_reply_key() -> str:
    # base32 of random bytes: every character uniform over BASE32 (one call, not one per character)
    return base64.b32encode(secrets.token_bytes(10)).decode("ascii").lower()[:REPLY_KEY_LENGTH]


def _mac(reply_key: str, secret_key: str) -> str:
    key = hashlib.sha256(f"borgerpanel.reply:{secret_key}".encode()).digest()
    digest = hmac.new(key, reply_key.encode("ascii"), hashlib.sha256).digest()
    return base64.b32encode(digest).decode("ascii").lower()[:REPLY_MAC_LENGTH]


def make_reply_token(reply_key: str, secret_key: str) -> str:
    return reply_key + _mac(reply_key, secret_key)


def read_reply_token(token: str, secret_key: str | Sequence[str]) -> str | None:
    """The reply key in a genuine token (any letter case), else None.  ``secret_key`` may be
    several keys (the current one and ``SECRET_KEY_FALLBACKS``): a token made under any is genuine."""
    token = (token or "").strip().lower()
    if len(token) != REPLY_KEY_LENGTH + REPLY_MAC_LENGTH or any(c not in BASE32 for c in token):
        return None
    key, mac = token[:REPLY_KEY_LENGTH], token[REPLY_KEY_LENGTH:]
    keys = [secret_key] if isinstance(secret_key, str) else secret_key
    return key if any(hmac.compare_digest(mac, _mac(key, each)) for each in keys) else None


def reply_address(token: str, domain: str, form: str = "plus") -> str:
    """``svar+TOKEN@domain`` (form "plus") or ``svar.TOKEN@domain`` (form "dot", for a catch-all
    mailbox at a provider that strips ``+…``)."""
    separator = "+" if form == "plus" else "."
    return f"{REPLY_LOCAL_PART}{separator}{token}@{domain}"


def token_from_address(address: str) -> str | None:
    """The token in ``svar+TOKEN@…`` or ``svar.TOKEN@…`` (any case), else None."""
    local = (address or "").strip().strip("<>").rpartition("@")[0].lower()
    for separator in ("+", "."):
        prefix = REPLY_LOCAL_PART + separator
        if local.startswith(prefix) and len(local) > len(prefix):
            return local[len(prefix):]
    return None


# ---------------------------------------------------------------------------
# Enqueue
# ---------------------------------------------------------------------------

def enqueue(session: Session, rows: Sequence[Mapping[str, object]]) -> int:
    """Insert outbox rows, skipping any whose ``dedupe_key`` exists. Returns how many are new.

    Each mapping has the ``OutboxMessage`` columns (at least panel_id, step,
    channel, dedupe_key, text).  Runs in the caller's transaction: the rows
    are promises that hold only once it commits.
    """
    if not rows:
        return 0
    defaults = _defaults()
    values = [dict(defaults, **row) for row in rows]
    columns = sorted(set().union(*values))  # the same columns in every row (nullable ones default to NULL)
    if session.get_bind().dialect.name == "postgresql":
        return _insert_unnested(session, columns, values)
    # SQLite: one statement run as the driver's executemany, compiled once.  Without RETURNING,
    # or SQLAlchemy would rewrite it into multi-row INSERTs ("insertmanyvalues"); rowcount
    # counts the new rows (conflicts skipped count 0).
    values = [{column: value.get(column) for column in columns} for value in values]
    statement = (sqlite.insert(OutboxMessage.__table__).on_conflict_do_nothing(index_elements=["dedupe_key"])
                 .execution_options(preserve_rowcount=True))
    return session.execute(statement, values).rowcount


def _insert_unnested(session: Session, columns: list[str], values: list[dict]) -> int:
    """PostgreSQL: every row in one statement, an array per column unnested into rows.

    An executemany makes the server run the INSERT once per row, with a statement's cost each
    time (most of the server's share of a 10,000-person start), and multi-row VALUES make the
    driver parse a placeholder per value; here there is one placeholder per column.
    """
    table = OutboxMessage.__table__
    dialect = session.get_bind().dialect
    arrays = ", ".join(f"%b::{table.c[column].type.compile(dialect=dialect)}[]" for column in columns)
    sql = (f"INSERT INTO {table.name} ({', '.join(columns)}) SELECT * FROM unnest({arrays}) "
           "ON CONFLICT (dedupe_key) DO NOTHING")
    session.flush()  # what the rows refer to, added to the session, goes first (as session.execute would)
    return session.connection().exec_driver_sql(
        sql, tuple([value.get(column) for value in values] for column in columns)).rowcount


def email_values(settings, *, panelist, panel, subject: str, text: str, leave_url: str | None,
                 reply_token: str | None = None, message_id: str | None = None, to: str | None = None,
                 auto_submitted: str | None = None, in_reply_to: str | None = None,
                 references: Sequence[str] = (), attachments: Sequence[tuple[str, str, bytes]] = ()) -> dict:
    """The columns of an email row that make it the exact promise: the finished message
    (``mime``, without Date), its Message-ID, the address it was written for, and the text.

    ``to`` overrides the panelist's address (``panelist`` may then be None: a sender we could
    not match).  An automatic answer to a citizen's mail passes ``auto_submitted="auto-replied"``,
    ``in_reply_to`` and ``references`` (``engagement.delivery.mail_compose.compose_email``).
    ``attachments`` (``(filename, content type with parameters, data)``) make the message
    ``multipart/mixed``; they live only in ``mime``.

    Raises ``engagement.delivery.mail_errors.InvalidEmail`` when no message can be built.
    """
    from engagement.delivery.mail_compose import compose_email

    address = to if to is not None else (panelist.email if panelist is not None else None)
    reply_to = mailto = None
    if reply_token:
        reply_to = reply_address(reply_token, settings.reply_domain)
        mailto = f"{reply_to}?subject=Afmeld"
    composed = compose_email(settings, to=address or "", to_name=panelist.name if panelist is not None else None,
                             subject=subject, text=text, sender_name=panel.sender_name, leave_url=leave_url,
                             leave_mailto=mailto if leave_url else None, reply_to=reply_to, automatic=False,
                             message_id=message_id, with_date=False, auto_submitted=auto_submitted,
                             in_reply_to=in_reply_to, references=references, attachments=attachments)
    return {"subject": subject, "text": text, "to_address": address, "mime": composed.data,
            "message_id": composed.message_id, "reply_token": reply_token}


def _defaults() -> dict:
    from engagement.db import utcnow

    now = utcnow()
    return {"status": PENDING, "attempts": 0, "next_attempt_at": now, "created_at": now,
            "subject": "", "html": None}


def enqueue_one(session: Session, **row: object) -> OutboxMessage | None:
    """Enqueue one message (e.g. a reply, ``dedupe_key="reply:<inbound id>"``); the row, or None
    when that key was already promised."""
    if not enqueue(session, [row]):
        return None
    return session.scalars(select(OutboxMessage).where(
        OutboxMessage.dedupe_key == row["dedupe_key"])).one()


# ---------------------------------------------------------------------------
# Claim and record
# ---------------------------------------------------------------------------

def expire_overdue(session: Session, now: datetime) -> int:
    """Pending rows whose ``expires_at`` passed never go (e.g. a reminder after the deadline).
    A Core statement on the table (every claim runs it): objects already loaded in ``session``
    are not updated."""
    c = _OUTBOX.c
    result = session.execute(
        update(_OUTBOX)
        .where(c.status == PENDING, c.expires_at.is_not(None), c.expires_at <= now)
        .values(status=EXPIRED, last_error="expired before it could be sent"))
    return result.rowcount or 0


def claim(session: Session, *, worker_id: str, now: datetime, limit: int = 50,
          channel: str | None = None, lease: timedelta = DEFAULT_LEASE, as_rows: bool = False) -> list:
    """Take up to ``limit`` due rows for this worker and commit at once (a short transaction).

    Due means ``sending`` with a lease that ran out (taken first: they have waited longest),
    or pending with ``next_attempt_at`` passed, earliest first.  Rows whose ``expires_at``
    passed are expired first.  ``as_rows``: plain read-only rows with the columns sending
    reads (``SENDING_COLUMNS``) instead of ``OutboxMessage`` objects: the delivery worker
    saves building an ORM object per message, and the other 13 columns (4 of them times to
    convert): a quarter of a claim's CPU in this process.

    The two kinds are claimed by two statements, each an ordered walk of ``ix_outbox_queue``
    (status, next_attempt_at, id) that stops after ``limit`` rows it could lock.  One
    statement with ``pending OR stale`` cannot walk an index in order: it read and sorted every
    due row to take the first few (EXPLAIN ANALYZE on a queue of 10,000: its locking scan took
    7.3 ms for a batch of 200, now 0.8 ms; test_outbox counts the rows a claim reads).
    """
    expire_overdue(session, now)
    c = _OUTBOX.c
    stale = _claim_part(session, and_(c.status == SENDING, c.claimed_at < now - lease),
                        worker_id, now, limit, channel, as_rows)
    due = []
    if len(stale) < limit:
        due = _claim_part(session, and_(c.status == PENDING, c.next_attempt_at <= now),
                          worker_id, now, limit - len(stale), channel, as_rows)
    session.commit()
    rows = stale + due
    rows.sort(key=lambda row: (row.next_attempt_at, row.id))
    return rows


def _claim_part(session: Session, due, worker_id: str, now: datetime, limit: int, channel: str | None,
                as_rows: bool) -> list:
    """Claim up to ``limit`` rows matching ``due`` (in the caller's transaction).  For plain rows
    the statement is a Core one, on the table: it skips the ORM's bulk-update machinery."""
    c = _OUTBOX.c
    if channel:
        due = and_(due, c.channel == channel)
    candidates = select(c.id).where(due).order_by(c.next_attempt_at, c.id).limit(limit)
    if session.get_bind().dialect.name == "postgresql":
        candidates = candidates.with_for_update(skip_locked=True)
    # A CTE is evaluated once; ``IN (subquery … LIMIT … SKIP LOCKED)`` may be re-run by the planner
    # and then claim more than ``limit`` rows.
    claimable = candidates.cte("claimable")
    values = {"status": SENDING, "claimed_at": now, "claimed_by": worker_id, "attempts": c.attempts + 1}
    if as_rows:  # the claimed rows themselves: no second query
        statement = update(_OUTBOX).where(c.id == claimable.c.id, due).values(**values)
        return list(session.execute(statement.returning(*SENDING_COLUMNS)).all())
    statement = (update(OutboxMessage).where(c.id == claimable.c.id, due).values(**values)
                 .execution_options(synchronize_session=False, populate_existing=True))
    return list(session.scalars(statement.returning(OutboxMessage)).all())


def _mine(row_id: int, worker_id: str):
    return and_(OutboxMessage.id == row_id, OutboxMessage.status == SENDING,
                OutboxMessage.claimed_by == worker_id)


_OUTBOX = OutboxMessage.__table__
# What a delivery worker reads of a claimed row: where it goes and for whom, the finished message
# (and what composing it anew takes), and what a retry or the claim's order needs.
SENDING_COLUMNS = tuple(_OUTBOX.c[name] for name in (
    "id", "panel_id", "campaign_id", "panelist_id", "step", "channel", "to_address", "subject", "text",
    "html", "mime", "message_id", "reply_token", "attempts", "next_attempt_at"))
# "Sent" is recorded for every message: one prepared Core statement (no ORM bulk-update
# machinery, no new WHERE clause per call) keeps that cheap.
_MARK_SENT = (update(_OUTBOX)
              .where(_OUTBOX.c.id == bindparam("row_id"), _OUTBOX.c.status == SENDING,
                     _OUTBOX.c.claimed_by == bindparam("worker_id"))
              .values(status=SENT, sent_at=bindparam("sent_at"), last_error=None, error_code=None,
                      external_id=func.coalesce(bindparam("external_id", type_=String), _OUTBOX.c.external_id),
                      delivery_status=func.coalesce(bindparam("delivery_status", type_=String),
                                                    _OUTBOX.c.delivery_status)))


def mark_sent(session: Session, row_id: int, worker_id: str, now: datetime, *,
              external_id: str | None = None, delivery_status: str | None = None) -> bool:
    """Record "sent" in the session's transaction if this worker still holds the row (False: the
    lease ran out and another took it).  The worker uses ``record_sent`` instead."""
    return record_sent(session.connection(), row_id, worker_id, now, external_id=external_id,
                       delivery_status=delivery_status, commit=False)


def record_sent(connection: Connection, row_id: int, worker_id: str, now: datetime, *,
                external_id: str | None = None, delivery_status: str | None = None,
                commit: bool = True) -> bool:
    """Record "sent" on a plain connection (the worker's own) and commit it at once.

    One prepared UPDATE and a COMMIT: no ORM session, no flush, no identity map.  False: this
    worker no longer holds the row (its lease ran out and another worker took it).  The
    delivery worker goes one step further down with
    ``engagement.delivery.sent_statement.SentStatement`` (the driver itself).
    """
    result = connection.execute(_MARK_SENT, {
        "row_id": row_id, "worker_id": worker_id, "sent_at": now, "external_id": external_id or None,
        "delivery_status": delivery_status or None})
    if commit:
        connection.commit()
    return bool(result.rowcount)


def retry_delay(attempts: int, base_seconds: int = 60, cap_seconds: int = 6 * 3600) -> timedelta:
    """Backoff after a temporary failure: 1, 2, 4, 8 … minutes, at most 6 hours."""
    return timedelta(seconds=min(cap_seconds, base_seconds * 2 ** max(0, attempts - 1)))


def mark_retry(session: Session | Connection, row: OutboxMessage, worker_id: str, now: datetime, *,
               reason: str, code: int | None = None, at: datetime | None = None) -> str:
    """A temporary failure: back to pending with backoff, or failed after ``MAX_ATTEMPTS``."""
    if row.attempts >= MAX_ATTEMPTS:
        return mark_failed(session, row.id, worker_id, reason=f"gave up: {reason}", code=code)
    when = at or now + retry_delay(row.attempts)
    session.execute(update(OutboxMessage).where(_mine(row.id, worker_id))
                    .values(status=PENDING, next_attempt_at=when, claimed_at=None, claimed_by=None,
                            last_error=reason[:300], error_code=code)
                    .execution_options(synchronize_session=False))
    return PENDING


def release(session: Session | Connection, row: OutboxMessage, worker_id: str, at: datetime, reason: str) -> None:
    """Put a claimed row back untouched until ``at`` (e.g. SMS quiet hours); the attempt does not count."""
    session.execute(update(OutboxMessage).where(_mine(row.id, worker_id))
                    .values(status=PENDING, next_attempt_at=at, claimed_at=None, claimed_by=None,
                            attempts=OutboxMessage.attempts - 1, last_error=reason[:300])
                    .execution_options(synchronize_session=False))


def mark_failed(session: Session | Connection, row_id: int, worker_id: str, *, reason: str,
                code: int | None = None) -> str:
    session.execute(update(OutboxMessage).where(_mine(row_id, worker_id))
                    .values(status=FAILED, last_error=reason[:300], error_code=code)
                    .execution_options(synchronize_session=False))
    return FAILED


def mark_cancelled(session: Session | Connection, row_id: int, worker_id: str, *, reason: str) -> str:
    session.execute(update(OutboxMessage).where(_mine(row_id, worker_id))
                    .values(status=CANCELLED, last_error=reason[:300])
                    .execution_options(synchronize_session=False))
    return CANCELLED


def cancel_pending(session: Session, *, campaign_id: int | None = None,
                   panelist_id: int | None = None, reason: str = "cancelled") -> int:
    """Pending rows of a campaign (or a panelist) never go. In the caller's transaction."""
    statement = update(OutboxMessage).where(OutboxMessage.status == PENDING)
    if campaign_id is not None:
        statement = statement.where(OutboxMessage.campaign_id == campaign_id)
    if panelist_id is not None:
        statement = statement.where(OutboxMessage.panelist_id == panelist_id)
    if campaign_id is None and panelist_id is None:
        raise ValueError("cancel_pending needs a campaign or a panelist")
    result = session.execute(statement.values(status=CANCELLED, last_error=reason[:300])
                             .execution_options(synchronize_session=False))
    return result.rowcount or 0


def record_sms_status(session: Session, external_id: str, status: str,
                      error_code: int | None = None) -> OutboxMessage | None:
    """A Twilio status callback: move forward only (callbacks come out of order)."""
    row = session.scalars(select(OutboxMessage).where(OutboxMessage.external_id == external_id)).first()
    if row is None:
        return None
    rank = SMS_STATUS_ORDER.get(status)
    current = SMS_STATUS_ORDER.get(row.delivery_status or "", -1)
    if rank is None or rank < current or (rank == current and row.delivery_status in
                                          ("delivered", "undelivered", "failed")):
        return row
    row.delivery_status = status
    if error_code:
        row.error_code = error_code
    session.add(row)
    return row


def find_by_message_id(session: Session, message_id: str) -> OutboxMessage | None:
    """The email we sent with this Message-ID (for a reply's In-Reply-To / References)."""
    value = (message_id or "").strip()
    if not value:
        return None
    if not value.startswith("<"):
        value = f"<{value}>"
    return session.scalars(select(OutboxMessage).where(OutboxMessage.message_id == value)).first()


def counts_by_status(session: Session, campaign_id: int | None = None) -> dict[str, int]:
    statement = select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
    if campaign_id is not None:
        statement = statement.where(OutboxMessage.campaign_id == campaign_id)
    return {status: count for status, count in session.execute(statement)}


def open_count(session: Session, campaign_id: int) -> int:
    return session.scalar(select(func.count()).select_from(OutboxMessage).where(
        OutboxMessage.campaign_id == campaign_id,
        OutboxMessage.status.in_((PENDING, SENDING)))) or 0


__all__ = ["enqueue", "enqueue_one", "claim", "mark_sent", "record_sent", "TO_LEAVERS_STEPS", "mark_retry", "mark_failed",
           "mark_cancelled", "cancel_pending", "release", "expire_overdue", "record_sms_status",
           "find_by_message_id", "counts_by_status", "open_count", "make_reply_token",
           "read_reply_token", "reply_address", "token_from_address", "new_reply_key", "retry_delay"]
