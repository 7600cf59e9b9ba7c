"""SMS out: Twilio's official SDK, or JSON lines in ``instance/sms-outbox.jsonl``.

``make_sms_sender(settings)`` gives a ``TwilioSmsSender`` when a Twilio account
is configured (``Messaging Service SID`` when set, else the ``From`` number),
otherwise a ``FileSmsSender`` that appends one JSON object a line (written
under a file lock, so several workers can share the file).

The SDK's default HTTP client has no timeout: we give it
``TwilioHttpClient(timeout=10)``.  Tests give it an ``HttpClient`` of their
own that points at a local stand-in for Twilio's API.  Failures become the
same ``TemporaryDeliveryError`` / ``PermanentDeliveryError`` that email uses:

* 429 and 5xx, timeouts and connection trouble: temporary (retried);
* 21610 (the number has replied STOP): permanent, ``reason = "opted_out"``;
* 21211 / 21614 (not a valid mobile number): permanent, ``reason = "invalid"``;
* 401/403 (our credentials): temporary, so fixing the setting lets them go;
* any other 4xx: permanent for this message.

``TwilioServiceException`` is not a ``TwilioRestException``: both are caught.
Logs never name the number.
"""
from __future__ import annotations

import fcntl
import json
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Protocol

import requests
from twilio.base.exceptions import TwilioRestException, TwilioServiceException
from twilio.http import HttpClient
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client

from engagement.config import Settings
from engagement.delivery.mail_errors import PermanentDeliveryError, TemporaryDeliveryError

log = logging.getLogger(__name__)

OPTED_OUT_CODES = {21610}
INVALID_NUMBER_CODES = {21211, 21614, 21217, 21401}
TWILIO_TIMEOUT = 10


@dataclass(frozen=True)
class SmsResult:
    sid: str
    status: str


class SmsSender(Protocol):
    def send(self, to: str, body: str, *, status_callback: str | None = None) -> SmsResult: ...


def classify_twilio_error(status: int | None, code: int | None) -> Exception:
    reason = f"twilio {status or '-'} code {code or '-'}"
    if code in OPTED_OUT_CODES:
        return PermanentDeliveryError("opted_out", code=code)
    if code in INVALID_NUMBER_CODES:
        return PermanentDeliveryError("invalid", code=code)
    if status is None or status == 429 or status >= 500 or status in (401, 403):
        return TemporaryDeliveryError(reason, code=code or status)
    return PermanentDeliveryError(reason, code=code or status)


class TwilioSmsSender:
    def __init__(self, settings: Settings, http_client: HttpClient | None = None):
        self.settings = settings
        self.client = Client(settings.twilio_account_sid, settings.twilio_auth_token,
                             http_client=http_client or TwilioHttpClient(timeout=TWILIO_TIMEOUT),
                             environment={})

    def send(self, to: str, body: str, *, status_callback: str | None = None) -> SmsResult:
        kwargs: dict[str, str] = {"to": to, "body": body}
        if self.settings.twilio_messaging_service_sid:
            kwargs["messaging_service_sid"] = self.settings.twilio_messaging_service_sid
        else:
            kwargs["from_"] = self.settings.twilio_from_number
        if status_callback:
            kwargs["status_callback"] = status_callback
        try:
            message = self.client.messages.create(**kwargs)
        except TwilioRestException as exc:
            raise classify_twilio_error(exc.status, exc.code) from exc
        except TwilioServiceException as exc:
            raise classify_twilio_error(exc.status, exc.code) from exc
        except (requests.RequestException, OSError) as exc:
            raise TemporaryDeliveryError(f"cannot reach twilio: {type(exc).__name__}") from exc
        log.info("sms %s accepted by twilio (%s)", message.sid, message.status)
        return SmsResult(sid=str(message.sid), status=str(message.status or "queued"))


class FileSmsSender:
    """Development and tests without a Twilio account: one JSON line per SMS."""

    def __init__(self, path: Path):
        self.path = Path(path)

    def send(self, to: str, body: str, *, status_callback: str | None = None) -> SmsResult:
        sid = "LOCAL" + secrets.token_hex(16)
        record = {"sid": sid, "to": to, "body": body, "status_callback": status_callback,
                  "at": datetime.now(timezone.utc).isoformat()}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "a", encoding="utf-8") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
                handle.flush()
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
        log.info("sms %s written to the local outbox", sid)
        return SmsResult(sid=sid, status="sent")


def read_sms_outbox(path: Path) -> list[dict]:
    """Every SMS in the local outbox file (for tests and the dev console)."""
    path = Path(path)
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def make_sms_sender(settings: Settings, http_client: HttpClient | None = None) -> SmsSender:
    if settings.uses_twilio:
        return TwilioSmsSender(settings, http_client)
    return FileSmsSender(settings.sms_outbox_file)
