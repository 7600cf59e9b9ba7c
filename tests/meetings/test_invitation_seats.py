"""The meeting invitation tells the meeting's own RSVP deadline, how many seats there are and what
happens when they are full (a waitlist, or a lottery at the deadline), in plain Danish and English."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlmodel import select

from conversations.definitions import parse_definition
from engagement.campaigns import service as campaigns
from engagement.db import utcnow
from engagement.delivery.models import OutboxMessage
from engagement.meetings import service
from engagement.meetings.seating import Seating, seating_of
from engagement.messages.readability import lix
from engagement.messages.render import format_day, format_when, render_message
from tests.campaigns.builders import MEETING, make_campaign, make_definition
from tests.factories import make_panel, make_panelist

CAMPAIGN_DEADLINE = datetime(2031, 1, 12, 22, 0, tzinfo=timezone.utc)
RSVP_DEADLINE = datetime(2031, 1, 7, 11, 0, tzinfo=timezone.utc)  # tirsdag den 7. januar 2031 kl. 12.00


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield app


def invitation(language: str, seating: Seating | None, max_guests: int = 1):
    meeting = parse_definition({**MEETING, "max_guests": max_guests})
    return render_message("meeting_invitation", channel="email", language=language, meeting=meeting,
                          name="Anne", sender="Borgerpanelet", leave_url="https://example.dk/leave",
                          deadline=CAMPAIGN_DEADLINE, seating=seating)


def body(rendered) -> str:
    """The message's own words (not the footer's links)."""
    return rendered.text.split("\n--\n")[0]


def test_first_come_says_the_seats_the_waitlist_and_the_meetings_own_deadline(ctx):
    text = invitation("da", Seating(capacity=40, mode="first_come", deadline=RSVP_DEADLINE)).text
    assert "Der er 40 pladser til mødet." in text
    assert "En gæst tager også en plads." in text
    assert "De første, der siger ja, får en plads." in text
    assert "Siger du ja, når alle pladser er taget, kommer du på en venteliste." in text
    assert "Bliver en plads fri, får du besked." in text
    assert f"Svar gerne senest {format_when(RSVP_DEADLINE, 'da')}." in text
    assert "tirsdag den 7. januar 2031 kl. 12.00" in text
    assert format_day(CAMPAIGN_DEADLINE, "da") not in text  # not the campaign's deadline
    assert "lod" not in text


def test_a_lottery_says_lots_are_drawn_at_the_deadline(ctx):
    text = invitation("da", Seating(capacity=1, mode="lottery", deadline=RSVP_DEADLINE), max_guests=0).text
    assert "Der er 1 plads til mødet." in text
    assert "gæst tager" not in text  # no guests at this meeting
    assert f"Svar senest {format_when(RSVP_DEADLINE, 'da')}." in text
    assert "Så trækker vi lod blandt alle, der har sagt ja." in text
    assert "Får du ikke en plads, kommer du på en venteliste." in text
    assert "De første" not in text and "Svar gerne" not in text
    assert format_day(CAMPAIGN_DEADLINE, "da") not in text


def test_in_english(ctx):
    first = invitation("en", Seating(capacity=40, mode="first_come", deadline=RSVP_DEADLINE)).text
    assert "There are 40 seats at the meeting." in first and "A guest also takes a seat." in first
    assert "The first people to say yes get a seat." in first and "waiting list" in first
    assert f"Please answer by {format_when(RSVP_DEADLINE, 'en')}." in first
    lottery = invitation("en", Seating(capacity=1, mode="lottery", deadline=RSVP_DEADLINE)).text
    assert "There is 1 seat at the meeting." in lottery
    assert "Then we draw lots among everyone who has said yes." in lottery
    assert f"Answer by {format_when(RSVP_DEADLINE, 'en')}." in lottery
    for text in (first, lottery):
        assert not any(word in text for word in ("pladser", "venteliste", "Svar"))


def test_without_limits_or_a_deadline_of_its_own_it_asks_by_the_campaigns(ctx):
    for seating in (None, Seating()):
        text = invitation("da", seating).text
        assert f"Svar gerne senest {format_day(CAMPAIGN_DEADLINE, 'da')}." in text
        assert "plads" not in text.replace("pladsen", "")
    text = invitation("da", Seating(capacity=None, deadline=RSVP_DEADLINE)).text
    assert f"Svar gerne senest {format_when(RSVP_DEADLINE, 'da')}." in text and "pladser" not in text


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("mode", ["first_come", "lottery"])
def test_plain_words(ctx, language, mode):
    text = body(invitation(language, Seating(capacity=40, mode=mode, deadline=RSVP_DEADLINE)))
    assert "pladser" in text or "seats" in text
    assert "leave" not in text  # the footer is not counted
    assert lix(text) < 25, (lix(text), text)


def test_seating_of_a_plan(ctx, session):
    panel = make_panel(session)
    stored = make_definition(session, panel, MEETING)
    assert seating_of(service.get_plan(session, stored)) == Seating(capacity=None, mode="first_come", deadline=None)
    service.configure_meeting(session, stored, capacity=12, seat_mode="lottery", rsvp_deadline_at=RSVP_DEADLINE)
    seating = seating_of(service.get_plan(session, stored))
    assert (seating.capacity, seating.lottery, seating.deadline) == (12, True, RSVP_DEADLINE)


def test_the_campaigns_invitation_uses_the_meetings_plan(ctx, session):
    panel = make_panel(session)
    stored = make_definition(session, panel, MEETING)
    service.configure_meeting(session, stored, capacity=12, seat_mode="lottery", rsvp_deadline_at=RSVP_DEADLINE)
    people = [make_panelist(session, panel, name="Anne Holm", channel="email", language="da"),
              make_panelist(session, panel, name="Bo Berg", channel="email", language="en")]
    now = utcnow()
    campaign = make_campaign(session, panel, definition=stored, kind="meeting", title="Borgermøde",
                             reminder_days=(), channel_mode="email", now=now, deadline_at=CAMPAIGN_DEADLINE)
    campaigns.tick(session, now)
    session.commit()
    sent = {row.panelist_id: row.text for row in session.exec(select(OutboxMessage).where(
        OutboxMessage.campaign_id == campaign.id, OutboxMessage.step == "invitation")).all()}
    danish, english = sent[people[0].id], sent[people[1].id]
    assert "Hej Anne" in danish and "Der er 12 pladser til mødet." in danish
    assert f"Svar senest {format_when(RSVP_DEADLINE, 'da')}." in danish and "trækker vi lod" in danish
    assert format_day(CAMPAIGN_DEADLINE, "da") not in danish
    assert "There are 12 seats at the meeting." in english and "draw lots" in english
    assert f"Answer by {format_when(RSVP_DEADLINE, 'en')}." in english



def test_after_the_deadline_or_the_draw_nothing_is_promised_about_it(ctx, session):
    panel = make_panel(session)
    stored = make_definition(session, panel, MEETING)
    service.configure_meeting(session, stored, capacity=12, seat_mode="lottery", rsvp_deadline_at=RSVP_DEADLINE)
    plan = service.get_plan(session, stored)
    before = seating_of(plan, RSVP_DEADLINE - timedelta(minutes=1))
    assert before.lottery and before.deadline == RSVP_DEADLINE
    after = seating_of(plan, RSVP_DEADLINE)
    assert (after.capacity, after.mode, after.deadline, after.lottery) == (12, "first_come", None, False)
    plan.lottery_drawn_at = RSVP_DEADLINE - timedelta(days=1)  # drawn early by staff
    assert seating_of(plan, RSVP_DEADLINE - timedelta(days=2)).mode == "first_come"
    text = invitation("da", after).text
    assert "De første, der siger ja, får en plads." in text and "lod" not in text
    assert f"Svar gerne senest {format_day(CAMPAIGN_DEADLINE, 'da')}." in text


def test_the_campaigns_reminder_to_those_who_have_not_answered_says_it_too(ctx, session):
    from engagement.campaigns.content import EmailTexts

    panel = make_panel(session)
    stored = make_definition(session, panel, MEETING)
    campaign = make_campaign(session, panel, definition=stored, kind="meeting", title="Borgermøde",
                             reminder_days=(3,), channel_mode="email", deadline_at=CAMPAIGN_DEADLINE,
                             now=datetime(2030, 12, 20, 9, 0, tzinfo=timezone.utc))
    seating = Seating(capacity=30, mode="lottery", deadline=RSVP_DEADLINE)
    content = EmailTexts(campaign, service.load_definition(stored), panel, seating=seating).content(
        step=1, name="Anne Holm", language="da", leave_url="https://example.dk/leave")
    assert content.subject.startswith("Husk")
    assert "Der er 30 pladser til mødet." in content.text and "trækker vi lod" in content.text
    assert f"Svar senest {format_when(RSVP_DEADLINE, 'da')}." in content.text
