"""Pure rules for joining and for the profile form: read a form, decide dates.

No database, no Flask request: a form is a mapping of strings in, a
``Details`` value and a dict of error messages (field -> message) out.
"""
from __future__ import annotations

from calendar import isleap
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Mapping

from flask_babel import lazy_gettext as _l

from engagement.panel.profile import (InvalidField, Profile, area_for_postcode, normalize_channel,
                                      normalize_email, normalize_language, normalize_phone,
                                      normalize_profile)

# A signup not confirmed within this time is refused, and later deleted.
SIGNUP_LIFETIME = timedelta(days=7)
NAME_MAX = 200


@dataclass(frozen=True)
class Details:
    """Contact details and background profile as a citizen gave them."""

    email: str | None
    phone: str | None
    name: str | None
    channel: str
    language: str
    profile: Profile = field(default_factory=Profile)
    area: str | None = None


def _name(raw: str | None) -> str | None:
    value = " ".join((raw or "").split())
    if not value:
        return None
    if len(value) > NAME_MAX:
        raise InvalidField("name", _l("Navnet er for langt."))
    return value


def read_details(form: Mapping[str, str], postcode_areas: Mapping[str, str], *,
                 default_language: str = "da", today: date | None = None,
                 require_consent: bool = False) -> tuple[Details | None, dict[str, str]]:
    """Read the signup or profile form. Returns (details, {}) or (None, errors)."""
    errors: dict[str, str] = {}
    values: dict[str, object] = {}
    for name, read in (("email", normalize_email), ("phone", normalize_phone), ("name", _name)):
        try:
            values[name] = read(form.get(name))
        except InvalidField as error:
            errors[error.field] = str(error.message)
    try:
        values["channel"] = normalize_channel(form.get("channel"), values.get("phone"))  # type: ignore[arg-type]
    except InvalidField as error:
        if "phone" not in errors:  # one message is enough when the number itself is wrong
            errors[error.field] = str(error.message)
    profile, profile_errors = normalize_profile(dict(form), today)
    for error in profile_errors:
        errors[error.field] = str(error.message)
    if require_consent and form.get("consent") != "yes":
        errors["consent"] = str(_l("Sæt kryds, hvis du vil være med."))
    if errors:
        return None, errors
    return Details(email=values["email"], phone=values["phone"], name=values["name"],  # type: ignore[arg-type]
                   channel=values["channel"],  # type: ignore[arg-type]
                   language=normalize_language(form.get("language"), default_language),
                   profile=profile,
                   area=area_for_postcode(profile.postcode, dict(postcode_areas))), {}


def membership_end(confirmed_at: datetime, years: int) -> datetime:
    """The same day and time ``years`` later (29 February becomes 28 February)."""
    day = confirmed_at.day
    if confirmed_at.month == 2 and day == 29 and not isleap(confirmed_at.year + years):
        day = 28
    return confirmed_at.replace(year=confirmed_at.year + years, day=day)


def is_signup_expired(created_at: datetime, now: datetime) -> bool:
    return now - created_at > SIGNUP_LIFETIME


def signup_cutoff(now: datetime) -> datetime:
    """Pending signups created before this moment have expired."""
    return now - SIGNUP_LIFETIME
