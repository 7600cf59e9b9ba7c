"""Numbers and scales in words: compounds, idioms, vague quantities, a second candidate, English and German."""
from __future__ import annotations

import pytest

from conversations.definitions import parse_definition
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


@pytest.mark.parametrize("text,value", [("fuld plade!", 5), ("topkarakter", 5), ("bundkarakter", 1)])
def test_idioms_for_the_ends_of_a_scale(text, value):
    assert read(SNE, text, awaiting="rydning").answers == {"rydning": value}


@pytest.mark.parametrize("text,answers", [
    ("1=4, 2=nej, 5=3", {"rydning": 4, "saltet": "no", "dage": 3}),           # "=" between number and answer
    ("1.4 2.nej 3.b", {"rydning": 4, "saltet": "no", "foerst": "busruter"}),   # run together with dots
    ("Til spørgsmål 6 i min sidste mail: mere grus på stierne", {"forslag": "mere grus på stierne"}),
])
def test_compact_numbered_answers(text, answers):
    assert read(SNE, text).answers == answers


def test_an_opinion_verb_said_back_answers_yes_or_no():
    from conversations.definitions import parse_definition

    bad = parse_definition({"kind": "survey", "key": "b", "title": "t", "questions": [
        {"number": 1, "key": "bad", "type": "yes_no", "text": "Bør kommunen bygge et havnebad?"}]})
    assert read(bad, "det mener jeg ikke", awaiting="bad").answers == {"bad": "no"}
    assert read(bad, "Det synes jeg", awaiting="bad").answers == {"bad": "yes"}


@pytest.mark.parametrize("text,answers,unclear", [
    ("2 ja", {"saltet": "yes"}, ("rydning",)),       # question 2 = ja, or 1 = 2 and 2 = ja: only the agreed part
    ("3 b", {"foerst": "busruter"}, ()),              # "b" is no scale value: question 3 only
    ("1-5 2-ja 3-b", {"rydning": 5, "saltet": "yes", "foerst": "busruter"}, ()),
])
def test_a_bare_question_number_before_its_answer(text, answers, unclear):
    r = read(SNE, text)
    assert (r.answers, r.unclear) == (answers, unclear)


@pytest.mark.parametrize("text", ["ikke en eneste dag", "ingen dage", "not a single day", "keinen Tag"])
def test_none_of_the_counted_thing_is_zero(text):
    assert read(SNE, text, awaiting="dage").answers == {"dage": 0}


def test_german_no():
    assert read(SNE, "nein", awaiting="saltet").answers == {"saltet": "no"}


@pytest.mark.parametrize("text,answers", [
    ("Tilfredshed: 4\nSaltet: nej\nFørst: busruterne", {"rydning": 4, "saltet": "no", "foerst": "busruter"}),
    ("hej her er svar fra mig. 1 er 2 og 2 er ja. 3 er D. 5 otte", {"rydning": 2, "saltet": "yes", "foerst": "stier",
                                                                  "dage": 8}),
])
def test_answers_labelled_by_a_word_of_their_question_or_said_with_er(text, answers):
    assert read(SNE, text).answers == answers


def _scale(low, high, top=5):
    from conversations.definitions import parse_definition

    return parse_definition({"kind": "survey", "key": "s", "title": "t", "questions": [
        {"number": 1, "key": "s", "type": "scale", "min": 0 if top == 10 else 1, "max": top,
         "text": "Hvordan er isen på søen?", "labels": {"0" if top == 10 else "1": low, str(top): high}}]})


@pytest.mark.parametrize("low,high,top,text,value", [
    ("Meget dårlig", "Meget god", 5, "god", 4),                    # antonyms, no u-
    ("Meget dårlig", "Meget god", 5, "rigtig godt", 5),
    ("Meget dårlig", "Meget god", 5, "dårligt", 2),
    ("Slet ikke sikker", "Meget sikker", 5, "slet ikke sikker", 1),  # the low end is the high word negated
    ("Slet ikke sikker", "Meget sikker", 5, "sikker", 4),
    ("Slet ikke sikker", "Meget sikker", 10, "lige midt imellem", 5),
    ("Meget usikker", "Meget sikker", 5, "ikke særlig sikker, siger 2", 2),   # a number inside the words' bound
])
def test_words_of_a_scales_end_labels_in_degrees(low, high, top, text, value):
    assert read(_scale(low, high, top), text, awaiting="s").answers == {"s": value}


@pytest.mark.parametrize("low,high,top,text", [
    ("Meget dårlig", "Meget god", 5, "ikke god"),                    # how far below?
    ("Meget usikker", "Meget sikker", 5, "ikke sikker, 5"),           # the words and the number disagree
    ("Meget dårlig", "Meget god", 7, "god"),                          # on seven points: 5 or 6?
])
def test_words_of_a_scale_that_cannot_be_placed_are_unclear(low, high, top, text):
    from conversations.definitions import parse_definition

    q = _scale(low, high, top) if top != 7 else parse_definition({"kind": "survey", "key": "s", "title": "t",
        "questions": [{"number": 1, "key": "s", "type": "scale", "min": 1, "max": 7, "text": "Hvordan er isen?",
                       "labels": {"1": low, "7": high}}]})
    assert read(q, text, awaiting="s").answers == {}


