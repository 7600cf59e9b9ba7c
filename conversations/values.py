"""Reading one piece of Danish text as the answer to one question.

Each reader takes the text the panelist wrote for a question and returns a
`Value`: "ok" with the value and a confidence, "unclear" when the panelist
clearly tried but the answer cannot be trusted (out of range, two values,
"A eller D"), or "none" when the text holds no answer of that type.

`strict=True` asks for a text that is nothing BUT an answer ("4", "helt
enig", "ja", "AC"): used when a reply is cut into answers by position.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .danish import (ARTICLE_NUMBERS, CORRECTION_RE, EXTREME, NEGATIONS, NUMBER_WORDS, PARTIAL,
                     _plain_letters, agreement_value, fold, lemma, same_word, standard_words, words)
from .definitions import Question


@dataclass(frozen=True)
class Value:
    status: str  # "ok" | "unclear" | "none"
    value: object = None
    confidence: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status == "ok"


NONE = Value("none")
UNCLEAR = Value("unclear")


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
_MEMORY_RE = re.compile(r"\b(?:" + MEMORY + r")\b")
# "ved ikke", "aner det ikke", "spring over": no answer, not a no.
DONT_KNOW_RE = re.compile(
    r"\b(?:ved\s+(?:det\s+)?ikke|veed\s+ikke|aner\s+(?:det\s+)?ikke|ingen\s+anelse|ingen\s+mening\s+om|"
    r"spring(?:er)?\s+over|kan\s+ikke\s+svare|vil\s+ikke\s+svare|ikke\s+relevant|husker\s+(?:det\s+)?ikke|"
    r"ikke\s+(?:helt\s+)?sikker|usikker|ikke\s+klar\s+over|" + MEMORY + r")\b")
EMPTY_RE = re.compile(r"^[\s\-_.?!/x*]*$")


def after_correction(folded: str) -> str | None:
    """The text after the last correction marker, if there is one."""
    last = None
    for m in CORRECTION_RE.finditer(folded):
        last = m
    if last is None:
        return None
    rest = folded[last.end():].lstrip(" ,.:;-!")  # "C, nej vent, D" -> "D"
    return rest if rest.strip(" ,.:;-!") else None


# "5, nej 6", "bil - nej, bus": on a question that is not yes/no, a "nej"
# between two values of the question's type takes the first one back.
_NEJ_SELF_CORRECTION_RE = re.compile(r"^(.*?\S)\s*[,.;:-]?\s+nej\s*[,.!:-]*\s+(\S.*)$")


def with_correction(reader, text: str, q: Question, strict: bool) -> Value:
    """Read text; when it carries a correction, the corrected value stands."""
    folded = fold(text)
    rest = after_correction(folded)
    if rest is not None:
        v = reader(rest, q, strict=False)
        if v.ok:
            return Value("ok", v.value, min(v.confidence, 0.9))
        if re.search(r"\bnej\s*,?\s*(?:vent|forresten|det\s+er)\b|\bvent\s*,?\s*nej\b", folded):
            return UNCLEAR  # "B, nej vent, C" to a yes/no question: the "nej" takes something back, it is no answer
    if q.type != "yes_no" and " nej" in folded:
        m = _NEJ_SELF_CORRECTION_RE.match(folded.strip())
        if m and len(words(m.group(1))) <= 3 and len(words(m.group(2))) <= 4:
            before, after = reader(m.group(1), q, strict=False), reader(m.group(2), q, strict=False)
            if before.status != "none" and after.ok:
                return Value("ok", after.value, min(after.confidence, 0.9))
    return reader(folded, q, strict=strict)


# Numbers that are clock times, dates, prices, addresses: not answers.
_NUM_RE = re.compile(r"(?<![\w.,:/-])(\d{1,3})(?:\s*'\s*er|'?ere?|-tal)?(?![\w/]|[.,:]\d)")
_NOT_A_VALUE_BEFORE = re.compile(r"\b(?:kl|klokken|linje|nr|nummer|paa|den|til|fra|efter|foer|ca|i|over|under|"
                                 r"rute|vej|gade|str|tlf|kr|uge)\.?\s*$")
_NOT_A_VALUE_AFTER = re.compile(r"^\s*(?:\.\s*(?:jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec)|"
                                r"\.\s*\d|:\d|min\b|minutter|timer?\b|aar\b|km\b|kr\b|procent|%|dage?\b|"
                                r"uger?\b|gange\b|meter\b|m\b|aarig)")
_NUMBER_WORD_ALT = r"(?:nul|en|et|een|to|tre|fire|fem|seks|syv|otte|ni|ti|elleve|tolv|tretten|fjorten|femten|" \
                   r"seksten|sytten|atten|nitten|tyve|\d{1,3})"
_WORD_OUT_OF_RE = re.compile(r"(?<![\w.,])(" + _NUMBER_WORD_ALT + r")\s+(?:ud\s+)?af\s+(" + _NUMBER_WORD_ALT + r")(?!\w)")


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
# ---------------------------------------------------------------------------

def is_agreement_scale(q: Question) -> bool:
    """A 1-5 scale whose labels talk about agreeing (or that has no labels)."""
    if (q.min, q.max) != (1, 5):
        return False
    if not q.labels:
        return "enig" in fold(q.text)
    return any("enig" in fold(label) for label in q.labels.values())


def _label_values(folded: str, q: Question) -> list[int]:
    """Scale points whose label is written in the text (longest label first)."""
    hits = []
    taken = folded
    for point, label in sorted(q.labels.items(), key=lambda kv: -len(kv[1])):
        lab = fold(label).strip()
        if not lab:
            continue
        m = re.search(r"(?<!\w)" + re.escape(lab) + r"(?!\w)", taken)
        if m:
            hits.append(point)
            taken = taken[:m.start()] + " " * (m.end() - m.start()) + taken[m.end():]
    return hits


def _bipolar_value(folded: str, q: Question) -> tuple[int | None, bool]:
    """"tilfreds" on a 5-point scale from "Meget utilfreds" to "Meget tilfreds".

    The end labels are an intensifier plus an adjective and its u-/un-
    opposite; the bare adjective is one step in from the end, with an
    intensifier it is the end, "hverken X eller uX" is the middle.
    """
    if q.min is None or q.max is None or q.max - q.min != 4:
        return None, False
    low, high = q.labels.get(q.min), q.labels.get(q.max)
    if not low or not high:
        return None, False
    lw, hw = words(low), words(high)
    if not lw or not hw:
        return None, False
    neg, pos = lw[-1], hw[-1]
    if not (neg == "u" + pos or neg == "u" + pos[1:] or pos == "u" + neg or neg.startswith("u") and neg[1:] == pos):
        return None, False
    toks = words(folded)
    mid = (q.min + q.max) // 2
    if "hverken" in toks and (pos in toks or neg in toks):
        return mid, True
    for i, t in enumerate(toks):
        if t not in (pos, neg):
            continue
        prev = toks[max(0, i - 2):i]
        if any(p in ("middel", "mellem", "middelmaadig", "middelmaadigt") for p in prev):
            return mid, True  # "middel tilfreds": the middle of the scale
        if any(p in NEGATIONS for p in prev):
            return None, True  # "ikke tilfreds": how much not?
        end = q.max if t == pos else q.min
        step = -1 if t == pos else 1
        if any(p in EXTREME for p in prev):
            return end, True
        return end + step, True  # bare or "ret/lidt tilfreds": one step in
    return None, False


def read_scale(text: str, q: Question, strict: bool = False) -> Value:
    return with_correction(_read_scale, text, q, strict)


_SCALE_FILLER = {"og", "er", "jeg", "giver", "en", "et", "dem", "den", "det", "fra", "mig", "svar", "ud", "af",
                 "karakter", "point", "stjerner", "stjerne", "omkring", "cirka", "ca", "vil", "sige", "nok"}


# "en femmer", "en sekser": a grade said as a noun
_GRADE_WORDS = {"toer": 2, "treer": 3, "firer": 4, "femmer": 5, "sekser": 6, "syver": 7, "otter": 8, "nier": 9,
                "tier": 10, "tolver": 12}


# "tre gange", "3 år i træk": a count of something, not a point on the scale
_INCIDENTAL_COUNT_RE = re.compile(r"(?<![\w.,])(?:\d{1,3}|" + _NUMBER_WORD_ALT + r")\s+(?!(?:ud|af|paa|point|"
                                  r"stjerner?|karakter|i\s+alt|er|ere|eller|til|og)\b)[a-z]{2,}")


def _read_scale(folded: str, q: Question, strict: bool = False) -> Value:
    if EMPTY_RE.match(folded) or DONT_KNOW_RE.search(folded):
        return NONE
    # "Slet ikke tryg. Vi har haft vand i kælderen tre gange!": a scale said in words, then a sentence
    # whose count is about something else
    parts = re.split(r"(?<=[.!?])\s+", folded.strip(), maxsplit=1)
    if len(parts) == 2 and not strict and not numbers_in(parts[0], lo=q.min, hi=q.max)[0]:
        head = _read_scale(parts[0], q)
        if head.ok:
            rest = _INCIDENTAL_COUNT_RE.sub(" ", parts[1])
            if rest != parts[1]:
                v = _read_scale(parts[0] + " " + rest, q)
                return Value("ok", v.value, min(v.confidence, 0.9)) if v.ok else v
    folded = re.sub(r"\b(?:" + "|".join(_GRADE_WORDS) + r")\b", lambda m: f"{_GRADE_WORDS[m.group(0)]}'er", folded)
    nums, unclear = numbers_in(folded, lo=q.min, hi=q.max, article_ok=len(words(folded)) == 1)
    # "en 4'er": the article belongs to the grade, not a number of its own
    word_vals: list[int] = []
    word_found = False
    if is_agreement_scale(q):
        v, found = agreement_value(folded)
        if found:
            word_found = True
            if v is None:
                return UNCLEAR
            word_vals.append(v)
    if q.labels and not word_vals:
        for v in _label_values(folded, q):
            word_found = True
            if v not in word_vals:
                word_vals.append(v)
    if not word_vals:
        v, found = _bipolar_value(folded, q)
        if found:
            word_found = True
            if v is None:
                return UNCLEAR
            if len(nums) == 1 and v not in (q.min, q.max) and abs(v - nums[0]) <= 1:
                # "nogenlunde tilfreds, 3 ud af 5": the word (one step in from the end) says roughly where,
                # the number says exactly
                v = nums[0]
            word_vals.append(v)
    if strict:
        toks = words(folded)
        allowed = set(_SCALE_FILLER) | {fold(w) for lab in q.labels.values() for w in words(lab)}
        allowed |= {"ikke", "lidt"}
        if is_agreement_scale(q):  # "0 helt uenig" on a 0-10 scale: the words belong to the next question
            allowed |= {"helt", "meget", "enig", "uenig", "delvist", "delvis", "hverken", "eller"}
        if any(not (t.isdigit() or t in NUMBER_WORDS or t in allowed or re.fullmatch(r"\d+'?er", t))
               for t in toks):
            return NONE
    values = set(nums) | set(word_vals)
    if unclear or len(values) > 1:
        return UNCLEAR
    if not values:
        return NONE
    (value,) = values
    if q.min is not None and value < q.min or q.max is not None and value > q.max:
        return UNCLEAR
    confidence = 1.0 if nums else 0.9
    if word_found and not nums and len(words(folded)) > 8:
        confidence = 0.8
    return ok(value, confidence)


# ---------------------------------------------------------------------------
# Yes / no
# ---------------------------------------------------------------------------

STRONG_YES = {"ja", "jo", "jow", "jep", "jeps", "jepper", "jah", "jaa", "jaaa", "jaah", "yes", "yep", "yup", "yeah",
              "ok", "okay", "oki", "jada", "joda", "jojo", "jaja", "japper", "javel", "jamen", "jo-da"}
FIRST_YES = {"selvfoelgelig", "selvf", "gerne", "absolut", "bestemt", "klart", "sagtens", "altid", "ofte",
             "korrekt", "rigtigt", "sikkert", "hver", "dagligt", "tit"}
STRONG_NO = {"nej", "naj", "naej", "nix", "nope", "nae", "naeh", "naee", "neej", "nejj", "nah", "nejda", "no", "nixen",
             "nehej", "naa", "ne"}
FIRST_NO = {"aldrig", "ikke", "ik", "ikk", "sjaeldent"}
# "det gør vi sgu da", "det har hun ikke": any subject, with the small words of speech
_SUBJ = r"(?:jeg|vi|han|hun|de|vi\s+begge|vi\s+alle|begge)"
_FILL = r"(?:\s+(?:sgu|da|jo|nu|bare|skam|altsaa|saamaend|faktisk|helt|ogsaa|godt|selvfoelgelig|klart|vel|nok|" \
        r"desvaerre|egentlig|stadig|heller))*"
_NEG = r"(?:ikke|ik|ikk|ikkke|aldrig)"
_NO_PHRASE_RE = re.compile(
    r"\b(?:ikke\s+rigtig(?:t)?|slet\s+ikke|overhovedet\s+ikke|ikke\s+endnu|ikke\s+saerlig(?:t)?|"
    r"det\s+(?:goer|har|er|kan|vil|gjorde|skal|bliver|var|havde)\s+" + _SUBJ + _FILL + r"\s+" + _NEG + r"|"
    r"" + _SUBJ + r"\s+(?:goer|har|er|kan|vil|gjorde)\s+(?:det\s+)?" + _NEG + r"(?=\s*(?:[,.!;-]|$)))")
_YES_PHRASE_RE = re.compile(
    r"\b(?:det\s+(?:goer|har|er|kan|vil|gjorde|skal|bliver|var|havde)\s+" + _SUBJ + r"|"
    r"" + _SUBJ + r"\s+(?:goer|har|er|gjorde)\s+det)\b" + _FILL + r"(?!\s+" + _NEG + r")(?=\W|$)")
# A question about a difficulty ("Er det svært at ...?") is answered no by
# "det er ikke noget problem" and yes by "det er et stort problem".
_DIFFICULTY = {"svaer", "svaert", "svaere", "vanskelig", "vanskeligt", "besvaerlig", "besvaerligt", "problem",
               "problemer", "problematisk", "umulig", "umuligt", "bøvlet", "boevlet", "besvaer"}
_NO_PROBLEM_RE = re.compile(r"\b(?:ikke|ik|ikk|intet|ingen)\s+(?:noget\s+|nogen\s+|et\s+|store?\s+|saerlig(?:t|e)?\s+)?"
                            r"(?:problem(?:er)?|besvaer|issue)\b|\b(?:ikke|ik|ikk)\s+(?:saa\s+)?(?:svaert|vanskeligt|"
                            r"besvaerligt|boevlet)\b")
_PROBLEM_RE = re.compile(r"^(?:det\s+er\s+)?(?:et|stort|kaempe|et\s+stort|et\s+kaempe)\s+problem\b|"
                         r"\bdet\s+er\s+(?:et\s+)?(?:stort\s+|kaempe\s+)?problem(?:atisk)?\b")
_AUXILIARIES = {"har", "er", "vil", "kan", "skal", "bliver", "goer", "maa", "burde", "ville", "kunne", "var",
                "havde", "synes", "mener", "tror", "oensker"}
_QUESTION_STOP = {"du", "i", "de", "jeg", "vi", "det", "der", "dig", "din", "dit", "dine", "man"}


def echo_verbs(q: Question) -> set[str]:
    """Lemmas of the verbs a yes/no question may be answered with.

    "Cykler du til arbejde?" is answered "jeg cykler" / "cykler ikke";
    "Har du brugt biblioteket?" with "har brugt det" / "har ikke brugt".
    """
    toks = words(q.text)
    if not toks:
        return set()
    first = toks[0]
    out = set()
    if first in _AUXILIARIES:
        # the main verb is the first word after the subject that is not a pronoun
        for t in toks[1:4]:
            if t in _QUESTION_STOP:
                continue
            out.add(lemma(t))
            break
    else:
        out.add(lemma(first))
        out.add(first)
    return {v for v in out if len(v) >= 3}


# "Overvejer du at flytte ...?", "Planlægger du at anskaffe ...?": a verb of intent, then the verb the
# answer uses ("vi skal ikke flytte", "vil gerne flytte", "flytter ikke")
_INTENT_Q_RE = re.compile(r"^(?:overvejer|planlaegger|paataenker|agter|oensker|forventer|regner|taenker|har|"
                          r"kunne|vil|skal)\s+(?:du|i)\s+(?:(?:med|paa|lyst\s+til|planer\s+om|tanker\s+om)\s+)?"
                          r"(?:at\s+)?(?:(?:\w+\s+)?at\s+)?([a-z]{3,})\b")
_HEDGES = {"maaske", "muligvis", "evt", "eventuelt", "nok", "maybe", "maske"}


def intended_verb(q: Question) -> str | None:
    """The verb after "at" in a question about an intention ("Overvejer du at flytte?" -> "flytte")."""
    m = _INTENT_Q_RE.match(" ".join(words(q.text)))
    if not m or not re.search(r"\bat\s+" + m.group(1) + r"\b", " ".join(words(q.text))):
        return None
    return m.group(1)


def _intent_answer(toks: list[str], q: Question) -> Value:
    """"Vi skal ikke flytte" (no), "vil gerne flytte i hus" (yes), "flytter ikke" (no) to a question
    about an intention: the intended verb in the infinitive or present, negated or not.  Past forms
    ("vi er flyttet") say nothing about what is planned."""
    verb = intended_verb(q)
    if verb is None:
        return NONE
    for i, t in enumerate(toks):
        if t not in (verb, verb + "r"):
            continue
        before, after = toks[max(0, i - 5):i], toks[i + 1:i + 3]
        if any(w in _HEDGES for w in before + after):
            return UNCLEAR
        if any(w in NEGATIONS for w in before + after[:1]):
            return ok("no", 0.85)
        if t == verb and not any(w in ("vil", "skal", "gerne", "at", "kommer", "ville", "skulle", "regner",
                                       "planlaegger", "overvejer", "agter", "paataenker") for w in before[-3:]):
            return NONE  # a bare infinitive: "at flytte er dyrt"
        return ok("yes", 0.85)
    return NONE


# Past forms of common irregular verbs, by lemma: "Har du været hos lægen?" - "Jeg var hos lægen i maj"
_PAST_FORMS = {"vaeret": {"var"}, "haft": {"havde"}, "gaaet": {"gik"}, "set": {"saa"}, "faaet": {"fik"},
               "taget": {"tog"}, "kommet": {"kom"}, "givet": {"gav"}, "ligget": {"laa"}, "siddet": {"sad"}}
_GENERIC = {"inden", "seneste", "sidste", "egen", "eget", "egne", "naeste", "mindst", "nogensinde", "gang",
            "gange", "aaret", "maaned", "maaneden", "ugen", "efter", "siden", "hvor", "ofte", "ikke"}


def _past_statement(toks: list[str], q: Question) -> bool:
    """A past statement of a "Har du <participle> ...?" question's own predicate: the verb in a past form
    and, within four words, a content word of the question ("jeg var hos lægen i september")."""
    qt = words(q.text)
    if len(qt) < 4 or qt[0] != "har" or qt[1] not in ("du", "i"):
        return False
    part = qt[2]
    forms = _PAST_FORMS.get(part, set()) | {part}
    content = {t for t in qt[3:] if len(t) >= 4 and t not in _GENERIC and t not in _QUESTION_STOP}
    if not content or any(t in NEGATIONS for t in toks):
        return False
    if any(t in ("siden", "fjor", "aar", "aars", "aarene", "tid") for t in toks):
        return False  # "for to år siden": inside the question's time frame, or not?
    for i, t in enumerate(toks):
        if t in forms or (len(part) >= 4 and t.startswith(part[:-1]) and t.endswith(("te", "de"))
                          and len(t) - len(part) <= 2):
            near = toks[i + 1:i + 5]
            if any(same_word(n, c) or (len(n) >= 4 and lemma(n) == lemma(c)) for n in near for c in content):
                return True
    return False


def _question_content(q: Question) -> set[str]:
    return {t for t in words(q.text) if len(t) >= 4 and t not in _AUXILIARIES and t not in _QUESTION_STOP
            and t not in _CHOICE_STOP}


def _negated_auxiliary(toks: list[str], q: Question) -> bool:
    """"Er du medlem af en forening?" - "(jeg) er ikke med i nogen forening":
    the question's own auxiliary, negated, and then nothing else or the
    question's own words.  "det er ikke nemt" says nothing: no answer."""
    qt = words(q.text)
    if not qt or qt[0] not in _AUXILIARIES:
        return False
    aux = qt[0]
    content = _question_content(q)
    for i, t in enumerate(toks[:6]):
        if t != aux:
            continue
        j = i + 1
        while j < len(toks) and toks[j] in ("jeg", "vi", "det", "der", "sgu", "da", "jo", "nu", "altsaa",
                                            "desvaerre", "bare"):
            j += 1
        if j >= len(toks) or toks[j] not in NEGATIONS:
            return False
        rest = [r for r in toks[j + 1:] if r not in _CHOICE_STOP and r not in NEGATIONS]
        if not rest:
            return True
        return any(r in content or any(len(r) >= 5 and (c.endswith(r) or c.startswith(r)) for c in content)
                   or any(len(c) >= 5 and r.startswith(c) for c in content) for r in rest[:4])
    return False


