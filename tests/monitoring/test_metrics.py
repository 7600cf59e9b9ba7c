"""/metrics: values read from the database at scrape time change as the service works."""
from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from twilio.request_validator import RequestValidator

from engagement.db import utcnow
from engagement.delivery import outbox
from engagement.delivery.mail import PermanentDeliveryError
from engagement.delivery.worker import DeliveryWorker
from engagement.inbound import pipeline, store
from engagement.monitoring import metrics as monitoring_metrics
from engagement.monitoring.heartbeat import record_beat
from tests.factories import make_panel, make_panelist
from tests.inbound.support import email_bytes, invite
from tests.monitoring.support import samples, scrape, value

PROJECT = Path(__file__).resolve().parents[2]
TOKEN = "metrics-token-0123456789abcdef"


def _row(panel, panelist, channel: str, n: int, **values) -> dict:
    return {"panel_id": panel.id, "panelist_id": panelist.id, "step": "invitation", "channel": channel,
            "dedupe_key": f"test:{channel}:{n}", "text": "Hej", "subject": "Hej",
            "to_address": panelist.email if channel == "email" else panelist.phone, **values}


class RefusingSms:
    """An SMS sender whose every number is refused for good (Twilio's 21211: not a valid number)."""

    def send(self, to, body, *, status_callback=None):
        raise PermanentDeliveryError("invalid", code=21211)


def test_outbox_counts_move_from_queued_to_sent_and_failed(app, client, session):
    panel = make_panel(session)
    person = make_panelist(session, panel, phone="+4520123456")
    start = samples(scrape(client))
    for channel in ("email", "sms"):
        assert value(start, "borgerpanel_outbox_queued", channel=channel) == 0
        assert value(start, "borgerpanel_outbox_sent_total", channel=channel) == 0
        assert value(start, "borgerpanel_outbox_age_seconds", channel=channel) == 0

    with app.app_context():
        outbox.enqueue(session, [_row(panel, person, "email", 1), _row(panel, person, "email", 2),
                                 _row(panel, person, "sms", 3)])
        session.commit()
    queued = samples(scrape(client))
    assert value(queued, "borgerpanel_outbox_queued", channel="email") == 2
    assert value(queued, "borgerpanel_outbox_queued", channel="sms") == 1
    assert value(queued, "borgerpanel_outbox_messages", channel="email", status="pending") == 2

    DeliveryWorker(app, sms_sender=RefusingSms()).run_once()
    done = samples(scrape(client))
    assert value(done, "borgerpanel_outbox_queued", channel="email") == 0
    assert value(done, "borgerpanel_outbox_sent_total", channel="email") == 2
    assert value(done, "borgerpanel_outbox_failed_total", channel="email") == 0
    assert value(done, "borgerpanel_outbox_failed_total", channel="sms") == 1
    assert value(done, "borgerpanel_outbox_sent_total", channel="sms") == 0
    assert value(done, "borgerpanel_outbox_messages", channel="sms", status="failed") == 1


def test_outbox_age_is_the_oldest_due_message_and_ignores_later_ones(app, client, session):
    panel = make_panel(session)
    person = make_panelist(session, panel, phone="+4520123456")
    now = utcnow()
    with app.app_context():
        outbox.enqueue(session, [
            _row(panel, person, "email", 1, next_attempt_at=now - timedelta(minutes=20)),
            _row(panel, person, "email", 2, next_attempt_at=now - timedelta(minutes=2)),
            # SMS quiet hours or a retry backoff: waiting on purpose, not late.
            _row(panel, person, "sms", 3, next_attempt_at=now + timedelta(hours=8)),
        ])
        session.commit()
    found = samples(scrape(client))
    assert 20 * 60 <= value(found, "borgerpanel_outbox_age_seconds", channel="email") < 21 * 60
    assert value(found, "borgerpanel_outbox_age_seconds", channel="sms") == 0
    # Claimed but not yet sent (a worker died holding it) is still waiting.
    with app.app_context():
        outbox.claim(session, worker_id="w", now=utcnow(), channel="email", limit=1)
    found = samples(scrape(client))
    assert value(found, "borgerpanel_outbox_messages", channel="email", status="sending") == 1
    assert value(found, "borgerpanel_outbox_age_seconds", channel="email") >= 20 * 60


def _signed_sms(client, number: str, body: str, sid: str):
    from tests.inbound.conftest import TWILIO_TOKEN

    form = {"MessageSid": sid, "AccountSid": "AC" + "0" * 32, "From": number, "To": "+4570701234",
            "Body": body, "NumMedia": "0"}
    signature = RequestValidator(TWILIO_TOKEN).compute_signature("http://localhost/sms/inbound", form)
    return client.post("/sms/inbound", data=form, headers={"X-Twilio-Signature": signature})


