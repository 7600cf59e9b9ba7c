"""Calendar programs' Accept / Decline / Maybe reach the panel as RSVPs.

The invitation's .ics names the panelist's own reply address as ORGANIZER, so
Outlook, Google Calendar and Apple Calendar mail their iTIP REPLY there.  Each
answer below is made from the invitation the campaign really enqueued,
shaped like its client's (``tests.meetings.calendar_replies``), delivered to
the ORGANIZER address in a real Dovecot, fetched by the mail listener and
processed by the inbound worker (the real pipeline): it is recorded as rsvp
yes / no / maybe, goes through the seats and the waitlist, and is answered
with the ordinary RSVP receipt or seat notice.
"""
from __future__ import annotations

import re
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from icalendar import Calendar
from sqlmodel import select

from engagement.campaigns import service as campaigns
from engagement.db import utcnow
from engagement.delivery import outbox
from engagement.delivery.models import OutboxMessage
from engagement.inbound.imap_listener import MailListener
from engagement.inbound.models import PROCESSED, InboundMessage
from engagement.inbound.worker import InboundWorker
from engagement.meetings import service as meetings
from engagement.meetings.models import NONE, SEATED, WAITLISTED, MeetingSeat
from engagement.surveys.models import Rsvp
from tests.campaigns.builders import MEETING, make_campaign, make_definition
from tests.factories import make_panel, make_panelist
from tests.meetings.calendar_replies import calendar_answer, organizer_of
from tests.meetings.support import calendar_part

MAIL_FIXTURES = Path(__file__).resolve().parents[1] / "conversations" / "mail"


def _invited(app, session, *, capacity: int, names=("Anne Holm", "Bo Berg", "Cecilie Dahl")):
    """A meeting with ``capacity`` seats and a sent campaign: (stored, [panelist], {panelist id: ics})."""
    with app.app_context():
        panel = make_panel(session)
        stored = make_definition(session, panel, MEETING)
        meetings.configure_meeting(session, stored, capacity=capacity, seat_mode="first_come",
                                   rsvp_deadline_at=None)
        session.commit()
        people = [make_panelist(session, panel, name=name, channel="email") for name in names]
        now = utcnow()
        campaign = make_campaign(session, panel, definition=stored, kind="meeting", title="Borgermøde",
                                 reminder_days=(), channel_mode="email", now=now)
        campaigns.tick(session, now)
        session.commit()
    invitations = session.exec(select(OutboxMessage).where(OutboxMessage.campaign_id == campaign.id,
                                                           OutboxMessage.step == "invitation")).all()
    ics = {row.panelist_id: calendar_part(row).get_payload(decode=True) for row in invitations}
    assert set(ics) == {p.id for p in people}
    return stored, people, ics


def _deliver_and_process(app, dovecot, session, messages: list[bytes]) -> list[InboundMessage]:
    before = {row.id for row in session.exec(select(InboundMessage)).all()}
    for raw in messages:
        dovecot.append(raw)
    listener = MailListener(app)
    listener.run(once=True)
    assert listener.stored == len(messages)
    assert InboundWorker(app).run_once() == len(messages)
    session.expire_all()
    rows = [row for row in session.exec(select(InboundMessage).order_by(InboundMessage.id)).all()
            if row.id not in before]
    assert [row.status for row in rows] == [PROCESSED] * len(messages), [row.reason for row in rows]
    return rows


def _rsvp(session, stored, panelist) -> Rsvp:
    return session.exec(select(Rsvp).where(Rsvp.definition_id == stored.id, Rsvp.panelist_id == panelist.id,
                                           Rsvp.replaced_at.is_(None))).one()


def _seat(session, stored, panelist) -> MeetingSeat:
    return session.exec(select(MeetingSeat).where(MeetingSeat.definition_id == stored.id,
                                                  MeetingSeat.panelist_id == panelist.id)).one()


def _receipt(session, inbound: InboundMessage) -> OutboxMessage:
    return session.exec(select(OutboxMessage).where(OutboxMessage.dedupe_key == f"reply:{inbound.id}")).one()


