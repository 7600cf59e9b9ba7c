"""Composing an email: the finished message as bytes, with the headers every message from the panel carries.

``compose_email`` writes MIME directly (folded, RFC 2047-encoded headers; quoted-printable
UTF-8 bodies; base64 attachments), after checking every header value
(``engagement.delivery.mail_addresses``); ``build_email`` is the same message as an
``EmailMessage``; ``thread_headers`` and ``attachments_of`` read finished bytes back.
"""
from __future__ import annotations

import base64
import binascii
import functools
import re
import secrets
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from email import message_from_bytes, policy
from email.header import Header
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Sequence

from engagement.config import Settings
from engagement.delivery.mail_addresses import mailbox, msg_id, parse_address, sender_address, single_line
from engagement.delivery.mail_errors import InvalidEmail


@dataclass(frozen=True)
class ComposedEmail:
    """A finished message as bytes (LF line ends; smtplib sends CRLF), ready to be stored and sent."""

    data: bytes
    message_id: str
    recipient: str


@functools.lru_cache(maxsize=512)
def _header(name: str, value: str) -> bytes:
    """``Name: value`` folded to lines of at most 78 characters; RFC 2047 words for non-ASCII."""
    if value.isascii() and len(name) + len(value) + 2 <= 78:
        return f"{name}: {value}\n".encode("ascii")
    charset = "us-ascii" if value.isascii() else "utf-8"
    encoded = Header(value, charset, header_name=name).encode(linesep="\n")
    return f"{name}: {encoded}\n".encode("ascii")


def _qp(text: str) -> bytes:
    """Quoted-printable UTF-8 with LF line ends (binascii: fast, folds at 76)."""
    return binascii.b2a_qp(text.replace("\r\n", "\n").encode("utf-8"), istext=True, header=False)


def _text_part_headers(subtype: str) -> bytes:
    return (f'Content-Type: text/{subtype}; charset="utf-8"\n'
            "Content-Transfer-Encoding: quoted-printable\n").encode("ascii")


# A MIME token (RFC 2045) and a parameter value that needs no quoting beyond "...".
_MIME_TYPE = re.compile(r"[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+")
_PARAM = re.compile(r'\s*([A-Za-z0-9!#$&^_.+-]+)=("[^"\\\x00-\x1f\x7f]*"|[A-Za-z0-9!#$&^_.+-]+)\s*')
_FILENAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._ -]{0,100}")


def _attachment_part(filename: str, content_type: str, data: bytes) -> bytes:
    """One base64 part: ``content_type`` is ``type/subtype`` with optional ``; name=value``
    parameters; the filename is a plain ASCII name.  Anything else is ``InvalidEmail``."""
    single_line("attachment filename", filename)
    single_line("attachment content type", content_type)
    if not _FILENAME.fullmatch(filename) or ".." in filename:
        raise InvalidEmail("an attachment needs a plain file name")
    kind, *params = content_type.split(";")
    if not _MIME_TYPE.fullmatch(kind.strip()) or not content_type.isascii():
        raise InvalidEmail("an attachment needs a content type like text/calendar")
    for param in params:
        if not _PARAM.fullmatch(param):
            raise InvalidEmail("an attachment's content type has a parameter that cannot be written")
    if not isinstance(data, (bytes, bytearray)):
        raise InvalidEmail("an attachment's data must be bytes")
    header = "; ".join([kind.strip(), *(p.strip() for p in params), f'name="{filename}"'])
    return (f"Content-Type: {header}\n"
            f'Content-Disposition: attachment; filename="{filename}"\n'
            "Content-Transfer-Encoding: base64\n\n").encode("ascii") + base64.encodebytes(bytes(data))


