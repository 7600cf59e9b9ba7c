"""Numbers in text: numerals and number words (Danish to 99, English, German), "4 ud af 5", ranges, idioms.

A reply says a number as digits ("4", "en 4'er", "4/5"), as words ("fire",
"fireogtyve", "fire og tyve", "halvtreds", "twenty-four", "vierundzwanzig") or
as an idiom ("en halv snes" = 10, "et dusin" = 12).  A vague quantity ("et par
stykker", "nogle få", "a couple") or a range ("7-8", "syv eller otte") is no
number: the reader says unclear.  Clock times, dates, amounts and addresses
are no values.
"""
from __future__ import annotations

import re

from .definitions import Question
from .text import fold, words

# --- the tables (folded: ae/oe/aa) -------------------------------------------------------------------

_DA_UNITS = {"nul": 0, "en": 1, "et": 1, "een": 1, "eet": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6,
             "syv": 7, "otte": 8, "ni": 9}
_DA_TEENS = {"ti": 10, "elleve": 11, "tolv": 12, "tretten": 13, "fjorten": 14, "femten": 15, "seksten": 16,
             "sytten": 17, "atten": 18, "nitten": 19}
# The tens, with their old long forms ("halvtredsindstyve") and everyday spellings ("tredve").
_DA_TENS = {"tyve": 20, "tredive": 30, "tredve": 30, "fyrre": 40, "fyrretyve": 40, "halvtreds": 50,
            "halvtredsindstyve": 50, "tres": 60, "tresindstyve": 60, "halvfjerds": 70, "halvfjerdsindstyve": 70,
            "firs": 80, "firsindstyve": 80, "halvfems": 90, "halvfemsindstyve": 90, "hundrede": 100, "hundred": 100}
_EN_UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
             "nine": 9}
_EN_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
             "seventeen": 17, "eighteen": 18, "nineteen": 19}
_EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
            "ninety": 90}
_DE_UNITS = {"null": 0, "eins": 1, "ein": 1, "eine": 1, "zwei": 2, "drei": 3, "vier": 4, "fuenf": 5, "funf": 5,
             "sechs": 6, "sieben": 7, "acht": 8, "neun": 9}
_DE_TEENS = {"zehn": 10, "elf": 11, "zwoelf": 12, "zwolf": 12, "dreizehn": 13, "vierzehn": 14, "fuenfzehn": 15,
             "sechzehn": 16, "siebzehn": 17, "achtzehn": 18, "neunzehn": 19}
_DE_TENS = {"zwanzig": 20, "dreissig": 30, "vierzig": 40, "fuenfzig": 50, "sechzig": 60, "siebzig": 70,
            "achtzig": 80, "neunzig": 90}
# "ingen" and "none" count zero; "enkelt" one.
_ZERO_AND_ONE = {"ingen": 0, "ingenting": 0, "none": 0, "kein": 0, "keine": 0, "enkelt": 1}


def _compounds() -> dict[str, int]:
    """Every number word to 99: units, teens, tens and "<unit>og<ten>" ("fireogtyve"), "<ten>-<unit>"
    ("twenty-four"), "<unit>und<ten>" ("vierundzwanzig")."""
    table = {**_DA_UNITS, **_DA_TEENS, **_DA_TENS, **_EN_UNITS, **_EN_TEENS, **_EN_TENS, **_DE_UNITS, **_DE_TEENS,
             **_DE_TENS, **_ZERO_AND_ONE}
    for unit, u in _DA_UNITS.items():
        for ten, t in _DA_TENS.items():
            if 1 <= u and t < 100:
                table[(unit if unit not in ("et", "eet", "een") else "en") + "og" + ten] = t + u
    for ten, t in _EN_TENS.items():
        for unit, u in _EN_UNITS.items():
            if u:
                table[f"{ten}-{unit}"] = t + u
    for unit, u in _DE_UNITS.items():
        for ten, t in _DE_TENS.items():
            if u and unit not in ("ein", "eine"):
                table[("ein" if unit == "eins" else unit) + "und" + ten] = t + u
    return table


NUMBER_WORDS: dict[str, int] = _compounds()
# Words that are also the indefinite article: callers decide when they count as 1.
ARTICLE_NUMBERS = {"en", "et", "ein", "eine"}
# Number words of one language that are everyday words of another ("to" is English "to" but Danish 2).
_UNITS_AND_TENS = {**_DA_UNITS, **_DA_TEENS, **_DA_TENS, **_EN_UNITS, **_EN_TEENS, **_EN_TENS, **_DE_UNITS,
                   **_DE_TEENS, **_DE_TENS}
