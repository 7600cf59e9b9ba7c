"""Email out: compose a finished message once, then send it by SMTP or into local ``.eml`` files.

``compose_email`` writes the message as bytes with the headers every message
from the panel carries: our own Message-ID on ``settings.reply_domain``, Date
(or none, for a sender to put in front at send time), ``Auto-Submitted:
auto-generated`` on automatic messages, ``X-Auto-Response-Suppress: All``,
and ``List-Unsubscribe`` / ``List-Unsubscribe-Post`` (RFC 8058 one-click)
when a leave link is given.  It writes MIME directly (folded, RFC 2047-encoded
headers; quoted-printable UTF-8 bodies): the ``email`` package's header
handling costs milliseconds a message, and campaign rows are composed by the
thousand.  Every header value is checked first (no CR or LF, one address,
plain URLs), so text a citizen typed cannot add headers: ``InvalidEmail``
says why.  ``build_email`` is the same message as an ``EmailMessage``.

``MailSender`` delivers: over one SMTP connection per batch when
``settings.smtp_host`` is set, otherwise as ``.eml`` files in
``settings.outbox_dir`` (written to a temporary file, then renamed, so a reader
never sees half a message; names sort by time).  ``send_bytes`` sends finished
bytes (LF line ends are stored; CRLF goes on the wire).  Failures are
``TemporaryDeliveryError`` (4xx, connection, TLS or login trouble: try again
later) or ``PermanentDeliveryError`` (5xx for this message: do not retry), both
``DeliveryError`` with the ``recipient`` and ``message_id``.

Send after commit: call ``send_email`` / ``MailSender`` only once the database
transaction that decided to send has been committed.  Logs name the
Message-ID, never the address.
"""
from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import logging
import os
import re
import secrets
import smtplib
import ssl
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from email import message_from_bytes, policy
from email.header import Header
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, getaddresses, make_msgid, parseaddr
from pathlib import Path
from typing import Iterable, Sequence

from engagement.config import Settings

log = logging.getLogger(__name__)


class DeliveryError(Exception):
    """A message could not be delivered; ``recipient`` and ``message_id`` name it."""

    def __init__(self, reason: str, *, recipient: str | None = None, message_id: str | None = None,
                 code: int | None = None, delivered: Sequence["Delivered"] = ()):
        super().__init__(reason)
        self.reason = reason
        self.recipient = recipient
        self.message_id = message_id
        self.code = code
        # In a batch: the messages that went out before this one failed.
        self.delivered = list(delivered)


class TemporaryDeliveryError(DeliveryError):
    """Try again later: a 4xx answer, or trouble connecting, with TLS or with the login."""


class PermanentDeliveryError(DeliveryError):
    """The server refused this message for good (5xx): do not retry it."""


class InvalidEmail(ValueError):
    """A message cannot be built from these values (e.g. a line break in a header)."""


@dataclass(frozen=True)
class Delivered:
    message_id: str
    recipient: str
    path: Path | None = None  # the .eml file, when written to the outbox


# ---------------------------------------------------------------------------
# Building
# ---------------------------------------------------------------------------

def _single_line(name: str, value: str) -> str:
    if "\r" in value or "\n" in value:
        raise InvalidEmail(f"{name} must be one line")
    return value


@dataclass(frozen=True)
class _Plain:
    """A plain address (``_PLAIN_ADDRESS``), as much of ``Address`` as ``_mailbox`` reads."""
    display_name: str
    addr_spec: str


# A dot-atom local part and a hostname: nothing in it that parsing could read differently.
_PLAIN_ADDRESS = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                            r"@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+")


