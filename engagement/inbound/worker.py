"""Inbound workers: read, decide and answer the messages the webhook and the mail listener stored.

``flask --app wsgi inbound work`` runs one; start as many as needed (on
PostgreSQL each claims its own rows with ``FOR UPDATE SKIP LOCKED``; on
SQLite run one).  ``serve`` runs one in a thread.

The loop: claim the oldest stored message (``pipeline.claim_next``), process
it in the transaction that holds its lock (``pipeline.process_claimed``:
read → decide → store answers → promise the reply in the outbox → commit),
and take the next; when none waits, sleep ``poll_seconds`` (or until
``wake()``).  A worker that dies mid-message (SIGKILL, a lost connection)
loses its transaction and with it the lock: the row is still ``received``
and the next worker takes it.  ``stop`` (SIGTERM) is looked at between
messages, so a worker stops within its current message.
"""
from __future__ import annotations

import logging
import os
import socket
import threading

from flask import Flask
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from engagement.db import utcnow
from engagement.inbound import pipeline

log = logging.getLogger(__name__)

MAX_BACKOFF = 30.0


class InboundWorker:
    def __init__(self, app: Flask, *, worker_id: str | None = None):
        self.app = app
        self.engine = app.extensions["borgerpanel.engine"]
        self.worker_id = worker_id or f"{socket.gethostname()}:{os.getpid()}"
        self.processed = 0
        self._wake = threading.Event()

    def wake(self) -> None:
        """Look for new messages now (a message was stored by this same process)."""
        self._wake.set()

    def run_once(self, limit: int | None = None, stop: threading.Event | None = None) -> int:
        """Process stored messages until none waits (or ``limit``, or ``stop``); returns how many."""
        done = 0
        with self.app.app_context(), Session(self.engine, expire_on_commit=False) as session:
            while limit is None or done < limit:
                if stop is not None and stop.is_set():
                    break
                row = pipeline.claim_next(session, utcnow())
                if row is None:
                    break
                pipeline.process_claimed(session, row, utcnow())
                done += 1
        self.processed += done
        return done

    def run(self, stop: threading.Event, poll_seconds: float = 0.5) -> None:
        log.info("inbound worker %s running", self.worker_id)
        backoff = 1.0
        while not stop.is_set():
            try:
                handled = self.run_once(stop=stop)
                backoff = 1.0
            except OperationalError as exc:  # the database is away: wait and try again
                log.warning("inbound worker: database unavailable (%s); trying again in %.0f s",
                            type(exc).__name__, backoff)
                stop.wait(backoff)
                backoff = min(MAX_BACKOFF, backoff * 2)
                continue
            if not handled:
                self._wake.wait(poll_seconds)
                self._wake.clear()
        log.info("inbound worker %s stopped (%s processed)", self.worker_id, self.processed)
