"""Sending email: ``MailSender`` delivers finished messages over one SMTP connection per batch, or into
the outbox folder when no SMTP host is set; SMTP failures become temporary or permanent delivery errors.

Send after commit: call ``send_email`` / ``MailSender`` only once the database transaction that
decided to send has been committed.  Logs name the Message-ID's hash, never the address.
"""
from __future__ import annotations

import logging
import re
import smtplib
import socket
import ssl
import struct
from email import policy
from email.message import EmailMessage
from email.utils import parseaddr
from typing import Callable, Iterable

from engagement.config import Settings
from engagement.delivery.mail_compose import recipient_of
from engagement.delivery.mail_errors import (Delivered, DeliveryError, InvalidEmail, PermanentDeliveryError,
                                             TemporaryDeliveryError)
from engagement.delivery.mail_files import id_hash, message_id_of, write_outbox_bytes

log = logging.getLogger(__name__)


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


# An address that is already a bare addr-spec (what ``compose_email`` checked and the worker sends to).
_PLAIN_ADDRESS = re.compile(r'[^\s<>()\[\]\\,;:"@]+@[^\s<>()\[\]\\,;:"@]+')


def _quoted(address: str) -> str:
    """``smtplib.quoteaddr``'s answer, without its parser for a plain address (two per message)."""
    return f"<{address}>" if _PLAIN_ADDRESS.fullmatch(address) else smtplib.quoteaddr(address)


def _dot_stuffed(message: bytes) -> bytes:
    """A line that begins with "." gets one more (RFC 5321, 4.5.2), as smtplib's
    ``re.sub(rb"(?m)^\\.", b"..", …)`` does; a search for the byte pair is about four times
    quicker than that pattern, which is tried at every position of the text."""
    if message.startswith(b"."):
        message = b"." + message
    return message.replace(b"\n.", b"\n..") if b"\n." in message else message


class _Checkpointed:
    """smtplib's SMTP with a checkpoint, and a quicker envelope.

    ``meanwhile`` (when set) runs once MAIL is on the wire, before its reply is read: work
    that overlaps the server's.  ``before_accept`` (when set) runs once the server said to go
    on with DATA (354), before the message text and its final "." go (the moment the server
    takes the message).  If it raises, nothing more is sent: the caller drops the connection
    and the server discards the transaction (RFC 5321, 4.1.1.4).
    """

    before_accept: Callable[[], None] | None = None
    meanwhile: Callable[[], None] | None = None

    def mail(self, sender: str, options=()):
        if any(option.lower() == "smtputf8" for option in options):
            return super().mail(sender, options)  # smtplib checks the extension and the encoding
        optionlist = "".join(f" {option}" for option in options) if self.does_esmtp else ""
        self.putcmd("mail", f"FROM:{_quoted(sender)}{optionlist}")
        if self.meanwhile is not None:
            self.meanwhile()
        return self.getreply()

    def rcpt(self, recip: str, options=()):
        optionlist = "".join(f" {option}" for option in options) if self.does_esmtp else ""
        self.putcmd("rcpt", f"TO:{_quoted(recip)}{optionlist}")
        return self.getreply()

    def data(self, msg: bytes):
        checkpoint = self.before_accept
        if checkpoint is None:
            return super().data(msg)
        self.putcmd("data")
        code, reply = self.getreply()
        if code != 354:
            raise smtplib.SMTPDataError(code, reply)
        checkpoint()
        body = _dot_stuffed(msg)
        if not body.endswith(b"\r\n"):
            body += b"\r\n"
        self.send(body + b".\r\n")
        return self.getreply()


class _SMTP(_Checkpointed, smtplib.SMTP):
    pass


