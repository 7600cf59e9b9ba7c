"""Definitions: the documented JSON shape in, frozen values out, and back."""
from __future__ import annotations

import copy
import json
from datetime import datetime
from pathlib import Path

import pytest

from conversations.definitions import (
    DefinitionError,
    Meeting,
    Option,
    Question,
    Survey,
    definition_to_dict,
    parse_definition,
    parse_definitions,
)

SURVEY = {
    "kind": "survey", "key": "affald", "title": "Affald",
    "questions": [
        {"number": 1, "key": "sortering", "type": "scale", "min": 1, "max": 5,
         "text": "Hvor tilfreds er du med sorteringen?", "labels": {"1": "Meget utilfreds", "5": "Meget tilfreds"}},
        {"number": 2, "key": "kompost", "type": "yes_no", "text": "Komposterer du?"},
        {"number": 3, "key": "vej", "type": "choice", "text": "Hvordan?",
         "options": [{"key": "bil", "label": "Bil"}, {"key": "cykel", "label": "Ladcykel"}]},
        {"number": 4, "key": "fag", "type": "choice", "multiple": True, "text": "Hvilke?",
         "options": [{"key": "a", "label": "Pap"}, {"key": "b", "label": "Glas"}]},
        {"number": 5, "key": "spande", "type": "number", "min": 0, "max": 10, "text": "Hvor mange spande?"},
        {"number": 6, "key": "ide", "type": "text", "text": "Idéer?"},
    ]}
MEETING = {"kind": "meeting", "key": "fest", "title": "Sommerfest",
           "starts_at": "2027-06-20T15:00:00+02:00", "ends_at": "2027-06-20T18:00:00+02:00",
           "location": "Byparken", "max_guests": 2}
CORPORA = Path(__file__).resolve().parent / "corpora"


def test_survey_values():
    s = parse_definition(SURVEY)
    assert isinstance(s, Survey)
    assert [q.number for q in s.questions] == [1, 2, 3, 4, 5, 6]
    q = s.questions[0]
    assert (q.type, q.min, q.max, q.labels) == ("scale", 1, 5, {1: "Meget utilfreds", 5: "Meget tilfreds"})
    assert s.questions[2].options == (Option("bil", "Bil"), Option("cykel", "Ladcykel"))
    assert s.questions[3].multiple is True
    assert s.question("spande").max == 10
    assert s.question("nope") is None
    with pytest.raises(Exception):
        s.key = "other"  # frozen


def test_meeting_values():
    m = parse_definition(MEETING)
    assert isinstance(m, Meeting)
    assert m.starts_at == datetime.fromisoformat("2027-06-20T15:00:00+02:00")
    assert m.starts_at.tzinfo is not None
    assert m.max_guests == 2


@pytest.mark.parametrize("data", [SURVEY, MEETING])
def test_round_trip_is_exact(data):
    assert definition_to_dict(parse_definition(data)) == data
    assert parse_definition(definition_to_dict(parse_definition(data))) == parse_definition(data)


@pytest.mark.parametrize("corpus", sorted(p.name for p in CORPORA.iterdir() if (p / "definitions.json").exists()))
def test_every_corpus_definition_round_trips(corpus):
    data = json.loads((CORPORA / corpus / "definitions.json").read_text("utf-8"))
    defs = parse_definitions(data)
    assert {k: definition_to_dict(v) for k, v in defs.items()} == data


def _broken(path, value):
    data = copy.deepcopy(SURVEY)
    target = data
    for p in path[:-1]:
        target = target[p]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


BAD = [
    ("unknown kind", {"kind": "poll", "key": "x", "title": "x"}, "unknown kind"),
    ("not an object", [], "must be an object"),
    ("unknown type", _broken(["questions", 1, "type"], "slider"), "unknown type"),
    ("min above max", _broken(["questions", 0, "min"], 6), "greater than max"),
    ("scale without max", _broken(["questions", 0, "max"], KeyError), "min' and 'max"),
    ("duplicate key", _broken(["questions", 1, "key"], "sortering"), "duplicate question key"),
    ("duplicate number", _broken(["questions", 1, "number"], 1), "duplicate question number"),
    ("choice without options", _broken(["questions", 2, "options"], []), "non-empty list of options"),
    ("duplicate option", _broken(["questions", 2, "options"], [{"key": "a", "label": "A"}, {"key": "a", "label": "B"}]),
     "duplicate option key"),
    ("label out of range", _broken(["questions", 0, "labels"], {"9": "x"}), "outside"),
    ("no questions", _broken(["questions"], []), "at least one question"),
    ("number is text", _broken(["questions", 0, "number"], "1"), "integer"),
    ("multiple on yes_no", _broken(["questions", 1, "multiple"], True), "only a choice"),
    ("empty text", _broken(["questions", 1, "text"], "  "), "must not be empty"),
    ("naive time", {**MEETING, "starts_at": "2027-06-20T15:00:00"}, "UTC offset"),
    ("bad time", {**MEETING, "ends_at": "tomorrow"}, "ISO 8601"),
    ("ends first", {**MEETING, "ends_at": "2027-06-20T14:00:00+02:00"}, "before"),
    ("negative guests", {**MEETING, "max_guests": -1}, "max_guests"),
]


@pytest.mark.parametrize("name,data,message", BAD, ids=[b[0] for b in BAD])
def test_bad_definitions_are_refused_clearly(name, data, message):
    with pytest.raises(DefinitionError, match=message):
        parse_definition(data)
    assert issubclass(DefinitionError, ValueError)


def test_parse_definitions_names_the_bad_one():
    with pytest.raises(DefinitionError, match="^broken: "):
        parse_definitions({"ok": MEETING, "broken": {"kind": "x", "key": "k", "title": "t"}})
    with pytest.raises(DefinitionError):
        parse_definitions([MEETING])


def test_question_is_hashable():
    q = parse_definition(SURVEY).questions[0]
    assert isinstance(q, Question)
    assert hash(q) == hash(parse_definition(SURVEY).questions[0])