# subjects other than the panelist: "min mand cykler", "hun har", "børnene bruger"
_OTHER_SUBJECTS = {"han", "hun", "de", "min", "mit", "mine", "hans", "hendes", "deres", "man", "konen", "manden",
                   "boernene", "ungerne", "naboen", "familien"}


def read_yes_no(text: str, q: Question, strict: bool = False) -> Value:
    return with_correction(_read_yes_no, text, q, strict)


def _read_yes_no(folded: str, q: Question, strict: bool = False) -> Value:
    if EMPTY_RE.match(folded):
        return NONE
    folded = standard_words(folded)
    toks = words(folded)
    if not toks:
        return NONE
    if strict:
        rest = [t for t in toks if t not in ("tak", "da", "gerne")]
        if len(rest) != 1 or not (rest[0] in STRONG_YES or rest[0] in STRONG_NO):
            if toks not in (["nej", "tak"], ["ja", "tak"]):
                return NONE
    yes = no = False
    if DONT_KNOW_RE.search(folded) and not (toks[0] in STRONG_YES or toks[0] in STRONG_NO):
        return UNCLEAR
    if toks[0] in STRONG_NO and _MEMORY_RE.search(folded):
        return UNCLEAR  # "Nej, det kan jeg ikke huske": no, or I don't remember?
    if _NO_PHRASE_RE.search(folded):
        no = True
    elif _YES_PHRASE_RE.search(folded):
        yes = True
    for i, t in enumerate(toks[:12]):
        if t not in STRONG_YES and t not in STRONG_NO and t not in FIRST_NO:
            t = re.sub(r"([a-z])\1+", r"\1", t)  # "jaaa", "neeej", "nejjj"
        if t in STRONG_YES and (i < 3 or len(toks) <= 6):
            yes = True
        elif t in STRONG_NO and (i < 3 or len(toks) <= 6):
            no = True
    if toks[0] in FIRST_YES and not any(t in NEGATIONS for t in toks[:3]):
        yes = True
    if toks[0] in FIRST_NO:
        no = True
    if not yes and not no and _DIFFICULTY & set(words(q.text)):
        if _NO_PROBLEM_RE.search(folded):
            no = True
        elif _PROBLEM_RE.search(folded) and not any(t in NEGATIONS for t in toks):
            yes = True
    if not yes and not no:
        no = _negated_auxiliary(toks, q)
    if not yes and not no and _past_statement(toks, q):
        yes = True
    if not yes and not no:
        v = _intent_answer(toks, q)
        if v.status != "none":
            return v
    if not yes and not no:
        verbs = echo_verbs(q)
        qt = words(q.text)
        aux = qt[0] if qt and qt[0] in _AUXILIARIES else None
        second_person = "du" in qt[:4] or "i" in qt[1:3]
        for i, t in enumerate(toks):
            if lemma(t) in verbs or t in verbs:
                before = toks[max(0, i - 3):i]
                if second_person and not any(w in ("jeg", "vi", "ja", "jo", "nej") for w in before) and any(
                        w in _OTHER_SUBJECTS for w in before):
                    break  # "Min mand cykler til arbejde" to "Cykler du ...?": someone else's answer
                window = toks[max(0, i - 2): i + 3]
                if any(w in NEGATIONS for w in window):
                    no = True
                elif aux in ("har", "er") and not t.endswith("t") and not (
                        aux in toks[max(0, i - 3):i] or (i == 0 and len(toks) <= 3)):
                    # "Har du hund?" - "hunden døde sidste år": the question's noun, but no "har"
                    pass
                else:
                    yes = True
                break
    if yes and no:
        return UNCLEAR
    if yes and re.search(r"\bmen\b[^.!?]*\b(?:ikke|ik|ikk)\s+(?:laengere|mere)\b|\bmen\b[^.!?]*\b(?:doed|doede|solgt|"
                         r"stoppet|holdt\s+op|flyttet)\b", folded):
        return UNCLEAR  # "ja, men den er død", "ja men ikke længere": a yes taken back
    if yes:
        return ok("yes", 1.0 if toks[0] in STRONG_YES else 0.85)
    if no:
        return ok("no", 1.0 if toks[0] in STRONG_NO else 0.85)
    return NONE


