"""Log lines: the redaction filter (what it hides, what it leaves), the formatters, the installation."""
from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from engagement.monitoring.logs import (EMAIL_MASK, PHONE_MASK, JsonFormatter, RedactingFilter, TEXT_FORMAT,
                                        install_logging, redact)

PROJECT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("text, expected", [
    ("mail to anna.hansen@example.dk failed", "mail to [email] failed"),
    ("Søren.Ærø@eksempel.dk", "[email]"),
    ("svar+abcdefghijklmnopqrst@localhost", "[email]"),               # reply addresses carry tokens
    ("In-Reply-To <171234.5678@mail.example.dk>", "In-Reply-To <[email]>"),
    ("postgresql://root@127.0.0.1:5432/test", "postgresql://[email]:5432/test"),
    ("sms to +4520123456", "sms to [phone]"),
    ("+45 20 12 34 56", "[phone]"),
    ("0045 20123456", "[phone]"),
    ("tel:+4520123456", "tel:[phone]"),
    ("+1 415 555 0100", "[phone]"),                                    # E.164 of any country
    ("ring 20 12 34 56 eller 2012 3456.", "ring [phone] eller [phone]."),
    ("tlf. 20123456.", "tlf. [phone]."),
    ('{"From": "+4520123456"}', '{"From": "[phone]"}'),
    # Ordinary numbers stay.
    ("inbound sms 42: processed (recorded 2)", "inbound sms 42: processed (recorded 2)"),
    ("outbox 1234567 sent", "outbox 1234567 sent"),
    ("id=12345678", "id=12345678"),                                    # Danish numbers never start with 1
    ("1234 5678", "1234 5678"),
    ("unix 1700000000 ms 1700000000123", "unix 1700000000 ms 1700000000123"),
    ("at 2024-01-15T10:15:00+00:00", "at 2024-01-15T10:15:00+00:00"),
    ("took 0.12345678 s", "took 0.12345678 s"),
    ("ip 192.168.100.200:5432 port 54321", "ip 192.168.100.200:5432 port 54321"),
    ("12.345.678 kr., kl. 10.15, version 3.11.7", "12.345.678 kr., kl. 10.15, version 3.11.7"),
    ("MessageSid SM00000000000000000000000000000001", "MessageSid SM00000000000000000000000000000001"),
    ("offset +0100", "offset +0100"),
    # The price of a safety net: an 8-digit number that could be Danish is hidden.
    ("outbox 23456789 sent", "outbox [phone] sent"),
    ("20240115", "[phone]"),
])
def test_redact(text, expected):
    assert redact(text) == expected


def _record(msg, *args, exc_info=None, **extra) -> logging.LogRecord:
    record = logging.LogRecord("engagement.test", logging.WARNING, __file__, 1, msg, args or None, exc_info)
    for key, value in extra.items():
        setattr(record, key, value)
    return record


def _formatted(record: logging.LogRecord, formatter: logging.Formatter) -> str:
    assert RedactingFilter().filter(record) is True
    return formatter.format(record)


def test_filter_redacts_message_args_exception_and_extras():
    try:
        raise ValueError("recipient anna@example.dk refused, call +4520123456")
    except ValueError:
        exc_info = sys.exc_info()
    record = _record("send to %s (%s) failed: %d tries", "anna@example.dk", "20 12 34 56", 3, exc_info=exc_info,
                     to="ole@example.dk", count=5)
    line = _formatted(record, logging.Formatter(TEXT_FORMAT))
    assert "anna@example.dk" not in line and "+4520123456" not in line and "20 12 34 56" not in line
    assert f"send to {EMAIL_MASK} ({PHONE_MASK}) failed: 3 tries" in line
    assert f"ValueError: recipient {EMAIL_MASK} refused, call {PHONE_MASK}" in line and "Traceback" in line
    assert record.args is None and record.exc_info is None  # nothing left for a later handler to leak
    assert record.to == EMAIL_MASK and record.count == 5


def test_filter_keeps_a_badly_formatted_record_and_never_raises():
    record = _record("%d messages for %s", "not a number")
    RedactingFilter().filter(record)
    assert "%d messages" in record.getMessage() and record.args is None


def test_dict_args_are_redacted_too():
    record = _record("to %(to)s", {"to": "anna@example.dk"})
    assert _formatted(record, logging.Formatter("%(message)s")) == f"to {EMAIL_MASK}"


def test_json_lines():
    try:
        1 / 0
    except ZeroDivisionError:
        exc_info = sys.exc_info()
    record = _record("outbox %s %s: %s to %s", 17, "sms", "sent", "+4520123456", exc_info=exc_info, channel="sms")
    entry = json.loads(_formatted(record, JsonFormatter()))
    assert entry["message"] == f"outbox 17 sms: sent to {PHONE_MASK}"
    assert (entry["level"], entry["logger"], entry["channel"]) == ("WARNING", "engagement.test", "sms")
    assert entry["time"].endswith("+00:00") and entry["process"] == os.getpid()
    assert "ZeroDivisionError" in entry["exception"]


def test_install_logging_once_and_leaves_a_configured_root_alone():
    root = logging.Logger("fake-root")
    handler = install_logging("INFO", "json", root=root)
    assert handler is not None and root.level == logging.INFO
    assert install_logging("DEBUG", "text", root=root) is handler and len(root.handlers) == 1
    assert root.level == logging.DEBUG and handler.formatter._fmt == TEXT_FORMAT
    other = logging.Logger("configured")
    other.addHandler(logging.NullHandler())
    assert install_logging("INFO", "json", root=other) is None and len(other.handlers) == 1


def test_installed_handler_redacts_and_writes_json(monkeypatch):
    stream = io.StringIO()
    monkeypatch.setattr(sys, "stderr", stream)  # the handler writes to whatever stderr is now
    root = logging.Logger("fake-root")
    install_logging("INFO", "json", root=root)
    root.info("welcome mail to %s", "anna@example.dk")
    root.debug("not at INFO")
    [line] = stream.getvalue().splitlines()
    assert json.loads(line)["message"] == f"welcome mail to {EMAIL_MASK}"


SCRIPT = """
import logging
from engagement import create_app
create_app()
log = logging.getLogger("engagement.check")
log.info("signup by %s, phone %s", "anna@example.dk", "+45 20 12 34 56")
try:
    raise RuntimeError("bounce for ole@example.dk")
except RuntimeError:
    log.exception("delivery failed")
"""


@pytest.mark.slow
def test_a_real_process_logs_json_lines_without_addresses(tmp_path):
    env = {**os.environ, "BORGERPANEL_INSTANCE": str(tmp_path), "LOG_FORMAT": "json",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=PROJECT, env=env, capture_output=True, text=True,
                          timeout=120, check=True)
    entries = [json.loads(line) for line in done.stderr.splitlines() if line.startswith("{")]
    mine = [entry for entry in entries if entry["logger"] == "engagement.check"]
    assert [entry["message"] for entry in mine] == [f"signup by {EMAIL_MASK}, phone {PHONE_MASK}",
                                                     "delivery failed"]
    assert f"RuntimeError: bounce for {EMAIL_MASK}" in mine[1]["exception"]
    assert "example.dk" not in done.stderr and "20 12 34 56" not in done.stderr
