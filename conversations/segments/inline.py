"""Answers typed right under a quoted question in an email reply."""
from __future__ import annotations

import re

from ..answers import UNCLEAR, Value, read_value
from ..definitions import Question, Survey
from ..refs import question_by_number
from ..signoffs import own_lines
from ..text import fold

_HINT_RE = re.compile(r"^\s*(?:svar\s|du\s+maa\s+gerne|skriv\s+med|vaelg|[a-z][.)]\s)", re.I)


def _question_of_quote(quoted: str, survey: Survey) -> Question | None:
    """The question a quoted block ends with (its number line, then only hint
    and option lines), or None."""
    lines = [re.sub(r"^(?:\s*>)+\s?", "", l) for l in quoted.split("\n")]
    lines = [l for l in lines if l.strip()]
    by_num = question_by_number(survey)
    for back, line in enumerate(reversed(lines)):
        m = re.match(r"^\s*(\d{1,2})[.)]\s+(.+)$", line)
        if m and int(m.group(1)) in by_num:
            q = by_num[int(m.group(1))]
            qt, lt = fold(q.text), fold(m.group(2))
            if qt[:20] in lt or lt[:20] in qt:
                return q
        f = fold(line.strip())
        if back > 40:
            return None
        if not (_HINT_RE.match(f) or line.startswith((" ", "\t")) or len(f) <= 25):
            return None
    return None


def inline_answers(blocks, survey: Survey) -> tuple[dict, list[str]]:
    """Own blocks typed right under a quoted question answer that question."""
    values: dict[str, Value] = {}
    rest: list[str] = []
    current: Question | None = None
    for block in blocks:
        text, quoted = block.text, block.quoted
        if quoted:
            current = _question_of_quote(text, survey)
            continue
        if current is None:
            rest.append(text)
            continue
        lines = own_lines(text)
        # the answer is the first paragraph; a sign-off or remark after a blank line is not
        para = []
        for l in lines:
            if not l.strip():
                if para:
                    break
                continue
            para.append(l.strip())
        answer = "\n".join(para)
        if current.type != "text":
            answer = para[0] if para else ""
        v = read_value(answer, current)
        if v.status == "none" and answer.strip() and current.type != "text":
            v = UNCLEAR
        if v.status != "none":
            values[current.key] = v
        current = None
    return values, rest


# ---------------------------------------------------------------------------
# Survey reading