def test_the_organizer_is_each_panelists_own_reply_address(imap_app, dovecot, session):
    stored, people, ics = _invited(imap_app, session, capacity=5)
    organizers = {pid: organizer_of(data) for pid, data in ics.items()}
    assert len(set(organizers.values())) == len(people)  # one address per person
    with imap_app.app_context():
        for person in people:
            token = outbox.token_from_address(organizers[person.id])
            assert token and organizers[person.id].endswith("@localhost")
            found = campaigns.find_by_reply_token(session, token)
            assert found is not None and found.panelist_id == person.id
    mail_from = imap_app.extensions["borgerpanel.settings"].mail_from
    assert all(mail_from not in value for value in organizers.values())


def test_outlook_google_and_apple_answers_are_rsvps_with_seats_and_waitlist(imap_app, dovecot, session):
    stored, (anne, bo, cecilie), ics = _invited(imap_app, session, capacity=1)
    first = _deliver_and_process(imap_app, dovecot, session, [
        # Outlook: "Accepteret: ..." with a comment in the text part that, read alone, would say no.
        calendar_answer("outlook", ics[anne.id], "ACCEPTED", sender=f"Anne Holm <{anne.email}>",
                        text="Nej, hvor jeg glæder mig!"),
        # Google Calendar: "Invitation accepted: ..." with invite.ics.
        calendar_answer("google", ics[bo.id], "ACCEPTED", sender=f"Bo Berg <{bo.email}>"),
        # Apple Calendar: the calendar part alone.
        calendar_answer("apple", ics[cecilie.id], "TENTATIVE", sender=f"Cecilie Dahl <{cecilie.email}>"),
    ])
    session.expire_all()
    assert [row.panelist_id for row in first] == [anne.id, bo.id, cecilie.id]
    assert [row.intent for row in first] == ["rsvp"] * 3
    assert [(_rsvp(session, stored, p).attending, _rsvp(session, stored, p).guests) for p in (anne, bo, cecilie)] \
        == [("yes", 0), ("yes", 0), ("maybe", 0)]
    assert all(_rsvp(session, stored, p).source == "email" for p in (anne, bo, cecilie))
    assert [_seat(session, stored, p).state for p in (anne, bo, cecilie)] == [SEATED, WAITLISTED, NONE]

    # Each gets the answer any RSVP gets: the seat, the waitlist, the plain receipt (not "Re: Accepteret: ...").
    receipts = [_receipt(session, row) for row in first]
    assert [r.step for r in receipts] == ["reply:meeting_seat_confirmed", "reply:meeting_waitlisted",
                                          "reply:rsvp_receipt"]
    assert [r.to_address for r in receipts] == [anne.email, bo.email, cecilie.email]
    for receipt in receipts:
        assert not receipt.subject.lower().startswith("re:"), receipt.subject
        assert MEETING["title"] in receipt.subject
        assert "accept" not in receipt.subject.lower()
        sent = message_from_bytes(receipt.mime, policy=policy.default)
        assert sent["In-Reply-To"]  # still threaded under their answer
        assert outbox.token_from_address(str(sent["Reply-To"]))  # and answerable
    assert "Anne" in receipts[0].text and "plads" in receipts[0].text
    assert "venteliste" in receipts[1].text
    assert "måske" in receipts[2].text

    # Anne declines in Google Calendar: she is out, Bo moves up and is told.
    [declined] = _deliver_and_process(imap_app, dovecot, session, [
        calendar_answer("google", ics[anne.id], "DECLINED", sender=f"Anne Holm <{anne.email}>")])
    session.expire_all()
    assert _rsvp(session, stored, anne).attending == "no"
    assert [_seat(session, stored, p).state for p in (anne, bo)] == [NONE, SEATED]
    assert _receipt(session, declined).step == "reply:rsvp_receipt"
    assert "ikke kommer" in _receipt(session, declined).text
    moved = session.exec(select(OutboxMessage).where(
        OutboxMessage.panelist_id == bo.id, OutboxMessage.dedupe_key.like("%waitlist-moved-up%"))).one()
    moved_ics = Calendar.from_ical(calendar_part(moved).get_payload(decode=True))
    assert organizer_of(moved_ics.to_ical()) == organizer_of(ics[bo.id])  # the same organizer as his invitation


def test_an_answer_from_another_calendar_address_still_counts(imap_app, dovecot, session):
    """The ORGANIZER's token finds the panelist even when their calendar is another account."""
    stored, (anne,), ics = _invited(imap_app, session, capacity=3, names=("Anne Holm",))
    [row] = _deliver_and_process(imap_app, dovecot, session, [
        calendar_answer("outlook", ics[anne.id], "DECLINED", sender="Anne Holm <anne.holm@arbejde.example>")])
    session.expire_all()
    assert row.panelist_id == anne.id and row.intent == "rsvp"
    assert _rsvp(session, stored, anne).attending == "no"


