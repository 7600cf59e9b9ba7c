"""Surveys and meetings: import and export definitions, record answers and RSVPs.

What views, jobs and the CLI call.  Nothing here commits: the caller commits
(together with its audit entry or outbox rows), so an error leaves nothing
half-done.

* ``import_definitions(session, panel, data)`` takes one definition object,
  a list of them, or the spec's ``{key: definition}`` mapping; every
  definition is checked before anything is written (all or nothing).
  Importing a key again updates that definition.
* ``record_answers`` / ``record_rsvp``: a later answer to the same question
  (a later RSVP to the same meeting) replaces the earlier one; the earlier row
  is kept with ``replaced_at`` set, so the history is there to see.
* ``correct_answer``: staff set an answer by hand; the history keeps who did.

GDPR: the module registers an export section (the panelist's answers and
RSVPs) and an erasure step (answers and RSVPs lose their panelist; the
replaced history and free-text answers are removed: what stays are anonymous
counts).
"""
from __future__ import annotations

import logging
from datetime import datetime
from typing import Any, Iterable, Mapping

from sqlmodel import Session, select

from conversations.definitions import (DefinitionError, Meeting, Survey, definition_to_dict,
                                       parse_definition)
from engagement.audit import record_audit
from engagement.db import utcnow
from engagement.panel import gdpr
from engagement.panel.models import Panel, Panelist
from engagement.surveys.models import KINDS, SOURCES, Answer, Rsvp, StoredDefinition
from engagement.surveys.rules import RuleError, check_answer, check_rsvp

log = logging.getLogger(__name__)


class SurveyError(Exception):
    """Base of the survey service's errors; the message says what is wrong."""


class InvalidDefinitions(SurveyError):
    """A file or object that does not hold valid definitions (nothing was imported)."""


class UnknownDefinition(SurveyError):
    pass


class WrongKind(SurveyError):
    """A survey where a meeting is needed, or the other way round."""


class UnknownQuestion(SurveyError):
    pass


class InvalidAnswer(SurveyError):
    pass


class InvalidRsvp(SurveyError):
    pass


class InvalidSource(SurveyError):
    pass


# ---------------------------------------------------------------------------
# Definitions
# ---------------------------------------------------------------------------

def _definition_objects(data: Any) -> list[tuple[str, Any]]:
    """(where, definition object) for one definition, a list, or a {key: definition} mapping."""
    if isinstance(data, Mapping):
        if "kind" in data or "key" in data:
            return [("", data)]
        if not data:
            raise InvalidDefinitions("no definitions found (the object is empty)")
        out = []
        for name, item in data.items():
            if not isinstance(item, Mapping):
                raise InvalidDefinitions(f"{name}: a definition must be an object")
            if item.get("key") is not None and item.get("key") != name:
                raise InvalidDefinitions(f"{name}: the definition's key is {item.get('key')!r}; "
                                         f"it must be the same as the name it is filed under")
            out.append((str(name), item))
        return out
    if isinstance(data, list):
        if not data:
            raise InvalidDefinitions("no definitions found (the list is empty)")
        return [(f"definition #{i + 1}", item) for i, item in enumerate(data)]
    raise InvalidDefinitions("expected a definition object, a list of them, or an object "
                             "mapping keys to definitions")


def parse_definitions_data(data: Any) -> list[Survey | Meeting]:
    """Every definition in ``data``, checked; ``InvalidDefinitions`` names the first problem."""
    parsed: list[Survey | Meeting] = []
    for where, item in _definition_objects(data):
        try:
            defn = parse_definition(item)
        except DefinitionError as exc:
            raise InvalidDefinitions(f"{where}: {exc}" if where else str(exc)) from None
        if len(defn.key) > 64:
            raise InvalidDefinitions(f"{defn.key[:20]!r}...: the key is longer than 64 characters")
        if len(defn.title) > 300:
            raise InvalidDefinitions(f"{defn.key!r}: the title is longer than 300 characters")
        parsed.append(defn)
    keys = [d.key for d in parsed]
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    if duplicates:
        raise InvalidDefinitions(f"the key(s) {', '.join(duplicates)} occur more than once")
    return parsed


