"""Fuzz, bounded: a few hundred hostile SMS and mails through the real pipeline; none lost.

The same catalogue as ``bench/fuzz.py`` (which sends 10,000 through gunicorn and separate
processes): signed webhooks through the app, mails appended to a real Dovecot and read by
the mail listener, then an inbound worker reads every stored row.  Every webhook that got
200 and every mail that left the inbox has exactly one row, no row is left unread, and a
failed one is in the staff inbox with its reason.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from twilio.request_validator import RequestValidator

from engagement.inbound.imap_listener import MailListener
from engagement.inbound.worker import InboundWorker
from tests.inbound.conftest import TWILIO_TOKEN, dovecot, imap_app  # noqa: F401  (fixtures)
from tests.inbound.support import invite

pytestmark = pytest.mark.slow

BENCH = Path(__file__).resolve().parents[2] / "bench"
SMS, MAILS = 160, 120


def _fuzz():
    spec = importlib.util.spec_from_file_location("fuzz", BENCH / "fuzz.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("fuzz", module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def app(app):
    from dataclasses import replace

    app.extensions["borgerpanel.settings"] = replace(app.extensions["borgerpanel.settings"],
                                                     twilio_auth_token=TWILIO_TOKEN)
    return app


def test_hostile_sms_and_mail_are_never_lost(imap_app, dovecot, session):  # noqa: F811
    fuzz = _fuzz()
    panel, _campaign, texters = invite(session, count=20, channel="sms")
    _panel, _campaign, writers = invite(session, count=20, panel=panel)
    forms = fuzz.sms_cases(SMS, 3, [who.panelist.phone for who in texters])
    mails = fuzz.mail_cases(MAILS, 3, [who.reply_address for who in writers])

    client = imap_app.test_client()
    validator = RequestValidator(TWILIO_TOKEN)
    answered = set()
    for n, form in enumerate(forms + forms[::20]):  # every 20th twice: Twilio's retry
        signature = validator.compute_signature("http://localhost/sms/inbound", form)
        response = client.post("/sms/inbound", data=form, headers={"X-Twilio-Signature": signature})
        assert response.status_code == 200, (n, response.status_code)
        answered.add(form["MessageSid"])
    appended = fuzz.append_all(dovecot, mails)

    listener = MailListener(imap_app)
    listener.run(once=True)
    assert listener.failed == 0 and dovecot.count("INBOX") == 0
    worker = InboundWorker(imap_app)
    while worker.run_once():
        pass

    engine = imap_app.extensions["borgerpanel.engine"]
    result = fuzz.audit(engine, answered, appended)
    assert result["lost_sms"] == [] and result["lost_mail"] == 0, result
    assert result["unread"] == [] and result["failed_without_reason"] == [], result
    assert result["rows"] == len(answered) + len(appended)
    assert fuzz.lost(result) == 0
