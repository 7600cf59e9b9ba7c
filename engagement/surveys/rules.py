"""Pure rules: is this a value a question can take, is this an RSVP a meeting can take.

The reading core only produces values that fit (``conversations.answers``);
these checks guard what staff type and what other callers pass in, and say
plainly what is wrong.
"""
from __future__ import annotations

from typing import Any

from conversations.definitions import Meeting, Question

ATTENDING = ("yes", "no", "maybe")


class RuleError(ValueError):
    """A value that does not fit the question or the meeting (the message says why)."""


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_answer(question: Question, value: Any) -> Any:
    """The value as it is stored (a multiple choice in option order), or ``RuleError``."""
    where = f"question {question.key!r}"
    if question.type in ("scale", "number"):
        if not _is_int(value):
            raise RuleError(f"{where}: the answer must be a whole number, not {value!r}")
        if question.min is not None and value < question.min:
            raise RuleError(f"{where}: {value} is below {question.min}")
        if question.max is not None and value > question.max:
            raise RuleError(f"{where}: {value} is above {question.max}")
        return value
    if question.type == "yes_no":
        if value not in ("yes", "no"):
            raise RuleError(f"{where}: the answer must be 'yes' or 'no', not {value!r}")
        return value
    if question.type == "choice":
        keys = [option.key for option in question.options]
        if question.multiple:
            if not isinstance(value, (list, tuple)) or not value:
                raise RuleError(f"{where}: the answer must be a non-empty list of option keys")
            unknown = [v for v in value if v not in keys]
            if unknown:
                raise RuleError(f"{where}: unknown option(s) {unknown!r}")
            return [key for key in keys if key in value]
        if value not in keys:
            raise RuleError(f"{where}: unknown option {value!r} (expected one of {', '.join(keys)})")
        return value
    if question.type == "text":
        if not isinstance(value, str) or not value.strip():
            raise RuleError(f"{where}: the answer must be a non-empty text")
        return value.strip()
    raise RuleError(f"{where}: unknown question type {question.type!r}")  # pragma: no cover


def check_rsvp(meeting: Meeting, attending: Any, guests: Any) -> tuple[str, int]:
    if attending not in ATTENDING:
        raise RuleError(f"attending must be one of {', '.join(ATTENDING)}, not {attending!r}")
    if not _is_int(guests) or guests < 0:
        raise RuleError(f"guests must be a whole number of 0 or more, not {guests!r}")
    if attending == "no" and guests:
        raise RuleError("someone who does not come brings no guests")
    if guests > meeting.max_guests:
        raise RuleError(f"at most {meeting.max_guests} guest(s) may come to {meeting.key!r}, not {guests}")
    return attending, guests
