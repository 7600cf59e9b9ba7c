"""Inbound tests: the app with a Twilio auth token (for webhook signatures) and helpers."""
from __future__ import annotations

from dataclasses import replace

import pytest

TWILIO_TOKEN = "inbound-test-auth-token-0123456789"


@pytest.fixture
def app(app):
    settings = app.extensions["borgerpanel.settings"]
    app.extensions["borgerpanel.settings"] = replace(settings, twilio_auth_token=TWILIO_TOKEN)
    return app
