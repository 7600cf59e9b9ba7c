"""The survey editor's form and the stored definition, both ways: form rows to the interchange shape
(spec/definitions.md) and a stored definition back to rows and fields, Copenhagen times included."""
from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from engagement.surveys.models import MEETING, SURVEY

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
MAX_QUESTIONS = 40


def slug(text: str) -> str:
    """A key from a label: lower case a-z, 0-9 and dashes (æ ø å spelled out)."""
    text = text.strip().lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text[:40] or "x"


def _int_or_none(raw: str | None):
    raw = (raw or "").strip()
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        return raw  # kept as text: parse_definition says it must be a whole number


def _options_from_text(text: str) -> list[dict]:
    """One option a line: ``Label`` or ``key = Label``."""
    options, seen = [], set()
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        key, sep, label = line.partition("=")
        if sep and KEY_PATTERN.match(key.strip()):
            key, label = key.strip(), label.strip()
        else:
            key, label = slug(line), line
        base, n = key, 2
        while key in seen:
            key, n = f"{base}-{n}", n + 1
        seen.add(key)
        options.append({"key": key, "label": label})
    return options


def _options_to_text(options: list[dict]) -> str:
    return "\n".join(o["label"] if o["key"] == slug(o["label"]) else f"{o['key']} = {o['label']}"
                     for o in options)


