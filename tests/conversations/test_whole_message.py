"""Meaning that needs the whole message: questions and comments for staff, shrugs, automatic answers."""
from __future__ import annotations

import pytest

from tests.conversations.phenomena import SNE, VINTERMOEDE, read


@pytest.mark.parametrize("text", [
    "Hvornår bliver fortovet ved Smedegade ryddet",           # a question without its question mark
    "Kan man få en sandkasse stillet op ved vejen",
    "Vil I sende det til min arbejdsmail fremover",            # a request
    "Jeg har skiftet nummer, det nye står i min profil på jeres side",
    "I har sendt den samme besked to gange i dag",
    "Jeg ved ikke hvorfor jeg har fået den her, jeg bor i en anden kommune",
])
def test_a_question_or_comment_for_staff_is_other(text):
    r = read(SNE, text, channel="sms")
    assert r.intent == "other" and r.answers == {}


@pytest.mark.parametrize("text", [
    "Det har jeg ikke nogen holdning til",                     # a shrug
    "Det afhænger helt af vejret",
    "hmm",
])
def test_a_shrug_is_unclear_not_a_message_for_staff(text):
    assert read(SNE, text, channel="sms").intent == "unclear"


def test_an_elliptic_negated_answer_is_no_question():
    r = read(SNE, "har jeg ikke", awaiting="saltet")
    assert r.answers == {"saltet": "no"}


def test_a_question_before_signing_up_is_no_yes():
    r = read(VINTERMOEDE, "Inden jeg melder mig til: er der trappe op til salen, jeg går med rollator", channel="sms")
    assert r.intent == "other" and r.rsvp is None


def test_a_yes_about_another_occasion_does_not_turn_a_no():
    r = read(VINTERMOEDE, "Jeg kan ikke den aften. Men jeg er gerne med en anden gang!", channel="sms")
    assert (r.intent, r.rsvp.attending) == ("rsvp", "no")


def test_a_phone_that_does_not_disturb_answers_automatically():
    assert read(SNE, "Jeg har slået Forstyr ikke til og ser din besked senere", channel="sms").intent == "auto_reply"


@pytest.mark.parametrize("subject,body,rsvp", [
    ("SV: Invitation: Vintermøde i Sognegården - JA, vi er to", "", ("yes", 1)),
    ("Re: Vintermøde i Sognegården – kan desværre ikke", "\n", ("no", 0)),
])
def test_an_answer_added_to_the_invitations_subject(subject, body, rsvp):
    from conversations.reply import read_reply

    raw = (f"From: Borger <b@example.dk>\nTo: svar+abc@panel.example\nSubject: {subject}\n"
           f"Content-Type: text/plain; charset=utf-8\n\n{body}")
    r = read_reply("email", raw, VINTERMOEDE)
    assert r.intent == "rsvp" and (r.rsvp.attending, r.rsvp.guests) == rsvp


@pytest.mark.parametrize("text,skipped,answers", [
    ("spring over", ("forslag",), {}),
    ("1: 4\n2: ja\nSpring 5 og 6 over, det ved jeg ikke noget om", ("dage", "forslag"), {"rydning": 4, "saltet": "yes"}),
    ("1: 5\n3: -\n4: pas", ("foerst", "kraefter"), {"rydning": 5}),
])
def test_a_question_passed_over_on_purpose_is_skipped_not_asked_again(text, skipped, answers):
    r = read(SNE, text, awaiting="forslag" if text == "spring over" else None)
    assert r.skipped == skipped and r.answers == answers
    assert not set(skipped) & set(r.unclear)
    assert r.intent == ("answers" if answers else "unclear")


@pytest.mark.parametrize("text", ["Ich habe eine Frage zu dem Brief von der Gemeinde", "Я не понимаю вопросы, помогите пожалуйста",
                                  "Could you send this in English please"])
def test_a_reply_in_another_language_that_gives_no_answer_goes_to_staff(text):
    assert read(SNE, text, channel="sms").intent == "other"
    assert read(VINTERMOEDE, text, channel="sms").intent == "other"


@pytest.mark.parametrize("text,answers", [
    # numbers and answers side by side: a looser answer closed by the next question's number
    ("1 fire 2 nej 3 A 4 skøjtebane og bålpladser 5 en halv snes",
     {"rydning": 4, "saltet": "no", "foerst": "skoleveje", "kraefter": ["skoejter", "baal"], "dage": 10}),
    # a list of several words with no commas, and a list with commas and "og"
    ("1 2 2 ja 3 d 4 kajakbro shelters bålpladser",
     {"rydning": 2, "saltet": "yes", "foerst": "stier", "kraefter": ["kajak", "shelter", "baal"]}),
    ("1 5 2 ja 3 b 4 a, c og e", {"rydning": 5, "saltet": "yes", "foerst": "busruter",
                                  "kraefter": ["sauna", "shelter", "kajak"]}),
    # "alt" is all, and the reading that answers every question wins over one that swallows a number
    ("1 3 2 nej 3 c 4 ALT 5 7", {"rydning": 3, "saltet": "no", "foerst": "villaveje",
                                 "kraefter": ["sauna", "skoejter", "shelter", "baal", "kajak"], "dage": 7}),
    # a remark of its own after the answers
    ("1 4 2 ja 3 a 4 e. Godt initiativ! Hvornår bliver det besluttet?",
     {"rydning": 4, "saltet": "yes", "foerst": "skoleveje", "kraefter": ["kajak"]}),
])
def test_numbers_and_answers_side_by_side(text, answers):
    got = read(SNE, text).answers
    assert {k: sorted(v) if isinstance(v, list) else v for k, v in got.items()} == {
        k: sorted(v) if isinstance(v, list) else v for k, v in answers.items()}


def test_lines_of_number_dash_answer_are_numbered_answers():
    assert read(SNE, "1-2\n2-nej\n3-B\n5-14").answers == {"rydning": 2, "saltet": "no", "foerst": "busruter", "dage": 14}


def test_a_single_number_dash_number_stays_a_range():
    r = read(SNE, "5-8", awaiting="dage")
    assert "dage" not in r.answers and "dage" in r.unclear


def test_a_number_right_after_a_marker_is_its_answer_not_the_next_marker():
    # "5. 6 eller 7": two values for question 5 (unclear), not question 6 answered "eller 7"
    r = read(SNE, "1. 3 2. ja 3. B 4. C 5. 6 eller 7, husker det ikke")
    assert "dage" in r.unclear and "forslag" not in r.answers


def test_prose_around_a_question_for_staff_is_for_a_person():
    r = read(SNE, "Ploven har ikke været på min vej i fem dage, og vi har saltet selv to gange. "
                  "Hvem kan jeg klage til?")
    assert r.intent == "other" and r.answers == {}


def test_a_survey_question_said_back_in_prose_is_answered():
    r = read(SNE, "Snerydningen på min vej? Meget tilfreds. Dage uden rydning i januar: 3.")
    assert r.answers == {"rydning": 5, "dage": 3}


def test_dotted_numbers_after_an_opening_sentence():
    r = read(SNE, "Godaften, her er Vibeke. 1. 2 2. nej 3. B", awaiting=None, channel="sms")
    assert r.answers == {"rydning": 2, "saltet": "no", "foerst": "busruter"}


def test_a_correction_then_why():
    r = read(SNE, "1: 4\n2: ja\n5: 3\nPS 5 skal være 13, jeg skrev forkert i farten")
    assert r.answers == {"rydning": 4, "saltet": "yes", "dage": 13}
