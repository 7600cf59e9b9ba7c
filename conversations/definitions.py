"""Survey and meeting definitions as values (spec/definitions.md).

A definition is what staff write once and what replies are read against.
`parse_definition` turns the documented JSON shape into frozen dataclasses and
refuses anything it cannot trust; `definition_to_dict` gives the same shape
back, so import and export round-trip exactly.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Mapping

QUESTION_TYPES = ("scale", "yes_no", "choice", "number", "text")


class DefinitionError(ValueError):
    """A survey or meeting definition that cannot be used."""


@dataclass(frozen=True)
class Option:
    key: str
    label: str


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

    def __hash__(self) -> int:  # labels is a dict; hash on the rest
        return hash((self.number, self.key, self.type, self.text, self.min, self.max,
                     self.options, self.multiple))


@dataclass(frozen=True)
class Survey:
    key: str
    title: str
    questions: tuple[Question, ...]

    def question(self, key: str) -> Question | None:
        for q in self.questions:
            if q.key == key:
                return q
        return None


@dataclass(frozen=True)
class Meeting:
    key: str
    title: str
    starts_at: datetime
    ends_at: datetime
    location: str
    max_guests: int = 0


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

    labels: dict[int, str] = {}
    raw_labels = data.get("labels") or {}
    if not isinstance(raw_labels, Mapping):
        raise DefinitionError(f"{where}: 'labels' must be an object")
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
    if labels and qtype != "scale":
        raise DefinitionError(f"{where}: only a scale has labels")

    options: list[Option] = []
    raw_options = data.get("options")
    if qtype == "choice":
        if not isinstance(raw_options, list) or not raw_options:
            raise DefinitionError(f"{where}: a choice question needs a non-empty list of options")
        if len(raw_options) > 26:
            raise DefinitionError(f"{where}: at most 26 options (they are lettered A-Z)")
        seen_keys, seen_labels = set(), set()
        for i, opt in enumerate(raw_options):
            owhere = f"{where}, option #{i + 1}"
            if not isinstance(opt, Mapping):
                raise DefinitionError(f"{owhere}: must be an object")
            okey = _nonempty_str(opt, "key", owhere)
            label = _nonempty_str(opt, "label", owhere)
            if okey in seen_keys:
                raise DefinitionError(f"{where}: duplicate option key {okey!r}")
            if label.casefold() in seen_labels:
                raise DefinitionError(f"{where}: duplicate option label {label!r}")
            seen_keys.add(okey)
            seen_labels.add(label.casefold())
            options.append(Option(okey, label))
    elif raw_options:
        raise DefinitionError(f"{where}: only a choice question has options")
    multiple = data.get("multiple", False)
    if not isinstance(multiple, bool):
        raise DefinitionError(f"{where}: 'multiple' must be true or false")
    if multiple and qtype != "choice":
        raise DefinitionError(f"{where}: only a choice question can allow multiple answers")
    return Question(number=number, key=key, type=qtype, text=text, min=lo, max=hi,
                    labels=labels, options=tuple(options), multiple=multiple)


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
        return Survey(key=key, title=title, questions=tuple(questions))
    if kind == "meeting":
        starts = _parse_datetime(data, "starts_at", where)
        ends = _parse_datetime(data, "ends_at", where)
        if ends < starts:
            raise DefinitionError(f"{where}: ends_at is before starts_at")
        location = _require(data, "location", str, where)
        max_guests = data.get("max_guests", 0)
        if isinstance(max_guests, bool) or not isinstance(max_guests, int) or max_guests < 0:
            raise DefinitionError(f"{where}: 'max_guests' must be a whole number of 0 or more")
        return Meeting(key=key, title=title, starts_at=starts, ends_at=ends,
                       location=location, max_guests=max_guests)
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
    if q.labels:
        out["labels"] = {str(k): v for k, v in sorted(q.labels.items())}
    if q.type == "choice":
        if q.multiple:
            out["multiple"] = True
        out["options"] = [{"key": o.key, "label": o.label} for o in q.options]
    return out


def definition_to_dict(defn: Survey | Meeting) -> dict:
    """The documented JSON shape of a definition (inverse of parse_definition)."""
    if isinstance(defn, Survey):
        return {"kind": "survey", "key": defn.key, "title": defn.title,
                "questions": [_question_to_dict(q) for q in defn.questions]}
    if isinstance(defn, Meeting):
        return {"kind": "meeting", "key": defn.key, "title": defn.title,
                "starts_at": defn.starts_at.isoformat(), "ends_at": defn.ends_at.isoformat(),
                "location": defn.location, "max_guests": defn.max_guests}
    raise TypeError(f"not a definition: {defn!r}")
