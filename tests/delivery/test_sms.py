"""SMS through Twilio's official SDK against a local stand-in for its API, and the status callback."""
from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session, select
from twilio.request_validator import RequestValidator

from engagement.campaigns import service
from engagement.db import utcnow
from engagement.delivery.models import FAILED, PENDING, SENT, OutboxMessage
from engagement.delivery.sms import FileSmsSender, TwilioSmsSender, read_sms_outbox
from engagement.delivery.worker import DeliveryWorker
from engagement.panel.models import Panelist
from tests.campaigns.builders import make_campaign
from tests.campaigns.loopback import build_app, clear_tables
from tests.factories import make_panel, make_panelist
from tests.twilio_standin import (ACCOUNT_SID, AUTH_TOKEN, FROM_NUMBER, MESSAGING_SERVICE_SID,
                                  TwilioStandIn)

CPH = ZoneInfo("Europe/Copenhagen")
NUMBERS = ["+4520123456", "+4520123457", "+4520123458"]


@pytest.fixture
def standin():
    with TwilioStandIn() as server:
        yield server


def twilio_app(database_url, tmp_path, **overrides):
    values = dict(twilio_account_sid=ACCOUNT_SID, twilio_auth_token=AUTH_TOKEN,
                  twilio_messaging_service_sid=MESSAGING_SERVICE_SID)
    values.update(overrides)
    return build_app(database_url, tmp_path, **values)


@pytest.fixture
def sms_app(database_url, tmp_path):
    app = twilio_app(database_url, tmp_path)
    yield app
    clear_tables(app)


def daytime() -> datetime:
    return datetime.now(CPH).replace(hour=12, minute=0, second=0, microsecond=0) + timedelta(days=1)


def start_sms_campaign(app, numbers=NUMBERS, now=None):
    now = now or daytime()
    with app.app_context(), Session(app.extensions["borgerpanel.engine"], expire_on_commit=False) as session:
        panel = make_panel(session)
        panelists = [make_panelist(session, panel, channel="sms", phone=n) for n in numbers]
        campaign = make_campaign(session, panel, now=now)
        service.tick(session, now)
    return panelists, campaign, now


def sms_rows(app, campaign_id):
    with Session(app.extensions["borgerpanel.engine"]) as session:
        return list(session.exec(select(OutboxMessage).where(OutboxMessage.campaign_id == campaign_id)
                                 .order_by(OutboxMessage.panelist_id)).all())


def worker_for(app, standin, **kwargs):
    sender = TwilioSmsSender(app.extensions["borgerpanel.settings"], http_client=standin.http_client())
    return DeliveryWorker(app, worker_id="w1", sms_sender=sender, **kwargs)


def test_the_sdk_sends_what_twilio_expects(sms_app, standin):
    panelists, campaign, now = start_sms_campaign(sms_app)
    assert worker_for(sms_app, standin).run_once(now=now) == 3
    assert len(standin.calls) == 3
    for call, number in zip(standin.calls, NUMBERS):
        assert call.problems == []
        assert call.auth == (ACCOUNT_SID, AUTH_TOKEN)
        assert call.form["To"] == number
        assert call.form["MessagingServiceSid"] == MESSAGING_SERVICE_SID and "From" not in call.form
        assert call.form["StatusCallback"] == "https://panel.example.dk/sms/status"
        body = call.form["Body"]
        assert "1. Hvor tilfreds er du med busserne?" in body and "Cykler du" not in body  # the first only
        assert "2 spørgsmål" in body and body.rstrip().endswith("Svar STOP for at melde dig ud.")
    rows = sms_rows(sms_app, campaign.id)
    assert {r.status for r in rows} == {SENT}
    assert all(r.external_id.startswith("SM") and r.delivery_status == "queued" for r in rows)
    assert all(r.sms_segments in (1, 2, 3) for r in rows)