def compose_email(settings: Settings, *, to: str, subject: str, text: str, html: str | None = None,
                  to_name: str | None = None, sender_name: str | None = None,
                  leave_url: str | None = None, leave_mailto: str | None = None,
                  reply_to: str | None = None, automatic: bool = True, message_id: str | None = None,
                  now: datetime | None = None, with_date: bool = True, auto_submitted: str | None = None,
                  in_reply_to: str | None = None, references: Sequence[str] = (),
                  attachments: Sequence[tuple[str, str, bytes]] = ()) -> ComposedEmail:
    """The finished message as bytes: a text/plain part (and an HTML alternative when ``html``).

    ``attachments`` are ``(filename, content type with its parameters, data)``, e.g.
    ``("invitation.ics", 'text/calendar; charset="utf-8"; method=REQUEST', ics)``: the message
    is then ``multipart/mixed`` of the text (or the alternative) and one base64 part each.

    Written directly (headers folded and RFC 2047-encoded, bodies quoted-printable)
    rather than through ``EmailMessage``, whose header handling costs milliseconds a
    message.  Every value that goes into a header is checked first: no CR or LF,
    exactly one address; so text a citizen typed cannot add headers.
    ``with_date=False`` leaves out ``Date`` for a sender to put in front at send time
    (``date_header``).

    An automatic answer to a citizen's message (RFC 3834) passes ``auto_submitted="auto-replied"``
    (it replaces ``auto-generated``, also when ``automatic`` is False), ``in_reply_to`` (their
    Message-ID, with ``<>``) and ``references`` (their References, then their Message-ID), so
    their mail program threads it and their own auto-responder stays quiet.
    """
    sender = sender_address(settings.mail_from, sender_name)
    recipient = parse_address("To", to, to_name)
    reply = parse_address("Reply-To", reply_to) if reply_to else None
    single_line("Subject", subject)
    if message_id is not None:
        single_line("Message-ID", message_id)
        if not (message_id.startswith("<") and message_id.endswith(">") and "@" in message_id):
            raise InvalidEmail("Message-ID must look like <id@domain>")
    message_id = message_id or make_msgid(domain=settings.reply_domain)
    thread = [msg_id("In-Reply-To", in_reply_to)] if in_reply_to else []
    referenced = [msg_id("References", value) for value in references if value]
    if auto_submitted is not None and auto_submitted not in ("auto-generated", "auto-replied"):
        raise InvalidEmail("Auto-Submitted must be auto-generated or auto-replied")
    unsubscribe = []
    if leave_url:
        if not leave_url.startswith(("https://", "http://")):
            raise InvalidEmail("leave_url must be an http(s) URL")
        if any(c in leave_url for c in "<> ") or not leave_url.isascii():
            raise InvalidEmail("leave_url must be a plain URL")
        unsubscribe.append(f"<{single_line('List-Unsubscribe', leave_url)}>")
    if leave_mailto:
        if any(c in leave_mailto for c in "<> ") or not leave_mailto.isascii():
            raise InvalidEmail("leave_mailto must be a plain address")
        unsubscribe.append(f"<mailto:{single_line('List-Unsubscribe', leave_mailto)}>")

    to_header, to_spec = mailbox(recipient)
    head = [f"From: {mailbox(sender)[0]}\n".encode("utf-8"), f"To: {to_header}\n".encode("utf-8")]
    if reply is not None:
        head.append(f"Reply-To: {mailbox(reply)[0]}\n".encode("utf-8"))
    head.append(_header("Subject", subject))
    if with_date:
        head.append(date_header(now))
    head.append(f"Message-ID: {message_id}\n".encode("ascii"))
    if thread:
        head.append(_header("In-Reply-To", thread[0]))
    if referenced:
        # Folded between ids (RFC 5322 allows it), one id a line after the first.
        head.append(("References: " + "\n ".join(referenced) + "\n").encode("ascii"))
    if auto_submitted is not None:
        head.append(f"Auto-Submitted: {auto_submitted}\n".encode("ascii"))
    elif automatic:
        head.append(b"Auto-Submitted: auto-generated\n")
    head.append(b"X-Auto-Response-Suppress: All\n")
    if unsubscribe:
        head.append(("List-Unsubscribe: " + ",\n ".join(unsubscribe) + "\n").encode("ascii"))
    if leave_url:
        head.append(b"List-Unsubscribe-Post: List-Unsubscribe=One-Click\n")
    head.append(b"MIME-Version: 1.0\n")
    parts = [_attachment_part(*attachment) for attachment in attachments]
    if html is None:
        content_head = _text_part_headers("plain")
        content_body = _qp(text)
    else:
        # "=" is always encoded in quoted-printable, so a boundary of "=" signs never occurs in a part.
        boundary = "===============" + secrets.token_hex(12) + "=="
        content_head = f'Content-Type: multipart/alternative; boundary="{boundary}"\n'.encode("ascii")
        mark = f"--{boundary}\n".encode("ascii")
        content_body = (mark + _text_part_headers("plain") + b"\n" + _qp(text) + b"\n"
                        + mark + _text_part_headers("html") + b"\n" + _qp(html) + b"\n"
                        + f"--{boundary}--\n".encode("ascii"))
    if not parts:
        head.append(content_head)
        body = b"\n" + content_body
    else:
        # Neither quoted-printable nor base64 ever writes "==...==" at the start of a line after "--".
        outer = "===============" + secrets.token_hex(12) + "=="
        head.append(f'Content-Type: multipart/mixed; boundary="{outer}"\n'.encode("ascii"))
        mark = f"--{outer}\n".encode("ascii")
        body = b"\n" + mark + content_head + b"\n" + content_body.rstrip(b"\n") + b"\n"
        for part in parts:
            body += mark + part
        body += f"--{outer}--\n".encode("ascii")
    data = b"".join(head) + body
    if not data.endswith(b"\n"):
        data += b"\n"
    return ComposedEmail(data=data, message_id=message_id, recipient=to_spec)