class _SMTP_SSL(_Checkpointed, smtplib.SMTP_SSL):
    pass


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
            smtp: smtplib.SMTP = _SMTP_SSL(s.smtp_host, s.smtp_port, timeout=s.smtp_timeout, context=context)
        else:
            smtp = _SMTP(s.smtp_host, s.smtp_port, timeout=s.smtp_timeout)
        try:
            smtp.ehlo()
            if s.smtp_security == "starttls":
                smtp.starttls(context=context)
                smtp.ehlo()
            if s.smtp_username:
                smtp.login(s.smtp_username, s.smtp_password)
            if s.smtp_security == "none":
                _bound_by_the_kernel(smtp.sock, s.smtp_timeout)
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
        message_id = message_id_of(message)
        if not message_id:
            raise InvalidEmail("the message has no Message-ID")
        return self.send_bytes(message.as_bytes(policy=policy.default), recipient=recipient,
                               message_id=message_id)

    def send_bytes(self, data: bytes, *, recipient: str, message_id: str,
                   before_accept: Callable[[], None] | None = None,
                   meanwhile: Callable[[], None] | None = None) -> Delivered:
        """Send a finished message (``compose_email``'s bytes) to one recipient.

        ``meanwhile`` runs while the server reads MAIL (the delivery worker begins the previous
        message's "sent" there).  ``before_accept`` runs just before the message can be taken
        (after the server's 354 and before the text; before an outbox file is written): the
        worker waits there for that "sent" to be committed.  If it raises, this message is
        not sent.
        """
        if not self.settings.uses_smtp:
            if before_accept is not None:
                before_accept()
            path = write_outbox_bytes(data, message_id, self.settings.outbox_dir)
            log.info("mail %s written to outbox", id_hash(message_id))
            return Delivered(message_id, recipient, path)
        if self._smtp is None:
            try:
                self._smtp = self._connect()
            except (smtplib.SMTPException, OSError) as exc:
                # Connection, TLS or login trouble is ours, never the recipient's: retry later.
                reason = f"cannot reach the SMTP server: {type(exc).__name__}"
                log.warning("mail %s not delivered: %s", id_hash(message_id), reason)
                raise TemporaryDeliveryError(reason, recipient=recipient, message_id=message_id) from exc
        try:
            options = () if recipient.isascii() else ("SMTPUTF8",)
            # Stored with LF line ends; SMTP wants CRLF (smtplib converts only str, not bytes).
            if b"\r" in data:
                data = data.replace(b"\r\n", b"\n")
            wire = data.replace(b"\n", b"\r\n")
            self._smtp.before_accept, self._smtp.meanwhile = before_accept, meanwhile
            self._smtp.sendmail(self._envelope_from, [recipient], wire, mail_options=options)
        except (smtplib.SMTPException, OSError) as exc:
            error = _classify(exc, recipient, message_id)
            if error.code == 421 or not isinstance(exc, (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused,
                                                         smtplib.SMTPDataError)):
                # The connection itself is in doubt (or, 421, the server is closing it and smtplib
                # already has): open a fresh one next time.
                self._drop_connection()
            log.warning("mail %s not delivered: %s", id_hash(message_id), error.reason)
            raise error from exc
        except BaseException:
            # ``before_accept`` failed (the previous "sent" cannot be recorded): this message must
            # not go; leave the transaction unfinished and the connection for a fresh one.
            self._drop_connection()
            raise
        finally:
            if self._smtp is not None:
                self._smtp.before_accept = self._smtp.meanwhile = None
        if log.isEnabledFor(logging.INFO):
            log.info("mail %s delivered by smtp", id_hash(message_id))
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


def _bound_by_the_kernel(sock: socket.socket, seconds: float) -> None:
    """Keep the time bound on a plain connection's reads and writes, without Python's timeout.

    A socket with a Python timeout asks ``poll`` before every send and every receive: eight
    system calls more a message (in ``bench/send_campaign.py``, batches with and without
    interleaved: 2–4 % of a message's time; within the noise of whole paired runs).  A
    blocking socket with the kernel's SO_RCVTIMEO / SO_SNDTIMEO keeps the bound: a read or
    write that waits longer fails (EAGAIN), which smtplib reports as a lost connection, a
    temporary error like a timeout.  Not for TLS: the ssl module retries a blocking read
    that fails so, and the bound would never end it.
    """
    bound = struct.pack("ll", int(seconds), int(seconds % 1 * 1_000_000))
    sock.settimeout(None)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVTIMEO, bound)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDTIMEO, bound)


def _quietly_close(smtp: smtplib.SMTP) -> None:
    try:
        smtp.close()
    except OSError:  # pragma: no cover - closing a broken socket
        pass


def send_email(message: EmailMessage, settings: Settings) -> Delivered:
    """Send one message now (SMTP or outbox file). Call it after the commit."""
    with MailSender(settings) as sender:
        return sender.send(message)
