"""Answers written after their question's number: "1: 4", "spm 2: ja", "1:5 2:ja 3:C", "1 4 / 2 ja"."""
from __future__ import annotations

import re

from ..answers import read_value
from ..definitions import Question, Survey
from ..refs import SPM, question_by_number
from ..text import fold, sentences, standard_words, words

_LINE_MARK_RE = re.compile(
    r"^\s*(?:" + SPM + r"\.?\s*)?(\d{1,2})\s*(?:[:.)\]=]|\s-\s?|-\s|\s–\s)\s*(.*)$", re.I)
_LINE_MARK_SPM_RE = re.compile(r"^\s*" + SPM + r"\.?\s*(\d{1,2})\s*[:.)\-]?\s+(.*)$", re.I)
_MID_MARK_RE = re.compile(r"(?:(?<=\s)|(?<=^)|(?<=[,;]))(\d{1,2})\s*[:)=]\s*|(?<=[,;]\s)(\d{1,2})\s+-\s+", re.I)
_SPM_ANYWHERE_RE = re.compile(r"(?:\b|(?<=\s)|^)" + SPM + r"\.?\s*(\d{1,2})\b(?:[^:\n?]{0,30}?)\s*:\s*", re.I)
_SPM_MID_RE = re.compile(r"(?:(?<=\s)|^)" + SPM + r"\.?\s*(\d{1,2})\s*[:.)=-]?\s+", re.I)
# "Jeg vil bare sige til spørgsmål 6 at vi mangler en læge": an answer introduced in a sentence
_SPM_REF_RE = re.compile(r"\b(?:til|angaaende|angående|vedr\.?|vedrørende|vedroerende|ang\.)\s+(?:" + SPM +
                         r")\.?\s*(\d{1,2})\b\s*(?:[:,\-]\s*)?(?:(?:vil|skal|kan)\s+jeg\s+(?:bare\s+|lige\s+|gerne\s+)*"
                         r"(?:sige|svare|skrive|tilføje|tilfoeje)\s+)?(?:at\s+|så\s+|saa\s+)?", re.I)





_DASH_PAIR_RE = re.compile(r"^\s*(\d{1,2})\s*-\s*(\S.*?)\s*$")


def _without_greeting(line: str) -> str:
    """"Hej 😊 1 ja, 2 nej": a greeting word before the answers on their line."""
    return re.sub(r"^\s*(?:hej|hejsa|hi|hello|hallo|goddag|dav)\b[\s,.!:;\W]*(?=\d)", "", line, flags=re.I)


def _dash_pairs(line: str, by_num: dict) -> str:
    """'1-4, 2-ja, 3-C': number-dash-answer pairs cut by commas are numbered answers ("1: 4, 2: ja"),
    when every piece is such a pair and the numbers go up.  "1-4" alone stays a range."""
    pieces = re.split(r"\s*[,;]\s*(?=\d{1,2}\s*-)|\s+(?=\d{1,2}-\S)", line)
    if len(pieces) < 2:
        pieces = re.split(r"\s*[,;]\s*(?=\d{1,2}\s+\S)", line)  # "1 ja, 2 helt enig, 3 alt"
        pairs = [re.match(r"^\s*(\d{1,2})\s+(\S.*?)\s*$", p) for p in pieces]
        if len(pieces) < 3 or not all(pairs):
            return line
    else:
        pairs = [_DASH_PAIR_RE.match(p) for p in pieces]
    if not all(pairs):
        return line
    nums = [int(m.group(1)) for m in pairs]
    if any(n not in by_num for n in nums) or any(b <= a for a, b in zip(nums, nums[1:])):
        return line
    return ", ".join(f"{m.group(1)}: {m.group(2)}" for m in pairs)


def _dash_lines(lines: list[str], by_num: dict) -> list[str]:
    """'1-4 / 2-ja / 3-5': lines of number-dash-answer, two or more in a row with the numbers going up, are
    numbered answers ("1: 4"); a line "1-4" alone stays a range."""
    pairs = [_DASH_PAIR_RE.match(line) for line in lines]
    nums = [int(m.group(1)) if m and int(m.group(1)) in by_num else None for m in pairs]
    out = list(lines)
    i = 0
    while i < len(lines):
        j = i
        while j + 1 < len(lines) and nums[j] is not None and nums[j + 1] is not None and nums[j + 1] > nums[j]:
            j += 1
        if j > i:
            for k in range(i, j + 1):
                out[k] = f"{pairs[k].group(1)}: {pairs[k].group(2)}"
        i = j + 1
    return out


