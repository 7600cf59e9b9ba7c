"""Own words and quoted text: each line of the body gets a role.

- '>' lines are quoted.
- An attribution ("Den ... kl. 10.15 skrev ...:", "On ... wrote:", Gmail's
  verbless "2027-01-07 10:15 GMT+01:00 Name <addr>:") is dropped when a
  quote follows it.  It is found from its end (the line ending in ':')
  backwards, one to three lines, starting where its date starts: the
  person's last line right above it, with no blank line between, stays
  theirs, and so do words typed on the same line before it.  Lines the
  HTML marked as an attribution are dropped whatever they say.
- A header block ("Fra:/Sendt:/Til:/Emne:" and its Swedish, Norwegian,
  German and English forms: three header lines at least), a separator
  ("-----Oprindelig meddelelse-----") or a strong attribution (date, time
  and address) starts the un-prefixed original, which is quoted to the end.
- Answers typed inside a quoted invitation stay own words: inside an
  un-prefixed original and inside a '>' quote alike, an un-indented line
  right under a numbered question (the invitation indents its hints and
  options under the question) is typed by the person, up to the blank line
  that ends the question.

The words are in `quote_patterns.py`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .model import ATTRIBUTION, ORIGINAL_FOLLOWS
from .quote_patterns import (
    ADDRESS,
    ANSWER_LABEL,
    ATTRIBUTION_VERB,
    DATE_FIRST,
    HEADER_KIND,
    HEADER_LINE,
    OPENER,
    QUESTION,
    RULE,
    SEPARATOR,
    TIME,
    YEAR,
)

_QUOTE_MARK = re.compile(r"^[ \t]{0,3}((?:>[ \t]?)+)")
_SENTENCE_END = re.compile(r"(?<=[^\W\d_])[.!?]+\s+")
_WORD_START = re.compile(r"(?:(?<=\s)|^)(?=\S)")


@dataclass
class Line:
    text: str               # without quote markers
    depth: int              # number of '>' markers
    role: str               # "own", "quoted" or "drop"
    marked: bool = False    # the HTML said: an attribution line


def split_lines(text: str) -> list[Line]:
    lines = []
    for raw in text.split("\n"):
        raw = raw.rstrip()
        m = _QUOTE_MARK.match(raw) if raw[:1] in (">", " ", "\t") else None
        depth, raw = (m.group(1).count(">"), raw[m.end():]) if m else (0, raw)
        marked = raw.startswith(ATTRIBUTION)
        lines.append(Line(raw.lstrip(ATTRIBUTION) if marked else raw, depth, "quoted" if depth else "own", marked))
    return lines


def mark_quotes(lines: list[Line]) -> None:
    """Set each line's role: own words, quoted text, or dropped (attributions, headers)."""
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.text.strip():
            i += 1
            continue
        if line.marked:
            line.role = "drop"
            i += 1
            continue
        if line.depth == 0 and _starts_original(lines, i):
            _mark_original(lines, i)
            break
        n = _attribution_at(lines, i)
        if not n and _ends_above_quote(lines, i) and _split_own_words(lines, i):
            i += 1  # words typed before an attribution that does not open its line ("... 2027-06-02 9:12 ...:")
            continue
        if n:
            after = _next_filled(lines, i + n)
            at_boundary = after is None or lines[after].depth > line.depth or (
                line.depth == 0 and _starts_original(lines, after))
            strong = is_strong_attribution(" ".join(l.text.strip() for l in lines[i:i + n]))
            if at_boundary or line.depth or strong:
                if n == 1 and _split_own_words(lines, i):
                    i += 1  # the words typed before it on its line stay own
                for k in range(i, i + n):
                    lines[k].role = "drop"
                if not (at_boundary or line.depth):
                    _mark_original(lines, i + n, header_done=True)
                    break
                i += n
                continue
        i += 1
    mark_inline_answers(lines)