def _address(name: str, raw: str, display_name: str | None = None) -> Address | _Plain:
    """One address; refuses line breaks, lists and anything ``Address`` cannot hold.

    A plain ``local@host`` with its display name given apart (the usual case: a panelist's
    address, validated at signup) skips the parser, which costs a tenth of a millisecond
    for every message of a campaign.
    """
    _single_line(name, raw)
    if display_name is not None:
        _single_line(name, display_name)
        if _PLAIN_ADDRESS.fullmatch(raw):
            return _Plain(display_name=display_name, addr_spec=raw)
    elif _PLAIN_ADDRESS.fullmatch(raw):  # a bare local@host (a reply address): nothing to parse
        return _Plain(display_name="", addr_spec=raw)
    parsed_name, addr_spec = parseaddr(raw)
    if not addr_spec or "@" not in addr_spec or len(getaddresses([raw])) != 1:
        raise InvalidEmail(f"{name} must be one email address")
    try:
        return Address(display_name=display_name if display_name is not None else parsed_name,
                       addr_spec=addr_spec)
    except (ValueError, IndexError) as exc:
        raise InvalidEmail(f"{name} is not a valid address") from exc


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


@functools.lru_cache(maxsize=64)
@functools.lru_cache(maxsize=256)
def _sender(mail_from: str, sender_name: str | None) -> Address | _Plain:
    """The From address (the same for every message of a panel: parsed once)."""
    return _address("From", mail_from, sender_name)


def _mailbox(address: Address | _Plain) -> tuple[str, str]:
    """(``Name <addr>``, addr): the name quoted or RFC 2047-encoded (``formataddr``), never split.

    A non-ASCII domain becomes its IDNA form; a non-ASCII local part stays UTF-8
    (the sender then asks for SMTPUTF8).
    """
    local, _at, domain = address.addr_spec.rpartition("@")
    if not domain.isascii():
        try:
            domain = domain.encode("idna").decode("ascii")
        except UnicodeError:
            raise InvalidEmail("the address has a domain that cannot be encoded") from None
    spec = f"{local}@{domain}"
    if not address.display_name:
        return spec, spec
    shown = formataddr((address.display_name, "x@x"), charset="utf-8")[:-len("<x@x>")]
    return f"{shown}<{spec}>", spec


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
    _single_line("attachment filename", filename)
    _single_line("attachment content type", content_type)
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
    sender = _sender(settings.mail_from, sender_name)
    recipient = _address("To", to, to_name)
    reply = _address("Reply-To", reply_to) if reply_to else None
    _single_line("Subject", subject)
    if message_id is not None:
        _single_line("Message-ID", message_id)
        if not (message_id.startswith("<") and message_id.endswith(">") and "@" in message_id):
            raise InvalidEmail("Message-ID must look like <id@domain>")
    message_id = message_id or make_msgid(domain=settings.reply_domain)
    thread = [_msg_id("In-Reply-To", in_reply_to)] if in_reply_to else []
    referenced = [_msg_id("References", value) for value in references if value]
    if auto_submitted is not None and auto_submitted not in ("auto-generated", "auto-replied"):
        raise InvalidEmail("Auto-Submitted must be auto-generated or auto-replied")
    unsubscribe = []
    if leave_url:
        if not leave_url.startswith(("https://", "http://")):
            raise InvalidEmail("leave_url must be an http(s) URL")
        if any(c in leave_url for c in "<> ") or not leave_url.isascii():
            raise InvalidEmail("leave_url must be a plain URL")
        unsubscribe.append(f"<{_single_line('List-Unsubscribe', leave_url)}>")
    if leave_mailto:
        if any(c in leave_mailto for c in "<> ") or not leave_mailto.isascii():
            raise InvalidEmail("leave_mailto must be a plain address")
        unsubscribe.append(f"<mailto:{_single_line('List-Unsubscribe', leave_mailto)}>")

    to_header, to_spec = _mailbox(recipient)
    head = [f"From: {_mailbox(sender)[0]}\n".encode("utf-8"), f"To: {to_header}\n".encode("utf-8")]
    if reply is not None:
        head.append(f"Reply-To: {_mailbox(reply)[0]}\n".encode("utf-8"))
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


