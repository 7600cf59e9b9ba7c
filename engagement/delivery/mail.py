"""Email out: compose a finished message once, then send it by SMTP or into local ``.eml`` files.

The public names of the mail modules, importable from here: ``mail_compose`` (the message),
``mail_addresses`` (its address headers), ``mail_smtp`` (sending), ``mail_files`` (the outbox
folder) and ``mail_errors`` (what they return and raise).

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

from engagement.delivery.mail_compose import (ComposedEmail, attachments_of, build_email, compose_email,
                                              date_header, recipient_of, thread_headers)
from engagement.delivery.mail_errors import (Delivered, DeliveryError, InvalidEmail, PermanentDeliveryError,
                                             TemporaryDeliveryError)
from engagement.delivery.mail_files import outbox_file_name, read_outbox, write_outbox_bytes, write_outbox_file
from engagement.delivery.mail_smtp import MailSender, send_email

__all__ = ["ComposedEmail", "Delivered", "DeliveryError", "InvalidEmail", "MailSender", "PermanentDeliveryError",
           "TemporaryDeliveryError", "attachments_of", "build_email", "compose_email", "date_header",
           "outbox_file_name", "read_outbox", "recipient_of", "send_email", "thread_headers",
           "write_outbox_bytes", "write_outbox_file"]
