"""One stored inbound message: read → find → decide → store → respond, in one transaction.

The webhook and the mail listener only store (``engagement.inbound.store``);
the inbound workers (``engagement.inbound.worker``) take stored rows with
``claim_next`` (``FOR UPDATE SKIP LOCKED`` on PostgreSQL) and read them with
``process_claimed``; ``process_message(session, inbound_id)`` does the same
for one known row (``mail process``, tests).  The reader is called through
``conversations.reply.read_mail`` / ``read_sms``, which bound its work.  Everything it
decides (answers, RSVP, email status, staff flag, the reply promised in the
outbox with ``dedupe_key = "reply:<inbound id>"``, the row's new state) is
committed together, so a crash before the commit leaves the row
``received`` and the next run does it all again; a crash after it leaves
nothing to do.  The row is locked while it is worked on (PostgreSQL), so
two processes never both process it.

Outcomes:

* machine mail: a bounce updates the panelist's email status (hard: stop at
  once; soft: stop at the third within 30 days); an auto-reply is recorded
  and never answered; our own message coming back is ignored;
* SMS ``STOP`` (and its Danish forms) stops every SMS at once, like Twilio's
  own opt-out (which also sends the confirmation); ``START`` undoes it;
* no match or a forged token: the staff inbox, never answers;
* a left or erased panelist: stored with the reason, never answered;
* otherwise ``conversations.dialogue.decide`` says what to store and what
  to answer; the answer is rendered in the panelist's language and goes
  through the outbox, at most ``INBOUND_REPLIES_PER_DAY`` a day per panelist
  (loop guard).  An email answer is the finished message at enqueue time
  (``outbox.email_values``) and looks automatic: ``Auto-Submitted:
  auto-replied``, ``In-Reply-To``/``References`` naming their message, and
  "Re: <their subject>" (the template's subject when theirs is empty).
* an RSVP goes through ``meetings.rsvps.respond`` (seats and waitlist):
  too many guests asks again, a closed meeting gets the closed reply, and a
  seat, a waitlist place or a lottery entry is told by its meeting notice
  in place of the plain receipt.
* leaving by reply: ``panel.service.leave_panel`` (it commits, and it mails
  its own goodbye to the panelist's email address, which it then clears).
  Over SMS the leaving confirmation goes through the outbox, to the number
  snapshotted on the row before leaving cleared it (the worker sends
  ``outbox.TO_LEAVERS_STEPS`` to a panelist who has left).  Over email the
  goodbye from ``leave_panel`` is the confirmation, so no outbox row is
  made (it would double it); only a panelist without an email address on
  file gets the confirmation from the outbox, at the address they wrote
  from.  The row and the leaving are committed together.

Errors: ``TheirFault`` (the message itself cannot be handled) marks the row
``failed`` with its reason; anything else is our fault: logged with its
traceback, the row stays ``received`` and is tried again, up to
``MAX_ATTEMPTS``.  One INFO line per message: channel, id and outcome.

This module claims rows, keeps the retry bookkeeping and sends each row to its
channel: ``emails`` (reading, own mail, bounces) and ``sms`` (STOP/START);
``answering`` decides and stores, ``replies`` renders and threads the answer,
``outcome`` holds ``Outcome`` and the errors (re-exported here).
"""
from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlmodel import Session

from engagement import get_settings
from engagement.db import utcnow
from engagement.inbound import emails, sms
from engagement.inbound.models import EMAIL, FAILED, MAX_ATTEMPTS, RECEIVED, SMS, InboundMessage, bound_row
from engagement.inbound.outcome import InboundError, Outcome, TheirFault, UnreadableMessage, UnusableAnswer
from engagement.panel.models import Panel

log = logging.getLogger(__name__)

RETRY_FIRST = timedelta(seconds=30)


# ---------------------------------------------------------------------------
# Entry points
# ---------------------------------------------------------------------------

def process_message(session: Session, inbound_id: int, now: datetime | None = None) -> str | None:
    """Process one stored message and commit. Returns its new status (None: nothing to do)."""
    now = now or utcnow()
    session.rollback()
    query = select(InboundMessage).where(InboundMessage.id == inbound_id, InboundMessage.status == RECEIVED)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    row = session.scalars(query.execution_options(populate_existing=True)).first()
    if row is None:
        session.rollback()
        return None
    return process_claimed(session, row, now)