# ---------------------------------------------------------------------------
# Choice
# ---------------------------------------------------------------------------

# Everyday Danish words for common option concepts: an option whose label
# holds one of these words is also named by the others in the group.  Verbs
# ("jeg går", "kører") are weaker than nouns: they only count when no option
# is named outright.
CONCEPTS = [
    ({"fods", "fod", "gang", "gaa", "gaaende", "gaaben", "fodgaenger", "gaatur", "spadsere"},
     {"gaar", "gaa", "gaaende", "gik", "spadserer", "til fods"}),
    ({"cykel", "cykle", "cyklen", "cykling", "elcykel", "ladcykel", "cykler"},
     {"cykler", "cykle", "cyklede", "cyklen"}),
    ({"bil", "bilen", "biler", "bilist", "elbil", "privatbil"},
     {"koerer", "koere", "kører"}),
    ({"bus", "bussen", "busser", "busserne", "offentlig", "kollektiv", "kollektivt"},
     set()),
    ({"tog", "toget", "letbane", "letbanen", "s-tog", "metro"}, set()),
    # how one contacts someone: "ringer helst" is by telephone, "kommer ned på kontoret" is in person
    ({"telefon", "telefonen", "tlf", "opkald", "telefonisk"}, {"ringer", "ringe", "ring", "ringede"}),
    ({"fremmoede", "personligt", "personlig"}, {"kommer ned", "komme ned", "kommer forbi", "komme forbi",
                                                "moeder op", "moede op", "kigger forbi", "kigge forbi"}),
    # the municipal recycling site goes by several everyday names
    ({"genbrugsstation", "genbrugsstationen", "genbrugsplads", "genbrugspladsen", "genbrugen", "losseplads",
      "lossepladsen", "genbrugscenter", "genbrugscentret", "genbrugscenteret"}, set()),
]
_CHOICE_STOP = {"til", "paa", "med", "i", "af", "for", "og", "eller", "en", "et", "den", "det", "de", "om",
                "fra", "ved", "hos", "at", "som", "der", "jeg", "vi", "mest", "oftest", "bedst", "mere", "flere"}
