"""POST /sms/inbound: signatures, dedupe on MessageSid, STOP, the SMS dialogue."""
from __future__ import annotations

import itertools

from sqlmodel import select
from twilio.request_validator import RequestValidator

from engagement.delivery.models import OutboxMessage
from engagement.inbound.models import PROCESSED, RECEIVED, STOP, InboundMessage
from engagement.inbound.worker import InboundWorker
from engagement.surveys.models import Answer
from tests.inbound.conftest import TWILIO_TOKEN
from tests.inbound.support import invite

URL = "http://localhost/sms/inbound"
_sid = itertools.count(1)


def _form(number: str, body: str, sid: str | None = None) -> dict:
    return {"MessageSid": sid or f"SM{next(_sid):032d}", "AccountSid": "AC" + "0" * 32, "From": number,
            "To": "+4570701234", "Body": body, "NumMedia": "0"}


def _post(client, form: dict, signature: str | None = "valid", url: str = URL, work: bool = True):
    """POST the webhook; then (``work``) let an inbound worker read what it stored, as in production."""
    headers = {}
    if signature == "valid":
        headers["X-Twilio-Signature"] = RequestValidator(TWILIO_TOKEN).compute_signature(url, form)
    elif signature:
        headers["X-Twilio-Signature"] = signature
    response = client.post("/sms/inbound", data=form, headers=headers)
    if work:
        InboundWorker(client.application).run_once()
    return response


def test_bad_or_missing_signature_gets_403_and_stores_nothing(client, session):
    form = _form("+4520123456", "4")
    assert _post(client, form, signature=None).status_code == 403
    assert _post(client, form, signature="bm90IGEgc2lnbmF0dXJl").status_code == 403
    signed_for_other_url = RequestValidator(TWILIO_TOKEN).compute_signature("http://evil.example/sms/inbound", form)
    assert _post(client, form, signature=signed_for_other_url).status_code == 403
    tampered = dict(form)
    headers = {"X-Twilio-Signature": RequestValidator(TWILIO_TOKEN).compute_signature(URL, form)}
    tampered["Body"] = "5"
    assert client.post("/sms/inbound", data=tampered, headers=headers).status_code == 403
    assert session.exec(select(InboundMessage)).all() == []


def test_signature_uses_the_public_url_behind_a_proxy(app, client, session):
    from dataclasses import replace

    app.extensions["borgerpanel.settings"] = replace(app.extensions["borgerpanel.settings"],
                                                     public_base_url="https://panel.kommune.dk")
    form = _form("+4520123456", "hej")
    response = _post(client, form, url="https://panel.kommune.dk/sms/inbound")
    assert response.status_code == 200
    assert _post(client, _form("+4520123456", "hej")).status_code == 403  # request.url is not the public one


def test_the_same_message_sid_twice_is_processed_once(client, session):
    _panel, _campaign, [who] = invite(session, channel="sms")
    form = _form(who.panelist.phone, "4")
    first = _post(client, form)
    assert first.status_code == 200 and first.mimetype == "text/xml" and b"<Response>" in first.data
    assert _post(client, form).status_code == 200
    rows = session.exec(select(InboundMessage)).all()
    assert len(rows) == 1 and rows[0].status == PROCESSED
    assert len(session.exec(select(Answer)).all()) == 1
    assert len(session.exec(select(OutboxMessage)).all()) == 1


def test_sms_survey_one_question_at_a_time(client, session):
    _panel, _campaign, [who] = invite(session, channel="sms")
    assert _post(client, _form(who.panelist.phone, "4")).status_code == 200
    session.refresh(who.recipient)
    assert who.recipient.sms_question == "cykler"
    [first] = session.exec(select(OutboxMessage)).all()
    assert first.step == "reply:next_question" and first.channel == "sms" and first.sms_segments
    assert _post(client, _form(who.panelist.phone, "Ja")).status_code == 200
    answers = {a.question_key: a.value for a in session.exec(select(Answer)).all()}
    assert answers == {"bus": 4, "cykler": "yes"}
    steps = [r.step for r in session.exec(select(OutboxMessage).order_by(OutboxMessage.id)).all()]
    assert steps == ["reply:next_question", "reply:receipt"]


def test_stop_and_its_danish_forms_stop_all_sms_at_once(client, session):
    panel, campaign, invited = invite(session, channel="sms", count=3)
    from engagement.delivery import outbox
    for who in invited:
        outbox.enqueue_one(session, panel_id=panel.id, campaign_id=campaign.id, panelist_id=who.panelist.id,
                           step="reminder-1", channel="sms", dedupe_key=f"r{who.panelist.id}", text="Husk")
    session.commit()
    for who, word in zip(invited, ("STOP", "Afmeld", "stop.")):
        assert _post(client, _form(who.panelist.phone, word)).status_code == 200
        session.refresh(who.panelist)
        assert who.panelist.sms_status == "opted_out"
    rows = session.exec(select(InboundMessage)).all()
    assert {r.kind for r in rows} == {STOP}
    statuses = {r.status for r in session.exec(select(OutboxMessage)).all()}
    assert statuses == {"cancelled"}  # nothing pending goes, and no reply (Twilio confirms itself)


def test_unknown_number_goes_to_staff(client, session):
    assert _post(client, _form("+4520999999", "Hvem er I?")).status_code == 200
    [row] = session.exec(select(InboundMessage)).all()
    assert row.needs_staff and row.panelist_id is None and row.sender == "+4520999999"


def test_no_webhook_without_a_twilio_token(app, client):
    from dataclasses import replace

    app.extensions["borgerpanel.settings"] = replace(app.extensions["borgerpanel.settings"], twilio_auth_token="")
    assert client.post("/sms/inbound", data=_form("+4520123456", "4")).status_code == 404


def test_the_webhook_only_stores_and_answers_at_once(client, session):
    _panel, _campaign, [who] = invite(session, channel="sms")
    response = _post(client, _form(who.panelist.phone, "4"), work=False)
    assert response.status_code == 200 and b"<Response>" in response.data
    [row] = session.exec(select(InboundMessage)).all()
    assert row.status == RECEIVED and row.text == "4"  # read later, by a worker
    assert session.exec(select(Answer)).all() == [] and session.exec(select(OutboxMessage)).all() == []
    assert InboundWorker(client.application).run_once() == 1
    session.expire_all()
    assert session.get(InboundMessage, row.id).status == PROCESSED
    assert len(session.exec(select(Answer)).all()) == 1


def test_nothing_in_the_body_can_make_storing_fail(client, session):
    """A NUL, a 100 KB body, a 400-character sender, a NUL in a field's name: each stored,
    answered 200 and read (none left waiting), the raw form kept whole."""
    import json

    forms = [_form("+4520123456", "ja\x00tak"), _form("+4520123458", "ja " * 35_000),
             _form("+45" + "2" * 400, "hej\x00"), {**_form("+4520123459", "nej"), "Extra\x00Field": "x\x00y"}]
    for form in forms:
        assert _post(client, form).status_code == 200
    rows = session.exec(select(InboundMessage).order_by(InboundMessage.id)).all()
    assert len(rows) == len(forms)
    for form, row in zip(forms, rows):
        session.refresh(row)
        assert json.loads(row.raw) == form  # the whole form, every code point
        assert row.status != RECEIVED and row.reason
        assert "\x00" not in row.text + (row.sender or "")
        assert len(row.sender or "") <= 320 and len(row.text) <= 20_000
