"""English beside Danish in a definition: optional fields that parse, round-trip and read back."""
from __future__ import annotations

import copy
import json

import pytest

from conversations.definitions import (DefinitionError, Option, Untranslated, definition_to_dict,
                                       missing_translations, parse_definition, translated)

SURVEY = {
    "kind": "survey", "key": "trafik", "title": "Trafik i byen", "title_en": "Traffic in town",
    "questions": [
        {"number": 1, "key": "bus", "type": "scale", "min": 1, "max": 5,
         "text": "Hvor tilfreds er du med busserne?", "text_en": "How satisfied are you with the buses?",
         "labels": {"1": "Meget utilfreds", "5": "Meget tilfreds"}, "labels_en": {"1": "Very dissatisfied"}},
        {"number": 2, "key": "vej", "type": "choice", "text": "Hvordan kommer du på arbejde?",
         "options": [{"key": "bil", "label": "Bil", "label_en": "Car"}, {"key": "bus", "label": "Bus"},
                     {"key": "gang", "label": "Til fods", "label_en": "On foot"}]},
        {"number": 3, "key": "cykler", "type": "yes_no", "text": "Cykler du?", "text_en": "Do you cycle?"},
    ]}
MEETING = {"kind": "meeting", "key": "havn", "title": "Borgermøde om havnen", "title_en": "Public meeting on the harbour",
           "starts_at": "2027-01-14T19:00:00+01:00", "ends_at": "2027-01-14T21:00:00+01:00",
           "location": "Kulturhuset", "location_en": "The Culture House", "max_guests": 1}


@pytest.mark.parametrize("data", [SURVEY, MEETING])
def test_english_fields_round_trip_exactly_in_order(data):
    defn = parse_definition(data)
    assert definition_to_dict(defn) == data
    assert json.dumps(definition_to_dict(defn)) == json.dumps(data)  # the same key order as written


def test_definitions_without_english_are_what_they_were():
    plain = copy.deepcopy(SURVEY)
    del plain["title_en"]
    for q in plain["questions"]:
        q.pop("text_en", None)
        q.pop("labels_en", None)
        for o in q.get("options", []):
            o.pop("label_en", None)
    defn = parse_definition(plain)
    assert definition_to_dict(defn) == plain
    assert defn.questions[1].options[0] == Option("bil", "Bil")
    assert "_en" not in json.dumps(definition_to_dict(defn))


def test_accessors_give_every_language_danish_first():
    survey = parse_definition(SURVEY)
    bus, way = survey.questions[0], survey.questions[1]
    assert way.options[0].labels == ("Bil", "Car")
    assert way.options[1].labels == ("Bus",)
    assert bus.label_texts(1) == ("Meget utilfreds", "Very dissatisfied")
    assert bus.label_texts(5) == ("Meget tilfreds",)
    assert bus.label_texts(3) == ()
    assert survey.title_in("en") == "Traffic in town" and survey.title_in("da") == "Trafik i byen"


def test_translated_is_english_where_there_is_english_and_danish_elsewhere():
    english = translated(parse_definition(SURVEY), "en")
    assert english.title == "Traffic in town"
    assert english.questions[0].text == "How satisfied are you with the buses?"
    assert english.questions[0].labels == {1: "Very dissatisfied", 5: "Meget tilfreds"}
    assert [o.label for o in english.questions[1].options] == ["Car", "Bus", "On foot"]
    assert english.questions[1].text == "Hvordan kommer du på arbejde?"
    assert [o.key for o in english.questions[1].options] == ["bil", "bus", "gang"]  # answers keep their keys
    assert translated(parse_definition(SURVEY), "da") == parse_definition(SURVEY)
    meeting = translated(parse_definition(MEETING), "en")
    assert (meeting.title, meeting.location) == ("Public meeting on the harbour", "The Culture House")


def test_missing_translations_names_each_danish_text_without_english():
    assert missing_translations(parse_definition(SURVEY)) == [
        Untranslated("label", "Meget tilfreds", 1),
        Untranslated("text", "Hvordan kommer du på arbejde?", 2),
        Untranslated("option", "Bus", 2),
    ]
    assert missing_translations(parse_definition(MEETING)) == []


@pytest.mark.parametrize("change, message", [
    (lambda d: d.update(title_en=""), "'title_en' must not be empty"),
    (lambda d: d.update(title_en=3), "'title_en' must be a string"),
    (lambda d: d["questions"][0].update(labels_en={"4": "Happy"}), "4, which has no Danish label"),
    (lambda d: d["questions"][0].update(labels_en={"9": "Happy"}), "outside 1..5"),
    (lambda d: d["questions"][1]["options"][1].update(label_en="Car"), "duplicate option label 'Car'"),
    (lambda d: d["questions"][1]["options"][1].update(label_en="til fods"), "duplicate option label"),
    (lambda d: d["questions"][2].update(text_en=None), "'text_en' must be a string"),
])
def test_bad_english_is_refused_with_the_reason(change, message):
    data = copy.deepcopy(SURVEY)
    change(data)
    with pytest.raises(DefinitionError, match=message):
        parse_definition(data)


def test_an_option_may_have_the_same_label_in_both_languages():
    data = copy.deepcopy(SURVEY)
    data["questions"][1]["options"][1]["label_en"] = "Bus"
    assert parse_definition(data).questions[1].options[1].labels == ("Bus",)