def _msg_id(name: str, value: str) -> str:
    """A Message-ID for a header (``<id@domain>``; brackets added when missing), ASCII, one token."""
    value = _single_line(name, value.strip())
    if not value.startswith("<"):
        value = f"<{value}>"
    inner = value[1:-1]
    if (not value.endswith(">") or not inner or not value.isascii() or "@" not in inner
            or any(c in inner for c in "<> \t\"(),;\\")):
        raise InvalidEmail(f"{name} must hold a Message-ID like <id@domain>")
    return value


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
    return f"Date: {format_datetime(now or datetime.now(timezone.utc))}\n".encode("ascii")


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


def _message_id(message: EmailMessage) -> str:
    return str(message["Message-ID"] or "")


def _id_hash(message_id: str) -> str:
    return hashlib.sha256(message_id.encode("utf-8")).hexdigest()[:16]


# ---------------------------------------------------------------------------
# Sending
# ---------------------------------------------------------------------------

def _classify(exc: Exception, recipient: str, message_id: str) -> DeliveryError:
    """Map an smtplib / socket error to a temporary or permanent delivery error."""
    code: int | None = None
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        answers = list(exc.recipients.values())
        code = answers[0][0] if answers else None
    elif isinstance(exc, smtplib.SMTPResponseException):
        code = exc.smtp_code
    reason = f"{type(exc).__name__}: {code or exc}"
    if code is not None and 500 <= code < 600:
        return PermanentDeliveryError(reason, recipient=recipient, message_id=message_id, code=code)
    return TemporaryDeliveryError(reason, recipient=recipient, message_id=message_id, code=code)


class MailSender:
    """Sends messages over one SMTP connection (or into the outbox folder).

    Use it as a context manager and call ``send`` per message to handle each
    failure yourself on one connection, or call ``send_many`` for a batch that
    stops at the first failure (the error's ``delivered`` lists what went out).
    """

    def __init__(self, settings: Settings):
        self.settings = settings
        self._smtp: smtplib.SMTP | None = None
        self._envelope_from = parseaddr(settings.mail_from)[1]
        self.connections_opened = 0

    # -- connection -------------------------------------------------------
    def __enter__(self) -> "MailSender":
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        # Loading the system's CA certificates costs tens of milliseconds: only when TLS is used.
        context = ssl.create_default_context() if s.smtp_security in ("ssl", "starttls") else None
        if s.smtp_security == "ssl":
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(s.smtp_host, s.smtp_port, timeout=s.smtp_timeout,
                                                  context=context)
        else:
            smtp = smtplib.SMTP(s.smtp_host, s.smtp_port, timeout=s.smtp_timeout)
        try:
            smtp.ehlo()
            if s.smtp_security == "starttls":
                smtp.starttls(context=context)
                smtp.ehlo()
            if s.smtp_username:
                smtp.login(s.smtp_username, s.smtp_password)
        except BaseException:
            _quietly_close(smtp)
            raise
        self.connections_opened += 1
        return smtp

    def close(self) -> None:
        if self._smtp is not None:
            smtp, self._smtp = self._smtp, None
            try:
                smtp.quit()
            except (smtplib.SMTPException, OSError):
                _quietly_close(smtp)

    # -- sending ----------------------------------------------------------
    def send(self, message: EmailMessage) -> Delivered:
        recipient = recipient_of(message)
        message_id = _message_id(message)
        if not message_id:
            raise InvalidEmail("the message has no Message-ID")
        return self.send_bytes(message.as_bytes(policy=policy.default), recipient=recipient,
                               message_id=message_id)

    def send_bytes(self, data: bytes, *, recipient: str, message_id: str) -> Delivered:
        """Send a finished message (``compose_email``'s bytes) to one recipient."""
        if not self.settings.uses_smtp:
            path = write_outbox_bytes(data, message_id, self.settings.outbox_dir)
            log.info("mail %s written to outbox", _id_hash(message_id))
            return Delivered(message_id, recipient, path)
        if self._smtp is None:
            try:
                self._smtp = self._connect()
            except (smtplib.SMTPException, OSError) as exc:
                # Connection, TLS or login trouble is ours, never the recipient's: retry later.
                reason = f"cannot reach the SMTP server: {type(exc).__name__}"
                log.warning("mail %s not delivered: %s", _id_hash(message_id), reason)
                raise TemporaryDeliveryError(reason, recipient=recipient, message_id=message_id) from exc
        try:
            options = () if recipient.isascii() else ("SMTPUTF8",)
            # Stored with LF line ends; SMTP wants CRLF (smtplib converts only str, not bytes).
            wire = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
            self._smtp.sendmail(self._envelope_from, [recipient], wire, mail_options=options)
        except (smtplib.SMTPException, OSError) as exc:
            error = _classify(exc, recipient, message_id)
            if error.code == 421 or not isinstance(exc, (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused,
                                                         smtplib.SMTPDataError)):
                # The connection itself is in doubt (or, 421, the server is closing it and smtplib
                # already has): open a fresh one next time.
                self._drop_connection()
            log.warning("mail %s not delivered: %s", _id_hash(message_id), error.reason)
            raise error from exc
        log.info("mail %s delivered by smtp", _id_hash(message_id))
        return Delivered(message_id, recipient)

    def send_many(self, messages: Iterable[EmailMessage]) -> list[Delivered]:
        """Send a batch over one connection; stop at the first failure and raise it."""
        delivered: list[Delivered] = []
        try:
            for message in messages:
                try:
                    delivered.append(self.send(message))
                except DeliveryError as error:
                    error.delivered = list(delivered)
                    raise
        finally:
            self.close()
        return delivered

    def _drop_connection(self) -> None:
        if self._smtp is not None:
            _quietly_close(self._smtp)
            self._smtp = None


