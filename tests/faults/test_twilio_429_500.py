"""Fault: Twilio answers 429 (too many requests) and 500 (its own trouble) for some messages.

A delivery worker process (``tests.faults.twilio_worker``: the worker loop with the SDK sent
to the stand-in) sends an SMS campaign through ``tests.twilio_standin``, which answers the
first request for two numbers with ``429`` / code 20429 (``Retry-After: 1``) and the first
two requests for three others with ``500``.  A 429 is about us, not the recipient: the row
waits with backoff and the rest of its batch waits too (no further request in that batch,
no attempt spent); a 500 is retried for that message alone.  The test moves waiting rows'
``next_attempt_at`` to now each time the worker is idle (the backoff passing) rather than
sleeping.  In the end every number got exactly one accepted request, and the stand-in saw
exactly one request per scripted failure more.
"""
from __future__ import annotations

import subprocess
import sys
import time
from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import update
from sqlmodel import Session, select

from engagement.campaigns import service
from engagement.db import utcnow
from engagement.delivery.models import PENDING, SENT, OutboxMessage
from engagement.panel.models import Panelist
from tests.campaigns.builders import make_campaign
from tests.campaigns.loopback import clear_tables, outbox_rows
from tests.delivery.test_sms import standin, twilio_app  # noqa: F401  (fixture)
from tests.factories import make_panel, make_panelist
from tests.scheduling.test_processes import ROOT, Proc, process_env, wait_until
from tests.twilio_standin import ACCOUNT_SID, AUTH_TOKEN, MESSAGING_SERVICE_SID

pytestmark = pytest.mark.slow

NUMBERS = [f"+45201234{n:02d}" for n in range(12)]
RATE_LIMITED = NUMBERS[:2]        # 429 once
TWILIO_TROUBLE = NUMBERS[2:5]     # 500 twice


class WorkerProc(Proc):
    """``Proc`` (log file, ``wait_for``, ``kill``) for ``python -m tests.faults.twilio_worker``."""

    def __init__(self, env: dict, log_dir):
        self.log = log_dir / f"twilio-worker-{time.monotonic_ns()}.log"
        self.handle = open(self.log, "wb")
        self.process = subprocess.Popen([sys.executable, "-m", "tests.faults.twilio_worker"], cwd=ROOT, env=env,
                                        stdout=self.handle, stderr=subprocess.STDOUT)


def is_idle(engine) -> bool:
    """Nothing being sent and everything left waiting out a backoff."""
    later = utcnow() + timedelta(seconds=30)
    current = outbox_rows(engine)
    return all(r.status == SENT or (r.status == PENDING and r.next_attempt_at > later) for r in current)


def test_429_and_500_are_retried_later_and_each_sms_is_accepted_once(database_url, tmp_path, standin):
    app = twilio_app(database_url, tmp_path)
    engine = app.extensions["borgerpanel.engine"]
    with app.app_context(), Session(engine, expire_on_commit=False) as session:
        panel = make_panel(session)
        for number in NUMBERS:
            make_panelist(session, panel, channel="sms", phone=number)
        now = utcnow()
        make_campaign(session, panel, now=now, quiet_start="00:00", quiet_end="00:00")  # no quiet hours
        service.tick(session, now)
    for number in RATE_LIMITED:
        standin.answer_next(number, (429, 20429))
    for number in TWILIO_TROUBLE:
        standin.answer_next(number, (500, None), (500, None))
    env = process_env(database_url, tmp_path)
    env.update({"TWILIO_ACCOUNT_SID": ACCOUNT_SID, "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
                "TWILIO_MESSAGING_SERVICE_SID": MESSAGING_SERVICE_SID, "TWILIO_STANDIN_URL": standin.url})
    worker = WorkerProc(env, tmp_path)
    try:
        # The first request meets a 429: the whole batch waits, nothing else is asked of Twilio.
        wait_until(lambda: len(standin.calls) >= 1 and is_idle(engine), 30, "the batch to wait after a 429")
        assert len(standin.calls) == 1 and standin.calls[0].form["To"] in RATE_LIMITED
        first = outbox_rows(engine)
        assert sorted(r.attempts for r in first) == [0] * (len(NUMBERS) - 1) + [1]
        assert [r.error_code for r in first if r.attempts] == [20429]
        # Let each backoff pass (moved, not slept) whenever the worker is idle, until all went.
        deadline = time.monotonic() + 60
        while not all(r.status == SENT for r in outbox_rows(engine)):
            assert time.monotonic() < deadline, worker.output()[-3000:]
            wait_until(lambda: is_idle(engine), 30, "the worker to be idle")
            with engine.begin() as connection:
                connection.execute(update(OutboxMessage).where(OutboxMessage.status == PENDING)
                                   .values(next_attempt_at=utcnow()))
            wait_until(lambda: not any(r.status == PENDING and r.next_attempt_at <= utcnow()
                                       for r in outbox_rows(engine)), 30, "the worker to take them")
        time.sleep(0.5)  # a duplicate request would show itself here
        assert worker.process.poll() is None, worker.output()[-3000:]
    finally:
        worker.kill()

    calls = Counter(call.form["To"] for call in standin.calls)
    expected = Counter({n: 1 + (n in RATE_LIMITED) + 2 * (n in TWILIO_TROUBLE) for n in NUMBERS})
    assert calls == expected
    assert all(call.problems == [] for call in standin.calls)
    final = outbox_rows(engine)
    assert {r.status for r in final} == {SENT} and len({r.external_id for r in final}) == len(NUMBERS)
    with Session(engine) as session:
        phone = {p.id: p.phone for p in session.exec(select(Panelist)).all()}
    assert {phone[r.panelist_id]: r.attempts for r in final} == dict(expected)  # an attempt per request
    clear_tables(app)