# Idioms for an exact number: "en halv snes" (10), "en snes" (20), "et dusin" (12), "et halvt dusin" (6).
_IDIOM_RE = re.compile(r"\b(?:en|et)\s+(?:(halv|halvt)\s+)?(snes|dusin)\b|\ba\s+(?:(half)\s+(?:a\s+)?)?(dozen)\b")
_IDIOM_BASE = {"snes": 20, "dusin": 12, "dozen": 12}
# A quantity with no number in it: "et par (stykker)", "nogle få", "en håndfuld", "a couple", "a few".
VAGUE_RE = re.compile(r"\b(?:et\s+par(?:\s+(?:stykker|styk|stk|gange|ting))?|nogle\s+(?:faa|stykker|enkelte|gange)|"
                      r"(?:en\s+)?haandfuld|en\s+del|adskillige|flere\s+stykker|mange\s+stykker|halvanden|"
                      r"a\s+couple(?:\s+of)?|a\s+few|several|a\s+handful|ein\s+paar|einige|mehrere)\b")
# A number said with a doubt: "måske 10", "maybe 10? not sure" (an estimate with "ca." is still the count)
DOUBT_RE = re.compile(r"\b(?:maaske|maske|mske|muligvis|maybe|perhaps|possibly|not\s+sure|unsure|vielleicht|"
                      r"nicht\s+sicher)\b")
# "fire og tyve", "twenty four": a compound written as two or three words
_SPACED_DA_RE = re.compile(r"\b(" + "|".join(u for u in _DA_UNITS if u not in ("nul",)) + r")\s+og\s+(" +
                           "|".join(t for t in _DA_TENS if t not in ("hundrede", "hundred")) + r")\b")
_SPACED_EN_RE = re.compile(r"\b(" + "|".join(_EN_TENS) + r")\s+(" + "|".join(u for u in _EN_UNITS if u != "zero") + r")\b")


def spell_out_compounds(folded: str) -> str:
    """"fire og tyve" -> "fireogtyve", "twenty four" -> "twenty-four": one word a number."""
    folded = _SPACED_DA_RE.sub(lambda m: f"{m.group(1) if m.group(1) not in ('et', 'een', 'eet') else 'en'}og{m.group(2)}", folded)
    return _SPACED_EN_RE.sub(lambda m: f"{m.group(1)}-{m.group(2)}", folded)


def idiom_numbers(folded: str) -> str:
    """"en halv snes" -> "10": an idiom for an exact number written as digits."""
    def value(m: re.Match) -> str:
        base = _IDIOM_BASE[m.group(2) or m.group(4)]
        return str(base // 2 if (m.group(1) or m.group(3)) else base)
    return _IDIOM_RE.sub(value, folded)


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
NUMBER_WORD_ALT = r"(?:" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r"|\d{1,3})"
_WORD_OUT_OF_RE = re.compile(r"(?<![\w.,])(" + NUMBER_WORD_ALT + r")\s+(?:ud\s+)?af\s+(" + NUMBER_WORD_ALT + r")(?!\w)")


def _num_token(t: str) -> str:
    return t if t.isdigit() else str(NUMBER_WORDS[t])


_OUT_OF_RE = re.compile(r"(?<![\w.,])(\d{1,3})\s*(?:ud\s+af|/|af)\s*(\d{1,3})(?!\w|[.,]\d)")
_RANGE_RE = re.compile(r"(?<![\w.:])(?<!\d,)(\d{1,3})\s*(?:-|til)\s*(\d{1,3})(?!\w|[.,:]\d)")
_OR_NUM_RE = re.compile(r"(?<![\w.])(\d{1,3})\s+eller\s+(\d{1,3})(?![\w.])")


_UNIT_RE = re.compile(r"^\s*(min|minutter|timer?|aar|km|kilometer|kr|dage?|uger?|gange|meter|m)\b")
_UNIT_FORMS = {"kilometer": "km", "min": "minut", "minutter": "minut", "time": "time", "timer": "time", "dag": "dag", "dage": "dag",
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
    text = idiom_numbers(spell_out_compounds(text))
    if VAGUE_RE.search(text) or DOUBT_RE.search(text):
        unclear = True  # "et par stykker", "nogle få", "måske 10": how many?
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
    if words_ok:
        # number words too: "5 i alt, mig og min mand og vores tre" gives two candidates (unclear)
        toks = words(re.sub(r"\b(?:begge|both|beide)\s+(?:to|two|zwei)\b", " ", text))
        digits = bool(found)
        for i, t in enumerate(toks):
            if t in NUMBER_WORDS:
                if t in ARTICLE_NUMBERS and (not article_ok or digits):
                    continue
                if digits and NUMBER_WORDS[t] == 0:
                    continue  # "3, ingen af dem i skole": "ingen" counts nothing here
                if t == "ingen" and lo is not None and lo > 0:
                    continue
                if i > 0 and toks[i - 1] in ("kl", "klokken", "den"):
                    continue
                found.append(NUMBER_WORDS[t])
    distinct = sorted(set(found))
    return distinct, unclear


# ---------------------------------------------------------------------------
# Scale
