"""Calendar answers: an iTIP REPLY (RFC 5546) sent by a calendar program.

Outlook ("Accepteret: <title>": a text/calendar part with METHOD:REPLY
next to the text), Google Calendar ("Invitation accepted", an invite.ics
attachment) and Apple Calendar (often the calendar part alone) answer a
meeting invitation with a calendar whose METHOD is REPLY and whose ATTENDEE
says ACCEPTED, DECLINED or TENTATIVE.  That is the answer, whatever the
text says: "yes", "no" or "maybe".  Anything else (a request, a counter
proposal, a delegation, attendees who disagree, a calendar that cannot be
read) gives None, and the text is read as usual.  Never raises.
"""
from __future__ import annotations

from email.message import Message

from icalendar import Calendar

from .charsets import decode_bytes
from .model import Problems
from .parsing import content_type, filename, param, payload_bytes, walk

ANSWERS = {"ACCEPTED": "yes", "DECLINED": "no", "TENTATIVE": "maybe"}
_CALENDAR_TYPES = {"text/calendar", "application/ics", "text/x-vcalendar", "application/x-ics"}
_MAX_SIZE = 256_000


def find_calendar_reply(msg: Message, problems: Problems) -> str | None:
    """"yes" | "no" | "maybe" from the message's iTIP REPLY calendar parts, else None."""
    answers = set()
    for part in walk(msg):
        if part.is_multipart() or not _is_calendar(part):
            continue
        answer = _read_reply(part, problems)
        if answer is not None:
            answers.add(answer)
    return answers.pop() if len(answers) == 1 else None


def _is_calendar(part: Message) -> bool:
    ctype = content_type(part)
    if ctype in _CALENDAR_TYPES:
        return True
    return ctype in ("application/octet-stream", "text/plain") and filename(part).endswith((".ics", ".vcs"))


def _read_reply(part: Message, problems: Problems) -> str | None:
    data = payload_bytes(part, problems)
    if not data.strip() or len(data) > _MAX_SIZE:
        return None
    try:
        charset = part.get_content_charset()
    except Exception:
        charset = None
    text = decode_bytes(data, charset or "utf-8", problems, "calendar part")
    try:
        calendars = Calendar.from_ical(text, multiple=True)
    except Exception:  # icalendar raises ValueError on broken content lines, others on worse
        problems.add("unreadable calendar part")
        return None
    answers = set()
    for calendar in calendars:
        method = str(calendar.get("method") or param(part, "method")).strip().upper()
        if method != "REPLY":
            continue
        for event in calendar.walk():
            if event.name not in ("VEVENT", "VTODO"):
                continue
            attendees = event.get("attendee")
            for attendee in attendees if isinstance(attendees, list) else [attendees]:
                if attendee is None:
                    continue
                partstat = str(getattr(attendee, "params", {}).get("PARTSTAT", "")).strip().upper()
                answers.add(ANSWERS.get(partstat))
    if len(answers) != 1:
        return None
    return answers.pop()
