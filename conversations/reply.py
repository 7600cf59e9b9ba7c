"""One inbound message (email bytes or SMS text) -> a Reading.

Email goes through `conversations.mail.read_message` first: bounces and
auto-replies are decided there, by headers and structure; only a human
reply's own words (and its blocks of own/quoted text, for answers typed under
quoted questions) reach the Danish reader.
"""
from __future__ import annotations

from .understand import Reading, understand_text


def read_reply(channel: str, message: str | bytes, definition, *, awaiting: str | None = None) -> Reading:
    if channel == "email":
        from .mail import read_message

        raw = message if isinstance(message, bytes) else message.encode("utf-8", "surrogateescape")
        mail = read_message(raw)
        if mail.kind == "bounce":
            return Reading("bounce")
        if mail.kind == "auto_reply":
            return Reading("auto_reply")
        return understand_text(mail.text, definition, channel="email", awaiting=None,
                               blocks=mail.blocks, subject=mail.subject)
    if channel == "sms":
        text = message.decode("utf-8", "replace") if isinstance(message, bytes) else message
        return understand_text(text, definition, channel="sms", awaiting=awaiting)
    return Reading("unclear", error=f"unknown channel {channel!r}")
