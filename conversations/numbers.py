"""Numbers in Danish text: numerals, number words, "4 ud af 5", ranges; clock times and dates are no values."""
from __future__ import annotations

import re

from .definitions import Question
from .text import fold, words

# Keys are folded (ae/oe/aa).  "en"/"et" are also the indefinite article, so
# callers decide when they count as 1.
NUMBER_WORDS = {
    "nul": 0, "ingen": 0, "ingenting": 0,
    "en": 1, "et": 1, "een": 1, "eet": 1, "enkelt": 1,
    "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "syv": 7, "otte": 8, "ni": 9, "ti": 10,
    "elleve": 11, "tolv": 12, "tretten": 13, "fjorten": 14, "femten": 15, "seksten": 16,
    "sytten": 17, "atten": 18, "nitten": 19, "tyve": 20,
    "par": 2,
}
# Words that look like numbers but rarely are one in a reply.
ARTICLE_NUMBERS = {"en", "et"}

# Ordinal "en 4'er", "4-tal": school grades and scale points
_GRADE_RE = re.compile(r"\b(\d{1,2})\s*(?:'|-)?\s*(?:er|ere|tal)\b")


def number_word(word: str) -> int | None:
    word = fold(word)
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


_NUM_RE = re.compile(r"(?<![\w.,:/-])(\d{1,3})(?:\s*'\s*er|'?ere?|-tal)?(?![\w/]|[.,:]\d)")
_NOT_A_VALUE_BEFORE = re.compile(r"\b(?:kl|klokken|linje|nr|nummer|paa|den|til|fra|efter|foer|ca|i|over|under|"
                                 r"rute|vej|gade|str|tlf|kr|uge)\.?\s*$")
_NOT_A_VALUE_AFTER = re.compile(r"^\s*(?:\.\s*(?:jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec)|"
                                r"\.\s*\d|:\d|min\b|minutter|timer?\b|aar\b|km\b|kr\b|procent|%|dage?\b|"
                                r"uger?\b|gange\b|meter\b|m\b|aarig)")
NUMBER_WORD_ALT = r"(?:nul|en|et|een|to|tre|fire|fem|seks|syv|otte|ni|ti|elleve|tolv|tretten|fjorten|femten|" \
                   r"seksten|sytten|atten|nitten|tyve|\d{1,3})"
_WORD_OUT_OF_RE = re.compile(r"(?<![\w.,])(" + NUMBER_WORD_ALT + r")\s+(?:ud\s+)?af\s+(" + NUMBER_WORD_ALT + r")(?!\w)")


def _num_token(t: str) -> str:
    return t if t.isdigit() else str(NUMBER_WORDS[t])


_OUT_OF_RE = re.compile(r"(?<![\w.,])(\d{1,3})\s*(?:ud\s+af|/|af)\s*(\d{1,3})(?!\w|[.,]\d)")
_RANGE_RE = re.compile(r"(?<![\w.:])(?<!\d,)(\d{1,3})\s*(?:-|til)\s*(\d{1,3})(?!\w|[.,:]\d)")
_OR_NUM_RE = re.compile(r"(?<![\w.])(\d{1,3})\s+eller\s+(\d{1,3})(?![\w.])")


_UNIT_RE = re.compile(r"^\s*(min|minutter|timer?|aar|km|kr|dage?|uger?|gange|meter|m)\b")
_UNIT_FORMS = {"min": "minut", "minutter": "minut", "time": "time", "timer": "time", "dag": "dag", "dage": "dag",
               "uge": "uge", "uger": "uge", "gange": "gang", "aar": "aar", "km": "km", "kr": "kr",
               "meter": "meter", "m": "meter"}


def question_units(q: Question) -> frozenset[str]:
    """Units the question itself counts in ("Hvor mange dage om ugen ...?" -> dag, uge)."""
    toks = words(q.text)
    out = {_UNIT_FORMS[t] for t in toks if t in _UNIT_FORMS}
    out |= {"minut" for t in toks if t.startswith("minut")} | {"time" for t in toks if t.startswith("time")}
    return frozenset(out)


def numbers_in(folded: str, *, words_ok: bool = True, article_ok: bool = False,
               lo: int | None = None, hi: int | None = None,
               units: frozenset = frozenset()) -> tuple[list[int], bool]:
    """Distinct numbers a text gives as a value, and whether it is unclear.

    Handles "4 ud af 5" and "4/5" (the second number must be the scale's
    top), "en 4'er", ranges ("3-4") and "3 eller 4" (unclear), and skips
    clock times, dates and amounts.
    """
    found: list[int] = []
    unclear = False
    # "ca. 10", "cirka 3", "omkring 5": an approximate count is still the count (not "kl. ca. 10")
    text = re.sub(r"(?<!kl )(?<!kl\. )(?<!klokken )\b(?:ca\.?|cirka|circa|omkring|sisaadan)\s*(?=\d)", "",
                  folded)
    # "fire ud af fem": number words around "ud af" as digits
    text = _WORD_OUT_OF_RE.sub(lambda m: f"{_num_token(m.group(1))} ud af {_num_token(m.group(2))}", text)
    for m in _OUT_OF_RE.finditer(text):
        a, b = int(m.group(1)), int(m.group(2))
        if hi is not None and b == hi:
            found.append(a)
        else:
            unclear = True
        text = text[:m.start()] + " " * (m.end() - m.start()) + text[m.end():]
    for m in list(_RANGE_RE.finditer(text)) + list(_OR_NUM_RE.finditer(text)):
        before = text[:m.start()]
        if _NOT_A_VALUE_BEFORE.search(before):
            continue
        unclear = True
        text = text[:m.start()] + " " * (m.end() - m.start()) + text[m.end():]
    for m in _NUM_RE.finditer(text):
        before, after = text[:m.start()], text[m.end():]
        if _NOT_A_VALUE_BEFORE.search(before):
            continue
        if _NOT_A_VALUE_AFTER.search(after):
            unit = _UNIT_RE.match(after)
            # "2 dage" answers "Hvor mange dage ...?"; "kl 2 timer" or "3 km" to it does not
            if not (unit and _UNIT_FORMS.get(unit.group(1)) in units):
                continue
        found.append(int(m.group(1)))
    if words_ok and not found:
        toks = words(text)
        for i, t in enumerate(toks):
            if t in NUMBER_WORDS and t not in ("par",):
                if t in ARTICLE_NUMBERS and not article_ok:
                    continue
                if t == "ingen" and lo is not None and lo > 0:
                    continue
                if i > 0 and toks[i - 1] in ("kl", "klokken", "den"):
                    continue
                found.append(NUMBER_WORDS[t])
    distinct = sorted(set(found))
    return distinct, unclear


# ---------------------------------------------------------------------------
# Scale
