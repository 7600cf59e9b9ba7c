"""Answers after a word for their question: "Tryghed: 4", "Skolebus: nej", "Hvordan: cykler".

Some writers label each answer with a word of its question instead of its
number.  A line "<a few words>: <answer>" answers the one question whose
words the label uses (or whose first word it is); two or more such lines, to
different questions, make the format.
"""
from __future__ import annotations

import re

from ..definitions import Question, Survey
from ..text import fold, words
from .topics import overlap, topic_words

_ABBREVIATIONS = {"km": "kilometer", "kr": "kroner", "nr": "nummer", "tlf": "telefon", "min": "minutter"}
_LABEL_LINE_RE = re.compile(r"^\s*([^\W\d_][^\W\d_ -]*(?:[ -][^\W\d_]+){0,3})\s*[:=]\s*(\S.*)$")


def _question_of_label(label: str, survey: Survey) -> Question | None:
    first = [q for q in survey.questions if words(q.text)[:1] == words(label)]
    if len(first) == 1:
        return first[0]  # "Hvordan: cykler" for "Hvordan kommer dit barn i skole?"
    said = {_ABBREVIATIONS.get(w, w) for w in words(label)}
    same = [q for q in survey.questions if said <= set(words(q.text))]
    if len(same) == 1:
        return same[0]  # "Km: 2,5" for "Hvor mange km er der til skolen?"
    own = topic_words(label)
    if not own:
        return None
    scores = {q.key: overlap(own, topic_words(q.text)) for q in survey.questions}
    best = max(scores.values())
    named = [q for q in survey.questions if best >= 1 and scores[q.key] == best]
    return named[0] if len(named) == 1 else None


def labelled_segments(lines: list[str], survey: Survey) -> list[tuple[Question, str]] | None:
    out: list[tuple[Question, str]] = []
    pieces = []
    for line in lines:  # "tryghed: 4, kælder: nej, tiltag: bassiner + rør": several labelled answers on a line
        parts = re.split(r"\s*[,;]\s*(?=[^\W\d_][\w -]{0,30}:\s)", line)
        pieces.extend(parts if len(parts) >= 2 else [line])
    for line in pieces:
        m = _LABEL_LINE_RE.match(line)
        if not m or fold(m.group(1)) in ("svar", "mit svar", "ps", "hej", "mvh"):
            continue
        q = _question_of_label(m.group(1), survey)
        if q is None or any(q is other for other, _ in out):
            return None  # a label that names no question, or one twice: not this format (prose reads it)
        out.append((q, m.group(2).strip()))
    return out if len(out) >= 2 else None
