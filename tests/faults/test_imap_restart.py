"""Fault: the IMAP server restarts while the mail listener waits in IDLE.

A real ``flask --app wsgi mail listen`` process waits in IMAP IDLE (re-issued only every 30
s, so the restart lands inside one IDLE) on a real Dovecot (``tests.dovecot``).  Dovecot is
killed, every process of it (SIGKILL: a crash; a plain stop of Dovecot's master may leave
the running ``imap`` sessions serving their clients), and started again with the same
config, port and mail store.  The listener must see its connection die inside IDLE (before
this test, ``imapclient`` hid the end of file there and the listener spun until IDLE ended),
reconnect (``imap_listener``: backoff from 1 s), and pick up replies that arrive afterwards;
the reply handled before the restart is not handled again.  An inbound worker process reads
what the listener stores.  Each reply is stored and processed exactly once (``attempts == 1``), answered once, and moved once.
"""
from __future__ import annotations

import os
import signal
import subprocess
import time

import pytest
from sqlmodel import Session, select

from engagement.delivery.models import OutboxMessage
from engagement.inbound.models import PROCESSED, InboundMessage
from engagement.surveys.models import Answer
from tests.inbound.conftest import dovecot  # noqa: F401  (fixture)
from tests.inbound.support import email_bytes, invite
from tests.scheduling.test_processes import Proc, process_env, wait_until

pytestmark = pytest.mark.slow

IDLE_SECONDS = 30


def crash(server) -> None:
    """SIGKILL Dovecot's master and every process under it (the sessions too)."""
    table = subprocess.run(["ps", "-e", "-o", "pid=,ppid="], capture_output=True, text=True, check=True).stdout
    children: dict[int, list[int]] = {}
    for line in table.splitlines():
        pid, parent = map(int, line.split())
        children.setdefault(parent, []).append(pid)
    doomed, todo = [], [server.process.pid]
    while todo:
        pid = todo.pop()
        doomed.append(pid)
        todo.extend(children.get(pid, []))
    for pid in doomed:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    server.process.wait(10)
    server.stop()  # only tidies up: the process has ended


def processed(engine) -> int:
    with Session(engine) as session:
        return len(session.exec(select(InboundMessage.id).where(InboundMessage.status == PROCESSED)).all())


def test_listener_reconnects_after_an_imap_restart_and_handles_each_reply_once(app, dovecot, session,
                                                                               database_url, tmp_path):
    engine = app.extensions["borgerpanel.engine"]
    _panel, _campaign, invited = invite(session, count=3)
    env = process_env(database_url, tmp_path)
    env.update({"PUBLIC_BASE_URL": "http://localhost", "REPLY_DOMAIN": "localhost",
                "IMAP_HOST": "127.0.0.1", "IMAP_PORT": str(dovecot.port), "IMAP_SSL": "false",
                "IMAP_USERNAME": dovecot.username, "IMAP_PASSWORD": dovecot.password})
    listener = Proc("listener", ["mail", "listen", "--idle-seconds", str(IDLE_SECONDS)], env, tmp_path)
    worker = Proc("inbound", ["inbound", "work", "--poll-seconds", "0.2"], env, tmp_path)  # reads what it stores
    try:
        listener.wait_for("mail listener connected (idle=True")
        dovecot.append(email_bytes(to=invited[0].reply_address, body="1. 4\n2. ja"))
        wait_until(lambda: processed(engine) == 1 and dovecot.count("INBOX") == 0, 20, "the first reply")
        time.sleep(0.5)  # back in IDLE (not an assertion: the restart must land in it)

        crash(dovecot)
        dovecot.start()  # the same config, port and mail store
        listener.wait_for("reconnecting", timeout=10)  # noticed inside IDLE, not 30 s later
        wait_until(lambda: listener.output().count("mail listener connected") >= 2, 20, "a new connection")

        for who, body in ((invited[1], "1. 2\n2. nej"), (invited[2], "1. 5\n2. ja")):
            dovecot.append(email_bytes(to=who.reply_address, body=body))
        wait_until(lambda: processed(engine) == 3 and dovecot.count("INBOX") == 0, 20, "the later replies")
        time.sleep(1)  # a second handling would show itself here
        assert listener.process.poll() is None
        for process in (listener, worker):
            process.process.send_signal(signal.SIGTERM)
        assert listener.process.wait(30) == 0, listener.output()[-3000:]
        assert worker.process.wait(30) == 0, worker.output()[-3000:]
    finally:
        listener.kill()
        worker.kill()

    session.expire_all()
    rows = session.exec(select(InboundMessage)).all()
    assert len(rows) == 3 and {r.status for r in rows} == {PROCESSED}
    assert {r.attempts for r in rows} == {1}
    assert {r.panelist_id for r in rows} == {who.panelist.id for who in invited}
    assert len(session.exec(select(Answer)).all()) == 6
    receipts = session.exec(select(OutboxMessage).where(OutboxMessage.dedupe_key.like("reply:%"))).all()
    assert sorted(r.dedupe_key for r in receipts) == sorted(f"reply:{r.id}" for r in rows)
    assert dovecot.count("INBOX") == 0 and dovecot.count("Behandlet") == 3
