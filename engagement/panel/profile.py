"""Pure rules for a panelist's contact details and background profile.

Used by signup, profile changes and CSV import alike, so a value accepted in
one place is accepted in all.  Every function raises ``InvalidField`` with a
Danish message (through gettext) that can be shown to the person who typed it.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l

from engagement.panel.features import CHOICE_FIELDS, EDUCATIONS, EMPLOYMENTS, GENDERS, HOUSINGS  # noqa: F401


class InvalidField(ValueError):
    """A value a person typed is not valid; ``field`` names the form field."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


# Codes stored in the database -> labels shown to people (GENDERS, EDUCATIONS, HOUSINGS, EMPLOYMENTS,
# CHOICE_FIELDS) live in ``engagement.panel.features``: one source of truth for every page and export.
CHANNEL_LABELS = {"email": _l("E-mail"), "sms": _l("SMS"), "both": _l("Både e-mail og SMS")}
LANGUAGE_LABELS = {"da": "Dansk", "en": "English"}

# Age bands of the population tables (FOLK1A-style).
AGE_BANDS = ((18, 29, "18-29"), (30, 39, "30-39"), (40, 49, "40-49"),
             (50, 59, "50-59"), (60, 69, "60-69"), (70, 200, "70+"))
MIN_AGE = 15
# What people write instead of a value they do not want to give.
DECLINED = {"vil ikke oplyse", "ønsker ikke at oplyse", "uoplyst", "prefer not to say", "-"}


def normalize_email(raw: str | None) -> str:
    """A syntactically valid address, domain lower-cased; no DNS look-ups."""
    value = (raw or "").strip()
    if not value:
        raise InvalidField("email", _l("Skriv din e-mailadresse."))
    try:
        result = validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        raise InvalidField("email", _l("E-mailadressen ser ikke rigtig ud.")) from None
    local, _at, domain = result.normalized.rpartition("@")
    return f"{local}@{domain.lower()}"


def normalize_phone(raw: str | None) -> str | None:
    """A mobile number as E.164; Danish numbers may be written without +45. Empty -> None."""
    value = (raw or "").strip()
    if not value:
        return None
    try:
        number = phonenumbers.parse(value, "DK")
    except phonenumbers.NumberParseException:
        raise InvalidField("phone", _l("Mobilnummeret ser ikke rigtigt ud.")) from None
    if not phonenumbers.is_valid_number(number):
        raise InvalidField("phone", _l("Mobilnummeret ser ikke rigtigt ud."))
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalize_birth_year(raw: str | int | None, today: date | None = None) -> int | None:
    if raw is None or str(raw).strip() == "":
        return None
    try:
        year = int(str(raw).strip())
    except ValueError:
        raise InvalidField("birth_year", _l("Skriv dit fødselsår med fire tal.")) from None
    this_year = (today or date.today()).year
    if not (this_year - 110 <= year <= this_year - MIN_AGE):
        raise InvalidField("birth_year", _l("Fødselsåret ser ikke rigtigt ud."))
    return year


def normalize_choice(field: str, raw: str | None) -> str | None:
    """A code from the field's vocabulary; empty or "vil ikke oplyse" -> None."""
    value = (raw or "").strip()
    if not value or value.casefold() in DECLINED:
        return None
    vocabulary = CHOICE_FIELDS[field]
    if value in vocabulary:
        return value
    lowered = value.casefold()
    for code, label in vocabulary.items():
        if lowered == str(label).casefold():
            return code
    raise InvalidField(field, _l("Vælg en af mulighederne."))


def normalize_postcode(raw: str | None) -> str | None:
    value = (raw or "").strip()
    if not value:
        return None
    if not (len(value) == 4 and value.isdigit()):
        raise InvalidField("postcode", _l("Et postnummer har fire tal."))
    return value


def area_for_postcode(postcode: str | None, postcode_areas: dict[str, str]) -> str | None:
    """The panel's area for a postcode (the panel maps postcodes to its areas)."""
    return postcode_areas.get(postcode) if postcode else None


def age_band(birth_year: int | None, today: date | None = None) -> str | None:
    if birth_year is None:
        return None
    age = (today or date.today()).year - birth_year
    for low, high, band in AGE_BANDS:
        if low <= age <= high:
            return band
    return None


@dataclass(frozen=True)
class Profile:
    birth_year: int | None = None
    gender: str | None = None
    postcode: str | None = None
    education: str | None = None
    housing: str | None = None
    employment: str | None = None


def normalize_profile(form: dict, today: date | None = None) -> tuple[Profile, list[InvalidField]]:
    """Read the background profile from a form or a CSV row; collect every error."""
    errors: list[InvalidField] = []
    values: dict[str, object] = {}
    readers = {
        "birth_year": lambda v: normalize_birth_year(v, today),
        "postcode": normalize_postcode,
        **{name: (lambda v, name=name: normalize_choice(name, v)) for name in CHOICE_FIELDS},
    }
    for name, read in readers.items():
        try:
            values[name] = read(form.get(name))
        except InvalidField as error:
            errors.append(error)
    return Profile(**values), errors


def normalize_language(raw: str | None, default: str = "da") -> str:
    """A language code we write messages in; anything else falls back to the default."""
    value = (raw or "").strip().lower()
    return value if value in LANGUAGE_LABELS else default


def normalize_channel(raw: str | None, phone: str | None) -> str:
    """Email, SMS or both; SMS needs a mobile number. Empty -> email."""
    value = (raw or "").strip().lower() or "email"
    if value not in CHANNEL_LABELS:
        raise InvalidField("channel", _l("Vælg en af mulighederne."))
    if value in ("sms", "both") and not phone:
        raise InvalidField("channel", _l("Skriv dit mobilnummer, hvis du vil have SMS."))
    return value