_SHARED_RE = re.compile(r"^\s*(?:" + SPM + r"\.?\s*)?(\d{1,2})\s*(?:\+|&|,|og)\s*(\d{1,2})\s*[:=)]\s*(\S.*)$", re.I)


def _shared_answer(line: str, by_num: dict) -> list[str]:
    """'2+3: ja', '2 og 3: nej': one answer to two questions of the same kind, written once."""
    m = _SHARED_RE.match(line)
    if not m:
        return [line]
    a, b = int(m.group(1)), int(m.group(2))
    qa, qb = by_num.get(a), by_num.get(b)
    if qa is None or qb is None or a == b or qa.type != qb.type or qa.type == "text" or (
            qa.type == "choice" and [o.label for o in qa.options] != [o.label for o in qb.options]) or (
            qa.type in ("scale", "number") and (qa.min, qa.max) != (qb.min, qb.max)):
        return [line]
    return [f"{a}: {m.group(3)}", f"{b}: {m.group(3)}"]


_IS_MARK_RE = re.compile(r"(?:(?<=^)|(?<=[\s,.;]))(\d{1,2})\s+(?:er|is|ist|=)\s+(?=\S)", re.I)


def _is_to_colon(line: str) -> str:
    """"1 er 3 og 2 er nej": a question's number and "er" before its answer, written as "1: 3 og 2: nej" when
    the line starts that way or says it twice (not "de 2 er gode")."""
    marks = list(_IS_MARK_RE.finditer(line))
    if len(marks) >= 2 or (marks and not line[:marks[0].start()].strip()):
        return _IS_MARK_RE.sub(r"\1: ", line)
    return line


def numbered_segments(lines: list[str], survey: Survey) -> list[tuple[Question, str]] | None:
    """Answers written after their question's number, on their own line or
    several to a line ("1:5 2:ja 3:C", "1) 2 2) ja", "1 - 4, 2 - ja")."""
    by_num = question_by_number(survey)
    lines = _dash_lines([_is_to_colon(line) for line in lines], by_num)
    lines = [_dash_pairs(_without_greeting(line), by_num) if re.match(r"^\s*\d{1,2}\s*[-\s]", _without_greeting(line))
             else line for line in lines]
    lines = [l for line in lines for l in _shared_answer(line, by_num)]
    segs: list[tuple[int, list[str]]] = []
    marker_lines = 0
    blank_after = False
    for line in lines:
        if not line.strip():
            # "men til spørgsmål 6:" and the answer after a blank line: an empty marker waits for it
            if not (segs and not any(p.strip() for p in segs[-1][1])):
                blank_after = True
            continue
        m = _LINE_MARK_SPM_RE.match(line) or _LINE_MARK_RE.match(line)
        if m and int(m.group(1)) in by_num:
            marker_lines += 1
            dot = bool(re.match(r"^\s*(?:" + SPM + r"\.?\s*)?\d{1,2}\.\s*\S", line, re.I))
            segs.extend(_split_mid(int(m.group(1)), m.group(2), by_num, dot=dot))
            blank_after = False
            continue
        m = _SPM_ANYWHERE_RE.search(line)
        if m and int(m.group(1)) in by_num:
            marker_lines += 1
            segs.extend(_split_mid(int(m.group(1)), line[m.end():], by_num))
            blank_after = False
            continue
        m = _SPM_REF_RE.search(line)
        if m and int(m.group(1)) in by_num and re.search(r"\w", line[m.end():]) and not line.rstrip().endswith("?"):
            marker_lines += 1
            segs.append((int(m.group(1)), [line[m.end():].strip()]))
            blank_after = False
            continue
        # "Jeg har kun tid til de første to: 1) 9 2) ja": numbered answers after an opening remark
        mids = list(_MID_MARK_RE.finditer(line))
        dotted = False
        if len(mids) < 3:
            # "Hej det er Gurli. 1. Tilfreds 2. Ja 3. Rent": "N." markers counting up from the first question
            dots = list(_MID_DOT_RE.finditer(line))
            if len(dots) >= 3 and [int(d.group(1)) for d in dots] == list(range(min(by_num), min(by_num) + len(dots))):
                mids, dotted = dots, True
        opening = line[:mids[0].start()].rstrip() if mids else ""
        # "Hej. 1) 4 2) nej 3) SMS": after a short greeting sentence, a run from the first question
        if len(mids) >= 2 and (opening.endswith(":") or len(mids) >= 3 and re.search(r"[.!,]$", opening) and len(
                words(opening)) <= 8 and (mids[0].group(1) or mids[0].group(2)) == str(min(by_num))):
            n0 = int(mids[0].group(1) or mids[0].group(2))
            parts = _split_mid(n0, line[mids[0].end():], by_num, dot=dotted) if n0 in by_num else []
            if len(parts) >= 2:
                marker_lines += 1
                segs.extend(parts)
                blank_after = False
                continue
        # an unnumbered line right under a numbered one continues it (text answers)
        if segs and not blank_after and by_num[segs[-1][0]].type == "text":
            segs[-1][1].append(line.strip())
        elif segs and not blank_after:
            segs[-1][1].append(line.strip())
        blank_after = False
    if not marker_lines:
        return None
    if marker_lines == 1 and len(segs) == 1 and re.match(r"^\s*\d{1,2}\s+-\s+\S", next(
            (l for l in lines if l.strip()), "")) and len(sentences(segs[0][1][0])) >= 2:
        return None  # "5 - vi elsker vores hus. Vi flytter ikke. ...": a value and a comment, not question 5
    out = []
    for n, parts in segs:
        q = by_num[n]
        if q.type != "text":
            parts = parts[:1]  # a comment on the next line is no part of a short answer
        out.append((q, "\n".join(parts).strip()))
    return out


