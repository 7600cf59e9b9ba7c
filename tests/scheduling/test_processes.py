"""The scheduler and delivery workers as real processes: SIGKILL mid-campaign, restart, one lock.

These start ``flask --app wsgi scheduler run`` and ``flask --app wsgi
delivery run`` with ``subprocess.Popen`` against the test database and a
real SMTP server on loopback, kill them with SIGKILL while messages are going
out, start them again, and count what arrived.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import Session, func, select

from engagement.db import utcnow
from engagement.delivery.models import SENT, OutboxMessage
from engagement.surveys.service import record_answers
from tests.campaigns.builders import make_campaign, make_definition
from tests.campaigns.loopback import build_app, clear_tables, smtp_sink  # noqa: F401  (fixture)
from tests.conftest import TEST_SECRET
from tests.factories import make_panel, make_panelist

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
FLASK = str(Path(sys.executable).parent / "flask")


def process_env(database_url: str, tmp_path: Path, smtp_port: int | None = None) -> dict:
    env = dict(os.environ)
    env.update({
        "DATABASE_URL": database_url, "SECRET_KEY": TEST_SECRET,
        "BORGERPANEL_INSTANCE": str(tmp_path / "instance"),
        "PUBLIC_BASE_URL": "https://panel.example.dk", "REPLY_DOMAIN": "svar.example.dk",
        "MAIL_FROM": "Borgerpanelet <panel@example.dk>", "LOG_LEVEL": "INFO",
        "PYTHONUNBUFFERED": "1",
    })
    if smtp_port:
        env.update({"SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(smtp_port), "SMTP_SECURITY": "none"})
    return env


class Proc:
    def __init__(self, name: str, args: list[str], env: dict, log_dir: Path):
        self.log = log_dir / f"{name}-{time.monotonic_ns()}.log"
        self.handle = open(self.log, "wb")
        self.process = subprocess.Popen([FLASK, "--app", "wsgi", *args], cwd=ROOT, env=env,
                                        stdout=self.handle, stderr=subprocess.STDOUT)

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_for(self, text: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.output():
                return
            if self.process.poll() is not None:
                raise AssertionError(f"process ended early:\n{self.output()}")
            time.sleep(0.1)
        raise AssertionError(f"{text!r} not seen in:\n{self.output()}")

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)
        self.handle.close()


def wait_until(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def test_killed_scheduler_and_worker_restart_lose_nothing_and_double_only_a_message_in_flight(database_url, tmp_path, smtp_sink):
    app = build_app(database_url, tmp_path, smtp_host="127.0.0.1", smtp_port=smtp_sink.port,
                    smtp_security="none")
    engine = app.extensions["borgerpanel.engine"]
    procs: list[Proc] = []
    try:
        with app.app_context(), Session(engine, expire_on_commit=False) as session:
            panel = make_panel(session)
            panelists = [make_panelist(session, panel) for _ in range(40)]
            definition = make_definition(session, panel)
            answered = {p.id for p in panelists[:10]}
            for pid in answered:  # these have answered every question (say, through a link): no reminder
                record_answers(session, panel.id, definition.id, pid, {"bus": 3, "cykler": "yes"}, "link")
            session.commit()
            now = utcnow()
            # The invitation is due now; the reminder (one day after the start) in 25 seconds, when
            # every invitation has gone (the rows a killed worker held wait out their 10 s lease).
            make_campaign(session, panel, definition=definition, now=now,
                          starts_at=now - timedelta(days=1) + timedelta(seconds=25),
                          deadline_at=now + timedelta(hours=1), reminder_days=(1,))
            campaign_starts = now
        env = process_env(database_url, tmp_path, smtp_sink.port)

        def start():
            scheduler = Proc("scheduler", ["scheduler", "run", "--tick-seconds", "0.5"], env, tmp_path)
            worker = Proc("worker", ["delivery", "run", "--batch-size", "5", "--email-rate", "15",
                                     "--poll-seconds", "0.2", "--lease-seconds", "10"], env, tmp_path)
            procs.extend([scheduler, worker])
            return scheduler, worker

        def sent_count(step: str) -> int:
            with Session(engine) as session:
                return session.scalar(select(func.count()).select_from(OutboxMessage).where(
                    OutboxMessage.step == step, OutboxMessage.status == SENT)) or 0

        scheduler, worker = start()
        # Kill both while the invitations are going out.
        wait_until(lambda: sent_count("invitation") >= 8, 60, "the first invitations")
        scheduler.kill()
        worker.kill()
        assert sent_count("invitation") < 40
        time.sleep(1)
        scheduler, worker = start()
        wait_until(lambda: sent_count("invitation") == 40, 60, "every invitation")
        # Kill both again once the reminders have started.
        wait_until(lambda: sent_count("reminder-1") >= 3, 60, "the first reminders")
        scheduler.kill()
        worker.kill()
        scheduler, worker = start()
        wait_until(lambda: sent_count("reminder-1") == 30, 60, "every reminder")
        time.sleep(1.5)  # give a duplicate the chance to show itself
        assert utcnow() - campaign_starts < timedelta(minutes=5)
    finally:
        for proc in procs:
            proc.kill()

    received = Counter()
    for item in smtp_sink.received:
        subject = str(item.message["Subject"])
        received[(item.rcpt_tos[0], "reminder" if subject.startswith("Husk") else "invitation")] += 1
    # Nothing lost, nothing promised twice.  A SIGKILL can double only the message in flight at
    # that moment (handed to the server, its "sent" not yet committed: ``engagement.delivery.outbox``,
    # "The window nobody can close"): at most one invitation (first kill) and one reminder (second).
    by_email = {p.email: p.id for p in panelists}
    doubled = Counter()
    for email, pid in by_email.items():
        for kind, expected in (("invitation", 1), ("reminder", 0 if pid in answered else 1)):
            assert received[(email, kind)] in ((expected,) if expected == 0 else (1, 2)), (email, kind)
            doubled[kind] += received[(email, kind)] - expected
    assert doubled["invitation"] <= 1 and doubled["reminder"] <= 1, doubled
    assert 70 <= sum(received.values()) <= 72
    clear_tables(app)


def test_a_second_scheduler_waits_on_the_lock(database_url, tmp_path):
    env = process_env(database_url, tmp_path)
    first = Proc("scheduler-a", ["scheduler", "run", "--tick-seconds", "1"], env, tmp_path)
    second = None
    try:
        first.wait_for("scheduler running")
        second = Proc("scheduler-b", ["scheduler", "run", "--tick-seconds", "1"], env, tmp_path)
        second.wait_for("another scheduler holds the lock")
        time.sleep(2)
        assert "scheduler running" not in second.output()
        first.kill()  # SIGKILL: the lock goes with the process (file lock / database session)
        second.wait_for("scheduler running", timeout=30)
        second.process.send_signal(signal.SIGTERM)
        second.process.wait(15)
        assert "scheduler stopped" in second.output()
    finally:
        first.kill()
        if second is not None:
            second.kill()
