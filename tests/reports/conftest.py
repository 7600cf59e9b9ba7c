from __future__ import annotations

import pytest

from tests.conftest import TEST_SECRET
from tests.factories import make_panel
from tests.reports.builders import add_targets, build_survey


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield app


@pytest.fixture
def panel(session):
    panel = make_panel(session)
    add_targets(session, panel)
    return panel


@pytest.fixture
def built(session, panel):
    return build_survey(session, panel)


@pytest.fixture
def report(ctx, session, panel, built):
    from engagement.reports import service

    result = service.build_report(session, panel, "trafik", secret_key=TEST_SECRET)
    session.commit()
    return result
