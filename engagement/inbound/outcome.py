"""What processing one inbound message comes to (``Outcome``), and the errors that say whose fault a failure is:
``TheirFault`` is stored as failed with its reason, anything else is retried (``pipeline.process_claimed``)."""
from __future__ import annotations

from dataclasses import dataclass


class InboundError(Exception):
    """Base of the inbound pipeline's errors."""


class TheirFault(InboundError):
    """The message itself cannot be handled; it is stored as failed with this reason."""


class UnreadableMessage(TheirFault):
    pass


class UnusableAnswer(TheirFault):
    """The reader's answer was refused by the survey's rules."""


@dataclass
class Outcome:
    status: str
    reason: str


__all__ = ["InboundError", "Outcome", "TheirFault", "UnreadableMessage", "UnusableAnswer"]
