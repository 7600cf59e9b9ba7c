"""Calendar programs' answers to a meeting invitation, shaped like each client sends them.

Each starts from the invitation's own .ics (METHOD:REQUEST) and answers it as
RFC 5546 wants: METHOD:REPLY, the same UID and SEQUENCE, the ORGANIZER as it
was, one ATTENDEE with PARTSTAT, mailed *to the ORGANIZER*.

* Outlook: "Accepteret: <title>" / "Afvist: ..." / "Foreløbig: ...";
  multipart/alternative with a text/plain part (often empty, sometimes a
  comment) and a text/calendar; method=REPLY part.
* Google Calendar: "Afvist: <title> @ <when> (<who>)" or "Invitation
  accepted: ..."; multipart/mixed: text, HTML and the calendar inline, and the
  same calendar as an invite.ics attachment (application/ics).
* Apple Calendar: often the calendar part alone, no text at all.
"""
from __future__ import annotations

from datetime import datetime, timezone
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from icalendar import Calendar, Event, vCalAddress, vText

SUBJECTS = {
    "outlook": {"ACCEPTED": "Accepteret: {title}", "DECLINED": "Afvist: {title}",
                "TENTATIVE": "Foreløbig: {title}"},
    "google": {"ACCEPTED": "Invitation accepted: {title} @ tir. 14. jan. 2031 19:00 - 21:00 (CET) ({who})",
               "DECLINED": "Afvist: {title} @ tir. 14. jan. 2031 19:00 - 21:00 (CET) ({who})",
               "TENTATIVE": "Foreløbigt accepteret: {title} @ tir. 14. jan. 2031 ({who})"},
    "apple": {"ACCEPTED": "{title}", "DECLINED": "{title}", "TENTATIVE": "{title}"},
}


def request_parts(ics: bytes) -> tuple[Calendar, Event]:
    cal = Calendar.from_ical(ics)
    return cal, cal.walk("VEVENT")[0]


def organizer_of(ics: bytes) -> str:
    """The address an iTIP REPLY goes to (the ORGANIZER without ``mailto:``)."""
    _cal, event = request_parts(ics)
    return str(event["organizer"]).split(":", 1)[1]


OUTLOOK_PRODID = "-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN"


def itip_reply(ics: bytes, partstat: str, attendee: str, *, prodid: str = OUTLOOK_PRODID,
               comment: str | None = None) -> bytes:
    """The REPLY a calendar program makes to this REQUEST."""
    _cal, request = request_parts(ics)
    reply = Calendar()
    reply.add("prodid", prodid)
    reply.add("version", "2.0")
    reply.add("method", "REPLY")
    event = Event()
    event["uid"] = request["uid"]
    event["sequence"] = request["sequence"]
    event["organizer"] = request["organizer"]
    event["dtstart"] = request["dtstart"]
    event["dtend"] = request["dtend"]
    event["summary"] = request["summary"]
    event.add("dtstamp", datetime(2031, 1, 2, 9, 30, tzinfo=timezone.utc))
    who = vCalAddress(f"mailto:{attendee}")
    who.params["partstat"] = vText(partstat)
    who.params["cn"] = vText(attendee.split("@")[0])
    event.add("attendee", who, encode=0)
    if comment:
        event.add("comment", comment)
    reply.add_component(event)
    return reply.to_ical()


def _headers(message: EmailMessage, *, sender: str, to: str, subject: str) -> None:
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(datetime(2031, 1, 2, 9, 30, tzinfo=timezone.utc))
    message["Message-ID"] = make_msgid(domain="calendar.example.dk")


def calendar_answer(client: str, ics: bytes, partstat: str, *, sender: str, text: str = "") -> bytes:
    """The whole email ``client`` ("outlook" | "google" | "apple") sends for this answer."""
    _cal, request = request_parts(ics)
    title = str(request["summary"])
    to = organizer_of(ics)
    address = sender.rsplit("<", 1)[-1].rstrip(">")
    subject = SUBJECTS[client][partstat].format(title=title, who=address)
    message = EmailMessage()
    if client == "outlook":
        reply = itip_reply(ics, partstat, address)
        _headers(message, sender=sender, to=to, subject=subject)
        message["Thread-Topic"] = title
        message.set_content(text or "")
        message.add_alternative(reply, maintype="text", subtype="calendar",
                                params={"method": "REPLY", "charset": "utf-8"})
    elif client == "google":
        reply = itip_reply(ics, partstat, address, prodid="-//Google Inc//Google Calendar 70.9054//EN")
        _headers(message, sender=sender, to=to, subject=subject)
        message["Sender"] = "Google Calendar <calendar-notification@google.com>"
        words = {"ACCEPTED": "har accepteret denne invitation", "DECLINED": "har afvist denne invitation",
                 "TENTATIVE": "har svaret måske til denne invitation"}[partstat]
        body = f"{address} {words}.\n\n{title}\nInvitation fra Google Kalender\n{text}".rstrip() + "\n"
        message.set_content(body)
        message.add_alternative(f"<html><body><p>{address} {words}.</p><p>{title}</p></body></html>",
                                subtype="html")
        message.add_alternative(reply, maintype="text", subtype="calendar",
                                params={"method": "REPLY", "charset": "UTF-8"})
        message.add_attachment(reply, maintype="application", subtype="ics", filename="invite.ics")
    elif client == "apple":
        reply = itip_reply(ics, partstat, address, prodid="-//Apple Inc.//macOS 14.2//EN")
        _headers(message, sender=sender, to=to, subject=subject)
        message.set_content(reply.decode("utf-8"), subtype="calendar", params={"method": "REPLY"},
                            cte="quoted-printable")
    else:
        raise ValueError(client)
    return bytes(message)
