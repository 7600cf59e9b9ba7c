"""Corrections: a later value replaces an earlier one, wherever the writer puts it (conversations/corrections.py)."""
from __future__ import annotations

import pytest

from tests.conversations.phenomena import SNE, read


@pytest.mark.parametrize("text,answers", [
    # inside one answer
    ("1: 2, nej vent, 4\n2: ja", {"rydning": 4, "saltet": "yes"}),
    ("1: 2 nej 4", {"rydning": 4}),
    ("5: 3 og ikke 8", {"dage": 3}),
    ("5: ikke 8 men 3", {"dage": 3}),
    # its own line, a PS, a new paragraph
    ("1: 4\n2: ja\nPS: spm 2 skal være nej", {"rydning": 4, "saltet": "no"}),
    ("1: 4\n2: ja\n\nP.S. 1 skulle have været 3", {"rydning": 3, "saltet": "yes"}),
    ("1: 2\n2: nej\n\nJeg mente 5 i spørgsmål 1, ikke 2.", {"rydning": 5, "saltet": "no"}),
    ("Rettelse til min mail: spørgsmål 5 er 12", {"dage": 12}),
    ("Ret 3 til B", {"foerst": "busruter"}),
    # the question named in one sentence, the new value in the next
    ("1: 4\n5: 3\nJeg svarede forkert på spørgsmål 5. Det skal være 7 og ikke 3.", {"rydning": 4, "dage": 7}),
    # no question named: the answer it takes back ("ikke 6"), or the one answer its value fits
    ("1: 2\n5: 6\nUps, jeg mente 3 ikke 6", {"rydning": 2, "dage": 3}),
    ("3: A\n2: ja\nHov, jeg mente C", {"foerst": "villaveje", "saltet": "yes"}),
    # English and German
    ("1: 4\n2: yes\nSorry, I meant 2 for question 1", {"rydning": 2, "saltet": "yes"}),
    ("1: 4\n2: ja\nKorrektur: Frage 1 soll 5 sein", {"rydning": 5, "saltet": "yes"}),
])
def test_a_correction_stands_wherever_it_is(text, answers):
    r = read(SNE, text)
    assert r.answers == answers


def test_a_correction_nobody_can_place_asks_again_rather_than_keeping_the_old_answers():
    r = read(SNE, "1: 4\n2: ja\n\nRettelse: der sneg sig en fejl ind i et af svarene")
    assert r.answers == {}
    assert set(r.unclear) == {"rydning", "saltet"}


def test_a_correction_whose_value_fits_two_questions_asks_about_both():
    r = read(SNE, "1: 4\n5: 4\nUps, jeg mente 2")
    assert "rydning" not in r.answers and "dage" not in r.answers
    assert {"rydning", "dage"} <= set(r.unclear)


@pytest.mark.parametrize("text,answers", [
    ("Undskyld det sene svar.\n1: 4\n2: nej", {"rydning": 4, "saltet": "no"}),
    ("1: 4\n2: nej\n6: Jeg mener at der skal være mere grus på fortovene", None),
    ("1: 5\n2: ja\n6: Det skal være lettere at få fat i jer når sneen ligger", None),
])
def test_words_of_correction_in_an_ordinary_sentence_correct_nothing(text, answers):
    r = read(SNE, text)
    if answers is None:
        assert r.answers["rydning"] in (4, 5) and r.answers["saltet"] in ("yes", "no") and "forslag" in r.answers
    else:
        assert r.answers == answers


def test_a_correction_to_the_one_question_asked_by_sms():
    r = read(SNE, "2. Ups jeg mente 4", awaiting="rydning")
    assert r.answers == {"rydning": 4}


@pytest.mark.parametrize("text,kraefter", [
    ("4: sauna og kajakbro\n\nJeg glemte bålpladser på 4", ["sauna", "baal", "kajak"]),
    ("4: A\nMin kone siger vi også vil have en skøjtebane, så skriv det på 4 også", ["sauna", "skoejter"]),
])
def test_a_value_added_to_a_list_later(text, kraefter):
    assert read(SNE, text).answers["kraefter"] == kraefter


@pytest.mark.parametrize("text,answers", [
    ("Det går fint med rydningen, så 4 til spørgsmål 1. Vi har ikke saltet, så nej til 2.", {"rydning": 4, "saltet": "no"}),
    ("Snerydningen er ok, 3 til 4 gange om ugen kommer ploven", {}),          # a range, not question 4
    ("Æ ska lige sige te 5 at det er 3", {"dage": 3}),
])
def test_a_value_said_to_a_question_by_its_number(text, answers):
    assert read(SNE, text).answers == answers


