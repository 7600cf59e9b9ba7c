"""python -m conversations parse reads calendar programs' answers (iTIP REPLY) as RSVPs.

The answers are shaped like Outlook's, Google Calendar's and Apple Calendar's
(``tests.meetings.calendar_replies``), each made from an invitation built by
the panel's own calendar code with a reply address as ORGANIZER.  The text
beside the calendar part never overrides it; to a survey it is no answer.
"""
from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from conversations.definitions import parse_definition
from engagement.meetings.calendar import CANCEL, REQUEST, build_calendar
from tests.conversations.test_cli import DEFS, run
from tests.meetings.calendar_replies import calendar_answer, itip_reply

ORGANIZER = "svar+abcdefghijklmnopqrstu@borgerpanel.example.dk"
SENDER = "Elvira Bækgaard <elvira@baekgaard.example>"


def invitation(method: str = REQUEST) -> bytes:
    return build_calendar(parse_definition(DEFS["fest"]), uid="meeting-3-panelist-7@borgerpanel.example.dk",
                          sequence=0, method=method, organizer=ORGANIZER, organizer_name="Borgerpanelet",
                          attendee_email="elvira@baekgaard.example", attendee_name="Elvira Bækgaard",
                          stamp=datetime(2027, 5, 1, 8, 0, tzinfo=timezone.utc))


def line(case_id: str, raw: bytes, definition: str = "fest") -> str:
    return json.dumps({"id": case_id, "definition": definition, "channel": "email",
                       "message": raw.decode("utf-8", "surrogateescape")})


CASES = [
    # (id, client, partstat, text typed beside it, expected attending)
    ("outlook-yes", "outlook", "ACCEPTED", "", "yes"),
    ("outlook-yes-comment", "outlook", "ACCEPTED", "Nej hvor dejligt, vi ses!", "yes"),
    ("outlook-no", "outlook", "DECLINED", "Jeg kommer med min mand.", "no"),
    ("outlook-maybe", "outlook", "TENTATIVE", "", "maybe"),
    ("google-no", "google", "DECLINED", "", "no"),
    ("google-yes", "google", "ACCEPTED", "", "yes"),
    ("google-maybe", "google", "TENTATIVE", "", "maybe"),
    ("apple-yes", "apple", "ACCEPTED", "", "yes"),
    ("apple-no", "apple", "DECLINED", "", "no"),
    ("apple-maybe", "apple", "TENTATIVE", "", "maybe"),
]


def test_calendar_answers_are_rsvps_with_no_guests(tmp_path):
    ics = invitation()
    lines = [line(case_id, calendar_answer(client, ics, partstat, sender=SENDER, text=text))
             for case_id, client, partstat, text, _ in CASES]
    proc, out = run(tmp_path, lines)
    assert proc.returncode == 0, proc.stderr
    by_id = {r["id"]: r for r in out}
    for case_id, _client, _partstat, _text, attending in CASES:
        result = by_id[case_id]
        assert result["intent"] == "rsvp", (case_id, result)
        assert result["rsvp"] == {"attending": attending, "guests": 0}, (case_id, result)


def test_the_answer_to_a_survey_or_a_non_reply_is_not_an_rsvp(tmp_path):
    ics = invitation()
    request_sent_on = calendar_answer("apple", ics, "ACCEPTED", sender=SENDER).replace(b"METHOD:REPLY",
                                                                                      b"METHOD:REQUEST")
    proc, out = run(tmp_path, [
        line("survey", calendar_answer("outlook", ics, "ACCEPTED", sender=SENDER), definition="affald"),
        line("request", request_sent_on),
    ])
    assert proc.returncode == 0, proc.stderr
    by_id = {r["id"]: r for r in out}
    assert b"METHOD:REQUEST" in request_sent_on
    for case_id in ("survey", "request"):
        assert by_id[case_id]["intent"] == "unclear" and not by_id[case_id]["answers"], by_id[case_id]
        assert not by_id[case_id].get("rsvp"), by_id[case_id]


@pytest.mark.parametrize("partstat", ["ACCEPTED", "DECLINED", "TENTATIVE"])
def test_the_reply_answers_the_invitation_it_was_made_from(partstat):
    """The REPLY keeps the invitation's UID, SEQUENCE and ORGANIZER (RFC 5546), so it is mailed to the
    reply address and matched to this meeting and panelist."""
    from icalendar import Calendar

    ics = invitation()
    reply = Calendar.from_ical(itip_reply(ics, partstat, "elvira@baekgaard.example"))
    event = reply.walk("VEVENT")[0]
    assert str(reply["method"]) == "REPLY"
    assert str(event["uid"]) == "meeting-3-panelist-7@borgerpanel.example.dk"
    assert str(event["organizer"]) == f"mailto:{ORGANIZER}"
    assert str(event["attendee"].params["PARTSTAT"]) == partstat
    assert b"METHOD:CANCEL" in invitation(CANCEL)
