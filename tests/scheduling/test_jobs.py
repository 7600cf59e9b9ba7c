"""The scheduler's jobs, called directly (no scheduler is started in tests)."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from engagement.db import utcnow
from engagement.delivery.models import OutboxMessage
from engagement.scheduling import jobs
from tests.campaigns.builders import make_campaign
from tests.factories import make_panel, make_panelist


@pytest.fixture
def bound(app):
    jobs.bind_app(app)
    yield app
    jobs.bind_app(None)


def test_tick_job_is_idempotent(bound, session):
    with bound.app_context():
        panel = make_panel(session)
        make_panelist(session, panel)
        campaign = make_campaign(session, panel)
    now = utcnow()
    assert jobs.tick(now).started == [campaign.id]
    assert jobs.tick(now).started == []
    assert len(session.exec(select(OutboxMessage)).all()) == 1
    assert jobs.tick(now + timedelta(days=11)).closed == [campaign.id]


def test_purge_job_runs(bound):
    assert jobs.purge() >= 0


def test_jobs_need_an_app():
    jobs.bind_app(None)
    with pytest.raises(RuntimeError):
        jobs.tick()
