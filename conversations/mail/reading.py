"""`read_message`: the stages in order, and the fallback when one of them fails."""
from __future__ import annotations

from .blocks import read_blocks
from .calendar import find_calendar_reply
from .headers import Headers, display_name_words, msg_ids, unique_list
from .machine import auto_reason, find_bounce
from .model import Block, Bounce, MailReading, Problems
from .parsing import parse_bytes, parse_headers, read_body


def read_message(raw: bytes) -> MailReading:
    """Read a whole RFC 5322 message; never raises."""
    try:
        return _read(raw)
    except Exception as exc:  # a bug or a pathological message: fall back to the headers
        problem = f"body not read ({type(exc).__name__})"
        try:
            return _read_headers_only(raw, problem)
        except Exception:
            return MailReading(kind="reply", subject="", text="", blocks=(), sender=None, recipients=(),
                               message_id=None, in_reply_to=None, references=(), auto_reason=None,
                               bounce=None, problems=(problem, "headers not read"))


def _read(raw: bytes) -> MailReading:
    problems = Problems()
    msg = parse_bytes(raw, problems)
    headers = Headers(msg, problems)
    subject = headers.text("subject")
    body = read_body(msg, problems)
    bounce, reason = find_bounce(msg, headers, body)
    if bounce is not None:
        kind = "bounce"
    else:
        reason = reason or auto_reason(headers, subject)
        kind = "auto_reply" if reason else "reply"
    blocks = read_blocks(body, frozenset(display_name_words(headers.text("from"))))
    # A calendar program's answer counts only on a human reply: an automatic one was not decided by a person.
    calendar_reply = find_calendar_reply(msg, problems) if kind == "reply" else None
    return _reading(kind, headers, subject, blocks, reason, bounce, problems, calendar_reply)


def _read_headers_only(raw: bytes, problem: str) -> MailReading:
    problems = Problems()
    problems.add(problem)
    headers = Headers(parse_headers(raw), problems)
    subject = headers.text("subject")
    reason = auto_reason(headers, subject)
    return _reading("auto_reply" if reason else "reply", headers, subject, [], reason, None, problems, None)


def _reading(kind: str, headers: Headers, subject: str, blocks: list[Block], reason: str | None,
             bounce: Bounce | None, problems: Problems, calendar_reply: str | None) -> MailReading:
    return MailReading(
        kind=kind,
        subject=subject,
        text="\n\n".join(b.text for b in blocks if not b.quoted),
        blocks=tuple(blocks),
        sender=_first(headers.addresses("from") or headers.addresses("sender")),
        recipients=tuple(unique_list(a for name in ("to", "cc", "delivered-to", "x-original-to", "envelope-to")
                                     for a in headers.addresses(name))),
        message_id=_first(msg_ids(headers.text("message-id"))),
        in_reply_to=_first(msg_ids(headers.text("in-reply-to"))),
        references=tuple(msg_ids(headers.text("references"))),
        auto_reason=reason if kind != "reply" else None,
        bounce=bounce,
        problems=tuple(problems.items),
        calendar_reply=calendar_reply,
    )


def _first(items):
    return items[0] if items else None
