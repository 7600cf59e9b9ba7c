"""Everyday written Danish: normalisation, number words, yes/no, agreement.

Pure functions and small tables; the only heavy thing is the spaCy pipeline
(blank Danish + lookup lemmatizer), loaded once, lazily, and used for lemmas
of content words (bussen -> bus, børn -> barn, aftenen -> aften).  Its lemma
table has mistakes for short function words (med -> mede), so function words
are matched on their surface form, never on their lemma.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# ---------------------------------------------------------------------------
# Normalisation
# ---------------------------------------------------------------------------

_EMOJI_RE = re.compile(
    "[\U0001F000-\U0001FAFF\U00002600-\U000027BF\U0001F900-\U0001F9FF"
    "\u200d\ufe0e\ufe0f\u20e3\U000E0020-\U000E007F\u2190-\u21ff\u2b00-\u2bff]+")
_EMOJI_SENTENCE_RE = re.compile(r"(?<=\w)[ ]*" + _EMOJI_RE.pattern + r"[ ]+(?=[A-ZÆØÅ])")
_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-",
                         "\u2018": "'", "\u2019": "'", "\u00b4": "'", "`": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
                         "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2026": "...",
                         "\t": " "})


def clean(text: str) -> str:
    """NFC, plain dashes and quotes, no emoji, no odd spaces; case kept."""
    text = unicodedata.normalize("NFC", text or "")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_DASHES)
    # an emoji between a word and a capital ends a sentence ("Jeg deltager 😊 Er der ...?")
    text = _EMOJI_SENTENCE_RE.sub(". ", text)
    text = _EMOJI_RE.sub(" ", text)
    text = "".join(ch for ch in text if ch == "\n" or unicodedata.category(ch)[0] != "C")
    return re.sub(r"[ ]{2,}", " ", text)


def fold(text: str) -> str:
    """Lower case with æ/ø/å spelled out the way people type without them.

    Both sides of a comparison are folded, so "gaar" meets "går" and "baenke"
    meets "bænke"; é and other accents are dropped ("ét" -> "et").
    """
    text = text.casefold()
    text = text.replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


_WORD_RE = re.compile(r"[0-9]+(?:'?er)?|[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)


def words(text: str) -> list[str]:
    """Folded words and numbers of a text ("4'er" stays one token)."""
    return _WORD_RE.findall(fold(text))


# ---------------------------------------------------------------------------
# spaCy: loaded once
# ---------------------------------------------------------------------------

@lru_cache(maxsize=1)
def nlp():
    import spacy

    pipeline = spacy.blank("da")
    pipeline.add_pipe("lemmatizer", config={"mode": "lookup"})
    pipeline.initialize()
    return pipeline


@lru_cache(maxsize=1)
def _lemma_table():
    return nlp().get_pipe("lemmatizer").lookups.get_table("lemma_lookup")


# Function words whose table lemma is wrong or useless: keep the surface form.
_KEEP_SURFACE = {"med", "en", "et", "ét", "der", "var", "ved", "må", "kan", "vil", "tre", "to", "fire",
                 "fem", "seks", "ni", "ti", "alle", "alt", "lige", "går", "gå"}


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """Folded lemma of one lower-case word (surface form for function words)."""
    w = word.casefold()
    if w in _KEEP_SURFACE or not w.isalpha():
        return fold(w)
    return fold(_lemma_table().get(w, w))


def tokenize(text: str) -> list[str]:
    """spaCy tokens (surface text) of a text."""
    return [t.text for t in nlp().tokenizer(text)]


# ---------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------
# Yes / no
# ---------------------------------------------------------------------------

YES_WORDS = {"ja", "jo", "jow", "jep", "jeps", "jepper", "jah", "jaa", "jaaa", "ja-da", "jada", "joda", "jojo",
             "yes", "yep", "yeah", "ok", "okay", "oki", "selvfoelgelig", "selvf", "gerne", "absolut",
             "bestemt", "klart", "sikkert", "korrekt", "rigtigt", "rigtig", "japper", "javel", "sagtens",
             "ofte", "altid", "jaja", "yup", "jamen"}
NO_WORDS = {"nej", "naj", "naej", "nix", "nope", "nae", "naeh", "naee", "neej", "nej-tak", "no", "nah", "nejda",
            "aldrig", "nej,", "nixen", "ikke", "naa"}
# Multi-word forms, checked on folded text with word boundaries.
NO_PHRASES = ["ikke rigtig", "slet ikke", "overhovedet ikke", "ikke rigtigt", "ikke endnu",
              "det goer jeg ikke", "det har jeg ikke", "det er jeg ikke", "det kan jeg ikke",
              "det vil jeg ikke", "ikke saerlig", "ikke saa meget"]
YES_PHRASES = ["det goer jeg", "det har jeg", "det er jeg", "det kan jeg", "det vil jeg",
               "det skal jeg", "det gjorde jeg"]
NEGATIONS = {"ikke", "ik", "ikk", "ikkke", "aldrig", "ingen", "hverken", "ej"}

# Correction markers: the value written after them replaces the one before.
# ("nej vent, 4", "undskyld, jeg mener 3", "rettelse: 4", "eller jo").
CORRECTION_RE = re.compile(
    r"(?:\bnej\s*,?\s*vent\b|\bvent\s*,?\s*nej\b|\bundskyld\b[^0-9a-z]*(?:jeg\s+)?(?:mener|mente)?|"
    r"\bjeg\s+mener\b|\bjeg\s+mente\b|\brettelse\b\s*:?|\bret(?:tet)?\s+til\b|\bskal\s+vaere\b|"
    r"\bi\s+stedet\b|\bnej\s+forresten\b|\bforkert\s*[,:-]|\beller(?=\s+(?:jo|ja|nej)\b)|"
    r"\bhov\b|\bups\b|\boops\b|\bnej\s+det\s+er\b|\bmente\b|"
    # "nej... jo faktisk", "ja, nej egentlig ikke": the second word takes the first back
    r"\b(?:nej|ja)\b[\s.,!-]*(?=(?:jo|ja|nej)\s*,?\s+(?:faktisk|alligevel|egentlig|vent)\b))")

# ---------------------------------------------------------------------------
# Agreement (1-5 Likert, Danish)
# ---------------------------------------------------------------------------

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
]
_AGREEMENT_RES = [(re.compile(r"(?<![\w/])" + re.escape(p) + r"(?![\w/])"), v) for p, v in AGREEMENT]

# Intensifiers that move a bipolar label to its end of the scale
EXTREME = {"meget", "helt", "virkelig", "rigtig", "fuldstaendig", "yderst", "super", "total", "totalt",
           "utrolig", "enormt", "vildt", "fuldt"}
PARTIAL = {"delvist", "delvis", "lidt", "nogenlunde", "rimelig", "rimeligt", "noget", "overvejende",
           "ret", "ganske", "mest"}


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


# ---------------------------------------------------------------------------
# Sign-offs, greetings
# ---------------------------------------------------------------------------

# A greeting-only line: the greeting and names or "Borgerpanel" ("Hej Anne,"), not "Hej, ja tak".
# Matched on the line as written (case kept), folded for the greeting word.
GREETING_RE = re.compile(
    r"^(?i:hej|hejsa|hey|hi|hallo|goddag|god\s+dag|godmorgen|god\s+morgen|kaere|kære|dear)"
    r"(?:\s+(?:[A-ZÆØÅ][\w.\-]*|(?i:borgerpanel\w*|alle|der|jer|i|med\s+jer|venner|igen|og\s+tak)))*\s*[,.!:]*$")
CLOSING_RE = re.compile(
    r"^(?:m\.?\s*v\.?\s*h\.?|mvh|vh|v\.h\.|venlig(?:st)?\s+hilsen|venlige\s+hilsner|med\s+venlig\s+hilsen|"
    r"de\s+bedste\s+hilsner|bedste\s+hilsner|hilsen|hilsner|mange\s+hilsner|kh|k\.h\.|knus|kaerlig\s+hilsen|"
    r"med\s+\w+hilsen|god\s+dag|god\s+weekend|god\s+aften|tak\s+for\s+nu|ha\s+en\s+god\s+dag|"
    r"sendt\s+fra\s+min|sendt\s+fra|hent\s+outlook|best\s+regards|regards|cheers)\b", re.I)
# An inline sign-off at the end of an SMS: "... Mvh Grethe", "... /Karsten"
# "Til Borgerpanelet", "Til Ellen Hansen" (but not "Til fods": case is kept here)
TO_LINE_RE = re.compile(r"^Til\s+(?:[Bb]orgerpanel\w*|[Kk]ommunen|jer|[A-ZÆØÅ][a-zæøå]+(?:\s+[A-ZÆØÅ][a-zæøå]+){0,2})[,.!:]?$")
INLINE_SIGNOFF_RE = re.compile(
    r"(?:[.!,]?\s+|^)(?:mvh|m\.v\.h\.|vh|hilsen|hilsner|venlig\s+hilsen|kh|med\s+venlig\s+hilsen)"
    r"\b[^.!?\n]{0,60}$|\s+/\s*[A-ZÆØÅ][\w\-. ]{0,30}$|\s+-\s*[A-ZÆØÅ][a-zæøå]+$", re.I)
SIGNATURE_DELIM_RE = re.compile(r"^\s*(?:--|__+|-{3,}|sendt fra|sent from|hent outlook|get outlook)", re.I)


# Jutlandic and spoken forms in a short reply: "det er æ ik" (= det er jeg ikke), "ska æ", "ka ik"
_DIALECT = {"ae": "jeg", "ska": "skal", "ka": "kan", "hva": "hvad", "vil'": "vil"}


def standard_words(folded: str) -> str:
    """Folded text with Jutlandic/spoken word forms spelled the standard way."""
    return re.sub(r"(?<![\w'])(?:ae|ska|ka)(?![\w'])", lambda m: _DIALECT[m.group(0)], folded)


def is_question_sentence(sentence: str) -> bool:
    return sentence.rstrip().endswith("?")


# ---------------------------------------------------------------------------
# Fuzzy word matching
# ---------------------------------------------------------------------------

def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Damerau-Levenshtein (optimal string alignment), capped at limit+1."""
    if a == b:
        return 0
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2 = None
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        row_min = cur[0]
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if (prev2 is not None and i > 1 and j > 1 and a[i - 1] == b[j - 2]
                    and a[i - 2] == b[j - 1]):
                cur[j] = min(cur[j], prev2[j - 2] + 1)
            row_min = min(row_min, cur[j])
        if row_min > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


