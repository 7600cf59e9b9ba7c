"""The meeting notices a panelist can receive, rendered like every other message to a citizen.

Templates (``engagement/messages/templates/messages/<name>.<channel>.txt``,
email and SMS each, plain Danish, GSM 7-bit SMS, a way to stop):

* ``meeting_seat_confirmed``: you have a seat (guests);
* ``meeting_waitlisted``: the meeting is full, or the lottery did not pick you (``lottery``), ``position``;
* ``meeting_moved_up``: a seat came free and it is yours;
* ``meeting_changed``: new time or place (``attending`` yes|maybe, or None: not answered yet), with an
  updated calendar file;
* ``meeting_cancelled``: the meeting is cancelled (``METHOD:CANCEL``);
* ``meeting_lottery_entered``: your yes is noted; lots are drawn at the deadline (``draw_at``).

They go through ``render_template_text`` of ``engagement.messages.render`` (the
same environment, helpers, tidying and GSM folding as ``render_message``);
this module keeps their own list of what each needs.
"""
from __future__ import annotations

from typing import Any

from engagement.i18n import LANGUAGES
from engagement.messages.render import (CHANNELS, MessageError, MissingContext, RenderedMessage, UnknownChannel,
                                        UnknownLanguage, UnknownTemplate, render_template_text)

SEAT_CONFIRMED = "meeting_seat_confirmed"
WAITLISTED = "meeting_waitlisted"
MOVED_UP = "meeting_moved_up"
CHANGED = "meeting_changed"
CANCELLED = "meeting_cancelled"
LOTTERY_ENTERED = "meeting_lottery_entered"

# Template -> the context it needs (besides name, sender and, for email, leave_url).
NOTICES: dict[str, tuple[str, ...]] = {
    SEAT_CONFIRMED: ("meeting",),    # optional: guests, calendar, rsvp_links
    WAITLISTED: ("meeting",),        # optional: position, lottery, rsvp_links
    MOVED_UP: ("meeting",),          # optional: guests, calendar, rsvp_links
    CHANGED: ("meeting",),           # optional: attending, calendar, rsvp_links
    CANCELLED: ("meeting",),         # optional: calendar
    LOTTERY_ENTERED: ("meeting",),   # optional: draw_at, guests, rsvp_links
}


def render_notice(template: str, *, channel: str, language: str, **context: Any) -> RenderedMessage:
    if template not in NOTICES:
        raise UnknownTemplate(f"no meeting notice {template!r}")
    if channel not in CHANNELS:
        raise UnknownChannel(f"channel must be email or sms, not {channel!r}")
    if language not in LANGUAGES:
        raise UnknownLanguage(f"language must be one of {', '.join(LANGUAGES)}, not {language!r}")
    needed = list(NOTICES[template]) + (["leave_url"] if channel == "email" else [])
    missing = [key for key in needed if context.get(key) in (None, "")]
    if missing:
        raise MissingContext(f"{template} ({channel}) needs {', '.join(missing)}")
    for key in ("name", "sender", "guests", "calendar", "rsvp_links", "position", "lottery", "attending",
                "draw_at"):
        context.setdefault(key, None)
    subject, text = render_template_text(f"messages/{template}.{channel}.txt", channel, language, context)
    if channel == "email" and not subject:
        raise MessageError(f"{template}.email.txt has no subject block")
    return RenderedMessage(template=template, channel=channel, language=language,
                           subject=subject if channel == "email" else None, text=text)


def meeting_notice_samples(meeting, channel: str, language: str, common: dict):
    """Every meeting notice with sample data (``engagement.messages.samples`` previews them)."""
    from datetime import timedelta

    guests = min(1, meeting.max_guests)
    values = dict(common, calendar=channel == "email")
    yield render_notice(SEAT_CONFIRMED, channel=channel, language=language, meeting=meeting, guests=guests, **values)
    for lottery in (False, True):
        yield render_notice(WAITLISTED, channel=channel, language=language, meeting=meeting, position=3,
                            lottery=lottery, **values)
    yield render_notice(MOVED_UP, channel=channel, language=language, meeting=meeting, guests=guests, **values)
    for attending in ("yes", "maybe", None):
        yield render_notice(CHANGED, channel=channel, language=language, meeting=meeting, attending=attending,
                            **values)
    yield render_notice(CANCELLED, channel=channel, language=language, meeting=meeting, **values)
    yield render_notice(LOTTERY_ENTERED, channel=channel, language=language, meeting=meeting, guests=guests,
                        draw_at=meeting.starts_at - timedelta(days=7), **values)