_LETTER_GROUP_RE = re.compile(r"^[a-z](?:\s*(?:[,+/&]|og|\s)\s*[a-z])*$")
_ALL_RE = re.compile(r"^(?:alle(?:\s+(?:tre|fire|fem|seks|sammen|tingene|mulighederne|dele|tre\s+ting))?|alt(?:\s+sammen)?|"
                     r"dem\s+alle|alle\s+de\s+\w+)\b")
_EXCEPT_RE = re.compile(r"\b(?:alle?|alt)\s+(?:undtagen|paa\s*nær|pånær|paanaer|pånaer|bortset\s+fra|minus|"
                        r"untagen|udover|uden|andet\s+end|andre\s+end|saa\s+naer|naer)\s+(.+)")
_BOTH_RE = re.compile(r"^(?:begge(?:\s+dele|\s+to)?)\b")
_ANSWER_PREFIX_RE = re.compile(r"^(?:svar|mit\s+svar|svaret|mulighed|option|valg)\s*[:.\-]?\s*")


def _label_tokens(label: str) -> list[str]:
    return [t for t in words(label) if t not in _CHOICE_STOP] or words(label)


def _concepts_for(label_tokens: list[str]) -> tuple[set[str], set[str]]:
    nouns, verbs = set(), set()
    for noun_set, verb_set in CONCEPTS:
        if any(t in noun_set for t in label_tokens):
            nouns |= noun_set
            verbs |= verb_set
    return nouns, verbs


