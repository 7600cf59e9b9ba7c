"""Seats and waitlist in both modes, guests, lottery, reminders at local times, changes and cancellation."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from icalendar import Calendar
from sqlmodel import select

from engagement.meetings import service
from engagement.meetings.models import ENTERED, NONE, SEATED, WAITLISTED, MeetingSeat
from engagement.selection.models import PopulationTarget
from engagement.surveys.models import Rsvp
from tests.meetings.support import calendar_part, make_meeting, people, rows

NOW = datetime(2027, 3, 1, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield app


def seat_of(session, stored, panelist):
    return session.exec(select(MeetingSeat).where(MeetingSeat.definition_id == stored.id,
                                                  MeetingSeat.panelist_id == panelist.id)).one()


def test_first_come_fills_then_waitlists_and_moves_up(ctx, session):
    panel, stored = make_meeting(session)
    service.configure_meeting(session, stored, capacity=3, seat_mode="first_come", rsvp_deadline_at=None, now=NOW)
    a, b, c, d = people(session, panel, 4)
    assert service.respond(session, stored, a, "yes", 1, source="email", now=NOW).state == SEATED   # 2 of 3
    out_b = service.respond(session, stored, b, "yes", 1, source="email", now=NOW)                  # needs 2
    assert (out_b.state, out_b.position, out_b.notice) == (WAITLISTED, 1, "meeting_waitlisted")
    assert service.respond(session, stored, c, "yes", 0, source="email", now=NOW).state == SEATED   # 3 of 3
    out_d = service.respond(session, stored, d, "yes", 0, source="email", now=NOW)
    assert (out_d.state, out_d.position) == (WAITLISTED, 2)
    assert service.seats_taken(session, stored.id) == 3
    # A cancels: the first on the waitlist (B, party of 2) moves up and is told at once.
    out = service.respond(session, stored, a, "no", 0, source="sms", now=NOW)
    assert out.state == NONE and out.moved_up == [b.id]
    assert seat_of(session, stored, b).state == SEATED
    assert seat_of(session, stored, d).state == WAITLISTED
    moved = rows(session, f"meeting:{stored.id}:panelist:{b.id}:waitlist-moved-up:1")
    assert len(moved) == 1 and moved[0].channel == "email"
    assert "Nu har du en plads" in moved[0].subject
    part = calendar_part(moved[0])
    assert part is not None and str(Calendar.from_ical(part.get_content())["method"]) == "REQUEST"
    session.commit()
    # A later RSVP replaces the earlier one; history is kept.
    history = session.exec(select(Rsvp).where(Rsvp.panelist_id == a.id).order_by(Rsvp.id)).all()
    assert [r.attending for r in history] == ["yes", "no"] and history[0].replaced_at is not None


def test_guests_above_the_limit_are_asked_about_not_cut(ctx, session):
    panel, stored = make_meeting(session, max_guests=1)
    (a,) = people(session, panel, 1)
    with pytest.raises(service.TooManyGuests) as caught:
        service.respond(session, stored, a, "yes", 3, source="email", now=NOW)
    assert caught.value.max_guests == 1
    assert session.exec(select(Rsvp)).all() == []


def test_a_seated_person_who_adds_a_guest_that_does_not_fit_waits_first_in_line(ctx, session):
    panel, stored = make_meeting(session)
    service.configure_meeting(session, stored, capacity=2, seat_mode="first_come", rsvp_deadline_at=None, now=NOW)
    a, b, c = people(session, panel, 3)
    service.respond(session, stored, a, "yes", 0, source="email", now=NOW)
    service.respond(session, stored, b, "yes", 0, source="email", now=NOW)
    service.respond(session, stored, c, "yes", 0, source="email", now=NOW)  # waitlist 1
    out = service.respond(session, stored, a, "yes", 1, source="email", now=NOW)
    assert (out.state, out.position) == (WAITLISTED, 1)
    # A's seat went to C, who was first in line.
    assert seat_of(session, stored, c).state == SEATED


def test_lottery_at_the_deadline_seats_the_drawn_and_waitlists_the_rest_in_order(ctx, session):
    panel, stored = make_meeting(session)
    deadline = datetime(2027, 3, 20, 12, 0, tzinfo=timezone.utc)
    service.configure_meeting(session, stored, capacity=3, seat_mode="lottery", rsvp_deadline_at=deadline, now=NOW)
    crowd = people(session, panel, 6)
    for person in crowd:
        out = service.respond(session, stored, person, "yes", 0, source="link", now=NOW)
        assert (out.state, out.notice) == (ENTERED, "meeting_lottery_entered")
    session.commit()
    assert service.due_lotteries(session, NOW) == []
    assert service.due_lotteries(session, deadline) == [stored.id]
    report = service.due_meeting_jobs(session, deadline)
    assert report["lotteries"] == [stored.id]
    states = {p.id: seat_of(session, stored, p) for p in crowd}
    seated = [pid for pid, s in states.items() if s.state == SEATED]
    waiting = sorted((s.position, pid) for pid, s in states.items() if s.state == WAITLISTED)
    assert len(seated) == 3 and len(waiting) == 3
    for pid in seated:
        assert rows(session, f"meeting:{stored.id}:panelist:{pid}:lottery")[0].subject.startswith("Du har en plads")
    for number, (_position, pid) in enumerate(waiting, start=1):
        row = rows(session, f"meeting:{stored.id}:panelist:{pid}:lottery")[0]
        assert f"nummer {number}." in row.text and "trukket lod" in row.text
    # Someone seated cancels: the first in the lottery's order moves up.
    leaver = next(p for p in crowd if p.id == seated[0])
    out = service.respond(session, stored, leaver, "no", 0, source="email", now=deadline)
    assert out.moved_up == [waiting[0][1]]
    # After the draw a new yes is first come: the room is full, so the waitlist.
    (late,) = people(session, panel, 1)
    assert service.respond(session, stored, late, "yes", 0, source="email", now=deadline).state == WAITLISTED


def test_lottery_uses_the_fair_lottery_with_population_quotas(ctx, session):
    panel, stored = make_meeting(session, max_guests=0)
    for feature, shares in {"gender": {"female": 0.5, "male": 0.5}, "area": {"midtby": 0.5, "vest": 0.5}}.items():
        for value, share in shares.items():
            session.add(PopulationTarget(panel_id=panel.id, feature=feature, value=value, share=share))
    session.commit()
    deadline = datetime(2027, 3, 20, 12, 0, tzinfo=timezone.utc)
    service.configure_meeting(session, stored, capacity=4, seat_mode="lottery", rsvp_deadline_at=deadline, now=NOW)
    crowd = (people(session, panel, 6, gender="female", area="midtby") + people(session, panel, 2, gender="male", area="vest"))
    for person in crowd:
        service.respond(session, stored, person, "yes", 0, source="email", now=NOW)
    report = service.draw_lottery(session, stored, now=deadline, seed=11, leximin=False)
    assert report.drawn and report.draw_id is not None
    men = {p.id for p in crowd if p.gender == "male"}
    # Quotas of 2 +/- 1 men among 4 seats: at least one man has a seat.
    assert len(men & set(report.seated)) >= 1 and len(report.seated) == 4


def test_reminders_go_at_local_times_across_summer_time(ctx, session):
    # 29 March 2027, 19.00 summer time; summer time began on 28 March.
    panel, stored = make_meeting(session)
    service.configure_meeting(session, stored, capacity=None, seat_mode="first_come", rsvp_deadline_at=None, now=NOW)
    a = people(session, panel, 1, phone="+4520123456")[0]
    b = people(session, panel, 1)[0]
    service.respond(session, stored, a, "yes", 0, source="email", now=NOW)
    service.respond(session, stored, b, "no", 0, source="email", now=NOW)
    session.commit()
    # Email two days before at 10.00 local: 27 March is still winter time (UTC+1) -> 09.00 UTC.
    assert service.due_meeting_reminders(session, datetime(2027, 3, 27, 8, 59, tzinfo=timezone.utc)) == 0
    assert service.due_meeting_reminders(session, datetime(2027, 3, 27, 9, 0, tzinfo=timezone.utc)) == 1
    assert service.due_meeting_reminders(session, datetime(2027, 3, 27, 9, 5, tzinfo=timezone.utc)) == 0  # once
    email = rows(session, "%:reminder-0:%")
    assert [r.panelist_id for r in email] == [a.id] and email[0].channel == "email"
    # SMS on the morning of the day at 09.00 local: summer time (UTC+2) -> 07.00 UTC.
    assert service.due_meeting_reminders(session, datetime(2027, 3, 29, 6, 59, tzinfo=timezone.utc)) == 0
    assert service.due_meeting_reminders(session, datetime(2027, 3, 29, 7, 0, tzinfo=timezone.utc)) == 1
    sms = rows(session, "%:reminder-1:%")
    assert sms[0].channel == "sms" and "Husk mødet" in sms[0].text
    assert sms[0].next_attempt_at == datetime(2027, 3, 29, 7, 0, tzinfo=timezone.utc)
    # Never after the start.
    assert service.due_meeting_reminders(session, datetime(2027, 3, 29, 17, 0, tzinfo=timezone.utc)) == 0


def test_an_sms_reminder_planned_in_quiet_hours_waits_for_their_end(ctx, session):
    panel, stored = make_meeting(session)
    service.configure_meeting(session, stored, capacity=None, seat_mode="first_come", rsvp_deadline_at=None,
                              reminders=[{"channel": "sms", "days_before": 0, "at": "07:30"}], now=NOW)
    a = people(session, panel, 1, phone="+4520123456", channel="sms")[0]
    service.respond(session, stored, a, "yes", 0, source="sms", now=NOW)
    # 07.30 is in the quiet hours (20.00-09.00): the reminder goes at 09.00 local = 07.00 UTC.
    assert service.due_meeting_reminders(session, datetime(2027, 3, 29, 5, 30, tzinfo=timezone.utc)) == 0
    assert service.due_meeting_reminders(session, datetime(2027, 3, 29, 7, 0, tzinfo=timezone.utc)) == 1


def test_a_change_goes_to_yes_and_maybe_with_an_updated_calendar_file(ctx, session):
    panel, stored = make_meeting(session)
    yes, maybe, no = people(session, panel, 3)
    service.respond(session, stored, yes, "yes", 0, source="email", now=NOW)
    service.respond(session, stored, maybe, "maybe", 0, source="email", now=NOW)
    service.respond(session, stored, no, "no", 0, source="email", now=NOW)
    new_start = datetime(2027, 3, 30, 17, 0, tzinfo=timezone.utc)
    told = service.change_meeting(session, stored, starts_at=new_start,
                                  ends_at=datetime(2027, 3, 30, 19, 0, tzinfo=timezone.utc),
                                  location="Rådhuset", now=NOW)
    assert told == 2
    changed = rows(session, "%:changed:1")
    assert sorted(r.panelist_id for r in changed) == sorted([yes.id, maybe.id])
    cal = Calendar.from_ical(calendar_part(changed[0]).get_content())
    event = cal.walk("VEVENT")[0]
    assert str(cal["method"]) == "REQUEST" and int(event["sequence"]) == 1
    assert event.decoded("dtstart").hour == 19 and str(event["location"]) == "Rådhuset"
    assert service.load_definition(stored).starts_at == new_start
    assert "tirsdag den 30. marts 2027 kl. 19.00" in changed[0].text


def test_cancellation_sends_method_cancel(ctx, session):
    panel, stored = make_meeting(session)
    yes, waiting = people(session, panel, 2)
    service.configure_meeting(session, stored, capacity=1, seat_mode="first_come", rsvp_deadline_at=None, now=NOW)
    service.respond(session, stored, yes, "yes", 0, source="email", now=NOW)
    service.respond(session, stored, waiting, "yes", 0, source="email", now=NOW)
    told = service.cancel_meeting(session, stored, now=NOW)
    assert told == 2
    notice = rows(session, f"%:panelist:{yes.id}:cancelled")[0]
    assert notice.subject.startswith("Mødet er aflyst")
    cal = Calendar.from_ical(calendar_part(notice).get_content())
    assert str(cal["method"]) == "CANCEL" and str(cal.walk("VEVENT")[0]["status"]) == "CANCELLED"
    with pytest.raises(service.MeetingClosed):
        service.respond(session, stored, yes, "yes", 0, source="email", now=NOW)
    assert service.due_meeting_reminders(session, datetime(2027, 3, 27, 9, 0, tzinfo=timezone.utc)) == 0


def test_sms_panelists_get_sms_notices(ctx, session):
    panel, stored = make_meeting(session)
    service.configure_meeting(session, stored, capacity=1, seat_mode="first_come", rsvp_deadline_at=None, now=NOW)
    a = people(session, panel, 1)[0]
    b = people(session, panel, 1, channel="sms", phone="+4520123456", email=None)[0]
    service.respond(session, stored, a, "yes", 0, source="email", now=NOW)
    service.respond(session, stored, b, "yes", 0, source="staff", now=NOW)   # staff: the panelist is told
    notice = rows(session, f"%:panelist:{b.id}:rsvp:%")[0]
    assert notice.channel == "sms" and "ventelisten som nummer 1" in notice.text and notice.text.endswith("STOP for at melde dig ud.")


def test_two_first_clicks_at_once_share_one_plan(ctx, session):
    """The plan is made on the first RSVP; a second request racing it must not fail on the unique key."""
    import threading

    from sqlmodel import Session as DbSession

    from engagement.meetings.models import MeetingPlan

    panel, stored = make_meeting(session)
    engine = ctx.extensions["borgerpanel.engine"]
    first = DbSession(engine, expire_on_commit=False)
    plan_one = service.get_plan(first, stored)          # inserted, not yet committed
    result: dict = {}

    def second_click():
        with DbSession(engine, expire_on_commit=False) as second:
            try:
                result["plan"] = service.get_plan(second, stored)
                second.commit()
            except Exception as exc:  # noqa: BLE001 - the test reports whatever went wrong
                result["error"] = exc

    thread = threading.Thread(target=second_click)
    thread.start()
    thread.join(0.5)                                     # it waits for the first transaction
    first.commit()
    first.close()
    thread.join(30)
    assert "error" not in result, result.get("error")
    assert result["plan"].id == plan_one.id
    assert len(session.exec(select(MeetingPlan).where(MeetingPlan.definition_id == stored.id)).all()) == 1
