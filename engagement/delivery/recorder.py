"""Recording what a delivery worker did, one message behind the sending.

The worker hands each outcome to an ``OutcomeRecorder``.  "Sent" is recorded (one UPDATE in
autocommit, ``engagement.delivery.sent_statement``) while the worker already starts the next
message: the record is begun once the next message's MAIL is on the wire (``start``), while
the SMTP server reads the envelope (on PostgreSQL it is sent to the server then and its
answer read later; on SQLite it runs in this process then).  Begun at once after the
server's 250 instead, it took 2.5 % longer a message in ``bench/send_campaign.py``, batches
of either kind interleaved: sending it then sits on the path between one message and the
next, and wakes the database while this process has its next message to start.  Only after
the server's 354, before the text and
its final "." (which let the server take the message;
``MailSender.send_bytes(before_accept=..., meanwhile=...)``), or before a Twilio call or a
pause for the rate limit, does the worker wait for the commit (``settle``).  So the commit
overlaps the envelope's round trips to the SMTP server, with no thread to hand it to, and
the at-most-once window stays what ``engagement.delivery.outbox`` ("The window nobody can
close") promises: whenever a message can be accepted, every earlier one's "sent" is
committed; a worker killed at any moment leaves at most one message sent and unrecorded.

Every other outcome (failed, cancelled, retry, released, a panelist's channel marked) is
rare: it is written at once and waited for.

The database may go away while a batch is out (a restart, a failover).  The message just
handed to the server has gone; if its "sent" were dropped it would go again after the
lease.  So a write that fails because the connection is gone is tried again on a fresh
connection (backoff from 0.2 s, doubling to 5 s) for as long as the lease lasts; the next
message waits at its checkpoint meanwhile, so none is accepted while an outcome is
unrecorded (``tests/faults/test_postgres_restart.py``).  Only when the database stays away
longer than the lease does the error reach the worker's loop, and the row goes again: the
one message in flight.
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Callable

from sqlalchemy import update
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from engagement.delivery import outbox
from engagement.delivery.models import OutboxMessage
from engagement.delivery.sent_statement import SentStatement
from engagement.panel.models import Panelist

log = logging.getLogger(__name__)


@dataclass
class _Sent:
    """A "sent" handed over and not yet known to be committed."""
    row_id: int
    channel: str
    step: str
    at: datetime
    sms: dict = field(default_factory=dict)
    begun: bool = False
    error: Exception | None = None  # ``begin`` failed: judged at ``settle``


class OutcomeRecorder:
    RETRY_FIRST_SECONDS = 0.2
    RETRY_MAX_SECONDS = 5.0

    def __init__(self, engine, worker_id: str, patience: timedelta = outbox.DEFAULT_LEASE):
        self.engine = engine
        self.worker_id = worker_id
        self.patience = patience.total_seconds()
        self.broken = False  # a write failed for good: nothing more is written
        self._pending: _Sent | None = None
        self._open()

    # -- "sent", one message behind ----------------------------------------------
    def sent(self, row: OutboxMessage, at: datetime, **sms: str | None) -> None:
        """Hand over "sent": it is begun by ``start``, once the next message's MAIL is on the
        wire, or by ``settle``, which the caller calls before the next message can be accepted
        and which waits for its commit."""
        self.settle()
        self._pending = _Sent(row.id, row.channel, row.step, at, sms)

    def start(self) -> None:
        """Begin the pending record without waiting for it (the SMTP server is reading MAIL)."""
        pending = self._pending
        if pending is None or pending.begun or pending.error is not None or self.broken:
            return
        try:
            self.record_sent.begin(pending.row_id, self.worker_id, pending.at, **pending.sms)
        except Exception as error:  # noqa: BLE001 - judged, and raised or retried, at ``settle``
            pending.error = error
        else:
            pending.begun = True

    def settle(self) -> None:
        """Wait until every outcome handed over is committed; raise the error if one could not be."""
        if self._pending is None:
            return
        if self.broken:
            self._pending = None
            raise RuntimeError("an earlier outcome could not be recorded")
        self.start()  # not begun yet (no MAIL since): begin it now
        pending, self._pending = self._pending, None
        error = pending.error
        if error is None:
            try:
                self.record_sent.end()
            except Exception as failed:  # noqa: BLE001
                error = failed
            else:
                _done_sent(pending)
                return
        if not self._is_disconnect(error):
            self.broken = True
            raise error
        # The connection went meanwhile: record it again on a fresh one (the UPDATE only
        # changes a row this worker still holds as sending, so twice is once).
        self._durably(lambda: self.record_sent(pending.row_id, self.worker_id, pending.at, **pending.sms),
                      reconnect=True)
        _done_sent(pending)

    def _now(self, write: Callable[[], None]) -> None:
        self.settle()
        self._durably(write)

    def close(self) -> None:
        """Record the last "sent", then close the connection."""
        try:
            self.settle()
        finally:
            self._close_connection()

    # -- the connection ------------------------------------------------------------
    def _open(self) -> None:
        # Autocommit: every outcome is one statement, durable when it returns (no BEGIN and
        # COMMIT round trips around it).
        self.connection = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        self.record_sent = SentStatement(self.connection)

    def _close_connection(self) -> None:
        try:
            self.record_sent.close()
        except Exception:  # a cursor of a connection that is gone
            pass
        try:
            self.connection.close()
        except Exception:
            pass

    def _reopen(self) -> None:
        try:
            self.connection.invalidate()  # never back into the pool: it is broken
        except Exception:
            pass
        self._close_connection()
        self._open()

    def _is_disconnect(self, error: BaseException) -> bool:
        if isinstance(error, DBAPIError):
            return error.connection_invalidated or isinstance(error, (OperationalError, InterfaceError))
        dbapi = self.engine.dialect.loaded_dbapi  # ``SentStatement`` raises the driver's own errors
        return isinstance(error, (dbapi.OperationalError, dbapi.InterfaceError))

    def _durably(self, write: Callable[[], None], reconnect: bool = False) -> None:
        if self.broken:
            raise RuntimeError("an earlier outcome could not be recorded")
        deadline = time.monotonic() + self.patience
        delay = self.RETRY_FIRST_SECONDS
        while True:
            try:
                if reconnect:
                    self._reopen()
                write()
                return
            except BaseException as error:
                if not self._is_disconnect(error) or time.monotonic() + delay > deadline:
                    self.broken = True
                    raise
                log.warning("delivery worker: cannot record (%s); trying again in %.1f s",
                            type(error).__name__, delay)
                reconnect = True
            time.sleep(delay)
            delay = min(self.RETRY_MAX_SECONDS, delay * 2)

    # -- outcomes --------------------------------------------------------------
    def failed(self, row: OutboxMessage, reason: str, code: int | None = None) -> None:
        def write():
            outbox.mark_failed(self.connection, row.id, self.worker_id, reason=reason, code=code)
        self._now(write)
        _done(row, "failed")

    def cancelled(self, row: OutboxMessage, reason: str) -> None:
        def write():
            outbox.mark_cancelled(self.connection, row.id, self.worker_id, reason=reason)
        self._now(write)
        _done(row, "cancelled")

    def retry(self, row: OutboxMessage, now: datetime, reason: str, code: int | None = None) -> None:
        outcome = []

        def write():
            outcome[:] = [outbox.mark_retry(self.connection, row, self.worker_id, now, reason=reason, code=code)]
        self._now(write)
        _done(row, outcome[0])

    def release(self, row: OutboxMessage, at: datetime, reason: str) -> None:
        def write():
            outbox.release(self.connection, row, self.worker_id, at, reason)
        self._now(write)
        _done(row, "pending")

    def release_all(self, rows: list[OutboxMessage], at: datetime, reason: str) -> None:
        def write():
            for row in rows:
                outbox.release(self.connection, row, self.worker_id, at, reason)
        self._now(write)

    def mark_panelist(self, panelist_id: int, **values: str) -> None:
        def write():
            self.connection.execute(update(Panelist).where(Panelist.id == panelist_id).values(**values))
        self._now(write)


def _done_sent(sent: _Sent) -> None:
    log.info("outbox %s %s %s: sent", sent.row_id, sent.channel, sent.step)


def _done(row: OutboxMessage, outcome: str) -> None:
    log.info("outbox %s %s %s: %s", row.id, row.channel, row.step, outcome)
