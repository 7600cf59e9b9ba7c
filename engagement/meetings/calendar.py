"""iCalendar files for meeting invitations, changes and cancellations (pure: values in, bytes out).

Built with the ``icalendar`` package.  One VEVENT per panelist:

* ``UID`` is stable per meeting and panelist (``event_uid``), so a calendar
  program updates the event it has instead of adding a second one;
* ``SEQUENCE`` is the meeting's sequence (0 at first, raised at each change);
* ``DTSTART``/``DTEND`` are in Europe/Copenhagen with ``TZID`` and a
  ``VTIMEZONE`` (``Calendar.add_missing_timezones``), so the local time stays
  right across the change to and from summer time;
* ``METHOD:REQUEST`` for an invitation or a change, ``METHOD:CANCEL`` (and
  ``STATUS:CANCELLED``) for a cancelled meeting;
* ``ORGANIZER`` is the given address: the panelist's own reply address
  (``engagement.meetings.ics``), so a calendar program's answer comes back;
  ``ATTENDEE`` the panelist with ``RSVP=TRUE``.
"""
from __future__ import annotations

from datetime import datetime
from email.utils import parseaddr
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vCalAddress, vText

from conversations.definitions import Meeting

REQUEST = "REQUEST"
CANCEL = "CANCEL"
METHODS = (REQUEST, CANCEL)
PRODID = "-//Borgerpanelet//Borgerpanel//DA"
CONTENT_TYPE = "text/calendar"
FILENAME = "invitation.ics"


class CalendarError(ValueError):
    """A calendar file cannot be built from these values."""


def event_uid(definition_id: int, panelist_id: int, domain: str) -> str:
    """The same for every file about this meeting to this panelist."""
    return f"meeting-{definition_id}-panelist-{panelist_id}@{domain}"


def build_calendar(meeting: Meeting, *, uid: str, sequence: int, method: str = REQUEST,
                   organizer: str, organizer_name: str | None = None,
                   attendee_email: str | None = None, attendee_name: str | None = None,
                   description: str = "", url: str | None = None, stamp: datetime,
                   timezone: str = "Europe/Copenhagen") -> bytes:
    """The .ics file (bytes, CRLF line ends as RFC 5545 wants)."""
    if method not in METHODS:
        raise CalendarError(f"method must be REQUEST or CANCEL, not {method!r}")
    if stamp.tzinfo is None:
        raise CalendarError("stamp must be timezone-aware")
    organizer_address = parseaddr(organizer)[1]
    if "@" not in organizer_address:
        raise CalendarError("the organizer needs an email address")
    zone = ZoneInfo(timezone)

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)

    event = Event()
    event.add("uid", uid)
    event.add("sequence", int(sequence))
    event.add("dtstamp", stamp.astimezone(ZoneInfo("UTC")))
    event.add("dtstart", meeting.starts_at.astimezone(zone))
    event.add("dtend", meeting.ends_at.astimezone(zone))
    event.add("summary", meeting.title)
    if meeting.location:
        event.add("location", meeting.location)
    if description:
        event.add("description", description)
    if url:
        event.add("url", url)
    event.add("status", "CANCELLED" if method == CANCEL else "CONFIRMED")
    event.add("transp", "OPAQUE")
    who = vCalAddress(f"mailto:{organizer_address}")
    if organizer_name:
        who.params["cn"] = vText(organizer_name)
    event["organizer"] = who
    if attendee_email:
        attendee = vCalAddress(f"mailto:{attendee_email}")
        if attendee_name:
            attendee.params["cn"] = vText(attendee_name)
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        attendee.params["rsvp"] = vText("TRUE")
        event.add("attendee", attendee, encode=0)
    cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()


def read_calendar(data: bytes) -> Calendar:
    """Parse a file (tests, and anyone who wants to look)."""
    return Calendar.from_ical(data)


def attachment(ics: bytes, method: str = REQUEST, filename: str = FILENAME) -> tuple[str, str, bytes]:
    """The .ics as an attachment for ``delivery.mail.compose_email`` / ``outbox.email_values``."""
    if method not in METHODS:
        raise CalendarError(f"method must be REQUEST or CANCEL, not {method!r}")
    return (filename, f'{CONTENT_TYPE}; charset="utf-8"; method={method}', ics)