def allowed_typos(word: str) -> int:
    """Edit distance allowed for a word of this length (short words: none)."""
    n = len(word)
    if n <= 4:
        return 0
    if n <= 8:
        return 1
    return 2


# Danish inflection endings (folded): bil-en, bus-sen, vej-ene, aften-en, cykl-er
_SUFFIXES = ("erne", "ene", "ens", "en", "et", "er", "ne", "e", "n", "r", "s", "t")


def _plain_letters(folded: str) -> set[str]:
    """A folded word as typed on a keyboard without æ, ø, å: "toej" -> "toj", "laengere" -> "langere"/"lengere"."""
    forms = {folded}
    for digraph, plain in (("ae", ("a", "e")), ("oe", ("o",)), ("aa", ("a",))):
        forms = {f.replace(digraph, p) for f in forms for p in plain} if digraph in folded else forms
    return forms


def same_word(token: str, target: str) -> bool:
    """Does a folded answer word stand for a folded target word?

    Exact, an inflected form (target + ending, doubled consonant allowed),
    the same lemma, or a typo within the allowed distance.
    """
    if token == target:
        return True
    if len(target) >= 3 and token.startswith(target):
        rest = token[len(target):]
        if rest in _SUFFIXES or (rest[:1] == target[-1] and rest[1:] in _SUFFIXES):
            return True
    if len(target) >= 5 and target[-2:] in ("el", "er", "en"):
        # unstressed e drops before an ending: cykel -> cyklen, aften -> aftner
        stem = target[:-2] + target[-1]
        if token.startswith(stem) and token[len(stem):] in _SUFFIXES:
            return True
    if len(token) >= 3 and target.startswith(token) and target[len(token):] in ("e", "er", "r"):
        return True  # "vej" for "veje", "bus" for "busser" is checked via lemma
    if len(target) >= 7 and target.endswith("ere") and len(token) >= 4:
        # a comparative label ("Sjældnere", "Billigere") is named by its plain adjective ("sjældent", "billige")
        base = target[:-3]
        forms = {base, base + "t", base + "e"}
        if len(base) >= 4 and base[-1] not in "aeiouy" and base[-2] not in "aeiouy":
            full = base[:-1] + "e" + base[-1]  # sjældn- -> sjælden
            forms |= {full, full + "t"}
        if token in forms:
            return True
    if lemma(token) == lemma(target) and len(token) >= 3:
        return True
    if len(token) >= 3 and ("ae" in target or "oe" in target or "aa" in target) and not re.search(
            r"ae|oe|aa", token) and token in _plain_letters(target):
        return True  # æ, ø, å typed as plain letters: "toj" for "tøj", "abningstider" for "åbningstider"
    limit = allowed_typos(target)
    return limit > 0 and len(token) > 4 and edit_distance(token, target, limit) <= limit
