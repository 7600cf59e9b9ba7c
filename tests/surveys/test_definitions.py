"""Stored definitions: import (one, a list, the spec's mapping), export, round trip, clear errors."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from sqlmodel import select

from conversations.definitions import Meeting, Survey
from engagement.surveys import service
from engagement.surveys.models import StoredDefinition
from tests.factories import make_panel

SURVEY = {
    "kind": "survey", "key": "trafik-2026", "title": "Trafik i byen",
    "questions": [
        {"number": 1, "key": "bus", "type": "scale", "min": 1, "max": 5,
         "text": "Hvor tilfreds er du med busserne?",
         "labels": {"1": "Meget utilfreds", "5": "Meget tilfreds"}},
        {"number": 2, "key": "cykler", "type": "yes_no", "text": "Cykler du til arbejde?"},
        {"number": 3, "key": "transport", "type": "choice", "text": "Hvordan kommer du oftest på arbejde?",
         "options": [{"key": "bil", "label": "Bil"}, {"key": "bus", "label": "Bus"}]},
        {"number": 4, "key": "emner", "type": "choice", "multiple": True,
         "text": "Hvad skal kommunen bruge flere penge på?",
         "options": [{"key": "veje", "label": "Veje"}, {"key": "busser", "label": "Busser"}]},
        {"number": 5, "key": "boern", "type": "number", "min": 0, "max": 20,
         "text": "Hvor mange børn bor der i din husstand?"},
        {"number": 6, "key": "forslag", "type": "text", "text": "Har du et forslag til kommunen?"},
    ],
}
MEETING = {
    "kind": "meeting", "key": "borgermoede-havn", "title": "Borgermøde om den nye havn",
    "starts_at": "2027-01-14T19:00:00+01:00", "ends_at": "2027-01-14T21:00:00+01:00",
    "location": "Kulturhuset, Store Sal", "max_guests": 1,
}

CORPUS = Path(__file__).resolve().parents[1] / "conversations" / "corpora" / "dev" / "definitions.json"


def count(session) -> int:
    return len(session.exec(select(StoredDefinition)).all())


def test_import_one_and_export_round_trips_exactly(session):
    panel = make_panel(session)
    [row] = service.import_definitions(session, panel, SURVEY)
    session.commit()
    assert (row.kind, row.key, row.title) == ("survey", "trafik-2026", "Trafik i byen")
    assert service.export_definition(row) == SURVEY
    assert json.dumps(service.export_definition(row), sort_keys=True) == json.dumps(SURVEY, sort_keys=True)
    assert isinstance(service.load_definition(row), Survey)


def test_import_list_and_mapping(session):
    panel = make_panel(session)
    service.import_definitions(session, panel, [SURVEY, MEETING])
    other = make_panel(session)
    service.import_definitions(session, other, {SURVEY["key"]: SURVEY, MEETING["key"]: MEETING})
    session.commit()
    for p in (panel, other):
        assert service.export_definitions(session, p.id) == {SURVEY["key"]: SURVEY, MEETING["key"]: MEETING}
    meeting = service.load_definition(service.get_definition(session, panel.id, MEETING["key"]))
    assert isinstance(meeting, Meeting) and meeting.max_guests == 1


def test_importing_again_updates_the_same_key(session):
    panel = make_panel(session)
    [first] = service.import_definitions(session, panel, SURVEY)
    session.commit()
    changed = copy.deepcopy(SURVEY)
    changed["title"] = "Trafik og parkering"
    changed["questions"][1]["text"] = "Cykler du til skole eller arbejde?"
    [second] = service.import_definitions(session, panel, changed)
    session.commit()
    assert second.id == first.id and count(session) == 1
    assert service.export_definition(service.get_definition(session, panel.id, SURVEY["key"])) == changed


@pytest.mark.parametrize("data, message", [
    ([SURVEY, {**MEETING, "max_guests": -1}], "max_guests"),
    ({"a": SURVEY}, "must be the same"),
    ([SURVEY, SURVEY], "more than once"),
    ({**SURVEY, "questions": []}, "at least one question"),
    ({**SURVEY, "kind": "poll"}, "unknown kind"),
    ("just text", "expected a definition"),
    ([], "no definitions"),
    ({**MEETING, "starts_at": "2027-01-14T19:00"}, "UTC offset"),
])
def test_bad_data_gives_a_clear_error_and_imports_nothing(session, data, message):
    panel = make_panel(session)
    with pytest.raises(service.InvalidDefinitions, match=message):
        service.import_definitions(session, panel, data)
    session.rollback()
    assert count(session) == 0


def test_a_survey_cannot_become_a_meeting(session):
    panel = make_panel(session)
    service.import_definitions(session, panel, SURVEY)
    session.commit()
    with pytest.raises(service.InvalidDefinitions, match="cannot become a meeting"):
        service.import_definitions(session, panel, {**MEETING, "key": SURVEY["key"]})


def test_cli_import_and_export(runner, session, tmp_path):
    panel = make_panel(session, key="aarhus")
    source = tmp_path / "defs.json"
    source.write_text(json.dumps([SURVEY, MEETING], ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(args=["surveys", "import", str(source), "--panel", "aarhus"])
    assert result.exit_code == 0, result.output
    assert "trafik-2026" in result.output

    result = runner.invoke(args=["surveys", "export", "trafik-2026", "--panel", "aarhus"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == SURVEY

    out = tmp_path / "all.json"
    result = runner.invoke(args=["surveys", "export", "--panel", "aarhus", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8")) == {SURVEY["key"]: SURVEY, MEETING["key"]: MEETING}

    # The export imports again into another panel, unchanged.
    make_panel(session, key="odense")
    result = runner.invoke(args=["surveys", "import", str(out), "--panel", "odense"])
    assert result.exit_code == 0, result.output
    assert "Importeret" in result.output


def test_cli_import_of_the_shared_corpus_round_trips(runner, session, tmp_path):
    make_panel(session, key="corpus")
    result = runner.invoke(args=["surveys", "import", str(CORPUS), "--panel", "corpus"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(args=["surveys", "export", "--panel", "corpus"])
    assert json.loads(result.output) == json.loads(CORPUS.read_text(encoding="utf-8"))


@pytest.mark.parametrize("content, message", [
    ('{"kind": "survey", ', "ikke gyldig JSON (linje 1"),
    (json.dumps([SURVEY, {**MEETING, "location": 7}]), "Intet blev importeret"),
])
def test_cli_bad_file_fails_clearly_and_imports_nothing(runner, session, tmp_path, content, message):
    make_panel(session, key="bad")
    source = tmp_path / "bad.json"
    source.write_text(content, encoding="utf-8")
    result = runner.invoke(args=["surveys", "import", str(source), "--panel", "bad"])
    assert result.exit_code != 0
    assert message in result.output
    assert count(session) == 0


def test_cli_unknown_panel_and_missing_file(runner, session, tmp_path):
    result = runner.invoke(args=["surveys", "import", str(tmp_path / "nope.json"), "--panel", "x"])
    assert result.exit_code != 0 and "kan ikke læses" in result.output
    source = tmp_path / "ok.json"
    source.write_text(json.dumps(SURVEY), encoding="utf-8")
    result = runner.invoke(args=["surveys", "import", str(source), "--panel", "nowhere"])
    assert result.exit_code != 0 and "nowhere" in result.output