def _kind(defn: Survey | Meeting) -> str:
    return "survey" if isinstance(defn, Survey) else "meeting"


def import_definitions(session: Session, panel: Panel, data: Any,
                       now: datetime | None = None) -> list[StoredDefinition]:
    """Store (or update) every definition in ``data`` for the panel; all or nothing."""
    now = now or utcnow()
    parsed = parse_definitions_data(data)
    existing = {row.key: row for row in session.exec(
        select(StoredDefinition).where(StoredDefinition.panel_id == panel.id,
                                       StoredDefinition.key.in_([d.key for d in parsed]))).all()}
    for defn in parsed:
        row = existing.get(defn.key)
        if row is not None and row.kind != _kind(defn):
            raise InvalidDefinitions(f"{defn.key!r} is stored as a {row.kind}; "
                                     f"it cannot become a {_kind(defn)} (use a new key)")
    stored = []
    for defn in parsed:
        row = existing.get(defn.key)
        if row is None:
            row = StoredDefinition(panel_id=panel.id, key=defn.key, kind=_kind(defn), created_at=now)
        row.title = defn.title
        row.data = definition_to_dict(defn)
        row.updated_at = now
        session.add(row)
        stored.append(row)
    session.flush()
    log.info("panel %s: imported %s definition(s)", panel.key, len(stored))
    return stored


def get_definition(session: Session, panel_id: int, key: str) -> StoredDefinition:
    row = session.exec(select(StoredDefinition).where(StoredDefinition.panel_id == panel_id,
                                                      StoredDefinition.key == key)).first()
    if row is None:
        raise UnknownDefinition(f"no survey or meeting with the key {key!r} in this panel")
    return row


def list_definitions(session: Session, panel_id: int, kind: str | None = None) -> list[StoredDefinition]:
    query = select(StoredDefinition).where(StoredDefinition.panel_id == panel_id)
    if kind is not None:
        if kind not in KINDS:
            raise WrongKind(f"kind must be one of {', '.join(KINDS)}")
        query = query.where(StoredDefinition.kind == kind)
    return list(session.exec(query.order_by(StoredDefinition.key)).all())


def load_definition(stored: StoredDefinition) -> Survey | Meeting:
    """The stored definition as a value for the reading core and the messages."""
    return parse_definition(stored.data)


def export_definition(stored: StoredDefinition) -> dict:
    """The documented JSON shape, exactly as imported (after normalisation)."""
    return definition_to_dict(load_definition(stored))


def export_definitions(session: Session, panel_id: int, keys: Iterable[str] | None = None) -> dict:
    """The spec's ``{key: definition}`` mapping (what ``conversations parse`` reads)."""
    if keys is None:
        rows = list_definitions(session, panel_id)
    else:
        rows = [get_definition(session, panel_id, key) for key in keys]
    return {row.key: export_definition(row) for row in rows}


# ---------------------------------------------------------------------------
# Answers
# ---------------------------------------------------------------------------

def _survey_row(session: Session, definition_id: int, panel_id: int | None = None) -> StoredDefinition:
    row = session.get(StoredDefinition, definition_id)
    if row is None or (panel_id is not None and row.panel_id != panel_id):
        raise UnknownDefinition(f"no definition {definition_id} in this panel")
    return row


def _check_source(source: str) -> None:
    if source not in SOURCES:
        raise InvalidSource(f"source must be one of {', '.join(SOURCES)}, not {source!r}")


def _checked_answers(survey: Survey, answers: Mapping[str, Any]) -> dict[str, Any]:
    checked = {}
    for key, value in answers.items():
        question = survey.question(key)
        if question is None:
            raise UnknownQuestion(f"{survey.key!r} has no question {key!r}")
        try:
            checked[key] = check_answer(question, value)
        except RuleError as exc:
            raise InvalidAnswer(str(exc)) from None
    # In question order, so ids follow the survey.
    return {q.key: checked[q.key] for q in survey.questions if q.key in checked}


