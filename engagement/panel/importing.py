"""Reading a CSV file of existing panelists: bytes in, rows and rejected lines out.

Pure rules, no database: ``read_panelists_csv`` decodes the file (UTF-8 with or
without BOM, or Excel's Windows-1252), finds the delimiter (semicolon, comma or
tab), maps Danish or English column names to fields, and checks every row with
the same normalizers as signup and profile (``engagement.panel.profile``).

A file that cannot be read at all raises a subclass of ``UnreadableFile``
(nothing is imported).  Otherwise every line becomes either an ``ImportRow``
or a ``RejectedLine`` with its line number and the reasons, in Danish; an
email seen twice in the same file rejects the second line.

Values may be codes (``female``, ``lvu``) or Danish labels (``Kvinde``,
``Lang videregående uddannelse``), plus a few spellings seen in municipal
exports (``K``/``M``, "Privat udlejning").  Danish labels are matched in
Danish whatever language the staff member reads the page in.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Callable

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from engagement.panel.models import CHANNELS, LANGUAGES
from engagement.panel.profile import (CHANNEL_LABELS, CHOICE_FIELDS, InvalidField, normalize_birth_year,
                                      normalize_choice, normalize_email, normalize_phone, normalize_postcode)

MAX_NAME_LENGTH = 200
# RFC 5322 dot-atom: the plain form of a local part (no quotes, no spaces, no non-ASCII).
_DOT_ATOM = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*\Z")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


class UnreadableFile(Exception):
    """The file cannot be read as a CSV of panelists; ``message`` says why (Danish)."""

    message = _l("Filen kan ikke læses.")

    def __init__(self, message=None):
        if message is not None:
            self.message = message
        super().__init__(str(self.message))


class EmptyFile(UnreadableFile):
    message = _l("Filen er tom.")


class NotText(UnreadableFile):
    message = _l("Filen er ikke en CSV-fil. Gem den som CSV (semikolon- eller kommasepareret) og prøv igen.")


class SpreadsheetFile(NotText):
    message = _l("Filen er en Excel-fil. Gem den som CSV (semikolon- eller kommasepareret) og prøv igen.")


class Undecodable(UnreadableFile):
    message = _l("Filens tegn kan ikke læses. Gem den som CSV i UTF-8 eller Windows-1252 og prøv igen.")


class NoEmailColumn(UnreadableFile):
    message = _l("Filen har ingen kolonne med e-mail. Første linje skal have kolonnernes navne, "
                 "fx email;navn;postnummer.")


class BrokenCsv(UnreadableFile):
    message = _l("Filen er ikke en gyldig CSV-fil.")


# Column names (case-insensitive; spaces, dashes and underscores ignored) -> field.
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "email": ("email", "e-mail", "mail", "emailadresse", "e-mailadresse", "email address", "mailadresse"),
    "phone": ("mobil", "mobilnummer", "mobilnr", "telefon", "telefonnummer", "telefonnr", "tlf", "tlf.",
              "phone", "mobile", "phone number", "mobile number"),
    "name": ("navn", "fulde navn", "name", "full name"),
    "birth_year": ("fødselsår", "foedselsaar", "fodselsar", "født", "birth_year", "birth year", "year of birth"),
    "gender": ("køn", "koen", "gender", "sex"),
    "postcode": ("postnummer", "postnr", "postnr.", "postcode", "post code", "zip", "zipcode", "postal code"),
    "education": ("uddannelse", "education"),
    "housing": ("bolig", "boligform", "housing"),
    "employment": ("beskæftigelse", "beskaeftigelse", "employment"),
    "language": ("sprog", "language"),
    "channel": ("kanal", "channel"),
}
FIELDS = tuple(COLUMN_ALIASES)


def _compact(name: str) -> str:
    return "".join(ch for ch in name.strip().casefold() if ch not in " -_")


_COLUMN_LOOKUP = {_compact(alias): name for name, aliases in COLUMN_ALIASES.items() for alias in aliases}

# Empty answers: the person did not say.
NOT_GIVEN = {"", "-", "vil ikke oplyse", "ønsker ikke at oplyse", "ved ikke", "uoplyst", "ukendt", "unknown"}

# Spellings seen in municipal exports, beside the codes and the Danish labels in profile.py.
VALUE_ALIASES: dict[str, dict[str, str]] = {
    "gender": {"k": "female", "kvinde": "female", "kvinder": "female", "woman": "female", "f": "female",
               "m": "male", "mand": "male", "mænd": "male", "man": "male", "andet": "other"},
    "education": {"folkeskole": "grundskole", "gymnasium": "gymnasial", "erhvervsuddannelse": "erhvervsfaglig",
                  "mellemlang videregående uddannelse (inkl. bachelor)": "mvu", "bachelor": "mvu"},
    "housing": {"privat udlejning": "privat-leje", "privat leje": "privat-leje", "anden": "andet",
                "ejerbolig": "ejer", "andelsbolig": "andel", "almen": "almen"},
    "employment": {"lønmodtager": "ansat", "arbejdsløs": "ledig", "efterløn": "pensionist",
                   "efterlønner": "pensionist", "pension": "pensionist"},
}
LANGUAGE_ALIASES = {"da": "da", "dansk": "da", "danish": "da", "en": "en", "engelsk": "en", "english": "en"}
CHANNEL_ALIASES = {"email": "email", "e-mail": "email", "mail": "email", "sms": "sms", "both": "both",
                   "begge": "both", "begge dele": "both", "e-mail og sms": "both", "email og sms": "both",
                   "både e-mail og sms": "both", "email+sms": "both"}

FIELD_LABELS = {
    "email": _l("E-mail"), "phone": _l("Mobil"), "name": _l("Navn"), "birth_year": _l("Fødselsår"),
    "gender": _l("Køn"), "postcode": _l("Postnummer"), "education": _l("Uddannelse"), "housing": _l("Bolig"),
    "employment": _l("Beskæftigelse"), "language": _l("Sprog"), "channel": _l("Kanal"),
}


@dataclass(frozen=True)
class ImportRow:
    """One valid line: values normalised, ready to save."""

    line: int
    email: str
    phone: str | None = None
    name: str | None = None
    birth_year: int | None = None
    gender: str | None = None
    postcode: str | None = None
    education: str | None = None
    housing: str | None = None
    employment: str | None = None
    language: str = "da"
    channel: str = "email"

    @property
    def email_key(self) -> str:
        return email_key(self.email)


@dataclass(frozen=True)
class RejectedLine:
    line: int
    reasons: tuple  # Danish messages (lazy strings), one per problem

    @property
    def reason(self) -> str:
        return " ".join(str(reason) for reason in self.reasons)


@dataclass
class ParsedFile:
    rows: list[ImportRow] = field(default_factory=list)
    rejected: list[RejectedLine] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)   # field -> column name as written
    ignored_columns: list[str] = field(default_factory=list)
    encoding: str = "utf-8"
    delimiter: str = ";"

    @property
    def line_count(self) -> int:
        """Data lines that held something (valid or rejected)."""
        return len(self.rows) + len(self.rejected)


def email_key(email: str) -> str:
    """What makes two addresses the same person: the normalised address, case-folded.

    Mailboxes are case-insensitive in practice, so ``Anna@x.dk`` and
    ``anna@x.dk`` count as one panelist.
    """
    return email.casefold()


def decode(data: bytes) -> tuple[str, str]:
    """The file's text and the encoding it was read with; raises ``UnreadableFile``."""
    if not data or not data.strip():
        raise EmptyFile()
    if data.startswith(b"PK\x03\x04") or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise SpreadsheetFile()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif data.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    else:
        encoding = "utf-8"
    if b"\x00" in data and encoding != "utf-16":
        raise NotText()
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        if encoding != "utf-8":
            raise Undecodable() from None
        try:
            text, encoding = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            raise Undecodable() from None
    if _CONTROL.search(text):
        raise NotText()
    return text, encoding


