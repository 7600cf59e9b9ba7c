"""Survey and meeting definitions as values (spec/definitions.md).

A definition is what staff write once and what replies are read against.
`parse_definition` turns the documented JSON shape into frozen dataclasses and
refuses anything it cannot trust; `definition_to_dict` gives the same shape
back, so import and export round-trip exactly.

Texts are Danish; each may have an English translation in an optional field
beside it (`title_en`, `text_en`, `labels_en`, an option's `label_en`, a
meeting's `location_en`).  A definition without them is exactly what it was.
`Option.labels` and `Question.label_texts(point)` give every language's text
(Danish first) for a reader; `translated(definition, "en")` gives the
definition as an English panelist reads it (Danish where a text has no
translation); `missing_translations` lists the texts that have none.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Mapping

QUESTION_TYPES = ("scale", "yes_no", "choice", "number", "text")
#: languages a definition's texts may be translated into (Danish is the language they are written in)
TRANSLATIONS = ("en",)


class DefinitionError(ValueError):
    """A survey or meeting definition that cannot be used."""


def _in(danish: str, english: str | None, language: str) -> str:
    return english if language == "en" and english else danish


@dataclass(frozen=True)
class Option:
    key: str
    label: str
    label_en: str | None = None

    @property
    def labels(self) -> tuple[str, ...]:
        """Every language's label, Danish first (what a reply may name the option by)."""
        return (self.label, self.label_en) if self.label_en and self.label_en != self.label else (self.label,)

    def label_in(self, language: str) -> str:
        return _in(self.label, self.label_en, language)


@dataclass(frozen=True)
class Question:
    number: int
    key: str
    type: str
    text: str
    min: int | None = None
    max: int | None = None
    labels: dict[int, str] = field(default_factory=dict, hash=False, compare=True)
    options: tuple[Option, ...] = ()
    multiple: bool = False
    text_en: str | None = None
    labels_en: dict[int, str] = field(default_factory=dict, hash=False, compare=True)

    def __hash__(self) -> int:  # labels is a dict; hash on the rest
        return hash((self.number, self.key, self.type, self.text, self.min, self.max,
                     self.options, self.multiple, self.text_en))

    def text_in(self, language: str) -> str:
        return _in(self.text, self.text_en, language)

    def label_texts(self, point: int) -> tuple[str, ...]:
        """Every language's label of a scale point, Danish first (empty when the point has none)."""
        return tuple(dict.fromkeys(text for text in (self.labels.get(point), self.labels_en.get(point)) if text))

    def labels_in(self, language: str) -> dict[int, str]:
        """The scale's labels as a reader of ``language`` sees them (Danish where one has no translation)."""
        return {point: _in(text, self.labels_en.get(point), language) for point, text in self.labels.items()}


@dataclass(frozen=True)
class Survey:
    key: str
    title: str
    questions: tuple[Question, ...]
    title_en: str | None = None

    def question(self, key: str) -> Question | None:
        for q in self.questions:
            if q.key == key:
                return q
        return None

    def title_in(self, language: str) -> str:
        return _in(self.title, self.title_en, language)


@dataclass(frozen=True)
class Meeting:
    key: str
    title: str
    starts_at: datetime
    ends_at: datetime
    location: str
    max_guests: int = 0
    title_en: str | None = None
    location_en: str | None = None

    def title_in(self, language: str) -> str:
        return _in(self.title, self.title_en, language)

    def location_in(self, language: str) -> str:
        return _in(self.location, self.location_en, language)


Definition = Survey | Meeting


# ---------------------------------------------------------------------------
# Parsing
# ---------------------------------------------------------------------------

def _require(data: Mapping[str, Any], name: str, kind: type | tuple, where: str):
    if name not in data:
        raise DefinitionError(f"{where}: missing {name!r}")
    value = data[name]
    if isinstance(value, bool) and kind is not bool and bool not in (kind if isinstance(kind, tuple) else (kind,)):
        raise DefinitionError(f"{where}: {name!r} must be {_kind_name(kind)}, not a boolean")
    if not isinstance(value, kind):
        raise DefinitionError(f"{where}: {name!r} must be {_kind_name(kind)}, got {type(value).__name__}")
    return value