def _without_intro(body: list[str]) -> list[str]:
    """"Her er mine svar:", "Hej igen." before the answers: up to two opening lines with no digit."""
    n = 0
    while n < min(2, len(body) - 2) and not re.search(r"\d", body[n]) and len(words(body[n])) <= 6:
        n += 1
    return body[n:]


def bare_numbered_segments(lines: list[str], survey: Survey) -> list[tuple[Question, str]] | None:
    """'1 4\n2 ja\n3 b': every line a question number, a space and an answer."""
    by_num = question_by_number(survey)
    body = _without_intro([l.strip() for l in lines if l.strip()])
    if len(body) < 2:
        return None
    out, seen = [], set()
    for i, line in enumerate(body):
        m = re.match(r"^(\d{1,2})\s+(\S.*)$", line)
        if not m and len(out) >= 2 and not any(re.match(r"^\d", l) for l in body[i:]):
            break  # "1 uenig / 3 nej / Resten ved jeg ikke noget om.": a closing comment
        if not m or int(m.group(1)) not in by_num or int(m.group(1)) in seen:
            return None
        seen.add(int(m.group(1)))
        out.append((by_num[int(m.group(1))], m.group(2)))
    return out


_MAX_PIECE = 5  # words in one answer of a paired reply ("b c og f")


def paired_segments(lines: list[str], survey: Survey) -> list[tuple[Question, str]] | None:
    """'1 9 2 ja 3 a 4 bd 5 2': question numbers and answers side by side with
    only spaces between.  Read only when the question numbers go strictly up,
    every answer fits its question's type, and the reply cuts one way only."""
    by_num = question_by_number(survey)
    body = " ".join(l.strip() for l in lines if l.strip())
    opening = re.match(r"^[^\d]*?[.!:]\s+(?=1\s)", body)  # "Hej jeg bor i Tarm med fem børn. 1 6 2 ja ..."
    if opening and len(words(opening.group(0))) <= 12:
        body = body[opening.end():]
    whole = _paired(body, by_num)
    if whole is not None:
        return whole
    # "1 4 2 ja 3 12 4 b. Fedt sted! Hvornår kommer resultaterne?": the answers, then a remark of its own
    # (a new sentence or line starting with a word); read only when the answers run to three or more
    ends = [m.start() for m in re.finditer(r"[.!?]+\s+(?=[^\W\d])", body)]
    ends += [len(" ".join(l.strip() for l in lines[:i] if l.strip())) for i in range(1, len(lines))
             if lines[i].strip()[:1].isalpha()]
    for end in sorted(set(e for e in ends if e > 0)):
        head = _paired(body[:end], by_num)
        if head is not None and len(head) >= 3:
            return head
    return None