def option_mentions(folded: str, q: Question) -> tuple[dict[int, int], dict[int, int], set[int]]:
    """Options named in a text: (by noun/label -> position, by verb -> position, negated).

    An option counts when all the content words of its label are there (in
    any inflection, with a typo allowed in long words), when the text names
    the last part of a compound label ("stier" for "Cykelstier"), or when a
    word of the same everyday concept is used.
    """
    toks = words(folded)
    lemmas = [lemma(t) for t in toks]
    nouns: dict[int, int] = {}
    verbs: dict[int, int] = {}
    negated: set[int] = set()
    label_toks = [_label_tokens(o.label) for o in q.options]

    spans: dict[int, set] = {}

    def note(store, idx, pos, own=()):
        if idx not in store or pos < store[idx]:
            store[idx] = pos
        # "Ingen af delene": the label's own negation word does not negate it
        # "ikke X", "ikke på et nyt X": a negation up to three words before, or right after
        if any(t in NEGATIONS for j, t in enumerate(toks[max(0, pos - 3):pos + 2], max(0, pos - 3)) if j not in own):
            negated.add(idx)

    alternatives = []  # "Mail eller digital post": each side of "eller" in a label names the option alone
    for idx, o in enumerate(q.options):
        sides = [_label_tokens(side) for side in re.split(r"\s+eller\s+|\s*/\s*", fold(o.label))]
        if len(sides) >= 2 and all(sides):
            alternatives.append((idx, sides))
    for idx, sides in alternatives:
        for side in sides:
            pos = []
            for lt in side:
                p_ = next((i for i, t in enumerate(toks) if same_word(t, lt) or lemmas[i] == lemma(lt)), None)
                if p_ is None:
                    break
                pos.append(p_)
            else:
                spans[idx] = set(pos)
                note(nouns, idx, min(pos), own=set(pos))
                break
    for idx, ltoks in enumerate(label_toks):
        if idx in nouns:
            continue
        positions = []
        for lt in ltoks:
            llem = lemma(lt)
            pos = next((i for i, t in enumerate(toks) if same_word(t, lt) or lemmas[i] == llem), None)
            if pos is None:
                break
            positions.append(pos)
        else:
            if positions:
                spans[idx] = set(positions)
                note(nouns, idx, min(positions), own=set(positions))
                continue
        if len(ltoks) == 1 and len(ltoks[0]) >= 8:
            # compound: "stier" names "cykelstier" when no other option ends the same way
            whole = ltoks[0]
            for i, t in enumerate(toks):
                tail = lemmas[i]
                if len(t) >= 4 and whole.endswith(t) or (len(tail) >= 3 and whole.endswith(tail)
                                                         and len(whole) - len(tail) >= 3):
                    if sum(1 for o in label_toks if o and o[-1].endswith(tail)) == 1:
                        note(nouns, idx, i)
                        break
        cn, cv = _concepts_for(ltoks)
        if cn or cv:
            joined = " " + " ".join(toks) + " "
            for i, t in enumerate(toks):
                if t in cn or lemmas[i] in cn:
                    note(nouns, idx, i)
                    break
            for v in cv:
                if f" {v} " in joined:
                    pos = toks.index(v.split()[0]) if v.split()[0] in toks else 0
                    note(verbs, idx, pos)
                    break
    # "lys på stierne" names "Lys på stierne", not also "Stier": a label inside a longer one that is named
    for a, sa in spans.items():
        if any(b != a and sa < sb for b, sb in spans.items()):
            nouns.pop(a, None)
    return nouns, verbs, negated