def _english_lines(text: str) -> list[str]:
    """The English options, one a line in the Danish order; an empty line (or '-') is one not translated."""
    lines = [line.strip() for line in (text or "").replace("\r\n", "\n").split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return ["" if line == "-" else line for line in lines]


def _options_en_to_text(options: list[dict]) -> str:
    return "\n".join(o.get("label_en", "") for o in options).rstrip("\n")


def questions_from_form(form) -> list[dict]:
    """The questions as form rows (what the template shows), in order; blank rows kept."""
    count = min(int(form.get("question_count") or 0) if (form.get("question_count") or "").isdigit() else 0,
                MAX_QUESTIONS)
    rows = []
    for i in range(count):
        prefix = f"q{i}_"
        rows.append({
            "text": form.get(prefix + "text", "").strip(),
            "key": form.get(prefix + "key", "").strip(),
            "type": form.get(prefix + "type", "scale"),
            "min": form.get(prefix + "min", "").strip(),
            "max": form.get(prefix + "max", "").strip(),
            "label_min": form.get(prefix + "label_min", "").strip(),
            "label_max": form.get(prefix + "label_max", "").strip(),
            "options": form.get(prefix + "options", ""),
            "multiple": bool(form.get(prefix + "multiple")),
            "text_en": form.get(prefix + "text_en", "").strip(),
            "label_min_en": form.get(prefix + "label_min_en", "").strip(),
            "label_max_en": form.get(prefix + "label_max_en", "").strip(),
            "options_en": form.get(prefix + "options_en", ""),
        })
    return rows


def blank_question() -> dict:
    return {"text": "", "key": "", "type": "scale", "min": "1", "max": "5", "label_min": "", "label_max": "",
            "options": "", "multiple": False, "text_en": "", "label_min_en": "", "label_max_en": "", "options_en": ""}


def survey_data(key: str, title: str, rows: list[dict], title_en: str = "") -> dict:
    """The spec's survey object from the form rows (rows without text are left out)."""
    questions, used = [], set()
    for row in rows:
        if not row["text"]:
            continue
        qkey = row["key"] or slug(row["text"])[:24].rstrip("-")
        base, n = qkey, 2
        while qkey in used:
            qkey, n = f"{base}-{n}", n + 1
        used.add(qkey)
        question: dict = {"number": len(questions) + 1, "key": qkey, "type": row["type"], "text": row["text"]}
        if row.get("text_en"):
            question["text_en"] = row["text_en"]
        if row["type"] in ("scale", "number"):
            for name in ("min", "max"):
                value = _int_or_none(row[name])
                if value is not None:
                    question[name] = value
        if row["type"] == "scale":
            labels = {}
            if row["label_min"] and isinstance(question.get("min"), int):
                labels[str(question["min"])] = row["label_min"]
            if row["label_max"] and isinstance(question.get("max"), int):
                labels[str(question["max"])] = row["label_max"]
            if labels:
                question["labels"] = labels
            labels_en = {}
            for end, name in (("min", "label_min"), ("max", "label_max")):
                point = question.get(end)
                if row.get(name + "_en") and isinstance(point, int) and str(point) in labels:
                    labels_en[str(point)] = row[name + "_en"]
            if labels_en:
                question["labels_en"] = labels_en
        if row["type"] == "choice":
            question["options"] = _options_from_text(row["options"])
            for option, english in zip(question["options"], _english_lines(row.get("options_en", ""))):
                if english:
                    option["label_en"] = english
            if row["multiple"]:
                question["multiple"] = True
        questions.append(question)
    data = {"kind": SURVEY, "key": key, "title": title}
    if title_en:
        data["title_en"] = title_en
    data["questions"] = questions
    return data


def rows_from_survey(data: dict) -> list[dict]:
    rows = []
    for q in data.get("questions", []):
        labels = q.get("labels") or {}
        rows.append({"text": q["text"], "key": q["key"], "type": q["type"],
                     "min": "" if q.get("min") is None else str(q["min"]),
                     "max": "" if q.get("max") is None else str(q["max"]),
                     "label_min": labels.get(str(q.get("min")), ""), "label_max": labels.get(str(q.get("max")), ""),
                     "options": _options_to_text(q.get("options") or []), "multiple": bool(q.get("multiple")),
                     "text_en": q.get("text_en", ""),
                     "label_min_en": (q.get("labels_en") or {}).get(str(q.get("min")), ""),
                     "label_max_en": (q.get("labels_en") or {}).get(str(q.get("max")), ""),
                     "options_en": _options_en_to_text(q.get("options") or [])})
    return rows


def _local_input(value: str) -> str | None:
    """``2027-01-14T19:00`` (a datetime-local field, Copenhagen time) → ISO 8601 with its offset."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value  # parse_definition names the field
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=COPENHAGEN)
    return moment.isoformat()


def input_value(iso: str | None) -> str:
    if not iso:
        return ""
    return datetime.fromisoformat(iso).astimezone(COPENHAGEN).strftime("%Y-%m-%dT%H:%M")


def meeting_data(key: str, form) -> dict:
    data: dict = {"kind": MEETING, "key": key, "title": form.get("title", "").strip()}
    if form.get("title_en", "").strip():
        data["title_en"] = form.get("title_en", "").strip()
    data["location"] = form.get("location", "").strip()
    if form.get("location_en", "").strip():
        data["location_en"] = form.get("location_en", "").strip()
    for name in ("starts_at", "ends_at"):
        value = _local_input(form.get(name, ""))
        if value is not None:
            data[name] = value
    guests = _int_or_none(form.get("max_guests"))
    data["max_guests"] = 0 if guests is None else guests
    return data


def definition_from_form(kind: str, key: str, form) -> tuple[dict, list[dict]]:
    if kind == MEETING:
        return meeting_data(key, form), []
    rows = questions_from_form(form)
    return survey_data(key, form.get("title", "").strip(), rows, form.get("title_en", "").strip()), rows


class FormFromData(dict):
    """A stored definition dressed as the editor's form, for the first preview on GET."""

    def __init__(self, data: dict):
        super().__init__()
        self["title"] = data.get("title", "")
        self["title_en"] = data.get("title_en", "")
        if data.get("kind") == MEETING:
            self.update(location=data.get("location", ""), starts_at=input_value(data.get("starts_at")),
                        ends_at=input_value(data.get("ends_at")), max_guests=str(data.get("max_guests", 0)),
                        location_en=data.get("location_en", ""))
            return
        rows = rows_from_survey(data)
        self["question_count"] = str(len(rows))
        for i, row in enumerate(rows):
            for name, value in row.items():
                if name == "multiple":
                    if value:
                        self[f"q{i}_multiple"] = "1"
                else:
                    self[f"q{i}_{name}"] = value
