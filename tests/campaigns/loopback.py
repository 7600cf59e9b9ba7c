"""Loopback servers and app builders shared by the campaign, delivery and scheduling tests.

``SmtpSink`` is a real SMTP server (aiosmtpd) on 127.0.0.1 that keeps what it
receives and can refuse chosen recipients with a 4xx or 5xx answer.
"""
from __future__ import annotations

import socket
import threading
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

from engagement import create_app
from engagement.models import metadata
from tests.conftest import TEST_SECRET


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes

    @property
    def message(self) -> EmailMessage:
        return message_from_bytes(self.data, policy=policy.default)  # type: ignore[return-value]


@dataclass
class SinkHandler:
    received: list[Received] = field(default_factory=list)
    refuse: dict[str, str] = field(default_factory=dict)  # address -> "550 5.1.1 ..." / "451 4.3.0 ..."
    connections: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        with self.lock:
            self.connections += 1
        session.host_name = hostname
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        answer = self.refuse.get(address.lower())
        if answer:
            return answer
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted for delivery"


class SmtpSink:
    """An aiosmtpd server on a free loopback port; ``handler`` may be a ``SinkHandler`` that misbehaves."""

    def __init__(self, handler: SinkHandler | None = None):
        self.handler = handler or SinkHandler()
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> "SmtpSink":
        self.controller.start()
        return self

    def __exit__(self, *_exc) -> None:
        self.controller.stop()

    @property
    def received(self) -> list[Received]:
        return self.handler.received

    def messages(self) -> list[EmailMessage]:
        return [r.message for r in self.handler.received]


@pytest.fixture
def smtp_sink():
    with SmtpSink() as sink:
        yield sink


def app_settings(database_url: str, tmp_path, **overrides) -> dict:
    values = {
        "database_url": database_url,
        "secret_key": TEST_SECRET,
        "instance_path": tmp_path / "instance",
        "outbox_dir": tmp_path / "instance" / "outbox",
        "sms_outbox_file": tmp_path / "instance" / "sms-outbox.jsonl",
        "public_base_url": "https://panel.example.dk",
        "reply_domain": "svar.example.dk",
        "mail_from": "Borgerpanelet <panel@example.dk>",
    }
    values.update(overrides)
    return values


def build_app(database_url: str, tmp_path, **overrides):
    app = create_app(app_settings(database_url, tmp_path, **overrides))
    app.config["TESTING"] = True
    return app


def outbox_rows(engine) -> list:
    """Every outbox row, read on a session of its own (the processes under test write them)."""
    from sqlmodel import Session, select

    from engagement.delivery.models import OutboxMessage

    with Session(engine) as session:
        return list(session.exec(select(OutboxMessage)).all())


def clear_tables(app) -> None:
    engine = app.extensions["borgerpanel.engine"]
    with engine.begin() as connection:
        for table in reversed(metadata.sorted_tables):
            connection.execute(table.delete())
    engine.dispose()


@pytest.fixture
def smtp_app(database_url, tmp_path, smtp_sink):
    """An app that sends email to the loopback SMTP sink."""
    app = build_app(database_url, tmp_path, smtp_host="127.0.0.1", smtp_port=smtp_sink.port,
                    smtp_security="none", smtp_timeout=5)
    yield app
    clear_tables(app)