def thread_headers(data: bytes) -> dict:
    """``in_reply_to``, ``references`` and ``auto_submitted`` of finished bytes (to compose a
    message again for a new address with the same threading)."""
    from email.parser import BytesHeaderParser

    headers = BytesHeaderParser(policy=policy.compat32).parsebytes(data)
    found: dict = {}
    if headers["In-Reply-To"]:
        found["in_reply_to"] = " ".join(str(headers["In-Reply-To"]).split())
    if headers["References"]:
        found["references"] = tuple(str(headers["References"]).split())
    if headers["Auto-Submitted"]:
        found["auto_submitted"] = str(headers["Auto-Submitted"]).strip()
    return found


def attachments_of(data: bytes) -> tuple[tuple[str, str, bytes], ...]:
    """The attachments of finished bytes as ``compose_email`` takes them (to compose a message
    again for a new address with the same calendar file)."""
    from email import message_from_bytes

    message = message_from_bytes(data, policy=policy.compat32)
    found = []
    for part in message.walk():
        if part.is_multipart() or part.get_filename() is None:
            continue
        kind, *params = " ".join(str(part["Content-Type"]).split()).split(";")
        params = [p.strip() for p in params if not p.strip().lower().startswith("name=")]  # written again
        content_type = "; ".join([kind.strip(), *params])
        found.append((part.get_filename(), content_type, part.get_payload(decode=True) or b""))
    return tuple(found)


def date_header(now: datetime | None = None) -> bytes:
    """``Date: ...`` for ``now`` (default: the current time, to the second)."""
    if now is None:
        return _current_date_header(int(time.time()))
    return f"Date: {format_datetime(now)}\n".encode("ascii")


@functools.lru_cache(maxsize=2)
def _current_date_header(second: int) -> bytes:
    # The delivery worker stamps every message as it goes: the header changes once a second.
    return date_header(datetime.fromtimestamp(second, timezone.utc))


def build_email(settings: Settings, *, to: str, subject: str, text: str, html: str | None = None,
                to_name: str | None = None, sender_name: str | None = None,
                leave_url: str | None = None, leave_mailto: str | None = None,
                reply_to: str | None = None, automatic: bool = True,
                now: datetime | None = None, message_id: str | None = None) -> EmailMessage:
    """``compose_email`` as an ``EmailMessage`` (for a message sent at once, and for tests).

    ``sender_name`` replaces the display name of ``settings.mail_from`` (a
    panel's own name); ``leave_url`` must be an https (or, in development,
    http) link that leaves on POST: it becomes ``List-Unsubscribe`` with
    ``List-Unsubscribe-Post: List-Unsubscribe=One-Click``.
    """
    composed = compose_email(settings, to=to, subject=subject, text=text, html=html, to_name=to_name,
                             sender_name=sender_name, leave_url=leave_url, leave_mailto=leave_mailto,
                             reply_to=reply_to, automatic=automatic, message_id=message_id, now=now)
    return message_from_bytes(composed.data, policy=policy.default)  # type: ignore[return-value]


def recipient_of(message: EmailMessage) -> str:
    addresses = message["To"].addresses if message["To"] is not None else ()
    if len(addresses) != 1:
        raise InvalidEmail("a message goes to exactly one recipient")
    return addresses[0].addr_spec
