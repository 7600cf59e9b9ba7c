"""What sending an email returns or raises: ``Delivered``, the delivery errors, and ``InvalidEmail``
for a message that cannot be built."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence


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
