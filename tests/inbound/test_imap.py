"""The mail listener against a real Dovecot on loopback."""
from __future__ import annotations

import base64
import os
import threading
import time
from datetime import timedelta

import pytest
from sqlmodel import select

from engagement.campaigns.models import CLOSED
from engagement.db import utcnow
from engagement.delivery.models import OutboxMessage
from engagement.inbound.imap_listener import MailListener
from engagement.inbound.models import PROCESSED, RECEIVED, InboundMessage
from engagement.inbound.worker import InboundWorker
from engagement.panel.gdpr import erase_panelist
from engagement.panel.models import Panelist
from engagement.surveys.models import Answer
from tests.inbound.support import email_bytes, invite


def _wait_for(predicate, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def _count(session, *conditions) -> int:
    session.expire_all()
    return len(session.exec(select(InboundMessage.id).where(*conditions)).all())


def test_listen_once_stores_and_moves_and_a_worker_reads(imap_app, dovecot, session):
    _panel, _campaign, invited = invite(session, count=3)
    for who in invited:
        dovecot.append(email_bytes(to=who.reply_address, body="1. 5\n2. nej"))
    listener = MailListener(imap_app)
    listener.run(once=True)
    assert listener.stored == 3
    assert [r.status for r in session.exec(select(InboundMessage)).all()] == [RECEIVED] * 3  # stored only
    assert InboundWorker(imap_app).run_once() == 3
    session.expire_all()
    rows = session.exec(select(InboundMessage)).all()
    assert [r.status for r in rows] == [PROCESSED] * 3
    assert dovecot.count("INBOX") == 0 and dovecot.count("Behandlet") == 3
    with dovecot.client() as client:
        client.select_folder("Behandlet", readonly=True)
        assert all(b"\\Seen" in flags for flags in client.get_flags(client.search("ALL")).values())
    assert len(session.exec(select(OutboxMessage)).all()) == 3


def test_cli_listen_once(imap_app, dovecot, session):
    _panel, _campaign, [who] = invite(session)
    dovecot.append(email_bytes(to=who.reply_address, body="1. 3\n2. ja"))
    result = imap_app.test_cli_runner().invoke(args=["mail", "listen", "--once"])
    assert result.exit_code == 0, result.output
    assert "1 stored" in result.output
    result = imap_app.test_cli_runner().invoke(args=["inbound", "work", "--once"])
    assert result.exit_code == 0 and "1 messages processed" in result.output, result.output


def test_a_message_seen_before_is_not_processed_again(imap_app, dovecot, session):
    _panel, _campaign, [who] = invite(session)
    raw = email_bytes(to=who.reply_address, body="1. 3\n2. ja")
    dovecot.append(raw)
    MailListener(imap_app).run(once=True)
    InboundWorker(imap_app).run_once()
    dovecot.append(raw)  # the same Message-ID again (a restored backup, a second delivery)
    listener = MailListener(imap_app)
    listener.run(once=True)
    assert InboundWorker(imap_app).run_once() == 0
    assert listener.stored == 0 and _count(session) == 1
    assert len(session.exec(select(OutboxMessage)).all()) == 1
    assert dovecot.count("INBOX") == 0 and dovecot.count("Behandlet") == 2  # never deleted


def _broken_boundary(to: str) -> bytes:
    return (f"From: borger@example.dk\r\nTo: {to}\r\nSubject: Svar\r\nMessage-ID: <broken-{time.time()}@x>\r\n"
            "MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"DECLARED\"\r\n\r\n"
            "--OTHER\r\nContent-Type: text/plain\r\n\r\n1. 4\r\n2. ja\r\n--OTHER\r\n").encode()


def _raw_8bit_headers(to: str) -> bytes:
    return (b"From: S\xf8ren Hansen <soren@example.dk>\r\nTo: " + to.encode() +
            "\r\nSubject: Svar på spørgsmål\r\n".encode("utf-8") +
            b"Message-ID: <eightbit-" + str(time.time()).encode() + b"@x>\r\n\r\n1. 2\r\n2. nej\r\n")


def _big_attachment(to: str) -> bytes:
    payload = base64.encodebytes(os.urandom(23_000_000))  # about 31 MB once encoded
    head = (f"From: borger@example.dk\r\nTo: {to}\r\nSubject: Svar med bilag\r\nMessage-ID: <big-{time.time()}@x>\r\n"
            "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"BIG\"\r\n\r\n"
            "--BIG\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n1. 1\r\n2. ja\r\n"
            "--BIG\r\nContent-Type: application/octet-stream; name=\"billede.bin\"\r\n"
            "Content-Disposition: attachment; filename=\"billede.bin\"\r\nContent-Transfer-Encoding: base64\r\n\r\n")
    return head.encode() + payload.replace(b"\n", b"\r\n") + b"--BIG--\r\n"


@pytest.mark.slow
def test_bad_input_is_stored_with_a_reason_and_the_loop_goes_on(imap_app, dovecot, session):
    panel, campaign, invited = invite(session, count=7)
    _panel2, closed, [late] = invite(session, panel=panel)
    closed.status, closed.closed_at = CLOSED, utcnow() - timedelta(days=1)
    session.add(closed)
    session.commit()
    erased = invited[6]
    with imap_app.app_context():
        erase_panelist(session, session.get(Panelist, erased.panelist.id))
        session.commit()
    messages = {
        "broken boundary": _broken_boundary(invited[0].reply_address),
        "unknown charset": email_bytes(to=invited[1].reply_address, body="1. 4\n2. ja", charset="x-klingon"),
        "8-bit headers": _raw_8bit_headers(invited[2].reply_address),
        "30 MB attachment": _big_attachment(invited[3].reply_address),
        "empty body": email_bytes(to=invited[4].reply_address, body=""),
        "no Message-ID": email_bytes(to=invited[5].reply_address, body="1. 5\n2. ja", message_id=None),
        "closed survey": email_bytes(to=late.reply_address, body="1. 5\n2. ja"),
        "erased panelist": email_bytes(to=erased.reply_address, body="1. 5\n2. ja"),
        "good one after": email_bytes(to=invited[0].reply_address, body="1. 3\n2. nej"),
    }
    for raw in messages.values():
        dovecot.append(raw)
    listener = MailListener(imap_app)
    listener.run(once=True)
    InboundWorker(imap_app).run_once()
    rows = session.exec(select(InboundMessage).order_by(InboundMessage.id)).all()
    assert len(rows) == len(messages)
    by_name = dict(zip(messages, rows))
    for name, row in by_name.items():
        assert row.status != RECEIVED and row.reason, name
    assert dovecot.count("INBOX") == 0 and dovecot.count("Behandlet") == len(messages)

    big = by_name["30 MB attachment"]
    assert big.size > 30_000_000 and big.status == PROCESSED
    assert {a.question_key: a.value for a in session.exec(select(Answer).where(
        Answer.inbound_message_id == big.id)).all()} == {"bus": 1, "cykler": "yes"}
    assert by_name["no Message-ID"].external_id.startswith("sha256:")
    assert "no usable Message-ID" in by_name["no Message-ID"].problems
    assert "Søren" not in (by_name["8-bit headers"].reason or "")
    assert by_name["8-bit headers"].subject == "Svar på spørgsmål"
    assert by_name["broken boundary"].problems, "the reader says what was wrong"
    assert by_name["unknown charset"].problems
    assert "deadline" in by_name["closed survey"].reason
    assert "erased" in by_name["erased panelist"].reason
    assert by_name["good one after"].status == PROCESSED
    closed_answers = session.exec(select(Answer).where(Answer.definition_id == closed.definition_id)).all()
    assert closed_answers == []
    assert session.exec(select(OutboxMessage).where(OutboxMessage.panelist_id == erased.panelist.id)).all() == []


def test_idle_picks_up_new_mail_and_reconnects(imap_app, dovecot, session):
    _panel, _campaign, [a, b] = invite(session, count=2)
    listener = MailListener(imap_app, idle_seconds=5)
    stop = threading.Event()
    thread = threading.Thread(target=listener.run, args=(stop,), daemon=True)
    thread.start()
    worker = threading.Thread(target=InboundWorker(imap_app).run, args=(stop, 0.1), daemon=True)
    worker.start()
    try:
        assert _wait_for(lambda: listener.client is not None)
        assert listener.can_idle
        dovecot.append(email_bytes(to=a.reply_address, body="1. 2\n2. ja"))
        assert _wait_for(lambda: _count(session, InboundMessage.status == PROCESSED) == 1)
        port = dovecot.port
        dovecot.stop()
        dovecot.port = port
        time.sleep(1.5)
        dovecot.start()
        dovecot.append(email_bytes(to=b.reply_address, body="1. 4\n2. nej"))
        assert _wait_for(lambda: _count(session, InboundMessage.status == PROCESSED) == 2, timeout=30)
    finally:
        stop.set()
        thread.join(timeout=15)
        worker.join(timeout=15)
    assert not thread.is_alive() and not worker.is_alive()


def test_hostile_mail_is_stored_moved_and_read_never_lost(imap_app, dovecot, session):
    """NULs in the Subject and the Message-ID, a 400-character From, one Message-ID for two
    different mails: every one gets a row, and every row is read with a reason."""
    _panel, _campaign, [a, b, c] = invite(session, count=3)
    same_id = "<reused@example.dk>"
    messages = [
        email_bytes(to=a.reply_address, body="1. 4\n2. ja", subject="Re: Trafik\x00"),
        email_bytes(to=a.reply_address, body="1. 4\n2. ja", message_id="<nul\x00id@example.dk>"),
        email_bytes(to=b.reply_address, body="1. 2\n2. nej", sender="x" * 400 + "@example.dk"),
        email_bytes(to=b.reply_address, body="1. 3\n2. ja", message_id=same_id),
        email_bytes(to=c.reply_address, body="1. 5\n2. nej", message_id=same_id),
    ]
    for raw in messages:
        dovecot.append(raw)
    listener = MailListener(imap_app)
    listener.run(once=True)
    assert listener.stored == len(messages) and listener.failed == 0
    assert dovecot.count("INBOX") == 0 and dovecot.count("Behandlet") == len(messages)
    InboundWorker(imap_app).run_once()
    session.expire_all()
    rows = session.exec(select(InboundMessage).order_by(InboundMessage.id)).all()
    # Each one whole, in order, as the server gives it (Dovecot stores a NUL as the byte 0x80;
    # tests/inbound/test_store.py stores NULs directly).
    assert [bytes(r.raw) for r in rows] == [raw.replace(b"\x00", b"\x80") for raw in messages]
    assert all(r.status != RECEIVED and r.reason for r in rows)
    assert rows[1].external_id.startswith("sha256:") and rows[3].external_id == same_id  # 0x80: not ASCII
    assert rows[4].external_id.startswith("sha256:") and "Message-ID reused" in rows[4].problems[0]
    assert rows[4].panelist_id == c.panelist.id and rows[4].status == PROCESSED
    assert len(rows[2].sender or "") <= 320
