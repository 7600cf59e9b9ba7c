"""What reading one piece of text for one question gives: a value, unclear, or nothing."""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Value:
    status: str  # "ok" | "unclear" | "none" | "skip" (the writer passed the question over on purpose)
    value: object = None
    confidence: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status == "ok"


NONE = Value("none")
UNCLEAR = Value("unclear")
SKIP = Value("skip")
# Passing a question over on purpose: "spring over", "pas", "skip", "-", "næste", "ingen kommentarer".
SKIP_RE = re.compile(r"^\s*(?:spring(?:er)?\s+(?:den\s+|det\s+|dette\s+|spoergsmaalet\s+)?over|pas|passer|skip|skipper|"
                     r"-+|naeste|next|ingen\s+kommentar(?:er)?|no\s+comment|kein\s+kommentar)\s*[.!]*\s*$")


def ok(value, confidence=1.0) -> Value:
    return Value("ok", value, confidence)


# ---------------------------------------------------------------------------
# Shared pieces
# ---------------------------------------------------------------------------

# Not knowing or not remembering, in any word order: "det kan jeg ikke huske", "husker jeg ikke",
# "det ved jeg ikke", "aner jeg ikke", "har ingen idé": no answer, not a no.
MEMORY = (r"(?:kan|kunne)\s+(?:jeg\s+|vi\s+|man\s+)?(?:ikke|ik|ikk)\s+(?:\w+\s+)?(?:huske|sige|vide)|"
          r"(?:husker|ved|aner|veed)\s+(?:jeg|vi)\s+(?:\w+\s+)?(?:ikke|ik|ikk)|"
          r"(?:husker|aner)\s+(?:det\s+)?(?:ikke|ik|ikk)|ingen\s+ide|ikke\s+til\s+at\s+sige|svaert\s+at\s+sige")
MEMORY_RE = re.compile(r"\b(?:" + MEMORY + r")\b")
# "ved ikke", "aner det ikke", "spring over": no answer, not a no.
DONT_KNOW_RE = re.compile(
    r"\b(?:ved\s+(?:det\s+)?ikke|veed\s+ikke|aner\s+(?:det\s+)?ikke|ingen\s+anelse|ingen\s+mening\s+om|"
    r"spring(?:er)?\s+over|kan\s+ikke\s+svare|vil\s+ikke\s+svare|ikke\s+relevant|husker\s+(?:det\s+)?ikke|"
    r"ikke\s+(?:helt\s+)?sikker|usikker|ikke\s+klar\s+over|" + MEMORY + r")\b")
EMPTY_RE = re.compile(r"^[\s\-_.?!/x*]*$")