def _ends_above_quote(lines: list[Line], i: int) -> bool:
    """Does line i end in ':' right above a deeper quote?"""
    if not lines[i].text.rstrip().endswith(":"):
        return False
    after = _next_filled(lines, i + 1)
    return after is not None and lines[after].depth > lines[i].depth


def _next_filled(lines: list[Line], i: int) -> int | None:
    while i < len(lines):
        if lines[i].text.strip():
            return i
        i += 1
    return None


# ---------------------------------------------------------------------------
# Attributions
# ---------------------------------------------------------------------------

def is_attribution(text: str) -> bool:
    """'<when>, <who> wrote:' with a time or an address; or, verbless, a date first and an address."""
    text = text.strip()
    if len(text) > 300 or not text.endswith(":"):
        return False
    if ATTRIBUTION_VERB.search(text):
        return bool(TIME.search(text) or ADDRESS.search(text))
    return bool(DATE_FIRST.match(text) and ADDRESS.search(text))


def is_strong_attribution(text: str) -> bool:
    """An attribution that needs no quote after it: date, time, address and 'skrev'/'wrote'."""
    return is_attribution(text) and bool(TIME.search(text) and YEAR.search(text) and ADDRESS.search(text))


def _starts_with_opener(text: str) -> bool:
    return bool(OPENER.match(text.strip()))


def _attribution_at(lines: list[Line], i: int) -> int:
    """Number of lines (1-3) of an attribution starting at line i, or 0.

    The attribution ends at the first of the next three lines ending in ':';
    it starts at the latest line from which it reads as an attribution and
    which opens like one ("Den", "On", "Am", a weekday, a date), else at the
    latest line from which it reads as one at all.
    """
    end = None
    for k in range(3):
        j = i + k
        if j >= len(lines) or lines[j].depth != lines[i].depth or not lines[j].text.strip() or lines[j].marked:
            return 0
        if lines[j].text.rstrip().endswith(":"):
            end = j
            break
    if end is None:
        return 0
    valid, opened = [], []
    joined = ""
    for s in range(end, max(end - 3, -1), -1):
        if lines[s].depth != lines[end].depth or not lines[s].text.strip() or lines[s].marked:
            break
        joined = (lines[s].text.strip() + " " + joined).strip()
        if is_attribution(joined):
            valid.append(s)
            if _starts_with_opener(lines[s].text):
                opened.append(s)
    start = opened[0] if opened else (valid[0] if valid else None)
    return end - i + 1 if start == i else 0


def _split_own_words(lines: list[Line], i: int) -> bool:
    """Words typed on the attribution's line before it ("Ja tak Den 24. nov. ... skrev ...:"):
    split them off as a line of their own.  True when the line was split."""
    text = lines[i].text
    if _starts_with_opener(text):
        return False
    starts = sorted({m.start() for m in _WORD_START.finditer(text) if OPENER.match(text, m.start())}
                    | {m.end() for m in _SENTENCE_END.finditer(text)})
    for p in starts:
        head, tail = text[:p].rstrip(), text[p:]
        if p and head.strip() and is_attribution(tail):
            lines[i:i + 1] = [Line(head, lines[i].depth, lines[i].role), Line(tail, lines[i].depth, lines[i].role)]
            return True
    return False


# ---------------------------------------------------------------------------
# Un-prefixed originals: header blocks and separators
# ---------------------------------------------------------------------------

def _header_kind(m: re.Match) -> str:
    return HEADER_KIND.get(" ".join(m.group(1).lower().split()), "other")


def _header_block_at(lines: list[Line], i: int) -> int:
    """Number of lines of a quoted-message header block at i (Fra:/Sendt:/Til:/Emne:), or 0.

    At least three header lines in a row, one of them "Fra:"/"From:" and one
    a date or subject: a lone "Fra: ..." or "Til: ..." line is everyday text.
    """
    if lines[i].depth or not HEADER_LINE.match(lines[i].text):
        return 0
    k, kinds, count = i, set(), 0
    while k < len(lines) and k <= i + 10 and lines[k].depth == 0 and lines[k].text.strip():
        m = HEADER_LINE.match(lines[k].text)
        if m:
            kinds.add(_header_kind(m))
            count += 1
        elif not lines[k].text.startswith((" ", "\t")):  # not a wrapped continuation
            break
        k += 1
    return k - i if count >= 3 and "from" in kinds and kinds & {"date", "subject"} else 0


