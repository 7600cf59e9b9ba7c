"""Scale answers: numbers, grades, the scale's own labels, agreement words and degrees of a bipolar label."""
from __future__ import annotations

import re

from .corrections import with_correction
from .definitions import Question
from .lexicon import NEGATIONS
from .numbers import NUMBER_WORD_ALT, NUMBER_WORDS, numbers_in
from .text import FOREIGN, fold, lemma, words
from .value import DONT_KNOW_RE, EMPTY_RE, NONE, UNCLEAR, Value, ok

# Longest first; folded.  Spec: helt/meget enig 5, enig/delvist enig 4,
# hverken enig eller uenig 3, uenig/delvist uenig 2, helt/meget uenig 1.
AGREEMENT = [
    ("hverken enig eller uenig", 3), ("hverken uenig eller enig", 3), ("hverken eller", 3),
    ("hverken/eller", 3), ("hverken-eller", 3), ("neutral", 3), ("midt imellem", 3),
    ("slet ikke enig", 1), ("overhovedet ikke enig", 1), ("helt uenig", 1), ("meget uenig", 1),
    ("fuldstaendig uenig", 1), ("totalt uenig", 1), ("rigtig uenig", 1), ("fuldt uenig", 1),
    ("ikke helt enig", 4), ("ikke helt uenig", None), ("ikke uenig", None), ("ikke enig", 2),
    ("helt enig", 5), ("meget enig", 5), ("fuldstaendig enig", 5), ("totalt enig", 5), ("rigtig enig", 5),
    ("fuldt enig", 5), ("fuldt ud enig", 5), ("hundrede procent enig", 5), ("100% enig", 5),
    ("delvist uenig", 2), ("delvis uenig", 2), ("lidt uenig", 2), ("overvejende uenig", 2),
    ("mest uenig", 2), ("noget uenig", 2),
    ("delvist enig", 4), ("delvis enig", 4), ("lidt enig", 4), ("overvejende enig", 4), ("mest enig", 4),
    ("nogenlunde enig", 4), ("rimelig enig", 4), ("noget enig", 4),
    ("uenig", 2), ("enig", 4),
    # English and German
    ("neither agree nor disagree", 3), ("strongly disagree", 1), ("completely disagree", 1), ("totally disagree", 1),
    ("strongly agree", 5), ("completely agree", 5), ("totally agree", 5), ("fully agree", 5),
    ("somewhat disagree", 2), ("somewhat agree", 4), ("partly agree", 4), ("partly disagree", 2),
    ("disagree", 2), ("agree", 4),
    ("stimme ueberhaupt nicht zu", 1), ("stimme gar nicht zu", 1), ("stimme voll und ganz zu", 5), ("stimme voll zu", 5),
    ("stimme eher nicht zu", 2), ("stimme nicht zu", 2), ("stimme eher zu", 4), ("teils teils", 3), ("teils/teils", 3),
    ("stimme zu", 4),
]
_AGREEMENT_RES = [(re.compile(r"(?<![\w/])" + re.escape(p) + r"(?![\w/])"), v) for p, v in AGREEMENT]

# Intensifiers that move a bipolar label to its end of the scale
EXTREME = {"meget", "helt", "virkelig", "rigtig", "fuldstaendig", "yderst", "super", "total", "totalt",
           "utrolig", "enormt", "vildt", "fuldt", "very", "extremely", "completely", "totally", "really", "highly",
           "sehr", "ganz", "voll", "vollkommen", "aeusserst"}
PARTIAL = {"delvist", "delvis", "lidt", "nogenlunde", "rimelig", "rimeligt", "noget", "overvejende",
           "ret", "ganske", "mest", "fairly", "quite", "rather", "somewhat", "ziemlich", "eher", "etwas"}


