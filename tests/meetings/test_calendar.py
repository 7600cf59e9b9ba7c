"""iCalendar files: they parse with icalendar, carry local times across summer time, UID and SEQUENCE."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from conversations.definitions import parse_definition
from engagement.meetings import calendar

CPH = ZoneInfo("Europe/Copenhagen")
STAMP = datetime(2027, 3, 1, 12, 0, tzinfo=timezone.utc)


def meeting(starts: str, ends: str):
    return parse_definition({"kind": "meeting", "key": "m", "title": "Borgermøde, havnen", "starts_at": starts,
                             "ends_at": ends, "location": "Rådhuset; sal 2", "max_guests": 1})


def build(m, **kw):
    values = dict(uid=calendar.event_uid(7, 42, "kommune.dk"), sequence=0, organizer="Borgerpanelet <panel@kommune.dk>",
                  organizer_name="Borgerpanelet", attendee_email="mette@example.dk", attendee_name="Mette Hansen",
                  stamp=STAMP)
    values.update(kw)
    return Calendar.from_ical(calendar.build_calendar(m, **values))


@pytest.mark.parametrize("starts, ends, local_start, local_end, utc_start", [
    # Winter time (UTC+1) ...
    ("2027-03-27T19:00:00+01:00", "2027-03-27T21:00:00+01:00", (19, 0), (21, 0), (18, 0)),
    # ... and after the change to summer time on 28 March 2027 (UTC+2): 19.00 local stays 19.00.
    ("2027-03-29T17:00:00+00:00", "2027-03-29T19:00:00+00:00", (19, 0), (21, 0), (17, 0)),
    # A meeting across the night of the change: 01.30 CET to 04.00 CEST is 1.5 hours.
    ("2027-03-28T01:30:00+01:00", "2027-03-28T04:00:00+02:00", (1, 30), (4, 0), (0, 30)),
    # Back to winter time on 31 October 2027.
    ("2027-11-01T19:00:00+01:00", "2027-11-01T21:00:00+01:00", (19, 0), (21, 0), (18, 0)),
])
def test_times_are_local_with_a_timezone(starts, ends, local_start, local_end, utc_start):
    cal = build(meeting(starts, ends))
    event = cal.walk("VEVENT")[0]
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert event["dtstart"].params["TZID"] == "Europe/Copenhagen"
    assert (start.hour, start.minute) == local_start and (end.hour, end.minute) == local_end
    assert start.astimezone(timezone.utc).timetuple()[3:5] == utc_start
    assert cal.walk("VTIMEZONE")[0]["TZID"] == "Europe/Copenhagen"
    assert end.astimezone(timezone.utc) - start.astimezone(timezone.utc) == \
        datetime.fromisoformat(ends) - datetime.fromisoformat(starts)


def test_across_the_night_of_the_change_lasts_one_and_a_half_hours():
    event = build(meeting("2027-03-28T01:30:00+01:00", "2027-03-28T04:00:00+02:00")).walk("VEVENT")[0]
    assert event.decoded("dtend").astimezone(timezone.utc) - event.decoded("dtstart").astimezone(timezone.utc) \
        == timedelta(hours=1, minutes=30)


def test_request_fields():
    cal = build(meeting("2027-03-29T19:00:00+02:00", "2027-03-29T21:00:00+02:00"), sequence=3)
    assert str(cal["method"]) == "REQUEST"
    event = cal.walk("VEVENT")[0]
    assert str(event["uid"]) == "meeting-7-panelist-42@kommune.dk"
    assert int(event["sequence"]) == 3
    assert str(event["summary"]) == "Borgermøde, havnen"
    assert str(event["location"]) == "Rådhuset; sal 2"
    assert str(event["organizer"]) == "mailto:panel@kommune.dk"
    assert str(event["attendee"]) == "mailto:mette@example.dk"
    assert event["attendee"].params["RSVP"] == "TRUE"
    assert str(event["status"]) == "CONFIRMED"


def test_cancel():
    cal = build(meeting("2027-03-29T19:00:00+02:00", "2027-03-29T21:00:00+02:00"), method=calendar.CANCEL,
                sequence=4)
    assert str(cal["method"]) == "CANCEL"
    event = cal.walk("VEVENT")[0]
    assert str(event["status"]) == "CANCELLED" and int(event["sequence"]) == 4


def test_refuses_bad_values():
    m = meeting("2027-03-29T19:00:00+02:00", "2027-03-29T21:00:00+02:00")
    with pytest.raises(calendar.CalendarError):
        build(m, method="PUBLISH")
    with pytest.raises(calendar.CalendarError):
        build(m, organizer="no address")
    with pytest.raises(calendar.CalendarError):
        build(m, stamp=datetime(2027, 1, 1))


def test_the_file_rides_on_a_composed_message_as_a_calendar_part():
    from email import message_from_bytes, policy

    from engagement.config import Settings
    from engagement.delivery.mail import compose_email

    ics = calendar.build_calendar(meeting("2027-03-29T19:00:00+02:00", "2027-03-29T21:00:00+02:00"),
                                  uid="u@x", sequence=0, organizer="p@x.dk", stamp=STAMP)
    settings = Settings(instance_path="/tmp", database_url="sqlite://", secret_key="x" * 32,
                        mail_from="Panel <panel@x.dk>", reply_domain="x.dk")
    composed = compose_email(settings, to="c@d.dk", subject="Hej", text="Hej Møde",
                             attachments=[calendar.attachment(ics)])
    message = message_from_bytes(composed.data, policy=policy.default)
    assert message.get_content_type() == "multipart/mixed"
    assert message["Subject"] == "Hej"
    text, attachment = list(message.iter_parts())
    assert text.get_content().strip() == "Hej Møde"
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_param("method") == "REQUEST"
    assert attachment.get_filename() == "invitation.ics"
    assert Calendar.from_ical(attachment.get_content()).walk("VEVENT")[0]["uid"] == "u@x"
