"""Fault test: 200 replies, the listener killed with SIGKILL in the middle and started again, with an
inbound worker reading what it stored."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from sqlmodel import select

from engagement.config import PROJECT_ROOT
from engagement.delivery.models import OutboxMessage
from engagement.inbound.models import PROCESSED, InboundMessage
from engagement.surveys.models import Answer
from tests.conftest import TEST_SECRET
from tests.inbound.support import email_bytes, invite

REPLIES = 200


def _listener(app, dovecot, log_path, command=("mail", "listen", "--idle-seconds", "1")):
    settings = app.extensions["borgerpanel.settings"]
    env = dict(os.environ, DATABASE_URL=settings.database_url, SECRET_KEY=TEST_SECRET,
               BORGERPANEL_INSTANCE=str(settings.instance_path), OUTBOX_DIR=str(settings.outbox_dir),
               SMS_OUTBOX_FILE=str(settings.sms_outbox_file), PUBLIC_BASE_URL="http://localhost",
               IMAP_HOST="127.0.0.1", IMAP_PORT=str(dovecot.port), IMAP_SSL="false",
               IMAP_USERNAME=dovecot.username, IMAP_PASSWORD=dovecot.password, IMAP_POLL_SECONDS="1",
               LOG_LEVEL="INFO")
    log = open(log_path, "ab")
    process = subprocess.Popen([sys.executable, "-m", "flask", "--app", "wsgi", *command], cwd=PROJECT_ROOT,
                               env=env, stdout=log, stderr=subprocess.STDOUT)
    log.close()
    return process


def _processed(session) -> int:
    session.expire_all()
    return len(session.exec(select(InboundMessage.id).where(InboundMessage.status == PROCESSED)).all())


def _stored(session) -> int:
    session.expire_all()
    return len(session.exec(select(InboundMessage.id)).all())


@pytest.mark.slow
def test_sigkill_in_the_middle_loses_nothing_and_doubles_nothing(app, dovecot, session, tmp_path):
    _panel, _campaign, invited = invite(session, count=REPLIES)
    with dovecot.client() as client:
        for n, who in enumerate(invited):
            client.append("INBOX", email_bytes(to=who.reply_address, body=f"1. {n % 5 + 1}\n2. {'ja' if n % 2 else 'nej'}"))
    log_path = tmp_path / "listener.log"
    first = _listener(app, dovecot, log_path)
    try:
        deadline = time.monotonic() + 120
        while _stored(session) < 40 and time.monotonic() < deadline and first.poll() is None:
            time.sleep(0.02)
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    finally:
        if first.poll() is None:
            first.kill()
    at_kill = _stored(session)
    assert 40 <= at_kill < REPLIES, f"killed at {at_kill}: {log_path.read_text()[-2000:]}"

    second = _listener(app, dovecot, log_path)
    worker = _listener(app, dovecot, log_path, command=("inbound", "work", "--poll-seconds", "0.2"))
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and second.poll() is None:
            if _processed(session) == REPLIES and dovecot.count("INBOX") == 0:
                break
            time.sleep(0.2)
        for process in (second, worker):
            process.send_signal(signal.SIGTERM)
        assert second.wait(timeout=30) == 0 and worker.wait(timeout=30) == 0
    finally:
        for process in (second, worker):
            if process.poll() is None:
                process.kill()

    rows = session.exec(select(InboundMessage)).all()
    assert len(rows) == REPLIES and {r.status for r in rows} == {PROCESSED}, log_path.read_text()[-3000:]
    assert {r.attempts for r in rows} == {1}  # each processed exactly once
    assert {r.panelist_id for r in rows} == {who.panelist.id for who in invited}
    answers = session.exec(select(Answer)).all()
    assert len(answers) == 2 * REPLIES and all(a.replaced_at is None for a in answers)
    assert {a.inbound_message_id for a in answers} == {r.id for r in rows}
    replies = session.exec(select(OutboxMessage).where(OutboxMessage.dedupe_key.like("reply:%"))).all()
    assert sorted(r.dedupe_key for r in replies) == sorted(f"reply:{r.id}" for r in rows)  # no receipt twice
    assert dovecot.count("INBOX") == 0 and dovecot.count("Behandlet") == REPLIES