@pytest.mark.parametrize("text,answers", [
    ("1: 4\n5: 3\n\nJeg skrev 1: 4, men det skal være 2. Resten passer.", {"rydning": 2, "dage": 3}),
    ("1: 4\n5: 9\n\nRettelse: vejen var kun uryddet 6 dage, resten af tiden kørte ploven fint.", {"rydning": 4, "dage": 6}),
])
def test_a_correction_names_its_question_by_the_answer_it_quotes_or_by_its_topic(text, answers):
    assert read(SNE, text).answers == answers


@pytest.mark.parametrize("text", ["tilfreds, men ikke med fortovene", "ja, men ikke i år"])
def test_a_value_in_words_taken_partly_back_is_asked(text):
    key = "rydning" if text.startswith("tilfreds") else "saltet"
    r = read(SNE, text, awaiting=key)
    assert r.answers == {} and r.unclear == (key,)


def test_a_sentence_that_gives_a_value_by_number_is_no_text_answer():
    r = read(SNE, "Jeg vil lige sige til 1 at det er 2. Vi har saltet selv. Ploven kommer for sent.")
    assert r.answers.get("rydning") == 2 and "til 1 at det er 2" not in r.answers.get("forslag", "")


@pytest.mark.parametrize("text,answers", [
    # a question named as wrong, the new value after it or in the next sentence
    ("1: 4\n5: 12\n\nPS. 5 er forkert, det var 9 dage.", {"rydning": 4, "dage": 9}),
    ("1: 4\n5: 12\n\nSvaret på spørgsmål 5 var forkert. Det skal være 9.", {"rydning": 4, "dage": 9}),
    # "er forkert" about something that is not an answer is no correction
    ("1: 4\n5: 12\n\nSkiltet ved åen er forkert.", {"rydning": 4, "dage": 12}),
    # a correction in a numbered line, with the reason after the new value, concerns that line
    ("1: 4\n5: 12. Eller rettere 9, jeg var bortrejst en uge", {"rydning": 4, "dage": 9}),
    # a correction that goes on with "og" to the next question
    ("1: 2\n2: ja\n3: A\nNej vent, 1 er 4. Og 3 er B, bussen kører jo først", {"rydning": 4, "saltet": "yes",
                                                                                "foerst": "busruter"}),
])
def test_a_named_answer_said_to_be_wrong_is_replaced(text, answers):
    assert read(SNE, text).answers == answers


@pytest.mark.parametrize("text,kraefter", [
    # an option taken back later in the message, whatever the verb
    ("4: Kajakbro, bålpladser og shelters\n\nStryg kajakbroen, den har vi allerede.", ["baal", "shelter"]),
    ("4: Kajakbro, bålpladser\n\nVed nærmere eftertanke: bålpladserne kan I godt droppe.", ["kajak"]),
    ("4: Kajakbro, bålpladser\n\nSe bort fra kajakbroen.", ["baal"]),
    # a negated imperative keeps it
    ("4: Kajakbro, bålpladser\n\nGlem ikke bålpladserne!", ["kajak", "baal"]),
])
def test_an_option_taken_back_leaves_the_rest(text, kraefter):
    assert sorted(read(SNE, text).answers["kraefter"]) == sorted(kraefter)


def test_the_only_option_taken_back_asks_again():
    r = read(SNE, "4: Kajakbro\n\nDrop kajakbroen.")
    assert "kraefter" not in r.answers and "kraefter" in r.unclear


@pytest.mark.parametrize("text,value", [("ja. Nej vent, det var min nabo der saltede. Nej.", "no"),
                                        ("nej, hov, vi gjorde det faktisk i februar. Ja.", "yes")])
def test_a_correction_that_gives_its_reason_before_the_new_value(text, value):
    assert read(SNE, text, awaiting="saltet").answers == {"saltet": value}


@pytest.mark.parametrize("text,value", [
    ("3: Villaveje – nej vent, dem rydder grundejerne selv. Det er busruterne, der er værst. Så B.", "busruter"),
    ("3: Busruter. Hov, nej, de bliver altid ryddet først. Så A.", "skoleveje"),
    ("3: Busruter. Hov, nej, der kører kun én bus. Så A.", "skoleveje"),
])
def test_a_correction_that_ends_in_its_conclusion(text, value):
    assert read(SNE, text).answers == {"foerst": value}


@pytest.mark.parametrize("text", ["3: Villaveje – nej vent, det er busruterne, der er værst. Så A.",
                                  "3: Busruter. Så A."])
def test_a_conclusion_that_contradicts_what_came_before_is_asked_again(text):
    r = read(SNE, text)
    assert "foerst" not in r.answers and "foerst" in r.unclear
