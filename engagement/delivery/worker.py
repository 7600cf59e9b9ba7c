"""Delivery workers: claim outbox rows, send them, record what happened.

``flask --app wsgi delivery run`` runs one; start as many as you like (they
take disjoint rows, see ``engagement.delivery.outbox``).  A batch of email
goes over one SMTP connection.  The rows hold the finished messages
(``OutboxMessage.mime``), so a worker only claims, sends and records.

When "sent" is committed (the at-most-once window): after every message,
by an ``OutcomeRecorder`` (``engagement.delivery.recorder``) on a connection
of its own, while the next message's envelope already goes out; the worker
waits for that commit before the next message can be accepted (before its
text after SMTP DATA's 354, before a Twilio call).  A
worker killed (SIGKILL, power cut) at any moment leaves at most the one
message in flight unrecorded: it goes again once the lease runs out; rows
claimed but not yet attempted go for the first time
(``engagement.delivery.outbox``, "The window nobody can close").
``bench/send_campaign.py`` compares the whole path with a bare SMTP loop.

At send time the worker checks the panelist: someone who left, was erased
or whose channel no longer works gets nothing (the row is cancelled); a
changed email address gets the row's text composed anew for the new address
(as does a row enqueued without finished bytes).  SMS obey the campaign's quiet hours here too: a row that falls
due in them (say, after a retry) waits until they end.

Results:

* temporary (SMTP 4xx, connection trouble, Twilio 429/5xx): back to pending
  with backoff (1, 2, 4 … minutes); failed after ``MAX_ATTEMPTS``.  When the
  server itself is the trouble (unreachable, SMTP 421 "closing", Twilio 429)
  the rest of the batch waits with it, without spending an attempt;
* permanent (SMTP 5xx, Twilio 21610 / 21211): failed, and the panelist's
  channel is marked (``email_status = "bounced"``, ``sms_status =
  "opted_out"`` / ``"invalid"``) so nothing more is tried there.

A rate limit per channel (messages a second, 0 = none) spaces the sends.
"""
from __future__ import annotations

import logging
import os
import socket
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import Flask
from sqlalchemy import select
from sqlmodel import Session

from engagement.campaigns import rules
from engagement.campaigns.models import Campaign
from engagement.db import id_among, utcnow
from engagement.delivery import outbox
from engagement.delivery.mail_compose import compose_email, date_header
from engagement.delivery.mail_errors import DeliveryError, InvalidEmail, PermanentDeliveryError, TemporaryDeliveryError
from engagement.delivery.mail_smtp import MailSender
from engagement.delivery.models import EMAIL, SMS, OutboxMessage
from engagement.delivery.recorder import OutcomeRecorder
from engagement.delivery.sms import SmsSender, make_sms_sender
from engagement.panel.models import ACTIVE, LEFT, Panel, Panelist

log = logging.getLogger(__name__)


class Pacer:
    """At most ``rate`` messages a second (0: no limit)."""

    def __init__(self, rate: float = 0.0, clock=time.monotonic, sleep=time.sleep):
        self.interval = 1.0 / rate if rate and rate > 0 else 0.0
        self._next = 0.0
        self._clock, self._sleep = clock, sleep

    def wait(self) -> None:
        if not self.interval:
            return
        now = self._clock()
        if now < self._next:
            self._sleep(self._next - now)
            now = self._next
        self._next = now + self.interval


# What a worker reads of a panelist: where to send, whether it may, the name to greet, and what a
# leave link is made of (``panel.links``).
_PANELIST_COLUMNS = (Panelist.id, Panelist.panel_id, Panelist.status, Panelist.name, Panelist.email,
                     Panelist.email_status, Panelist.phone, Panelist.sms_status, Panelist.token_version)


# A batch claimed ahead (``run_once(prefetch=True)``) comes with its panelists, read on the
# claiming thread too; they are used if read at most this long before the batch starts (else
# read again), so a panelist who left or was erased meanwhile is seen as promptly as without.
PANELISTS_FRESH_SECONDS = 2.0


@dataclass
class _Batch:
    """Claimed rows, and (when claimed ahead) their panelists as read at ``read_at``."""
    rows: list[OutboxMessage]
    panelists: dict | None = None
    read_at: float = 0.0  # time.monotonic()


def _panelists_of(session: Session, rows: list[OutboxMessage]) -> dict:
    """What sending reads of the panelists a batch goes to (plain rows: no ORM object each)."""
    ids = {r.panelist_id for r in rows if r.panelist_id}
    return {p.id: p for p in session.execute(select(*_PANELIST_COLUMNS).where(
        id_among(Panelist.id, ids, session.get_bind().dialect.name))).all()}


