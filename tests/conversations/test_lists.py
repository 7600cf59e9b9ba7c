"""Lists of options: contrast and exceptions, all and both, a part of a label, and never a partial list."""
from __future__ import annotations

import pytest

from tests.conversations.phenomena import SNE, read

# 4: Sauna ved havnen (A), Skøjtebane på torvet (B), Shelters i skoven (C), Bålpladser (D), Kajakbro (E)


@pytest.mark.parametrize("text,keys", [
    ("4: det hele undtagen kajakbroen", ["sauna", "skoejter", "shelter", "baal"]),
    ("4: alle sammen på nær saunaen", ["skoejter", "shelter", "baal", "kajak"]),
    ("4: Everything except the sauna", ["skoejter", "shelter", "baal", "kajak"]),
    ("4: saunaen, skøjtebanen og bålpladserne, men ikke shelters", ["sauna", "skoejter", "baal"]),
    ("4: alle fem", ["sauna", "skoejter", "shelter", "baal", "kajak"]),
    ("4: A, C og E", ["sauna", "shelter", "kajak"]),
])
def test_a_list_with_all_but_some(text, keys):
    assert read(SNE, text).answers == {"kraefter": keys}


def test_a_label_of_two_things_is_named_by_either():
    from conversations.definitions import parse_definition
    from conversations.reply import read_answer

    q = parse_definition({"kind": "survey", "key": "k", "title": "t", "questions": [
        {"number": 1, "key": "hvad", "type": "choice", "multiple": True, "text": "Hvad bruger du?",
         "options": [{"key": "grus", "label": "Grus og sand"}, {"key": "salt", "label": "Vejsalt"},
                     {"key": "skovl", "label": "Skovl og kost"}]}]}).questions[0]
    assert read_answer("sand og en kost", q) == ["grus", "skovl"]


@pytest.mark.parametrize("text", [
    "4: saunaen og noget med lys i gaderne",          # a part that names no option
    "4: alle tre",                                      # three of five
    "4: alle undtagen det dyre",                        # all but what?
])
def test_a_list_that_cannot_be_read_whole_is_asked_again(text):
    r = read(SNE, text)
    assert "kraefter" not in r.answers and "kraefter" in r.unclear


@pytest.mark.parametrize("text,answers", [
    ("1: 5\n3: A\n\nNej vent, det var forkert. Så 3 er C.", {"rydning": 5, "foerst": "villaveje"}),
    ("1: 5\n3: A\nJeg mente at 3 skal være B, bussen kører tidligt", {"rydning": 5, "foerst": "busruter"}),
])
def test_a_value_given_by_question_number_after_the_answers(text, answers):
    assert read(SNE, text).answers == answers


def test_an_option_named_by_the_first_part_of_its_compound_label():
    from conversations.definitions import parse_definition
    from conversations.reply import read_answer

    q = parse_definition({"kind": "survey", "key": "k", "title": "t", "questions": [
        {"number": 1, "key": "hvad", "type": "choice", "multiple": True, "text": "Hvad fyrer du med?",
         "options": [{"key": "braende", "label": "Brændeovn"}, {"key": "olie", "label": "Oliefyr"},
                     {"key": "pille", "label": "Pillefyr"}]}]}).questions[0]
    assert sorted(read_answer("olie og brænde", q)) == ["braende", "olie"]


def test_a_word_in_a_short_list_that_names_no_option_makes_the_list_unclear():
    r = read(SNE, "4: sauna fakler shelters")
    assert "kraefter" not in r.answers and "kraefter" in r.unclear


def test_a_list_that_goes_on_in_the_next_clauses_of_a_prose_sentence_is_read_whole():
    r = read(SNE, "Jeg er meget tilfreds med snerydningen. Kommunen skal bruge kræfter på shelters i skoven, "
                  "bålpladserne og kajakbroen, men ikke skøjtebanen.")
    assert r.answers.get("kraefter") == ["shelter", "baal", "kajak"]


def test_an_option_named_by_a_distinctive_word_of_its_label_in_a_short_answer():
    assert read(SNE, "saunaen og shelters", awaiting="kraefter").answers == {"kraefter": ["sauna", "shelter"]}


@pytest.mark.parametrize("text,keys", [
    ("4: saunaen, ingen tvivl om det. Min søster går der hver morgen.", ["sauna"]),   # assurance and a comment
    ("4: saunaudlejning og kajakbroen", ["sauna", "kajak"]),                          # a compound of a label's word
])
def test_a_list_part_with_words_that_belong_to_it(text, keys):
    assert read(SNE, text).answers["kraefter"] == keys


