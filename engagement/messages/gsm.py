"""SMS fitness: the GSM 03.38 7-bit alphabet and how many segments a text takes.

GSM 03.38 holds æ ø å Æ Ø Å, but not an en dash, curly quotes, "…", a
non-breaking space or an emoji: one such character turns the whole SMS into
UCS-2, 70 characters a segment instead of 160.  ``to_gsm7`` replaces the usual
offenders in staff-written text (and Babel's number formats, which use
non-breaking spaces) with their plain forms.
"""
from __future__ import annotations

import unicodedata

# The basic character set and the extension table (two septets each).
GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENDED = frozenset("^{}\\[~]|€\f")

SEGMENT_GSM7, SEGMENT_GSM7_MULTI = 160, 153
SEGMENT_UCS2, SEGMENT_UCS2_MULTI = 70, 67
MAX_SEGMENTS = 3  # what every message to a citizen stays within

REPLACEMENTS = {
    "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2010": "-", "\u2011": "-", "\u2212": "-",
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u00b4": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2039": "'", "\u203a": "'",
    "\u2026": "...",
    "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ", "\u2002": " ", "\u2003": " ",
    "\u200b": "", "\u200c": "", "\u200d": "", "\ufeff": "", "\ufe0f": "",
    "\u2022": "-", "\u00b7": "-", "\u2192": "->",
    "\t": " ", "\u00bd": "1/2", "\u00bc": "1/4", "\u00be": "3/4",
    "\u00e1": "a", "\u00e2": "a", "\u00e3": "a", "\u00ea": "e", "\u00eb": "e", "\u00ed": "i", "\u00ef": "i",
    "\u00f3": "o", "\u00f4": "o", "\u00fa": "u", "\u00fb": "u", "\u00e7": "c",
}


def is_gsm7(text: str) -> bool:
    """True when every character is in the GSM 03.38 alphabet (basic or extension)."""
    return all(c in GSM_BASIC or c in GSM_EXTENDED for c in text)


def segment_count(text: str) -> int:
    """How many SMS segments the text takes (GSM-7 when it fits, else UCS-2)."""
    if is_gsm7(text):
        septets = sum(2 if c in GSM_EXTENDED else 1 for c in text)
        return 1 if septets <= SEGMENT_GSM7 else -(-septets // SEGMENT_GSM7_MULTI)
    units = len(text.encode("utf-16-le")) // 2
    return 1 if units <= SEGMENT_UCS2 else -(-units // SEGMENT_UCS2_MULTI)


def _plain(char: str) -> str:
    if char in GSM_BASIC or char in GSM_EXTENDED:
        return char
    if char in REPLACEMENTS:
        return REPLACEMENTS[char]
    # A letter with an accent GSM lacks: its base letter ("ë" -> "e").
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    if base and all(c in GSM_BASIC for c in base):
        return base
    category = unicodedata.category(char)
    if category.startswith("Z"):
        return " "
    if category in ("So", "Sk", "Cs", "Cf", "Mn", "Co", "Cn"):  # emoji, symbols, joiners: dropped
        return ""
    return "?"


def to_gsm7(text: str) -> str:
    """The text with every character outside GSM 03.38 replaced by a plain form."""
    if is_gsm7(text):
        return text
    out = "".join(_plain(c) for c in text)
    # Dropping an emoji can leave two spaces behind.
    while "  " in out:
        out = out.replace("  ", " ")
    return out