def _paired(body: str, by_num: dict[int, Question]) -> list[tuple[Question, str]] | None:
    tokens = re.findall(r"\S+", re.sub(r"[,;.]+(?=\s|$)", " ", body))
    if not 4 <= len(tokens) <= 40 or not re.fullmatch(r"\d{1,2}", tokens[0]):
        return None
    results: list[list[tuple[Question, str]]] = []

    def go(pos: int, last: int, acc: list):
        if len(results) > 16:
            return
        if pos == len(tokens):
            if len(acc) >= 2:
                results.append(list(acc))
            return
        t = tokens[pos]
        if not re.fullmatch(r"\d{1,2}", t) or int(t) not in by_num or int(t) <= last:
            return
        q = by_num[int(t)]
        if q.type == "text":
            if pos + 1 < len(tokens) and q.number == max(by_num) and len(acc) >= 2:
                results.append(acc + [(q, " ".join(tokens[pos + 1:]))])
            return
        for k in range(1, _MAX_PIECE + 1):
            end = pos + 1 + k
            if end > len(tokens):
                break
            piece = " ".join(tokens[pos + 1:end])
            closed = end == len(tokens) or (re.fullmatch(r"\d{1,2}", tokens[end]) and int(tokens[end]) in by_num
                                            and int(tokens[end]) > q.number)
            # a strict reading of up to three words; or a looser one ("en snes", "sauna og omklædning", a close
            # form of a label) only when the very next question's number (or the end) closes it
            if (k <= 3 and read_value(piece, q, strict=True).ok) or (
                    closed and not re.search(r"\d", piece) and read_value(piece, q).ok):
                acc.append((q, piece))
                go(end, int(t), acc)
                acc.pop()

    go(0, 0, [])
    # of the ways to cut it, the one that answers the most questions ("2 alt 3 ja" is 2: alt, 3: ja, not
    # 2: "alt 3 ja"), when it is the only such one
    most = [r for r in results if len(r) == max((len(r) for r in results), default=0)]
    if len(most) != 1 or len(results) > 16:
        return None
    return most[0]


_MID_BARE_RE = re.compile(r"(?<=[.!;]\s)(\d{1,2})\s+(?=[^\W\d])")
_MID_DOT_RE = re.compile(r"(?<=\s)(\d{1,2})\.\s*(?=\S)")


def _split_mid(first: int, rest: str, by_num: dict[int, Question], dot: bool = False) -> list[tuple[int, list[str]]]:
    """'3 2: ja 3: D 4: tekst' after a line marker: further markers on the line
    count when their numbers go up and name questions.  After a '1.' marker,
    '2.' counts too, but only as the very next number ("1. 10 2. Ja 3. A")."""
    out = [(first, [])]
    last = first
    pos = 0
    buf_start = 0
    while True:
        m = _MID_MARK_RE.search(rest, pos)
        w = _SPM_MID_RE.search(rest, pos)  # "spm1 4 spm2 ja": the question word marks it, no colon needed
        if w and (not m or w.start() < m.start()):
            m = w
        b = _MID_BARE_RE.search(rest, pos)
        # the next question, or the one after a skipped one; never right after a marker ("5. 6 eller 7" is 5's)
        while b and (int(b.group(1)) not in (last + 1, last + 2) or not rest[buf_start:b.start()].strip(" ,;.!")):
            b = _MID_BARE_RE.search(rest, b.end())
        if b and (not m or b.start() < m.start()):
            m = b
        if dot:
            d = _MID_DOT_RE.search(rest, pos)
            while d and int(d.group(1)) != last + 1:
                d = _MID_DOT_RE.search(rest, d.end())
            if d and (not m or d.start() < m.start()):
                m = d
        if not m:
            break
        n = int(m.group(1) or (m.group(2) if m.re is _MID_MARK_RE else None))
        if n in by_num and n > last and by_num[last].type != "text" or (
                n in by_num and n == last + 1 and by_num[last].type == "text" and re.search(r"[,;]\s*$|^\s*$", rest[:m.start()][-3:] or " ")):
            out[-1][1].append(rest[buf_start:m.start()].strip(" ,;"))
            out.append((n, []))
            last = n
            buf_start = m.end()
        pos = m.end()
    out[-1][1].append(rest[buf_start:].strip(" ,;"))
    # "1: 3 og 2: ja": the joining word belongs to neither answer
    return [(n, [re.sub(r"\s+(?:og|samt)$", "", p[0], flags=re.I)]) for n, p in out]


