"""Delivery workers: claim outbox rows, send them, record what happened.

``flask --app wsgi delivery run`` runs one; start as many as you like (they
take disjoint rows, see ``engagement.delivery.outbox``).  A batch of email
goes over one SMTP connection.  The rows hold the finished messages
(``OutboxMessage.mime``), so a worker only claims, sends and records.

When "sent" is committed (the at-most-once window): failures, cancellations
and releases are committed at once.  "Sent" is committed after every
``commit_every`` messages (default 10, ``--commit-every``), before the pacer
sleeps (so a rate-limited worker commits after every message) and at the end
of every batch.  A worker killed (SIGKILL, power cut) after the server
accepted a message but before its "sent" was committed sends that message
again once the lease runs out: at most ``commit_every`` messages, each at
most once more.  ``commit_every=1`` narrows this to the message in flight;
it costs a commit per message (measured with ``bench/send_campaign.py``:
see the README).  Never losing a message and never sending one twice cannot
both hold across a crash; we choose never to lose one.

At send time the worker checks the panelist: someone who left, was erased
or whose channel no longer works gets nothing (the row is cancelled); a
changed email address gets the row's text composed anew for the new address
(as does a row enqueued without finished bytes).  SMS obey the campaign's quiet hours here too: a row that falls
due in them (say, after a retry) waits until they end.

Results:

* temporary (SMTP 4xx, connection trouble, Twilio 429/5xx): back to pending
  with backoff (1, 2, 4 … minutes); failed after ``MAX_ATTEMPTS``;
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
from datetime import datetime, timedelta

from flask import Flask
from sqlalchemy import select, update
from sqlmodel import Session

from engagement.campaigns import rules
from engagement.campaigns.models import Campaign
from engagement.db import utcnow
from engagement.delivery import outbox
from engagement.delivery.mail import (DeliveryError, InvalidEmail, MailSender, PermanentDeliveryError,
                                      TemporaryDeliveryError, compose_email, date_header)
from engagement.delivery.models import EMAIL, SMS, OutboxMessage
from engagement.delivery.sms import SmsSender, make_sms_sender
from engagement.panel.models import ACTIVE, Panel, Panelist

log = logging.getLogger(__name__)


class Pacer:
    """At most ``rate`` messages a second (0: no limit)."""

    def __init__(self, rate: float = 0.0, clock=time.monotonic, sleep=time.sleep):
        self.interval = 1.0 / rate if rate and rate > 0 else 0.0
        self._next = 0.0
        self._clock, self._sleep = clock, sleep

    def is_due_later(self) -> bool:
        """Would ``wait`` sleep now?"""
        return bool(self.interval) and self._clock() < self._next

    def wait(self) -> None:
        if not self.interval:
            return
        now = self._clock()
        if now < self._next:
            self._sleep(self._next - now)
            now = self._next
        self._next = now + self.interval


def default_worker_id() -> str:
    return f"{socket.gethostname()[:40]}:{os.getpid()}"


class DeliveryWorker:
    def __init__(self, app: Flask, *, channel: str | None = None, batch_size: int = 50,
                 email_rate: float | None = None, sms_rate: float | None = None,
                 lease: timedelta | None = None, worker_id: str | None = None,
                 sms_sender: SmsSender | None = None, commit_every: int = 10):
        """Rates and lease default to the settings (``DELIVERY_EMAIL_RATE``, ``DELIVERY_SMS_RATE``,
        ``DELIVERY_LEASE_SECONDS``); the CLI's options override them."""
        if channel not in (None, EMAIL, SMS):
            raise ValueError("channel must be email or sms")
        self.app = app
        self.channel = channel
        self.batch_size = batch_size
        if commit_every < 1:
            raise ValueError("commit_every must be at least 1")
        self.commit_every = commit_every
        self.worker_id = worker_id or default_worker_id()
        self.settings = app.extensions["borgerpanel.settings"]
        self.lease = lease if lease is not None else timedelta(seconds=self.settings.delivery_lease_seconds)
        email_rate = self.settings.delivery_email_rate if email_rate is None else email_rate
        sms_rate = self.settings.delivery_sms_rate if sms_rate is None else sms_rate
        self.engine = app.extensions["borgerpanel.engine"]
        self._sms_sender = sms_sender
        self.pacers = {EMAIL: Pacer(email_rate), SMS: Pacer(sms_rate)}

    @property
    def sms_sender(self) -> SmsSender:
        if self._sms_sender is None:
            self._sms_sender = make_sms_sender(self.settings)
        return self._sms_sender

    # -- the loop ------------------------------------------------------------
    def run(self, stop: threading.Event | None = None, poll_seconds: float = 2.0) -> None:
        stop = stop or threading.Event()
        log.info("delivery worker %s started (channel %s)", self.worker_id, self.channel or "all")
        while not stop.is_set():
            try:
                done = self.run_once()
            except Exception:
                log.exception("delivery worker: batch failed; trying again")
                done = 0
            if not done:
                stop.wait(poll_seconds)
        log.info("delivery worker %s stopped", self.worker_id)

    def run_once(self, now: datetime | None = None) -> int:
        """Claim one batch and send it. Returns how many rows were handled."""
        now = now or utcnow()
        with self.app.app_context(), Session(self.engine, expire_on_commit=False) as session:
            rows = outbox.claim(session, worker_id=self.worker_id, now=now,
                                limit=self.batch_size, channel=self.channel, lease=self.lease)
            if not rows:
                return 0
            panelists = {p.id: p for p in session.scalars(select(Panelist).where(
                Panelist.id.in_({r.panelist_id for r in rows if r.panelist_id}))).all()}
            panels = {p.id: p for p in session.scalars(select(Panel).where(
                Panel.id.in_({r.panel_id for r in rows}))).all()}
            email_rows = [r for r in rows if r.channel == EMAIL]
            sms_rows = [r for r in rows if r.channel == SMS]
            if email_rows:
                self._send_email(session, email_rows, panelists, panels, now)
            if sms_rows:
                self._send_sms(session, sms_rows, panelists, now)
            return len(rows)

    # -- email ---------------------------------------------------------------
    def _finished(self, row: OutboxMessage, panelist: Panelist, panels: dict) -> tuple[bytes, str, str]:
        """(message without Date, envelope recipient, Message-ID) of a row.

        The row's own bytes when it has them and the address is still the one they
        were written for (the usual case: nothing to build); otherwise the message
        is composed here from the row's text (a row enqueued without ``mime``, or a
        panelist whose address changed since), with the row's Message-ID.
        """
        if row.mime and row.message_id and row.to_address == panelist.email and panelist.email.isascii():
            return row.mime, panelist.email, row.message_id
        from engagement.panel import links

        panel = panels[row.panel_id]
        reply_to = mailto = None
        if row.reply_token:
            reply_to = outbox.reply_address(row.reply_token, self.settings.reply_domain)
            mailto = f"{reply_to}?subject=Afmeld"
        composed = compose_email(self.settings, to=panelist.email or "", to_name=panelist.name,
                                 subject=row.subject, text=row.text, html=row.html,
                                 sender_name=panel.sender_name, leave_url=links.leave_url(panelist, panel),
                                 leave_mailto=mailto, reply_to=reply_to, automatic=False,
                                 message_id=row.message_id, with_date=False)
        return composed.data, composed.recipient, composed.message_id

    def _send_email(self, session: Session, rows: list[OutboxMessage], panelists: dict, panels: dict,
                    now: datetime) -> None:
        unrecorded = 0  # "sent" recorded but not yet committed (at most commit_every)
        with MailSender(self.settings) as sender:
            for index, row in enumerate(rows):
                panelist = panelists.get(row.panelist_id)
                if not _reachable(panelist, EMAIL):
                    self._finish(session, outbox.mark_cancelled(session, row.id, self.worker_id,
                                                                reason="panelist cannot be reached by email"), row)
                    continue
                try:
                    data, recipient, message_id = self._finished(row, panelist, panels)
                except InvalidEmail as exc:
                    self._finish(session, outbox.mark_failed(session, row.id, self.worker_id,
                                                             reason=f"cannot build: {exc}"), row)
                    continue
                if unrecorded and self.pacers[EMAIL].is_due_later():
                    session.commit()  # idle time ahead anyway: record what went out first
                    unrecorded = 0
                self.pacers[EMAIL].wait()
                try:
                    sender.send_bytes(date_header() + data, recipient=recipient, message_id=message_id)
                except PermanentDeliveryError as error:
                    outbox.mark_failed(session, row.id, self.worker_id, reason=error.reason, code=error.code)
                    session.execute(update(Panelist).where(Panelist.id == panelist.id)
                                    .values(email_status="bounced"))
                    self._finish(session, "failed", row)
                except TemporaryDeliveryError as error:
                    self._finish(session, outbox.mark_retry(session, row, self.worker_id, now,
                                                            reason=error.reason, code=error.code), row)
                    if error.code is None:
                        # The server itself is unreachable: the rest of the batch waits too.
                        self._release_rest(session, rows[index + 1:], error.reason, now)
                        return
                else:
                    outbox.mark_sent(session, row.id, self.worker_id, utcnow())
                    unrecorded += 1
                    if unrecorded >= self.commit_every:
                        session.commit()
                        unrecorded = 0
                    log.info("outbox %s %s %s: sent", row.id, row.channel, row.step)
            session.commit()

    # -- sms -----------------------------------------------------------------
    def _send_sms(self, session: Session, rows: list[OutboxMessage], panelists: dict, now: datetime) -> None:
        from engagement.panel.links import public_url

        callback = None
        if self.settings.uses_twilio:
            callback = public_url("delivery_status.twilio_status")
        campaigns = {c.id: c for c in session.scalars(select(Campaign).where(
            Campaign.id.in_({r.campaign_id for r in rows if r.campaign_id}))).all()}
        for index, row in enumerate(rows):
            panelist = panelists.get(row.panelist_id)
            if not _reachable(panelist, SMS):
                self._finish(session, outbox.mark_cancelled(session, row.id, self.worker_id,
                                                            reason="panelist cannot be reached by sms"), row)
                continue
            campaign = campaigns.get(row.campaign_id)
            if campaign is not None and rules.is_quiet(now, campaign.quiet_start, campaign.quiet_end):
                later = rules.after_quiet_hours(now, campaign.quiet_start, campaign.quiet_end)
                outbox.release(session, row, self.worker_id, later, "quiet hours")
                self._finish(session, "pending", row)
                continue
            self.pacers[SMS].wait()
            try:
                result = self.sms_sender.send(panelist.phone, row.text, status_callback=callback)
            except PermanentDeliveryError as error:
                outbox.mark_failed(session, row.id, self.worker_id, reason=error.reason, code=error.code)
                if error.reason in ("opted_out", "invalid"):
                    session.execute(update(Panelist).where(Panelist.id == panelist.id)
                                    .values(sms_status=error.reason))
                self._finish(session, "failed", row)
            except TemporaryDeliveryError as error:
                self._finish(session, outbox.mark_retry(session, row, self.worker_id, now,
                                                        reason=error.reason, code=error.code), row)
                if error.code is None or error.code == 429:
                    self._release_rest(session, rows[index + 1:], error.reason, now)
                    return
            else:
                outbox.mark_sent(session, row.id, self.worker_id, utcnow(), external_id=result.sid,
                                 delivery_status=result.status)
                self._finish(session, "sent", row)

    # -- helpers -------------------------------------------------------------
    def _release_rest(self, session: Session, rows: list[OutboxMessage], reason: str, now: datetime) -> None:
        later = now + outbox.retry_delay(1)
        for row in rows:
            outbox.release(session, row, self.worker_id, later, reason)
        session.commit()

    def _finish(self, session: Session, outcome: str, row: OutboxMessage) -> None:
        session.commit()
        log.info("outbox %s %s %s: %s", row.id, row.channel, row.step, outcome)


def _reachable(panelist: Panelist | None, channel: str) -> bool:
    if panelist is None or panelist.status != ACTIVE:
        return False
    if channel == EMAIL:
        return bool(panelist.email) and panelist.email_status == "ok"
    return bool(panelist.phone) and panelist.sms_status == "ok"


__all__ = ["DeliveryWorker", "Pacer", "DeliveryError"]
