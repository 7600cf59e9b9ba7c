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


@pytest.fixture
def dovecot():
    """A Dovecot IMAP server of this test's own on loopback (skipped where Dovecot is missing).

    Its folder is made directly under the system's temp folder: Dovecot's auth and login
    processes run as other users and must reach the passwd file (pytest's folders are 0700)."""
    import shutil
    import tempfile
    from pathlib import Path

    from tests.dovecot import DovecotServer, is_available

    if not is_available():
        pytest.skip("dovecot is not installed (apt-get install dovecot-imapd) or not running as root")
    root = Path(tempfile.mkdtemp(prefix="borgerpanel-dovecot-"))
    server = DovecotServer(root).start()
    yield server
    server.stop()
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def imap_app(app, dovecot):
    """The app with its mailbox on the test's Dovecot."""
    settings = app.extensions["borgerpanel.settings"]
    app.extensions["borgerpanel.settings"] = replace(
        settings, imap_host="127.0.0.1", imap_port=dovecot.port, imap_ssl=False, imap_username=dovecot.username,
        imap_password=dovecot.password, imap_folder="INBOX", imap_processed_folder="Behandlet",
        imap_poll_seconds=1, imap_timeout=10)
    return app
