"""``flask --app wsgi serve``: web app, scheduler and a delivery worker in one process on SQLite.

Starts ``serve`` on a free port against a SQLite file of its own, waits for
/healthz, schedules a tiny campaign against the same file, sees the .eml
files appear, checks that a separately started scheduler waits on the lock,
and stops ``serve`` with SIGINT (Ctrl-C).
"""
from __future__ import annotations

import json
import signal
import time
import urllib.request
from datetime import timedelta
from email import message_from_bytes, policy

import pytest
from sqlmodel import Session

from engagement.db import utcnow
from engagement.models import metadata
from tests.campaigns.builders import make_campaign
from tests.campaigns.loopback import build_app, free_port
from tests.factories import make_panel, make_panelist
from tests.scheduling.test_processes import Proc, process_env, wait_until

pytestmark = pytest.mark.slow


def healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
            return response.status == 200 and json.load(response)["database"] == "ok"
    except OSError:
        return False


def test_serve_runs_web_scheduler_and_worker_in_one_process(tmp_path):
    url = f"sqlite:///{tmp_path / 'serve.sqlite3'}"
    app = build_app(url, tmp_path)
    engine = app.extensions["borgerpanel.engine"]
    metadata.create_all(engine)
    env = process_env(url, tmp_path)            # no SMTP: mail goes to instance/outbox/*.eml
    outbox_dir = tmp_path / "instance" / "outbox"
    port = free_port()
    serve = Proc("serve", ["serve", "--port", str(port), "--tick-seconds", "0.5", "--poll-seconds", "0.2"],
                 env, tmp_path)
    other = None
    try:
        wait_until(lambda: healthy(port), 30, "/healthz")
        serve.wait_for("scheduler running")
        # A scheduler started on its own waits: serve holds the lock.
        other = Proc("scheduler", ["scheduler", "run", "--tick-seconds", "1"], env, tmp_path)
        other.wait_for("another scheduler holds the lock")

        with app.app_context(), Session(engine, expire_on_commit=False) as session:
            panel = make_panel(session)
            people = [make_panelist(session, panel) for _ in range(3)]
            now = utcnow()
            make_campaign(session, panel, now=now, reminder_days=(), deadline_at=now + timedelta(days=2))
        wait_until(lambda: len(list(outbox_dir.glob("*.eml"))) == 3, 30, "three .eml files")
        received = [message_from_bytes(path.read_bytes(), policy=policy.default)
                    for path in sorted(outbox_dir.glob("*.eml"))]
        assert sorted(str(m["To"].addresses[0].addr_spec) for m in received) == sorted(p.email for p in people)
        assert all(m["Date"] and m["Subject"].startswith("Vil du svare") for m in received)

        serve.process.send_signal(signal.SIGINT)     # Ctrl-C stops everything cleanly
        assert serve.process.wait(30) == 0
        assert "serve stopped" in serve.output() and "scheduler stopped" in serve.output()
        assert "Traceback" not in serve.output()
        # Now the other scheduler gets the lock.
        other.wait_for("scheduler running", timeout=30)
        time.sleep(0.5)
    finally:
        serve.kill()
        if other is not None:
            other.kill()
        engine.dispose()
