"""How a reply names a question: "spm 2", "spørgsmål 3", "nr. 4", "question 2", "det første", "den sidste".

`question_refs(text, survey)` finds every place a text names one of the
survey's questions, by number or by its place in order, in Danish, English
and German; `question_by_number` and the `SPM` pattern serve the numbered
segments ("spm 2: ja").  Matched on folded text (ae/oe/aa).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .definitions import Question, Survey
from .numbers import NUMBER_WORDS

# The words for "question" before its number: Danish in full, short and misspelt, English, German.
QUESTION_WORDS = ("spoergsmaal", "spoergsmaalet", "sporgsmal", "sporgsmaal", "spoergsmal", "spm", "sp", "nr",
                  "nummer", "q", "question", "frage")
SPM = r"(?:spm|spoergsmaal|spørgsmål|sporgsmal|spørgsmaal|sp|nr|q|svar|question|frage|\#)"

# Places in order, folded: "det første", "den anden", "the last", "die letzte".
ORDINALS = {"foerste": 1, "andet": 2, "anden": 2, "tredje": 3, "fjerde": 4, "femte": 5, "sjette": 6,
            "syvende": 7, "ottende": 8, "niende": 9, "tiende": 10,
            "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
            "erste": 1, "ersten": 1, "zweite": 2, "zweiten": 2, "dritte": 3, "dritten": 3, "vierte": 4,
            "vierten": 4, "fuenfte": 5, "fuenften": 5}
LAST = {"sidste", "last", "letzte", "letzten"}
# Nouns after an ordinal that are no question ("det første år", "den anden gang").
_NOT_A_QUESTION_AFTER = r"(?:gang|gange|sted|aar|halve|hus|barn|dag|uge|time|del|side|time|time)"
ORDINAL_REF_RE = re.compile(r"\b(?:til|i|om|paa|med|for|ved)\s+det\s+(foerste|andet|tredje|fjerde|femte|sjette|"
                            r"syvende|ottende|sidste)(?:\s+spoergsmaal)?\b(?!\s+(?:gang|sted|aar|halve|hus|barn)\b)")

_NUMBER = r"(\d{1,2}|" + "|".join(sorted((w for w, n in NUMBER_WORDS.items() if 1 <= n <= 20 and len(w) > 2),
                                         key=len, reverse=True)) + r")"
_BY_NUMBER_RE = re.compile(r"\b(?:" + "|".join(QUESTION_WORDS) + r")\.?\s*(?:nr\.?\s*|nummer\s+)?" + _NUMBER + r"\b")
_BY_PLACE_RE = re.compile(r"\b(?:det|den|the|die|das|der|dem|mit|my)?\s*(" + "|".join(list(ORDINALS) + list(LAST)) +
                          r")\b(?:\s+(?:spoergsmaal\w*|spm|svar\w*|question|answer|frage|antwort))?"
                          r"(?!\s+" + _NOT_A_QUESTION_AFTER + r"\b)")


# Words that may follow a question named by its place alone ("til det andet: ja", "den sidste skal være 4"):
# verbs, conjunctions and answer words; any other word is a noun the ordinal goes with.
_REF_FOLLOWERS = {"er", "var", "skal", "skulle", "burde", "bliver", "blev", "svarede", "svarer", "svar", "svaret",
                  "og", "eller", "samt", "men", "ja", "nej", "jo", "ogsaa", "er", "har", "kan", "mente", "mener",
                  "til", "paa", "i", "is", "was", "should", "and", "or", "ist", "war", "soll", "und", "oder",
                  "ikke", "not", "nicht", "altsaa", "nok", "vel", "saa", "faktisk", "egentlig"}


@dataclass(frozen=True)
class Ref:
    question: Question
    start: int
    end: int
    explicit: bool   # named with the word "question" (or its number with it), not only a place in order


def question_by_number(survey: Survey) -> dict[int, Question]:
    return {q.number: q for q in survey.questions}


def _number(word: str) -> int | None:
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word)


def question_refs(folded: str, survey: Survey) -> list[Ref]:
    """The questions a folded text names, in the order it names them."""
    by_num = question_by_number(survey)
    out: list[Ref] = []
    for m in _BY_NUMBER_RE.finditer(folded):
        q = by_num.get(_number(m.group(1)))
        if q is not None:
            out.append(Ref(q, m.start(), m.end(), True))
    for m in _BY_PLACE_RE.finditer(folded):
        if any(r.start <= m.start(1) < r.end for r in out):
            continue
        word = m.group(1)
        n = len(survey.questions) if word in LAST else ORDINALS[word]
        explicit = bool(re.search(r"\S\s+\S", m.group(0).strip())) and m.group(0).strip().split()[-1] != word
        q = next((q for q in survey.questions if q.number == n), None)
        by_preposition = re.search(r"\b(?:til|i|om|paa|med|for|ved|to|on|for|in|zu|bei|zur|zum)\s*$", folded[:m.start()])
        follower = re.match(r"\s*([a-z]+)", folded[m.end():])
        if not explicit and follower and follower.group(1) not in _REF_FOLLOWERS:
            continue  # "i den anden ende", "på den anden side": the ordinal goes with a noun of its own
        if q is not None and (explicit or (by_preposition and re.match(r"\s*(?:det|den|the|die|das|der|dem)\b",
                                                                        m.group(0)))):
            # "til det første", "den tredje spørgsmål"; not "den tredje var en veninde"
            out.append(Ref(q, m.start(1), m.end(), explicit))
    return sorted(out, key=lambda r: r.start)
