"""The mail command group and the IMAP settings."""
from __future__ import annotations

import pytest

from engagement.config import ConfigError, Settings


def test_listen_needs_a_mailbox(runner):
    result = runner.invoke(args=["mail", "listen", "--once"])
    assert result.exit_code != 0 and "IMAP_HOST" in result.output


def test_process_command_runs(runner):
    result = runner.invoke(args=["mail", "process"])
    assert result.exit_code == 0 and "0 messages tried" in result.output


@pytest.mark.parametrize("environ, message", [
    ({"IMAP_HOST": "imap.example.dk"}, "IMAP_USERNAME"),
    ({"IMAP_HOST": "imap.example.dk", "IMAP_USERNAME": "u", "IMAP_PASSWORD": "p",
      "IMAP_PROCESSED_FOLDER": "INBOX"}, "IMAP_PROCESSED_FOLDER"),
    ({"IMAP_PORT": "nul"}, "IMAP_PORT"),
    ({"IMAP_SSL": "måske"}, "IMAP_SSL"),
])
def test_bad_imap_settings_fail_fast(tmp_path, environ, message):
    base = {"BORGERPANEL_INSTANCE": str(tmp_path), "SECRET_KEY": "x" * 40}
    with pytest.raises(ConfigError, match=message):
        Settings.from_env({**base, **environ})


def test_imap_defaults(tmp_path):
    settings = Settings.from_env({"BORGERPANEL_INSTANCE": str(tmp_path), "SECRET_KEY": "x" * 40})
    assert (settings.imap_port, settings.imap_ssl, settings.imap_folder, settings.uses_imap) == (993, True, "INBOX", False)
