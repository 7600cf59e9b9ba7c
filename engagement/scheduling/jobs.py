"""The scheduler's jobs: small, idempotent functions, safe to run twice or late.

APScheduler stores a job by reference (``engagement.scheduling.jobs:tick``)
in its SQLAlchemy job store, so the functions take no arguments; the
scheduler process binds its Flask app once with ``bind_app``.  Tests call the
functions directly (with an app bound) and never start a scheduler.

* ``tick`` (every few seconds): starts due campaigns, enqueues due reminders
  to non-responders (never at or after the deadline), marks campaigns sent,
  closes them at the deadline; then the meetings' due lotteries and reminders
  (``meetings.reminders.due_meeting_jobs``).  All its state lives in the campaign and
  outbox tables, so a tick after a restart simply catches up.
* ``purge`` (daily): deletes signups never confirmed, when the panel feature
  offers ``purge_expired_signups``.
"""
from __future__ import annotations

import logging
from datetime import datetime

from flask import Flask

from engagement.db import session_scope, utcnow

log = logging.getLogger(__name__)

_app: Flask | None = None


def bind_app(app: Flask | None) -> None:
    global _app
    _app = app


def _bound() -> Flask:
    if _app is None:
        raise RuntimeError("no app bound: call engagement.scheduling.jobs.bind_app(app) first")
    return _app


def tick(now: datetime | None = None):
    from engagement.campaigns.tick import tick as campaign_tick
    from engagement.meetings.reminders import due_meeting_jobs

    app = _bound()
    now = now or utcnow()
    with app.app_context():
        with session_scope() as session:
            report = campaign_tick(session, now)
            session.commit()  # the meeting jobs commit (and roll back) on their own
            due_meeting_jobs(session, now)
    if report.started or report.reminders or report.sent or report.closed or report.failed:
        log.info("tick: started %s, reminders %s, sent %s, closed %s, failed %s, %s messages enqueued",
                 report.started, report.reminders, report.sent, report.closed, report.failed, report.enqueued)
    return report


def purge(now: datetime | None = None) -> int:
    try:
        from engagement.panel.service import purge_expired_signups
    except ImportError:  # pragma: no cover - the panel feature always has it now
        return 0
    app = _bound()
    with app.app_context():
        with session_scope() as session:
            return purge_expired_signups(session, now or utcnow())
