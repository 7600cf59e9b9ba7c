"""Answers in question order, without numbers: one per line, per comma, or side by side."""
from __future__ import annotations

import re

from ..answers import UNCLEAR, Value, read_value
from ..definitions import Question, Survey
from ..evidence import POSITION_SENTENCE, WEAK_READING
from ..segments.topics import overlap, topic_words
from ..text import fold, words


def _read_all(pieces: list[str], questions: tuple[Question, ...], strict: bool) -> dict | None:
    """Pieces answer the questions in order; every piece must read."""
    if len(pieces) > len(questions):
        if questions[-1].type != "text" or len(pieces) > len(questions) + 3:
            return None
        n = len(questions)
        pieces = pieces[:n - 1] + [" ".join(pieces[n - 1:])]
    out = {}
    for piece, q in zip(pieces, questions):
        if q.type != "text" and len(words(piece)) > 7:
            return None  # a whole sentence is no answer by position: read it by topic instead
        if not strict and q.type in ("scale", "number") and len(words(piece)) >= 3:
            # "Vi har to biler, så 2" in the first place: about another question's topic, not this one's
            own = topic_words(piece)
            if own and not overlap(own, topic_words(q.text)) and any(
                    overlap(own, topic_words(o.text)) >= 1 for o in questions if o is not q):
                return None
        v = read_value(piece, q, strict=strict)
        if v.status == "none" and not strict and re.fullmatch(
                r"(?:ved\s+(?:det\s+)?ikke|aner\s+(?:det\s+)?ikke|spring\w*(?:\s+over)?|-+|x|ingen\s+kommentar(?:er)?)",
                fold(piece).strip(" .!?")):
            continue  # "Helt enig. Nej. Rygestop. Ved ikke": a shrug keeps its place and answers nothing
        if v.status == "none":
            return None
        if q.type == "text" and q is not questions[len(pieces) - 1]:
            return None  # a text answer in the middle of a list cannot be told apart
        if v.ok and q.type != "text" and not strict and len(words(piece)) >= 3:
            v = Value("ok", v.value, v.confidence * POSITION_SENTENCE * (1.0 if v.confidence >= 0.9 else WEAK_READING))
        out[q.key] = v
    return out


def _token_parse(tokens: list[str], questions: tuple[Question, ...]) -> dict | None:
    """'4 ja B AC 2 flere cykelstier': values side by side, text last."""
    results: list[dict] = []

    def go(pos: int, qi: int, acc: dict):
        if len(results) > 2:
            return
        if pos == len(tokens):
            if len(acc) >= 2:
                results.append(dict(acc))
            return
        if qi >= len(questions):
            return
        q = questions[qi]
        if q.type == "text":
            if qi == len(questions) - 1:
                v = read_value(" ".join(tokens[pos:]), q)
                if v.ok:
                    results.append({**acc, q.key: v})
            return
        found = []
        for k in (1, 2, 3, 4):
            if pos + k > len(tokens):
                break
            piece = " ".join(tokens[pos:pos + k])
            v = read_value(piece, q, strict=True)
            if k == 1 and v.status == "none" and q.type == "choice" and re.fullmatch(r"[a-hj-zA-HJ-Z]", piece) and (
                    ord(piece.lower()) - ord("a") >= len(q.options)):
                v = UNCLEAR  # "8 4 ja E 5": a letter past the options keeps its place, unread
            if v.status != "none" and (v.ok or k == 1):
                found.append((k, v))
        if any(k > 1 and v.ok for k, v in found):
            found = [(k, v) for k, v in found if v.ok]  # "helt uenig" is one value, not "helt" and "uenig"
        for k, v in found:
            acc[q.key] = v
            go(pos + k, qi + 1, acc)
            del acc[q.key]

    go(0, 0, {})
    if not results:
        return None
    first = results[0]
    for other in results[1:]:
        if {k: (v.status, repr(v.value)) for k, v in other.items()} != {k: (v.status, repr(v.value)) for k, v in first.items()}:
            return None
    return first


def ordered_answers(lines: list[str], survey: Survey) -> dict | None:
    qs = survey.questions
    body = [l.strip() for l in lines if l.strip()]
    body = [re.sub(r"^(?:svar|mine\s+svar|her\s+er\s+mine\s+svar)\s*:\s*", "", l, flags=re.I) for l in body]
    body = [l for l in body if l and not re.fullmatch(r"(?i)(?:her\s+er\s+)?(?:mine\s+)?svar\s*:?", l)]
    if not body:
        return None
    if len(body) >= 2:
        got = _read_all(body, qs, strict=False)
        if got:
            return got
    joined = " ".join(body)
    splitters = [r"\s*[,;]\s*", r"(?<=[^\d\s])[.!]\s+|(?<=\d)[.!]\s+(?=[A-ZÆØÅ])", r"\s+[-/|]\s+"]
    if " " not in joined.strip() and joined.count("/") >= 2:
        splitters.append(r"/")  # "4/ja/B/12" (but "4/5" is four out of five)
    for splitter in splitters:
        pieces = [p for p in re.split(splitter, joined) if p.strip()]
        if len(pieces) >= 2:
            got = _read_all(pieces, qs, strict=False)
            if got and len(got) >= 2:
                return got
    tokens = re.findall(r"\S+", re.sub(r"[,.;!]+(?=\s|$)", " ", joined))
    if 2 <= len(tokens) <= 60:
        return _agreed(_token_parse(tokens, qs), _one_numbered(tokens, survey))
    return None


def _one_numbered(tokens: list[str], survey: Survey) -> dict | None:
    """"3 ja": question 3's answer after its bare number, when the rest reads as that question's answer."""
    if len(tokens) < 2 or not re.fullmatch(r"\d{1,2}", tokens[0]):
        return None
    q = next((q for q in survey.questions if q.number == int(tokens[0])), None)
    if q is None or q.type == "text" or len(tokens) > 4:
        return None
    v = read_value(" ".join(tokens[1:]), q, strict=True)
    return {q.key: v} if v.ok else None


def _agreed(in_order: dict | None, numbered: dict | None) -> dict | None:
    """Both readings possible ("2 ja": question 2 = ja, or 1 = 2 and 2 = ja): keep what they agree on, and ask
    about the rest."""
    if in_order is None or numbered is None:
        return in_order or numbered
    out = {}
    for key in in_order.keys() | numbered.keys():
        a, b = in_order.get(key), numbered.get(key)
        out[key] = a if a is not None and b is not None and a.ok and b.ok and a.value == b.value else UNCLEAR
    return out
