"""What the reader gives back for one message: a Reading (intent, answers, unclear, rsvp)."""
from __future__ import annotations

from dataclasses import dataclass, field

INTENTS = ("answers", "rsvp", "unsubscribe", "auto_reply", "bounce", "unclear", "other")


@dataclass(frozen=True)
class Rsvp:
    attending: str  # "yes" | "no" | "maybe"
    guests: int = 0


@dataclass(frozen=True)
class Reading:
    intent: str
    answers: dict = field(default_factory=dict)
    unclear: tuple = ()
    rsvp: Rsvp | None = None
    confidence: dict = field(default_factory=dict)
    asks_staff: bool = False
    error: str | None = None
    skipped: tuple = ()   # question keys the writer explicitly passed over ("spring 3 over", "-", "ved ikke")

    def to_json(self, id) -> dict:
        out = {"id": id, "intent": self.intent, "answers": dict(self.answers), "unclear": list(self.unclear)}
        if self.rsvp is not None:
            out["rsvp"] = {"attending": self.rsvp.attending, "guests": self.rsvp.guests}
        if self.error:
            out["error"] = self.error
        return out


# ---------------------------------------------------------------------------
# Cleaning a body down to the panelist's own lines
