"""Delivery workers through a real SMTP server on loopback (aiosmtpd)."""
from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

from sqlmodel import Session, select

from engagement.campaigns import service
from engagement.db import utcnow
from engagement.delivery import outbox
from engagement.delivery.sent_statement import SentStatement
from engagement.delivery.models import CANCELLED, FAILED, PENDING, SENDING, SENT, OutboxMessage
from engagement.delivery.worker import DeliveryWorker, Pacer
from engagement.panel.models import ACTIVE, LEFT, Panelist
from tests.campaigns.builders import make_campaign
from tests.campaigns.loopback import build_app, clear_tables, free_port
from tests.campaigns.loopback import smtp_app, smtp_sink  # noqa: F401  (fixtures)
from tests.factories import make_panel, make_panelist


def start_campaign(app, count=3, **panelist_fields):
    engine = app.extensions["borgerpanel.engine"]
    with app.app_context(), Session(engine, expire_on_commit=False) as session:
        panel = make_panel(session)
        panelists = [make_panelist(session, panel, **panelist_fields) for _ in range(count)]
        now = utcnow()
        campaign = make_campaign(session, panel, now=now)
        service.tick(session, now)
        return panel, panelists, campaign


def outbox_rows(app, campaign_id):
    with Session(app.extensions["borgerpanel.engine"]) as session:
        return list(session.exec(select(OutboxMessage).where(OutboxMessage.campaign_id == campaign_id)
                                 .order_by(OutboxMessage.panelist_id)).all())


def test_invitations_go_as_danish_mail_with_our_headers(smtp_app, smtp_sink):
    panel, panelists, campaign = start_campaign(smtp_app, count=3)
    worker = DeliveryWorker(smtp_app, worker_id="w1")
    assert worker.run_once() == 3
    assert smtp_sink.handler.connections == 1  # one SMTP connection served the batch
    rows = outbox_rows(smtp_app, campaign.id)
    assert {r.status for r in rows} == {SENT}
    by_id = {r.message_id: r for r in rows}
    messages = smtp_sink.messages()
    assert sorted(r.rcpt_tos[0] for r in smtp_sink.received) == sorted(p.email for p in panelists)
    for message in messages:
        row = by_id[message["Message-ID"]]                       # our Message-ID, stored on the row
        assert message["Message-ID"].endswith("@svar.example.dk>")
        assert message.get_content_type() == "text/plain"
        body = message.get_content().replace("\r\n", "\n")  # CRLF on the wire
        assert body.startswith("Hej Borger\n")                    # greeted by first name
        assert "1. Hvor tilfreds er du med busserne?" in body and "2. Cykler du til arbejde?" in body
        assert "Venlig hilsen\nBorgerpanelet" in body
        assert message["Date"] is not None                        # put in front at send time
        # The bytes the server got are the bytes stored on the row (plus Date, and CRLF on the wire).
        raw = next(r.data for r in smtp_sink.received if message["Message-ID"].encode() in r.data)
        assert raw.replace(b"\r\n", b"\n").split(b"\n", 1)[1] == row.mime
        assert message["Reply-To"] == f"svar+{row.reply_token}@svar.example.dk"
        unsubscribe = str(message["List-Unsubscribe"])
        assert "<https://panel.example.dk/" in unsubscribe and f"<mailto:svar+{row.reply_token}@" in unsubscribe
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert message["X-Auto-Response-Suppress"] == "All"
        assert message["Subject"] == "Vil du svare på et par spørgsmål om Trafik i byen?"
    # The reply token in the address leads back to the panelist and the campaign.
    with smtp_app.app_context(), Session(smtp_app.extensions["borgerpanel.engine"]) as session:
        token = outbox.token_from_address(str(messages[0]["Reply-To"]))
        recipient = service.find_by_reply_token(session, token)
        assert recipient.campaign_id == campaign.id
        assert recipient.panelist_id == by_id[messages[0]["Message-ID"]].panelist_id