def _starts_original(lines: list[Line], i: int) -> bool:
    """Does the un-prefixed original of an Outlook-style reply start at line i?"""
    text = lines[i].text
    if lines[i].depth:
        return False
    if text == ORIGINAL_FOLLOWS or SEPARATOR.match(text):
        return True
    if RULE.match(text):
        k = _next_filled(lines, i + 1)
        return k is not None and k <= i + 2 and _header_block_at(lines, k) > 0
    return _header_block_at(lines, i) > 0


def _mark_original(lines: list[Line], start: int, header_done: bool = False) -> None:
    """From `start` on everything is the quoted original (answers typed into it are found later)."""
    i = start
    while i < len(lines) and not header_done:
        text = lines[i].text
        if not text.strip():
            lines[i].role = "quoted"
            i += 1
            continue
        if text == ORIGINAL_FOLLOWS or SEPARATOR.match(text) or RULE.match(text):
            lines[i].role = "drop"
            i += 1
            continue
        n = _header_block_at(lines, i)
        for k in range(i, i + n):
            lines[k].role = "drop"
        i += n
        break
    for k in range(i, len(lines)):
        if lines[k].role != "drop":
            lines[k].role = "quoted"


# ---------------------------------------------------------------------------
# Answers typed inside the quoted invitation
# ---------------------------------------------------------------------------

_COMPLETE = re.compile(r"[.?!:)\]]\s*$")


def mark_inline_answers(lines: list[Line]) -> None:
    """Lines typed right under a quoted question are own words.

    Invitations number their questions and indent the hints and options
    under them.  Where a quote is laid out so (one question at least with an
    indented line right under it), an un-indented line right after a
    question and its indented lines, before the blank line that ends the
    question, was typed there by the person, and so are the lines after it
    up to that blank line.  The next numbered question, and the rest of a
    long line wrapped without its indent, are not answers.  A line under a
    question that starts with an answer label ("Svar:", "Answer:") is typed
    by the person however it is laid out.
    """
    for start, end in _quoted_regions(lines):
        region = lines[start:end]
        laid_out = any(QUESTION.match(a.text) and b.text[:1] in (" ", "\t") and b.text.strip()
                       for a, b in zip(region, region[1:]))
        if not laid_out and not any(ANSWER_LABEL.match(line.text) for line in region):
            continue
        number, prev, answering = None, "", False
        for line in region:
            text = line.text
            if not text.strip():
                number, prev, answering = None, "", False
                continue
            if answering:
                line.role = "own"
                continue
            if number is not None and (ANSWER_LABEL.match(text) or laid_out and not text[0].isspace()
                                       and not _is_next_question(text, number) and not _continues(prev, text)):
                line.role = "own"
                answering = True
                continue
            if QUESTION.match(text):
                number = int(re.match(r"\s*(\d+)", text).group(1))
            elif laid_out and not text[0].isspace():
                number = None
            prev = text


def _quoted_regions(lines: list[Line]) -> list[tuple[int, int]]:
    """(start, end) of each run of quoted lines at one depth."""
    regions, start = [], None
    for k, line in enumerate(lines + [Line("", -1, "own")]):
        if start is not None and (line.role != "quoted" or line.depth != lines[start].depth):
            regions.append((start, k))
            start = None
        if start is None and line.role == "quoted":
            start = k
    return regions


def _is_next_question(text: str, number: int) -> bool:
    m = QUESTION.match(text) and re.match(r"\s*(\d+)", text)
    return bool(m) and int(m.group(1)) == number + 1


def _continues(prev: str, text: str) -> bool:
    """Is `text` the rest of a long line `prev`, wrapped without its indent?"""
    return len(prev.strip()) >= 60 and not _COMPLETE.search(prev) and text.lstrip()[:1].islower()
