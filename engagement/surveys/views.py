"""Staff pages for surveys and meetings: list, write, edit, import and export, live preview.

``/staff/<panel_key>/undersoegelser/``.  Viewers read; editors and admins
change.  The editor is a plain form (it works without JavaScript): the
buttons "Tilføj spørgsmål", "Fjern" and "Vis forhåndsvisning" post the form
back and the page comes back with the change.  ``static/console.js`` adds a
live preview: it posts the same form to ``preview`` a moment after staff stop
typing and puts the returned fragment in place.

What is stored is the documented interchange shape (spec/definitions.md),
checked by ``conversations.definitions.parse_definition`` through
``surveys.service.import_definitions``.

Beside each Danish text staff may write its English translation (title,
question, scale labels, options one a line in the same order; a meeting's
title and place).  English panelists get the English where it is written and
the Danish where it is not; the editor lists the texts still without English.
"""
from __future__ import annotations

import json
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from flask import Blueprint, Response, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _, lazy_gettext as _l

from conversations.definitions import (QUESTION_TYPES, DefinitionError, Meeting, Survey, missing_translations,
                                       parse_definition)
from engagement.audit import record_audit
from engagement.db import get_session
from engagement.messages.gsm import MAX_SEGMENTS, is_gsm7
from engagement.messages.readability import LIX_LIMIT, lix, lix_label
from engagement.messages.render import MessageError, render_message
from engagement.staff.auth import current_staff, require_role
from engagement.staff.models import EDITOR, VIEWER
from engagement.surveys import service
from engagement.surveys.models import MEETING, SURVEY
from engagement.web.security import attachment_disposition

bp = Blueprint("surveys", __name__, url_prefix="/staff/<panel_key>/undersoegelser", template_folder="templates")

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
TYPE_LABELS = {"scale": _l("Skala"), "yes_no": _l("Ja/nej"), "choice": _l("Valg"), "number": _l("Tal"),
               "text": _l("Fri tekst")}
KIND_LABELS = {SURVEY: _l("Spørgeskema"), MEETING: _l("Møde")}
KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
SAMPLE_NAME = "Mette"
SAMPLE_LEAVE_URL = "https://example.invalid/afmeld"
MAX_QUESTIONS = 40
MAX_IMPORT_BYTES = 1024 * 1024


# ---------------------------------------------------------------------------
# Form <-> definition
# ---------------------------------------------------------------------------

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


def _input_value(iso: str | None) -> str:
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


# ---------------------------------------------------------------------------
# Preview
# ---------------------------------------------------------------------------

def _measure(text: str, channel: str) -> dict:
    value = lix(text)
    return {"lix": round(value), "lix_label": lix_label(value), "lix_high": value >= LIX_LIMIT,
            "gsm7": is_gsm7(text) if channel == "sms" else True}


def preview_messages(definition: Survey | Meeting, panel) -> dict:
    """The invitation email and every SMS the definition can send, with their measures."""
    common = {"sender": panel.sender_name, "name": SAMPLE_NAME}
    deadline = datetime.now(COPENHAGEN).replace(hour=12, minute=0, second=0, microsecond=0) + timedelta(days=14)
    sms: list[dict] = []
    if isinstance(definition, Survey):
        email = render_message("survey_invitation", channel="email", language="da", survey=definition,
                               deadline=deadline, leave_url=SAMPLE_LEAVE_URL, **common)
        email_en = render_message("survey_invitation", channel="email", language="en", survey=definition,
                                  deadline=deadline, leave_url=SAMPLE_LEAVE_URL, **common)
        questions = list(definition.questions)
        first = render_message("survey_invitation", channel="sms", language="da", survey=definition,
                               questions=questions, deadline=deadline, **common)
        sms.append({"label": _("Invitation med spørgsmål 1"), "message": first})
        for question in questions[1:]:
            message = render_message("next_question", channel="sms", language="da", survey=definition,
                                     next_question=question, recorded=[], **common)
            sms.append({"label": _("Spørgsmål %(number)s", number=question.number), "message": message})
    else:
        email = render_message("meeting_invitation", channel="email", language="da", meeting=definition,
                               deadline=definition.starts_at - timedelta(days=7), leave_url=SAMPLE_LEAVE_URL,
                               **common)
        email_en = render_message("meeting_invitation", channel="email", language="en", meeting=definition,
                                  deadline=definition.starts_at - timedelta(days=7), leave_url=SAMPLE_LEAVE_URL,
                                  **common)
        sms.append({"label": _("Invitation"),
                    "message": render_message("meeting_invitation", channel="sms", language="da",
                                              meeting=definition, **common)})
    for item in sms:
        item.update(_measure(item["message"].text, "sms"), segments=item["message"].segments,
                    too_long=(item["message"].segments or 0) > MAX_SEGMENTS, length=len(item["message"].text))
    return {"email": email, "email_en": email_en, "email_measure": _measure(email.text, "email"), "sms": sms,
            "max_segments": MAX_SEGMENTS, "lix_limit": LIX_LIMIT, "not_gsm": not_gsm_characters(definition)}


