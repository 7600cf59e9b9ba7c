"""Meetings wired into the rest: the scheduler's tick, attachments on composed mail, the campaign's
invitation (RSVP links and .ics per person) and RSVPs by email or SMS reply (seats and waitlist)."""
from __future__ import annotations

import re
from datetime import datetime, timezone
from email import message_from_bytes, policy

import pytest
from icalendar import Calendar
from sqlmodel import select

from engagement.delivery.mail import InvalidEmail, compose_email
from engagement.delivery.models import OutboxMessage
from engagement.inbound import pipeline, store
from engagement.inbound.models import PROCESSED, InboundMessage
from engagement.meetings import calendar, service
from engagement.meetings.models import SEATED, WAITLISTED, MeetingSeat
from engagement.scheduling import jobs
from engagement.surveys.models import Rsvp, StoredDefinition
from tests.campaigns.builders import MEETING as CAMPAIGN_MEETING
from tests.campaigns.builders import make_campaign, make_definition
from tests.conftest import csrf_token_from
from tests.factories import make_panel, make_panelist
from tests.inbound.support import email_bytes, invite
from tests.meetings.support import calendar_part, make_meeting, people, rows

NOW = datetime(2027, 3, 1, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
def bound(app):
    jobs.bind_app(app)
    yield app
    jobs.bind_app(None)


# ---------------------------------------------------------------------------
# The scheduler's tick
# ---------------------------------------------------------------------------

def test_a_tick_enqueues_a_due_meeting_reminder(bound, session):
    with bound.app_context():
        panel, stored = make_meeting(session)   # 29 March 2027, 19:00 in Copenhagen
        (mette,) = people(session, panel, 1)
        service.configure_meeting(session, stored, capacity=10, seat_mode="first_come", rsvp_deadline_at=None,
                                  now=NOW)
        service.respond(session, stored, mette, "yes", 0, source="email", now=NOW)
        session.commit()
    key = f"meeting:{stored.id}:panelist:{mette.id}:reminder-0:%"
    jobs.tick(datetime(2027, 3, 26, 12, 0, tzinfo=timezone.utc))   # too early: nothing
    assert rows(session, key) == []
    jobs.tick(datetime(2027, 3, 27, 9, 30, tzinfo=timezone.utc))    # two days before, after 10:00 local
    session.expire_all()
    [reminder] = rows(session, key)
    assert reminder.channel == "email" and reminder.panelist_id == mette.id and reminder.step == "meeting-reminder-0"
    jobs.tick(datetime(2027, 3, 27, 9, 31, tzinfo=timezone.utc))    # once only
    session.expire_all()
    assert len(rows(session, key)) == 1


# ---------------------------------------------------------------------------
# Attachments
# ---------------------------------------------------------------------------

def _ics() -> bytes:
    from conversations.definitions import Meeting

    meeting = Meeting(key="m", title="Møde", starts_at=datetime(2027, 3, 29, 17, tzinfo=timezone.utc),
                      ends_at=datetime(2027, 3, 29, 19, tzinfo=timezone.utc), location="Salen", max_guests=0)
    return calendar.build_calendar(meeting, uid="u@x", sequence=2, organizer="p@x.dk", stamp=NOW,
                                   method=calendar.CANCEL)


def test_compose_email_writes_multipart_mixed_that_parses(app):
    settings = app.extensions["borgerpanel.settings"]
    ics = _ics()
    data = compose_email(settings, to="a@example.dk", subject="Møde", text="Hej Søren\n" + "æ" * 200,
                         attachments=[("invitation.ics", 'text/calendar; charset="utf-8"; method=CANCEL', ics),
                                      ("noter.txt", "text/plain", b"\x00\x01binary")]).data
    message = message_from_bytes(data, policy=policy.default)
    assert message.get_content_type() == "multipart/mixed" and message["Subject"] == "Møde"
    text, cal, notes = message.iter_parts()
    assert text.get_content().startswith("Hej Søren\n" + "æ" * 200)
    assert (cal.get_content_type(), cal.get_param("method"), cal.get_filename()) == \
        ("text/calendar", "CANCEL", "invitation.ics")
    assert cal.get_content_charset() == "utf-8"
    parsed = Calendar.from_ical(cal.get_payload(decode=True))
    assert str(parsed["method"]) == "CANCEL" and parsed.walk("VEVENT")[0]["sequence"] == 2
    assert notes.get_payload(decode=True) == b"\x00\x01binary"
    # No attachments: the single text part, as before.
    plain = message_from_bytes(compose_email(settings, to="a@example.dk", subject="x", text="y").data,
                               policy=policy.default)
    assert plain.get_content_type() == "text/plain"


@pytest.mark.parametrize("attachment", [
    ("a.ics\nBcc: x@evil.example", "text/calendar", b"x"),
    ("a.ics", "text/calendar\r\nBcc: x@evil.example", b"x"),
    ("a.ics", 'text/calendar; name="x"\nBcc: y', b"x"),
    ("a.ics", 'text/calendar; method="a"b"', b"x"),
    ('a".ics', "text/calendar", b"x"),
    ("../a.ics", "text/calendar", b"x"),
    ("a.ics", "not a type", b"x"),
])
def test_attachment_values_cannot_add_headers(app, attachment):
    with pytest.raises(InvalidEmail):
        compose_email(app.extensions["borgerpanel.settings"], to="a@example.dk", subject="x", text="y",
                      attachments=[attachment])


# ---------------------------------------------------------------------------
# The campaign's meeting invitation
# ---------------------------------------------------------------------------

def _path(url: str) -> str:
    return url.replace("http://localhost", "")


def test_a_meeting_campaign_invitation_carries_working_rsvp_links_and_a_calendar_file(app, client, session):
    from engagement.campaigns import service as campaigns

    with app.app_context():
        panel = make_panel(session)
        stored = make_definition(session, panel, CAMPAIGN_MEETING)
        anne = make_panelist(session, panel, name="Anne Hansen", channel="email")
        bo = make_panelist(session, panel, name="Bo Berg", channel="email")
        from engagement.db import utcnow
        now = utcnow()
        campaign = make_campaign(session, panel, definition=stored, kind="meeting", title="Borgermøde",
                                 reminder_days=(), channel_mode="email", now=now)
        campaigns.tick(session, now)
        session.commit()
    invitations = session.exec(select(OutboxMessage).where(OutboxMessage.campaign_id == campaign.id,
                                                           OutboxMessage.step == "invitation")
                               .order_by(OutboxMessage.panelist_id)).all()
    assert [row.panelist_id for row in invitations] == [anne.id, bo.id]
    links = {}
    for row, person in zip(invitations, (anne, bo)):
        message = message_from_bytes(row.mime, policy=policy.default)
        assert message.get_content_type() == "multipart/mixed"
        text = message.get_body(("plain",)).get_content()
        assert person.name.split()[0] in text
        found = re.findall(r"https?://\S+/moede/\S+/(?:yes|no|maybe)", text)
        assert sorted(u.rsplit("/", 1)[1] for u in found) == ["maybe", "no", "yes"]
        assert found == re.findall(r"https?://\S+/moede/\S+/(?:yes|no|maybe)", row.text)
        links[person.id] = {u.rsplit("/", 1)[1]: u for u in found}
        part = calendar_part(row)
        assert part.get_param("method") == "REQUEST" and part.get_filename() == "invitation.ics"
        parsed = Calendar.from_ical(part.get_payload(decode=True))
        event = parsed.walk("VEVENT")[0]
        assert str(parsed["method"]) == "REQUEST"
        assert str(event["uid"]) == calendar.event_uid(stored.id, person.id, "localhost")
        assert str(event["attendee"]) == f"mailto:{person.email}"
    # Each person has their own links (one shared text, personal links put in).
    assert links[anne.id]["yes"] != links[bo.id]["yes"]
    # The links work: GET shows the page and records nothing, POST records.
    for choice in ("yes", "no", "maybe"):
        page = client.get(_path(links[anne.id][choice]))
        assert page.status_code == 200 and "Borgermøde om havnen" in page.get_data(as_text=True)
    assert session.exec(select(Rsvp)).all() == []
    page = client.get(_path(links[bo.id]["maybe"]))
    done = client.post(_path(links[bo.id]["maybe"]),
                       data={"csrf_token": csrf_token_from(page.get_data(as_text=True))})
    assert done.status_code == 200
    rsvp = session.exec(select(Rsvp)).one()
    assert (rsvp.panelist_id, rsvp.attending, rsvp.source) == (bo.id, "maybe", "link")


# ---------------------------------------------------------------------------
# RSVPs by reply go through the seats
# ---------------------------------------------------------------------------

def _full_meeting(app, session, channel: str, capacity: int):
    panel, campaign, [who] = invite(session, meeting=True, channel=channel)
    stored = session.get(StoredDefinition, campaign.definition_id)
    with app.app_context():
        service.configure_meeting(session, stored, capacity=capacity, seat_mode="first_come", rsvp_deadline_at=None)
        (early,) = people(session, panel, 1)
        assert service.respond(session, stored, early, "yes", 0, source="staff").state == SEATED
        session.commit()
    return stored, who


def _reply_email(app, session, who, body: str) -> InboundMessage:
    with app.app_context():
        row, _ = store.store_email(session, email_bytes(to=who.reply_address, body=body))
        session.commit()
        pipeline.process_message(session, row.id)
    session.expire_all()
    return session.get(InboundMessage, row.id)


def _reply_sms(app, session, who, body: str) -> InboundMessage:
    form = {"MessageSid": f"SM{who.panelist.id:032d}", "From": who.panelist.phone, "To": "+4570701234", "Body": body}
    with app.app_context():
        row, _ = store.store_sms(session, form)
        session.commit()
        pipeline.process_message(session, row.id)
    session.expire_all()
    return session.get(InboundMessage, row.id)


def _answer(session, row: InboundMessage) -> OutboxMessage:
    return session.exec(select(OutboxMessage).where(OutboxMessage.dedupe_key == f"reply:{row.id}")).one()


def _seat(session, stored, panelist) -> MeetingSeat:
    return session.exec(select(MeetingSeat).where(MeetingSeat.definition_id == stored.id,
                                                  MeetingSeat.panelist_id == panelist.id)).one()


@pytest.mark.parametrize("channel", ["email", "sms"])
def test_a_yes_by_reply_on_a_full_meeting_is_told_it_waits(app, session, channel):
    stored, who = _full_meeting(app, session, channel, capacity=1)
    reply = _reply_email if channel == "email" else _reply_sms
    row = reply(app, session, who, "Ja tak, jeg kommer gerne.")
    assert row.status == PROCESSED, row.reason
    seat = _seat(session, stored, who.panelist)
    assert seat.state == WAITLISTED
    answer = _answer(session, row)
    assert answer.channel == channel and answer.step == "reply:meeting_waitlisted"
    assert "ventelisten som nummer 1" in answer.text
    if channel == "email":
        assert answer.subject.startswith("Re: ")
        message = message_from_bytes(answer.mime, policy=policy.default)
        assert message["Auto-Submitted"] == "auto-replied"
    else:
        assert answer.to_address == who.panelist.phone and answer.sms_segments
    rsvp = session.exec(select(Rsvp).where(Rsvp.panelist_id == who.panelist.id)).one()
    assert (rsvp.attending, rsvp.inbound_message_id, rsvp.source) == ("yes", row.id, channel)


@pytest.mark.parametrize("channel", ["email", "sms"])
def test_a_yes_by_reply_with_free_seats_gets_a_seat(app, session, channel):
    stored, who = _full_meeting(app, session, channel, capacity=5)
    reply = _reply_email if channel == "email" else _reply_sms
    row = reply(app, session, who, "Ja, jeg kommer.")
    assert row.status == PROCESSED, row.reason
    assert _seat(session, stored, who.panelist).state == SEATED
    answer = _answer(session, row)
    assert answer.step == "reply:meeting_seat_confirmed" and "plads" in answer.text
    assert "venteliste" not in answer.text


def test_too_many_guests_by_reply_asks_again_and_records_nothing(app, session):
    stored, who = _full_meeting(app, session, "email", capacity=5)
    row = _reply_email(app, session, who, "Ja, jeg kommer og tager 3 gæster med.")
    assert row.status == PROCESSED
    assert _answer(session, row).step == "reply:ask_rsvp_again"
    assert session.exec(select(Rsvp).where(Rsvp.panelist_id == who.panelist.id)).all() == []


def test_a_reply_to_a_cancelled_meeting_gets_the_closed_reply(app, session):
    stored, who = _full_meeting(app, session, "email", capacity=5)
    with app.app_context():
        service.cancel_meeting(session, stored)
        session.commit()
    row = _reply_email(app, session, who, "Ja tak, jeg kommer gerne.")
    assert row.status == PROCESSED
    assert _answer(session, row).step == "reply:survey_closed"
    assert session.exec(select(Rsvp).where(Rsvp.panelist_id == who.panelist.id)).all() == []
