"""Nothing is lost to its bytes: hostile emails stored as they came and read with a reason."""
from __future__ import annotations

from sqlmodel import select

from engagement.inbound import store
from engagement.inbound.models import FAILED, PROCESSED, RECEIVED, InboundMessage, bounded_text
from engagement.inbound.worker import InboundWorker
from tests.inbound.support import email_bytes, invite


def _store(app, session, raw: bytes):
    with app.app_context():
        row, is_new = store.store_email(session, raw)
        session.commit()
    return row, is_new


def test_bounded_text_keeps_every_character_it_can():
    assert bounded_text("a\x00b\ud800c", 10) == "a\ufffdb\ufffdc"
    assert bounded_text("x" * 400, 320) == "x" * 320
    assert bounded_text(None, 5) is None


def test_nul_bytes_in_headers_and_body_are_stored_and_read(app, session):
    _panel, _campaign, [who] = invite(session)
    raw = email_bytes(to=who.reply_address, body="1. 4\n2. ja\x00", subject="Re:\x00 Trafik",
                      message_id="<nul\x00@example.dk>", sender="Borger\x00 <borger@example.dk>")
    row, is_new = _store(app, session, raw)
    assert is_new and row.external_id.startswith("sha256:") and bytes(row.raw) == raw
    assert InboundWorker(app).run_once() == 1
    session.expire_all()
    row = session.get(InboundMessage, row.id)
    assert row.status == PROCESSED and row.reason and "\x00" not in row.subject + row.text
    assert _store(app, session, raw)[1] is False  # the same bytes again: the same message


def test_a_reused_message_id_with_other_bytes_is_a_new_message(app, session):
    _panel, _campaign, [a, b] = invite(session, count=2)
    first = email_bytes(to=a.reply_address, body="1. 4\n2. ja", message_id="<same@example.dk>")
    second = email_bytes(to=b.reply_address, body="1. 2\n2. nej", message_id="<same@example.dk>")
    one, new_one = _store(app, session, first)
    two, new_two = _store(app, session, second)
    assert new_one and new_two and one.id != two.id
    assert two.external_id.startswith("sha256:") and "reused" in two.problems[0]
    assert _store(app, session, second)[1] is False and _store(app, session, first)[1] is False
    InboundWorker(app).run_once()
    session.expire_all()
    rows = session.exec(select(InboundMessage).order_by(InboundMessage.id)).all()
    assert [(r.panelist_id, r.status) for r in rows] == [(a.panelist.id, PROCESSED), (b.panelist.id, PROCESSED)]


def test_an_over_long_sender_and_subject_are_cut_and_kept_raw(app, session):
    _panel, _campaign, [who] = invite(session)
    raw = email_bytes(to=who.reply_address, body="1. 4\n2. ja", sender="b" * 400 + "@example.dk",
                      subject="Re: " + "lang " * 200)
    row, _ = _store(app, session, raw)
    InboundWorker(app).run_once()
    session.expire_all()
    row = session.get(InboundMessage, row.id)
    assert row.status != RECEIVED and row.reason
    assert len(row.sender or "") <= 320 and len(row.subject) <= 300 and bytes(row.raw) == raw


def test_our_own_error_waits_and_then_fails_visibly(app, session, monkeypatch):
    from engagement.inbound import pipeline

    _panel, _campaign, [who] = invite(session)
    row, _ = _store(app, session, email_bytes(to=who.reply_address, body="1. 4\n2. ja"))

    def broken(*_args, **_kwargs):
        raise RuntimeError("a bug of ours")

    monkeypatch.setattr(pipeline, "_process", broken)
    worker = InboundWorker(app)
    assert worker.run_once() == 1
    assert worker.run_once() == 0  # it waits until retry_at, not a hot loop
    session.expire_all()
    stored = session.get(InboundMessage, row.id)
    assert stored.status == RECEIVED and stored.attempts == 1 and stored.retry_at is not None
    for _ in range(4):
        with app.app_context():
            pipeline.process_message(session, row.id)
    session.expire_all()
    stored = session.get(InboundMessage, row.id)
    assert stored.status == FAILED and stored.needs_staff and "RuntimeError" in stored.reason
