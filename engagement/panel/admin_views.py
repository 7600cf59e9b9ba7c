"""The staff's pages about panelists: list, one panelist, GDPR export and erasure.

Every page that shows or hands out personal data writes an audit entry
(``panelists.list``, ``panelist.view``, ``panelist.export``,
``panelist.erase``) with ids, filters and counts only.  A panelist is always
looked up inside the panel of the URL, so another panel's panelist is a 404.
"""
from __future__ import annotations

import json
from math import ceil

from flask import Blueprint, Response, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _, lazy_gettext as _l
from sqlalchemy import func, or_
from sqlmodel import select

from engagement.audit import record_audit
from engagement.db import get_session
from engagement.panel import gdpr, history
from engagement.panel.models import ACTIVE, ERASED, LEFT, PENDING, Consent, Panelist
from engagement.panel.profile import CHANNEL_LABELS, CHOICE_FIELDS, LANGUAGE_LABELS
from engagement.staff.auth import current_staff, require_role
from engagement.staff.models import ADMIN, EDITOR, VIEWER

bp = Blueprint("panel_admin", __name__, url_prefix="/staff/<panel_key>/panelister",
               template_folder="templates")

PER_PAGE = 50
STATUS_LABELS = {ACTIVE: _l("Aktiv"), PENDING: _l("Venter på bekræftelse"), LEFT: _l("Udmeldt"),
                 ERASED: _l("Slettet")}
# Where a panelist (and a consent) came from.
SOURCE_LABELS = {"signup": _l("Tilmelding på siden"), "import": _l("Importeret fra en fil"), "demo": _l("Demodata")}
SEARCH_MAX = 100


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _panelist_or_404(panelist_id: int) -> Panelist:
    panelist = get_session().exec(select(Panelist).where(Panelist.id == panelist_id,
                                                         Panelist.panel_id == g.panel.id)).first()
    if panelist is None:
        abort(404)
    return panelist


def _page_number() -> int:
    try:
        return max(1, int(request.args.get("side", "1")))
    except ValueError:
        return 1


@bp.get("")
@require_role(VIEWER)
def list_panelists(panel_key: str):
    session = get_session()
    search = request.args.get("q", "").strip()[:SEARCH_MAX]
    status = request.args.get("status", "")
    status = status if status in STATUS_LABELS else ""
    area = request.args.get("area", "")
    area = area if area in (g.panel.area_labels or {}) else ""

    conditions = [Panelist.panel_id == g.panel.id]
    if status:
        conditions.append(Panelist.status == status)
    if area:
        conditions.append(Panelist.area == area)
    if search:
        pattern = f"%{_escape_like(search.lower())}%"
        conditions.append(or_(*(func.lower(column).like(pattern, escape="\\")
                                for column in (Panelist.email, Panelist.name, Panelist.phone))))
    total = session.exec(select(func.count()).select_from(Panelist).where(*conditions)).one()
    pages = max(1, ceil(total / PER_PAGE))
    page = min(_page_number(), pages)
    rows = session.exec(select(Panelist).where(*conditions).order_by(Panelist.created_at.desc(), Panelist.id.desc())
                        .offset((page - 1) * PER_PAGE).limit(PER_PAGE)).all()
    staff = current_staff()
    # The filter and the count, never the search text (it may be an address or a name).
    record_audit(session, panel_id=g.panel.id, staff_id=staff.id, action="panelists.list",
                 status=status or None, area=area or None, search=bool(search), page=page,
                 count=total, shown=len(rows))
    session.commit()
    return render_template("panel_admin/list.html", panel=g.panel, rows=rows, total=total, page=page,
                           pages=pages, search=search, status=status, area=area,
                           status_labels=STATUS_LABELS)


@bp.get("/<int:panelist_id>")
@require_role(VIEWER)
def view_panelist(panel_key: str, panelist_id: int):
    session = get_session()
    panelist = _panelist_or_404(panelist_id)
    consents = session.exec(select(Consent).where(Consent.panelist_id == panelist.id)
                            .order_by(Consent.given_at.desc(), Consent.id.desc())).all()
    show_all = request.args.get("beskeder") == "alle"
    found = history.load_history(session, panelist, limit=None if show_all else history.MESSAGE_LIMIT)
    record_audit(session, panel_id=g.panel.id, staff_id=current_staff().id, action="panelist.view",
                 target_type="panelist", target_id=panelist.id, messages=len(found.messages))
    session.commit()
    return render_template("panel_admin/panelist.html", panel=g.panel, panelist=panelist, consents=consents,
                           history=found, show_all=show_all, labels=history,
                           status_labels=STATUS_LABELS, choice_labels=CHOICE_FIELDS,
                           channel_labels=CHANNEL_LABELS, language_labels=LANGUAGE_LABELS,
                           consent_source_labels=SOURCE_LABELS)


@bp.post("/<int:panelist_id>/eksport")
@require_role(EDITOR)
def export_panelist(panel_key: str, panelist_id: int):
    """Download everything held about the panelist as JSON (POST: it is logged, so no prefetching)."""
    session = get_session()
    panelist = _panelist_or_404(panelist_id)
    record_audit(session, panel_id=g.panel.id, staff_id=current_staff().id, action="panelist.export",
                 target_type="panelist", target_id=panelist.id, sections=list(gdpr.export_sections()))
    session.flush()
    document = gdpr.export_panelist(session, panelist)
    session.commit()
    body = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=False)
    response = Response(body, mimetype="application/json")
    response.headers["Content-Disposition"] = f'attachment; filename="panelist-{panelist.id}.json"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/<int:panelist_id>/slet")
@require_role(ADMIN)
def confirm_erase(panel_key: str, panelist_id: int):
    panelist = _panelist_or_404(panelist_id)
    if panelist.status == ERASED:
        flash(_("Panelisten er allerede slettet."), "success")
        return redirect(url_for("panel_admin.view_panelist", panel_key=panel_key, panelist_id=panelist.id))
    return render_template("panel_admin/erase.html", panel=g.panel, panelist=panelist, error=None)


@bp.post("/<int:panelist_id>/slet")
@require_role(ADMIN)
def erase_panelist(panel_key: str, panelist_id: int):
    session = get_session()
    panelist = _panelist_or_404(panelist_id)
    if panelist.status == ERASED:
        flash(_("Panelisten er allerede slettet."), "success")
        return redirect(url_for("panel_admin.view_panelist", panel_key=panel_key, panelist_id=panelist.id))
    if request.form.get("confirm") != "yes":
        return render_template("panel_admin/erase.html", panel=g.panel, panelist=panelist,
                               error=_("Sæt flueben for at bekræfte, at du vil slette panelisten.")), 400
    gdpr.erase_panelist(session, panelist)
    record_audit(session, panel_id=g.panel.id, staff_id=current_staff().id, action="panelist.erase",
                 target_type="panelist", target_id=panelist.id, steps=len(gdpr.erasure_steps()))
    session.commit()
    flash(_("Panelistens personoplysninger er slettet."), "success")
    return redirect(url_for("panel_admin.view_panelist", panel_key=panel_key, panelist_id=panelist.id))