@pytest.fixture
def sms_app(app):
    from tests.inbound.conftest import TWILIO_TOKEN

    app.extensions["borgerpanel.settings"] = replace(app.extensions["borgerpanel.settings"],
                                                     twilio_auth_token=TWILIO_TOKEN)
    return app


def test_inbound_messages_per_intent_and_parse_time(sms_app, client, session):
    app = sms_app
    before = monitoring_metrics.PARSE_SECONDS.labels("email")._sum.get()
    _panel, _campaign, invited = invite(session, count=3)
    _panel2, _campaign2, [texter] = invite(session, channel="sms")
    replies = [(invited[0], "1. 4\n2. Ja"), (invited[1], "Hvad betyder spørgsmål 2?"), (invited[2], "blå")]
    with app.app_context():
        for who, body in replies:
            row, _new = store.store_email(session, email_bytes(to=who.reply_address, body=body), panel_id=None)
            session.commit()
            pipeline.process_message(session, row.id)
        waiting, _new = store.store_email(session, email_bytes(to="nobody@localhost", body="hej"), panel_id=None)
        session.commit()
    assert _signed_sms(client, texter.panelist.phone, "4", "SM" + "1" * 32).status_code == 200
    assert _signed_sms(client, texter.panelist.phone, "STOP", "SM" + "2" * 32).status_code == 200
    with app.app_context():  # the webhook only stores: an inbound worker reads (here: these two)
        from sqlmodel import select as select_ids
        from engagement.inbound.models import SMS, InboundMessage as Stored
        for sms_id in session.exec(select_ids(Stored.id).where(Stored.channel == SMS).order_by(Stored.id)).all():
            pipeline.process_message(session, sms_id)

    found = samples(scrape(client))
    from sqlmodel import select
    from engagement.inbound.models import InboundMessage

    stored = {(r.channel, r.intent or r.kind) for r in session.exec(select(InboundMessage)).all()
              if r.status != "received"}
    for channel, intent in stored:
        label = monitoring_metrics.inbound_label(intent, None)
        assert value(found, "borgerpanel_inbound_messages_total", channel=channel, intent=label) >= 1
    assert value(found, "borgerpanel_inbound_messages_total", channel="email", intent="answers") == 1
    assert value(found, "borgerpanel_inbound_messages_total", channel="sms", intent="answers") == 1
    assert value(found, "borgerpanel_inbound_messages_total", channel="sms", intent="stop") == 1
    assert sum(v for (name, labels), v in found.items() if name == "borgerpanel_inbound_messages_total"
               and ("channel", "email") in labels) == 3  # the stored, unprocessed one is not counted yet
    assert value(found, "borgerpanel_inbound_messages_by_status", channel="email", status="received") == 1
    assert value(found, "borgerpanel_inbound_needs_staff") >= 1  # the question for staff
    # The reader's time, per process: three emails and one SMS were read (STOP needs no reading).
    assert value(found, "borgerpanel_parse_seconds_count", channel="email") >= 3
    assert value(found, "borgerpanel_parse_seconds_count", channel="sms") >= 1
    assert monitoring_metrics.PARSE_SECONDS.labels("email")._sum.get() > before


def test_heartbeat_is_the_last_tick_as_unix_time(app, client):
    assert value(samples(scrape(client)), "borgerpanel_scheduler_heartbeat_timestamp_seconds") == 0
    moment = utcnow() - timedelta(seconds=30)
    record_beat(app.extensions["borgerpanel.engine"], at=moment)
    found = samples(scrape(client))
    assert value(found, "borgerpanel_scheduler_heartbeat_timestamp_seconds") == pytest.approx(moment.timestamp())
    assert value(found, "borgerpanel_metrics_database_up") == 1


def test_scrape_text_parses_and_has_help_and_types(client):
    text = scrape(client)
    found = samples(text)  # raises on anything prometheus_client's parser cannot read
    names = {name for name, _labels in found}
    for name in ("borgerpanel_outbox_messages", "borgerpanel_outbox_queued", "borgerpanel_outbox_sent_total",
                 "borgerpanel_outbox_failed_total", "borgerpanel_outbox_age_seconds",
                 "borgerpanel_inbound_messages_by_status", "borgerpanel_inbound_needs_staff",
                 "borgerpanel_scheduler_heartbeat_timestamp_seconds", "borgerpanel_metrics_database_up",
                 "borgerpanel_metrics_collect_seconds"):
        assert name in names, name
    assert "# TYPE borgerpanel_outbox_sent_total counter" in text
    assert "# TYPE borgerpanel_parse_seconds histogram" in text


def test_database_down_still_answers_and_says_so(app, client, monkeypatch):
    from sqlalchemy import create_engine

    broken = create_engine("sqlite:////nonexistent-folder/nothing.sqlite3")
    monkeypatch.setitem(app.extensions, "borgerpanel.engine", broken)
    found = samples(scrape(client))
    assert value(found, "borgerpanel_metrics_database_up") == 0
    assert not any(name == "borgerpanel_outbox_queued" for name, _ in found)


