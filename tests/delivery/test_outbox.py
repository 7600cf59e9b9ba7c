"""The outbox: at most one row per promise, claiming, leases, reply tokens, SMS status order."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, text
from sqlmodel import Session

from engagement.db import utcnow
from engagement.delivery import outbox
from engagement.delivery.models import EXPIRED, PENDING, SENDING, SENT, OutboxMessage
from tests.factories import make_panel, make_panelist

SECRET = "a-secret-key-that-is-long-enough-for-hmac-0123456789"


def promise(panel, panelist, key, **extra):
    row = {"panel_id": panel.id, "panelist_id": panelist.id, "step": "invitation", "channel": "email",
           "dedupe_key": key, "subject": "Hej", "text": "Tekst"}
    row.update(extra)
    return row


def test_the_same_promise_twice_is_one_row(session):
    panel = make_panel(session)
    panelist = make_panelist(session, panel)
    assert outbox.enqueue(session, [promise(panel, panelist, "k:1"), promise(panel, panelist, "k:2")]) == 2
    session.commit()
    assert outbox.enqueue(session, [promise(panel, panelist, "k:1"), promise(panel, panelist, "k:3")]) == 1
    session.commit()
    assert outbox.enqueue_one(session, **promise(panel, panelist, "reply:7")) is not None
    assert outbox.enqueue_one(session, **promise(panel, panelist, "reply:7")) is None
    session.commit()
    keys = session.scalars(select(OutboxMessage.dedupe_key).order_by(OutboxMessage.dedupe_key)).all()
    assert keys == ["k:1", "k:2", "k:3", "reply:7"]


def test_a_chunk_of_mixed_rows_is_stored_value_for_value(session):
    """Email and SMS rows side by side (columns one kind leaves empty), bytes, times, and a
    key that is taken: stored exactly as given, as one statement on PostgreSQL."""
    panel = make_panel(session)
    panelist = make_panelist(session, panel, phone="+4520123456")
    due = utcnow() + timedelta(minutes=5)
    email = promise(panel, panelist, "mix:email", mime=b"Subject: Hej\n\n\xc3\xa6\xc3\xb8 =C3=A5\n",
                    message_id="<m1@example.dk>", to_address=panelist.email, next_attempt_at=due)
    sms = promise(panel, panelist, "mix:sms", channel="sms", text="Svar 1-5. Skriv STOP for at stoppe",
                  to_address="+4520123456", sms_encoding="GSM-7", sms_segments=1)
    assert outbox.enqueue(session, [email, sms, promise(panel, panelist, "mix:email", text="igen")]) == 2
    session.commit()
    rows = {r.dedupe_key: r for r in session.scalars(select(OutboxMessage)).all()}
    assert rows["mix:email"].mime == email["mime"] and rows["mix:email"].text == "Tekst"
    assert rows["mix:email"].next_attempt_at == due and rows["mix:email"].sms_segments is None
    assert (rows["mix:sms"].mime, rows["mix:sms"].sms_encoding, rows["mix:sms"].sms_segments) == (None, "GSM-7", 1)
    assert {r.status for r in rows.values()} == {PENDING}


def test_claims_are_disjoint_and_leases_run_out(app, session):
    panel = make_panel(session)
    panelist = make_panelist(session, panel)
    now = utcnow()
    outbox.enqueue(session, [promise(panel, panelist, f"k:{i}", next_attempt_at=now) for i in range(5)])
    session.commit()
    engine = app.extensions["borgerpanel.engine"]
    with Session(engine) as first, Session(engine) as second:
        a = outbox.claim(first, worker_id="a", now=now, limit=3)
        b = outbox.claim(second, worker_id="b", now=now, limit=3)
        assert len(a) == 3 and len(b) == 2
        assert not {r.id for r in a} & {r.id for r in b}
        assert {r.status for r in a + b} == {SENDING} and {r.attempts for r in a} == {1}
        # Nothing more to claim while the leases hold ...
        assert outbox.claim(second, worker_id="c", now=now + timedelta(minutes=4), limit=10) == []
        # ... but a worker killed after claiming leaves its rows to the next one.
        outbox.mark_sent(first, a[0].id, "a", now)
        first.commit()
        again = outbox.claim(second, worker_id="c", now=now + timedelta(minutes=6), limit=10)
        assert sorted(r.id for r in again) == sorted(r.id for r in a[1:] + b)
        assert {r.claimed_by for r in again} == {"c"} and {r.attempts for r in again} == {2}
        # The late first worker can no longer record a result on a row it lost.
        assert outbox.mark_sent(first, a[1].id, "a", now) is False


def test_rows_in_the_future_wait_and_expired_rows_never_go(session):
    panel = make_panel(session)
    panelist = make_panelist(session, panel)
    now = utcnow()
    outbox.enqueue(session, [promise(panel, panelist, "later", next_attempt_at=now + timedelta(hours=1)),
                             promise(panel, panelist, "too-late", expires_at=now - timedelta(seconds=1))])
    session.commit()
    assert outbox.claim(session, worker_id="w", now=now) == []
    expired = session.scalars(select(OutboxMessage).where(OutboxMessage.dedupe_key == "too-late")).one()
    session.refresh(expired)
    assert expired.status == EXPIRED
    assert [r.dedupe_key for r in outbox.claim(session, worker_id="w", now=now + timedelta(hours=1))] == ["later"]


def test_retry_backs_off_and_gives_up(session):
    panel = make_panel(session)
    panelist = make_panelist(session, panel)
    now = utcnow()
    outbox.enqueue(session, [promise(panel, panelist, "k", next_attempt_at=now)])
    session.commit()
    row = outbox.claim(session, worker_id="w", now=now)[0]
    assert outbox.mark_retry(session, row, "w", now, reason="451", code=451) == PENDING
    session.commit()
    session.refresh(row)
    assert row.next_attempt_at == now + timedelta(minutes=1) and row.error_code == 451
    assert [outbox.retry_delay(n).total_seconds() for n in (1, 2, 3, 20)] == [60, 120, 240, 6 * 3600]
    row.attempts = outbox.MAX_ATTEMPTS - 1
    session.add(row)
    session.commit()
    row = outbox.claim(session, worker_id="w", now=now + timedelta(hours=1))[0]
    assert outbox.mark_retry(session, row, "w", now, reason="451") == "failed"




def test_a_claim_takes_rows_whose_lease_ran_out_first_then_the_earliest_due(session):
    panel = make_panel(session)
    panelist = make_panelist(session, panel)
    now = utcnow()
    outbox.enqueue(session, [promise(panel, panelist, f"due:{i}", next_attempt_at=now - timedelta(minutes=i))
                             for i in range(4)]
                   + [promise(panel, panelist, "sms", channel="sms", next_attempt_at=now - timedelta(hours=1))])
    session.commit()
    held = outbox.claim(session, worker_id="killed", now=now - timedelta(seconds=150), limit=5, channel="email")
    assert [r.dedupe_key for r in held] == ["due:3"]  # claimed earlier by a worker that then died
    later = now + timedelta(minutes=10)  # its lease (5 minutes) has run out
    claimed = outbox.claim(session, worker_id="w", now=later, limit=3, channel="email")
    # The row left in "sending" comes first, then pending rows by due time; at most ``limit``.
    assert [r.dedupe_key for r in claimed] == ["due:3", "due:2", "due:1"]
    assert {r.claimed_by for r in claimed} == {"w"} and claimed[0].attempts == 2
    rest = outbox.claim(session, worker_id="w", now=later, limit=10)
    assert [r.dedupe_key for r in rest] == ["sms", "due:0"]  # every channel, in due order


@pytest.mark.only_on("postgresql")
def test_a_claim_reads_only_the_rows_it_takes(session):
    """The claim walks ix_outbox_queue in order and stops: from a queue of 5,000 due rows, a
    batch of 10 fetches a few dozen tuples, not the whole queue (read and sorted before).
    (On a small table the planner may rightly scan it whole to find the rows to update.)"""
    panel = make_panel(session)
    panelist = make_panelist(session, panel)
    now = utcnow()
    outbox.enqueue(session, [promise(panel, panelist, f"k:{i}", channel=("email", "sms")[i % 2],
                                     next_attempt_at=now - timedelta(seconds=i)) for i in range(5000)])
    session.commit()
    session.execute(text("ANALYZE outbox_message"))
    session.commit()
    fetched = text("SELECT coalesce(idx_tup_fetch, 0) + coalesce(seq_tup_read, 0) FROM pg_stat_xact_user_tables "
                   "WHERE relname = 'outbox_message'")
    with session.begin():
        before = session.execute(fetched).scalar_one()
        rows = outbox._claim_part(session, outbox.OutboxMessage.status == PENDING, "w", now, 10, None, False)
        read = session.execute(fetched).scalar_one() - before
    assert sorted(r.dedupe_key for r in rows) == sorted(f"k:{i}" for i in range(4990, 5000))
    assert read < 100, read


@pytest.mark.only_on("postgresql")
def test_skip_locked_on_postgresql(app, session):
    engine = app.extensions["borgerpanel.engine"]
    panel = make_panel(session)
    panelist = make_panelist(session, panel)
    now = utcnow()
    outbox.enqueue(session, [promise(panel, panelist, f"k:{i}", next_attempt_at=now + timedelta(seconds=i))
                             for i in range(3)])
    session.commit()
    first_id = session.scalars(select(OutboxMessage.id).order_by(OutboxMessage.id)).first()
    with engine.connect() as other:
        other.execute(text("SELECT id FROM outbox_message WHERE id = :id FOR UPDATE"), {"id": first_id})
        claimed = outbox.claim(session, worker_id="w", now=now + timedelta(minutes=1), limit=10)
        assert first_id not in {r.id for r in claimed} and len(claimed) == 2
        other.rollback()


@pytest.mark.parametrize("form", ["plus", "dot"])
def test_reply_tokens_survive_lower_casing_and_both_address_forms(form):
    key = outbox.new_reply_key()
    token = outbox.make_reply_token(key, SECRET)
    assert len(token) == 20 and token == token.lower() and token.isalnum()
    address = outbox.reply_address(token, "svar.example.dk", form=form)
    assert address.startswith("svar+" if form == "plus" else "svar.")
    found = outbox.token_from_address(address.upper())
    assert outbox.read_reply_token(found, SECRET) == key


@pytest.mark.parametrize("token", ["", "short", "a" * 20, "!" * 20])
def test_forged_or_damaged_tokens_are_refused(token):
    assert outbox.read_reply_token(token, SECRET) is None


def test_a_token_made_with_another_secret_is_refused():
    token = outbox.make_reply_token(outbox.new_reply_key(), SECRET)
    assert outbox.read_reply_token(token, SECRET + "x") is None


def test_sms_status_never_goes_back(session):
    panel = make_panel(session)
    panelist = make_panelist(session, panel)
    outbox.enqueue(session, [promise(panel, panelist, "sms", channel="sms", external_id="SM1", status=SENT,
                                     delivery_status="queued")])
    session.commit()
    for status, expected in [("sent", "sent"), ("delivered", "delivered"), ("sent", "delivered"),
                             ("queued", "delivered"), ("failed", "delivered")]:
        row = outbox.record_sms_status(session, "SM1", status)
        session.commit()
        assert row.delivery_status == expected
    assert outbox.record_sms_status(session, "SM-unknown", "delivered") is None
