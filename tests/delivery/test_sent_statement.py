"""The "sent" record begun while the SMTP server reads MAIL and ended at the checkpoint
(``engagement.delivery.sent_statement``, ``OutcomeRecorder.start`` / ``settle``)."""
from __future__ import annotations

import time
from datetime import timedelta

import pytest
from sqlalchemy import text
from sqlmodel import Session, select

from engagement.db import utcnow
from engagement.delivery import outbox
from engagement.delivery.models import SENDING, SENT, OutboxMessage
from engagement.delivery.recorder import OutcomeRecorder
from engagement.delivery.sent_statement import SentStatement
from tests.factories import make_panel, make_panelist


def _claimed(session, count: int, worker_id: str = "w1") -> list[OutboxMessage]:
    panel = make_panel(session)
    panelist = make_panelist(session, panel)
    outbox.enqueue(session, [{"panel_id": panel.id, "panelist_id": panelist.id, "step": f"s{i}", "channel": "email",
                              "dedupe_key": f"sent-statement:{i}", "text": "Hej"} for i in range(count)])
    session.commit()
    return outbox.claim(session, worker_id=worker_id, now=utcnow())


def _statuses(engine) -> dict[int, str]:
    with Session(engine) as db:
        return dict(db.execute(select(OutboxMessage.id, OutboxMessage.status)).all())


def test_a_begun_record_is_committed_when_it_ends_and_only_for_the_worker_holding_the_row(app, session):
    engine = app.extensions["borgerpanel.engine"]
    first, second = _claimed(session, 2)
    at = utcnow()
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        statement = SentStatement(connection)
        statement.begin(first.id, "w1", at)
        assert statement.end() is True
        statement.begin(second.id, "another worker", at)  # its lease ran out and another took it
        assert statement.end() is False
        assert statement(second.id, "w1", at, external_id="SM1", delivery_status="queued") is True
        statement.close()
    assert _statuses(engine) == {first.id: SENT, second.id: SENT}
    with Session(engine) as db:
        stored = db.get(OutboxMessage, second.id)
        assert (stored.external_id, stored.delivery_status) == ("SM1", "queued")
        assert abs(db.get(OutboxMessage, first.id).sent_at - at) < timedelta(milliseconds=1)


def test_a_record_not_begun_before_the_checkpoint_is_made_there(app, session):
    """The last message of a batch has no next MAIL: ``settle`` (at ``close``) makes its record."""
    engine = app.extensions["borgerpanel.engine"]
    row, = _claimed(session, 1)
    recorder = OutcomeRecorder(engine, "w1")
    try:
        recorder.sent(row, utcnow())
        assert _statuses(engine) == {row.id: SENDING}  # begun at the next MAIL, and there is none
    finally:
        recorder.close()
    assert _statuses(engine) == {row.id: SENT}


@pytest.mark.only_on("postgresql")
def test_a_record_in_flight_when_the_connection_dies_is_made_on_a_fresh_one(app, session):
    engine = app.extensions["borgerpanel.engine"]
    first, second = _claimed(session, 2)
    recorder = OutcomeRecorder(engine, "w1")
    recorder.RETRY_FIRST_SECONDS = 0.05
    try:
        pid = recorder.record_sent._pgconn.backend_pid
        with engine.connect() as admin:  # a database restart, a failover: the server ends the session
            admin.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            admin.commit()
            deadline = time.monotonic() + 10
            while True:
                alive = admin.execute(text("SELECT count(*) FROM pg_stat_activity WHERE pid = :pid"),
                                      {"pid": pid}).scalar()
                admin.rollback()  # the view is a snapshot per transaction
                if not alive:
                    break
                assert time.monotonic() < deadline
                time.sleep(0.02)
        recorder.sent(first, utcnow())  # to be begun on the connection that is gone
        recorder.settle()  # the next message's 354: the record is made again, on a new connection
        assert recorder.record_sent._pgconn.backend_pid != pid
        recorder.sent(second, utcnow())
    finally:
        recorder.close()
    assert _statuses(engine) == {first.id: SENT, second.id: SENT}


@pytest.mark.only_on("postgresql")
def test_the_statement_is_prepared_on_the_server_once_per_connection_and_again_when_dropped(app, session):
    engine = app.extensions["borgerpanel.engine"]
    first, second, third = _claimed(session, 3)
    at = utcnow()
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        statement = SentStatement(connection)
        prepared = connection.exec_driver_sql("SELECT name FROM pg_prepared_statements").scalars().all()
        assert prepared.count("borgerpanel_mark_sent") == 1
        statement.begin(first.id, "w1", at)
        assert statement.end() is True
        # psycopg drops a connection's prepared statements (DEALLOCATE ALL) after a ROLLBACK of
        # its own that followed statements it had prepared: the record prepares it again.
        connection.exec_driver_sql("DEALLOCATE ALL")
        statement.begin(second.id, "w1", at)
        assert statement.end() is True
        # The pool's note of it lost while the server still has it: preparing again is no error.
        connection.connection.info.clear()
        again = SentStatement(connection)
        again.begin(third.id, "w1", at)
        assert again.end() is True
        statement.close()
        again.close()
    assert _statuses(engine) == {first.id: SENT, second.id: SENT, third.id: SENT}


def test_a_record_refused_for_another_reason_stops_the_recorder(app, session, monkeypatch):
    engine = app.extensions["borgerpanel.engine"]
    first, second = _claimed(session, 2)
    recorder = OutcomeRecorder(engine, "w1")

    def refused(self, *args, **kwargs):
        raise ValueError("not a connection problem")

    monkeypatch.setattr(SentStatement, "begin", refused)
    try:
        recorder.sent(first, utcnow())
        recorder.start()
        with pytest.raises(ValueError):
            recorder.settle()
        recorder.sent(second, utcnow())
        with pytest.raises(RuntimeError, match="could not be recorded"):
            recorder.settle()
    finally:
        recorder.close()
    assert _statuses(engine) == {first.id: SENDING, second.id: SENDING}
