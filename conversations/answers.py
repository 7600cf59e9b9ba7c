"""One piece of text read as the answer to one question: the Value type and the dispatch by question type."""
from __future__ import annotations

import re

from .choices import read_choice
from .counts import read_number
from .definitions import Question
from .evidence import check
from .scales import read_scale
from .text import fold, lemma, words
from .value import NONE, SKIP, SKIP_RE, UNCLEAR, Value, ok  # noqa: F401  (re-exported)
from .yesno import read_yes_no

_NO_TEXT_RE = re.compile(r"^(?:nej|nej\s+tak|ingen|intet|ingenting|nix|nope|nae|ikke\s+noget|-|ved\s+ikke|"
                         r"ingen\s+kommentarer?|ingen\s+forslag|nej\s+ikke\s+rigtig|n/a|x)$")


def read_text(text: str, q: Question, strict: bool = False) -> Value:
    t = re.sub(r"\s+", " ", text).strip()
    t = re.sub(r"^(?:svar|mit\s+svar|forslag|kommentar)\s*[:\-]\s*", "", t, flags=re.I)
    # "Forslag: ..." where the word before the colon is from the question
    m = re.match(r"^([^\W\d_]{3,20})\s*:\s+(.+)$", t)
    if m and lemma(m.group(1).lower()) in {lemma(w) for w in re.findall(r"\w+", q.text.lower())}:
        t = m.group(2)
    t = t.strip(" -")
    f = fold(t).strip(" .!,")
    if not f or not re.search(r"[a-z]", f) or _NO_TEXT_RE.match(f):
        return NONE
    return ok(t, 0.95)


READERS = {"scale": read_scale, "yes_no": read_yes_no, "choice": read_choice, "number": read_number,
           "text": read_text}


_REMARK_ALTERNATIVE = {"eller", "men", "helst", "hellere", "snarere", "rettere", "maaske", "nej", "ja", "jo",
                       "ikke", "mener", "mente", "dvs", "altsaa", "nok", "evt", "eventuelt"}
_REMARK_RE = re.compile(r"^(.*?\S)\s*\(([^()]*)\)[\s.!]*$", re.S)


_ARROW_RE = re.compile(r"^\s*(?:-+>|=+>|→|⇒|»)\s*")


def read_value(text: str, q: Question, strict: bool = False) -> Value:
    return check(q, text, _read_value(text, q, strict))


def _read_value(text: str, q: Question, strict: bool = False) -> Value:
    reader = READERS[q.type]
    if SKIP_RE.match(fold(text)):
        return SKIP
    text = _ARROW_RE.sub("", text)  # "-> D": an arrow that points at the answer
    m = _REMARK_RE.match(text) if q.type != "text" and "(" in text else None
    if m:
        # "Rygestop (for min mand, haha)": a bracketed remark after the answer is no part of it,
        # unless the remark itself gives a value ("B (eller måske C)")
        head, remark = reader(m.group(1), q, strict=strict), reader(m.group(2), q, strict=False)
        rtoks = words(m.group(2))
        if head.ok and remark.status == "none" and not any(
                len(t) == 1 or t.isdigit() or t in _REMARK_ALTERNATIVE for t in rtoks):
            return head
    return reader(text, q, strict=strict)
