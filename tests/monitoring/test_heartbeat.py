"""The scheduler's heartbeat: written after each successful campaign tick, read by /metrics."""
from __future__ import annotations

import time

import pytest
from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED, JobExecutionEvent
from sqlmodel import select

from engagement.db import utcnow
from engagement.monitoring.heartbeat import TICK_JOB_ID, listen, record_beat
from engagement.monitoring.models import SchedulerHeartbeat
from engagement.scheduling import jobs
from tests.monitoring.support import samples, scrape, value


def _beat(session) -> SchedulerHeartbeat | None:
    session.expire_all()
    return session.exec(select(SchedulerHeartbeat)).first()


def test_record_beat_keeps_one_row_and_counts_ticks(app, session):
    engine = app.extensions["borgerpanel.engine"]
    for old in session.exec(select(SchedulerHeartbeat)).all():  # a scheduler of an earlier test beat here
        session.delete(old)
    session.commit()
    record_beat(engine, worker="host:1")
    first = _beat(session)
    record_beat(engine, worker="host:2")
    rows = session.exec(select(SchedulerHeartbeat)).all()
    assert len(rows) == 1
    [row] = rows
    session.refresh(row)
    assert (row.id, row.worker, row.ticks) == (1, "host:2", 2)
    assert row.beat_at >= first.beat_at and row.beat_at.tzinfo is not None


class _Recorder:
    def __init__(self):
        self.listeners = []

    def add_listener(self, callback, mask):
        self.listeners.append((callback, mask))


def test_only_a_successful_campaign_tick_beats(app, session):
    fake = _Recorder()
    listen(fake, app)
    [(on_executed, mask)] = fake.listeners
    assert mask == EVENT_JOB_EXECUTED
    now = utcnow()
    on_executed(JobExecutionEvent(EVENT_JOB_ERROR, TICK_JOB_ID, "default", now, exception=RuntimeError("x")))
    on_executed(JobExecutionEvent(EVENT_JOB_EXECUTED, "purge-signups", "default", now))
    assert _beat(session) is None
    on_executed(JobExecutionEvent(EVENT_JOB_EXECUTED, TICK_JOB_ID, "default", now))
    assert _beat(session) is not None


def test_a_broken_database_does_not_break_the_scheduler(app, caplog, monkeypatch):
    from sqlalchemy import create_engine

    monkeypatch.setitem(app.extensions, "borgerpanel.engine", create_engine("sqlite:////nonexistent/x.sqlite3"))
    fake = _Recorder()
    listen(fake, app)
    [(on_executed, _mask)] = fake.listeners
    on_executed(JobExecutionEvent(EVENT_JOB_EXECUTED, TICK_JOB_ID, "default", utcnow()))  # does not raise
    assert "heartbeat could not be recorded" in caplog.text


@pytest.mark.slow
def test_a_running_scheduler_beats_after_each_tick(app, client, session):
    """The real APScheduler of ``scheduler run`` (build_scheduler), in this process for a moment."""
    from engagement.scheduling.scheduler import build_scheduler

    jobs.bind_app(app)
    scheduler = build_scheduler(app, tick_seconds=0.3)
    scheduler.start()
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            row = _beat(session)
            if row is not None and row.ticks >= 2:
                break
            time.sleep(0.1)
        else:
            pytest.fail("no heartbeat after two ticks")
    finally:
        scheduler.remove_all_jobs()
        scheduler.shutdown(wait=True)
        scheduler._lookup_jobstore("default").engine.dispose()  # its own engine: close its connections
        jobs.bind_app(None)
    found = samples(scrape(client))
    age = time.time() - value(found, "borgerpanel_scheduler_heartbeat_timestamp_seconds")
    assert 0 <= age < 30
