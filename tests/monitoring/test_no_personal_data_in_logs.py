"""A realistic day with every log line captured: no address or phone number of the test data in any of them.

Signup over HTTP with double opt-in, a campaign sent by email and SMS to the local outboxes, an
email reply through the pipeline (and one from a stranger), an SMS answer and an SMS STOP through
the signed webhook.  Two checks on every record:

* what the code itself logs at INFO and above (the production level) holds no address or number:
  the rule of the design notes, kept by the code;
* everything, down to DEBUG of every library, passed through the root handler's redaction filter
  and formatter, holds none either: the safety net.
"""
from __future__ import annotations

import copy
import logging
import re
from dataclasses import replace

from sqlmodel import select
from twilio.request_validator import RequestValidator

from engagement.delivery.worker import DeliveryWorker
from engagement.inbound import pipeline, store
from engagement.monitoring.logs import JsonFormatter, RedactingFilter, TEXT_FORMAT
from engagement.panel.models import Panelist
from engagement.scheduling import jobs
from tests.campaigns.builders import make_campaign
from tests.conftest import csrf_token_from
from tests.factories import make_panel, make_panelist
from tests.inbound.support import email_bytes
from tests.panel import link_path, outbox, sign_up

TWILIO_TOKEN = "monitoring-test-auth-token-0123456"
SIGNUP_EMAIL = "Mette.Frederiksen@Example.DK"
SIGNUP_PHONE = "+4521436587"
STRANGER = "ukendt.person@andetdomaene.dk"


def _forms_of(value: str) -> set[str]:
    """The ways an address or a number can appear: as written, lower-cased, a number's national part."""
    forms = {value, value.lower()}
    digits = re.sub(r"\D", "", value)
    if value.startswith("+45") and len(digits) == 10:
        national = digits[2:]
        forms |= {national, " ".join(national[i:i + 2] for i in range(0, 8, 2)), national[:4] + " " + national[4:]}
    return forms


def _sms(client, number: str, body: str, sid: str):
    form = {"MessageSid": sid, "AccountSid": "AC" + "0" * 32, "From": number, "To": "+4570701234",
            "Body": body, "NumMedia": "0"}
    signature = RequestValidator(TWILIO_TOKEN).compute_signature("http://localhost/sms/inbound", form)
    response = client.post("/sms/inbound", data=form, headers={"X-Twilio-Signature": signature})
    assert response.status_code == 200
    from engagement.inbound.worker import InboundWorker
    InboundWorker(client.application).run_once()  # the webhook stores; a worker reads and answers


def test_a_day_of_work_logs_no_address_or_number(app, client, session, caplog):
    app.extensions["borgerpanel.settings"] = replace(app.extensions["borgerpanel.settings"],
                                                     twilio_auth_token=TWILIO_TOKEN)
    with caplog.at_level(logging.DEBUG):
        # 1. Signup with double opt-in.
        panel = make_panel(session, key="vejle", name="Vejle Borgerpanel")
        response = sign_up(client, "vejle", email=SIGNUP_EMAIL, phone=SIGNUP_PHONE, name="Mette Frederiksen",
                           birth_year="1977", gender="female", postcode="5000", education="mvu",
                           housing="andel", employment="ansat")
        assert response.status_code == 302
        confirm = link_path(outbox(app)[-1], "bekraeft")
        page = client.get(confirm)
        assert client.post(confirm, data={"csrf_token": csrf_token_from(page.get_data(as_text=True))}
                           ).status_code == 200
        # 2. A campaign to email and SMS panelists, through the scheduler's tick and a delivery worker.
        emailer = make_panelist(session, panel, email="ole.jensen@example.dk", phone="+4522334455")
        texter = make_panelist(session, panel, email="", phone="+4540506070", channel="sms")
        with app.app_context():
            campaign = make_campaign(session, panel, channel_mode="choice", reminder_days=(),
                                     quiet_start="00:00", quiet_end="00:00")  # no quiet hours
        jobs.bind_app(app)
        try:
            report = jobs.tick()
        finally:
            jobs.bind_app(None)
        assert report.started == [campaign.id] and report.enqueued >= 3
        worker = DeliveryWorker(app)
        while worker.run_once():
            pass
        sms_file = app.extensions["borgerpanel.settings"].sms_outbox_file
        assert texter.phone in sms_file.read_text(encoding="utf-8")  # it was really sent, to the number
        # 3. Email replies through the pipeline: a panelist's answer and a stranger's note.
        from engagement.campaigns.models import CampaignRecipient
        from engagement.delivery import outbox as outbox_module
        from tests.conftest import TEST_SECRET

        recipient = session.exec(select(CampaignRecipient).where(CampaignRecipient.panelist_id == emailer.id)
                                 ).one()
        to = outbox_module.reply_address(outbox_module.make_reply_token(recipient.reply_key, TEST_SECRET),
                                         "localhost")
        with app.app_context():
            for raw in (email_bytes(to=to, body="1. 4\n2. Ja\n\nRing på 22 33 44 55", sender=f"Ole <{emailer.email}>"),
                        email_bytes(to="svar@localhost", body="Hej, skriv til mig", sender=STRANGER)):
                row, _new = store.store_email(session, raw, panel_id=None)
                session.commit()
                pipeline.process_message(session, row.id)
        # 4. SMS through the signed webhook: an answer, then STOP.
        _sms(client, texter.phone, "4", "SM" + "a" * 32)
        _sms(client, texter.phone, "STOP", "SM" + "b" * 32)
        while worker.run_once():  # the receipts
            pass

    session.expire_all()
    secrets = {STRANGER, SIGNUP_EMAIL, SIGNUP_PHONE}
    for person in session.exec(select(Panelist)).all():
        secrets |= {value for value in (person.email, person.phone) if value}
    secrets |= {emailer.email, emailer.phone, texter.phone}
    forms = set().union(*(_forms_of(value) for value in secrets))
    assert len(caplog.records) > 10  # it did log its work

    leaks = []
    for record in caplog.records:
        raw = record.getMessage() + (logging.Formatter().formatException(record.exc_info) if record.exc_info else "")
        if record.levelno >= logging.INFO and any(form in raw for form in forms):
            leaks.append(f"{record.name}: {raw}")
    assert leaks == [], "the code logged personal data:\n" + "\n".join(leaks)

    for formatter in (logging.Formatter(TEXT_FORMAT), JsonFormatter()):
        for record in caplog.records:
            safe = copy.copy(record)
            RedactingFilter().filter(safe)
            line = formatter.format(safe)
            assert not [form for form in forms if form in line], line
