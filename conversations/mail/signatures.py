"""Signatures cut from the person's own words.

From each block of own words: a mail program's line ("Sendt fra min
iPhone", "Hent Outlook til Android": see `signature_patterns.py` for the
grammar), the "-- " delimiter and what follows it, a closing ("Venlig
hilsen", "Mvh", ...) with the few short lines after it (never lines that
look like numbered answers, and never a PS), and a name signed at the end:
"/Rasmus", or the sender's own name from the From header ("Ida" or "Ida
Holm" on the last line).  "Ja tak" and "Nej tak" are answers, never
closings or names.
"""
from __future__ import annotations

import re

from .signature_patterns import (
    ADVERTISED_APPS,
    ANSWER_WORDS,
    BRANDS,
    CLOSING_ABBREVIATIONS,
    CLOSING_ADJECTIVE_ENDINGS,
    CLOSING_ADJECTIVES,
    CLOSING_LEADS,
    CLOSING_NOUNS,
    DEVICE_WORDS,
    DISCLAIMER_WORDS,
    GET_VERBS,
    PLATFORM_PREPOSITIONS,
    POSSESSIVES,
    SENT_VERBS,
    SOURCE_PREPOSITIONS,
)


def _flat(table) -> frozenset[str]:
    words = table.values() if isinstance(table, dict) else [table]
    return frozenset(w.lower() for group in words for w in group)


_SENT, _GET, _MY = _flat(SENT_VERBS), _flat(GET_VERBS), _flat(POSSESSIVES)
_FROM, _FOR = _flat(SOURCE_PREPOSITIONS), _flat(PLATFORM_PREPOSITIONS)
_BRAND, _APP, _DEVICE = _flat(BRANDS), _flat(ADVERTISED_APPS), _flat(DEVICE_WORDS)
_TOKEN = re.compile(r"[^\W_]+(?:[.&'][^\W_]+)*")
_LINK = re.compile(r"<?\s*(?:https?://|www\.)\S*\s*>?|<[^<>\s]+@[^<>\s]+>")


def client_tokens(line: str, keep_case: bool = False) -> list[str]:
    """The words of a line, lower-cased, links left out; compounds split ("Galaxy-smartphone")."""
    words = _TOKEN.findall(_LINK.sub(" ", line))
    return words if keep_case else [t.lower() for t in words]


_GET_FILLERS = frozenset({"sie", "sich", "dir", "the", "app", "appen", "mobile"})


def is_client_line(line: str) -> bool:
    """A mail program's own line: "Sendt fra min iPhone", "Von meinem iPhone gesendet",
    "Hent Outlook til Android" (a whole line, at most a dozen words)."""
    if len(line) > 120:
        return False
    cased = client_tokens(line, keep_case=True)
    t = [w.lower() for w in cased]
    if not 2 <= len(t) <= 12:
        return False
    named = any(w in _BRAND or w in _DEVICE for w in t)
    # <sent> <from> [<my>] <device or app ...>: a brand, or a word for a device after <my> or in a short
    # line ("Sendt fra mobil"); after <my> a name will do ("Sendt fra min ZTE Blade")
    if t[0] in _SENT and t[1] in _FROM and len(t) <= 9:
        mine = len(t) > 3 and t[2] in _MY
        return (any(w in _BRAND for w in t) or (named and (mine or len(t) <= 4))
                or (mine and all(w[:1].isupper() or w[:1].isdigit() for w in cased[3:5])))
    # <from> <my> <device ...> <sent>   (German, Dutch)
    if t[-1] in _SENT and t[0] in _FROM and t[1] in _MY:
        return named
    # ... <from> <my> <device> ... <sent>   ("Diese Nachricht wurde von meinem Android-Mobiltelefon gesendet")
    if t[-1] in _SENT and any(a in _FROM and b in _MY for a, b in zip(t, t[1:])):
        return any(w in _BRAND for w in t)
    # <get> <app> [<for> <platform>]   ("Hent Outlook til Android", "Holen Sie sich Outlook für iOS")
    if t[0] in _GET:
        rest = [w for w in t[1:] if w not in _GET_FILLERS]
        if rest[:1] and rest[0] in _APP:
            rest = rest[1:]
            return not rest or (len(rest) == 2 and rest[0] in _FOR and rest[1] in _BRAND)
    return False


