"""The delivery worker records "sent" one message behind the sending (begun while the server reads the next MAIL),
and never lets the next message be taken before that record is committed
(``engagement.delivery.recorder``, ``MailSender.send_bytes(before_accept=...)``)."""
from __future__ import annotations

import threading
import time

import pytest
from sqlmodel import Session, func, select

from engagement.delivery.mail_errors import PermanentDeliveryError
from engagement.delivery.mail_smtp import MailSender, _quoted
from engagement.delivery.sent_statement import SentStatement
from engagement.delivery.models import SENDING, SENT, OutboxMessage
from engagement.delivery.worker import DeliveryWorker, Pacer
from tests.campaigns.loopback import SinkHandler, SmtpSink
from tests.campaigns.loopback import smtp_app  # noqa: F401  (fixture)
from tests.delivery.test_worker import outbox_rows, start_campaign


class CountsSentOnArrival(SinkHandler):
    """Notes, as each message is taken, how many rows the database already says are sent."""

    def __init__(self):
        super().__init__()
        self.engine = None
        self.holder = None
        self.sent_at_quit: list[int] = []
        self.sent_when_taken: list[int] = []
        self.sent_at_mail: list[int] = []

    def _sent(self) -> int:
        with Session(self.engine) as db:
            return db.scalar(select(func.count()).select_from(OutboxMessage).where(OutboxMessage.status == SENT))

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self.engine is not None:
            self.sent_at_mail.append(self._sent())
            if self.holder is not None:
                self.holder.at_mail(len(self.sent_at_mail))
        envelope.mail_from, envelope.mail_options = address, list(mail_options)
        return "250 OK"

    async def handle_QUIT(self, server, session, envelope):
        if self.engine is not None:
            self.sent_at_quit.append(self._sent())
        return "221 Bye"

    async def handle_DATA(self, server, session, envelope):
        if self.engine is not None:
            self.sent_when_taken.append(self._sent())
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def smtp_sink():
    with SmtpSink(CountsSentOnArrival()) as sink:
        yield sink


def test_a_message_is_taken_only_after_the_one_before_is_recorded_as_sent(smtp_app, smtp_sink, monkeypatch):
    smtp_sink.handler.engine = smtp_app.extensions["borgerpanel.engine"]
    panel, panelists, campaign = start_campaign(smtp_app, count=4)
    real_begin = SentStatement.begin

    def slow(self, *args, **kwargs):
        time.sleep(0.2)  # a slow database: the next message's envelope goes out meanwhile
        return real_begin(self, *args, **kwargs)

    monkeypatch.setattr(SentStatement, "begin", slow)
    assert DeliveryWorker(smtp_app, worker_id="w1").run_once() == 4
    assert smtp_sink.handler.sent_when_taken == [0, 1, 2, 3]
    assert smtp_sink.handler.sent_at_quit == [4]  # the last one too, before the connection is closed
    assert {r.status for r in outbox_rows(smtp_app, campaign.id)} == {SENT}


class HoldsTheFirstRecord:
    """Another transaction holding the outbox up in the database (a row lock on PostgreSQL, the
    write lock on SQLite) from the first MAIL until the second MAIL has reached the server."""

    def __init__(self, engine):
        self.engine = engine
        self.locked, self.second_mail = threading.Event(), threading.Event()
        self.thread = threading.Thread(target=self._hold, daemon=True)

    def _hold(self):
        with self.engine.connect() as connection:
            if connection.dialect.name == "sqlite":
                connection.exec_driver_sql("BEGIN IMMEDIATE")
            else:
                connection.execute(select(OutboxMessage.id).with_for_update())
            self.locked.set()
            self.second_mail.wait(10)
            connection.rollback()

    def at_mail(self, number: int):
        if number == 1:
            self.thread.start()
            assert self.locked.wait(10)
        elif number == 2:
            self.second_mail.set()


def test_the_next_messages_envelope_goes_while_the_record_is_held_up(smtp_app, smtp_sink, monkeypatch):
    """The overlap is real: message 2's MAIL goes out while message 1's "sent" cannot be
    committed yet (the database holds it up), and its text only once that is committed."""
    handler = smtp_sink.handler
    engine = handler.engine = smtp_app.extensions["borgerpanel.engine"]
    start_campaign(smtp_app, count=2)
    holder = handler.holder = HoldsTheFirstRecord(engine)
    DeliveryWorker(smtp_app, worker_id="w1").run_once()
    assert holder.second_mail.is_set()
    assert handler.sent_at_mail == [0, 0]
    assert handler.sent_when_taken == [0, 1]


