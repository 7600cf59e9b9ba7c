"""A meeting's attendee list as a spreadsheet staff open at the door: labels, not codes.

Columns in the staff member's language; each person's place ("Har plads",
"På venteliste" ...), their answer ("Kommer", "Måske" ...) and how it came
("Mail", "SMS", "Link", "Medarbejder") as words; Danish mobile numbers as
"20 12 34 56" (a leading + would make Excel read a formula or a number); the
time in Copenhagen time.  Written for Danish Excel by ``spreadsheet.excel_csv``.
"""
from __future__ import annotations

from typing import Any

import phonenumbers
from flask_babel import gettext as _

from engagement.panel.history import ATTENDING_LABELS, SOURCE_LABELS
from engagement.reports.spreadsheet import excel_csv, local_time, spreadsheet_text
from engagement.web.formatting import current_locale


def phone_for_people(number: str | None) -> str:
    """'+4520123456' -> '20 12 34 56'; a foreign number in its international form."""
    if not number:
        return ""
    try:
        parsed = phonenumbers.parse(number, "DK")
    except phonenumbers.NumberParseException:
        return number
    if parsed.country_code == 45:
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def attendee_rows(attendees) -> tuple[list[str], list[list[Any]]]:
    header = [_("Plads"), _("Nr. på venteliste"), _("Navn"), _("E-mail"), _("Mobil"), _("Gæster"), _("Svar"),
              _("Svaret via"), _("Svaret")]
    groups = ((_("Har plads"), attendees.seated), (_("På venteliste"), attendees.waitlist),
              (_("Med i lodtrækningen"), attendees.entered), (_("Måske"), attendees.maybe),
              (_("Kommer ikke"), attendees.no))
    rows = []
    for place, group in groups:
        for a in group:
            rows.append([place, a.position, spreadsheet_text(a.panelist.name or ""),
                         spreadsheet_text(a.panelist.email or ""), spreadsheet_text(phone_for_people(a.panelist.phone)),
                         a.seat.guests, str(ATTENDING_LABELS.get(a.rsvp.attending, a.rsvp.attending)),
                         str(SOURCE_LABELS.get(a.rsvp.source, a.rsvp.source)), local_time(a.rsvp.recorded_at)])
    return header, rows


def attendees_csv(attendees, locale: str | None = None) -> bytes:
    locale = locale or current_locale()
    header, rows = attendee_rows(attendees)
    return excel_csv(header, rows, locale)
