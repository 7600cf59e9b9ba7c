"""conversations.mail: calendar answers (iTIP REPLY) -> MailReading.calendar_reply.

The fixtures are shaped like each calendar program's answer to a meeting
invitation: Outlook ("Accepteret: ...", a text/calendar part next to the
text), Google Calendar ("Afvist: ...", the calendar inline and as an
invite.ics attachment) and Apple Calendar (the calendar alone).
"""
from __future__ import annotations

import json
import subprocess
import sys
from email.message import EmailMessage
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conversations.mail import MailReading, read_message

HERE = Path(__file__).parent / "mail"
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name, answer", [
    ("calendar_outlook_accept.eml", "yes"),
    ("calendar_google_decline.eml", "no"),
    ("calendar_apple_tentative.eml", "maybe"),
])
def test_calendar_programs_answers(name, answer):
    reading = read_message((HERE / name).read_bytes())
    assert reading.kind == "reply"
    assert reading.calendar_reply == answer


def test_a_comment_typed_with_the_answer_is_still_read():
    reading = read_message((HERE / "calendar_outlook_accept.eml").read_bytes())
    assert reading.text == "Jeg glæder mig til at høre koret. Min trompet bliver hjemme."


def test_no_calendar_no_answer():
    reading = read_message((HERE / "thunderbird_tight.eml").read_bytes())
    assert reading.calendar_reply is None


def calendar_mail(ics: str, *, method_param: str | None = "REPLY", attach: bool = False,
                  headers: tuple[tuple[str, str], ...] = ()) -> bytes:
    m = EmailMessage()
    m["From"] = "Elvira Bækgaard <elvira@baekgaard.example>"
    m["To"] = "svar+c4@borgerpanel.example.dk"
    m["Subject"] = "Svar: Koncert med koret"
    for k, v in headers:
        m[k] = v
    m.set_content("")
    params = {"method": method_param} if method_param else {}
    data = ics.replace("\n", "\r\n").encode("utf-8")
    if attach:
        m.add_attachment(data, maintype="application", subtype="ics", filename="invite.ics")
    else:
        m.add_alternative(data, maintype="text", subtype="calendar", params=params)
    return bytes(m)


def ics(method: str = "REPLY", *attendees: str) -> str:
    lines = "\n".join(f"ATTENDEE;PARTSTAT={a}:mailto:elvira{i}@baekgaard.example" for i, a in enumerate(attendees))
    return (f"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Test//Kalender//DA\nMETHOD:{method}\nBEGIN:VEVENT\n"
            f"UID:meeting-9-panelist-4@borgerpanel.example.dk\nDTSTAMP:20270602T101500Z\n"
            f"SUMMARY:Koncert med koret\n{lines}\nEND:VEVENT\nEND:VCALENDAR\n")


@pytest.mark.parametrize("calendar, attach, answer", [
    (ics("REPLY", "ACCEPTED"), False, "yes"),
    (ics("REPLY", "accepted"), True, "yes"),
    (ics("REPLY", "DECLINED"), True, "no"),
    (ics("REPLY", "TENTATIVE"), False, "maybe"),
    (ics("REQUEST", "ACCEPTED"), False, None),             # an invitation sent on, not an answer
    (ics("COUNTER", "TENTATIVE"), False, None),            # a proposal for another time
    (ics("REPLY", "DELEGATED"), False, None),
    (ics("REPLY", "NEEDS-ACTION"), False, None),
    (ics("REPLY", "ACCEPTED", "DECLINED"), False, None),   # attendees who disagree
    (ics("REPLY"), False, None),                           # nobody answers
    ("BEGIN:VCALENDAR\nMETHOD:REPLY\nBEGIN:VEVENT\nATTENDEE;PARTSTAT=ACCEPTED:mailto:a@b.dk\n", False, None),
    ("this is not a calendar at all", False, None),
    ("BEGIN:VCALENDAR\nMETHOD:REPLY\nBEGIN:VEVENT\nATTENDEE;PARTSTAT=ACCEPTED:mailto:a@b.dk\nDTSTART:2027-13-45\n"
     "END:VEVENT\nEND:VCALENDAR\n", False, "yes"),         # a bad date does not hide the answer
], ids=["accepted", "attached, lower case", "declined", "tentative", "request", "counter", "delegated",
        "needs action", "disagree", "no attendee", "truncated", "garbage", "bad date"])
def test_only_a_reply_with_one_clear_answer_counts(calendar, attach, answer):
    reading = read_message(calendar_mail(calendar, attach=attach))
    assert reading.kind == "reply"
    assert reading.calendar_reply == answer


def test_a_calendar_in_its_declared_charset_is_read():
    m = EmailMessage()
    m["From"] = "Elvira Bækgaard <elvira@baekgaard.example>"
    m.set_content(ics("REPLY", "ACCEPTED").replace("SUMMARY:Koncert med koret", "SUMMARY:Koncert i Klokketårnet")
                  .encode("utf-16"), maintype="text", subtype="calendar",
                  params={"method": "REPLY", "charset": "utf-16"})
    assert read_message(bytes(m)).calendar_reply == "yes"


def test_method_in_the_content_type_stands_in_for_a_missing_one():
    calendar = ics("REPLY", "DECLINED").replace("METHOD:REPLY\n", "")
    assert read_message(calendar_mail(calendar, method_param="REPLY")).calendar_reply == "no"
    assert read_message(calendar_mail(calendar, method_param=None)).calendar_reply is None


def test_an_automatic_reply_carrying_a_calendar_is_no_answer():
    raw = calendar_mail(ics("REPLY", "ACCEPTED"), headers=(("Auto-Submitted", "auto-replied"),))
    reading = read_message(raw)
    assert reading.kind == "auto_reply"
    assert reading.calendar_reply is None


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_any_calendar_text_never_raises(text):
    reading = read_message(calendar_mail("BEGIN:VCALENDAR\nMETHOD:REPLY\n" + text))
    assert isinstance(reading, MailReading)
    assert reading.calendar_reply in (None, "yes", "no", "maybe")


def test_python_m_conversations_parse_reads_calendar_answers_as_rsvp(tmp_path):
    defs = {"koncert": {"kind": "meeting", "key": "koncert", "title": "Koncert med koret i Klokketårnet",
                        "starts_at": "2027-06-05T15:00:00+02:00", "ends_at": "2027-06-05T17:00:00+02:00",
                        "location": "Klokketårnet", "max_guests": 2}}
    (tmp_path / "defs.json").write_text(json.dumps(defs), "utf-8")
    names = ["calendar_outlook_accept.eml", "calendar_google_decline.eml", "calendar_apple_tentative.eml"]
    cases = [json.dumps({"id": n, "definition": "koncert", "channel": "email",
                         "message": (HERE / n).read_bytes().decode("utf-8", "surrogateescape")},
                        ensure_ascii=False) for n in names]
    proc = subprocess.run([sys.executable, "-m", "conversations", "parse", "--definitions", str(tmp_path / "defs.json")],
                          input="\n".join(cases) + "\n", capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    out = {r["id"]: r for r in map(json.loads, proc.stdout.splitlines())}
    assert {n: (out[n]["intent"], out[n].get("rsvp")) for n in names} == {
        "calendar_outlook_accept.eml": ("rsvp", {"attending": "yes", "guests": 0}),
        "calendar_google_decline.eml": ("rsvp", {"attending": "no", "guests": 0}),
        "calendar_apple_tentative.eml": ("rsvp", {"attending": "maybe", "guests": 0}),
    }