# Words that say nothing about which option is meant: function words, the
# generic comparatives that start many labels ("Flere ...", "Bedre ..."),
# and everyday fillers.
_PARTIAL_FILLER = _CHOICE_STOP | {
    "flere", "fler", "mere", "bedre", "mindre", "faerre", "stoerre", "mest", "meget", "nye", "ny", "nyt",
    "noget", "nogle", "nogen", "lidt", "gerne", "helst", "nok", "vel", "da", "jo", "nu", "bare", "sgu",
    "ogsaa", "klart", "nok", "tror", "synes", "mener", "vil", "skal", "kan", "har", "er", "have", "faa",
    "vaere", "de", "dem", "man", "du", "jer", "mig", "min", "mit", "mine", "vores", "sin", "sit", "sine",
    "hans", "hendes", "deres", "denne", "dette", "disse", "her", "der", "hvor", "naar", "saa", "tak",
    "svar", "altsaa", "primaert", "isaer", "specielt", "oftest", "typisk", "normalt", "hver", "hvert",
    "ved", "hos", "samt", "plus", "ja", "jo", "helt", "lige", "egentlig", "nok", "vist", "maaske",
    "efter", "foer", "under", "over", "mellem", "uden", "inden", "omkring", "gennem", "langs", "mod", "bag",
    "hjemme", "ude", "inde", "oppe", "nede", "igen", "altid", "aldrig", "ofte", "tit", "mens", "eller",
    "hverken", "enten", "andet", "anden", "andre", "alle", "alt", "hele", "selv", "sammen", "godt", "fint"}
# A part that starts like this is a comment on the answer, not an option.
_COMMENT_START = {"fordi", "da", "men", "naar", "hvis", "saa", "det", "der", "som", "selvom", "siden", "for",
                  "og", "ellers", "isaer", "ikke", "bortset"}
_DEF_ENDINGS = ("erne", "ene", "en", "et", "er", "ne")


def _stem(word: str) -> str:
    """A content word without its definite or plural ending ("stierne" -> "sti")."""
    for end in _DEF_ENDINGS:
        if word.endswith(end) and len(word) - len(end) >= 3:
            return word[:-len(end)]
    return word


def _adjective_base(word: str) -> str:
    """An adjective without its -t/-e ending and a doubled last consonant: "grønt", "grønne" -> "grøn",
    "billigt", "billige" -> "billig"."""
    w = word[:-1] if word.endswith(("t", "e")) and len(word) >= 5 else word
    if len(w) >= 4 and w[-1] == w[-2] and w[-1] not in "aeiouy":
        w = w[:-1]
    return w


@lru_cache(maxsize=4096)
def _option_stems(labels: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple({_stem(t) for t in words(lab) if t not in _PARTIAL_FILLER} |
                       {lemma(t) for t in words(lab) if t not in _PARTIAL_FILLER and len(t) >= 3} |
                       {_adjective_base(t) for t in words(lab) if t not in _PARTIAL_FILLER and len(t) >= 5})
                 for lab in labels)


def _word_options(token: str, stems: tuple[tuple[str, ...], ...]) -> set[int]:
    """Options one answer word may stand for: the same word in another form,
    the first part of a compound or an abbreviation ("glas" for
    "glascontainere", "info" for "information"), or the last part of a
    compound ("stierne" for "motionsstierne")."""
    forms = {_stem(token), lemma(token)}
    if len(token) >= 5:
        forms.add(_adjective_base(token))
    out = set()
    for idx, label in enumerate(stems):
        for lt in label:
            for f in forms:
                if len(f) < 3:
                    continue
                if f == lt or (len(f) >= 4 and lt.startswith(f)) or (
                        len(lt) - len(f) >= 3 and lt.endswith(f)) or (
                        len(lt) <= 8 and ("ae" in lt or "oe" in lt or "aa" in lt) and f in _plain_letters(lt)):
                    out.add(idx)  # "toj" for "tøj": æ, ø, å typed as plain letters
    return out


