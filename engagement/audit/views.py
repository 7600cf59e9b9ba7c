"""The audit log page for a panel's admins: who did what, when; newest first."""
from __future__ import annotations

from math import ceil

from flask import Blueprint, g, render_template, request
from flask_babel import lazy_gettext as _l
from sqlalchemy import func
from sqlmodel import select

from engagement.audit.describe import describe_detail, target_label
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
    "panelist.leave": _l("En panelist meldte sig ud"),
    "panelists.import": _l("Importerede panelister"),
    "answer.correct": _l("Rettede et svar"),
    "inbox.list": _l("Så indbakken"),
    "inbox.view": _l("Så en besked i indbakken"),
    "inbox.reply": _l("Svarede på en besked"),
    "inbox.reopen": _l("Åbnede en besked igen"),
    "campaign.create": _l("Oprettede en kampagne"),
    "campaign.schedule": _l("Planlagde en kampagne"),
    "campaign.cancel": _l("Aflyste en kampagne"),
    "definition.create": _l("Oprettede et spørgeskema eller møde"),
    "definition.import": _l("Importerede spørgeskemaer eller møder"),
    "meeting.configure": _l("Ændrede et mødes pladser"),
    "meeting.change": _l("Ændrede tid eller sted for et møde"),
    "meeting.cancel": _l("Aflyste et møde"),
    "meeting.lottery": _l("Trak lod om pladser til et møde"),
    "selection.sample": _l("Trak en stikprøve"),
    "selection.lottery": _l("Trak lod blandt frivillige"),
    "panel.settings": _l("Ændrede panelets indstillinger"),
    "panel.targets": _l("Ændrede befolkningstallene"),
    "panel.areas": _l("Ændrede postnumre og områder"),
    "staff.add": _l("Gav en medarbejder adgang"),
    "staff.role": _l("Ændrede en medarbejders rolle"),
    "staff.remove": _l("Fjernede en medarbejders adgang"),
    "panel.demo_create": _l("Demopanelet blev oprettet"),
    "panel.privacy": _l("Ændrede privatlivserklæringen"),
    "definition.update": _l("Ændrede et spørgeskema eller møde"),
    "feedback.summary": _l("Sendte en opsummering til dem, der svarede"),
    "feedback.followup": _l("Sendte en opfølgning til dem, der svarede"),
    "inbox.done": _l("Markerede en besked som klaret"),
    "inbox.correct": _l("Rettede et svar fra indbakken"),
}
# Details that name answer rows (ids only are stored): shown as the answers' words while they exist.
ANSWER_DETAILS = ("answer", "replaced_answer")


def answer_words(session, panel_id: int, entries) -> dict[int, str]:
    """Answer id -> the answer in words ('Plast og glas', 'Ja'), for the answers the entries name."""
    from engagement.surveys.models import Answer, StoredDefinition
    from engagement.surveys.service import load_definition
    from engagement.web.labels import answer_label

    ids = {entry.detail.get(name) for entry in entries for name in ANSWER_DETAILS if entry.detail}
    ids = {value for value in ids if isinstance(value, int)}
    if not ids:
        return {}
    answers = session.exec(select(Answer).where(Answer.panel_id == panel_id, Answer.id.in_(sorted(ids)))).all()
    definitions = {row.id: load_definition(row) for row in session.exec(select(StoredDefinition).where(
        StoredDefinition.panel_id == panel_id,
        StoredDefinition.id.in_(sorted({a.definition_id for a in answers})))).all()}
    return {a.id: answer_label(definitions.get(a.definition_id), a.question_key, a.value) for a in answers}


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
    words = answer_words(session, g.panel.id, [entry for entry, _staff in rows])
    return render_template("audit/log.html", panel=g.panel, rows=rows, total=total, page=page, pages=pages,
                           action_labels=ACTION_LABELS, target_label=target_label,
                           describe_detail=lambda detail: describe_detail(detail, answers=words))
