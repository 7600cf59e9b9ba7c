"""The scheduler process: ``flask --app wsgi scheduler run``. One is active; a second waits.

APScheduler 3 runs the jobs of ``engagement.scheduling.jobs`` from its
SQLAlchemy job store in the service's own database (table
``apscheduler_jobs``), so the jobs and their next run times survive a
restart.  Every process that starts an APScheduler runs its jobs, so the
scheduler is started only here: never in web workers, never in tests.

Electing the one active scheduler (a second one started by mistake waits):

* PostgreSQL: a session-level ``pg_advisory_lock`` held on a connection of
  its own for the life of the process.  If that connection dies (the database
  restarted, a failover), the lock is gone: the main thread checks it every few
  seconds, pauses the jobs, and waits for the lock again on a fresh connection
  (another scheduler may have taken it meanwhile) before resuming them.  The
  process stays up: an outage of the database is not a reason to need a
  supervisor (``tests/faults/test_postgres_restart.py``).
* SQLite (one machine by nature): an exclusive ``flock`` on a file beside the
  database file (``<database>.scheduler-lock``).  The kernel drops it when the
  process dies, also on SIGKILL, so a stale lock cannot block a restart.

What fell due while no scheduler ran is handled on purpose: the tick keeps
no state of its own (campaigns and the outbox hold it), runs at once on
start (missed runs coalesce into one) and catches up: see
``engagement.campaigns.tick.tick``.
"""
from __future__ import annotations

import fcntl
import logging
import os
import threading
from pathlib import Path
from typing import Callable

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from flask import Flask
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

from engagement.db import make_engine, utcnow
from engagement.scheduling import jobs

log = logging.getLogger(__name__)

ADVISORY_LOCK_KEY = 0x426F72676572  # "Borger"
JOBS_TABLE = "apscheduler_jobs"
LOCK_CHECK_SECONDS = 5


class SchedulerLock:
    """The database lock that elects one active scheduler."""

    def __init__(self, url: str):
        self.url = url
        self.is_postgresql = url.startswith("postgresql")
        self._connection = None
        self._engine = None
        self._file = None

    def try_acquire(self) -> bool:
        if self.is_postgresql:
            if self._connection is None:
                self._engine = create_engine(self.url, poolclass=NullPool)
                self._connection = self._engine.connect()
            got = bool(self._connection.execute(text("SELECT pg_try_advisory_lock(:key)"),
                                                {"key": ADVISORY_LOCK_KEY}).scalar())
            self._connection.commit()
            return got
        if self._file is None:
            self._file = open(self.lock_path, "a+")
        try:
            fcntl.flock(self._file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    @property
    def lock_path(self) -> Path:
        database = make_url(self.url).database or "borgerpanel.sqlite3"
        return Path(f"{database}.scheduler-lock")

    def acquire(self, stop: threading.Event, poll_seconds: float = 1.0) -> bool:
        """Wait for the lock (until ``stop``); True once held."""
        waiting_logged = False
        while not stop.is_set():
            try:
                got = self.try_acquire()
            except SQLAlchemyError as error:  # the database is away: try again on a new connection
                log.warning("scheduler lock: database unavailable (%s); trying again", type(error).__name__)
                self.reset()
                stop.wait(poll_seconds)
                continue
            if got:
                log.info("scheduler lock acquired (pid %s)", os.getpid())
                return True
            if not waiting_logged:
                log.warning("another scheduler holds the lock: waiting for it (pid %s)", os.getpid())
                waiting_logged = True
            stop.wait(poll_seconds)
        return False

    def is_alive(self) -> bool:
        if not self.is_postgresql:
            return True
        try:
            self._connection.execute(text("SELECT 1"))
            self._connection.commit()
            return True
        except Exception:
            return False

    def reset(self) -> None:
        """Forget a dead lock connection (the lock went with it); the next ``try_acquire`` opens one."""
        connection, engine, self._connection, self._engine = self._connection, self._engine, None, None
        if connection is not None:
            try:
                connection.close()
            except Exception:  # already broken: nothing to give back
                pass
        if engine is not None:
            engine.dispose()

    def release(self) -> None:
        if self._connection is not None:
            try:
                self._connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_LOCK_KEY})
                self._connection.commit()
            except Exception:  # pragma: no cover - the connection is gone: so is the lock
                pass
            self._connection.close()
            self._connection = None
            self._engine.dispose()
        if self._file is not None:
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None


def build_scheduler(app: Flask, tick_seconds: float = 15.0) -> BackgroundScheduler:
    settings = app.extensions["borgerpanel.settings"]
    store = SQLAlchemyJobStore(engine=make_engine(settings.sqlalchemy_url), tablename=JOBS_TABLE)
    scheduler = BackgroundScheduler(jobstores={"default": store}, timezone="UTC",
                                  job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None})
    scheduler.add_job("engagement.scheduling.jobs:tick", "interval", seconds=tick_seconds, id="campaign-tick",
                      name="campaigns: start, remind, close", replace_existing=True, next_run_time=utcnow())
    scheduler.add_job("engagement.scheduling.jobs:purge", "cron", hour=3, minute=17,
                      timezone=settings.timezone, id="purge-signups", name="delete unconfirmed signups",
                      replace_existing=True)
    from engagement.monitoring.heartbeat import listen; listen(scheduler, app)  # noqa: E702 - beat after each tick
    return scheduler


def run_scheduler(app: Flask, *, tick_seconds: float = 15.0, lock_poll_seconds: float = 1.0,
                  on_started: Callable[[], None] | None = None, stop: threading.Event | None = None) -> None:
    """Wait for the lock, then run the jobs until SIGTERM/SIGINT (or until ``stop`` is set: then
    no signal handlers are installed, so it can run in a thread of another command, ``serve``)."""
    settings = app.extensions["borgerpanel.settings"]
    if stop is None:
        from engagement.scheduling.signals import stop_on_signals

        stop = stop_on_signals()

    lock = SchedulerLock(settings.sqlalchemy_url)
    if not lock.acquire(stop, lock_poll_seconds):
        return
    scheduler: BackgroundScheduler | None = None
    try:
        jobs.bind_app(app)
        scheduler = build_scheduler(app, tick_seconds)
        scheduler.start()
        log.info("scheduler running: tick every %s s", tick_seconds)
        if on_started:
            on_started()
        # The jobs run in the scheduler's threads; this thread waits for a signal and minds the lock.
        while not stop.wait(LOCK_CHECK_SECONDS):
            if lock.is_alive():
                continue
            log.error("lost the scheduler lock's database connection: jobs paused until the lock is ours again")
            scheduler.pause()
            lock.reset()
            if not lock.acquire(stop, lock_poll_seconds):
                break
            scheduler.resume()
            log.info("scheduler running again")
    finally:
        if scheduler is not None and scheduler.running:
            scheduler.shutdown(wait=True)
        jobs.bind_app(None)
        lock.release()
        log.info("scheduler stopped")
