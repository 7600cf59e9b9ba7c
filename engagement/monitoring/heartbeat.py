"""Record and read the scheduler's heartbeat (``scheduler_heartbeat``, one row).

The scheduler process calls ``listen(scheduler, app)`` once: an APScheduler
listener then records a beat after every *successful* campaign tick, on its
own short transaction.  A tick that raises records nothing, so a heartbeat
that grows old means "no tick has worked lately" (the scheduler is dead,
waiting on the lock, or every tick fails), which is what an alert wants.
A failure to record is logged and never disturbs the scheduler.
"""
from __future__ import annotations

import logging
import os
import socket
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine

from engagement.db import utcnow
from engagement.monitoring.models import HEARTBEAT_ID, SchedulerHeartbeat

log = logging.getLogger(__name__)

TICK_JOB_ID = "campaign-tick"  # engagement.scheduling.scheduler.build_scheduler
_TABLE = SchedulerHeartbeat.__table__


def _worker_id() -> str:
    return f"{socket.gethostname()[:40]}:{os.getpid()}"


def record_beat(engine: Engine, at: datetime | None = None, worker: str | None = None) -> None:
    """Upsert the one row: the time of this beat, who beat, one more tick."""
    at = at or utcnow()
    worker = (worker or _worker_id())[:64]
    with engine.begin() as connection:
        insert = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
        statement = insert(_TABLE).values(id=HEARTBEAT_ID, beat_at=at, worker=worker, ticks=1)
        statement = statement.on_conflict_do_update(
            index_elements=[_TABLE.c.id],
            set_={"beat_at": at, "worker": worker, "ticks": _TABLE.c.ticks + 1})
        connection.execute(statement)


def read_beat(connection: Connection) -> datetime | None:
    """When the last successful tick ended (UTC), or None if no scheduler ever ticked."""
    return connection.execute(select(_TABLE.c.beat_at).where(_TABLE.c.id == HEARTBEAT_ID)).scalar()


def listen(scheduler, app) -> None:
    """Record a beat after each successful campaign tick of ``scheduler`` (APScheduler 3)."""
    from apscheduler.events import EVENT_JOB_EXECUTED

    engine = app.extensions["borgerpanel.engine"]
    worker = _worker_id()

    def on_executed(event) -> None:
        if event.job_id != TICK_JOB_ID or getattr(event, "exception", None) is not None:
            return
        try:
            record_beat(engine, worker=worker)
        except Exception:  # the heartbeat must never stop the scheduler
            log.exception("scheduler heartbeat could not be recorded")

    scheduler.add_listener(on_executed, EVENT_JOB_EXECUTED)
