"""The raw message store: every inbound message is stored before anything is done with it.

``store_email(session, raw)`` and ``store_sms(session, form)`` insert one row
with ON CONFLICT (channel, external_id) DO NOTHING and return
``(row, is_new)``; the caller commits at once, and only then processes.  A
message stored twice (a listener restarted after a crash, Twilio retrying
a webhook) is one row.

The external id of an email is its Message-ID (read from the headers alone,
never the body); a message without one (or with a silly one: too long, or
with a character outside printable ASCII, a NUL say) gets ``sha256:<hex>`` of
its bytes.  A Message-ID already stored for *different* bytes (a broken
mailer reusing one, or a forgery) is stored as a new message under the hash
of its bytes, with the reuse in ``problems``: never dropped.  The same bytes
again are the same message.

Nothing is refused for its bytes: an email is stored as it came; an SMS's
form fields as ASCII JSON (every code point escaped, NULs and lone
surrogates too, reversibly).  The text columns are cleaned and cut
(``models.bound_row``), the full values staying in ``raw``.

The GDPR export section and erasure step for inbound messages live here too.
"""
from __future__ import annotations

import email.parser
import email.policy
import hashlib
import json
from datetime import datetime
from typing import Mapping

from sqlalchemy import or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

from engagement.db import utcnow
from engagement.inbound.models import EMAIL, SMS, InboundMessage, bound_row
from engagement.panel import gdpr
from engagement.panel.models import Panelist

MAX_ID_LENGTH = 300


def _hash_id(raw: bytes) -> str:
    return "sha256:" + hashlib.sha256(raw).hexdigest()


def email_external_id(raw: bytes) -> str:
    """The Message-ID with its angle brackets, or a hash of the bytes when there is none."""
    try:
        headers = email.parser.BytesHeaderParser(policy=email.policy.compat32).parsebytes(raw)
        value = headers.get("Message-ID") or headers.get("Message-Id")
        value = " ".join(str(value).split()) if value else ""
    except Exception:  # a header block so broken that even compat32 gives up
        value = ""
    if not value or len(value) > MAX_ID_LENGTH or value in ("<>",) or not _is_printable_ascii(value):
        return _hash_id(raw)
    if not value.startswith("<"):
        value = f"<{value}>"
    return value


def _is_printable_ascii(value: str) -> bool:
    return all(32 <= ord(character) < 127 for character in value)


_TABLE = InboundMessage.__table__
# One INSERT per dialect, built once: each message is only its parameters (no statement to
# build, no cache key to compute; the webhook's whole database work is this and a commit).
_INSERTS = {name: (dialect.insert(_TABLE).on_conflict_do_nothing(index_elements=["channel", "external_id"])
                   .returning(_TABLE.c.id))
            for name, dialect in (("postgresql", postgresql), ("sqlite", sqlite))}
_COLUMNS = ("channel", "external_id", "status", "raw", "size", "sender", "subject", "text", "panel_id", "problems",
            "attempts", "needs_staff", "received_at")


def _row(values: dict) -> dict:
    now = values.pop("received_at", None) or utcnow()
    row = bound_row({"status": "received", "attempts": 0, "needs_staff": False, "subject": "", "text": "",
                     "problems": [], "received_at": now, "sender": None, "panel_id": None, **values})
    return {column: row[column] for column in _COLUMNS}


def _insert_id(session: Session, row: dict) -> int | None:
    """The new row's id, or None when (channel, external_id) is stored already."""
    return session.execute(_INSERTS[session.get_bind().dialect.name], row).scalar()


def _find(session: Session, row: dict) -> InboundMessage:
    return session.scalars(select(InboundMessage).where(
        InboundMessage.channel == row["channel"], InboundMessage.external_id == row["external_id"])
        .execution_options(populate_existing=True)).one()


def _store(session: Session, values: dict) -> tuple[InboundMessage, bool]:
    row = _row(values)
    new_id = _insert_id(session, row)
    return _find(session, row), new_id is not None


def store_email(session: Session, raw: bytes, *, panel_id: int | None = None,
                now: datetime | None = None) -> tuple[InboundMessage, bool]:
    """Store one email as it came. ``(row, is_new)``; the caller commits."""
    external_id = email_external_id(raw)
    problems = ["no usable Message-ID"] if external_id.startswith("sha256:") else []
    values = {"channel": EMAIL, "external_id": external_id, "raw": raw, "size": len(raw),
              "panel_id": panel_id, "problems": problems, "received_at": now}
    row, is_new = _store(session, dict(values))
    if is_new or row.raw is None or row.raw == raw or external_id.startswith("sha256:"):
        return row, is_new  # new, the same message again, or erased since (then a retry of it)
    return _store(session, {**values, "external_id": _hash_id(raw),
                            "problems": ["Message-ID reused by a different message: stored as a new one"]})


def _sms_values(form: Mapping[str, str], panel_id: int | None, now: datetime | None) -> dict:
    raw = json.dumps(dict(form), ensure_ascii=True, sort_keys=True).encode("ascii")
    external_id = (form.get("MessageSid") or form.get("SmsSid") or "").strip()[:MAX_ID_LENGTH] or _hash_id(raw)
    return {"channel": SMS, "external_id": external_id, "raw": raw, "size": len(raw), "panel_id": panel_id,
            "sender": (form.get("From") or "")[:320] or None, "text": form.get("Body") or "", "received_at": now}


def store_sms(session: Session, form: Mapping[str, str], *, panel_id: int | None = None,
              now: datetime | None = None) -> tuple[InboundMessage, bool]:
    """Store one Twilio webhook (its form fields, as JSON). ``(row, is_new)``; the caller commits."""
    return _store(session, _sms_values(form, panel_id, now))


def store_sms_id(session: Session, form: Mapping[str, str], *, panel_id: int | None = None,
                 now: datetime | None = None) -> tuple[int, bool]:
    """``store_sms`` for the webhook: ``(id, is_new)``, one statement for a new message."""
    row = _row(_sms_values(form, panel_id, now))
    new_id = _insert_id(session, row)
    if new_id is not None:
        return new_id, True
    return _find(session, row).id, False


# ---------------------------------------------------------------------------
# GDPR
# ---------------------------------------------------------------------------

def _their_messages(panelist: Panelist):
    """A panelist's messages: matched to them, or sent from their address or number."""
    conditions = [InboundMessage.panelist_id == panelist.id]
    if panelist.email:
        conditions.append(InboundMessage.sender == panelist.email)
    if panelist.phone:
        conditions.append(InboundMessage.sender == panelist.phone)
    return or_(*conditions)


def _export_messages(session: Session, panelist: Panelist) -> list:
    rows = session.scalars(select(InboundMessage).where(_their_messages(panelist))
                           .order_by(InboundMessage.received_at, InboundMessage.id)).all()
    return [{"channel": row.channel, "received_at": row.received_at, "from": row.sender,
             "subject": row.subject, "text": row.text, "status": row.status, "reason": row.reason}
            for row in rows]


def _erase_messages(session: Session, panelist: Panelist, _now: datetime) -> None:
    """Blank the raw message, the sender and what was read from it; the row stays for counts."""
    session.execute(update(InboundMessage).where(_their_messages(panelist))
                    .values(raw=None, sender=None, subject="", text="")
                    .execution_options(synchronize_session=False))


gdpr.register_export_section("inbound_messages", _export_messages)
gdpr.register_erasure_step(_erase_messages)
