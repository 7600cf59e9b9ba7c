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

The form's conversion is ``surveys.editor_form``; the preview and the list of
untranslated texts are ``surveys.preview``.
"""
from __future__ import annotations

import json

from flask import Blueprint, Response, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _, lazy_gettext as _l

from conversations.definitions import QUESTION_TYPES
from engagement.audit import record_audit
from engagement.db import get_session
from engagement.staff.auth import current_staff, require_role
from engagement.staff.models import EDITOR, VIEWER
from engagement.surveys import service
from engagement.surveys.editor_form import (KEY_PATTERN, MAX_QUESTIONS, FormFromData, blank_question,
                                            definition_from_form, input_value, rows_from_survey, survey_data)
from engagement.surveys.models import MEETING, SURVEY
from engagement.surveys.preview import build_preview, untranslated
from engagement.web.security import attachment_disposition

bp = Blueprint("surveys", __name__, url_prefix="/staff/<panel_key>/undersoegelser", template_folder="templates")

TYPE_LABELS = {"scale": _l("Skala"), "yes_no": _l("Ja/nej"), "choice": _l("Valg"), "number": _l("Tal"),
               "text": _l("Fri tekst")}
KIND_LABELS = {SURVEY: _l("Spørgeskema"), MEETING: _l("Møde")}
MAX_IMPORT_BYTES = 1024 * 1024


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
    meeting = {"location": data.get("location", ""), "starts_at": input_value(data.get("starts_at")),
               "ends_at": input_value(data.get("ends_at")), "max_guests": str(data.get("max_guests", 0)),
               "location_en": data.get("location_en", "")}
    return _render_editor(kind=stored.kind, key=stored.key, stored=stored, form_title=stored.title,
                          rows=rows_from_survey(data) if stored.kind == SURVEY else [], meeting=meeting,
                          errors={}, preview=build_preview(stored.kind, stored.key, FormFromData(data), g.panel),
                          title_en=data.get("title_en", ""), missing=untranslated(data))


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
