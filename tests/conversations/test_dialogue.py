"""The chatbot's rules: what is recorded, what is asked again, what is sent back."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from conversations import dialogue
from conversations.definitions import parse_definition
from conversations.dialogue import State, decide
from conversations.reader import understand_text
from conversations.reading import Reading, Rsvp

SURVEY = parse_definition({
    "kind": "survey", "key": "affald", "title": "Affald og genbrug",
    "questions": [
        {"number": 1, "key": "tilfreds", "type": "scale", "min": 1, "max": 5,
         "text": "Hvor tilfreds er du med affaldsordningen?",
         "labels": {"1": "Meget utilfreds", "5": "Meget tilfreds"}},
        {"number": 2, "key": "sorterer", "type": "yes_no", "text": "Sorterer du dit affald?"},
        {"number": 3, "key": "spande", "type": "number", "min": 0, "max": 10,
         "text": "Hvor mange affaldsspande har du?"},
    ]})
MEETING = parse_definition({
    "kind": "meeting", "key": "dialog", "title": "Dialogmøde om skolerne",
    "starts_at": "2027-03-02T18:00:00+01:00", "ends_at": "2027-03-02T20:00:00+01:00",
    "location": "Byens Skole, aulaen", "max_guests": 1})
NOW = datetime(2027, 2, 1, 12, 0, tzinfo=timezone.utc)


def keys(questions):
    return [q.key for q in questions]


@pytest.mark.parametrize("intent", ["auto_reply", "bounce"])
def test_machine_mail_is_never_answered_or_recorded(intent):
    decision = decide(SURVEY, Reading(intent=intent), State(now=NOW))
    assert decision.reply is None and not decision.record_answers and not decision.unsubscribe


def test_nothing_goes_to_someone_who_has_left():
    reading = understand_text("1: 4, 2: ja, 3: 2", SURVEY)
    decision = decide(SURVEY, reading, State(now=NOW, has_left=True))
    assert decision.reply is None and not decision.record_answers


def test_leaving_is_confirmed():
    decision = decide(SURVEY, understand_text("STOP", SURVEY), State(now=NOW))
    assert decision.unsubscribe
    assert decision.reply.template == dialogue.LEAVING_CONFIRMATION


def test_full_answer_gets_a_receipt_listing_what_was_recorded():
    decision = decide(SURVEY, understand_text("1: fire\n2: ja\n3: to", SURVEY), State(now=NOW))
    assert decision.record_answers == {"tilfreds": 4, "sorterer": "yes", "spande": 2}
    assert decision.reply.template == dialogue.RECEIPT
    assert decision.reply.complete
    assert [(q.key, v) for q, v in decision.reply.recorded] == [
        ("tilfreds", 4), ("sorterer", "yes"), ("spande", 2)]


def test_unclear_part_is_asked_again_and_the_rest_recorded():
    reading = Reading(intent="answers", answers={"tilfreds": 4}, unclear=("spande",))
    decision = decide(SURVEY, reading, State(now=NOW))
    assert decision.record_answers == {"tilfreds": 4}
    assert decision.reply.template == dialogue.ASK_AGAIN
    assert keys(decision.reply.ask_about) == ["spande"]
    assert decision.reply.follow_up


def test_at_most_two_follow_ups_then_staff_looks():
    reading = Reading(intent="unclear")
    asked = decide(SURVEY, reading, State(now=NOW, follow_ups_sent=1))
    assert asked.reply.template == dialogue.ASK_AGAIN
    assert keys(asked.reply.ask_about) == ["tilfreds", "sorterer", "spande"]
    enough = decide(SURVEY, reading, State(now=NOW, follow_ups_sent=dialogue.MAX_FOLLOW_UPS))
    assert enough.to_staff and enough.reply.template == dialogue.PASSED_TO_STAFF  # told, not left in silence


def test_unclear_asks_only_about_questions_still_open():
    reading = Reading(intent="unclear")
    decision = decide(SURVEY, reading, State(now=NOW, answered={"tilfreds": 3}))
    assert keys(decision.reply.ask_about) == ["sorterer", "spande"]


def test_nothing_recorded_and_no_follow_up_after_the_deadline():
    reading = understand_text("1: 4", SURVEY)
    decision = decide(SURVEY, reading, State(now=NOW, deadline=NOW - timedelta(minutes=1)))
    assert not decision.record_answers
    assert decision.reply.template == dialogue.SURVEY_CLOSED


def test_sms_survey_sends_the_next_open_question():
    state = State(channel="sms", now=NOW, awaiting="tilfreds", one_question_at_a_time=True)
    decision = decide(SURVEY, understand_text("4", SURVEY, awaiting="tilfreds"), state)
    assert decision.record_answers == {"tilfreds": 4}
    assert decision.reply.template == dialogue.NEXT_QUESTION
    assert decision.reply.next_question.key == "sorterer"


def test_sms_survey_ends_with_a_receipt_when_everything_is_answered():
    state = State(channel="sms", now=NOW, awaiting="spande", one_question_at_a_time=True,
                  answered={"tilfreds": 4, "sorterer": "no"})
    decision = decide(SURVEY, understand_text("2", SURVEY, awaiting="spande"), state)
    assert decision.reply.template == dialogue.RECEIPT and decision.reply.complete


def test_sms_unclear_reply_repeats_the_question_just_asked():
    state = State(channel="sms", now=NOW, awaiting="sorterer", one_question_at_a_time=True)
    decision = decide(SURVEY, Reading(intent="unclear"), state)
    assert keys(decision.reply.ask_about) == ["sorterer"]


def test_message_for_staff_is_passed_on_and_acknowledged():
    decision = decide(SURVEY, Reading(intent="other", asks_staff=True), State(now=NOW))
    assert decision.to_staff and decision.reply.template == dialogue.PASSED_TO_STAFF


def test_answers_with_a_question_are_recorded_and_also_go_to_staff():
    reading = Reading(intent="answers", answers={"sorterer": "yes"}, asks_staff=True)
    decision = decide(SURVEY, reading, State(now=NOW))
    assert decision.record_answers == {"sorterer": "yes"} and decision.to_staff


def test_rsvp_is_recorded_with_a_receipt():
    decision = decide(MEETING, understand_text("Jeg kommer gerne og tager min mand med", MEETING), State(now=NOW))
    assert decision.record_rsvp == Rsvp("yes", 1)
    assert decision.reply.template == dialogue.RSVP_RECEIPT and decision.reply.meeting == MEETING


def test_too_many_guests_is_asked_about_not_cut():
    decision = decide(MEETING, Reading(intent="rsvp", rsvp=Rsvp("yes", 3)), State(now=NOW))
    assert decision.record_rsvp is None
    assert decision.reply.template == dialogue.ASK_RSVP_AGAIN and decision.reply.reason == "guests"


def test_unreadable_rsvp_is_asked_again_then_passed_to_staff():
    first = decide(MEETING, Reading(intent="unclear"), State(now=NOW))
    assert first.reply.template == dialogue.ASK_RSVP_AGAIN and first.reply.reason == "unclear"
    last = decide(MEETING, Reading(intent="unclear"), State(now=NOW, follow_ups_sent=2))
    assert last.to_staff and last.reply.template == dialogue.PASSED_TO_STAFF