def _alternation(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_LEADS = _alternation(set(CLOSING_LEADS))
_ADJECTIVE = (rf"(?:{_alternation(_flat(CLOSING_ADJECTIVES))}"
              rf"|[^\W\d_]{{2,}}(?:{_alternation(CLOSING_ADJECTIVE_ENDINGS)}))")
_NOUN = rf"[^\W\d_-]*(?:{_alternation(_flat(CLOSING_NOUNS))})"
_CLOSING = re.compile(
    rf"^(?:(?:{_LEADS})\s+)*(?:(?:{_ADJECTIVE})\s+(?:(?:og|and|und|och)\s+)?)*{_NOUN}(?!\w)"
    rf"|^(?:{_LEADS})\s+(?:[^\W\d_]+\s+){{1,2}}{_NOUN}(?!\w)"  # "Med <any word> hilsen"
    rf"|^(?:{_alternation(CLOSING_ABBREVIATIONS)})(?!\w)", re.I)
_CLOSING_END = re.compile(r"\.?,?(?P<rest>.*)$", re.S)
_DISCLAIMER = re.compile(_alternation(DISCLAIMER_WORDS), re.I)
_ANSWER_LIKE = re.compile(r"^\s*(?:spm\.?\s*)?\d{1,2}\s*[:.)\-]|^\s*ps\b|^\s*p\.s\.", re.I)
_PS = re.compile(r"^\s*(?:ps|p\.s)\b", re.I)
_SLASH_NAME = re.compile(r"^\s*/\s?[A-ZÆØÅ][\w.-]*(?:\s[A-ZÆØÅ][\w.-]*)?\s*$")
_ANSWERS = frozenset(ANSWER_WORDS)


def is_closing(text: str) -> bool:
    """"Venlig hilsen", "Med sportslig hilsen Ida", "Mvh": a closing and a name at most."""
    text = text.strip()
    if not text or len(text) > 60:
        return False
    m = _CLOSING.match(text)
    if not m:
        return False
    rest = _CLOSING_END.match(text, m.end()).group("rest").strip(" ,.!")
    return len(rest.split()) <= 4 and not any(c.isdigit() or c in ":?" for c in rest)


def _is_signature_tail(tail: list[str]) -> bool:
    filled = [t for t in tail if t.strip()]
    if len(filled) > 10:
        return False
    for t in filled:
        if _ANSWER_LIKE.match(t):
            return False
        if len(t.strip()) > 70 and not _DISCLAIMER.search(t):
            return False
    return True


def _is_own_name(line: str, name_words: frozenset[str]) -> bool:
    """The sender's name (or part of it, initials allowed) alone on a line: "Ida", "Ida H.", "- Ida Holm"."""
    words = [w.lower() for w in re.findall(r"[^\W\d_]+(?:[-'][^\W\d_]+)*", line)]
    if not words or len(words) > 4 or re.search(r"\d|[?:]", line):
        return False
    if " ".join(words) in _ANSWERS or any(w in _ANSWERS for w in words):
        return False
    initials = {w[0] for w in name_words}
    named = [w for w in words if w in name_words]
    return bool(named) and all(w in name_words or (len(w) == 1 and w in initials) for w in words)


def cut_signature(lines: list[str], name_words: frozenset[str] = frozenset()) -> list[str]:
    """Own lines without a client's line, '-- ' signature, a closing with its short tail, or a signed name."""
    lines = [l for l in lines if not is_client_line(l)]
    for i, line in enumerate(lines):
        if line.strip() == "--":
            lines = lines[:i]
            break
    for i, line in enumerate(lines):
        if not is_closing(line):
            continue
        end = next((k for k in range(i + 1, len(lines)) if _PS.match(lines[k])), len(lines))
        if _is_signature_tail(lines[i + 1:end]):
            lines = lines[:i] + lines[end:]
            break
    while lines and not lines[-1].strip():
        lines.pop()
    if lines and _SLASH_NAME.match(lines[-1]):
        lines.pop()
    if name_words:
        lines = _cut_name_block(lines, name_words)
    return lines


def _cut_name_block(lines: list[str], name_words: frozenset[str]) -> list[str]:
    """The sender's name on a line of its own, and under it nothing but contact lines
    (a title, a company, a phone number, an address): a signature."""
    for i in range(len(lines) - 1, -1, -1):
        if not lines[i].strip():
            continue
        if _is_own_name(lines[i], name_words):
            lines = lines[:i]
            while lines and not lines[-1].strip():
                lines.pop()
            break
        if not _is_contact_line(lines[i]) or len(lines) - i > 6:
            break
    return lines


_CONTACT = re.compile(r"\d[\d ]{3,}|@|www\.|https?://", re.I)
_TITLE_WORD = re.compile(r"^(?:[A-ZÆØÅÄÖÜ][\w.&'-]*|[a-zæøå]{1,3}|[&/,|–-])$")


def _is_contact_line(line: str) -> bool:
    """A phone number, an address, a link, or a short title in capitals ("Formand, Nordby Roklub")."""
    text = line.strip()
    if len(text) > 70 or _ANSWER_LIKE.match(text):
        return False
    if _CONTACT.search(text):
        return True
    words = text.replace(",", " , ").split()
    return len(words) <= 6 and all(_TITLE_WORD.match(w) for w in words) and text[:1].isupper()