def _kind_name(kind) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join({int: "an integer", str: "a string", list: "a list", dict: "an object",
                        bool: "a boolean"}.get(k, k.__name__) for k in kinds)


def _nonempty_str(data, name, where) -> str:
    value = _require(data, name, str, where)
    if not value.strip():
        raise DefinitionError(f"{where}: {name!r} must not be empty")
    return value


def _optional_text(data, name, where) -> str | None:
    """An optional translation: absent, or a non-empty string."""
    if name not in data:
        return None
    return _nonempty_str(data, name, where)


def _optional_int(data, name, where) -> int | None:
    if data.get(name) is None:
        return None
    return _require(data, name, int, where)


def _parse_question(data: Any, index: int) -> Question:
    where = f"question #{index + 1}"
    if not isinstance(data, Mapping):
        raise DefinitionError(f"{where}: must be an object")
    number = _require(data, "number", int, where)
    key = _nonempty_str(data, "key", where)
    where = f"question {key!r}"
    qtype = _require(data, "type", str, where)
    if qtype not in QUESTION_TYPES:
        raise DefinitionError(f"{where}: unknown type {qtype!r} (expected one of {', '.join(QUESTION_TYPES)})")
    text = _nonempty_str(data, "text", where)
    lo, hi = _optional_int(data, "min", where), _optional_int(data, "max", where)
    if qtype == "scale" and (lo is None or hi is None):
        raise DefinitionError(f"{where}: a scale needs both 'min' and 'max'")
    if lo is not None and hi is not None and lo > hi:
        raise DefinitionError(f"{where}: min {lo} is greater than max {hi}")

    labels = _parse_labels(data, "labels", lo, hi, where)
    if labels and qtype != "scale":
        raise DefinitionError(f"{where}: only a scale has labels")
    text_en = _optional_text(data, "text_en", where)
    labels_en = _parse_labels(data, "labels_en", lo, hi, where)
    for point in labels_en:
        if point not in labels:
            raise DefinitionError(f"{where}: 'labels_en' has {point}, which has no Danish label")

    options: list[Option] = []
    raw_options = data.get("options")
    if qtype == "choice":
        if not isinstance(raw_options, list) or not raw_options:
            raise DefinitionError(f"{where}: a choice question needs a non-empty list of options")
        if len(raw_options) > 26:
            raise DefinitionError(f"{where}: at most 26 options (they are lettered A-Z)")
        seen_keys: set[str] = set()
        seen_labels: dict[str, str] = {}  # casefolded label (any language) -> option key
        for i, opt in enumerate(raw_options):
            owhere = f"{where}, option #{i + 1}"
            if not isinstance(opt, Mapping):
                raise DefinitionError(f"{owhere}: must be an object")
            okey = _nonempty_str(opt, "key", owhere)
            label = _nonempty_str(opt, "label", owhere)
            label_en = _optional_text(opt, "label_en", owhere)
            if okey in seen_keys:
                raise DefinitionError(f"{where}: duplicate option key {okey!r}")
            if label.casefold() in seen_labels:
                raise DefinitionError(f"{where}: duplicate option label {label!r}")
            if label_en is not None and seen_labels.get(label_en.casefold(), okey) != okey:
                raise DefinitionError(f"{where}: duplicate option label {label_en!r}")
            seen_keys.add(okey)
            seen_labels[label.casefold()] = okey
            if label_en is not None:
                seen_labels[label_en.casefold()] = okey
            options.append(Option(okey, label, label_en))
    elif raw_options:
        raise DefinitionError(f"{where}: only a choice question has options")
    multiple = data.get("multiple", False)
    if not isinstance(multiple, bool):
        raise DefinitionError(f"{where}: 'multiple' must be true or false")
    if multiple and qtype != "choice":
        raise DefinitionError(f"{where}: only a choice question can allow multiple answers")
    return Question(number=number, key=key, type=qtype, text=text, min=lo, max=hi,
                    labels=labels, options=tuple(options), multiple=multiple, text_en=text_en, labels_en=labels_en)