def _quietly_close(smtp: smtplib.SMTP) -> None:
    try:
        smtp.close()
    except OSError:  # pragma: no cover - closing a broken socket
        pass


def send_email(message: EmailMessage, settings: Settings) -> Delivered:
    """Send one message now (SMTP or outbox file). Call it after the commit."""
    with MailSender(settings) as sender:
        return sender.send(message)


# ---------------------------------------------------------------------------
# Local outbox (development, tests, and a mail system that picks up files)
# ---------------------------------------------------------------------------

def outbox_file_name(message: EmailMessage | str, now: datetime | None = None) -> str:
    """``20250301T101502123456Z-<hash of Message-ID>.eml``: sorts by time, unique per message."""
    moment = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    message_id = message if isinstance(message, str) else _message_id(message)
    return f"{moment:%Y%m%dT%H%M%S%fZ}-{_id_hash(message_id)}.eml"


def write_outbox_file(message: EmailMessage, outbox_dir: Path, now: datetime | None = None) -> Path:
    return write_outbox_bytes(message.as_bytes(policy=policy.default), _message_id(message), outbox_dir, now)


def write_outbox_bytes(data: bytes, message_id: str, outbox_dir: Path, now: datetime | None = None) -> Path:
    """Write the message atomically: a temporary file in the same folder, then a rename."""
    outbox_dir = Path(outbox_dir)
    outbox_dir.mkdir(parents=True, exist_ok=True)
    target = outbox_dir / outbox_file_name(message_id, now)
    fd, temp_name = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=outbox_dir)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, target)
    except BaseException:
        try:
            os.unlink(temp_name)
        except FileNotFoundError:
            pass
        raise
    return target


def read_outbox(outbox_dir: Path) -> list[EmailMessage]:
    """Every message in the outbox folder, oldest first (for tests and the dev console)."""
    folder = Path(outbox_dir)
    if not folder.is_dir():
        return []
    return [message_from_bytes(path.read_bytes(), policy=policy.default)  # type: ignore[misc]
            for path in sorted(folder.glob("*.eml"))]