class _Panels(dict):
    """A batch's panels by id, each read when first needed: only a message composed anew at
    send time (``DeliveryWorker._finished``) needs its panel."""

    def __init__(self, session: Session):
        super().__init__()
        self.session = session

    def __missing__(self, panel_id: int) -> Panel:
        panel = self[panel_id] = self.session.get(Panel, panel_id)
        self.session.commit()  # no transaction stays open while the batch goes
        return panel


def default_worker_id() -> str:
    return f"{socket.gethostname()[:40]}:{os.getpid()}"


class DeliveryWorker:
    def __init__(self, app: Flask, *, channel: str | None = None, batch_size: int = 50,
                 email_rate: float | None = None, sms_rate: float | None = None,
                 lease: timedelta | None = None, worker_id: str | None = None,
                 sms_sender: SmsSender | None = None):
        """Rates and lease default to the settings (``DELIVERY_EMAIL_RATE``, ``DELIVERY_SMS_RATE``,
        ``DELIVERY_LEASE_SECONDS``); the CLI's options override them."""
        if channel not in (None, EMAIL, SMS):
            raise ValueError("channel must be email or sms")
        self.app = app
        self.channel = channel
        self.batch_size = batch_size
        self.worker_id = worker_id or default_worker_id()
        self.settings = app.extensions["borgerpanel.settings"]
        self.lease = lease if lease is not None else timedelta(seconds=self.settings.delivery_lease_seconds)
        email_rate = self.settings.delivery_email_rate if email_rate is None else email_rate
        sms_rate = self.settings.delivery_sms_rate if sms_rate is None else sms_rate
        self.engine = app.extensions["borgerpanel.engine"]
        self._sms_sender = sms_sender
        self.pacers = {EMAIL: Pacer(email_rate), SMS: Pacer(sms_rate)}
        self._stop: threading.Event | None = None
        self._claimer: ThreadPoolExecutor | None = None  # claims the next batch while one goes (``run``)
        self._next: Future | None = None
        self._last_batch_seconds = 0.0

    @property
    def sms_sender(self) -> SmsSender:
        if self._sms_sender is None:
            self._sms_sender = make_sms_sender(self.settings)
        return self._sms_sender

    # -- the loop ------------------------------------------------------------
    def run(self, stop: threading.Event | None = None, poll_seconds: float = 2.0) -> None:
        """Until ``stop`` (SIGTERM): it is also looked at between the messages of a batch, so the
        worker stops within its current message and hands the rest of the batch back."""
        stop = stop or threading.Event()
        self._stop = stop
        log.info("delivery worker %s started (channel %s)", self.worker_id, self.channel or "all")
        try:
            while not stop.is_set():
                try:
                    done = self.run_once(prefetch=True)
                except Exception:
                    log.exception("delivery worker: batch failed; trying again")
                    done = 0
                if not done:
                    stop.wait(poll_seconds)
        finally:
            self.hand_back_prefetched()
        log.info("delivery worker %s stopped", self.worker_id)

    def hand_back_prefetched(self) -> None:
        """Put a batch claimed ahead back (due now), and end the claiming thread."""
        future, self._next = self._next, None
        if self._claimer is not None:
            self._claimer.shutdown()
            self._claimer = None
        try:
            rows = future.result().rows if future is not None else []
        except Exception:  # the claim failed: nothing was claimed
            return
        if rows:
            now = utcnow()
            with self.app.app_context(), Session(self.engine) as session:
                for row in rows:
                    outbox.release(session, row, self.worker_id, now, "worker stopped")
                session.commit()
            log.info("delivery worker %s: stopping, %s prefetched rows handed back", self.worker_id, len(rows))

    def _claim(self, now: datetime, *, ahead: bool = False) -> _Batch:
        """Claim a batch; ``ahead`` (on the claiming thread): read its panelists too."""
        with self.app.app_context(), Session(self.engine, expire_on_commit=False) as session:
            batch = _Batch(outbox.claim(session, worker_id=self.worker_id, now=now, limit=self.batch_size,
                                        channel=self.channel, lease=self.lease, as_rows=True))
            if ahead and batch.rows:
                batch.read_at = time.monotonic()
                batch.panelists = _panelists_of(session, batch.rows)
                session.commit()
            return batch

    def run_once(self, now: datetime | None = None, *, prefetch: bool = False) -> int:
        """Claim one batch and send it. Returns how many rows were handled.

        ``prefetch`` (the ``run`` loop): after a full batch more is probably due, so the next
        batch is claimed on a thread of its own while this one goes, with its panelists
        (``PANELISTS_FRESH_SECONDS``): together about a tenth of sending a batch, on
        PostgreSQL mostly the server's time, off the sending thread (2 % less time a message
        than reading the panelists on it, batches of either kind interleaved in one run of
        ``bench/send_campaign.py``); the next call sends it.  A row claimed ahead waits up to
        two batches before it goes, and its lease must outlast that, or another worker would
        claim it too: so only while a batch takes less than a quarter of the lease, by the rate
        limits and by the last batch's time.  ``hand_back_prefetched`` puts such a batch back
        when the worker stops; a worker killed holding one leaves it to the lease, like its
        current batch.
        """
        now = now or utcnow()
        began = time.monotonic()
        ahead, self._next = self._next, None
        batch = ahead.result() if ahead is not None else self._claim(now)
        if not batch.rows:
            return 0
        if prefetch and len(batch.rows) >= self.batch_size and self._quick_batches():
            if self._claimer is None:
                self._claimer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="outbox-claim")
            self._next = self._claimer.submit(self._claim, now, ahead=True)
        try:
            return self._send_batch(batch, now)
        finally:
            self._last_batch_seconds = time.monotonic() - began

    def _quick_batches(self) -> bool:
        """Does a batch take less than a quarter of the lease (rate limits, and the last batch)?"""
        quarter = self.lease.total_seconds() / 4
        slowest = max(pacer.interval for pacer in self.pacers.values()) * self.batch_size
        return slowest < quarter and self._last_batch_seconds < quarter

    def _send_batch(self, batch: _Batch, now: datetime) -> int:
        rows, panelists = batch.rows, batch.panelists
        with self.app.app_context(), Session(self.engine, expire_on_commit=False) as session:
            if panelists is None or time.monotonic() - batch.read_at > PANELISTS_FRESH_SECONDS:
                panelists = _panelists_of(session, rows)
            panels = _Panels(session)
            email_rows = [r for r in rows if r.channel == EMAIL]
            sms_rows = [r for r in rows if r.channel == SMS]
            session.commit()  # end the read transaction: outcomes are recorded on ``recorder``
            recorder = OutcomeRecorder(self.engine, self.worker_id, patience=self.lease)
            try:
                if email_rows:
                    self._send_email(session, recorder, email_rows, panelists, panels, now)
                if sms_rows:
                    self._send_sms(session, recorder, sms_rows, panelists, now)
            finally:
                recorder.close()
            return len(rows)

    def _stopping(self, recorder: "OutcomeRecorder", rest: list[OutboxMessage], now: datetime) -> bool:
        """Asked to stop: hand the rows not yet tried back (due now) and say so."""
        if self._stop is None or not self._stop.is_set():
            return False
        recorder.release_all(rest, now, "worker stopped")
        log.info("delivery worker %s: stopping, %s rows handed back", self.worker_id, len(rest))
        return True

    def _pace(self, channel: str, recorder: "OutcomeRecorder") -> None:
        """Keep the channel's rate.  The last message's "sent" is committed before a pause, not
        after it: a worker killed in the pause must not leave it unrecorded."""
        pacer = self.pacers[channel]
        if pacer.interval:
            recorder.settle()
            pacer.wait()

    # -- email ---------------------------------------------------------------
    def _finished(self, row: OutboxMessage, address: str, panelist: Panelist | None,
                  panels: dict) -> tuple[bytes, str, str]:
        """(message without Date, envelope recipient, Message-ID) of a row.

        The row's own bytes when it has them and ``address`` is still the one they were
        written for (the usual case: nothing to build); otherwise the message is composed
        here from the row's text (a row enqueued without ``mime``, or a panelist whose
        address changed since), with the row's Message-ID, threading headers and attachments
        (a meeting invitation keeps its calendar file).
        """
        if row.mime and row.message_id and row.to_address == address and address.isascii():
            return row.mime, address, row.message_id
        from engagement.delivery.mail_compose import attachments_of, thread_headers
        from engagement.panel import links

        panel = panels[row.panel_id]
        reply_to = mailto = None
        if row.reply_token:
            reply_to = outbox.reply_address(row.reply_token, self.settings.reply_domain)
            mailto = f"{reply_to}?subject=Afmeld"
        leave = None
        if panelist is not None and panelist.status == ACTIVE:
            leave = links.leave_url(panelist, panel)
        thread = thread_headers(row.mime) if row.mime else {}
        attachments = attachments_of(row.mime) if row.mime else ()
        composed = compose_email(self.settings, to=address, to_name=panelist.name if panelist else None,
                                 subject=row.subject, text=row.text, html=row.html,
                                 sender_name=panel.sender_name, leave_url=leave,
                                 leave_mailto=mailto if leave else None, reply_to=reply_to, automatic=False,
                                 message_id=row.message_id, with_date=False, attachments=attachments, **thread)
        return composed.data, composed.recipient, composed.message_id

    def _send_email(self, session: Session, recorder: "OutcomeRecorder", rows: list[OutboxMessage],
                    panelists: dict, panels: dict, now: datetime) -> None:
        with MailSender(self.settings) as sender:
            for index, row in enumerate(rows):
                if self._stopping(recorder, rows[index:], now):
                    return
                panelist = panelists.get(row.panelist_id)
                address = recipient_address(row, panelist)
                if address is None:
                    recorder.cancelled(row, "nobody to reach by email")
                    continue
                try:
                    data, recipient, message_id = self._finished(row, address, panelist, panels)
                except InvalidEmail as exc:
                    recorder.failed(row, f"cannot build: {exc}")
                    continue
                self._pace(EMAIL, recorder)
                try:
                    sender.send_bytes(date_header() + data, recipient=recipient, message_id=message_id,
                                      before_accept=recorder.settle, meanwhile=recorder.start)
                except PermanentDeliveryError as error:
                    recorder.failed(row, error.reason, code=error.code)
                    if panelist is not None and panelist.email == address:
                        recorder.mark_panelist(panelist.id, email_status="bounced")
                except TemporaryDeliveryError as error:
                    recorder.retry(row, now, error.reason, code=error.code)
                    if error.code is None or error.code == 421:
                        # The server itself is unreachable, or closing (421): the rest of the batch waits too.
                        recorder.release_all(rows[index + 1:], now + outbox.retry_delay(1), error.reason)
                        return
                else:
                    recorder.sent(row, utcnow())
            recorder.settle()  # the last one, before the connection's QUIT waits for the server

    # -- sms -----------------------------------------------------------------
    def _send_sms(self, session: Session, recorder: "OutcomeRecorder", rows: list[OutboxMessage], panelists: dict,
                  now: datetime) -> None:
        from engagement.panel.links import public_url

        callback = None
        if self.settings.uses_twilio:
            callback = public_url("delivery_status.twilio_status")
        campaigns = {c.id: c for c in session.scalars(select(Campaign).where(
            Campaign.id.in_({r.campaign_id for r in rows if r.campaign_id}))).all()}
        session.commit()
        for index, row in enumerate(rows):
            if self._stopping(recorder, rows[index:], now):
                return
            panelist = panelists.get(row.panelist_id)
            address = recipient_address(row, panelist)
            if address is None:
                recorder.cancelled(row, "nobody to reach by sms")
                continue
            campaign = campaigns.get(row.campaign_id)
            if campaign is not None and rules.is_quiet(now, campaign.quiet_start, campaign.quiet_end):
                later = rules.after_quiet_hours(now, campaign.quiet_start, campaign.quiet_end)
                recorder.release(row, later, "quiet hours")
                continue
            self._pace(SMS, recorder)
            recorder.settle()
            try:
                result = self.sms_sender.send(address, row.text, status_callback=callback)
            except PermanentDeliveryError as error:
                recorder.failed(row, error.reason, code=error.code)
                if error.reason in ("opted_out", "invalid") and panelist is not None and panelist.phone == address:
                    recorder.mark_panelist(panelist.id, sms_status=error.reason)
            except TemporaryDeliveryError as error:
                recorder.retry(row, now, error.reason, code=error.code)
                if error.code in (None, 429, 20429):  # unreachable, or rate limited (Twilio: HTTP 429, code 20429)
                    recorder.release_all(rows[index + 1:], now + outbox.retry_delay(1), error.reason)
                    return
            else:
                recorder.sent(row, utcnow(), external_id=result.sid, delivery_status=result.status)