def detect_delimiter(header_line: str) -> str:
    counts = {delimiter: header_line.count(delimiter) for delimiter in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ";"


def map_columns(header: list[str]) -> tuple[list[str | None], dict[str, str], list[str]]:
    """Each column's field (None if unknown), field -> column name, and the ignored column names."""
    fields: list[str | None] = []
    columns: dict[str, str] = {}
    ignored: list[str] = []
    for raw in header:
        name = _COLUMN_LOOKUP.get(_compact(raw))
        if name is None or name in columns:
            fields.append(None)
            if raw.strip():
                ignored.append(raw.strip())
            continue
        fields.append(name)
        columns[name] = raw.strip()
    return fields, columns, ignored


class _Reader:
    """Normalises one row's values; remembers results for values that repeat."""

    def __init__(self, today: date):
        self.today = today
        self.memo: dict[tuple[str, str], object] = {}
        self.domains: dict[str, str] = {}  # domain as written -> normalised, for ``email``
        self.readers: dict[str, Callable[[str], object]] = {
            "birth_year": lambda v: normalize_birth_year(v, today),
            "postcode": normalize_postcode,
            **{name: (lambda v, name=name: self._choice(name, v)) for name in CHOICE_FIELDS},
            "language": self._language,
            "channel": self._channel,
        }

    @staticmethod
    def _choice(name: str, value: str) -> str | None:
        folded = value.casefold()
        if folded in NOT_GIVEN:
            return None
        return normalize_choice(name, VALUE_ALIASES[name].get(folded, value))

    @staticmethod
    def _language(value: str) -> str:
        if not value:
            return "da"
        code = LANGUAGE_ALIASES.get(value.casefold())
        if code not in LANGUAGES:
            raise InvalidField("language", _l("Sproget skal være dansk eller engelsk."))
        return code

    @staticmethod
    def _channel(value: str) -> str:
        if not value:
            return "email"
        folded = value.casefold()
        code = CHANNEL_ALIASES.get(folded)
        if code is None:
            code = next((c for c, label in CHANNEL_LABELS.items() if str(label).casefold() == folded), None)
        if code not in CHANNELS:
            raise InvalidField("channel", _l("Kanalen skal være e-mail, SMS eller begge."))
        return code

    def email(self, raw: str) -> str:
        """Exactly ``normalize_email(raw)``, quicker when many addresses share a domain.

        Checking the domain is most of the work.  An ASCII local part in plain
        dot-atom form is valid whatever the domain, and a domain's validity does
        not depend on the local part, so an ASCII domain that passed once is
        looked up after that; anything else goes through ``normalize_email``.
        """
        local, at, domain = raw.strip().rpartition("@")
        plain = bool(at) and len(local) <= 64 and _DOT_ATOM.match(local) is not None
        if plain:
            known = self.domains.get(domain)
            if known is not None and len(local) + 1 + len(known) <= 254:
                return f"{local}@{known}"
        result = normalize_email(raw)
        checked_local, _at, checked_domain = result.rpartition("@")
        if plain and checked_local == local and checked_domain.isascii():
            self.domains[domain] = checked_domain
        return result

    def read(self, name: str, value: str):
        """The normalised value or the ``InvalidField``; repeated values are looked up once."""
        key = (name, value)
        try:
            return self.memo[key]
        except KeyError:
            try:
                result = self.readers[name](value)
            except InvalidField as error:
                error.__traceback__ = None
                result = error
            self.memo[key] = result
            return result


def _problem(name: str, value: str, error: InvalidField | None = None):
    """A staff-facing reason: which field, what was written, what is wrong."""
    label = FIELD_LABELS[name]
    if name == "email" and not value:
        return _l("Mangler e-mail.")
    if error is not None and name in {"language", "channel"}:
        return _l("%(field)s »%(value)s«: %(problem)s", field=label, value=value, problem=error.message)
    if name in CHOICE_FIELDS:
        return _l("%(field)s »%(value)s« kendes ikke.", field=label, value=value)
    return _l("%(field)s »%(value)s« ser ikke rigtig ud.", field=label, value=value)


def read_row(values: dict[str, str], line: int, reader: _Reader) -> ImportRow | RejectedLine:
    problems = []
    clean: dict[str, object] = {}
    email = values.get("email", "")
    try:
        clean["email"] = reader.email(email)
    except InvalidField as error:
        problems.append(_problem("email", email, error))
    phone = values.get("phone", "")
    try:
        clean["phone"] = normalize_phone(phone)
    except InvalidField as error:
        problems.append(_problem("phone", phone, error))
    name = " ".join(values.get("name", "").split())
    if len(name) > MAX_NAME_LENGTH:
        problems.append(_l("Navnet er for langt (højst %(n)s tegn).", n=MAX_NAME_LENGTH))
    clean["name"] = name or None
    for field_name in ("birth_year", "gender", "postcode", "education", "housing", "employment",
                       "language", "channel"):
        value = values.get(field_name, "")
        result = reader.read(field_name, value)
        if isinstance(result, InvalidField):
            problems.append(_problem(field_name, value, result))
        else:
            clean[field_name] = result
    if clean.get("channel") in {"sms", "both"} and "phone" in clean and clean["phone"] is None:
        problems.append(_l("Kanalen er SMS, men der er intet mobilnummer."))
    if problems:
        return RejectedLine(line, tuple(problems))
    return ImportRow(line=line, **clean)  # type: ignore[arg-type]


def read_panelists_csv(data: bytes, today: date | None = None) -> ParsedFile:
    """Read a CSV file of panelists; raises ``UnreadableFile`` if nothing can be read."""
    text, encoding = decode(data)
    stream = io.StringIO(text, newline="")
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = detect_delimiter(first_line)
    reader = csv.reader(stream, delimiter=delimiter)
    parsed = ParsedFile(encoding=encoding, delimiter=delimiter)
    try:
        header: list[str] | None = None
        while header is None:
            row = next(reader, None)
            if row is None:
                raise EmptyFile()
            if any(cell.strip() for cell in row):
                header = row
        fields, parsed.columns, parsed.ignored_columns = map_columns(header)
        if "email" not in parsed.columns:
            raise NoEmailColumn()
        width = len(fields)
        value_reader = _Reader(today or date.today())
        seen: dict[str, int] = {}
        with force_locale("da"):  # Danish labels match whatever language the page is in
            line = reader.line_num + 1
            for row in reader:
                start, line = line, reader.line_num + 1
                if not any(cell.strip() for cell in row):
                    continue
                if len(row) > width and any(cell.strip() for cell in row[width:]):
                    parsed.rejected.append(RejectedLine(start, (_l(
                        "Linjen har %(found)s felter, men overskriften har %(expected)s. "
                        "Står der et skilletegn i et felt uden anførselstegn?",
                        found=len(row), expected=width),)))
                    continue
                values = {name: cell.strip() for name, cell in zip(fields, row) if name is not None}
                result = read_row(values, start, value_reader)
                if isinstance(result, ImportRow):
                    key = result.email_key
                    first = seen.get(key)
                    if first is not None:
                        result = RejectedLine(start, (_l("Samme e-mail som linje %(line)s.", line=first),))
                    else:
                        seen[key] = start
                if isinstance(result, ImportRow):
                    parsed.rows.append(result)
                else:
                    parsed.rejected.append(result)
    except csv.Error:
        raise BrokenCsv() from None
    return parsed
