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

`read_mail` and `read_sms` read at most `limits.MAX_MAIL_CHARS` /
`limits.MAX_SMS_CHARS` of the words and stop a reading after
`limits.READING_SECONDS`; a longer message or a reading that ran out of time
becomes `other` with `asks_staff` (a person reads it, and the citizen is told
so), never an exception.
"""
from __future__ import annotations

from dataclasses import replace

from . import limits
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
    text, was_cut = limits.cut(mail.text, limits.MAX_MAIL_CHARS)
    blocks = mail.blocks if not was_cut else ()
    return _bounded(was_cut, limits.MAX_MAIL_CHARS, understand_text, text, definition, channel="email",
                    awaiting=None, blocks=blocks, subject=(mail.subject or "")[:300])


def read_sms(text: str, definition, *, awaiting: str | None = None) -> Reading:
    text, was_cut = limits.cut(text, limits.MAX_SMS_CHARS)
    return _bounded(was_cut, limits.MAX_SMS_CHARS, understand_text, text, definition, channel="sms",
                    awaiting=awaiting)


def _bounded(was_cut: bool, cap: int, read, *args, **kwargs) -> Reading:
    """One reading within the time bound; a cut text or a reading out of time goes to a person."""
    try:
        with limits.time_limit(limits.READING_SECONDS):
            reading = read(*args, **kwargs)
    except limits.ReadingTimeout:
        return Reading("other", asks_staff=True,
                       error=f"reading took longer than {limits.READING_SECONDS:g} s: a person reads it")
    if was_cut:  # leaving stays leaving; anything else is for a person to read whole
        intent = reading.intent if reading.intent in ("unsubscribe", "auto_reply") else "other"
        return replace(reading, intent=intent, asks_staff=True,
                       error=f"longer than {cap} characters: the start was read, a person reads it all")
    return reading


def read_answer(text: str, question: Question):
    """The value `text` gives `question` when it is the one question asked, or None."""
    survey = Survey(key="_", title="", questions=(question,))
    reading = understand_text(text, survey, channel="sms", awaiting=question.key)
    return reading.answers.get(question.key)


_WARM_UP = [
    ("sms", "1: 4 2: ja 3: B, nej vent C. Ups, jeg mente 5 ikke 4. Alle undtagen A. fireogtyve", None),
    ("sms", "Jeg kommer med min kone, evt. vores søn. Hvor skal vi parkere?", None),
    ("email", "Subject: Re: Invitation\n\nHej\n\n1) tre\n2) nej tak\n\nMvh Anne\n\nDen 4. jan. 2027 kl. 10.15 "
              "skrev Borgerpanelet <svar@x.dk>:\n> 1. Hvor tilfreds er du?", None),
]


def warm_up(definitions) -> None:
    """Read a few made-up replies against each kind of definition, once, before the real ones: the lemma table
    opens and the reader's patterns compile at start-up rather than in the first messages."""
    from .definitions import Meeting

    kinds = {}
    for definition in definitions:
        kinds.setdefault(isinstance(definition, Meeting), definition)
    for definition in kinds.values():
        for channel, message, awaiting in _WARM_UP:
            read_reply(channel, message, definition, awaiting=awaiting)
