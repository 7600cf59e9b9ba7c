"""A calendar program's answer to a meeting (an iTIP REPLY), as the inbound pipeline records it.

The reader (``conversations.mail.calendar``) gives Accept / Decline / Maybe
as rsvp yes / no / maybe with no guests: a calendar cannot say guests.
Someone who wrote "ja +1" and then clicks Accept in Outlook (Outlook offers
it whenever the invitation is opened) has not taken their guest back, so an
Accept keeps the guests of their current yes.  Decline and Maybe are
recorded as they are (``meetings.rsvps.respond`` frees the seats).
"""
from __future__ import annotations

from dataclasses import replace

from conversations.reading import Reading, Rsvp


def keep_guests(session, definition_id: int | None, panelist_id: int | None, reading: Reading) -> Reading:
    """The reading of a calendar Accept with the guests of the panelist's current yes, if any."""
    from engagement.surveys.service import current_rsvp

    if reading.intent != "rsvp" or reading.rsvp is None or reading.rsvp.attending != "yes" or reading.rsvp.guests:
        return reading
    if definition_id is None or panelist_id is None:
        return reading
    current = current_rsvp(session, definition_id, panelist_id)
    if current is None or current.attending != "yes" or not current.guests:
        return reading
    return replace(reading, rsvp=Rsvp("yes", current.guests))


__all__ = ["keep_guests"]
