"""Bounded reading: the size cap and the time bound at conversations.reply's entry points."""
from __future__ import annotations

import threading
import time

import pytest

from conversations import limits, reply
from conversations.definitions import parse_definitions
from conversations.mail import read_message

SURVEY = parse_definitions({"affald": {"kind": "survey", "key": "affald", "title": "Affald", "questions": [
    {"number": 1, "key": "sortering", "type": "scale", "min": 1, "max": 5, "text": "Hvor tilfreds?"},
    {"number": 2, "key": "kompost", "type": "yes_no", "text": "Komposterer du?"}]}})["affald"]


def test_an_sms_over_the_cap_goes_to_a_person_and_leaving_stays_leaving():
    long = "4 " + "bla " * limits.MAX_SMS_CHARS
    reading = reply.read_sms(long, SURVEY, awaiting="sortering")
    assert reading.intent == "other" and reading.asks_staff and "a person" in reading.error
    assert reply.read_sms("4", SURVEY, awaiting="sortering").answers == {"sortering": 4}
    assert reply.read_sms("STOP " + "x" * limits.MAX_SMS_CHARS, SURVEY).intent == "unsubscribe"


def test_a_mail_whose_own_words_pass_the_cap_goes_to_a_person():
    body = "1. 4\r\n2. ja\r\n" + "Og s\u00e5 videre. " * (limits.MAX_MAIL_CHARS // 10)
    raw = ("From: a@example.dk\r\nTo: svar+x@example.dk\r\nSubject: Re: Affald\r\nMessage-ID: <1@x>\r\n"
           "Content-Type: text/plain; charset=utf-8\r\n\r\n" + body).encode()
    reading = reply.read_mail(read_message(raw), SURVEY)
    assert reading.intent == "other" and reading.asks_staff


def test_a_reading_out_of_time_goes_to_a_person(monkeypatch):
    def endless(*_args, **_kwargs):
        while True:
            sum(range(1000))

    monkeypatch.setattr(limits, "READING_SECONDS", 0.2)
    monkeypatch.setattr(reply, "understand_text", endless)
    reading = reply.read_sms("4", SURVEY)
    assert reading.intent == "other" and reading.asks_staff and "longer than" in reading.error


def test_the_time_bound_works_in_any_thread_and_survives_except_exception():
    caught = []

    def stubborn():
        try:
            with limits.time_limit(0.2):
                while True:
                    try:
                        sum(range(1000))
                    except Exception:  # a reader that swallows errors cannot swallow the bound
                        pass
        except limits.ReadingTimeout:
            caught.append(True)

    thread = threading.Thread(target=stubborn)
    thread.start()
    thread.join(10)
    assert caught == [True] and not thread.is_alive()


def test_a_reading_that_ends_in_time_leaves_no_exception_behind():
    for _ in range(300):
        with limits.time_limit(0.05):
            sum(range(2000))
    time.sleep(0.2)  # past every deadline: nothing may go off now
    assert sum(range(10)) == 45


def test_cut_says_whether_anything_was_cut():
    assert limits.cut("abc", 5) == ("abc", False)
    assert limits.cut("abcdef", 5) == ("abcde", True)
    assert limits.cut(None, 5) == ("", False)


@pytest.mark.parametrize("text", ["ja\x00tak", "\ud800", "[" * 100_000, "\u0301" * 5000])
def test_hostile_sms_text_is_read_without_an_exception(text):
    assert reply.read_sms(text, SURVEY).intent in ("answers", "unclear", "other", "unsubscribe", "rsvp")