# "nej til 2", "jeg giver en 7'er til spørgsmål 1", "æ ska sige te 1 at det er 3": a value said to a question by
# its number, inside a sentence.  A number before a bare number is a range ("3 til 4 gange"), never a pair.
_VALUE_WORD = r"(?:ja|jo|nej|yes|no|[a-h]|\d{1,2}(?:\s*'\s*er)?)"
_VALUE_TO_RE = re.compile(r"(?:^|(?<=[,.;:!]\s)|\bsaa\s+|\bog\s+|\bgiver\s+(?:en\s+)?)(" + _VALUE_WORD + r")\s+(?:til|for|to)\s+"
                          r"(spm\.?\s*|spoergsmaal\s+|nr\.?\s*|question\s+|frage\s+)?(\d{1,2})(?=\s*(?:$|[,.;!?]|og\b|and\b))")
_TO_VALUE_RE = re.compile(r"\b(?:til|te|for)\s+(?:spm\.?\s*|spoergsmaal\s+|nr\.?\s*)?(\d{1,2})\s*(?:at\s+det\s+er|er|:|=|"
                          r"skal\s+vaere)\s+(" + _VALUE_WORD + r")(?=\s*(?:$|[,.;!?]))")


# "spring 3 over", "spring spørgsmål 2 og 4 over", "skip question 5": questions passed over by number
_SKIP_NUMBERED_RE = re.compile(r"\b(?:spring|springer|skip|skipper|pass?er?\s+paa)\s+(?:over\s+)?(?:spm\.?\s*|spoergsmaal\s+|"
                               r"nr\.?\s*|question\s+|frage\s+)?(\d{1,2})((?:\s*(?:,|og|and|\+)\s*\d{1,2})*)(?:\s+over)?\b")


def value_to_question(lines: list[str], survey: Survey) -> tuple[list[str], list[tuple[Question, str]]]:
    """Take out the sentences that give a value to a question by its number, or pass questions over by number,
    and the pairs they give."""
    by_num = question_by_number(survey)
    pairs: list[tuple[Question, str]] = []
    kept = []
    for line in lines:
        for sentence in sentences(line):
            said = _pairs_in(standard_words(fold(sentence)), by_num)
            if said:
                pairs.extend(said)
                line = line.replace(sentence, "", 1)
        kept.append(line if line.strip(" .,;:-") else "")
    return kept, pairs


def _pairs_in(f: str, by_num: dict[int, Question]) -> list[tuple[Question, str]]:
    pairs = []
    for m in _VALUE_TO_RE.finditer(f):
        n, value = int(m.group(3)), m.group(1)
        if n in by_num and (m.group(2) or not value[0].isdigit()):
            pairs.append((by_num[n], value))
    for m in _SKIP_NUMBERED_RE.finditer(f):
        for n in [int(m.group(1))] + [int(x) for x in re.findall(r"\d{1,2}", m.group(2))]:
            if n in by_num:
                pairs.append((by_num[n], "spring over"))
    for m in _TO_VALUE_RE.finditer(f):
        n = int(m.group(1))
        if n in by_num:
            pairs.append((by_num[n], m.group(2)))
    return pairs
