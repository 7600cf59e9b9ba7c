"""Number answers: how many (children, cars, times), "ingen", "bor alene", "hver dag"."""
from __future__ import annotations

import re
from functools import lru_cache

from .corrections import with_correction
from .definitions import Question
from .lexicon import NEGATIONS
from .numbers import NUMBER_WORDS, numbers_in, question_units
from .text import FOREIGN, fold, lemma, same_word, words
from .value import DONT_KNOW_RE, EMPTY_RE, NONE, UNCLEAR, Value, ok

_EVERY_DAY_RE = re.compile(r"\b(?:hver\s+(?:eneste\s+)?dag|dagligt|daglig|alle\s+(?:ugens\s+)?dage(?:ne)?|"
                           r"alle\s+syv\s+dage)\b")


def _per_week_days(q: Question) -> bool:
    """A count of days in a week: the question says days and per week."""
    f = fold(q.text)
    return (bool(re.search(r"\bdage\b", f)) and bool(re.search(r"\b(?:om|pr\.?|per|i|hver)\s+uge(?:n)?\b|\bugentlig", f))
            and (q.max is None or q.max >= 7) and (q.min is None or q.min <= 7))


@lru_cache(maxsize=1024)
def _counted_nouns_text(text: str) -> tuple[str, ...]:
    raw = re.findall(r"[^\W\d_]+", text.lower())
    if "mange" in raw:
        i = raw.index("mange")
        raw = raw[i + 1:i + 2]
    else:
        raw = [t for t in raw if len(t) >= 3]
    return tuple({fold(t) for t in raw} | {lemma(t) for t in raw})


def counted_nouns(q: Question) -> tuple[str, ...]:
    """What a count question counts: the word after "Hvor mange" ("børn", "biler"), or else its words."""
    return _counted_nouns_text(q.text)


_PERIOD_RE = re.compile(r"\b(?:om|pr\.?|per|hver)\s+(dag|doegn|uge|maaned|aar)(?:en|et|n)?\b|"
                        r"\bi\s+(dag|doegn|uge|maaned|aar)(?:n|en|et)\b|"
                        r"\b(dag|uge|maaned|aar)(?:lig|ligt)\b")


_ALONE_RE = re.compile(r"\b(?:bor|boer|lever)\s+(?:helt\s+|bare\s+|kun\s+)?(?:alene|for\s+mig\s+selv|selv)\b|"
                       r"^(?:kun|bare)\s+mig(?:\s+selv)?\W*$|^mig\s+selv\W*$|^(?:helt\s+)?alene\W*$|"
                       r"\b(?:jeg\s+er\s+)?(?:single|enlig)\b")


def alone_count(folded: str, q: Question) -> int | None:
    """"bor alene" to "Hvor mange personer bor i din husstand?": 1 with the panelist counted,
    0 when the question counts the others ("udover dig selv"); None for other questions."""
    qf = fold(q.text)
    if not _ALONE_RE.search(folded) or any(t in NEGATIONS for t in words(folded)):
        return None
    if not re.search(r"\b(?:husstand\w*|hjemme|bor\s+der|bor\s+i)\b", qf) or not re.search(
            r"\b(?:personer|mennesker|beboere|voksne|i\s+alt)\b|\bdig\s+selv\b", qf):
        return None
    if re.search(r"\b(?:ud\s*over|foruden|udover|ud\s+over|ekskl\w*|ikke\s+medregnet|andre\s+end)\b", qf):
        return 0
    return 1


# "ikke en eneste dag", "ikke én gang", "ingen dage", "not a single day", "keinen Tag": none of the thing counted
_IMPLIED_ZERO_RE = re.compile(r"(?:ikke\s+(?:en|et|eet|een)\s+(?:eneste\s+)?|ingen\s+|not\s+(?:a|one)\s+(?:single\s+)?|"
                              r"no\s+|kein(?:en|e)?\s+)([a-z]{3,})")


def read_number(text: str, q: Question, strict: bool = False) -> Value:
    return with_correction(_read_number, text, q, strict)


_ABOUT = {"ca", "cirka", "circa", "omkring", "about", "around", "approx", "ungefaehr", "etwa"}
# A count with something added to it or a condition on it is not settled: "to, plus en bonusdatter",
# "tre + en på vej", "fire, hvis man tæller hunden med", "two unless you count ...": which number?
_ADDED_OR_CONDITIONAL_RE = re.compile(r"\b(?:plus|samt|oveni|derudover|desuden|foruden|hvis|medmindre|"
                                      r"med\s+mindre|if|unless|wenn|ausser|ausserdem)\b|\+")


