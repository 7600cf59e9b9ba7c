"""Readability of Danish text: LIX (Björnsson's läsbarhetsindex), the usual Danish measure.

LIX = words per sentence + the share of long words (more than 6 letters) in
per cent.  Under 25 is very easy, 25-34 easy, 35-44 medium, 45-54 hard, 55+
very hard.  Every message a citizen reads stays under ``LIX_LIMIT``.

Measured the same way as the project's plain-language tool: links and
addresses are left out, and a sentence ends at ``. ! ? :`` or a line break
(list items and greetings are sentences of their own).
"""
from __future__ import annotations

import re

LIX_LIMIT = 25

WORD = re.compile(r"[^\W_]+(?:[-'\u2019][^\W_]+)*", re.UNICODE)
URL = re.compile(r"https?://\S+|\S+@\S+")
SENTENCE_END = re.compile(r"[.!?:]+(?:\s|$)|\n+")


def lix(text: str) -> float:
    text = URL.sub(" ", text)
    words = WORD.findall(text)
    if not words:
        return 0.0
    sentences = [s for s in SENTENCE_END.split(text) if WORD.search(s)]
    long_words = sum(1 for w in words if len(w) > 6)
    return len(words) / max(1, len(sentences)) + 100 * long_words / len(words)


def lix_label(value: float) -> str:
    """A word for the staff editor's preview (Danish source, translated via gettext)."""
    from flask_babel import gettext as _

    if value < 25:
        return _("meget let")
    if value < 35:
        return _("let")
    if value < 45:
        return _("middel")
    if value < 55:
        return _("svær")
    return _("meget svær")
