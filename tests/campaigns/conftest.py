from __future__ import annotations

import pytest


@pytest.fixture
def ctx(app):
    """The service's functions read settings and build links: they run inside an app context."""
    with app.app_context():
        yield app