def claim_next(session: Session, now: datetime | None = None) -> InboundMessage | None:
    """The oldest stored message waiting to be read, locked for this transaction (PostgreSQL:
    ``FOR UPDATE SKIP LOCKED``, so any number of workers each take their own); None when none waits.
    A message our own error put back waits until its ``retry_at``."""
    now = now or utcnow()
    session.rollback()
    query = (select(InboundMessage)
             .where(InboundMessage.status == RECEIVED,
                    or_(InboundMessage.retry_at.is_(None), InboundMessage.retry_at <= now))
             .order_by(InboundMessage.id).limit(1))
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    row = session.scalars(query.execution_options(populate_existing=True)).first()
    if row is None:
        session.rollback()
    return row


def retry_delay(attempts: int) -> timedelta:
    """How long a message waits after our own error number ``attempts``: 30 s, 1, 2, 4 minutes."""
    return RETRY_FIRST * (2 ** max(0, attempts - 1))


def process_claimed(session: Session, row: InboundMessage, now: datetime) -> str:
    """Read, decide and store one message already locked by this transaction; commit. Its new status."""
    inbound_id, channel = row.id, row.channel
    try:
        outcome = _process(session, row, now)
        _finish(row, outcome, now)
        session.add(row)
        session.commit()
    except TheirFault as exc:
        session.rollback()
        outcome = Outcome(FAILED, str(exc)[:300] or type(exc).__name__)
        _mark(session, inbound_id, outcome, now)
    except Exception as exc:
        session.rollback()
        attempts = (session.scalar(select(InboundMessage.attempts).where(InboundMessage.id == inbound_id)) or 0) + 1
        log.exception("inbound %s: processing failed (attempt %s)", inbound_id, attempts)
        if attempts >= MAX_ATTEMPTS:
            outcome = Outcome(FAILED, f"gave up after {attempts} attempts: {type(exc).__name__}")
            _mark(session, inbound_id, outcome, now, attempts=attempts)
        else:
            session.execute(update(InboundMessage).where(InboundMessage.id == inbound_id)
                            .values(attempts=attempts, retry_at=now + retry_delay(attempts),
                                    reason=f"will retry: {type(exc).__name__}"[:300]))
            session.commit()
            outcome = Outcome(RECEIVED, "retry")
    log.info("inbound %s %s: %s (%s)", channel, inbound_id, outcome.status, outcome.reason)
    return outcome.status


def _finish(row: InboundMessage, outcome: Outcome, now: datetime) -> None:
    row.status = outcome.status
    row.reason = outcome.reason[:300]
    row.processed_at = now
    row.attempts = (row.attempts or 0) + 1


def _mark(session: Session, inbound_id: int, outcome: Outcome, now: datetime, attempts: int | None = None) -> None:
    values = bound_row({"status": outcome.status, "reason": outcome.reason, "processed_at": now,
                        "needs_staff": True})
    if attempts is not None:
        values["attempts"] = attempts
    session.execute(update(InboundMessage).where(InboundMessage.id == inbound_id).values(**values))
    session.commit()


def pending_ids(session: Session, limit: int = 500) -> list[int]:
    """Stored messages not yet processed (a crash, or our own error to retry), oldest first."""
    return list(session.scalars(select(InboundMessage.id).where(InboundMessage.status == RECEIVED)
                                .order_by(InboundMessage.id).limit(limit)).all())


def process_pending(session: Session, now: datetime | None = None) -> int:
    """Process every message still ``received`` now, ``retry_at`` or not (``mail process``, by
    hand); returns how many were tried.  The inbound workers do this continuously."""
    ids = pending_ids(session)
    session.rollback()
    for inbound_id in ids:
        process_message(session, inbound_id, now)
    return len(ids)


def default_panel_id(session: Session) -> int | None:
    """The panel whose mailbox and number these are: ``INBOUND_PANEL``, else the only panel."""
    key = get_settings().inbound_panel
    if key:
        return session.scalar(select(Panel.id).where(Panel.key == key))
    ids = session.scalars(select(Panel.id).limit(2)).all()
    return ids[0] if len(ids) == 1 else None


# ---------------------------------------------------------------------------
# To the channel
# ---------------------------------------------------------------------------

def _process(session: Session, row: InboundMessage, now: datetime) -> Outcome:
    if row.raw is None:
        raise UnreadableMessage("the stored message has no content (erased)")
    if row.channel == EMAIL:
        return emails.process_email(session, row, now)
    if row.channel == SMS:
        return sms.process_sms(session, row, now)
    raise UnreadableMessage(f"unknown channel {row.channel!r}")


__all__ = ["InboundError", "Outcome", "TheirFault", "UnreadableMessage", "UnusableAnswer", "claim_next",
           "default_panel_id", "pending_ids", "process_claimed", "process_message", "process_pending",
           "retry_delay"]