# --- who may read it -----------------------------------------------------------------------

def _with(app, **changes):
    app.extensions["borgerpanel.settings"] = replace(app.extensions["borgerpanel.settings"], **changes)


def test_without_a_token_only_loopback_clients(app, client):
    assert client.get("/metrics", environ_base={"REMOTE_ADDR": "127.0.0.1"}).status_code == 200
    assert client.get("/metrics", environ_base={"REMOTE_ADDR": "::1"}).status_code == 200
    assert client.get("/metrics", environ_base={"REMOTE_ADDR": "10.1.2.3"}).status_code == 404
    assert client.get("/metrics", environ_base={"REMOTE_ADDR": "192.0.2.7"}).status_code == 404
    # Through a proxy on the same machine every request looks local: refused unless proxies are configured.
    forwarded = {"X-Forwarded-For": "203.0.113.9"}
    assert client.get("/metrics", headers=forwarded, environ_base={"REMOTE_ADDR": "127.0.0.1"}).status_code == 404
    assert client.get("/metrics", headers={"Forwarded": "for=203.0.113.9"}).status_code == 404


def test_with_trusted_proxies_the_real_client_address_decides(database_url, tmp_path):
    from engagement import create_app
    from tests.conftest import TEST_SECRET

    app = create_app({"database_url": database_url, "secret_key": TEST_SECRET, "instance_path": tmp_path / "i",
                      "public_base_url": "http://localhost", "trusted_proxies": 1})
    client = app.test_client()
    via_proxy = {"REMOTE_ADDR": "127.0.0.1"}
    assert client.get("/metrics", headers={"X-Forwarded-For": "203.0.113.9"},
                      environ_base=via_proxy).status_code == 404
    assert client.get("/metrics", headers={"X-Forwarded-For": "127.0.0.1"},
                      environ_base=via_proxy).status_code == 200
    app.extensions["borgerpanel.engine"].dispose()


def test_with_a_token_only_the_bearer_of_it(app, client):
    _with(app, metrics_token=TOKEN)
    remote = {"REMOTE_ADDR": "198.51.100.20"}
    missing = client.get("/metrics", environ_base=remote)
    assert missing.status_code == 401 and missing.headers["WWW-Authenticate"].startswith("Bearer")
    assert client.get("/metrics").status_code == 401  # loopback alone is not enough once a token is set
    for wrong in (f"Bearer {TOKEN[:-1]}x", f"Bearer {TOKEN}extra", f"Basic {TOKEN}", TOKEN, "Bearer "):
        assert client.get("/metrics", headers={"Authorization": wrong}, environ_base=remote).status_code == 401
    ok = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"}, environ_base=remote)
    assert ok.status_code == 200 and b"borgerpanel_outbox_queued" in ok.data
    assert ok.headers["Cache-Control"] == "no-store"


def test_settings_are_checked_at_start_up(tmp_path):
    from engagement.config import ConfigError, Settings

    env = {"BORGERPANEL_INSTANCE": str(tmp_path), "SECRET_KEY": "x" * 40}
    assert Settings.from_env(env).log_format == "text"
    assert Settings.from_env({**env, "LOG_FORMAT": "JSON"}).log_format == "json"
    for bad, name in (({"LOG_FORMAT": "xml"}, "LOG_FORMAT"), ({"METRICS_TOKEN": "short"}, "METRICS_TOKEN"),
                      ({"PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "missing")}, "PROMETHEUS_MULTIPROC_DIR")):
        with pytest.raises(ConfigError, match=name):
            Settings.from_env({**env, **bad})


# --- many processes --------------------------------------------------------------------------

OBSERVE = """
from engagement.monitoring.metrics import observe_parse
import time
observe_parse("sms", time.sleep, {seconds})
"""


@pytest.mark.slow
def test_multiprocess_mode_adds_up_the_parse_times_of_every_process(app, client, tmp_path):
    """Two other processes (like gunicorn workers or the mail listener) read a message each;
    /metrics in this one reports both, from PROMETHEUS_MULTIPROC_DIR."""
    folder = tmp_path / "prometheus"
    folder.mkdir()
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(folder)}
    for seconds in (0.01, 0.2):
        subprocess.run([sys.executable, "-c", OBSERVE.format(seconds=seconds)], cwd=PROJECT, env=env,
                       check=True, timeout=120)
    _with(app, prometheus_multiproc_dir=str(folder))
    found = samples(scrape(client))
    assert value(found, "borgerpanel_parse_seconds_count", channel="sms") == 2
    assert 0.21 <= value(found, "borgerpanel_parse_seconds_sum", channel="sms") < 1.0
    assert value(found, "borgerpanel_parse_seconds_bucket", channel="sms", le="0.025") == 1
    assert value(found, "borgerpanel_outbox_queued", channel="email") == 0  # the database part is still there