def agreement_value(folded: str) -> tuple[int | None, bool]:
    """(value, found) for the first agreement phrase in folded text.

    found with value None means an agreement phrase that cannot be placed
    ("ikke uenig": agree, or neither?).
    """
    best = None
    for rx, v in _AGREEMENT_RES:
        m = rx.search(folded)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), v, m.end())
    if best is None:
        return None, False
    return best[1], True


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
    every = [(point, text) for point in q.labels for text in q.label_texts(point)]
    for point, label in sorted(every, key=lambda kv: -len(kv[1])):
        lab = fold(label).strip()
        if not lab:
            continue
        m = re.search(r"(?<!\w)" + re.escape(lab) + r"(?!\w)", taken)
        if m:
            hits.append(point)
            taken = taken[:m.start()] + " " * (m.end() - m.start()) + taken[m.end():]
    return hits


def _adjective(word: str) -> str:
    """An adjective without its -t/-e ending and a doubled last consonant: "godt", "gode" -> "god",
    "trygge" -> "tryg", "sandsynligt" -> "sandsynlig"."""
    w = word[:-1] if len(word) >= 4 and word[-1] in "te" else word
    if len(w) >= 4 and w[-1] == w[-2] and w[-1] not in "aeiouy":
        w = w[:-1]
    return w


def _ends(q: Question) -> tuple[str, str, bool] | None:
    """The ends of the scale's labels in the reply's language (Danish, or the English labels staff wrote)."""
    found = _ends_of(q.labels.get(q.min), q.labels.get(q.max))
    if FOREIGN.get() and q.labels_en.get(q.min) and q.labels_en.get(q.max):
        return _ends_of(q.labels_en.get(q.min), q.labels_en.get(q.max)) or found
    return found


def _ends_of(low: str | None, high: str | None) -> tuple[str, str, bool] | None:
    """(low adjective, high adjective, low is the high one negated) from a scale's two end labels: an
    intensifier and an adjective at each end ("Meget utilfreds" / "Meget tilfreds", "Meget dårlige" /
    "Rigtig gode"), or "Slet ikke X" / "Meget X"."""
    if not low or not high:
        return None
    lw, hw = words(low), words(high)
    if not lw or not hw or len(lw) > 3 or len(hw) > 3 or not all(w in EXTREME or w in PARTIAL for w in hw[:-1]):
        return None
    neg, pos = _adjective(lw[-1]), _adjective(hw[-1])
    if any(w in NEGATIONS for w in lw[:-1]):
        return (neg, pos, True) if neg == pos else None
    if not all(w in EXTREME or w in PARTIAL for w in lw[:-1]) or neg == pos:
        return None
    return neg, pos, False


def _bipolar_value(folded: str, q: Question) -> tuple[int | None, bool]:
    """A scale's end labels said in words, in degrees: on "Meget utilfreds" ... "Meget tilfreds" (or "Meget
    dårligt" ... "Rigtig godt", or "Slet ikke tryg" ... "Meget tryg") the adjective with an intensifier is
    its end, the bare adjective one step in, "hverken eller" / "midt imellem" the middle; a negated
    adjective ("ikke tilfreds") cannot be placed, except as the low label itself ("slet ikke tryg")."""
    if q.min is None or q.max is None or q.max - q.min not in (4, 9, 10):
        return None, False  # a 5-point or a 10/11-point scale: on 7 points "godt" may be 5 or 6
    ends = _ends(q)
    if ends is None:
        return None, False
    neg, pos, negated_low = ends
    toks = words(folded)
    mid = (q.min + q.max) // 2 if (q.min + q.max) % 2 == 0 else None
    if "hverken" in toks and any(_adjective(t) in (pos, neg) for t in toks) or re.search(
            r"\bhverken\s+eller\b|\b(?:lige\s+)?midt\s+imellem\b|^(?:neutral|middel)\W*$", " ".join(toks)):
        return mid, True  # "hverken eller", "lige midt imellem": the middle of the scale's two ends
    for i, t in enumerate(toks):
        a = _adjective(t)
        if a not in (pos, neg):
            continue
        prev = toks[max(0, i - 2):i]
        if any(p in ("middel", "mellem", "middelmaadig", "middelmaadigt") for p in prev):
            return mid, True  # "middel tilfreds": the middle of the scale
        if any(p in NEGATIONS for p in prev):
            if negated_low and any(p in ("slet", "overhovedet", "absolut") for p in prev):
                return q.min, True  # "slet ikke tryg" is the low label itself
            return None, ("below" if a == pos else "above")  # "ikke tilfreds": below the middle, but how far?
        end, step = (q.max, -1) if a == pos else (q.min, 1)
        if any(p in EXTREME for p in prev):
            return end, True
        return end + step, True  # bare or "ret/lidt tilfreds": one step in
    return None, False