def not_gsm_characters(definition: Survey | Meeting) -> str:
    """Characters staff typed that GSM 7-bit lacks (the SMS replaces or drops them)."""
    texts = [definition.title, definition.title_en or ""]
    if isinstance(definition, Survey):
        for q in definition.questions:
            texts += [q.text, q.text_en or "", *q.labels.values(), *q.labels_en.values(),
                      *(label for o in q.options for label in o.labels)]
    else:
        texts += [definition.location, definition.location_en or ""]
    found = []
    for char in "".join(texts):
        if not is_gsm7(char) and char not in found:
            found.append(char)
    return " ".join(found)


def build_preview(kind: str, key: str, form, panel) -> dict:
    data, _rows = definition_from_form(kind, key or "udkast", form)
    try:
        definition = parse_definition(data)
    except DefinitionError as exc:
        return {"error": str(exc)}
    try:
        return preview_messages(definition, panel)
    except (MessageError, ValueError, KeyError) as exc:
        return {"error": str(exc)}


# ---------------------------------------------------------------------------
# Views
# ---------------------------------------------------------------------------

def _stored_or_404(key: str):
    try:
        return service.get_definition(get_session(), g.panel.id, key)
    except service.UnknownDefinition:
        abort(404)


@bp.app_context_processor
def _labels():
    return {"question_type_labels": TYPE_LABELS, "definition_kind_labels": KIND_LABELS}


@bp.get("/")
@require_role(VIEWER)
def index(panel_key: str):
    rows = service.list_definitions(get_session(), g.panel.id)
    return render_template("surveys/list.html", panel=g.panel, rows=rows)


def untranslated(data: dict) -> list[str]:
    """The Danish texts of a definition (as the form now holds it) that have no English yet, in words."""
    try:
        definition = parse_definition(data)
    except DefinitionError:
        return []
    parts = {"title": _("Titel"), "location": _("Sted"), "text": _("Spørgsmålet"),
             "label": _("Tekst ved skalaen"), "option": _("Svarmulighed")}
    out = []
    for item in missing_translations(definition, "en"):
        where = str(parts[item.part])
        if item.question is not None:
            where = _("Spørgsmål %(number)s: %(part)s", number=item.question, part=where.lower())
        out.append(f"{where}: »{item.text}«")
    return out


def _render_editor(*, kind: str, key: str, stored, form_title: str, rows: list[dict], meeting: dict,
                   errors: dict, preview: dict | None, status: int = 200, title_en: str = "",
                   missing: list[str] | None = None):
    return render_template("surveys/edit.html", panel=g.panel, kind=kind, key=key, stored=stored,
                           title=form_title, title_en=title_en, rows=rows, meeting=meeting, errors=errors,
                           preview=preview, types=QUESTION_TYPES, missing=missing or [],
                           read_only=stored is not None and g.role == VIEWER), status


def _meeting_form_values(form) -> dict:
    return {"location": form.get("location", ""), "starts_at": form.get("starts_at", ""),
            "ends_at": form.get("ends_at", ""), "max_guests": form.get("max_guests", "0"),
            "location_en": form.get("location_en", "")}


def _save(kind: str, key: str, stored):
    """POST of the editor: add/remove a question, show the preview, or save."""
    form = request.form
    action = form.get("action", "save")
    data, rows = definition_from_form(kind, key, form)
    meeting = _meeting_form_values(form)
    errors: dict[str, str] = {}
    preview = None
    if action == "add" and len(rows) < MAX_QUESTIONS:
        rows.append(blank_question())
    elif action.startswith("remove-") and action[7:].isdigit() and int(action[7:]) < len(rows):
        rows.pop(int(action[7:]))
    elif action == "preview":
        preview = build_preview(kind, key, form, g.panel)
    else:
        if stored is None:
            if not KEY_PATTERN.match(key):
                errors["key"] = _("Nøglen må kun have små bogstaver a-z, tal og bindestreg.")
            elif key in {row.key for row in service.list_definitions(get_session(), g.panel.id)}:
                errors["key"] = _("Der findes allerede et spørgeskema eller møde med den nøgle.")
        if not errors:
            session = get_session()
            try:
                service.import_definitions(session, g.panel, data)
            except service.SurveyError as exc:
                session.rollback()
                errors["form"] = str(exc)
            else:
                record_audit(session, panel_id=g.panel.id, staff_id=current_staff().id,
                             action="definition.create" if stored is None else "definition.update",
                             target_type="definition", key=key)
                session.commit()
                flash(_("Gemt."), "success")
                return redirect(url_for("surveys.edit", panel_key=g.panel.key, key=key))
    return _render_editor(kind=kind, key=key, stored=stored, form_title=form.get("title", ""), rows=rows,
                          meeting=meeting, errors=errors, preview=preview, status=422 if errors else 200,
                          title_en=form.get("title_en", ""),
                          missing=untranslated(data if kind == MEETING else survey_data(
                              key or "udkast", form.get("title", "").strip(), rows, form.get("title_en", "").strip())))


