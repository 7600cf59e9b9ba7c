"""The panelist page's history: every message in and out, answers with corrections, RSVPs and seats."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import event

from engagement.campaigns.models import Campaign
from engagement.db import utcnow
from engagement.delivery.models import OutboxMessage
from engagement.inbound.models import InboundMessage
from engagement.meetings.models import MeetingSeat
from engagement.panel import history
from engagement.surveys.models import Answer, StoredDefinition
from engagement.surveys.service import correct_answer, record_answers, record_rsvp
from tests.factories import make_panel, make_panelist
from tests.staff.support import log_in, make_staff

SURVEY = {"kind": "survey", "key": "busser", "title": "Busserne i byen", "questions": [
    {"number": 1, "key": "tilfreds", "type": "scale", "min": 1, "max": 5, "text": "Hvor tilfreds er du?",
     "labels": {"1": "Meget utilfreds", "5": "Meget tilfreds"}},
    {"number": 2, "key": "transport", "type": "choice", "text": "Hvordan kommer du på arbejde?",
     "options": [{"key": "A", "label": "Bil"}, {"key": "B", "label": "Bus"}, {"key": "C", "label": "Cykel"}]}]}
MEETING = {"kind": "meeting", "key": "havn", "title": "Borgermøde om havnen", "starts_at": "2027-01-14T19:00:00+01:00",
           "ends_at": "2027-01-14T21:00:00+01:00", "location": "Kulturhuset", "max_guests": 2}


@pytest.fixture
def panel(session):
    return make_panel(session, name="Nordby")


@pytest.fixture
def staff(client, session, panel):
    staff = make_staff(session, panel, "editor", name="Mette Medarbejder")
    log_in(client, staff)
    return staff


def _definition(session, panel, data) -> StoredDefinition:
    row = StoredDefinition(panel_id=panel.id, key=data["key"], kind=data["kind"], title=data["title"], data=data)
    session.add(row)
    session.commit()
    return row


def _out(session, panel, person, n: int, at, **fields) -> OutboxMessage:
    values = dict(panel_id=panel.id, panelist_id=person.id, step="invitation", channel="email",
                  dedupe_key=f"test:{person.id}:{n}", status="sent", subject=f"Invitation {n}",
                  text=f"Hej, vil du svare? ({n})", created_at=at, sent_at=at)
    values.update(fields)
    row = OutboxMessage(**values)
    session.add(row)
    return row


def _in(session, panel, person, n: int, at, **fields) -> InboundMessage:
    values = dict(panel_id=panel.id, panelist_id=person.id, channel="sms", external_id=f"SM{person.id}x{n}",
                  status="processed", kind="reply", intent="answers", raw=b"{}", text=f"Svar nummer {n}",
                  received_at=at)
    values.update(fields)
    row = InboundMessage(**values)
    session.add(row)
    return row


def _page(client, panel, person, **query) -> str:
    response = client.get(f"/staff/{panel.key}/panelister/{person.id}", query_string=query)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _section(html: str, heading_id: str) -> str:
    start = html.index(f'id="{heading_id}"')
    end = html.find("</section>", start)
    return html[start:end]


def test_the_page_shows_messages_answers_corrections_rsvps_and_seats(client, session, panel, staff):
    person = make_panelist(session, panel, name="Anna Holm")
    survey = _definition(session, panel, SURVEY)
    meeting = _definition(session, panel, MEETING)
    campaign = Campaign(panel_id=panel.id, kind="survey", title="Bus-kampagnen", definition_id=survey.id,
                        starts_at=utcnow())
    session.add(campaign)
    session.commit()
    start = utcnow() - timedelta(days=2)
    _out(session, panel, person, 1, start, campaign_id=campaign.id, subject="Hvad synes du om <b>busserne</b>?")
    _out(session, panel, person, 2, start + timedelta(hours=5), step="reminder-1", channel="sms", status="failed",
         subject="", text="Husk at svare", last_error="TwilioRestException: unreachable", error_code=30003)
    reply = _in(session, panel, person, 1, start + timedelta(hours=1), campaign_id=campaign.id,
                text="1: 4\n2: B <script>alert(1)</script>")
    auto = _in(session, panel, person, 2, start + timedelta(hours=6), channel="email", kind="auto_reply",
               intent="auto_reply", status="ignored", subject="Fraværende", raw=None, text="")
    rsvp_mail = _in(session, panel, person, 3, start + timedelta(hours=7), channel="email", intent="rsvp",
                    subject="Sv: Borgermøde", text="Ja, jeg kommer med én gæst")
    session.commit()
    record_answers(session, panel.id, survey.id, person.id, {"tilfreds": 4, "transport": "B"}, "sms",
                   inbound_message_id=reply.id, now=start + timedelta(hours=1))
    correct_answer(session, survey.id, person.id, "tilfreds", 5, staff_id=staff.id, now=start + timedelta(hours=2))
    record_rsvp(session, panel.id, meeting.id, person.id, "maybe", source="link", now=start + timedelta(hours=3))
    seat_rsvp = record_rsvp(session, panel.id, meeting.id, person.id, "yes", guests=1, source="email",
                            inbound_message_id=rsvp_mail.id, now=start + timedelta(hours=7))
    session.add(MeetingSeat(panel_id=panel.id, definition_id=meeting.id, panelist_id=person.id, rsvp_id=seat_rsvp.id,
                            state="waitlisted", guests=1, position=3))
    session.commit()

    html = _page(client, panel, person)

    messages = _section(html, "messages-heading")
    rows = re.findall(r'<tr data-direction="(out|in)">', messages)
    assert rows == ["in", "in", "out", "in", "out"]  # newest first, both ways in one timeline
    assert "5 beskeder i alt." in messages
    assert "Hvad synes du om &lt;b&gt;busserne&lt;/b&gt;?" in messages and "<b>busserne" not in messages
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in messages and "<script>alert" not in html
    assert "Bus-kampagnen" in messages and "Invitation" in messages and "Påmindelse 1" in messages
    assert "Fejlede" in messages and "[30003] TwilioRestException: unreachable" in messages
    assert "Autosvar" in messages and "Indholdet er slettet." in messages
    assert "2 svar gemt" in messages and "Tilmelding gemt: Kommer" in messages
    for row in (reply, auto, rsvp_mail):
        assert f'href="/staff/{panel.key}/indbakke/{row.id}"' in messages

    answers = _section(html, "answers-heading")
    assert "<caption>Busserne i byen</caption>" in answers
    assert "1. Hvor tilfreds er du?" in answers and "2. Hvordan kommer du på arbejde?" in answers
    assert "5 (Meget tilfreds)" in answers and ">4<" in answers and ">Bus<" in answers
    assert "rettet af Mette Medarbejder" in answers and "Nej, erstattet" in answers
    assert answers.index("5 (Meget tilfreds)") < answers.index(">4<")  # the current answer above the one it replaced
    assert f"Læst fra besked #{reply.id}" in answers

    meetings = _section(html, "meetings-heading")
    assert "Borgermøde om havnen" in meetings and "Kulturhuset" in meetings
    assert "Kommer" in meetings and "+ 1 gæst" in meetings and "På venteliste" in meetings
    assert "Måske" in meetings  # the earlier RSVP stays as history


def test_the_timeline_is_capped_with_a_link_to_show_all(client, session, panel, staff):
    person = make_panelist(session, panel)
    start = utcnow() - timedelta(days=30)
    for n in range(30):
        _out(session, panel, person, n, start + timedelta(hours=2 * n))
        _in(session, panel, person, n, start + timedelta(hours=2 * n + 1))
    session.commit()

    capped = _section(_page(client, panel, person), "messages-heading")
    every = _section(_page(client, panel, person, beskeder="alle"), "messages-heading")

    assert len(re.findall(r"<tr data-direction", capped)) == history.MESSAGE_LIMIT == 25
    assert "Viser de 25 nyeste af 60 beskeder." in capped and "beskeder=alle" in capped
    assert "Svar nummer 29" in capped and "Invitation 29" in capped and "Invitation 17" not in capped
    assert len(re.findall(r"<tr data-direction", every)) == 60
    assert "Invitation 0" in every and "beskeder=alle" not in every and "Vis kun de nyeste" in every


def test_the_number_of_queries_does_not_grow_with_the_history(client, session, panel, staff, app):
    engine = app.extensions["borgerpanel.engine"]

    def fill(person, count):
        survey = _definition(session, panel, {**SURVEY, "key": f"busser{person.id}"})
        meeting = _definition(session, panel, {**MEETING, "key": f"havn{person.id}"})
        start = utcnow() - timedelta(days=10)
        for n in range(count):
            _out(session, panel, person, n, start + timedelta(minutes=n))
            _in(session, panel, person, n, start + timedelta(minutes=n, seconds=30))
        session.commit()
        for n in range(count):
            record_answers(session, panel.id, survey.id, person.id, {"tilfreds": 1 + n % 5}, "sms")
            record_rsvp(session, panel.id, meeting.id, person.id, "yes" if n % 2 else "no", source="sms")
        session.commit()

    def queries(person, **query) -> int:
        seen = []

        def count(*_args):
            seen.append(1)
        event.listen(engine, "before_cursor_execute", count)
        try:
            _page(client, panel, person, **query)
        finally:
            event.remove(engine, "before_cursor_execute", count)
        return len(seen)

    small, large = make_panelist(session, panel), make_panelist(session, panel)
    fill(small, 2)
    fill(large, 50)
    _page(client, panel, small)  # warm up: the first request may load things once

    assert queries(large) == queries(small) <= 14, queries(small)  # 13 when written
    assert queries(large, beskeder="alle") == queries(small, beskeder="alle")
    assert len(re.findall(r"<tr data-direction", _page(client, panel, large, beskeder="alle"))) == 100


def test_only_the_panels_own_rows_show(client, session, panel, staff):
    person = make_panelist(session, panel)
    other = make_panel(session)
    foreign_survey = _definition(session, other, {**SURVEY, "title": "Fremmed skema"})
    _out(session, other, person, 1, utcnow(), subject="Fremmed invitation")
    _in(session, other, person, 1, utcnow(), text="Fremmed svar")
    session.add(Answer(panel_id=other.id, definition_id=foreign_survey.id, panelist_id=person.id,
                       question_key="tilfreds", value=3, source="sms"))
    session.commit()

    html = _page(client, panel, person)

    assert "Fremmed" not in html
    assert "Ingen beskeder til eller fra panelisten." in html and "Ingen svar registreret." in html
    stranger = make_panelist(session, other)
    assert client.get(f"/staff/{panel.key}/panelister/{stranger.id}?beskeder=alle").status_code == 404


def test_after_erasure_the_history_keeps_counts_but_no_content(client, session, panel, staff):
    from engagement.panel import gdpr

    person = make_panelist(session, panel, name="Anna Holm")
    survey = _definition(session, panel, SURVEY)
    _out(session, panel, person, 1, utcnow() - timedelta(hours=2), subject="Hemmeligt emne", text="Hemmelig tekst")
    reply = _in(session, panel, person, 1, utcnow() - timedelta(hours=1), text="Mit private svar")
    session.commit()
    record_answers(session, panel.id, survey.id, person.id, {"tilfreds": 2}, "sms", inbound_message_id=reply.id)
    gdpr.erase_panelist(session, person)
    session.commit()

    html = _page(client, panel, person)

    messages = _section(html, "messages-heading")
    assert "2 beskeder i alt." in messages and "Indholdet er slettet." in messages
    assert "Hemmelig" not in html and "Mit private svar" not in html and "Anna Holm" not in html
