"""Fault: a delivery worker is killed (SIGKILL) mid-batch while others keep sending.

Three real ``flask --app wsgi delivery run`` processes share one campaign (on PostgreSQL
they claim with ``FOR UPDATE SKIP LOCKED``; on SQLite one writer at a time) and send over
their own SMTP connections to aiosmtpd.  The server takes one chosen message and then does
not answer: that message is *in flight*, the server has it and its worker does not know.
The test kills exactly the worker holding it and starts another.  ``engagement.delivery.outbox``
promises, and the test checks exactly: every message arrives; the one in flight arrives
twice (it is sent again after the lease: never lost, at most once is impossible for it);
every other message, also the killed worker's rows it had claimed but not yet sent,
arrives exactly once.  The in-process version (a simulated kill inside ``record_sent``) is
``tests/delivery/test_worker.py::test_sent_is_committed_after_every_message_so_a_kill_doubles_at_most_the_one_in_flight``.
"""
from __future__ import annotations

import asyncio
import threading
from collections import Counter
from dataclasses import dataclass, field

import pytest

from engagement.delivery.models import SENDING, SENT
from tests.campaigns.loopback import SinkHandler, SmtpSink, build_app, clear_tables, outbox_rows
from tests.delivery.test_worker import start_campaign
from tests.scheduling.test_processes import Proc, process_env, wait_until

pytestmark = pytest.mark.slow

RECIPIENTS = 30
WORKERS = 3


@dataclass
class HoldsOne(SinkHandler):
    """Keeps the first message to ``held`` and never answers its DATA (until ``release``)."""
    held: str = ""
    holding: bool = False
    release: threading.Event = field(default_factory=threading.Event)

    async def handle_DATA(self, server, session, envelope):
        answer = await super().handle_DATA(server, session, envelope)
        with self.lock:
            hold = envelope.rcpt_tos == [self.held] and not self.holding
            self.holding = self.holding or hold
        while hold and not self.release.is_set():
            await asyncio.sleep(0.1)
        return answer


@pytest.fixture
def holding_sink():
    with SmtpSink(HoldsOne()) as sink:
        yield sink
        sink.handler.release.set()


def test_a_worker_killed_mid_batch_doubles_only_the_message_in_flight(database_url, tmp_path, holding_sink):
    app = build_app(database_url, tmp_path, smtp_host="127.0.0.1", smtp_port=holding_sink.port,
                    smtp_security="none")
    engine = app.extensions["borgerpanel.engine"]
    _panel, panelists, _campaign = start_campaign(app, count=RECIPIENTS)
    held = panelists[RECIPIENTS // 3].email
    holding_sink.handler.held = held
    env = process_env(database_url, tmp_path, holding_sink.port)
    env["SMTP_TIMEOUT"] = "120"  # the worker waits for the answer it will never get
    args = ["delivery", "run", "--batch-size", "5", "--email-rate", "10", "--poll-seconds", "0.2",
            "--lease-seconds", "10"]
    workers = [Proc(f"worker{n}", args, env, tmp_path) for n in range(WORKERS)]
    try:
        wait_until(lambda: holding_sink.handler.holding, 30, "the message in flight")
        [in_flight] = [r for r in outbox_rows(engine) if r.panelist_id == panelists[RECIPIENTS // 3].id]
        assert in_flight.status == SENDING
        pid = int(in_flight.claimed_by.rsplit(":", 1)[1])
        [victim] = [w for w in workers if w.process.pid == pid]
        victim.kill()
        claimed_by_victim = {r.id for r in outbox_rows(engine)
                             if r.status == SENDING and r.claimed_by == in_flight.claimed_by}
        assert in_flight.id in claimed_by_victim
        workers.append(Proc("worker-after", args, env, tmp_path))
        wait_until(lambda: all(r.status == SENT for r in outbox_rows(engine)), 60, "every row sent (after the lease)")
        assert all(w.process.poll() is None for w in workers if w is not victim)
    finally:
        for worker in workers:
            worker.kill()

    received = Counter(item.rcpt_tos[0] for item in holding_sink.received)
    expected = Counter({p.email: 1 for p in panelists})
    expected[held] = 2  # the one in flight: sent again after the lease, never lost
    assert received == expected, victim.output()[-2000:]
    final = {r.id: r for r in outbox_rows(engine)}
    assert final[in_flight.id].attempts == 2
    # The victim's claimed-but-unsent rows went for the first time, after the lease.
    assert {final[i].attempts for i in claimed_by_victim - {in_flight.id}} <= {2}
    clear_tables(app)