def test_accept_in_outlook_after_writing_yes_plus_one_keeps_the_guest(imap_app, dovecot, session):
    """Outlook offers Accept whenever the invitation is opened: clicking it after "ja +1" by mail
    does not take the guest back.  Decline does."""
    from tests.inbound.support import email_bytes

    stored, (anne,), ics = _invited(imap_app, session, capacity=3, names=("Anne Holm",))
    address = organizer_of(ics[anne.id])
    _deliver_and_process(imap_app, dovecot, session, [
        email_bytes(to=address, sender=f"Anne Holm <{anne.email}>", subject="Re: Du er inviteret",
                    body="Ja tak, jeg kommer og tager min mand med.")])
    session.expire_all()
    assert (_rsvp(session, stored, anne).attending, _rsvp(session, stored, anne).guests) == ("yes", 1)
    [accepted] = _deliver_and_process(imap_app, dovecot, session, [
        calendar_answer("outlook", ics[anne.id], "ACCEPTED", sender=f"Anne Holm <{anne.email}>")])
    session.expire_all()
    assert (_rsvp(session, stored, anne).attending, _rsvp(session, stored, anne).guests) == ("yes", 1)
    assert _seat(session, stored, anne).state == SEATED and _seat(session, stored, anne).guests == 1
    assert "1 gæst" in _receipt(session, accepted).text
    _deliver_and_process(imap_app, dovecot, session, [
        calendar_answer("apple", ics[anne.id], "DECLINED", sender=f"Anne Holm <{anne.email}>")])
    session.expire_all()
    assert (_rsvp(session, stored, anne).attending, _rsvp(session, stored, anne).guests) == ("no", 0)
    assert _seat(session, stored, anne).state == NONE


@pytest.mark.parametrize("fixture, attending", [
    ("calendar_outlook_accept.eml", "yes"),
    ("calendar_google_decline.eml", "no"),
    ("calendar_apple_tentative.eml", "maybe"),
])
def test_the_readers_client_fixtures_readdressed_to_the_organizer_are_rsvps(imap_app, dovecot, session, fixture,
                                                                              attending):
    """The reader's own Outlook / Google / Apple fixtures (real clients' headers and encodings), their
    To: put to the ORGANIZER of a real invitation, delivered through Dovecot."""
    stored, (anne,), ics = _invited(imap_app, session, capacity=5, names=("Anne Holm",))
    raw = (MAIL_FIXTURES / fixture).read_bytes()
    head, blank, body = raw.partition(b"\r\n\r\n")
    head = re.sub(rb"svar\+[a-z0-9]+@borgerpanel\.skovlund\.dk", organizer_of(ics[anne.id]).encode(), head)
    [row] = _deliver_and_process(imap_app, dovecot, session, [head + blank + body])
    session.expire_all()
    assert row.panelist_id == anne.id and row.intent == "rsvp", row.reason
    assert (_rsvp(session, stored, anne).attending, _rsvp(session, stored, anne).guests) == (attending, 0)
    assert _seat(session, stored, anne).state == (SEATED if attending == "yes" else NONE)
    receipt = _receipt(session, row)
    assert receipt.step == ("reply:meeting_seat_confirmed" if attending == "yes" else "reply:rsvp_receipt")
    assert receipt.subject.startswith(("Du har en plads", "Tak for dit svar")), receipt.subject


def test_an_accept_after_the_meeting_is_cancelled_is_not_recorded(imap_app, dovecot, session):
    stored, (anne,), ics = _invited(imap_app, session, capacity=3, names=("Anne Holm",))
    with imap_app.app_context():
        meetings.cancel_meeting(session, stored)
        session.commit()
    [row] = _deliver_and_process(imap_app, dovecot, session, [
        calendar_answer("outlook", ics[anne.id], "ACCEPTED", sender=f"Anne Holm <{anne.email}>")])
    session.expire_all()
    assert row.intent == "rsvp" and "closed" in row.reason
    assert session.exec(select(Rsvp).where(Rsvp.definition_id == stored.id)).all() == []
    assert _receipt(session, row).step == "reply:survey_closed"
