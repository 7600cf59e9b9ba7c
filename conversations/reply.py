"""The reader's entry points: one inbound message (email or SMS) -> a Reading.

- `read_reply(channel, message, definition, awaiting=...)`: raw email bytes or
  SMS text, as `python -m conversations parse` gets them.
- `read_mail(mail, definition)`: an email already read by
  `conversations.mail.read_message` (the pipeline reads the envelope first,
  to match the sender, then the words).
- `read_sms(text, definition, awaiting=...)`: an SMS body.
- `read_answer(text, question)`: one answer typed for one known question
  (staff correcting an answer in the inbox): the value, or None.

Email bounces and auto-replies are decided by `read_message`, by headers and
structure; a calendar answer (iTIP REPLY) is an RSVP whatever the text says;
only a human reply's own words reach the Danish reader.
"""
from __future__ import annotations

from .definitions import Meeting, Question, Survey
from .reader import understand_text
from .reading import Reading, Rsvp


def read_reply(channel: str, message: str | bytes, definition, *, awaiting: str | None = None) -> Reading:
    if channel == "email":
        from .mail import read_message

        raw = message if isinstance(message, bytes) else message.encode("utf-8", "surrogateescape")
        return read_mail(read_message(raw), definition)
    if channel == "sms":
        text = message.decode("utf-8", "replace") if isinstance(message, bytes) else message
        return read_sms(text, definition, awaiting=awaiting)
    return Reading("unclear", error=f"unknown channel {channel!r}")


def read_mail(mail, definition) -> Reading:
    if mail.kind == "bounce":
        return Reading("bounce")
    if mail.kind == "auto_reply":
        return Reading("auto_reply")
    if mail.calendar_reply and isinstance(definition, Meeting):
        return Reading("rsvp", rsvp=Rsvp(mail.calendar_reply, 0))
    return understand_text(mail.text, definition, channel="email", awaiting=None,
                           blocks=mail.blocks, subject=mail.subject)


def read_sms(text: str, definition, *, awaiting: str | None = None) -> Reading:
    return understand_text(text, definition, channel="sms", awaiting=awaiting)


def read_answer(text: str, question: Question):
    """The value `text` gives `question` when it is the one question asked, or None."""
    survey = Survey(key="_", title="", questions=(question,))
    reading = understand_text(text, survey, channel="sms", awaiting=question.key)
    return reading.answers.get(question.key)