def test_a_pause_for_the_rate_limit_comes_after_the_record(smtp_app, smtp_sink):
    """A worker killed while it waits for the rate limit leaves nothing sent and unrecorded."""
    engine = smtp_app.extensions["borgerpanel.engine"]
    panel, panelists, campaign = start_campaign(smtp_app, count=3)
    seen_in_pauses = []

    def pause(seconds):
        with Session(engine) as db:
            seen_in_pauses.append(db.scalar(select(func.count()).select_from(OutboxMessage)
                                            .where(OutboxMessage.status == SENT)))

    worker = DeliveryWorker(smtp_app, worker_id="w1", email_rate=1)
    worker.pacers["email"] = Pacer(1, sleep=pause)
    assert worker.run_once() == 3
    assert seen_in_pauses == [1, 2]


class Gone(Exception):
    pass


def test_when_the_record_fails_the_next_message_is_not_taken_and_the_row_goes_later(
        smtp_app, smtp_sink, monkeypatch):
    smtp_sink.handler.engine = smtp_app.extensions["borgerpanel.engine"]
    panel, panelists, campaign = start_campaign(smtp_app, count=3)
    real_begin = SentStatement.begin
    calls = []

    def fails_on_the_second(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise Gone("the database refused the write")
        return real_begin(self, *args, **kwargs)

    monkeypatch.setattr(SentStatement, "begin", fails_on_the_second)
    with pytest.raises(Gone):
        DeliveryWorker(smtp_app, worker_id="w1").run_once()
    # Message 2 went and could not be recorded; message 3 was stopped before its text: the
    # server got two messages, and the database holds one "sent" and two rows still claimed.
    assert len(smtp_sink.received) == 2
    assert sorted(r.status for r in outbox_rows(smtp_app, campaign.id)) == [SENDING, SENDING, SENT]


def test_mail_sender_sends_nothing_when_the_checkpoint_fails_and_reconnects_after(smtp_app, smtp_sink):
    settings = smtp_app.extensions["borgerpanel.settings"]
    data = b"Subject: Hej\nMessage-ID: <1@example.dk>\n\nHej\n.punktum forrest\n"

    def refuse():
        raise Gone()

    with MailSender(settings) as sender:
        with pytest.raises(Gone):
            sender.send_bytes(data, recipient="a@example.dk", message_id="<1@example.dk>", before_accept=refuse)
        sender.send_bytes(data, recipient="b@example.dk", message_id="<1@example.dk>", before_accept=lambda: None)
        with pytest.raises(PermanentDeliveryError):  # refused at RCPT: the checkpoint is never reached
            smtp_sink.handler.refuse["c@example.dk"] = "550 5.1.1 no such user"
            sender.send_bytes(data, recipient="c@example.dk", message_id="<1@example.dk>", before_accept=refuse)
    assert [r.rcpt_tos for r in smtp_sink.received] == [["b@example.dk"]]
    assert smtp_sink.handler.connections == 2
    assert b"\r\n.punktum forrest" in smtp_sink.received[0].data  # stuffed on the wire, unstuffed by the server


@pytest.mark.parametrize("address, expected", [
    ("borger@example.dk", "<borger@example.dk>"),
    ("Borger <borger@example.dk>", "<borger@example.dk>"),
    ('"a b"@example.dk', '<"a b"@example.dk>'),
    ("<borger@example.dk>", "<borger@example.dk>"),
])
def test_envelope_addresses_are_quoted_as_smtplib_would(address, expected):
    import smtplib

    assert _quoted(address) == smtplib.quoteaddr(address) == expected


def test_the_run_loop_claims_the_next_full_batch_while_one_goes(smtp_app, smtp_sink, monkeypatch):
    panel, panelists, campaign = start_campaign(smtp_app, count=5)
    claimed_on = []
    real_claim = DeliveryWorker._claim

    def claim(self, now, **kwargs):
        claimed_on.append(threading.current_thread().name.split("_")[0])
        return real_claim(self, now, **kwargs)

    monkeypatch.setattr(DeliveryWorker, "_claim", claim)
    worker = DeliveryWorker(smtp_app, worker_id="w1", batch_size=2)
    assert worker.run_once(prefetch=True) == 2
    # The next two are claimed already, or being claimed (by this worker, not yet sent); the fifth is free.
    deadline = time.monotonic() + 10
    while (statuses := sorted(r.status for r in outbox_rows(smtp_app, campaign.id))) != [
            "pending", SENDING, SENDING, SENT, SENT] and time.monotonic() < deadline:
        time.sleep(0.05)
    assert statuses == ["pending", SENDING, SENDING, SENT, SENT]
    assert worker.run_once(prefetch=True) == 2
    assert worker.run_once(prefetch=True) == 1  # a short batch claims nothing ahead
    assert worker.run_once(prefetch=True) == 0
    assert claimed_on == ["MainThread", "outbox-claim", "outbox-claim", "MainThread"]
    assert {r.status for r in outbox_rows(smtp_app, campaign.id)} == {SENT}
    assert sorted(r.rcpt_tos[0] for r in smtp_sink.received) == sorted(p.email for p in panelists)


def test_a_batch_claimed_ahead_brings_its_panelists_and_they_are_read_again_when_stale(
        smtp_app, smtp_sink, monkeypatch):
    """The claiming thread reads the next batch's panelists too; if the batch starts more than
    ``PANELISTS_FRESH_SECONDS`` later they are read again, so one who left meanwhile gets nothing."""
    import re

    from sqlalchemy import event
    from sqlmodel import Session

    from engagement.delivery import worker as worker_module
    from engagement.delivery.models import CANCELLED
    from engagement.panel.models import LEFT, Panelist

    engine = smtp_app.extensions["borgerpanel.engine"]
    panel, panelists, campaign = start_campaign(smtp_app, count=6)
    read_on = []

    def note(conn, cursor, statement, parameters, context, executemany):
        if re.search(r"\bFROM panelist\b", statement):
            read_on.append(threading.current_thread().name.split("_")[0])

    event.listen(engine, "before_cursor_execute", note)
    try:
        worker = DeliveryWorker(smtp_app, worker_id="w1", batch_size=2)
        assert worker.run_once(prefetch=True) == 2
        assert read_on.count("MainThread") == 1
        assert worker.run_once(prefetch=True) == 2  # the batch claimed ahead, panelists and all
        assert read_on.count("MainThread") == 1 and "outbox-claim" in read_on
        worker._next.result()  # the third batch is claimed ahead, and its panelists read
        ahead = [r for r in outbox_rows(smtp_app, campaign.id) if r.status == SENDING]
        assert len(ahead) == 2
        with Session(engine) as session:  # one of the next batch leaves after it was claimed
            gone = session.get(Panelist, ahead[0].panelist_id)
            gone.status = LEFT
            session.add(gone)
            session.commit()
        monkeypatch.setattr(worker_module, "PANELISTS_FRESH_SECONDS", 0.0)
        before = read_on.count("MainThread")
        assert worker.run_once(prefetch=True) == 2
        assert read_on.count("MainThread") == before + 1  # too old by now: read again
    finally:
        event.remove(engine, "before_cursor_execute", note)
        worker.hand_back_prefetched()
    statuses = {r.panelist_id: r.status for r in outbox_rows(smtp_app, campaign.id)}
    assert statuses[ahead[0].panelist_id] == CANCELLED
    assert statuses[ahead[1].panelist_id] == SENT
    assert len(smtp_sink.received) == 5


def test_a_batch_claimed_ahead_is_handed_back_when_the_worker_stops(smtp_app, smtp_sink):
    panel, panelists, campaign = start_campaign(smtp_app, count=4)
    worker = DeliveryWorker(smtp_app, worker_id="w1", batch_size=2)
    assert worker.run_once(prefetch=True) == 2
    worker.hand_back_prefetched()
    rows = outbox_rows(smtp_app, campaign.id)
    back = [r for r in rows if r.status == "pending"]
    assert len(back) == 2 and all(r.claimed_by is None and r.attempts == 0 for r in back)
    # Another worker takes them at once (due now), and each goes once.
    assert DeliveryWorker(smtp_app, worker_id="w2").run_once() == 2
    assert {r.status for r in outbox_rows(smtp_app, campaign.id)} == {SENT}
    assert len(smtp_sink.received) == 4


def test_no_batch_is_claimed_ahead_when_batches_are_slow_against_the_lease(smtp_app, smtp_sink):
    """A row claimed ahead waits up to two batches: with a rate limit that makes a batch take a
    quarter of the lease or more, its lease could run out and another worker send it too."""
    from datetime import timedelta

    from engagement.delivery.models import EMAIL
    from engagement.delivery.worker import Pacer

    panel, panelists, campaign = start_campaign(smtp_app, count=5)
    worker = DeliveryWorker(smtp_app, worker_id="w1", batch_size=2, lease=timedelta(seconds=40))
    worker.pacers[EMAIL] = Pacer(0.1, sleep=lambda seconds: None)  # 10 s a message: a batch takes 20 s
    assert worker.run_once(prefetch=True) == 2
    time.sleep(0.2)
    assert sorted(r.status for r in outbox_rows(smtp_app, campaign.id)) == ["pending"] * 3 + [SENT] * 2
