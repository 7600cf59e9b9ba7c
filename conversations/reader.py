"""The reader: one reply's own words against a survey or meeting -> a Reading."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from .answers import UNCLEAR, Value, read_value
from .corrections import Correction, apply_corrections, find_corrections
from .definitions import Meeting, Question, Survey
from .evidence import THRESHOLD
from .intents import (
    NOT_UNDERSTOOD_RE,
    asks_staff,
    is_auto_text,
    is_meta_question,
    is_question,
    is_remark,
    only_questions,
)
from .language import is_foreign
from .leaving import leaving
from .reading import Reading
from .refs import SPM
from .rsvp import read_rsvp
from .segments.echoed import echoed_segments
from .segments.inline import inline_answers
from .segments.labelled import labelled_segments
from .segments.numbered import (
    bare_numbered_segments,
    numbered_segments,
    paired_segments,
    value_to_question,
)
from .segments.ordered import ordered_answers
from .segments.prose import prose_answers
from .segments.topics import overlap, topic_words
from .signoffs import own_lines
from .text import FOREIGN, clean, fold, sentences, words


@dataclass
class Found:
    values: dict  # key -> Value
    source: dict  # key -> str

    def put(self, key: str, v: Value, source: str, *, override: bool = False):
        if v.status == "none":
            return
        old = self.values.get(key)
        if old is not None and not override:
            if old.status == "ok" and v.status == "ok" and old.value != v.value:
                self.values[key] = UNCLEAR  # two answers, no correction word
            elif old.status != "ok" and v.status == "ok" and self.source.get(key) == source:
                pass
            return
        self.values[key] = v
        self.source[key] = source


def read_survey(body_lines: list[str], survey: Survey, *, awaiting: str | None, blocks=()) -> Found:
    found = Found({}, {})
    lines, corrections = find_corrections(body_lines, survey)
    lines, said = value_to_question(lines, survey)
    corrections += [Correction(q, text, None, True) for q, text in said]
    scope = [survey.question(awaiting)] if awaiting and survey.question(awaiting) else None

    if blocks:
        inline, rest = inline_answers(blocks, survey)
        if inline:
            for k, v in inline.items():
                found.put(k, v, "inline")
            extra = numbered_segments(own_lines("\n".join(rest)), survey) or []
            for q, text in extra:
                if q.key not in found.values:
                    found.put(q.key, _segment_value(text, q), "numbered")
            apply_corrections(found, corrections, survey, scope=scope)
            return found

    echoed = echoed_segments(lines, survey)  # "Hvor tilfreds er du med ...? 4": the question copied, then its answer
    if echoed:
        for q, text in echoed:
            found.put(q.key, _segment_value(text, q), "numbered")
        apply_corrections(found, corrections, survey, scope=scope)
        return found

    numbered = numbered_segments(lines, survey)
    if numbered and awaiting and len(numbered) < 2 and not re.search(r"(?i)\b" + SPM, "\n".join(lines)):
        # one bare answer to the awaited question, not "question 3"; but "3: C" that reads as
        # question 3's answer, and not as the awaited one's, answers question 3
        (nq, ntext), = numbered
        aq = survey.question(awaiting)
        marked = re.match(r"^\s*\d{1,2}\s*[:)=]\s*\S", "\n".join(l for l in lines if l.strip()))
        if not marked or (nq.type == "text" and aq is not None and aq is not nq and
                          read_value("\n".join(lines), aq).ok):
            numbered = None
    if numbered is None:
        numbered = bare_numbered_segments(lines, survey)
    if numbered is None and (not awaiting or len(words(" ".join(lines))) >= 6):
        numbered = paired_segments(lines, survey)
    if numbered is None:
        numbered = labelled_segments(lines, survey)
    if numbered:
        for q, text in numbered:
            found.put(q.key, _segment_value(text, q), "numbered")
        apply_corrections(found, corrections, survey, scope=scope)
        return found

    body = "\n".join(lines).strip()
    if awaiting:
        q = survey.question(awaiting)
        if q is not None and (is_meta_question(body) if q.type == "text" else only_questions(body)) or (
                NOT_UNDERSTOOD_RE.search(fold(body)) and len(words(body)) <= 10):
            return found  # "Hvad betyder det?", "Hvorfor vil I vide om jeg har hund?" ask staff; no answer
        if q is not None:
            v = read_value(body, q)
            if v.status == "none" and q.type != "text" and re.search(r"\w|[^\x00-\x7f]", body) and not any(
                    is_question(s) for s in sentences(body)) and not (len(words(body)) >= 8 and is_remark(body)):
                v = UNCLEAR  # a try at the one question asked ("👍", "nogle gange", "aner det ikke"): ask again
            if v.status != "none":
                found.put(q.key, v, "awaiting")
            apply_corrections(found, corrections, survey, scope=scope)
            return found

    ordered = ordered_answers(lines, survey)
    if ordered:
        for k, v in ordered.items():
            found.put(k, v, "ordered")
        apply_corrections(found, corrections, survey, scope=scope)
        return found

    prose = prose_answers(body, survey)
    if sum(1 for v in prose.values() if v.ok) >= 2 or (len(survey.questions) == 1 and any(
            v.ok for v in prose.values())):
        for k, v in prose.items():
            found.put(k, v, "prose")
    apply_corrections(found, corrections, survey, scope=scope)
    return found


def _segment_value(text: str, q: Question) -> Value:
    """A numbered segment: the panelist meant this question, so an answer
    that cannot be read is unclear (unless it is empty or a shrug)."""
    v = read_value(text, q)
    if v.status == "none" and q.type != "text":
        f = fold(text).strip(" -.?!")
        if f and not re.fullmatch(r"(?:ved\s+ikke|spring\w*(?:\s+over)?|-+|x|ingen\s+kommentar)", f):
            return UNCLEAR
    return v


# ---------------------------------------------------------------------------
# Meeting reading


def understand_text(text: str, definition, *, channel: str = "sms", awaiting: str | None = None,
                    blocks: Iterable = (), subject: str = "") -> Reading:
    """Read what a panelist wrote (own words only) against a definition."""
    token = FOREIGN.set(is_foreign(text or ""))
    try:
        return _understand(text, definition, channel=channel, awaiting=awaiting, blocks=blocks, subject=subject)
    finally:
        FOREIGN.reset(token)


def _understand(text: str, definition, *, channel: str, awaiting: str | None, blocks: Iterable,
                subject: str) -> Reading:
    lines = own_lines(text or "")
    body = "\n".join(lines).strip()
    if not body and subject:
        body = _subject_words(subject, definition)
        lines = [body] if body else []
    raw_clean = clean(text or "")
    folded = fold(body)
    staff = asks_staff(body)

    leave = leaving(folded, body, definition)
    if leave == "unsubscribe":
        return Reading("unsubscribe", asks_staff=staff)
    if leave == "ambiguous":
        return Reading("unclear", asks_staff=staff)
    if is_auto_text(folded):
        return Reading("auto_reply")
    if not re.search(r"\w", folded):
        q = definition.question(awaiting) if awaiting and isinstance(definition, Survey) else None
        if q is not None and q.type != "text" and (text or "").strip():
            return Reading("unclear", unclear=(q.key,))  # "👍" to the one question asked: ask it again
        return Reading("unclear")

    if isinstance(definition, Meeting):
        intent, rsvp = read_rsvp(body, definition)
        if intent == "unclear" and not body and subject:
            intent, rsvp = read_rsvp(_subject_words(subject, definition), definition)
        return Reading(intent, rsvp=rsvp, asks_staff=staff)

    if not isinstance(definition, Survey):
        return Reading("unclear", error="unknown definition")

    found = read_survey(lines, definition, awaiting=awaiting,
                        blocks=tuple(blocks) if channel == "email" else ())
    answers, confidence, unclear, skipped = {}, {}, [], []
    if found.values and all(found.source.get(k) == "prose" for k in found.values) and _asks_beside_the_survey(
            body, definition):
        # "Min skraldespand er ikke tømt i 3 uger. Hvem skal jeg kontakte?": prose around a question for staff
        # that echoes none of the survey's questions is no set of answers; a person reads it
        return Reading("other", asks_staff=True)
    for q in definition.questions:
        v = found.values.get(q.key)
        if v is None:
            continue
        if v.status == "skip":
            skipped.append(q.key)
        elif v.ok and v.confidence >= THRESHOLD:
            answers[q.key] = v.value
            confidence[q.key] = round(v.confidence, 3)
        else:
            unclear.append(q.key)
    if answers:
        intent = "answers"
    elif unclear or skipped:
        intent = "unclear"  # nothing recorded: a reply that only passes questions over is no answer
    elif staff or is_remark(body) or (is_foreign(body) and len(words(body)) >= 3):
        intent = "other"  # no answer, but a question, a comment or another language: a person reads it
    else:
        intent = "unclear"
    del raw_clean
    return Reading(intent, answers=answers, unclear=tuple(unclear), confidence=confidence, asks_staff=staff,
                   skipped=tuple(skipped))


def _asks_beside_the_survey(body: str, survey: Survey) -> bool:
    """A question to staff that is none of the survey's own questions said back ("Ny hal?", "Anbefale det til
    en ven?" answer themselves; "Hvem skal jeg kontakte om det?" does not)."""
    asked = [topic_words(q.text) for q in survey.questions]
    return any(is_question(s) and not any(overlap(topic_words(s), a) > 0 for a in asked) for s in sentences(body))


_SUBJECT_PREFIX_RE = re.compile(r"^\s*(?:(?:re|sv|aw|fw|fwd|vs|videresendt)\s*(?:\[\d+\])?\s*:\s*)+", re.I)


def _subject_words(subject: str, definition) -> str:
    """An answer typed into the subject line: the whole subject ('SV: Ja tak') when it is not the
    invitation's own, or what the writer added after it ('SV: Invitation: Dialogmøde ... - JA, 1 gæst')."""
    s = _SUBJECT_PREFIX_RE.sub("", clean(subject or "")).strip()
    if not s:
        return ""
    title = fold(getattr(definition, "title", ""))

    def is_ours(part: str) -> bool:
        f = fold(part)
        return bool(title and (title in f or f in title) or re.search(
            r"\b(?:invit\w*|borgerpanel\w*|undersoegelse\w*|spoergeskema\w*)\b", f))

    parts = [p.strip() for p in re.split(r"\s+[-–|]\s+", s) if p.strip()]
    if len(parts) >= 2 and is_ours(parts[0]) and not is_ours(parts[-1]):
        return parts[-1]  # the writer's words after the invitation's subject
    return "" if is_ours(s) else s
