"""A local stand-in for Twilio's Messages API, and an SDK HTTP client that talks to it.

``TwilioStandIn`` is a real HTTP server on 127.0.0.1.  It accepts what the
official SDK sends to ``POST /2010-04-01/Accounts/{sid}/Messages.json`` and
checks it the way Twilio would: HTTP Basic auth with the account SID and
auth token, a form body (not JSON) with ``To``, ``Body`` and exactly one of
``MessagingServiceSid`` / ``From``, plus ``StatusCallback`` when given.  What
it answers is scripted per recipient number (``answers["+4520123456"] =
(429, None)``): 201 with a message resource by default, or an error body
with Twilio's ``code`` (21610, 21211 ...).  ``answer_next(number, (429, 20429), (500, None))``
queues answers for that number's next requests, one each, before the standing answer applies
again (a rate limit or an outage that passes); a 429 carries ``Retry-After: 1``.

``StandInHttpClient`` is a ``TwilioHttpClient`` (timeout set) that rewrites
``https://api.twilio.com`` to the stand-in's loopback URL; everything else is
the SDK's own request.
"""
from __future__ import annotations

import base64
import json
import secrets
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

from twilio.http.http_client import TwilioHttpClient

ACCOUNT_SID = "AC" + "0" * 32
AUTH_TOKEN = "standin-auth-token-0123456789abcdef"
MESSAGING_SERVICE_SID = "MG" + "1" * 32
FROM_NUMBER = "+4570701234"

ERROR_MESSAGES = {21610: "Attempt to send to unsubscribed recipient",
                  21211: "The 'To' number is not a valid phone number.",
                  20429: "Too Many Requests"}


@dataclass
class Call:
    path: str
    auth: tuple[str, str] | None
    content_type: str
    form: dict[str, str]
    problems: list[str]


@dataclass
class StandInState:
    calls: list[Call] = field(default_factory=list)
    answers: dict[str, tuple[int, int | None]] = field(default_factory=dict)
    upcoming: dict[str, list[tuple[int, int | None]]] = field(default_factory=dict)  # one per request
    lock: threading.Lock = field(default_factory=threading.Lock)


class _Handler(BaseHTTPRequestHandler):
    state: StandInState

    def log_message(self, *_args):  # keep the test output quiet
        pass

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length).decode("utf-8")
        content_type = self.headers.get("Content-Type", "")
        form = {k: v[0] for k, v in parse_qs(raw, keep_blank_values=True).items()}
        auth = None
        header = self.headers.get("Authorization", "")
        if header.startswith("Basic "):
            user, _, password = base64.b64decode(header[6:]).decode().partition(":")
            auth = (user, password)
        problems = []
        expected_path = f"/2010-04-01/Accounts/{ACCOUNT_SID}/Messages.json"
        if self.path != expected_path:
            problems.append(f"path {self.path}")
        if not content_type.startswith("application/x-www-form-urlencoded"):
            problems.append(f"content type {content_type}")
        if not form.get("To") or not form.get("Body"):
            problems.append("To and Body are required")
        if bool(form.get("MessagingServiceSid")) == bool(form.get("From")):
            problems.append("exactly one of MessagingServiceSid and From")
        call = Call(self.path, auth, content_type, form, problems)
        with self.state.lock:
            self.state.calls.append(call)
        if auth != (ACCOUNT_SID, AUTH_TOKEN):
            return self._answer(401, {"code": 20003, "message": "Authenticate", "status": 401})
        if problems:
            return self._answer(400, {"code": 21602, "message": "; ".join(problems), "status": 400})
        with self.state.lock:
            queued = self.state.upcoming.get(form["To"])
            status, code = queued.pop(0) if queued else self.state.answers.get(form["To"], (201, None))
        if status == 201:
            sid = "SM" + secrets.token_hex(16)
            return self._answer(201, {"sid": sid, "account_sid": ACCOUNT_SID, "to": form["To"],
                                      "from": form.get("From"), "body": form["Body"], "status": "queued",
                                      "messaging_service_sid": form.get("MessagingServiceSid"),
                                      "num_segments": "1", "direction": "outbound-api",
                                      "uri": f"{expected_path[:-5]}/{sid}.json"})
        return self._answer(status, {"code": code, "message": ERROR_MESSAGES.get(code or 0, "error"),
                                     "more_info": f"https://www.twilio.com/docs/errors/{code}",
                                     "status": status}, retry_after="1" if status == 429 else None)

    def _answer(self, status: int, body: dict, retry_after: str | None = None):
        data = json.dumps(body).encode()
        self.send_response(status)
        if retry_after:
            self.send_header("Retry-After", retry_after)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class TwilioStandIn:
    def __init__(self):
        self.state = StandInState()
        handler = type("Handler", (_Handler,), {"state": self.state})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "TwilioStandIn":
        self.thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def calls(self) -> list[Call]:
        return self.state.calls

    def answer(self, number: str, status: int, code: int | None = None) -> None:
        self.state.answers[number] = (status, code)

    def answer_next(self, number: str, *answers: tuple[int, int | None]) -> None:
        with self.state.lock:
            self.state.upcoming.setdefault(number, []).extend(answers)

    def calls_to(self, number: str) -> int:
        with self.state.lock:
            return sum(call.form.get("To") == number for call in self.state.calls)

    def http_client(self) -> "StandInHttpClient":
        return StandInHttpClient(self.url)


class StandInHttpClient(TwilioHttpClient):
    """The SDK's own HTTP client, sent to the stand-in instead of api.twilio.com."""

    def __init__(self, base_url: str):
        super().__init__(timeout=5)
        self.base_url = base_url

    def request(self, method, url, *args, **kwargs):
        for prefix in ("https://api.twilio.com", "https://api.twilio.com:443"):
            if url.startswith(prefix):
                url = self.base_url + url[len(prefix):]
                break
        return super().request(method, url, *args, **kwargs)
