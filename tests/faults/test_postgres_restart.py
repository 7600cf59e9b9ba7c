"""Fault: PostgreSQL stops and starts again while a campaign's invitations are going out.

A private PostgreSQL cluster (``tests.faults.postgres``; never the shared server), a real
scheduler process and a real delivery worker process on it, a real SMTP server (aiosmtpd).
The database goes away mid-campaign (``pg_ctl stop -m immediate``: every connection cut, as
in a crash) and comes back a few seconds later.  Afterwards every recipient has exactly one
invitation, every row is ``sent``, and both processes are still running: they reconnect
rather than die or hang.  It runs in both suite runs (SQLite and PostgreSQL): it brings its
own server.
"""
from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest
from sqlmodel import Session, func, select

from engagement.db import utcnow
from engagement.delivery.models import SENT, OutboxMessage
from engagement.models import metadata
from tests.campaigns.builders import make_campaign, make_definition
from tests.campaigns.loopback import build_app, smtp_sink  # noqa: F401  (fixture)
from tests.factories import make_panel, make_panelist
from tests.faults.postgres import PrivatePostgres, is_available
from tests.scheduling.test_processes import Proc, process_env, wait_until

pytestmark = pytest.mark.slow

RECIPIENTS = 60


@pytest.fixture
def private_postgres():
    if not is_available():
        pytest.skip("needs PostgreSQL's server binaries, a postgres user and root")
    server = PrivatePostgres().start()
    yield server
    server.remove()


def test_database_restart_mid_campaign_loses_nothing_and_sends_nothing_twice(private_postgres, tmp_path,
                                                                               smtp_sink):
    pg = private_postgres
    app = build_app(pg.url, tmp_path, smtp_host="127.0.0.1", smtp_port=smtp_sink.port, smtp_security="none")
    engine = app.extensions["borgerpanel.engine"]
    metadata.create_all(engine)
    with app.app_context(), Session(engine, expire_on_commit=False) as session:
        panel = make_panel(session)
        emails = [make_panelist(session, panel).email for _ in range(RECIPIENTS)]
        definition = make_definition(session, panel)
        now = utcnow()
        make_campaign(session, panel, definition=definition, now=now, starts_at=now,
                      deadline_at=now + timedelta(hours=1), reminder_days=())
    engine.dispose()

    env = process_env(pg.url, tmp_path, smtp_sink.port)
    scheduler = Proc("scheduler", ["scheduler", "run", "--tick-seconds", "0.5"], env, tmp_path)
    worker = Proc("worker", ["delivery", "run", "--batch-size", "10", "--email-rate", "20",
                             "--poll-seconds", "0.2", "--lease-seconds", "10"], env, tmp_path)
    try:
        wait_until(lambda: len(smtp_sink.received) >= 15, 60, "the first invitations")
        pg.stop()  # immediate: every connection is cut, like a crash
        # The worker goes on with the batch it holds; what it sends meanwhile must not go twice.
        wait_until(lambda: "OperationalError" in worker.output(), 20, "the worker to notice")
        pg.start()

        def sent() -> int:
            with Session(engine) as session:
                return session.scalar(select(func.count()).select_from(OutboxMessage)
                                      .where(OutboxMessage.status == SENT)) or 0

        wait_until(lambda: sent() == RECIPIENTS, 90, "every invitation recorded as sent")
        wait_until(lambda: len(smtp_sink.received) >= RECIPIENTS, 10, "every invitation at the server")
        # Both survived the outage (the scheduler took its lock again).
        assert scheduler.process.poll() is None, scheduler.output()[-3000:]
        assert worker.process.poll() is None, worker.output()[-3000:]
        wait_until(lambda: scheduler.output().count("scheduler lock acquired") >= 2, 30,
                   "the scheduler to take its lock again")
    finally:
        scheduler.kill()
        worker.kill()
        engine.dispose()

    received = Counter(item.rcpt_tos[0] for item in smtp_sink.received)
    assert received == Counter(emails), worker.output()[-3000:]
