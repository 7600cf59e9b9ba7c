"""Issue 15: every question accounted for, and no dead ends (the pure dialogue rules)."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from conversations import dialogue
from conversations.definitions import parse_definition
from conversations.dialogue import State, decide
from conversations.reading import Reading
from tests.inbound.support import WASTE_RATING

SURVEY = parse_definition(WASTE_RATING)
NOW = datetime(2027, 2, 1, 12, 0, tzinfo=timezone.utc)
SMS = dict(channel="sms", now=NOW, one_question_at_a_time=True)


def keys(questions):
    return [q.key for q in questions]


def test_email_receipt_asks_for_the_question_the_reader_left_out():
    # "1: 8 / 2: plast og glas / 3 ja / 4: ..." read as 1, 2 and 4 only: 3 must be asked for.
    reading = Reading(intent="answers", answers={"tilfreds": 8, "sorterer": ["plast", "glas"], "ideer": "Flere spande"})
    decision = decide(SURVEY, reading, State(now=NOW))
    assert decision.reply.template == dialogue.RECEIPT
    assert keys(decision.reply.missing) == ["kompost"]
    assert not decision.reply.complete


def test_email_receipt_is_complete_only_when_nothing_is_open():
    reading = Reading(intent="answers", answers={"kompost": "yes"})
    decision = decide(SURVEY, reading, State(now=NOW, answered={"tilfreds": 8, "sorterer": ["glas"], "ideer": "x"}))
    assert decision.reply.missing == () and decision.reply.complete


def test_a_skipped_question_is_remembered_and_not_asked_for():
    reading = Reading(intent="answers", answers={"tilfreds": 8, "sorterer": ["glas"], "kompost": "no"},
                      skipped=("ideer",))
    decision = decide(SURVEY, reading, State(now=NOW))
    assert decision.skip == ("ideer",)
    assert decision.reply.missing == () and keys(decision.reply.skipped) == ["ideer"]
    assert decision.reply.complete
    # Skipped earlier: still not asked for in a later receipt.
    later = decide(SURVEY, Reading(intent="answers", answers={"tilfreds": 9}),
                   State(now=NOW, answered={"sorterer": ["glas"], "kompost": "no"}, skipped=frozenset({"ideer"})))
    assert later.reply.missing == () and later.reply.complete


def test_ask_again_by_email_also_asks_for_what_was_never_answered():
    reading = Reading(intent="answers", answers={"tilfreds": 8}, unclear=("sorterer",))
    decision = decide(SURVEY, reading, State(now=NOW))
    assert decision.reply.template == dialogue.ASK_AGAIN
    assert keys(decision.reply.ask_about) == ["sorterer"]
    assert keys(decision.reply.missing) == ["kompost", "ideer"]
    assert decision.unclear == ("sorterer",)


def test_sms_second_unclear_answer_passes_the_question_on_and_goes_on():
    first = decide(SURVEY, Reading(intent="unclear"), State(**SMS, awaiting="sorterer", answered={"tilfreds": 8}))
    assert first.reply.template == dialogue.ASK_AGAIN and keys(first.reply.ask_about) == ["sorterer"]
    assert first.unclear == ("sorterer",) and not first.to_staff
    second = decide(SURVEY, Reading(intent="unclear"),
                    State(**SMS, awaiting="sorterer", answered={"tilfreds": 8}, unclear_counts={"sorterer": 1}))
    assert second.to_staff and second.pass_on == ("sorterer",)
    assert second.reply.template == dialogue.NEXT_QUESTION
    assert second.reply.next_question.key == "kompost"
    assert keys(second.reply.passed_on) == ["sorterer"]


def test_sms_the_last_question_passed_on_ends_with_a_receipt_that_says_so():
    state = State(**SMS, awaiting="ideer", answered={"tilfreds": 8, "sorterer": ["glas"], "kompost": "yes"},
                  unclear_counts={"ideer": 1})
    decision = decide(SURVEY, Reading(intent="unclear"), state)
    assert decision.reply.template == dialogue.RECEIPT and keys(decision.reply.passed_on) == ["ideer"]
    assert not decision.reply.complete  # staff still have one


def test_sms_questions_with_staff_are_not_asked_while_staff_have_them():
    state = State(**SMS, awaiting="kompost", answered={"tilfreds": 8}, with_staff=frozenset({"sorterer"}))
    decision = decide(SURVEY, Reading(intent="answers", answers={"kompost": "no"}), state)
    assert decision.reply.template == dialogue.NEXT_QUESTION and decision.reply.next_question.key == "ideer"


def test_sms_a_skipped_question_moves_on():
    state = State(**SMS, awaiting="kompost", answered={"tilfreds": 8, "sorterer": ["glas"]})
    decision = decide(SURVEY, Reading(intent="answers", skipped=("kompost",)), state)
    assert decision.skip == ("kompost",)
    assert decision.reply.template == dialogue.NEXT_QUESTION and decision.reply.next_question.key == "ideer"


@pytest.mark.parametrize("channel", ["email", "sms"])
def test_no_reply_ever_leaves_an_open_question_unmentioned(channel):
    """After any reply every question is answered, skipped, with staff, or asked for."""
    readings = [
        Reading(intent="answers", answers={"tilfreds": 8}),
        Reading(intent="answers", answers={"tilfreds": 8}, unclear=("kompost",)),
        Reading(intent="answers", answers={"ideer": "x"}, skipped=("tilfreds",)),
        Reading(intent="unclear"),
    ]
    for reading in readings:
        for counts in ({}, {"kompost": 1, "sorterer": 1, "tilfreds": 1}):
            state = State(channel=channel, now=NOW, one_question_at_a_time=channel == "sms",
                          awaiting="sorterer" if channel == "sms" else None, unclear_counts=counts)
            decision = decide(SURVEY, reading, state)
            reply = decision.reply
            assert reply is not None
            if reply.template == dialogue.PASSED_TO_STAFF:
                assert decision.to_staff
                continue
            accounted = set(reading.answers) | set(decision.skip) | set(decision.pass_on)
            asked = set(keys(reply.ask_about)) | set(keys(reply.missing))
            if reply.next_question is not None:
                asked.add(reply.next_question.key)
            open_keys = {q.key for q in SURVEY.questions} - accounted
            if channel == "sms":
                # one at a time: the first open question is the one asked
                assert not open_keys or asked, (reading, counts, reply)
            else:
                assert open_keys <= asked, (reading, counts, reply)


def test_a_whole_unreadable_email_is_passed_on_with_a_word_after_the_follow_ups():
    decision = decide(SURVEY, Reading(intent="unclear"), State(now=NOW, follow_ups_sent=dialogue.MAX_FOLLOW_UPS))
    assert decision.to_staff and decision.reply.template == dialogue.PASSED_TO_STAFF


def test_open_questions_helper():
    assert keys(dialogue.open_questions(SURVEY, {"tilfreds": 1}, ("ideer",), ("kompost",))) == ["sorterer"]
