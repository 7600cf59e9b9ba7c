"""The most frequent terms of free-text answers: spaCy lemmas, Danish stop words removed.

``spacy.blank("da")`` with the lookup lemmatizer (``spacy-lookups-data``)
works offline; it takes about two seconds to load, so it is loaded once per
process.  Its lemma table has mistakes on short function words (``med`` →
``mede``), so a word is dropped when either the word itself or its lemma is a
stop word.  A term is counted once per answer (how many people used it), not
once per occurrence, so one long answer cannot dominate.
"""
from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass
from typing import Iterable

MIN_LENGTH = 3
# Words that carry no theme in answers to a municipality (on top of spaCy's Danish list).
EXTRA_STOP_WORDS = frozenset({
    "synes", "tror", "mene", "mener", "kommune", "kommunen", "godt", "gerne", "bare", "lidt", "meget",
    "ting", "helt", "rigtig", "måske", "også", "fordi", "egentlig", "faktisk", "ligesom", "blive", "være",
    "have", "gøre", "kunne", "skulle", "ville", "burde", "komme", "bliver", "ved",
})

_lock = threading.Lock()
_nlp = None


@dataclass(frozen=True)
class Term:
    lemma: str
    count: int   # answers that use it


def language_model():
    """The Danish pipeline (blank + lookup lemmatizer), loaded once."""
    global _nlp
    with _lock:
        if _nlp is None:
            import spacy

            nlp = spacy.blank("da")
            nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
            nlp.initialize()
            _nlp = nlp
    return _nlp


def stop_words() -> frozenset[str]:
    from spacy.lang.da.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | EXTRA_STOP_WORDS


def answer_lemmas(texts: Iterable[str]) -> list[set[str]]:
    """The set of content lemmas of each text."""
    nlp = language_model()
    stops = stop_words()
    out = []
    for doc in nlp.pipe((t or "" for t in texts), batch_size=256):
        lemmas = set()
        for token in doc:
            word = token.lower_
            if not token.is_alpha or len(word) < MIN_LENGTH or word in stops:
                continue
            lemma = (token.lemma_ or word).lower()
            if lemma in stops or len(lemma) < MIN_LENGTH:
                continue
            lemmas.add(lemma)
        out.append(lemmas)
    return out


def frequent_terms(texts: Iterable[str], limit: int = 15, min_count: int = 2) -> list[Term]:
    """The ``limit`` lemmas used in the most answers (at least ``min_count``), most used first."""
    counts: Counter[str] = Counter()
    for lemmas in answer_lemmas(texts):
        counts.update(lemmas)
    ranked = sorted(((lemma, n) for lemma, n in counts.items() if n >= min_count), key=lambda p: (-p[1], p[0]))
    return [Term(lemma, n) for lemma, n in ranked[:limit]]