def _parse_labels(data: Mapping[str, Any], name: str, lo: int | None, hi: int | None, where: str) -> dict[int, str]:
    labels: dict[int, str] = {}
    raw_labels = data.get(name) or {}
    if not isinstance(raw_labels, Mapping):
        raise DefinitionError(f"{where}: {name!r} must be an object")
    for k, v in raw_labels.items():
        try:
            point = int(k)
        except (TypeError, ValueError):
            raise DefinitionError(f"{where}: label key {k!r} is not an integer") from None
        if not isinstance(v, str) or not v.strip():
            raise DefinitionError(f"{where}: label {k!r} must be a non-empty string")
        if lo is not None and hi is not None and not lo <= point <= hi:
            raise DefinitionError(f"{where}: label {point} is outside {lo}..{hi}")
        labels[point] = v
    return labels


def _parse_datetime(data, name, where) -> datetime:
    value = _nonempty_str(data, name, where)
    try:
        dt = datetime.fromisoformat(value)
    except ValueError:
        raise DefinitionError(f"{where}: {name!r} is not an ISO 8601 date-time: {value!r}") from None
    if dt.tzinfo is None:
        raise DefinitionError(f"{where}: {name!r} needs a UTC offset, e.g. +01:00")
    return dt


def parse_definition(data: Any) -> Survey | Meeting:
    """Build a Survey or Meeting from the documented JSON shape."""
    if not isinstance(data, Mapping):
        raise DefinitionError("a definition must be an object")
    kind = data.get("kind")
    key = _nonempty_str(data, "key", "definition")
    where = f"{kind or 'definition'} {key!r}"
    title = _nonempty_str(data, "title", where)
    title_en = _optional_text(data, "title_en", where)
    if kind == "survey":
        raw = _require(data, "questions", list, where)
        if not raw:
            raise DefinitionError(f"{where}: a survey needs at least one question")
        questions = [_parse_question(q, i) for i, q in enumerate(raw)]
        numbers = [q.number for q in questions]
        keys = [q.key for q in questions]
        for n in numbers:
            if n < 1:
                raise DefinitionError(f"{where}: question number {n} must be 1 or more")
        dup_n = sorted({n for n in numbers if numbers.count(n) > 1})
        if dup_n:
            raise DefinitionError(f"{where}: duplicate question number(s) {dup_n}")
        dup_k = sorted({k for k in keys if keys.count(k) > 1})
        if dup_k:
            raise DefinitionError(f"{where}: duplicate question key(s) {dup_k}")
        questions.sort(key=lambda q: q.number)
        return Survey(key=key, title=title, questions=tuple(questions), title_en=title_en)
    if kind == "meeting":
        starts = _parse_datetime(data, "starts_at", where)
        ends = _parse_datetime(data, "ends_at", where)
        if ends < starts:
            raise DefinitionError(f"{where}: ends_at is before starts_at")
        location = _require(data, "location", str, where)
        location_en = _optional_text(data, "location_en", where)
        max_guests = data.get("max_guests", 0)
        if isinstance(max_guests, bool) or not isinstance(max_guests, int) or max_guests < 0:
            raise DefinitionError(f"{where}: 'max_guests' must be a whole number of 0 or more")
        return Meeting(key=key, title=title, starts_at=starts, ends_at=ends,
                       location=location, max_guests=max_guests, title_en=title_en, location_en=location_en)
    raise DefinitionError(f"{where}: unknown kind {kind!r} (expected 'survey' or 'meeting')")


def parse_definitions(mapping: Any) -> dict[str, Survey | Meeting]:
    """Parse an object mapping definition keys to definitions."""
    if not isinstance(mapping, Mapping):
        raise DefinitionError("definitions must be an object mapping keys to definitions")
    out = {}
    for name, data in mapping.items():
        try:
            out[name] = parse_definition(data)
        except DefinitionError as exc:
            raise DefinitionError(f"{name}: {exc}") from None
    return out


