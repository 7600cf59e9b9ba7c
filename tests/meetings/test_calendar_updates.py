"""One event per meeting and panelist in their calendar: the invitation, the seat notice, a change and
the cancellation carry the same UID and the same ORGANIZER (the panelist's own reply address, so
Accept / Decline comes back), a SEQUENCE that rises, and METHOD:REQUEST until METHOD:CANCEL."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from icalendar import Calendar
from sqlmodel import select

from engagement.campaigns import service as campaigns
from engagement.campaigns.models import CampaignRecipient
from engagement.db import utcnow
from engagement.delivery import outbox
from engagement.delivery.models import OutboxMessage
from engagement.meetings import calendar, service
from tests.campaigns.builders import MEETING, make_campaign, make_definition
from tests.factories import make_panel, make_panelist
from tests.meetings.support import calendar_part, make_meeting, rows


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield app


def event_of(row: OutboxMessage):
    cal = Calendar.from_ical(calendar_part(row).get_payload(decode=True))
    event = cal.walk("VEVENT")[0]
    return (str(cal["method"]), str(event["uid"]), int(event["sequence"]), str(event["organizer"]),
            str(event["status"]))


def _campaign_meeting(session, now):
    panel = make_panel(session)
    stored = make_definition(session, panel, MEETING)
    anne = make_panelist(session, panel, name="Anne Holm", channel="email")
    bo = make_panelist(session, panel, name="Bo Berg", channel="email")
    service.configure_meeting(session, stored, capacity=10, seat_mode="first_come", rsvp_deadline_at=None)
    campaign = make_campaign(session, panel, definition=stored, kind="meeting", title="Borgermøde",
                             reminder_days=(), channel_mode="email", now=now)
    campaigns.tick(session, now)
    session.commit()
    return panel, stored, campaign, anne, bo


def _invitation(session, campaign, panelist) -> OutboxMessage:
    return session.exec(select(OutboxMessage).where(OutboxMessage.campaign_id == campaign.id,
                                                    OutboxMessage.step == "invitation",
                                                    OutboxMessage.panelist_id == panelist.id)).one()


def test_invitation_seat_change_and_cancellation_are_one_event_with_one_organizer(ctx, session):
    now = utcnow()
    _panel, stored, campaign, anne, bo = _campaign_meeting(session, now)
    recipient = session.exec(select(CampaignRecipient).where(CampaignRecipient.campaign_id == campaign.id,
                                                             CampaignRecipient.panelist_id == anne.id)).one()
    token = outbox.make_reply_token(recipient.reply_key, ctx.config["SECRET_KEY"])
    organizer = f"mailto:{outbox.reply_address(token, 'localhost')}"
    uid = calendar.event_uid(stored.id, anne.id, "localhost")

    assert event_of(_invitation(session, campaign, anne)) == ("REQUEST", uid, 0, organizer, "CONFIRMED")
    # A click on the link: the seat notice carries the file.
    service.respond(session, stored, anne, "yes", 0, source="link", now=now)
    [seat] = rows(session, f"meeting:{stored.id}:panelist:{anne.id}:rsvp:%")
    assert event_of(seat) == ("REQUEST", uid, 0, organizer, "CONFIRMED")

    meeting = service.load_definition(stored)
    service.change_meeting(session, stored, starts_at=meeting.starts_at + timedelta(hours=1),
                           ends_at=meeting.ends_at + timedelta(hours=1), location="Rådhuset", now=now)
    [changed] = rows(session, f"meeting:{stored.id}:panelist:{anne.id}:changed:1")
    assert event_of(changed) == ("REQUEST", uid, 1, organizer, "CONFIRMED")
    service.change_meeting(session, stored, starts_at=meeting.starts_at + timedelta(hours=2),
                           ends_at=meeting.ends_at + timedelta(hours=2), location="Rådhuset", now=now)
    [again] = rows(session, f"meeting:{stored.id}:panelist:{anne.id}:changed:2")
    assert event_of(again) == ("REQUEST", uid, 2, organizer, "CONFIRMED")

    service.cancel_meeting(session, stored, now=now)
    [cancelled] = rows(session, f"meeting:{stored.id}:panelist:{anne.id}:cancelled")
    assert event_of(cancelled) == ("CANCEL", uid, 3, organizer, "CANCELLED")

    # Bo's files are his own event with his own reply address.
    bo_event = event_of(_invitation(session, campaign, bo))
    assert bo_event[1] != uid and bo_event[3] != organizer
    assert outbox.token_from_address(bo_event[3].removeprefix("mailto:"))


def test_a_second_campaign_for_the_meeting_keeps_the_first_organizer(ctx, session):
    now = utcnow()
    panel, stored, campaign, anne, _bo = _campaign_meeting(session, now)
    first = event_of(_invitation(session, campaign, anne))[3]
    later = make_campaign(session, panel, definition=stored, kind="meeting", title="Borgermøde, igen",
                          reminder_days=(), channel_mode="email", now=now, schedule=False)
    session.add(CampaignRecipient(campaign_id=later.id, panelist_id=anne.id, channel="email",
                                  reply_key=outbox.new_reply_key()))
    session.commit()
    # A click on the link: the seat notice carries the file.
    service.respond(session, stored, anne, "yes", 0, source="link", now=now)
    [seat] = rows(session, f"meeting:{stored.id}:panelist:{anne.id}:rsvp:%")
    assert event_of(seat)[3] == first
    # The notice's own Reply-To (the newest campaign) is a genuine address of Anne's too.
    assert seat.reply_token and seat.reply_token != first.split("+", 1)[1].split("@")[0]


def test_without_an_invitation_the_organizer_is_the_panels_address(ctx, session):
    panel, stored = make_meeting(session)
    person = make_panelist(session, panel, name="Cecilie Dahl")
    service.configure_meeting(session, stored, capacity=10, seat_mode="first_come", rsvp_deadline_at=None)
    service.respond(session, stored, person, "yes", 0, source="link",
                    now=datetime(2027, 3, 1, 12, 0, tzinfo=timezone.utc))
    [seat] = rows(session, f"meeting:{stored.id}:panelist:{person.id}:rsvp:%")
    mail_from = ctx.extensions["borgerpanel.settings"].mail_from
    assert event_of(seat)[3] == f"mailto:{mail_from.rsplit('<')[-1].rstrip('>')}"


def test_invited_people_who_have_not_answered_get_the_change_and_the_cancellation(ctx, session):
    """Outlook and Gmail put the invitation in the calendar at once: an unanswered invitation is
    updated too; someone who said no is not; an invitation never sent is not followed by a cancellation."""
    from engagement.delivery.models import SENT

    now = utcnow()
    panel = make_panel(session)
    stored = make_definition(session, panel, MEETING)
    service.configure_meeting(session, stored, capacity=10, seat_mode="first_come", rsvp_deadline_at=None)
    anne, bo, cecilie, dan = (make_panelist(session, panel, name=name, channel="email")
                              for name in ("Anne Holm", "Bo Berg", "Cecilie Dahl", "Dan Ebbesen"))
    campaign = make_campaign(session, panel, definition=stored, kind="meeting", title="Borgermøde",
                             reminder_days=(), channel_mode="email", now=now)
    campaigns.tick(session, now)
    session.commit()
    invitations = {row.panelist_id: row for row in session.exec(select(OutboxMessage).where(
        OutboxMessage.step == "invitation", OutboxMessage.campaign_id == campaign.id)).all()}
    assert set(invitations) == {anne.id, bo.id, cecilie.id, dan.id}
    for person in (anne, bo, cecilie):  # the worker sent these; Dan's is still waiting
        invitations[person.id].status = SENT
        session.add(invitations[person.id])
    session.commit()
    service.respond(session, stored, anne, "yes", 0, source="email", now=now)
    service.respond(session, stored, cecilie, "no", 0, source="email", now=now)

    meeting = service.load_definition(stored)
    told = service.change_meeting(session, stored, starts_at=meeting.starts_at + timedelta(hours=1),
                                  ends_at=meeting.ends_at + timedelta(hours=1), location="Rådhuset", now=now)
    changed = {row.panelist_id: row for row in rows(session, f"meeting:{stored.id}:panelist:%:changed:1")}
    assert set(changed) == {anne.id, bo.id, dan.id} and told == 3
    bo_invitation = event_of(invitations[bo.id])
    assert event_of(changed[bo.id]) == ("REQUEST", bo_invitation[1], 1, bo_invitation[3], "CONFIRMED")
    assert "Kommer du? Svar på denne mail med JA, NEJ eller MÅSKE." in changed[bo.id].text
    assert "/yes" in changed[bo.id].text and "/maybe" in changed[bo.id].text
    assert "Kan du ikke komme nu?" in changed[anne.id].text

    told = service.cancel_meeting(session, stored, now=now)
    cancelled = {row.panelist_id: row for row in rows(session, f"meeting:{stored.id}:panelist:%:cancelled")}
    assert set(cancelled) == {anne.id, bo.id} and told == 2  # Dan's invitation was stopped, never sent
    assert event_of(cancelled[bo.id]) == ("CANCEL", bo_invitation[1], 2, bo_invitation[3], "CANCELLED")