def test_permanent_smtp_failure_marks_the_address(smtp_app, smtp_sink):
    panel, panelists, campaign = start_campaign(smtp_app, count=3)
    smtp_sink.handler.refuse[panelists[1].email] = "550 5.1.1 No such user"
    DeliveryWorker(smtp_app, worker_id="w1").run_once()
    rows = outbox_rows(smtp_app, campaign.id)
    assert [r.status for r in rows] == [SENT, FAILED, SENT]
    assert rows[1].error_code == 550
    assert panelists[1].email not in rows[1].last_error  # no addresses in the outbox's error column
    with Session(smtp_app.extensions["borgerpanel.engine"]) as session:
        assert session.get(Panelist, panelists[1].id).email_status == "bounced"
        assert session.get(Panelist, panelists[0].id).email_status == "ok"
    assert len(smtp_sink.received) == 2


def test_temporary_smtp_failure_is_retried_later(smtp_app, smtp_sink):
    panel, panelists, campaign = start_campaign(smtp_app, count=1)
    smtp_sink.handler.refuse[panelists[0].email] = "451 4.3.0 Try again later"
    worker = DeliveryWorker(smtp_app, worker_id="w1")
    before = utcnow()
    worker.run_once()
    row = outbox_rows(smtp_app, campaign.id)[0]
    assert row.status == PENDING and row.attempts == 1 and row.error_code == 451
    assert row.next_attempt_at >= before + timedelta(seconds=59)
    assert worker.run_once() == 0          # not due yet
    smtp_sink.handler.refuse.clear()
    assert worker.run_once(now=utcnow() + timedelta(minutes=2)) == 1
    assert outbox_rows(smtp_app, campaign.id)[0].status == SENT
    assert len(smtp_sink.received) == 1


def test_unreachable_smtp_server_leaves_everything_for_later(database_url, tmp_path):
    app = build_app(database_url, tmp_path, smtp_host="127.0.0.1", smtp_port=free_port(),
                    smtp_security="none", smtp_timeout=2)
    try:
        panel, panelists, campaign = start_campaign(app, count=3)
        DeliveryWorker(app, worker_id="w1").run_once()
        rows = outbox_rows(app, campaign.id)
        assert {r.status for r in rows} == {PENDING}
        assert [r.attempts for r in rows] == [1, 0, 0]  # only the one that was tried counts
        assert all(r.next_attempt_at > utcnow() for r in rows)
    finally:
        clear_tables(app)


def test_a_killed_worker_leaves_its_rows_to_be_sent_once(smtp_app, smtp_sink):
    panel, panelists, campaign = start_campaign(smtp_app, count=2)
    engine = smtp_app.extensions["borgerpanel.engine"]
    now = utcnow()
    with Session(engine) as session:
        claimed = outbox.claim(session, worker_id="killed", now=now, limit=10)
        assert len(claimed) == 2
    # The worker died here, before sending. Within the lease nobody touches the rows:
    other = DeliveryWorker(smtp_app, worker_id="w2")
    assert other.run_once(now=now + timedelta(minutes=1)) == 0
    assert {r.status for r in outbox_rows(smtp_app, campaign.id)} == {SENDING}
    # After the lease they go, once.
    assert other.run_once(now=now + timedelta(minutes=6)) == 2
    assert other.run_once(now=now + timedelta(minutes=20)) == 0
    assert {r.status for r in outbox_rows(smtp_app, campaign.id)} == {SENT}
    assert len(smtp_sink.received) == 2


class Killed(BaseException):
    """SIGKILL, as far as the worker can tell: nothing after it runs."""


