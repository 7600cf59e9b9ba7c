"""Fault: the SMTP server answers 421 (closing) for a while, then 550 for some recipients.

A real ``flask --app wsgi delivery run`` process sends a campaign to an aiosmtpd server on
loopback that first answers ``MAIL FROM`` with ``421 4.3.2 Service shutting down`` (three
times, on three connections), and later refuses five recipients with ``550 5.1.1``.  The
421s are the server's trouble, not the recipients': the row that met it waits with backoff
(``retry_delay``: a minute), the rest of its batch waits with it and no attempt is spent on
them; nothing fails.  The test then moves the waiting rows' ``next_attempt_at`` to now (the
minute passing) rather than sleeping.  The 550s fail at once, for good: one RCPT each, never
retried, and the panelist's address is ``bounced``.  Everyone else gets exactly one message.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from sqlalchemy import update
from sqlmodel import Session, select

from engagement.db import utcnow
from engagement.delivery.models import FAILED, PENDING, SENDING, SENT, OutboxMessage
from engagement.panel.models import Panelist
from tests.campaigns.loopback import SinkHandler, SmtpSink, build_app, clear_tables, outbox_rows
from tests.delivery.test_worker import start_campaign
from tests.scheduling.test_processes import Proc, process_env, wait_until

pytestmark = pytest.mark.slow

RECIPIENTS = 30
REFUSED = 5
CLOSING_ANSWERS = 3


@dataclass
class ClosingThenRefusing(SinkHandler):
    """421 to the first ``closing`` MAIL FROMs, then the sink's usual answers (``refuse``)."""
    closing: int = CLOSING_ANSWERS
    mails: int = 0
    rcpts: Counter = field(default_factory=Counter)

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        with self.lock:
            self.mails += 1
            if self.mails <= self.closing:
                return "421 4.3.2 Service shutting down, try again later"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        with self.lock:
            self.rcpts[address.lower()] += 1
        return await super().handle_RCPT(server, session, envelope, address, rcpt_options)


@pytest.fixture
def closing_sink():
    with SmtpSink(ClosingThenRefusing()) as sink:
        yield sink


def test_421_waits_and_goes_later_550_fails_once_and_bounces(database_url, tmp_path, closing_sink):
    app = build_app(database_url, tmp_path, smtp_host="127.0.0.1", smtp_port=closing_sink.port,
                    smtp_security="none")
    engine = app.extensions["borgerpanel.engine"]
    _panel, panelists, _campaign = start_campaign(app, count=RECIPIENTS)
    refused = {p.email for p in panelists[:REFUSED]}
    closing_sink.handler.refuse.update({email: "550 5.1.1 No such user" for email in refused})
    env = process_env(database_url, tmp_path, closing_sink.port)
    worker = Proc("worker", ["delivery", "run", "--batch-size", "10", "--email-rate", "0",
                             "--poll-seconds", "0.2", "--lease-seconds", "10"], env, tmp_path)
    try:
        # The 421 phase: three batches meet a closing server; every row ends up waiting, none failed.
        wait_until(lambda: closing_sink.handler.mails >= CLOSING_ANSWERS
                   and all(r.status == PENDING for r in outbox_rows(engine)), 30, "every row to wait after the 421s")
        waiting = outbox_rows(engine)
        now = utcnow()
        assert not closing_sink.received
        assert all(r.next_attempt_at > now + timedelta(seconds=45) for r in waiting)  # backoff, no hammering
        met_421 = [r for r in waiting if r.error_code == 421]
        assert len(met_421) == CLOSING_ANSWERS and {r.attempts for r in met_421} == {1}
        # The rest of each batch waited with it, without spending an attempt.
        assert {r.attempts for r in waiting if r.error_code is None} == {0}
        assert closing_sink.handler.mails == CLOSING_ANSWERS  # nothing more tried meanwhile
        # A minute later (moved, not slept): everything goes.
        with engine.begin() as connection:
            connection.execute(update(OutboxMessage).where(OutboxMessage.status == PENDING)
                               .values(next_attempt_at=utcnow()))
        wait_until(lambda: not any(r.status in (PENDING, SENDING) for r in outbox_rows(engine)), 30,
                   "every row to be sent or failed")
        assert worker.process.poll() is None, worker.output()[-3000:]
    finally:
        worker.kill()

    final = {r.panelist_id: r for r in outbox_rows(engine)}
    by_email = {p.email: p.id for p in panelists}
    received = Counter(item.rcpt_tos[0] for item in closing_sink.received)
    assert received == Counter({email: 1 for email in by_email if email not in refused}), worker.output()[-3000:]
    for email in refused:
        row = final[by_email[email]]
        assert (row.status, row.error_code) == (FAILED, 550)
        assert closing_sink.handler.rcpts[email] == 1  # a permanent refusal is never tried again
    assert {final[by_email[e]].status for e in by_email if e not in refused} == {SENT}
    with Session(engine) as session:
        statuses = {p.email: p.email_status for p in session.exec(select(Panelist)).all()}
    assert {e for e, status in statuses.items() if status == "bounced"} == refused
    clear_tables(app)
