"""Email out: headers, a real SMTP server on loopback (aiosmtpd), error classes, outbox files."""
from __future__ import annotations

import asyncio
import socket
import time
from datetime import datetime, timedelta, timezone
from email import message_from_bytes, policy
from email.utils import parsedate_to_datetime

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from engagement.config import Settings
from engagement.delivery.mail import (DeliveryError, InvalidEmail, MailSender, PermanentDeliveryError,
                                      TemporaryDeliveryError, build_email, outbox_file_name, read_outbox,
                                      send_email, write_outbox_file)
from tests.conftest import TEST_SECRET

LEAVE = "https://borger.example.dk/p/odense/frameld/abc.def"


class Recorder:
    """Accepts mail, except: reject@… gets 550 (permanent), later@… gets 451 (temporary)."""

    def __init__(self):
        self.envelopes: list[tuple[tuple[str, int], str, list[str], bytes]] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("reject@"):
            return "550 5.1.1 No such user"
        if address.startswith("later@"):
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append((session.peer, envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server():
    handler = Recorder()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, handler
    controller.stop()


def make_settings(tmp_path, **overrides) -> Settings:
    values = {"secret_key": TEST_SECRET, "instance_path": tmp_path, "outbox_dir": tmp_path / "outbox",
              "mail_from": "Borgerpanelet <panel@kommune.example.dk>", "reply_domain": "svar.kommune.example.dk"}
    values.update(overrides)
    return Settings.from_env(environ={}, overrides=values)


def smtp_settings(tmp_path, controller, **overrides) -> Settings:
    values = {"smtp_host": controller.hostname, "smtp_port": controller.port, "smtp_security": "none",
              "smtp_timeout": 5, **overrides}
    return make_settings(tmp_path, **values)


def mail_to(settings, to="borger@example.dk", **kwargs):
    values = dict(subject="Et spørgsmål til dig", text="Hej\n\nHvad synes du om æ, ø og å?\n",
                  leave_url=LEAVE)
    values.update(kwargs)
    return build_email(settings, to=to, **values)


# ---------------------------------------------------------------------------
# Building
# ---------------------------------------------------------------------------

def test_build_email_sets_our_headers(tmp_path):
    settings = make_settings(tmp_path)
    message = mail_to(settings, to_name="Anna Hansen", sender_name="Odense Borgerpanel")
    parsed = message_from_bytes(message.as_bytes(), policy=policy.default)
    assert parsed["Message-ID"].startswith("<") and parsed["Message-ID"].endswith("@svar.kommune.example.dk>")
    assert parsed["From"].addresses[0].display_name == "Odense Borgerpanel"
    assert parsed["From"].addresses[0].addr_spec == "panel@kommune.example.dk"
    assert parsed["To"].addresses[0].addr_spec == "borger@example.dk"
    assert parsed["Subject"] == "Et spørgsmål til dig"
    assert abs(parsedate_to_datetime(parsed["Date"]) - datetime.now(timezone.utc)) < timedelta(minutes=1)
    assert parsed["Auto-Submitted"] == "auto-generated"
    assert parsed["List-Unsubscribe"] == f"<{LEAVE}>"
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert parsed.get_content_type() == "text/plain"
    assert parsed.get_content() == "Hej\n\nHvad synes du om æ, ø og å?\n"


def test_message_ids_are_unique_and_human_messages_are_not_auto_submitted(tmp_path):
    settings = make_settings(tmp_path)
    human = mail_to(settings, automatic=False, leave_url=None)
    assert human["Auto-Submitted"] is None
    assert human["List-Unsubscribe"] is None and human["List-Unsubscribe-Post"] is None
    assert len({mail_to(settings)["Message-ID"] for _ in range(50)}) == 50


def test_html_alternative_and_mailto_unsubscribe(tmp_path):
    settings = make_settings(tmp_path)
    message = mail_to(settings, html="<p>Hej</p>", leave_mailto="frameld.abc@svar.kommune.example.dk")
    assert message.get_content_type() == "multipart/alternative"
    assert message.get_body(("html",)).get_content().strip() == "<p>Hej</p>"
    assert message["List-Unsubscribe"] == f"<{LEAVE}>, <mailto:frameld.abc@svar.kommune.example.dk>"


@pytest.mark.parametrize("kwargs", [
    {"subject": "Hej\r\nBcc: alle@example.dk"},
    {"subject": "Hej\nX-Evil: 1"},
    {"to": "borger@example.dk\nBcc: alle@example.dk"},
    {"to": "borger@example.dk, alle@example.dk"},
    {"to": "ikke en adresse"},
    {"to_name": "Anna\r\nBcc: alle@example.dk"},
    {"sender_name": "Panel\nBcc: alle@example.dk"},
    {"leave_url": "https://x.dk/frameld\r\nBcc: alle@example.dk"},
    {"leave_url": "javascript:alert(1)"},
])
def test_header_injection_is_impossible(tmp_path, kwargs):
    settings = make_settings(tmp_path)
    with pytest.raises(InvalidEmail):
        mail_to(settings, **kwargs)


def test_odd_but_honest_names_are_quoted_not_split(tmp_path):
    settings = make_settings(tmp_path)
    message = mail_to(settings, to_name='Hansen, Anna "Sø" <x@y.dk>')
    parsed = message_from_bytes(message.as_bytes(), policy=policy.default)
    [address] = parsed["To"].addresses
    assert address.addr_spec == "borger@example.dk"


# ---------------------------------------------------------------------------
# SMTP
# ---------------------------------------------------------------------------

def test_a_batch_goes_over_one_smtp_connection(tmp_path, smtp_server):
    controller, handler = smtp_server
    settings = smtp_settings(tmp_path, controller)
    messages = [mail_to(settings, to=f"borger{n}@example.dk") for n in range(3)]
    sender = MailSender(settings)
    delivered = sender.send_many(messages)

    assert [d.recipient for d in delivered] == ["borger0@example.dk", "borger1@example.dk", "borger2@example.dk"]
    assert [d.message_id for d in delivered] == [m["Message-ID"] for m in messages]
    assert sender.connections_opened == 1
    assert len({peer for peer, *_ in handler.envelopes}) == 1  # one client port: one connection
    assert [rcpt for _, _, rcpt, _ in handler.envelopes] == [[f"borger{n}@example.dk"] for n in range(3)]
    peer, mail_from, _, content = handler.envelopes[0]
    assert mail_from == "panel@kommune.example.dk"
    received = message_from_bytes(content.replace(b"\r\n", b"\n"), policy=policy.default)
    assert received["Message-ID"] == messages[0]["Message-ID"]
    assert received["List-Unsubscribe"] == f"<{LEAVE}>"
    assert received["Auto-Submitted"] == "auto-generated"
    assert received.get_content() == "Hej\n\nHvad synes du om æ, ø og å?\n"


@pytest.mark.parametrize("line_ends", [b"\n", b"\r\n"])
def test_lines_that_begin_with_a_dot_arrive_as_written(tmp_path, smtp_server, line_ends):
    """The worker's path (a checkpoint before the text) stuffs dots itself: the server, which
    takes one dot off every line that begins with one, must get the text as written."""
    controller, handler = smtp_server
    settings = smtp_settings(tmp_path, controller)
    lines = [b"Subject: Prikker", b"", b".", b"..", b".begynder med prik", b"midt.i.linjen", b"slut."]
    data = line_ends.join(lines) + line_ends
    checkpoints = []
    with MailSender(settings) as sender:
        sender.send_bytes(data, recipient="borger@example.dk", message_id="<p1@example.dk>",
                          before_accept=lambda: checkpoints.append("354"))
    assert checkpoints == ["354"]
    assert handler.envelopes[0][3] == b"\r\n".join(lines) + b"\r\n"


def test_550_is_permanent_and_names_the_recipient(tmp_path, smtp_server):
    controller, handler = smtp_server
    settings = smtp_settings(tmp_path, controller)
    message = mail_to(settings, to="reject@example.dk")
    with pytest.raises(PermanentDeliveryError) as caught:
        send_email(message, settings)
    assert isinstance(caught.value, DeliveryError)
    assert (caught.value.recipient, caught.value.code) == ("reject@example.dk", 550)
    assert caught.value.message_id == message["Message-ID"]
    assert handler.envelopes == []


def test_451_is_temporary(tmp_path, smtp_server):
    controller, _handler = smtp_server
    settings = smtp_settings(tmp_path, controller)
    with pytest.raises(TemporaryDeliveryError) as caught:
        send_email(mail_to(settings, to="later@example.dk"), settings)
    assert (caught.value.recipient, caught.value.code) == ("later@example.dk", 451)


def test_a_batch_stops_at_the_first_failure_and_says_what_went_out(tmp_path, smtp_server):
    controller, handler = smtp_server
    settings = smtp_settings(tmp_path, controller)
    messages = [mail_to(settings, to=to) for to in ("a@example.dk", "reject@example.dk", "c@example.dk")]
    with pytest.raises(PermanentDeliveryError) as caught:
        MailSender(settings).send_many(messages)
    assert [d.recipient for d in caught.value.delivered] == ["a@example.dk"]
    assert caught.value.recipient == "reject@example.dk"
    assert [rcpt for _, _, rcpt, _ in handler.envelopes] == [["a@example.dk"]]


def test_one_connection_survives_a_refused_recipient(tmp_path, smtp_server):
    controller, handler = smtp_server
    settings = smtp_settings(tmp_path, controller)
    outcomes = []
    with MailSender(settings) as sender:
        for to in ("a@example.dk", "reject@example.dk", "later@example.dk", "d@example.dk"):
            try:
                outcomes.append(sender.send(mail_to(settings, to=to)).recipient)
            except DeliveryError as error:
                outcomes.append(type(error).__name__)
        assert sender.connections_opened == 1
    assert outcomes == ["a@example.dk", "PermanentDeliveryError", "TemporaryDeliveryError", "d@example.dk"]
    assert len({peer for peer, *_ in handler.envelopes}) == 1


def test_no_server_is_temporary(tmp_path):
    settings = make_settings(tmp_path, smtp_host="127.0.0.1", smtp_port=free_port(), smtp_security="none",
                             smtp_timeout=2)
    with pytest.raises(TemporaryDeliveryError) as caught:
        send_email(mail_to(settings), settings)
    assert caught.value.recipient == "borger@example.dk"
    assert not (tmp_path / "outbox").exists()  # never silently falls back to files


class Silent(Recorder):
    """Answers the greeting and EHLO, then says nothing about the recipient for 4 s."""

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        await asyncio.sleep(4)
        return await super().handle_RCPT(server, session, envelope, address, rcpt_options)


def test_a_server_that_goes_silent_is_temporary_within_the_timeout(tmp_path):
    """A plain connection's bound is the kernel's (``_bound_by_the_kernel``): it must still end
    a wait for an answer that does not come."""
    controller = Controller(Silent(), hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        settings = smtp_settings(tmp_path, controller, smtp_timeout=1)
        began = time.monotonic()
        with MailSender(settings) as sender, pytest.raises(TemporaryDeliveryError) as caught:
            sender.send(mail_to(settings))
        assert time.monotonic() - began < 3.5
        assert "SMTPServerDisconnected" in caught.value.reason
    finally:
        controller.stop()


def test_starttls_required_but_not_offered_is_temporary(tmp_path, smtp_server):
    controller, handler = smtp_server
    settings = smtp_settings(tmp_path, controller, smtp_security="starttls")
    with pytest.raises(TemporaryDeliveryError):
        send_email(mail_to(settings), settings)
    assert handler.envelopes == []


def test_login_when_a_username_is_set(tmp_path):
    logins = []

    def authenticator(server, session, envelope, mechanism, auth_data):
        assert isinstance(auth_data, LoginPassword)
        logins.append((auth_data.login, auth_data.password))
        return AuthResult(success=auth_data.password == b"hemmeligt")

    handler = Recorder()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port(), authenticator=authenticator,
                            auth_require_tls=False)
    controller.start()
    try:
        good = smtp_settings(tmp_path, controller, smtp_username="panel", smtp_password="hemmeligt")
        send_email(mail_to(good), good)
        bad = smtp_settings(tmp_path, controller, smtp_username="panel", smtp_password="forkert")
        with pytest.raises(TemporaryDeliveryError):  # our fault, not the recipient's: never permanent
            send_email(mail_to(bad), bad)
    finally:
        controller.stop()
    assert logins[0] == (b"panel", b"hemmeligt")
    assert len(handler.envelopes) == 1


# ---------------------------------------------------------------------------
# Outbox files (no SMTP configured)
# ---------------------------------------------------------------------------

def test_without_smtp_messages_become_eml_files(tmp_path):
    settings = make_settings(tmp_path)
    assert not settings.uses_smtp
    messages = [mail_to(settings, to=f"borger{n}@example.dk") for n in range(3)]
    delivered = MailSender(settings).send_many(messages)
    files = sorted((tmp_path / "outbox").iterdir())
    assert [path.suffix for path in files] == [".eml"] * 3  # no temporary files left behind
    assert {d.path for d in delivered} == set(files)
    assert [m["Message-ID"] for m in read_outbox(tmp_path / "outbox")] == [m["Message-ID"] for m in messages]
    parsed = message_from_bytes(files[0].read_bytes(), policy=policy.default)
    assert parsed["List-Unsubscribe"] == f"<{LEAVE}>"
    assert parsed.get_content() == "Hej\n\nHvad synes du om æ, ø og å?\n"


def test_outbox_file_names_sort_by_time_and_differ_by_message(tmp_path):
    settings = make_settings(tmp_path)
    first, second = mail_to(settings), mail_to(settings)
    moment = datetime(2025, 3, 1, 10, 15, 2, 123456, tzinfo=timezone.utc)
    later = write_outbox_file(first, tmp_path / "box", now=moment + timedelta(seconds=1))
    earlier = write_outbox_file(second, tmp_path / "box", now=moment)
    assert sorted(p.name for p in (tmp_path / "box").iterdir()) == [earlier.name, later.name]
    assert earlier.name.startswith("20250301T101502123456Z-") and earlier.name.endswith(".eml")
    assert outbox_file_name(first, moment) != outbox_file_name(second, moment)
