"""The staff's upload page for a CSV file of existing panelists (editor and up).

The result is shown on the answer to the upload itself (it can be long); sending
the form again is harmless, as people already in the panel are skipped.
"""
from __future__ import annotations

from flask import Blueprint, g, render_template, request
from flask_babel import gettext as _

from engagement.db import get_session
from engagement.panel.import_service import UnreadableFile, import_panelists
from engagement.panel.importing import COLUMN_ALIASES, FIELD_LABELS
from engagement.staff.auth import current_staff, require_role
from engagement.staff.models import EDITOR

bp = Blueprint("panel_import", __name__, url_prefix="/staff/<panel_key>/import", template_folder="templates")

MAX_LINES_SHOWN = 500


def _page(status: int = 200, **context):
    context.setdefault("error", None)
    context.setdefault("result", None)
    return render_template("panel_import/upload.html", panel=g.panel, columns=COLUMN_ALIASES,
                           field_labels=FIELD_LABELS, max_lines_shown=MAX_LINES_SHOWN, **context), status


@bp.get("/")
@require_role(EDITOR)
def upload_form(panel_key: str):
    return _page()


@bp.post("/")
@require_role(EDITOR)
def upload(panel_key: str):
    upload_file = request.files.get("file")
    if upload_file is None or not upload_file.filename:
        return _page(400, error=_("Vælg en CSV-fil."))
    data = upload_file.read()
    try:
        result = import_panelists(get_session(), g.panel, data, staff_id=current_staff().id)
    except UnreadableFile as error:
        get_session().rollback()
        return _page(400, error=_("Intet blev importeret. %(reason)s", reason=error.message))
    return _page(result=result)
