"""The mail listener: reads the panel's mailbox over IMAP and feeds the inbound queue.

For each message in ``IMAP_FOLDER``, oldest first:

1. fetch it whole (``BODY.PEEK[]``: reading does not mark it seen);
2. store it raw (unique on its Message-ID, or a hash; a reused Message-ID
   with other bytes is a new row) and **commit**;
3. flag it ``\\Seen`` and move it to ``IMAP_PROCESSED_FOLDER`` (``MOVE`` when
   the server has it; otherwise copy, and keep the original flagged with the
   ``$Borgerpanel`` keyword so it is skipped).  Nothing is ever deleted.

Reading, deciding and answering happen in the inbound workers
(``engagement.inbound.worker``), like for SMS: a slow or hostile message
never holds up the mailbox.  A message is moved only once its row is
committed, so every message in the processed folder has a row (with its
reason when it fails later, in the staff inbox).  If storing fails (the
database is away) the error is logged, the message stays in the folder, and
the pass goes on with the next one: one message never stops the listener.

A crash anywhere leaves a state the next start finishes: a message not yet
stored is still in the folder; one stored but not moved is found again, seen
to be stored, and moved.

Between passes the listener waits in IMAP IDLE when the server offers it
(re-issued at least every ``IMAP_POLL_SECONDS``; the server's keep-alives
do not count as news), else it polls every ``IMAP_POLL_SECONDS``.  A lost
connection, also one lost inside IDLE (a restarted server), is re-opened with
backoff (1 s, doubling, at most 60 s).  ``stop`` (an Event; SIGTERM/SIGINT set it) ends
the loop between messages.
"""
from __future__ import annotations

import logging
import select
import socket
import ssl
import threading
import time

from flask import Flask
from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from engagement.inbound import pipeline, store

log = logging.getLogger(__name__)

PROCESSED_KEYWORD = b"$Borgerpanel"
MAX_BACKOFF = 60.0
FETCH_BATCH = 20


class ListenerError(Exception):
    """Base of the listener's errors."""


class MailboxUnavailable(ListenerError):
    pass


class MailListener:
    def __init__(self, app: Flask, *, idle_seconds: float | None = None, connect=None):
        self.app = app
        self.settings = app.extensions["borgerpanel.settings"]
        self.engine = app.extensions["borgerpanel.engine"]
        self.idle_seconds = idle_seconds or float(self.settings.imap_poll_seconds)
        self._connect_fn = connect
        self.client: IMAPClient | None = None
        self.can_move = False
        self.can_idle = False
        self.stored = 0
        self.failed = 0

    # -- connection ----------------------------------------------------------
    def connect(self) -> IMAPClient:
        s = self.settings
        if self._connect_fn is not None:
            client = self._connect_fn()
        else:
            context = ssl.create_default_context() if s.imap_ssl else None
            client = IMAPClient(s.imap_host, port=s.imap_port, ssl=s.imap_ssl, ssl_context=context,
                                timeout=s.imap_timeout)
            client.login(s.imap_username, s.imap_password)
        capabilities = client.capabilities()
        self.can_move = b"MOVE" in capabilities
        self.can_idle = b"IDLE" in capabilities
        if not client.folder_exists(s.imap_processed_folder):
            client.create_folder(s.imap_processed_folder)
        client.select_folder(s.imap_folder)
        self.client = client
        log.info("mail listener connected (idle=%s, move=%s)", self.can_idle, self.can_move)
        return client

    def close(self) -> None:
        client, self.client = self.client, None
        if client is None:
            return
        try:
            client.logout()
        except Exception:  # the connection is gone anyway
            try:
                client.shutdown()
            except Exception:
                pass

    # -- one pass ------------------------------------------------------------
    def _pending_uids(self) -> list[int]:
        criteria = ["NOT", "DELETED"] if self.can_move else ["NOT", "DELETED", "NOT", "KEYWORD", "$Borgerpanel"]
        return sorted(self.client.search(criteria))

    def run_pass(self, stop: threading.Event | None = None) -> int:
        """Store, process and move every message now in the folder. Returns how many were handled."""
        uids = self._pending_uids()
        handled = 0
        for start in range(0, len(uids), FETCH_BATCH):
            batch = uids[start:start + FETCH_BATCH]
            for uid, data in sorted(self.client.fetch(batch, ["BODY.PEEK[]"]).items()):
                if stop is not None and stop.is_set():
                    return handled
                raw = data.get(b"BODY[]")
                if raw is None:
                    continue
                if self.handle(uid, bytes(raw)):
                    handled += 1
        return handled

    def handle(self, uid: int, raw: bytes) -> bool:
        """Store one message and move it; False (it stays in the folder) if it could not be stored."""
        try:
            with self.app.app_context(), Session(self.engine, expire_on_commit=False) as session:
                row, is_new = store.store_email(session, raw, panel_id=pipeline.default_panel_id(session))
                session.commit()
                inbound_id = row.id
        except SQLAlchemyError:
            self.failed += 1
            log.exception("mail listener: message uid %s could not be stored; it stays in the folder", uid)
            return False
        if is_new:
            self.stored += 1
            log.info("inbound email %s: stored", inbound_id)
        self._move(uid)
        return True

    def _move(self, uid: int) -> None:
        self.client.add_flags([uid], [b"\\Seen"])
        if self.can_move:
            self.client.move([uid], self.settings.imap_processed_folder)
        else:
            self.client.copy([uid], self.settings.imap_processed_folder)
            self.client.add_flags([uid], [PROCESSED_KEYWORD])

    # -- waiting -------------------------------------------------------------
    def wait(self, stop: threading.Event) -> None:
        if not self.can_idle:
            stop.wait(self.idle_seconds)
            return
        self.client.idle()
        try:
            deadline = time.monotonic() + self.idle_seconds
            while not stop.is_set() and time.monotonic() < deadline:
                responses = self.client.idle_check(timeout=min(1.0, self.idle_seconds))
                if any(response[0] != b"OK" for response in responses):  # not a keep-alive ("OK Still here")
                    break
                if not responses and self._is_closed():
                    raise ConnectionResetError("the IMAP server closed the connection")
        finally:
            self.client.idle_done()

    def _is_closed(self) -> bool:
        """Is the connection gone although IDLE seemed quiet?

        ``IMAPClient.idle_check`` swallows end-of-file and returns no responses, at once and
        every time after: a restarted or crashed server would otherwise be noticed only when
        IDLE ends (``idle_seconds`` later, spinning meanwhile).  A socket that still reads as
        ready after ``idle_check`` found nothing to read is at its end.
        """
        try:
            readable, _, _ = select.select([self.client.socket()], [], [], 0)
        except (OSError, ValueError):
            return True
        return bool(readable)

    # -- the loop ------------------------------------------------------------
    def run(self, stop: threading.Event | None = None, once: bool = False) -> None:
        stop = stop or threading.Event()
        backoff = 1.0
        while not stop.is_set():
            try:
                if self.client is None:
                    self.connect()
                    backoff = 1.0
                self.run_pass(stop)
                if once:
                    break
                self.wait(stop)
            except (IMAPClientError, OSError, socket.error, ssl.SSLError) as exc:
                self.close()
                if once:
                    raise MailboxUnavailable(str(exc)) from exc
                log.warning("mail listener: %s; reconnecting in %.0f s", type(exc).__name__, backoff)
                stop.wait(backoff)
                backoff = min(MAX_BACKOFF, backoff * 2)
        self.close()
        log.info("mail listener stopped (%s stored, %s not storable)", self.stored, self.failed)
