"""The most frequent terms of free-text answers: Danish lemmas, stop words removed.

Lemmas come from the reader's lemma table (``conversations.lemmas``: the
Danish table of ``spacy-lookups-data``, prebuilt once per machine and
memory-mapped, so a process opens it in well under a millisecond and shares
it with the others), not from a spaCy pipeline of its own (which took about
three seconds and 200 MiB per process to load: the first results page after
a start waited for it).  The table has mistakes on short function words
(``med`` -> ``mede``), so a word is dropped when either the word itself or its
lemma is a stop word.  A term is counted once per answer (how many people
used it), not once per occurrence, so one long answer cannot dominate.
"""
from __future__ import annotations

import importlib.util
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

MIN_LENGTH = 3
# Words that carry no theme in answers to a municipality (on top of spaCy's Danish list).
EXTRA_STOP_WORDS = frozenset({
    "synes", "tror", "mene", "mener", "kommune", "kommunen", "godt", "gerne", "bare", "lidt", "meget",
    "ting", "helt", "rigtig", "måske", "også", "fordi", "egentlig", "faktisk", "ligesom", "blive", "være",
    "have", "gøre", "kunne", "skulle", "ville", "burde", "komme", "bliver", "ved",
})
WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Term:
    lemma: str
    count: int   # answers that use it


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """spaCy's Danish stop words and ours.  Read from spaCy's file without importing spaCy (which takes
    over a second): ``spacy/lang/da/stop_words.py`` defines ``STOP_WORDS`` and nothing else."""
    spec = importlib.util.find_spec("spacy")
    path = Path(spec.origin).parent / "lang" / "da" / "stop_words.py"
    namespace: dict = {}
    exec(compile(path.read_text("utf-8"), str(path), "exec"), namespace)  # noqa: S102 (a data file of spaCy's)
    return frozenset(namespace["STOP_WORDS"]) | EXTRA_STOP_WORDS


def answer_lemmas(texts: Iterable[str]) -> list[set[str]]:
    """The set of content lemmas of each text."""
    from conversations.lemmas import lemma as lookup

    stops = stop_words()
    out = []
    for text in texts:
        lemmas = set()
        for word in WORD.findall((text or "").lower()):
            if len(word) < MIN_LENGTH or word in stops:
                continue
            lemma = (lookup(word) or word).lower()
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