def _read_number(folded: str, q: Question, strict: bool = False) -> Value:
    if EMPTY_RE.match(folded) or DONT_KNOW_RE.search(folded):
        return NONE
    toks = words(folded)
    bare = [t for t in toks if t not in _ABOUT]  # "ca 5", "about 5": roughly is still the number given
    if strict and not (len(bare) == 1 and len(toks) <= 2 and (bare[0].isdigit() or bare[0] in NUMBER_WORDS)):
        return NONE
    if re.search(r"\b(?:et|eet)\s+par\b", folded) and not re.search(r"\d", folded):
        return UNCLEAR  # "et par gange": two, or a few?
    # "et barn", "en bil": the article is a numeral before a noun in a count answer
    article_ok = len(toks) <= 1 or bool(re.search(r"\b(?:et|en|eet|een)\s+[a-z]", folded)) and len(toks) <= 8
    if article_ok and len(toks) > 1:
        # "et kulturarrangement" copied from "... været til et kulturarrangement?" is the question's words, not 1;
        # "har aldrig lånt en e-bog" is no count; "vi har én bil" to "Hvor mange biler ...?" is
        qf = fold(q.text)
        phrases = re.findall(r"\b(?:et|en|eet|een)\s+([a-z]+(?:-[a-z]+)?)", folded)
        counted = counted_nouns(q)
        if not phrases or any(t in NEGATIONS for t in toks) or all(
                re.search(r"\b(?:et|en)\s+" + re.escape(n) + r"\b", qf) for n in phrases) or not any(
                any(same_word(n, c) or lemma(n) == lemma(c) or (len(n) >= 4 and c.endswith(n)) for c in counted)
                for n in phrases):
            article_ok = False
    nums, unclear = numbers_in(folded, article_ok=article_ok, lo=q.min, hi=q.max, units=question_units(q))
    if unclear or len(nums) > 1:
        return UNCLEAR
    period = _PERIOD_RE.search(folded)
    if nums and period and not re.search(r"\b" + (period.group(1) or period.group(2) or period.group(3))[:3], fold(q.text)):
        return UNCLEAR  # "2 gange om måneden" to "Hvor mange gange det seneste halve år?": a rate, not the count
    if not nums and _EVERY_DAY_RE.search(folded) and not any(t in NEGATIONS for t in toks) and _per_week_days(q):
        return ok(7, 0.85)  # "hver dag" to "Hvor mange dage om ugen ...?"
    if not nums and re.fullmatch(r"(?:(?:nej|naa|hmm)\s*,?\s*)?(?:(?:det\s+har\s+jeg\s+|jeg\s+har\s+)?aldrig(?:\s+nogensinde)?|"
                                 r"ikke\s+(?:en\s+)?eneste\s+gang|ingen\s+gange|ikke\s+en\s+gang|0\s+gange)\W*",
                                 folded.strip()) and re.search(r"\bhvor\s+mange\s+gange\b", fold(q.text)) and (
            q.min is None or q.min <= 0):
        return ok(0, 0.85)  # "aldrig" to "Hvor mange gange ...?"
    if not nums and _IMPLIED_ZERO_RE.fullmatch(folded.strip(" .!")) and (q.min is None or q.min <= 0):
        noun = _IMPLIED_ZERO_RE.fullmatch(folded.strip(" .!")).group(1)
        if FOREIGN.get() or any(same_word(noun, c) or lemma(noun) == lemma(c) for c in counted_nouns(q)) or (
                noun in question_units(q)):  # (an English or German noun cannot be matched to the Danish question)
            return ok(0, 0.85)  # "ikke en eneste dag" to "Hvor mange dage ...?"
    if not nums and not strict:
        alone = alone_count(folded, q)
        if alone is not None and (q.min is None or alone >= q.min):
            return ok(alone, 0.85)
    if not nums:
        return NONE
    if _ADDED_OR_CONDITIONAL_RE.search(folded):
        return UNCLEAR
    value = nums[0]
    if q.min is not None and value < q.min or q.max is not None and value > q.max:
        return UNCLEAR
    return ok(value, 1.0 if any(t.isdigit() for t in toks) else 0.9)


# ---------------------------------------------------------------------------
# Text
# ---------------------------------------------------------------------------