def test_a_from_number_when_there_is_no_messaging_service(database_url, tmp_path, standin):
    app = twilio_app(database_url, tmp_path, twilio_messaging_service_sid="", twilio_from_number=FROM_NUMBER)
    try:
        start_sms_campaign(app, numbers=NUMBERS[:1])
        worker_for(app, standin).run_once(now=daytime())
        assert standin.calls[0].form["From"] == FROM_NUMBER
        assert "MessagingServiceSid" not in standin.calls[0].form and standin.calls[0].problems == []
    finally:
        clear_tables(app)


@pytest.mark.parametrize("status, code, row_status, sms_status", [
    (400, 21610, FAILED, "opted_out"),
    (400, 21211, FAILED, "invalid"),
    (429, 20429, PENDING, "ok"),
    (500, None, PENDING, "ok"),
])
def test_twilio_errors(sms_app, standin, status, code, row_status, sms_status):
    panelists, campaign, now = start_sms_campaign(sms_app, numbers=NUMBERS[:1])
    standin.answer(NUMBERS[0], status, code)
    worker_for(sms_app, standin).run_once(now=now)
    row = sms_rows(sms_app, campaign.id)[0]
    assert row.status == row_status
    if row_status == PENDING:
        assert row.next_attempt_at > now and row.attempts == 1
    with Session(sms_app.extensions["borgerpanel.engine"]) as session:
        assert session.get(Panelist, panelists[0].id).sms_status == sms_status


def test_sms_wait_for_the_end_of_quiet_hours(sms_app, standin):
    night = datetime.now(CPH).replace(hour=23, minute=0, second=0, microsecond=0) + timedelta(days=1)
    panelists, campaign, _ = start_sms_campaign(sms_app, numbers=NUMBERS[:1], now=night)
    row = sms_rows(sms_app, campaign.id)[0]
    assert row.next_attempt_at.astimezone(CPH).hour == 9
    worker = worker_for(sms_app, standin)
    assert worker.run_once(now=night + timedelta(hours=1)) == 0
    assert standin.calls == []


def test_a_retry_that_falls_in_quiet_hours_waits(sms_app, standin):
    """The worker checks quiet hours at send time too (e.g. a retry due at 23:00)."""
    panelists, campaign, now = start_sms_campaign(sms_app, numbers=NUMBERS[:1])
    late = now.replace(hour=23)
    worker_for(sms_app, standin).run_once(now=late)
    row = sms_rows(sms_app, campaign.id)[0]
    assert row.status == PENDING and row.attempts == 0 and standin.calls == []
    assert row.next_attempt_at == (now + timedelta(days=1)).replace(hour=9)


def test_without_twilio_sms_go_to_the_jsonl_outbox(database_url, tmp_path):
    app = build_app(database_url, tmp_path)
    try:
        panelists, campaign, now = start_sms_campaign(app, numbers=NUMBERS[:2])
        DeliveryWorker(app, worker_id="w1").run_once(now=now)
        lines = read_sms_outbox(app.extensions["borgerpanel.settings"].sms_outbox_file)
        assert [line["to"] for line in lines] == NUMBERS[:2]
        assert all(line["sid"].startswith("LOCAL") for line in lines)
        assert {r.status for r in sms_rows(app, campaign.id)} == {SENT}
    finally:
        clear_tables(app)


def test_file_sender_appends(tmp_path):
    sender = FileSmsSender(tmp_path / "sms.jsonl")
    sender.send("+4520123456", "Hej æøå")
    sender.send("+4520123457", "Hej igen")
    assert [r["body"] for r in read_sms_outbox(tmp_path / "sms.jsonl")] == ["Hej æøå", "Hej igen"]


def signed_post(client, params, url="https://panel.example.dk/sms/status", token=AUTH_TOKEN):
    signature = RequestValidator(token).compute_signature(url, params)
    return client.post("/sms/status", data=params, headers={"X-Twilio-Signature": signature})