def recipient_address(row: OutboxMessage, panelist: Panelist | None) -> str | None:
    """Where a row goes now, or None when nobody may get it (see ``outbox``, "Who may receive a row").

    Usually the panelist's current address, if they are active and the channel is ok.  A
    leaving confirmation goes to the address snapshotted on the row (leaving cleared the
    panelist's), if the channel was not stopped; a row without a panelist (a staff answer to
    a sender we could not match) goes to its ``to_address``.
    """
    if row.panelist_id is None:
        return row.to_address or None
    if panelist is None:
        return None
    if row.step in outbox.TO_LEAVERS_STEPS and panelist.status == LEFT:
        stopped = panelist.email_status != "ok" if row.channel == EMAIL else panelist.sms_status != "ok"
        return None if stopped else (row.to_address or None)
    if not _reachable(panelist, row.channel):
        return None
    return panelist.email if row.channel == EMAIL else panelist.phone


def _reachable(panelist: Panelist | None, channel: str) -> bool:
    if panelist is None or panelist.status != ACTIVE:
        return False
    if channel == EMAIL:
        return bool(panelist.email) and panelist.email_status == "ok"
    return bool(panelist.phone) and panelist.sms_status == "ok"


__all__ = ["DeliveryWorker", "Pacer", "DeliveryError", "recipient_address"]