def partial_options(folded: str, q: Question) -> tuple[list[int], bool]:
    """Options named by a close form of their label, part by part.

    The answer is cut at "og", commas and "+"; every part must name exactly
    one option through its distinctive words (what is left after fillers),
    and no word of the part may point to another option.  Returns (options,
    complete): complete is False when some part named nothing or more than
    one option, so that the caller asks again instead of keeping a partial
    list.
    """
    stems = _option_stems(tuple(fold(o.label) for o in q.options))
    label_words = {t for o in q.options for t in words(o.label)}
    qwords = [w for w in words(q.text) if w not in label_words]
    found: list[int] = []
    complete = True
    for part in re.split(r"\s*(?:,|\+|&|/|\bog\b|\bsamt\b|\bplus\b)\s*", folded):
        toks = words(part)
        if not toks:
            continue
        if toks[0] in _COMMENT_START and found:
            continue
        if any(t in NEGATIONS for t in toks):
            complete = False
            continue
        # the question's own words ("Af tilbuddene bruger jeg kun frisøren" to "Hvilke tilbud bruger du?")
        # name no option
        content = [t for t in toks if t not in _PARTIAL_FILLER and not t.isdigit() and t != "kun"
                   and not any(len(w) >= 4 and (same_word(t, w) or lemma(t) == lemma(w)) for w in qwords)]
        if not content:
            continue
        nouns, _, negated = option_mentions(part, q)
        whole = [i for i in nouns if i not in negated]
        if len(whole) == 1:  # the label itself, a typo of it, or its everyday word
            if whole[0] not in found:
                found.append(whole[0])
            continue
        hits: set[int] = set()
        matched_words = 0
        for t in content:
            opts = _word_options(t, stems)
            if opts:
                matched_words += 1
                hits |= opts
        if len(hits) != 1 or len(content) - matched_words > 2:
            complete = False
            continue
        (idx,) = hits
        if idx not in found:
            found.append(idx)
    return found, complete


def _letters(folded: str, q: Question) -> list[int] | None:
    """Option indexes given by letter ("B", "a)", "A og C", "AC", "A+B"), or None."""
    n = len(q.options)
    text = _ANSWER_PREFIX_RE.sub("", folded.strip())
    text = re.sub(r"[\s.!)]+$", "", text)
    text = re.sub(r"(?<=[a-z])[).](?=\s|$|,)", "", text)
    if not text:
        return None
    compact = text.replace(" ", "")
    if re.fullmatch(r"[a-z]{2,}", compact) and len(set(compact)) == len(compact) and not (
            words(text) and any(len(w) > 1 for w in words(text)) and " " in text):
        letters = list(compact)
    elif _LETTER_GROUP_RE.match(text):
        letters = re.findall(r"(?<![a-z])[a-z](?![a-z])", text.replace("og", " "))
    else:
        return None
    idx = []
    for ch in letters:
        i = ord(ch) - ord("a")
        if not 0 <= i < n:
            return None
        if i not in idx:
            idx.append(i)
    return idx or None


def _leading_letter(folded: str, q: Question) -> int | None:
    """"B - fordi ...", "b) bus": a letter first, then a comment or the label."""
    m = re.match(r"^\s*(?:svar\s*:?\s*)?([a-z])\s*(?:[).:\-]|\s-|\s\(|$|,(?!\s*[a-z](?:\W|$)))", folded)
    if not m:
        return None
    i = ord(m.group(1)) - ord("a")
    if not 0 <= i < len(q.options):
        return None
    if m.group(1) == "i" and not re.match(r"^\s*i\s*[).:\-]", folded):
        return None  # "i" is also the preposition
    return i


def read_choice(text: str, q: Question, strict: bool = False) -> Value:
    return with_correction(_read_choice, text, q, strict)


def _read_choice(folded: str, q: Question, strict: bool = False) -> Value:
    if EMPTY_RE.match(folded) or DONT_KNOW_RE.search(folded):
        return NONE
    if re.search(r"\b(?:maaske|maske|muligvis|evt|eventuelt)\b", folded) and not any(
            re.search(r"\b(?:maaske|muligvis|evt|eventuelt)\b", fold(o.label)) for o in q.options):
        return UNCLEAR  # "bænke, og måske toiletter": an option said with a doubt is no answer
    keys = [o.key for o in q.options]
    stripped = _ANSWER_PREFIX_RE.sub("", folded.strip()).strip(" .!,")

    def result(indexes: list[int], confidence: float) -> Value:
        indexes = sorted(set(indexes))
        if not indexes:
            return NONE
        if q.multiple:
            return ok([keys[i] for i in indexes], confidence)
        if len(indexes) > 1:
            return UNCLEAR
        return ok(keys[indexes[0]], confidence)

    letters = _letters(folded, q)
    if letters is not None:
        if not q.multiple and len(letters) > 1:
            return UNCLEAR
        return result(letters, 1.0)
    if q.multiple:
        m = _EXCEPT_RE.search(stripped)
        if m:
            ex = _letters(m.group(1), q)
            if ex is None:
                nouns, _, _ = option_mentions(m.group(1), q)
                ex = list(nouns)
                if not ex:
                    close, complete = partial_options(m.group(1), q)  # "alle undtagen festivaler"
                    ex = close if complete else []
            if not ex:
                return UNCLEAR
            return result([i for i in range(len(keys)) if i not in ex], 0.9)
        m = _ALL_RE.match(stripped)
        if m:
            said = [NUMBER_WORDS.get(w) for w in words(m.group(0)) if w in NUMBER_WORDS]
            if said and said[0] != len(keys):
                return UNCLEAR  # "alle tre" with four options
            return result(list(range(len(keys))), 0.95)
        if _BOTH_RE.match(stripped):
            return result([0, 1], 0.95) if len(keys) == 2 else UNCLEAR
    lead = _leading_letter(folded, q)
    nouns, verbs, negated = option_mentions(folded, q)
    if strict:
        toks = words(folded)
        label_words = {t for o in q.options for t in words(o.label)}
        for t in toks:
            if t in ("og", "samt", "plus") or t in label_words:
                continue
            if any(same_word(t, lw) for lw in label_words):
                continue
            return NONE
        if not nouns:
            # "lejlighed" for "Lejlighed i etagebyggeri": words of the labels only, each naming one option
            close, complete = partial_options(stripped, q)
            if close and complete and (q.multiple or len(close) == 1):
                return result(close, 0.9)
            return NONE
    if lead is not None:
        named = [i for i in nouns if i not in negated]
        if named and named != [lead] and not q.multiple:
            return UNCLEAR
        rest = folded[folded.find(chr(ord("a") + lead)) + 1:]
        if not q.multiple and re.search(r"\b(?:men|helst|hellere|eller|snarere|nej)\b", rest):
            close, _ = partial_options(rest, q)
            others = [ord(t) - ord("a") for t in words(rest) if len(t) == 1 and t != "i"]
            if any(i != lead for i in close) or any(0 <= i < len(q.options) and i != lead for i in others):
                return UNCLEAR  # "A (men helst motion)", "B (eller måske C)": which one?
        return result([lead] + ([i for i in named if i != lead] if q.multiple else []), 0.95)
    named = [i for i in nouns if i not in negated]
    confidence = 0.95
    if not named:
        named = [i for i in verbs if i not in negated]
        confidence = 0.8
    neg_labels = [i for i, o in enumerate(q.options) if any(t in NEGATIONS for t in words(o.label))]
    if any(i in nouns for i in neg_labels) and any(i not in neg_labels for i in list(nouns) + list(verbs)):
        return UNCLEAR  # "aviser, ingen af dem andre": an option and "none of them"
    if not q.multiple and " eller " in f" {folded} " and "hverken" not in folded:
        # "går eller cykler": one side names an option, the other something else
        sides = [p for p in re.split(r"\beller\b", folded) if p.strip()]
        if len(sides) >= 2:
            named_sides = []
            for side in sides:
                ns, vs, _ = option_mentions(side, q)
                content = [t for t in words(side) if t not in _PARTIAL_FILLER and t not in NEGATIONS]
                named_sides.append(bool(ns or vs) if content else None)
            if True in named_sides and False in named_sides:
                return UNCLEAR
    m_ellers = re.search(r"\bellers\b", folded)
    if not q.multiple and m_ellers:
        # "på cykel når det er godt vejr, ellers kører vi hende": two answers, no correction word
        nh, vh, negh = option_mentions(folded[:m_ellers.start()], q)
        na, va, nega = option_mentions(folded[m_ellers.end():], q)
        head = {i for i in list(nh) + list(vh) if i not in negh}
        if any(i not in nega and i not in head for i in list(na) + list(va)):
            return UNCLEAR
    if len(words(stripped)) <= 8 and not re.search(r"\beller\b", stripped):
        # "flere glascontainere og bedre info", "mere tid", "Storskrald"
        close, complete = partial_options(stripped, q)
        if close and not (set(named) - set(close)) and (complete or not named):
            if not complete:
                return UNCLEAR
            if set(close) != set(named):
                return result(close, 0.85)
        elif named and q.multiple and not complete and close:
            return UNCLEAR  # "veje og noget helt tredje": never a partial list
    if not named:
        return NONE
    if not q.multiple and len(named) > 1:
        # "Bus, men om sommeren tager jeg cyklen": the main answer comes first
        head = re.split(r"\bmen\b|\bog\s+nogle\s+gange\b|\bellers\b", folded)[0]
        if head != folded:
            n2, v2, neg2 = option_mentions(head, q)
            first = [i for i in n2 if i not in neg2] or [i for i in v2 if i not in neg2]
            if len(first) == 1:
                return result(first, 0.8)
        return UNCLEAR
    if re.search(r"\beller\b", folded) and len(named) > 1:
        return UNCLEAR
    return result(named, confidence)


