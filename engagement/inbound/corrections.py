"""What staff type in "Ret et svar", read the way a citizen's answer is read.

Staff write what a citizen would: "A, B", "plast og glas", "fem", "ja".
``read_correction(question, typed)`` reads it with the reply reader itself
(``conversations.reply.read_answer``: the one question asked, as in an SMS
conversation), so letters, labels, numbers in words and yes/no mean the same
here as in a reply.  Two things the reader is not for come after it: an
option's own key or whole label typed exactly (what the form took before,
and what staff copy from an export), and a free-text question, whose answer
is the text as typed.  ``None``: it cannot be read as an answer to that
question (the view says so and keeps what was typed).
"""
from __future__ import annotations

from typing import Any

from conversations.definitions import Question
from conversations.reply import read_answer
from conversations.text import fold

MAX_TYPED = 1000


def _exact_option(question: Question, typed: str) -> str | None:
    wanted = fold(typed)
    for option in question.options:
        if wanted in (fold(option.key), fold(option.label)):
            return option.key
    return None


def read_correction(question: Question, typed: str) -> Any:
    """The value ``typed`` gives ``question``, or None when it cannot be read as one."""
    typed = " ".join((typed or "").split())
    if not typed or len(typed) > MAX_TYPED:
        return None
    if question.type == "text":
        return typed
    value = read_answer(typed, question)
    if value is None and question.type == "choice":
        key = _exact_option(question, typed)
        if key is not None:
            value = [key] if question.multiple else key
    return value


__all__ = ["MAX_TYPED", "read_correction"]