@pytest.mark.parametrize("text,answers", [
    ("Hvor tilfreds er du med snerydningen på din vej? 4\nHar du selv saltet fortovet i vinter? Nej",
     {"rydning": 4, "saltet": "no"}),
    ("1. Hvor tilfreds er du med snerydningen?\nfire\n5. Hvor mange dage var vejen ikke ryddet i januar?\nca. 6",
     {"rydning": 4, "dage": 6}),
    ("Svar 1: 3 Svar 2: ja", {"rydning": 3, "saltet": "yes"}),
    ("spm1 5 spm2 nej", {"rydning": 5, "saltet": "no"}),
    ("#1 2 #2 ja", {"rydning": 2, "saltet": "yes"}),
])
def test_questions_copied_or_named_before_their_answers(text, answers):
    assert read(SNE, text).answers == answers


@pytest.mark.parametrize("text", ["5: måske 14", "5: Maybe 14? Not sure", "5: muligvis 14", "1: måske 4"])
def test_a_number_said_with_a_doubt_is_asked_again(text):
    r = read(SNE, text)
    assert r.answers == {} and r.unclear


def test_an_estimate_is_still_the_count():
    assert read(SNE, "5: ca. 14").answers == {"dage": 14}


def _worry_scale(low: str, high: str, text: str):
    from conversations.definitions import parse_definition

    return parse_definition({"kind": "survey", "key": "k", "title": "t", "questions": [
        {"number": 1, "key": "q", "type": "scale", "min": 0, "max": 10, "text": text,
         "labels": {"0": low, "10": high}}]}).questions[0]


@pytest.mark.parametrize("answer,value", [("slet ikke", 0), ("rigtig meget", 10), ("Slet ikke!", 0)])
def test_a_label_said_without_the_words_it_shares_with_the_question(answer, value):
    from conversations.reply import read_answer

    q = _worry_scale("Slet ikke bekymret", "Rigtig meget bekymret", "Hvor bekymret er du for oversvømmelser?")
    assert read_answer(answer, q) == value


@pytest.mark.parametrize("answer", ["meget", "slet"])
def test_a_single_word_of_a_label_is_no_shortened_label(answer):
    from conversations.reply import read_answer

    q = _worry_scale("Slet ikke bekymret", "Rigtig meget bekymret", "Hvor bekymret er du for oversvømmelser?")
    assert read_answer(answer, q) is None


def test_a_correction_by_question_number_inside_a_longer_sentence():
    r = read(SNE, "Jeg har snakket med min datter, og vi er blevet enige om at 1 skal være 2.")
    assert r.answers == {"rydning": 2}


def test_a_rough_count_between_paired_answers():
    r = read(SNE, "1 4 2 nej 5 cirka 12 6 flere grusbunker", awaiting=None, channel="sms")
    assert r.answers == {"rydning": 4, "saltet": "no", "dage": 12, "forslag": "flere grusbunker"}


@pytest.mark.parametrize("text,unclear,answers", [
    # a doubt with the subject after the verb takes the answer beside it down ...
    ("2: ja. Så ved vi ikke", ["saltet"], {}),
    ("1: 3, hvad ved jeg", ["rydning"], {}),
    ("5: en 12 dage, det ved jeg altså ikke helt", ["dage"], {}),
    ("3: stier langs åen, eller hvad ved jeg", ["foerst"], {}),
    # a free text keeps it as written
    ("6: mere grus på stierne, hvad ved jeg", [], {"forslag": "mere grus på stierne, hvad ved jeg"}),
])
def test_a_doubt_after_the_verb_is_asked_about(text, unclear, answers):
    r = read(SNE, text)
    assert list(r.unclear) == unclear and r.answers == answers, r


@pytest.mark.parametrize("text", [
    "5: en 9 dage, plus weekenden",       # something added to the count
    "5: elleve + juleferien",
    "5: fjorten, hvis man regner helligdage med",  # a condition on it
    "5: 20 medmindre søndage tæller",
])
def test_a_count_with_an_addition_or_a_condition_is_asked_about(text):
    r = read(SNE, text)
    assert list(r.unclear) == ["dage"] and r.answers == {}, r


HAVNEBAD = parse_definition({
    "kind": "survey", "key": "havnebad", "title": "Havnebadet",
    "questions": [{"number": 1, "key": "svoemmer", "type": "yes_no", "text": "Svømmer du i havnen om sommeren?"},
                  {"number": 2, "key": "prøvet", "type": "yes_no", "text": "Har du prøvet vinterbadning?"}]})


@pytest.mark.parametrize("text,expected", [
    # an answer placed at another time than the present the question asks about says nothing about now
    ("1: i gamle dage ja", None),
    ("1: ja, det gjorde jeg indtil for fem år siden", None),
    ("1: dengang nej", None),
    ("1: det var vi", None),
    # ... unlike one about now, or one to a question in the perfect
    ("1: ja, næsten hver weekend", "yes"),
    ("1: nej, ikke længere", "no"),
    ("2: ja, tidligere på måneden", "yes"),
])
def test_an_answer_about_another_time(text, expected):
    r = read(HAVNEBAD, text)
    key = "svoemmer" if text.startswith("1") else "prøvet"
    assert r.answers.get(key) == expected and (key in r.unclear) == (expected is None), r


@pytest.mark.parametrize("text,key,expected", [
    # a value said under a condition is asked about ...
    ("1: ville give dem 4, hvis ploven kom før kl. 7", "rydning", None),
    ("1: 5 medmindre det sner om natten", "rydning", None),
    ("2: ja hvis fliserne er glatte", "saltet", None),
    # ... unless the condition comes after a contrast and is about something else
    ("1: 4, men det ville hjælpe hvis ploven kom før kl. 7", "rydning", 4),
])
def test_a_value_under_a_condition(text, key, expected):
    r = read(SNE, text)
    assert r.answers.get(key) == expected and (key in r.unclear) == (expected is None), r