# Idioms for the top and the bottom of any scale.
_TOP_RE = re.compile(r"^(?:(?:en\s+)?fuld\s+plade|(?:en\s+)?topkarakter|top(?:pen)?|i\s+top|max|maks|maksimum|"
                     r"full\s+marks|top\s+marks|(?:die\s+)?hoechstnote)[\s.!]*$")
_BOTTOM_RE = re.compile(r"^(?:(?:en\s+)?bundkarakter|(?:helt\s+)?i\s+bund(?:en)?|minimum|min)[\s.!]*$")


def read_scale(text: str, q: Question, strict: bool = False) -> Value:
    return with_correction(_read_scale, text, q, strict)


_SCALE_FILLER = {"og", "er", "jeg", "giver", "en", "et", "dem", "den", "det", "fra", "mig", "svar", "ud", "af",
                 "karakter", "point", "stjerner", "stjerne", "omkring", "cirka", "ca", "vil", "sige", "nok"}


# "en femmer", "en sekser": a grade said as a noun
_GRADE_WORDS = {"toer": 2, "treer": 3, "firer": 4, "femmer": 5, "sekser": 6, "syver": 7, "otter": 8, "nier": 9,
                "tier": 10, "tolver": 12}


# "tre gange", "3 år i træk": a count of something, not a point on the scale
_INCIDENTAL_COUNT_RE = re.compile(r"(?<![\w.,])(?:\d{1,3}|" + NUMBER_WORD_ALT + r")\s+(?!(?:ud|af|paa|point|"
                                  r"stjerner?|karakter|i\s+alt|er|ere|eller|til|og)\b)[a-z]{2,}")


def _shortened_label(said: str, q: Question) -> int | None:
    """A label said without the words it shares with the question: "slet ikke" for "Slet ikke generet"
    to "Hvor meget er du generet af støj?" (two words or more, and the start of one label only)."""
    said_words = words(said)
    if len(said_words) < 2:
        return None
    asked = words(fold(q.text))
    points = set()
    for point in q.labels:
        for label in q.label_texts(point):
            lw = words(fold(label))
            rest = lw[len(said_words):]
            if len(lw) > len(said_words) and lw[:len(said_words)] == said_words and all(
                    any(w == a or lemma(w) == lemma(a) for a in asked) for w in rest):
                points.add(point)
    return points.pop() if len(points) == 1 else None


def _read_scale(folded: str, q: Question, strict: bool = False) -> Value:
    said = folded.strip(" .!")
    for point in q.labels:
        if any(fold(label) == said for label in q.label_texts(point)):
            return ok(point, 1.0)  # the label itself ("Slet ikke sikker" is no "ikke sikker" = not sure)
    short = _shortened_label(said, q)
    if short is not None:
        return ok(short, 0.9)
    if EMPTY_RE.match(folded) or DONT_KNOW_RE.search(folded):
        return NONE
    if q.min is not None and q.max is not None and (_TOP_RE.match(folded.strip()) or _BOTTOM_RE.match(folded.strip())):
        return ok(q.max if _TOP_RE.match(folded.strip()) else q.min, 0.9)  # "fuld plade": the top of the scale
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
        if found in ("below", "above") and len(nums) == 1 and (
                (nums[0] < (q.min + q.max) / 2) if found == "below" else (nums[0] > (q.min + q.max) / 2)):
            found = False  # "ikke særlig tryg, vil sige 2": the number places what the words only bound
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