def test_status_callback_records_delivery_in_order(sms_app, standin):
    panelists, campaign, now = start_sms_campaign(sms_app, numbers=NUMBERS[:1])
    worker_for(sms_app, standin).run_once(now=now)
    sid = sms_rows(sms_app, campaign.id)[0].external_id
    client = sms_app.test_client()
    base = {"MessageSid": sid, "AccountSid": ACCOUNT_SID, "To": NUMBERS[0], "ApiVersion": "2010-04-01"}
    assert signed_post(client, {**base, "MessageStatus": "delivered"}).status_code == 204
    # A late "sent" never moves the row back.
    assert signed_post(client, {**base, "MessageStatus": "sent"}).status_code == 204
    assert sms_rows(sms_app, campaign.id)[0].delivery_status == "delivered"


def test_status_callback_with_a_bad_signature_is_refused(sms_app, standin):
    panelists, campaign, now = start_sms_campaign(sms_app, numbers=NUMBERS[:1])
    worker_for(sms_app, standin).run_once(now=now)
    sid = sms_rows(sms_app, campaign.id)[0].external_id
    client = sms_app.test_client()
    params = {"MessageSid": sid, "MessageStatus": "delivered"}
    # Signed over the request's own URL (what a proxy would show us), not the public one: refused.
    assert signed_post(client, params, url="http://localhost/sms/status").status_code == 403
    assert signed_post(client, params, token="wrong-token").status_code == 403
    assert client.post("/sms/status", data=params).status_code == 403
    # A field added after signing breaks the signature too.
    signature = RequestValidator(AUTH_TOKEN).compute_signature("https://panel.example.dk/sms/status", params)
    tampered = client.post("/sms/status", data={**params, "ErrorCode": "21610"},
                           headers={"X-Twilio-Signature": signature})
    assert tampered.status_code == 403
    assert sms_rows(sms_app, campaign.id)[0].delivery_status == "queued"


def test_status_callback_failure_21610_marks_the_number(sms_app, standin):
    panelists, campaign, now = start_sms_campaign(sms_app, numbers=NUMBERS[:1])
    worker_for(sms_app, standin).run_once(now=now)
    sid = sms_rows(sms_app, campaign.id)[0].external_id
    response = signed_post(sms_app.test_client(), {"MessageSid": sid, "MessageStatus": "undelivered",
                                                   "ErrorCode": "21610"})
    assert response.status_code == 204
    with Session(sms_app.extensions["borgerpanel.engine"]) as session:
        assert session.get(Panelist, panelists[0].id).sms_status == "opted_out"


def test_reminder_asks_the_question_still_open(sms_app, standin):
    from engagement.surveys.service import record_answers

    panelists, campaign, now = start_sms_campaign(sms_app, numbers=NUMBERS[:1])
    worker_for(sms_app, standin).run_once(now=now)
    with sms_app.app_context(), Session(sms_app.extensions["borgerpanel.engine"], expire_on_commit=False) as session:
        # The panelist answered question 1 by SMS; the next question would have gone as a reply.
        record_answers(session, campaign.panel_id, campaign.definition_id, panelists[0].id, {"bus": 4}, "sms")
        session.commit()
        # Issue 15: the reminder asks for what is missing, here question 2 (not question 1 again).
        service.tick(session, now + timedelta(days=3, hours=1))
    rows = sms_rows(sms_app, campaign.id)
    assert [r.step for r in rows] == ["invitation", "reminder-1"]
    assert "2. Cykler du til arbejde?" in rows[1].text and "busserne" not in rows[1].text
    with sms_app.app_context(), Session(sms_app.extensions["borgerpanel.engine"], expire_on_commit=False) as session:
        # Every question answered: no further reminder.
        record_answers(session, campaign.panel_id, campaign.definition_id, panelists[0].id, {"cykler": "no"}, "sms")
        session.commit()
        assert panelists[0].id not in service.non_responder_ids(session, session.get(type(campaign), campaign.id))
