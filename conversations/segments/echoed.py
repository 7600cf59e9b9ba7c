"""Answers after the question copied into the reply: "Hvor tilfreds er du med ...? 4", or the question on one
line and the answer on the next.

Replies by email often copy the invitation's questions (without quote marks)
and write each answer after its question.  A line that holds a question's
words in order (most of them: people shorten and mistype) names that question;
what follows its question mark or colon, or else the next line that is no
question, is its answer.
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher

from ..definitions import Question, Survey
from ..text import words

_NUMBER_MARK_RE = re.compile(r"^\s*\d{1,2}\s*[.):]\s*")


def _question_at_start(line: str, survey: Survey) -> tuple[Question, str] | None:
    """(question, the rest of the line) when the line starts with most of a question's words in order."""
    text = _NUMBER_MARK_RE.sub("", line)
    cut = re.search(r"[?:]", text)
    for q in survey.questions:
        own = words(q.text)
        head = words(text[:cut.start()]) if cut else words(text)[:len(own) + 1]
        if len(own) < 3 or len(head) < 3:
            continue
        matched = sum(b.size for b in SequenceMatcher(None, head, own, autojunk=False).get_matching_blocks())
        if matched >= 0.6 * len(own) and matched >= 0.8 * len(head):  # most of its words, in order, little else
            return q, (text[cut.end():].strip() if cut else "")
    return None


def echoed_segments(lines: list[str], survey: Survey) -> list[tuple[Question, str]] | None:
    out: list[tuple[Question, str]] = []
    waiting: Question | None = None
    for line in lines:
        if not line.strip():
            continue
        found = _question_at_start(line, survey)
        if found is not None:
            q, rest = found
            waiting = None if rest else q
            if rest:
                out.append((q, rest))
        elif waiting is not None:
            out.append((waiting, line.strip()))
            waiting = None
    return out or None
