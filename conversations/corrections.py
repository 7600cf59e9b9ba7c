"""Corrections: a later value replaces an earlier one ("4, nej vent, 5", "PS: 2 skal være nej")."""
from __future__ import annotations

import re

from .definitions import Question, Survey
from .refs import SPM, question_by_number
from .text import fold, words
from .value import UNCLEAR, Value

# Correction markers: the value written after them replaces the one before.
# ("nej vent, 4", "undskyld, jeg mener 3", "rettelse: 4", "eller jo").
CORRECTION_RE = re.compile(
    r"(?:\bnej\s*,?\s*vent\b|\bvent\s*,?\s*nej\b|\bundskyld\b[^0-9a-z]*(?:jeg\s+)?(?:mener|mente)?|"
    r"\bjeg\s+mener\b|\bjeg\s+mente\b|\brettelse\b\s*:?|\bret(?:tet)?\s+til\b|\bskal\s+vaere\b|"
    r"\bi\s+stedet\b|\bnej\s+forresten\b|\bforkert\s*[,:-]|\beller(?=\s+(?:jo|ja|nej)\b)|"
    r"\bhov\b|\bups\b|\boops\b|\bnej\s+det\s+er\b|\bmente\b|"
    # "nej... jo faktisk", "ja, nej egentlig ikke": the second word takes the first back
    r"\b(?:nej|ja)\b[\s.,!-]*(?=(?:jo|ja|nej)\s*,?\s+(?:faktisk|alligevel|egentlig|vent)\b))")

# ---------------------------------------------------------------------------
# Agreement (1-5 Likert, Danish)


def after_correction(folded: str) -> str | None:
    """The text after the last correction marker, if there is one."""
    last = None
    for m in CORRECTION_RE.finditer(folded):
        last = m
    if last is None:
        return None
    rest = folded[last.end():].lstrip(" ,.:;-!")  # "C, nej vent, D" -> "D"
    return rest if rest.strip(" ,.:;-!") else None


# "5, nej 6", "bil - nej, bus": on a question that is not yes/no, a "nej"
# between two values of the question's type takes the first one back.
_NEJ_SELF_CORRECTION_RE = re.compile(r"^(.*?\S)\s*[,.;:-]?\s+nej\s*[,.!:-]*\s+(\S.*)$")


def with_correction(reader, text: str, q: Question, strict: bool) -> Value:
    """Read text; when it carries a correction, the corrected value stands."""
    folded = fold(text)
    rest = after_correction(folded)
    if rest is not None:
        v = reader(rest, q, strict=False)
        if v.ok:
            return Value("ok", v.value, min(v.confidence, 0.9))
        if re.search(r"\bnej\s*,?\s*(?:vent|forresten|det\s+er)\b|\bvent\s*,?\s*nej\b", folded):
            return UNCLEAR  # "B, nej vent, C" to a yes/no question: the "nej" takes something back, it is no answer
    if q.type != "yes_no" and " nej" in folded:
        m = _NEJ_SELF_CORRECTION_RE.match(folded.strip())
        if m and len(words(m.group(1))) <= 3 and len(words(m.group(2))) <= 4:
            before, after = reader(m.group(1), q, strict=False), reader(m.group(2), q, strict=False)
            if before.status != "none" and after.ok:
                return Value("ok", after.value, min(after.confidence, 0.9))
    return reader(folded, q, strict=strict)


_OVERRIDE_RE = re.compile(
    r"\b(?:" + SPM + r"\.?\s*|nummer\s+)(\d{1,2})\b[^\n]*?\b(?:skal|skulle)\s+(?:nu\s+)?(?:vaere|være|have\s+vaeret|"
    r"have\s+været)\s+([^.!\n]+)|"
    r"\b(?:" + SPM + r"\.?\s*)(\d{1,2})\b[^\n.]*?\bforkert\b[^\n]*?\b(?:skal|skulle)\s+(?:vaere|være)\s+([^.!\n]+)|"
    # "Rettelse: 1 skal være 6", "Ups - 3 skulle have været nej": a correction word, then a bare number
    r"\b(?:rettelse|korrektion|ups|hov|undskyld|fejl)\b[^\w\n]{0,4}(?:til\s+|i\s+)?(\d{1,2})\s+(?:skal|skulle)\s+"
    r"(?:nu\s+)?(?:vaere|være|have\s+vaeret|have\s+været)\s+([^.!,;\n]+)|"
    # "Rettelse til 3: det er nærmere hver dag", "Ændring til spm 2 - nej": a correction naming a question
    r"\b(?:rettelse|korrektion|ændring|aendring|rettet)\s*(?:til\s+|i\s+|af\s+|for\s+)?(?:" + SPM +
    r"\.?\s*|nummer\s+)?(\d{1,2})\s*(?::|\s-|-\s|=)\s*([^\n]+)|"
    r"(?:^|[.!]\s+)ret\s+(?:" + SPM + r"\.?\s*|nummer\s+)?(\d{1,2})\s+til\s+([^.!\n]+)|"
    # "PS: 1 skal være 3" on a line of its own
    r"^\s*(?:p\.?s\.?\s*:?\s*|og\s+|men\s+|nåh?\s+ja,?\s+)?(\d{1,2})\s+(?:skal|skulle)\s+(?:nu\s+)?(?:vaere|være|"
    r"have\s+vaeret|have\s+været)\s+([^.!\n]+)|"
    # "rettelse: spm 1 er 3", "ups, spørgsmål 2 er nej": a correction word, a question and "er"
    r"\b(?:(?:rettelse|korrektion)\b[^\w\n]{0,4}(?:til\s+|i\s+)?(?:" + SPM + r"\.?\s*|nummer\s+)?|"
    r"(?:ups|hov|undskyld|fejl)\b[^\w\n]{0,4}(?:" + SPM + r"\.?\s*|nummer\s+))(\d{1,2})\s+(?:er|var|bliver)\s+"
    r"(?:nu\s+|faktisk\s+)?([^.!,;\n]+)",
    re.I)


def extract_overrides(lines: list[str], survey: Survey) -> tuple[list[str], list[tuple[Question, str]]]:
    """'Ups, spm 4 skal være A', 'Jeg læste spørgsmål 2 forkert - det skal være nej'."""
    by_num = question_by_number(survey)
    keep, overrides = [], []
    for line in lines:
        m = _OVERRIDE_RE.search(line)
        if m:
            n = int(next(m.group(i) for i in range(1, m.re.groups, 2) if m.group(i)))
            value = next(m.group(i) for i in range(2, m.re.groups + 1, 2) if m.group(i)).strip()
            # "det er nærmere hver dag": the words that carry the correction are no part of the value
            value = re.sub(r"(?i)^(?:det\s+er\s+|det\s+skal\s+være\s+|det\s+skal\s+vaere\s+)?"
                           r"(?:nærmere|naermere|snarere|faktisk|egentlig)\s+", "", value)
            if n in by_num:
                overrides.append((by_num[n], value))
                rest = (line[:m.start()] + line[m.end():]).strip()
                keep.append(rest if re.search(r"\d\s*[:.)]", rest) else "")
                continue
        keep.append(line)
    return keep, overrides