def test_the_same_two_words_in_the_other_order_name_an_option():
    from conversations.definitions import parse_definition
    from conversations.reply import read_answer

    q = parse_definition({"kind": "survey", "key": "k", "title": "t", "questions": [
        {"number": 1, "key": "hvad", "type": "choice", "text": "Hvad mangler?",
         "options": [{"key": "bib", "label": "Bogbus"}, {"key": "bad", "label": "Havnebad"}]}]}).questions[0]
    assert read_answer("badehavn", q) == "bad"


def test_a_passenger_names_no_own_car():
    from conversations.definitions import parse_definition
    from conversations.reply import read_answer

    q = parse_definition({"kind": "survey", "key": "k", "title": "t", "questions": [
        {"number": 1, "key": "hvordan", "type": "choice", "text": "Hvordan kommer du til lægen?",
         "options": [{"key": "bil", "label": "Egen bil"}, {"key": "bus", "label": "Bus"}]}]}).questions[0]
    assert read_answer("min svigersøn kører mig i bil", q) is None


def test_none_names_the_option_that_is_itself_none():
    from conversations.definitions import parse_definition
    from conversations.reply import read_answer

    q = parse_definition({"kind": "survey", "key": "k", "title": "t", "questions": [
        {"number": 1, "key": "hvilken", "type": "choice", "text": "Hvilken hund har du?",
         "options": [{"key": "stor", "label": "En stor hund"}, {"key": "lille", "label": "En lille hund"},
                     {"key": "ingen", "label": "Ingen hund"}]}]}).questions[0]
    assert read_answer("ingen", q) == "ingen"


@pytest.mark.parametrize("text", ["4: kun kajakbroen", "4: sauna kajak shelter"])
def test_only_and_words_side_by_side(text):
    assert read(SNE, text).answers["kraefter"] in (["kajak"], ["sauna", "shelter", "kajak"])


def test_we_do_it_all():
    assert read(SNE, "4: vi vil have det hele").answers["kraefter"] == ["sauna", "skoejter", "shelter", "baal", "kajak"]


@pytest.mark.parametrize("text,keys", [
    ("4: B og D, men ikke saunaen, den er for dyr", ["skoejter", "baal"]),           # a comment after "men ikke"
    ("4: Kajak og sauna, begge dele er gode om vinteren", ["sauna", "kajak"]),      # "begge dele" refers back
    ("4: bålpladser og shelters i skoven", ["shelter", "baal"]),                      # each part its own option
])
def test_a_list_with_a_comment_after_it(text, keys):
    assert sorted(read(SNE, text).answers["kraefter"]) == sorted(keys)


@pytest.mark.parametrize("text,answers", [
    ("Hej 😊 1 fire, 2 ja, 3 villaveje", {"rydning": 4, "saltet": "yes", "foerst": "villaveje"}),
    ("Hej, jeg bor på Bakkevej med min mand. 1 2 2 nej 5 10", {"rydning": 2, "saltet": "no", "dage": 10}),
])
def test_numbered_answers_after_a_greeting_or_an_opening_sentence(text, answers):
    assert read(SNE, text).answers == answers


def test_det_med_names_a_thing_in_a_list():
    r = read(SNE, "kajakbroen og det med bål", awaiting="kraefter")
    assert sorted(r.answers["kraefter"]) == ["baal", "kajak"]


def test_an_ordinal_with_a_noun_of_its_own_names_no_question():
    # "i den anden ende af byen" is a place, not question 2
    r = read(SNE, "1: 4\n3: A\n5: 12. Eller rettere 9, vi bor i den anden ende af byen")
    assert r.answers == {"rydning": 4, "foerst": "skoleveje", "dage": 9}


@pytest.mark.parametrize("text", ["4: Alle undtagen B (vi går aldrig på torvet)", "4: alt undtagen B, da vi bor langt fra torvet"])
def test_the_reason_after_an_exception_is_no_part_of_it(text):
    assert sorted(read(SNE, text).answers["kraefter"]) == ["baal", "kajak", "sauna", "shelter"]


def test_a_letter_joined_to_a_word_by_a_hyphen_is_no_letter_answer():
    # "a-vej" is a word, not option A
    r = read(SNE, "3: a-vejene", awaiting=None)
    assert r.answers.get("foerst") != "skoleveje"


@pytest.mark.parametrize("text,key", [("elbilen", "elbil"), ("en elbil", "elbil"), ("bil", "alm"), ("i bilen", "alm"),
                                      ("almindelig bil", "alm")])
