"""Whatever arrives, the reader gives a Reading and never raises."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conversations.definitions import parse_definition
from conversations.mail import read_message
from conversations.reading import INTENTS, Reading
from conversations.reply import read_reply

SURVEY = parse_definition({
    "kind": "survey", "key": "s", "title": "Idræt", "questions": [
        {"number": 1, "key": "haller", "type": "scale", "min": 0, "max": 10, "text": "Karakter til hallerne?",
         "labels": {"0": "Meget dårlig", "10": "Meget god"}},
        {"number": 2, "key": "svoemning", "type": "yes_no", "text": "Svømmer du?"},
        {"number": 3, "key": "sport", "type": "choice", "multiple": True, "text": "Hvilken sport?",
         "options": [{"key": "fodbold", "label": "Fodbold"}, {"key": "haandbold", "label": "Håndbold"}]},
        {"number": 4, "key": "antal", "type": "number", "min": 0, "max": 7, "text": "Hvor mange dage?"},
        {"number": 5, "key": "ord", "type": "text", "text": "Andet?"}]})
MEETING = parse_definition({
    "kind": "meeting", "key": "m", "title": "Møde", "starts_at": "2027-01-01T10:00:00+01:00",
    "ends_at": "2027-01-01T12:00:00+01:00", "location": "Hallen", "max_guests": 1})

DANISH = st.lists(st.sampled_from(list("abcæøåABCÆØÅ 0123456789:.,;)(-+/'?!\n\t")
                                  + ["ja", "nej", "enig", "stop", "vi", "kommer", " og ", "spm ", "ikke",
                                     "🙂", "–", "\u200d", "min mand", "1: ", "\n2) ", "ud af", "'er"]),
                  max_size=60).map("".join)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(r):
    assert isinstance(r, Reading)
    assert r.intent in INTENTS
    assert set(r.answers) <= {q.key for q in SURVEY.questions}
    assert all(0 <= c <= 1 for c in r.confidence.values())
    r.to_json("x")


@SETTINGS
@given(st.text(max_size=300) | DANISH, st.sampled_from([None, "haller", "svoemning", "sport", "antal", "ord"]))
def test_sms_text_against_a_survey(text, awaiting):
    check(read_reply("sms", text, SURVEY, awaiting=awaiting))


@SETTINGS
@given(st.text(max_size=300) | DANISH)
def test_sms_text_against_a_meeting(text):
    r = read_reply("sms", text, MEETING)
    check(r)
    if r.rsvp is not None:
        assert r.rsvp.guests <= MEETING.max_guests


@SETTINGS
@given(st.binary(max_size=2000), st.sampled_from([SURVEY, MEETING]))
def test_arbitrary_bytes_as_email(raw, defn):
    check(read_reply("email", raw, defn))


HEADERS = b"From: a@b.dk\r\nTo: svar+x@c.dk\r\nSubject: Re: x\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"


@SETTINGS
@given(DANISH, st.sampled_from([SURVEY, MEETING]))
def test_email_with_arbitrary_body(body, defn):
    check(read_reply("email", HEADERS + body.encode("utf-8"), defn))


@SETTINGS
@given(st.binary(max_size=3000))
def test_read_message_on_arbitrary_bytes(raw):
    m = read_message(raw)
    assert m.kind in ("reply", "auto_reply", "bounce")