def test_sent_is_committed_after_every_message_so_a_kill_doubles_at_most_the_one_in_flight(
        smtp_app, smtp_sink, monkeypatch):
    panel, panelists, campaign = start_campaign(smtp_app, count=5)
    recorded = []
    real_begin = SentStatement.begin

    def dies_on_the_third(self, row_id, *args, **kwargs):
        if len(recorded) == 2:
            raise Killed()  # the server took message 3; the worker dies before recording it
        recorded.append(row_id)
        return real_begin(self, row_id, *args, **kwargs)

    monkeypatch.setattr(SentStatement, "begin", dies_on_the_third)
    now = utcnow()
    worker = DeliveryWorker(smtp_app, worker_id="killed")
    try:
        worker.run_once(now=now)
    except Killed:
        pass
    monkeypatch.setattr(SentStatement, "begin", real_begin)
    # Read from another connection: the two recorded sends are committed, the rest still claimed.
    rows = outbox_rows(smtp_app, campaign.id)
    assert sorted(r.id for r in rows if r.status == SENT) == sorted(recorded)
    assert sum(r.status == SENDING for r in rows) == 3
    assert len(smtp_sink.received) == 3
    # After the lease the three go: two for the first time, and the one in flight once more.
    DeliveryWorker(smtp_app, worker_id="w2").run_once(now=now + timedelta(minutes=6))
    assert {r.status for r in outbox_rows(smtp_app, campaign.id)} == {SENT}
    per_recipient = {}
    for message in smtp_sink.received:
        per_recipient[message.rcpt_tos[0]] = per_recipient.get(message.rcpt_tos[0], 0) + 1
    assert sorted(per_recipient.values()) == [1, 1, 1, 1, 2]


def test_someone_who_left_before_the_send_gets_nothing(smtp_app, smtp_sink):
    panel, panelists, campaign = start_campaign(smtp_app, count=2)
    with Session(smtp_app.extensions["borgerpanel.engine"]) as session:
        gone = session.get(Panelist, panelists[0].id)
        gone.status = LEFT
        session.add(gone)
        session.commit()
    DeliveryWorker(smtp_app, worker_id="w1").run_once()
    assert [r.status for r in outbox_rows(smtp_app, campaign.id)] == [CANCELLED, SENT]
    assert [r.rcpt_tos for r in smtp_sink.received] == [[panelists[1].email]]


def test_one_click_unsubscribe_from_the_list_unsubscribe_header(smtp_app, smtp_sink):
    panel, panelists, campaign = start_campaign(smtp_app, count=1)
    DeliveryWorker(smtp_app, worker_id="w1").run_once()
    message = smtp_sink.messages()[0]
    https = next(part.strip("<> ") for part in str(message["List-Unsubscribe"]).split(",")
                 if "https://" in part)
    path = urlsplit(https).path
    client = smtp_app.test_client()
    # A link scanner's GET changes nothing: it shows a page with a button.
    page = client.get(path)
    assert page.status_code == 200 and "<form" in page.get_data(as_text=True)
    engine = smtp_app.extensions["borgerpanel.engine"]
    with Session(engine) as session:
        assert session.get(Panelist, panelists[0].id).status == ACTIVE
    # The mail provider's one-click POST (RFC 8058) carries no cookie and no CSRF token.
    answer = client.post(path, data={"List-Unsubscribe": "One-Click"})
    assert answer.status_code == 200
    with Session(engine) as session:
        assert session.get(Panelist, panelists[0].id).status == LEFT
    # The reminder never reaches someone who left.
    with smtp_app.app_context(), Session(engine, expire_on_commit=False) as session:
        service.tick(session, utcnow() + timedelta(days=3, minutes=1))
    assert [r.step for r in outbox_rows(smtp_app, campaign.id)] == ["invitation"]


def test_pacer_spaces_sends():
    clock = [0.0]
    slept = []

    def sleep(seconds):
        slept.append(round(seconds, 3))
        clock[0] += seconds

    pacer = Pacer(rate=4, clock=lambda: clock[0], sleep=sleep)
    for _ in range(5):
        pacer.wait()
    assert slept == [0.25, 0.25, 0.25, 0.25]
    unlimited = Pacer(rate=0, clock=lambda: clock[0], sleep=sleep)
    unlimited.wait()
    unlimited.wait()
    assert len(slept) == 4