# ---------------------------------------------------------------------------
# Export
# ---------------------------------------------------------------------------

def _question_to_dict(q: Question) -> dict:
    out: dict[str, Any] = {"number": q.number, "key": q.key, "type": q.type}
    if q.min is not None:
        out["min"] = q.min
    if q.max is not None:
        out["max"] = q.max
    out["text"] = q.text
    if q.text_en is not None:
        out["text_en"] = q.text_en
    if q.labels:
        out["labels"] = {str(k): v for k, v in sorted(q.labels.items())}
    if q.labels_en:
        out["labels_en"] = {str(k): v for k, v in sorted(q.labels_en.items())}
    if q.type == "choice":
        if q.multiple:
            out["multiple"] = True
        out["options"] = [_option_to_dict(o) for o in q.options]
    return out


def _option_to_dict(option: Option) -> dict:
    out = {"key": option.key, "label": option.label}
    if option.label_en is not None:
        out["label_en"] = option.label_en
    return out


def _with_title(out: dict, title_en: str | None) -> dict:
    if title_en is None:
        return out
    ordered = {}
    for name, value in out.items():
        ordered[name] = value
        if name == "title":
            ordered["title_en"] = title_en
    return ordered


def definition_to_dict(defn: Survey | Meeting) -> dict:
    """The documented JSON shape of a definition (inverse of parse_definition)."""
    if isinstance(defn, Survey):
        return _with_title({"kind": "survey", "key": defn.key, "title": defn.title,
                            "questions": [_question_to_dict(q) for q in defn.questions]}, defn.title_en)
    if isinstance(defn, Meeting):
        out = {"kind": "meeting", "key": defn.key, "title": defn.title,
               "starts_at": defn.starts_at.isoformat(), "ends_at": defn.ends_at.isoformat(),
               "location": defn.location}
        if defn.location_en is not None:
            out["location_en"] = defn.location_en
        out["max_guests"] = defn.max_guests
        return _with_title(out, defn.title_en)
    raise TypeError(f"not a definition: {defn!r}")


# ---------------------------------------------------------------------------
# Languages
# ---------------------------------------------------------------------------

def translated(defn: Survey | Meeting, language: str) -> Survey | Meeting:
    """The definition as a reader of ``language`` sees it: each text in that language where it has
    a translation, else in Danish.  For showing (messages, pages); read replies against the stored
    definition, whose ``Option.labels`` and ``Question.label_texts`` hold every language."""
    if language == "da":
        return defn
    if isinstance(defn, Meeting):
        return replace(defn, title=defn.title_in(language), location=defn.location_in(language))
    questions = tuple(replace(q, text=q.text_in(language), labels=q.labels_in(language),
                              options=tuple(replace(o, label=o.label_in(language)) for o in q.options))
                      for q in defn.questions)
    return replace(defn, title=defn.title_in(language), questions=questions)


@dataclass(frozen=True)
class Untranslated:
    """A Danish text without a translation: where it is (``part``; ``question`` number or None)."""

    part: str          # title | location | text | label | option
    text: str          # the Danish text
    question: int | None = None


def missing_translations(defn: Survey | Meeting, language: str = "en") -> list[Untranslated]:
    """Every text of the definition that has no ``language`` translation, in reading order."""
    if language not in TRANSLATIONS:
        raise ValueError(f"no translations into {language!r}")
    missing = []
    if not defn.title_en:
        missing.append(Untranslated("title", defn.title))
    if isinstance(defn, Meeting):
        if defn.location.strip() and not defn.location_en:
            missing.append(Untranslated("location", defn.location))
        return missing
    for q in defn.questions:
        if not q.text_en:
            missing.append(Untranslated("text", q.text, q.number))
        for point, label in sorted(q.labels.items()):
            if point not in q.labels_en:
                missing.append(Untranslated("label", label, q.number))
        for option in q.options:
            if not option.label_en:
                missing.append(Untranslated("option", option.label, q.number))
    return missing