def test_a_word_of_one_label_is_not_a_concept_of_another(text, key):
    # "bil" and "elbil" share a concept, but each is the own word of one label
    from conversations.definitions import parse_definition
    from conversations.reply import read_answer

    q = parse_definition({"kind": "survey", "key": "k", "title": "t", "questions": [
        {"number": 1, "key": "hvordan", "type": "choice", "text": "Hvordan kører du til arbejde?",
         "options": [{"key": "alm", "label": "I almindelig bil"}, {"key": "elbil", "label": "I elbil"},
                     {"key": "tog", "label": "Med tog"}]}]}).questions[0]
    assert read_answer(text, q) == key


@pytest.mark.parametrize("text,keys", [
    ("4: A og C - vi vandrer meget", ["sauna", "shelter"]),
    ("4: B and E - we skate every weekend", ["skoejter", "kajak"]),
    ("4: A og E - især kajakbroen", ["sauna", "kajak"]),          # the remark names one of the letters given
])
def test_letters_then_a_remark(text, keys):
    assert read(SNE, text).answers == {"kraefter": keys}


@pytest.mark.parametrize("text", ["4: A og C - eller måske D", "4: A og C - kun A", "4: B og D - nej, bålpladserne ikke",
                                  "4: A og C - og så kajakbroen"])
def test_letters_then_a_remark_that_changes_them_is_asked_again(text):
    r = read(SNE, text)
    assert "kraefter" not in r.answers and "kraefter" in r.unclear


@pytest.mark.parametrize("text,key", [("3: skole vejene", "skoleveje"), ("3: villa vejene", "villaveje"),
                                      ("3: bus ruterne", "busruter")])
def test_a_compound_written_as_two_words(text, key):
    assert read(SNE, text).answers == {"foerst": key}


@pytest.mark.parametrize("text,keys", [
    ("4: saunaen og kajakbroen fordi vi ror hver søndag", ["sauna", "kajak"]),
    ("4: bålpladserne, because we grill a lot", ["baal"]),
    ("4: skøjtebanen og shelterne", ["skoejter", "shelter"]),            # definite forms of the labels' words
])
def test_a_list_then_its_reason(text, keys):
    assert read(SNE, text).answers == {"kraefter": keys}


def test_a_reason_that_names_an_option_is_part_of_the_answer():
    r = read(SNE, "4: saunaen fordi der mangler en kajakbro")
    assert "kraefter" not in r.answers and "kraefter" in r.unclear


@pytest.mark.parametrize("text,keys", [("4: A, C og D men ikke kajakbroen, den er altid glat", ["sauna", "shelter", "baal"]),
                                       ("4: B og C, but not the sauna", ["skoejter", "shelter"])])
def test_letters_then_what_is_left_out(text, keys):
    assert read(SNE, text).answers == {"kraefter": keys}


def test_letters_then_leaving_out_one_of_them_is_asked_again():
    r = read(SNE, "4: A og E men ikke kajakbroen")
    assert "kraefter" not in r.answers and "kraefter" in r.unclear


@pytest.mark.parametrize("text,keys", [
    ("4: saunaen – vi er mange, der fryser – og kajakbroen", ["sauna", "kajak"]),   # an aside between dashes
    ("4: saunaen - og bålpladserne - og kajakbroen", ["sauna", "baal", "kajak"]),    # dashes around an option
])
def test_an_aside_between_dashes_in_a_list(text, keys):
    assert read(SNE, text).answers == {"kraefter": keys}


@pytest.mark.parametrize("text,keys", [
    # a contrast that leaves out an option not listed confirms the list, with or without a comma
    ("4: shelters og bålpladser men ikke saunaen", ["shelter", "baal"]),
    ("4: skøjtebanen, men ikke kajakbroen", ["skoejter"]),
    # a contrast that stresses one adds nothing to take back
    ("4: bålpladser men mest shelters", ["shelter", "baal"]),
])
def test_a_contrast_after_a_list(text, keys):
    assert sorted(read(SNE, text).answers["kraefter"]) == sorted(keys)


@pytest.mark.parametrize("text", [
    "4: sauna og kajakbro men egentlig kun saunaen",     # a contrast that narrows the list
    "4: shelters, bålpladser, men faktisk bare bålpladser",
    "4: skøjtebane og sauna men ikke skøjtebanen",       # a contrast that takes one of the list back
])
def test_a_contrast_that_narrows_or_takes_back_the_list_is_asked_about(text):
    r = read(SNE, text)
    assert "kraefter" not in r.answers and "kraefter" in r.unclear, r