def test_rate_limit_per_channel_is_applied(smtp_app, smtp_sink):
    start_campaign(smtp_app, count=3)
    worker = DeliveryWorker(smtp_app, worker_id="w1", email_rate=20)
    import time

    began = time.monotonic()
    worker.run_once()
    assert time.monotonic() - began >= 0.09  # three sends at 20 a second: at least two gaps of 50 ms
    assert len(smtp_sink.received) == 3


def test_a_message_rebuilt_for_a_changed_address_keeps_its_calendar_file(smtp_app, smtp_sink):
    """A meeting notice enqueued for one address and sent after the panelist changed it is composed
    again for the new address: with the same Message-ID and the same .ics (METHOD:REQUEST)."""
    from datetime import datetime, timezone

    from icalendar import Calendar

    from engagement.meetings import service as meetings
    from tests.meetings.support import make_meeting

    now = datetime(2027, 3, 1, 12, 0, tzinfo=timezone.utc)
    with smtp_app.app_context(), Session(smtp_app.extensions["borgerpanel.engine"],
                                         expire_on_commit=False) as session:
        panel, stored = make_meeting(session)
        who = make_panelist(session, panel, email="gammel.adresse@example.dk")
        meetings.respond(session, stored, who, "yes", 0, source="email", now=now)
        meetings.change_meeting(session, stored, starts_at=datetime(2027, 3, 30, 17, 0, tzinfo=timezone.utc),
                                ends_at=datetime(2027, 3, 30, 19, 0, tzinfo=timezone.utc),
                                location="Rådhuset", now=now)
        session.commit()
        [notice] = session.exec(select(OutboxMessage).where(OutboxMessage.dedupe_key.like("%:changed:1"))).all()
        who.email = "ny.adresse@example.dk"
        session.add(who)
        session.commit()
    DeliveryWorker(smtp_app, worker_id="w1").run_once(now=now + timedelta(minutes=1))
    [sent] = [m for m in smtp_sink.messages() if m["Message-ID"] == notice.message_id]
    assert sent["To"].addresses[0].addr_spec == "ny.adresse@example.dk"
    [calendar] = [part for part in sent.walk() if part.get_content_type() == "text/calendar"]
    assert calendar.get_param("method") == "REQUEST" and calendar.get_filename()
    event = Calendar.from_ical(calendar.get_content()).walk("VEVENT")[0]
    assert str(event["location"]) == "Rådhuset" and int(event["sequence"]) == 1


def test_the_panel_is_read_only_for_a_message_composed_anew(smtp_app, smtp_sink):
    """Rows carry their finished bytes: a batch reads no panel, unless a message must be composed
    again (here, a changed address), and then that panel once, for its sender name."""
    import re

    from sqlalchemy import event

    engine = smtp_app.extensions["borgerpanel.engine"]
    panel, panelists, campaign = start_campaign(smtp_app, count=3)
    panel_reads = []

    def count(conn, cursor, statement, parameters, context, executemany):
        if re.search(r"\bFROM panel\b", statement):
            panel_reads.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        DeliveryWorker(smtp_app, worker_id="w1", batch_size=2).run_once()
        assert panel_reads == []
        [waiting] = [r for r in outbox_rows(smtp_app, campaign.id) if r.status == PENDING]
        with Session(engine) as session:
            moved = session.get(Panelist, waiting.panelist_id)
            moved.email = "flyttet@example.dk"
            session.add(moved)
            session.commit()
        DeliveryWorker(smtp_app, worker_id="w1").run_once()
        assert len(panel_reads) == 1
    finally:
        event.remove(engine, "before_cursor_execute", count)
    [again] = [m for m in smtp_sink.messages() if m["To"].addresses[0].addr_spec == "flyttet@example.dk"]
    assert again["From"].addresses[0].display_name == panel.sender_name
    assert {r.status for r in outbox_rows(smtp_app, campaign.id)} == {SENT}