def _current_answer_rows(session: Session, definition_id: int, panelist_id: int,
                         keys: Iterable[str] | None = None) -> dict[str, Answer]:
    query = select(Answer).where(Answer.definition_id == definition_id, Answer.panelist_id == panelist_id,
                                 Answer.replaced_at.is_(None))
    if keys is not None:
        query = query.where(Answer.question_key.in_(list(keys)))
    return {row.question_key: row for row in session.exec(query.order_by(Answer.id)).all()}


def record_answers(session: Session, panel_id: int, definition_id: int, panelist_id: int | None,
                   answers: Mapping[str, Any], source: str, inbound_message_id: int | None = None,
                   now: datetime | None = None) -> list[Answer]:
    """Store answers; each replaces the panelist's earlier answer to that question."""
    _check_source(source)
    now = now or utcnow()
    stored = _survey_row(session, definition_id, panel_id)
    survey = load_definition(stored)
    if not isinstance(survey, Survey):
        raise WrongKind(f"{stored.key!r} is a meeting: it takes RSVPs, not answers")
    checked = _checked_answers(survey, answers)
    earlier = _current_answer_rows(session, definition_id, panelist_id, checked) if panelist_id else {}
    rows = []
    for key, value in checked.items():
        if key in earlier:
            earlier[key].replaced_at = now
            session.add(earlier[key])
        row = Answer(panel_id=stored.panel_id, definition_id=definition_id, panelist_id=panelist_id,
                     question_key=key, value=value, source=source, inbound_message_id=inbound_message_id,
                     recorded_at=now)
        session.add(row)
        rows.append(row)
    session.flush()
    return rows


def current_answers(session: Session, definition_id: int, panelist_id: int) -> dict[str, Any]:
    """Question key -> the panelist's current answer."""
    return {key: row.value for key, row in _current_answer_rows(session, definition_id, panelist_id).items()}


def answer_history(session: Session, definition_id: int, panelist_id: int) -> list[Answer]:
    """Every answer the panelist gave to this survey, replaced ones included, oldest first."""
    return list(session.exec(select(Answer).where(Answer.definition_id == definition_id,
                                                  Answer.panelist_id == panelist_id)
                             .order_by(Answer.recorded_at, Answer.id)).all())


def correct_answer(session: Session, definition_id: int, panelist_id: int, question_key: str, value: Any,
                   staff_id: int, now: datetime | None = None) -> Answer:
    """Staff set an answer by hand; the replaced row says which staff member replaced it."""
    now = now or utcnow()
    stored = _survey_row(session, definition_id)
    survey = load_definition(stored)
    if not isinstance(survey, Survey):
        raise WrongKind(f"{stored.key!r} is a meeting: it takes RSVPs, not answers")
    checked = _checked_answers(survey, {question_key: value})
    earlier = _current_answer_rows(session, definition_id, panelist_id, [question_key]).get(question_key)
    if earlier is not None:
        earlier.replaced_at = now
        earlier.replaced_by_staff_id = staff_id
        session.add(earlier)
    row = Answer(panel_id=stored.panel_id, definition_id=definition_id, panelist_id=panelist_id,
                 question_key=question_key, value=checked[question_key], source="staff", recorded_at=now)
    session.add(row)
    record_audit(session, panel_id=stored.panel_id, staff_id=staff_id, action="answer.correct",
                 target_type="panelist", target_id=panelist_id, definition=stored.key, question=question_key)
    session.flush()
    return row


# ---------------------------------------------------------------------------
# RSVPs
# ---------------------------------------------------------------------------

