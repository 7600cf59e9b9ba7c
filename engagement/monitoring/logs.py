"""Log lines: one formatter (text, or JSON lines with ``LOG_FORMAT=json``) and a redaction filter.

The code logs ids, channels and outcomes, never an email address or a phone
number (design notes).  ``RedactingFilter`` is the safety net behind that
rule: on the root handler it replaces every email address and phone number
in the rendered message (so also in the ``%s`` arguments), in the
exception's traceback text, in the stack text and in string ``extra`` fields
before any formatter sees them.  It renders the message itself and clears
``args``, so a record leaves it with nothing left to leak.

What counts as a phone number (``redact``):

* international: ``+`` and 7 to 15 digits, spaces or dashes allowed between
  them (``+4520123456``, ``+45 20 12 34 56``, ``+1 415 555 0100``), and
  ``0045`` followed by 8 digits;
* Danish without a prefix: 8 digits starting with 2-9 (Danish numbers never
  start with 0 or 1), written ``20123456``, ``20 12 34 56`` or ``2012 3456``,
  standing alone (not part of a longer number, a decimal, a time or a
  date like ``2024-01-15``).

So ids and counts below 20,000,000, unix times (10 digits), port numbers,
durations, IP addresses and ISO timestamps stay as they are; an 8-digit id
of 20,000,000 or more, or a compact date like ``20240115``, is redacted too:
for a safety net a lost id is cheaper than a leaked number.
"""
from __future__ import annotations

import json
import logging
import re
import sys
from datetime import datetime, timezone

EMAIL_MASK = "[email]"
PHONE_MASK = "[phone]"

EMAIL = re.compile(r"[\w.!#$%&'*+=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)*")
_START = r"(?<![\w+])(?<!\d[.:/-])"       # not inside a word, a longer number, a decimal or a time
_END = r"(?!\w)(?![.:/-]\d)"
PHONE = re.compile(
    _START + r"(?:"
    r"\+\d(?:[ -]?\d){6,14}"              # E.164, digits maybe grouped
    r"|0045[ -]?\d(?:[ -]?\d){7}"         # 0045 and a Danish number
    r"|[2-9]\d{7}"                        # 20123456
    r"|[2-9]\d(?: \d\d){3}"               # 20 12 34 56
    r"|[2-9]\d{3} \d{4}"                  # 2012 3456
    r")" + _END)

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

# LogRecord's own attributes; anything else on a record came from ``extra=``.
_STANDARD = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime",
                                                                                "taskName"}


def redact(text: str) -> str:
    """``text`` with email addresses and phone numbers replaced by ``[email]`` and ``[phone]``."""
    if not text:
        return text
    text = EMAIL.sub(EMAIL_MASK, text)
    return PHONE.sub(PHONE_MASK, text)


class RedactingFilter(logging.Filter):
    """Redacts a record in place (message with its args, exception and stack text, string extras)."""

    _exception_formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a wrong %-format: keep what there is, never raise into the caller
            message = f"{record.msg} (arguments: {record.args!r})"
        record.msg, record.args = redact(str(message)), None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._exception_formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
            record.exc_info = None  # the formatter must use the redacted text, not format again
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        for key, value in list(vars(record).items()):
            if key not in _STANDARD and isinstance(value, str):
                setattr(record, key, redact(value))
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (UTC), level, logger, message, process, thread, exception, extras."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "process": record.process,
            "thread": record.threadName,
        }
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = record.stack_info
        for key, value in vars(record).items():
            if key not in _STANDARD and key not in entry:
                entry[key] = value if isinstance(value, (str, int, float, bool, type(None))) else repr(value)
        return json.dumps(entry, ensure_ascii=False)


def make_formatter(log_format: str) -> logging.Formatter:
    return JsonFormatter() if log_format == "json" else logging.Formatter(TEXT_FORMAT)


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever ``sys.stderr`` is at the time (test runners replace it)."""

    def __init__(self):
        super().__init__(sys.stderr)

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _value):
        pass


def install_logging(level: str, log_format: str = "text", root: logging.Logger | None = None) -> logging.Handler | None:
    """Our handler on the root logger: stderr, the chosen format, the redaction filter.

    Safe to call again (``create_app`` runs once per app): the handler is installed once and
    then only reformatted.  Like ``logging.basicConfig``, it leaves a root logger that something
    else configured first (a test runner, gunicorn's ``--log-config``) alone and returns None.
    """
    root = root if root is not None else logging.getLogger()
    ours = [handler for handler in root.handlers if getattr(handler, "is_borgerpanel", False)]
    if ours:
        handler = ours[0]
    elif root.handlers:
        return None
    else:
        handler = _StderrHandler()
        handler.is_borgerpanel = True  # type: ignore[attr-defined]
        handler.addFilter(RedactingFilter())
        root.addHandler(handler)
    handler.setFormatter(make_formatter(log_format))
    root.setLevel(level)
    return handler