# ---------------------------------------------------------------------------
# Number
# ---------------------------------------------------------------------------

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


def _counted_nouns(q: Question) -> tuple[str, ...]:
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


def read_number(text: str, q: Question, strict: bool = False) -> Value:
    return with_correction(_read_number, text, q, strict)


def _read_number(folded: str, q: Question, strict: bool = False) -> Value:
    if EMPTY_RE.match(folded) or DONT_KNOW_RE.search(folded):
        return NONE
    toks = words(folded)
    if strict and not (len(toks) == 1 and (toks[0].isdigit() or toks[0] in NUMBER_WORDS)):
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
        counted = _counted_nouns(q)
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
    if not nums and not strict:
        alone = alone_count(folded, q)
        if alone is not None and (q.min is None or alone >= q.min):
            return ok(alone, 0.85)
    if not nums:
        return NONE
    value = nums[0]
    if q.min is not None and value < q.min or q.max is not None and value > q.max:
        return UNCLEAR
    return ok(value, 1.0 if any(t.isdigit() for t in toks) else 0.9)


# ---------------------------------------------------------------------------
# Text
# ---------------------------------------------------------------------------

_NO_TEXT_RE = re.compile(r"^(?:nej|nej\s+tak|ingen|intet|ingenting|nix|nope|nae|ikke\s+noget|-|ved\s+ikke|"
                         r"ingen\s+kommentarer?|ingen\s+forslag|nej\s+ikke\s+rigtig|n/a|x)$")


def read_text(text: str, q: Question, strict: bool = False) -> Value:
    t = re.sub(r"\s+", " ", text).strip()
    t = re.sub(r"^(?:svar|mit\s+svar|forslag|kommentar)\s*[:\-]\s*", "", t, flags=re.I)
    # "Forslag: ..." where the word before the colon is from the question
    m = re.match(r"^([^\W\d_]{3,20})\s*:\s+(.+)$", t)
    if m and lemma(m.group(1).lower()) in {lemma(w) for w in re.findall(r"\w+", q.text.lower())}:
        t = m.group(2)
    t = t.strip(" -")
    f = fold(t).strip(" .!,")
    if not f or not re.search(r"[a-z]", f) or _NO_TEXT_RE.match(f):
        return NONE
    return ok(t, 0.95)


READERS = {"scale": read_scale, "yes_no": read_yes_no, "choice": read_choice, "number": read_number,
           "text": read_text}


_REMARK_ALTERNATIVE = {"eller", "men", "helst", "hellere", "snarere", "rettere", "maaske", "nej", "ja", "jo",
                       "ikke", "mener", "mente", "dvs", "altsaa", "nok", "evt", "eventuelt"}
_REMARK_RE = re.compile(r"^(.*?\S)\s*\(([^()]*)\)[\s.!]*$", re.S)


_ARROW_RE = re.compile(r"^\s*(?:-+>|=+>|→|⇒|»)\s*")


def read_value(text: str, q: Question, strict: bool = False) -> Value:
    reader = READERS[q.type]
    text = _ARROW_RE.sub("", text)  # "-> D": an arrow that points at the answer
    m = _REMARK_RE.match(text) if q.type != "text" and "(" in text else None
    if m:
        # "Rygestop (for min mand, haha)": a bracketed remark after the answer is no part of it,
        # unless the remark itself gives a value ("B (eller måske C)")
        head, remark = reader(m.group(1), q, strict=strict), reader(m.group(2), q, strict=False)
        rtoks = words(m.group(2))
        if head.ok and remark.status == "none" and not any(
                len(t) == 1 or t.isdigit() or t in _REMARK_ALTERNATIVE for t in rtoks):
            return head
    return reader(text, q, strict=strict)