@bp.route("/ny", methods=["GET", "POST"])
@require_role(EDITOR)
def new(panel_key: str):
    kind = request.values.get("kind", SURVEY)
    if kind not in (SURVEY, MEETING):
        abort(400)
    if request.method == "POST":
        return _save(kind, request.form.get("key", "").strip(), None)
    meeting = {"location": "", "starts_at": "", "ends_at": "", "max_guests": "0", "location_en": ""}
    return _render_editor(kind=kind, key="", stored=None, form_title="", rows=[blank_question()],
                          meeting=meeting, errors={}, preview=None)


@bp.route("/<key>", methods=["GET", "POST"])
@require_role(VIEWER)
def edit(panel_key: str, key: str):
    stored = _stored_or_404(key)
    if request.method == "POST":
        if g.role == VIEWER:
            abort(403)
        return _save(stored.kind, stored.key, stored)
    data = service.export_definition(stored)
    meeting = {"location": data.get("location", ""), "starts_at": _input_value(data.get("starts_at")),
               "ends_at": _input_value(data.get("ends_at")), "max_guests": str(data.get("max_guests", 0)),
               "location_en": data.get("location_en", "")}
    return _render_editor(kind=stored.kind, key=stored.key, stored=stored, form_title=stored.title,
                          rows=rows_from_survey(data) if stored.kind == SURVEY else [], meeting=meeting,
                          errors={}, preview=build_preview(stored.kind, stored.key, _FormFromData(data), g.panel),
                          title_en=data.get("title_en", ""), missing=untranslated(data))


class _FormFromData(dict):
    """A stored definition dressed as the editor's form, for the first preview on GET."""

    def __init__(self, data: dict):
        super().__init__()
        self["title"] = data.get("title", "")
        self["title_en"] = data.get("title_en", "")
        if data.get("kind") == MEETING:
            self.update(location=data.get("location", ""), starts_at=_input_value(data.get("starts_at")),
                        ends_at=_input_value(data.get("ends_at")), max_guests=str(data.get("max_guests", 0)),
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


@bp.post("/forhaandsvisning")
@require_role(VIEWER)
def preview(panel_key: str):
    """The preview fragment for the editor's form as it is now (console.js fetches it)."""
    kind = request.form.get("kind", SURVEY)
    if kind not in (SURVEY, MEETING):
        abort(400)
    result = build_preview(kind, request.form.get("key", "").strip(), request.form, g.panel)
    return render_template("surveys/_preview.html", preview=result)


@bp.get("/<key>/eksport.json")
@require_role(VIEWER)
def export(panel_key: str, key: str):
    stored = _stored_or_404(key)
    body = json.dumps(service.export_definition(stored), ensure_ascii=False, indent=2)
    return Response(body + "\n", mimetype="application/json",
                    headers={"Content-Disposition": attachment_disposition(f"{stored.key}.json")})


@bp.get("/eksport.json")
@require_role(VIEWER)
def export_all(panel_key: str):
    body = json.dumps(service.export_definitions(get_session(), g.panel.id), ensure_ascii=False, indent=2)
    return Response(body + "\n", mimetype="application/json",
                    headers={"Content-Disposition": attachment_disposition(f"{g.panel.key}-definitioner.json")})


@bp.post("/importer")
@require_role(EDITOR)
def import_file(panel_key: str):
    upload = request.files.get("file")
    raw = upload.read(MAX_IMPORT_BYTES + 1) if upload else b""
    session = get_session()
    error = None
    if not raw:
        error = _("Vælg en JSON-fil.")
    elif len(raw) > MAX_IMPORT_BYTES:
        error = _("Filen er for stor (højst 1 MB).")
    else:
        try:
            data = json.loads(raw.decode("utf-8-sig"))
            stored = service.import_definitions(session, g.panel, data)
        except (UnicodeDecodeError, json.JSONDecodeError):
            error = _("Filen er ikke gyldig JSON i UTF-8.")
        except service.SurveyError as exc:
            session.rollback()
            error = _("Intet blev importeret: %(reason)s", reason=str(exc))
    if error:
        flash(error, "error")
        return redirect(url_for("surveys.index", panel_key=g.panel.key))
    record_audit(session, panel_id=g.panel.id, staff_id=current_staff().id, action="definition.import",
                 count=len(stored), keys=[row.key for row in stored][:50])
    session.commit()
    flash(_("%(count)s importeret.", count=len(stored)), "success")
    return redirect(url_for("surveys.index", panel_key=g.panel.key))