def record_rsvp(session: Session, panel_id: int, definition_id: int, panelist_id: int | None,
                attending: str, guests: int = 0, source: str = "email",
                inbound_message_id: int | None = None, now: datetime | None = None) -> Rsvp:
    """Store an RSVP; it replaces the panelist's earlier RSVP to this meeting."""
    _check_source(source)
    now = now or utcnow()
    stored = _survey_row(session, definition_id, panel_id)
    meeting = load_definition(stored)
    if not isinstance(meeting, Meeting):
        raise WrongKind(f"{stored.key!r} is a survey: it takes answers, not RSVPs")
    try:
        attending, guests = check_rsvp(meeting, attending, guests)
    except RuleError as exc:
        raise InvalidRsvp(str(exc)) from None
    if panelist_id is not None:
        earlier = current_rsvp(session, definition_id, panelist_id)
        if earlier is not None:
            earlier.replaced_at = now
            session.add(earlier)
    row = Rsvp(panel_id=stored.panel_id, definition_id=definition_id, panelist_id=panelist_id,
               attending=attending, guests=guests, source=source, inbound_message_id=inbound_message_id,
               recorded_at=now)
    session.add(row)
    session.flush()
    return row


def current_rsvp(session: Session, definition_id: int, panelist_id: int) -> Rsvp | None:
    return session.exec(select(Rsvp).where(Rsvp.definition_id == definition_id, Rsvp.panelist_id == panelist_id,
                                           Rsvp.replaced_at.is_(None)).order_by(Rsvp.id.desc())).first()


# ---------------------------------------------------------------------------
# GDPR
# ---------------------------------------------------------------------------

def _definitions_by_id(session: Session, ids: set[int]) -> dict[int, StoredDefinition]:
    if not ids:
        return {}
    return {row.id: row for row in session.exec(select(StoredDefinition)
                                                .where(StoredDefinition.id.in_(sorted(ids)))).all()}


def _export_answers(session: Session, panelist: Panelist) -> list:
    rows = session.exec(select(Answer).where(Answer.panelist_id == panelist.id)
                        .order_by(Answer.recorded_at, Answer.id)).all()
    definitions = _definitions_by_id(session, {row.definition_id for row in rows})
    out = []
    for row in rows:
        stored = definitions.get(row.definition_id)
        question = None
        if stored is not None and stored.kind == "survey":
            question = load_definition(stored).question(row.question_key)
        out.append({"survey": stored.key if stored else None, "title": stored.title if stored else None,
                    "question": row.question_key, "question_text": question.text if question else None,
                    "value": row.value, "source": row.source, "recorded_at": row.recorded_at,
                    "replaced_at": row.replaced_at})
    return out


def _export_rsvps(session: Session, panelist: Panelist) -> list:
    rows = session.exec(select(Rsvp).where(Rsvp.panelist_id == panelist.id)
                        .order_by(Rsvp.recorded_at, Rsvp.id)).all()
    definitions = _definitions_by_id(session, {row.definition_id for row in rows})
    return [{"meeting": definitions[row.definition_id].key, "title": definitions[row.definition_id].title,
             "attending": row.attending, "guests": row.guests, "source": row.source,
             "recorded_at": row.recorded_at, "replaced_at": row.replaced_at} for row in rows]


def _erase_answers(session: Session, panelist: Panelist, _now: datetime) -> None:
    """Answers stay only as anonymous counts: no panelist, no history, no free text."""
    rows = session.exec(select(Answer).where(Answer.panelist_id == panelist.id)).all()
    definitions = _definitions_by_id(session, {row.definition_id for row in rows})
    text_questions: dict[int, set[str]] = {}
    for def_id, stored in definitions.items():
        defn = load_definition(stored)
        text_questions[def_id] = ({q.key for q in defn.questions if q.type == "text"}
                                  if isinstance(defn, Survey) else set())
    for row in rows:
        if row.replaced_at is not None:
            session.delete(row)
            continue
        row.panelist_id = None
        row.inbound_message_id = None
        if row.question_key in text_questions.get(row.definition_id, set()):
            row.value = None  # the person's own words may say who they are
        session.add(row)
    for rsvp in session.exec(select(Rsvp).where(Rsvp.panelist_id == panelist.id)).all():
        if rsvp.replaced_at is not None:
            session.delete(rsvp)
            continue
        rsvp.panelist_id = None
        rsvp.inbound_message_id = None
        session.add(rsvp)
    session.flush()


gdpr.register_export_section("answers", _export_answers)
gdpr.register_export_section("rsvps", _export_rsvps)
gdpr.register_erasure_step(_erase_answers)
