"""Everyday written text: normalisation, folded words, lemmas, sentences and close word forms."""
from __future__ import annotations

import re
import unicodedata
from contextvars import ContextVar
from functools import lru_cache

# Set by the reader while it reads a reply in English or German (language.py): no typo matching then.
FOREIGN: ContextVar[bool] = ContextVar("FOREIGN", default=False)

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
    text = text.casefold().translate(_FOLD)
    if text.isascii():
        return text
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


# æ, ø, å as people type them without those keys; German ä, ö, ü, ß the same way
_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


_WORD_RE = re.compile(r"[0-9]+(?:'?er)?|[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)


def words(text: str) -> list[str]:
    """Folded words and numbers of a text ("4'er" stays one token)."""
    return _WORD_RE.findall(fold(text))


# ---------------------------------------------------------------------------
# Lemmas: spacy-lookups-data's Danish table, compact and shared between processes (lemmas.py)
# ---------------------------------------------------------------------------

def _lemma_table():
    from . import lemmas

    return lemmas.table()  # .get(word) and `word in table`, like spaCy's Table


# Function words whose table lemma is wrong or useless: keep the surface form.
_KEEP_SURFACE = {"med", "en", "et", "ét", "der", "var", "ved", "må", "kan", "vil", "tre", "to", "fire",
                 "fem", "seks", "ni", "ti", "alle", "alt", "lige", "går", "gå"}


def _unfold(folded: str) -> str:
    """A folded word with its æ, ø, å back ("boernene" -> "børnene"): how the lemma table spells it."""
    return folded.replace("ae", "æ").replace("oe", "ø").replace("aa", "å")


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """Folded lemma of one lower-case word, written or folded (surface form for function words)."""
    w = word.casefold()
    if w in _KEEP_SURFACE or not w.isalpha():
        return fold(w)
    table = _lemma_table()
    found = table.get(w)
    if found is None and w != _unfold(w):
        found = table.get(_unfold(w))
    return fold(found or w)


@lru_cache(maxsize=65536)
def is_word(word: str) -> bool:
    """Is a lower-case word (written or folded) a Danish word form the lemma table knows?"""
    table = _lemma_table()
    return word in table or _unfold(word) in table


_ABBREV_RE = re.compile(r"\b(?:kl|ca|fx|f\.eks|bl\.a|nr|spm|evt|dvs|mht|tlf|jf|inkl|ekskl|pga|vha|str)\.$", re.I)


def sentences(text: str) -> list[str]:
    """Split on line breaks and sentence ends (not after kl., fx., 2.)."""
    out = []
    for line in text.split("\n"):
        start = 0
        for m in re.finditer(r"[.!?]+(?=\s|$)", line):
            chunk = line[start:m.end()]
            following = line[m.end():].lstrip()[:1]
            if _ABBREV_RE.search(chunk) or (re.search(r"(?<!\w)\d{1,2}\.$", chunk)
                                            and not following.isupper()):
                continue  # "kl. 20", "den 3. februar"; but "4 ud af 5. Vi har ..." ends a sentence
            if chunk.strip():
                out.append(chunk.strip())
            start = m.end()
        if line[start:].strip():
            out.append(line[start:].strip())
    return out


# ---------------------------------------------------------------------------
# Message-level intents


# Jutlandic and spoken forms in a short reply: "det er æ ik" (= det er jeg ikke), "ska æ", "ka ik"
_DIALECT = {"ae": "jeg", "ska": "skal", "ka": "kan", "hva": "hvad", "vil'": "vil", "te": "til"}


def standard_words(folded: str) -> str:
    """Folded text with Jutlandic/spoken word forms spelled the standard way."""
    return re.sub(r"(?<![\w'])(?:ae|ska|ka|te)(?![\w'])", lambda m: _DIALECT[m.group(0)], folded)


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


def plain_letters(folded: str) -> set[str]:
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
            r"ae|oe|aa", token) and token in plain_letters(target):
        return True  # æ, ø, å typed as plain letters: "toj" for "tøj", "abningstider" for "åbningstider"
    limit = allowed_typos(target)
    if limit and FOREIGN.get():
        return False  # in an English or German reply a Danish word one letter off is another word ("after")
    return limit > 0 and len(token) > 4 and edit_distance(token, target, limit) <= limit


def phrase_regex(phrases) -> re.Pattern:
    """One regex for a table of folded phrases: whole words, any run of spaces between them, longest first."""
    alternatives = sorted({p.strip() for p in phrases if p.strip()}, key=len, reverse=True)
    return re.compile(r"(?<![\w'])(?:" + "|".join(r"\s+".join(map(re.escape, p.split())) for p in alternatives) +
                      r")(?![\w'])")


@lru_cache(maxsize=16384)
def compound_parts(word: str) -> frozenset[str] | None:
    """The two words of a compound ("vasketoej" -> {vask, toej}), with a linking -s- or -e- allowed;
    None when the word splits into no two known words."""
    for i in range(3, len(word) - 2):
        head, tail = word[:i], word[i:]
        for h in (head, head[:-1] if head[-1] in "se" and len(head) > 3 else None):
            if h and is_word(h) and is_word(tail) and len(tail) >= 3:
                # "bade"+"havn", "havne"+"bad": a final -e is the verb's or the linking vowel's, not the word's
                # (surface forms: the lemma table's guesses for short words are poor, "bad" -> "bede")
                return frozenset(p[:-1] if p.endswith("e") and len(p) > 3 else p for p in (h, tail))
    return None


def same_compound(a: str, b: str) -> bool:
    """Two compounds of the same two words, in either order ("vasketøj", "tøjvask")."""
    if len(a) < 6 or len(b) < 6 or a == b:
        return False
    pa, pb = compound_parts(a), compound_parts(b)
    return pa is not None and pa == pb
