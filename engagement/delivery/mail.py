"""Email out: build a message, then send it by SMTP or into local ``.eml`` files.

``build_email`` makes an ``email.message.EmailMessage`` with the headers every
message from the panel carries: our own Message-ID on ``settings.reply_domain``,
Date, ``Auto-Submitted: auto-generated`` and ``X-Auto-Response-Suppress: All``
on automatic messages, and ``List-Unsubscribe`` / ``List-Unsubscribe-Post``
(RFC 8058 one-click) when a leave link is given.  Headers are set through the
``email`` package's modern policy, which refuses CR and LF in a header value,
so text a citizen typed cannot add headers (and we check before that, to raise
``InvalidEmail`` with a clear reason).

``MailSender`` delivers: over one SMTP connection per batch when
``settings.smtp_host`` is set, otherwise as ``.eml`` files in
``settings.outbox_dir`` (written to a temporary file, then renamed, so a reader
never sees half a message; names sort by time).  Failures are
``TemporaryDeliveryError`` (4xx, connection, TLS or login trouble: try again
later) or ``PermanentDeliveryError`` (5xx for this message: do not retry), both
``DeliveryError`` with the ``recipient`` and ``message_id``.

Send after commit: call ``send_email`` / ``MailSender`` only once the database
transaction that decided to send has been committed.  Logs name the
Message-ID, never the address.
"""
from __future__ import annotations

import hashlib
import logging
import os
import smtplib
import ssl
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, getaddresses, make_msgid, parseaddr
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


def _address(name: str, raw: str, display_name: str | None = None) -> Address:
    """One address; refuses line breaks, lists and anything ``Address`` cannot hold."""
    _single_line(name, raw)
    if display_name is not None:
        _single_line(name, display_name)
    parsed_name, addr_spec = parseaddr(raw)
    if not addr_spec or "@" not in addr_spec or len(getaddresses([raw])) != 1:
        raise InvalidEmail(f"{name} must be one email address")
    try:
        return Address(display_name=display_name if display_name is not None else parsed_name,
                       addr_spec=addr_spec)
    except (ValueError, IndexError) as exc:
        raise InvalidEmail(f"{name} is not a valid address") from exc


def build_email(settings: Settings, *, to: str, subject: str, text: str, html: str | None = None,
                to_name: str | None = None, sender_name: str | None = None,
                leave_url: str | None = None, leave_mailto: str | None = None,
                reply_to: str | None = None, automatic: bool = True,
                now: datetime | None = None) -> EmailMessage:
    """A text/plain message (with an HTML alternative when ``html`` is given).

    ``sender_name`` replaces the display name of ``settings.mail_from`` (a
    panel's own name); ``leave_url`` must be an https (or, in development,
    http) link that leaves on POST: it becomes ``List-Unsubscribe`` with
    ``List-Unsubscribe-Post: List-Unsubscribe=One-Click``.
    """
    # policy.default refuses CR/LF in header values and folds long ones; lines end in LF here
    # (as in Maildir and our .eml files) and smtplib turns them into CRLF on the wire.
    message = EmailMessage(policy=policy.default)
    message["From"] = _address("From", settings.mail_from, sender_name)
    message["To"] = _address("To", to, to_name)
    if reply_to:
        message["Reply-To"] = _address("Reply-To", reply_to)
    message["Subject"] = _single_line("Subject", subject)
    message["Date"] = format_datetime(now or datetime.now(timezone.utc))
    message["Message-ID"] = make_msgid(domain=settings.reply_domain)
    if automatic:
        message["Auto-Submitted"] = "auto-generated"
    message["X-Auto-Response-Suppress"] = "All"
    unsubscribe = []
    if leave_url:
        if not leave_url.startswith(("https://", "http://")):
            raise InvalidEmail("leave_url must be an http(s) URL")
        unsubscribe.append(f"<{_single_line('List-Unsubscribe', leave_url)}>")
    if leave_mailto:
        unsubscribe.append(f"<mailto:{_single_line('List-Unsubscribe', leave_mailto)}>")
    if unsubscribe:
        message["List-Unsubscribe"] = ", ".join(unsubscribe)
    if leave_url:
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    if html is not None:
        message.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    return message


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
        self.connections_opened = 0

    # -- connection -------------------------------------------------------
    def __enter__(self) -> "MailSender":
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        context = ssl.create_default_context()
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
        if not self.settings.uses_smtp:
            path = write_outbox_file(message, self.settings.outbox_dir)
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
            envelope_from = parseaddr(self.settings.mail_from)[1]
            self._smtp.send_message(message, from_addr=envelope_from, to_addrs=[recipient])
        except (smtplib.SMTPException, OSError) as exc:
            error = _classify(exc, recipient, message_id)
            if not isinstance(exc, (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused,
                                    smtplib.SMTPDataError)):
                # The connection itself is in doubt: open a fresh one next time.
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

def outbox_file_name(message: EmailMessage, now: datetime | None = None) -> str:
    """``20250301T101502123456Z-<hash of Message-ID>.eml``: sorts by time, unique per message."""
    moment = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    return f"{moment:%Y%m%dT%H%M%S%fZ}-{_id_hash(_message_id(message))}.eml"


def write_outbox_file(message: EmailMessage, outbox_dir: Path, now: datetime | None = None) -> Path:
    """Write the message atomically: a temporary file in the same folder, then a rename."""
    outbox_dir = Path(outbox_dir)
    outbox_dir.mkdir(parents=True, exist_ok=True)
    target = outbox_dir / outbox_file_name(message, now)
    data = message.as_bytes(policy=policy.default)
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
    from email import message_from_bytes

    return [message_from_bytes(path.read_bytes(), policy=policy.default)  # type: ignore[misc]
            for path in sorted(folder.glob("*.eml"))]
