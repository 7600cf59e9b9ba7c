"""The audit log page for a panel's admins: who did what, when; newest first."""
from __future__ import annotations

from math import ceil

from flask import Blueprint, g, render_template, request
from flask_babel import lazy_gettext as _l
from sqlalchemy import func
from sqlmodel import select

from engagement.audit.models import AuditEntry
from engagement.db import get_session
from engagement.staff.auth import require_role
from engagement.staff.models import ADMIN, StaffUser

bp = Blueprint("audit", __name__, url_prefix="/staff/<panel_key>/audit", template_folder="templates")

PER_PAGE = 50

# Known actions in words; an action without a label is shown as its code.
ACTION_LABELS = {
    "panelists.list": _l("Så listen over panelister"),
    "panelist.view": _l("Så en panelist"),
    "panelist.export": _l("Hentede en panelists data"),
    "panelist.erase": _l("Slettede en panelists personoplysninger"),
}


@bp.get("")
@require_role(ADMIN)
def log(panel_key: str):
    session = get_session()
    total = session.exec(select(func.count()).select_from(AuditEntry)
                         .where(AuditEntry.panel_id == g.panel.id)).one()
    pages = max(1, ceil(total / PER_PAGE))
    try:
        page = min(max(1, int(request.args.get("side", "1"))), pages)
    except ValueError:
        page = 1
    rows = session.exec(
        select(AuditEntry, StaffUser).join(StaffUser, StaffUser.id == AuditEntry.staff_id, isouter=True)
        .where(AuditEntry.panel_id == g.panel.id)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .offset((page - 1) * PER_PAGE).limit(PER_PAGE)).all()
    return render_template("audit/log.html", panel=g.panel, rows=rows, total=total, page=page, pages=pages,
                           action_labels=ACTION_LABELS)
