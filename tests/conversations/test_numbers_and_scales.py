"""Numbers and scales in words: compounds, idioms, vague quantities, a second candidate, English and German."""
from __future__ import annotations

import pytest

from tests.conversations.phenomena import SNE, read


@pytest.mark.parametrize("text,value", [
    ("fireogtyve", 24), ("fire og tyve", 24), ("halvtreds", 50), ("en halv snes", 10), ("et dusin", 12),
    ("sytten dage", 17), ("twenty-four", 24), ("dreiundzwanzig", 23), ("ingen", 0),
])
def test_a_count_in_words(text, value):
    assert read(SNE, text, awaiting="dage").answers == {"dage": value}


@pytest.mark.parametrize("text", [
    "et par stykker", "nogle få", "en håndfuld", "7-8", "syv eller otte", "a couple",
    "9 i alt, to på vejen og syv på stien",        # two candidates: which is the answer?
])
def test_a_vague_or_double_count_is_unclear(text):
    r = read(SNE, text, awaiting="dage")
    assert r.answers == {} and r.unclear == ("dage",)


@pytest.mark.parametrize("text,value", [("Strongly agree", 5), ("disagree", 2), ("stimme voll zu", 5),
                                        ("neither agree nor disagree", 3)])
def test_agreement_in_english_and_german(text, value):
    from conversations.definitions import parse_definition

    enig = parse_definition({"kind": "survey", "key": "e", "title": "t", "questions": [
        {"number": 1, "key": "gode", "type": "scale", "min": 1, "max": 5, "text": "Vejene ryddes godt om vinteren.",
         "labels": {"1": "Helt uenig", "5": "Helt enig"}}]})
    assert read(enig, text, awaiting="gode").answers == {"gode": value}


def test_an_english_word_one_letter_off_a_danish_label_names_nothing():
    r = read(SNE, "Busy routes", awaiting="foerst")     # "routes" is not "ruter" with a typo
    assert r.answers == {}


def test_bare_numbered_answers_after_an_opening_line():
    r = read(SNE, "Her kommer mine svar:\n1 fire\n2 ja\n5 tolv")
    assert r.answers == {"rydning": 4, "saltet": "yes", "dage": 12}
