"""The panel's staff, for its admins: who has which role, add an account, change a role, remove access.

A new account gets a generated password, shown once on the page that answers
the form (never stored in the session or the log).  Nobody can change or
remove their own access here, and the panel always keeps one admin.  Every
change is audited with ids and roles only.
"""
from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlmodel import select

from engagement.audit import record_audit
from engagement.db import get_session
from engagement.panel.profile import InvalidField, normalize_email
from engagement.staff import service
from engagement.staff.auth import current_staff, require_role
from engagement.staff.models import ADMIN, EDITOR, ROLES, VIEWER, StaffRole, StaffUser

bp = Blueprint("team", __name__, url_prefix="/staff/<panel_key>/medarbejdere", template_folder="templates")

ROLE_LABELS = {ADMIN: _l("Administrator"), EDITOR: _l("Redaktør"), VIEWER: _l("Læser")}


def _page(status: int = 200, **context):
    context.setdefault("form", {"email": "", "name": "", "role": VIEWER})
    context.setdefault("errors", {})
    context.setdefault("created", None)
    context.setdefault("problem", None)
    return render_template("staff/team.html", panel=g.panel, members=service.list_staff(get_session(), g.panel.key),
                           me=current_staff(), roles=ROLES, role_labels=ROLE_LABELS, **context), status


def _member(staff_id: int) -> tuple[StaffUser, StaffRole]:
    """The account and its role in this panel; 404 for an account outside the panel."""
    session = get_session()
    row = session.exec(select(StaffRole).where(StaffRole.staff_id == staff_id,
                                               StaffRole.panel_id == g.panel.id)).first()
    staff = session.get(StaffUser, staff_id) if row else None
    if staff is None:
        abort(404)
    return staff, row


def _admin_count() -> int:
    return len(get_session().exec(select(StaffRole.id).where(StaffRole.panel_id == g.panel.id,
                                                             StaffRole.role == ADMIN)).all())


def _refusal(staff: StaffUser, row: StaffRole, new_role: str | None) -> str | None:
    """Why this change may not happen (None if it may). ``new_role`` None means removal."""
    if row.role == ADMIN and new_role != ADMIN and _admin_count() <= 1:
        return _("Panelet skal have mindst én administrator.")
    if staff.id == current_staff().id:
        return _("Du kan ikke ændre din egen adgang. Bed en anden administrator.")
    return None


def _audit(action: str, target_id: int, **detail) -> None:
    record_audit(get_session(), panel_id=g.panel.id, staff_id=current_staff().id, action=action,
                 target_type="staff", target_id=target_id, **detail)


@bp.get("")
@require_role(ADMIN)
def index(panel_key: str):
    return _page()


@bp.post("")
@require_role(ADMIN)
def add(panel_key: str):
    form = {key: (request.form.get(key) or "").strip() for key in ("email", "name", "role")}
    errors: dict[str, str] = {}
    try:
        email = normalize_email(form["email"])
    except InvalidField:
        errors["email"] = _("Skriv en gyldig e-mailadresse.")
        email = ""
    if len(form["name"]) > 200:
        errors["name"] = _("Navnet må højst have 200 tegn.")
    if form["role"] not in ROLES:
        errors["role"] = _("Vælg en rolle.")
    session = get_session()
    if not errors:
        existing = service.find_staff(session, email)
        if existing is not None and session.exec(select(StaffRole).where(
                StaffRole.staff_id == existing.id, StaffRole.panel_id == g.panel.id)).first() is not None:
            errors["email"] = _("Personen har allerede adgang til panelet.")
    if errors:
        return _page(422, form=form, errors=errors)
    result = service.create_staff(session, email, panel_key=g.panel.key, role=form["role"],
                                  name=form["name"] or None)
    _audit("staff.add", result.staff.id, role=form["role"], new_account=result.created)
    session.commit()
    # The password is shown on this answer only, so no redirect (and no flash in the session cookie).
    return _page(200, created={"staff": result.staff, "password": result.password})


@bp.post("/<int:staff_id>/rolle")
@require_role(ADMIN)
def change_role(panel_key: str, staff_id: int):
    staff, row = _member(staff_id)
    role = request.form.get("role") or ""
    if role not in ROLES:
        return _page(422, problem=_("Vælg en rolle."))
    if role == row.role:
        return redirect(url_for("team.index", panel_key=g.panel.key))
    problem = _refusal(staff, row, role)
    if problem:
        return _page(409, problem=problem)
    old = row.role
    service.set_role(get_session(), staff.email, panel_key=g.panel.key, role=role)
    _audit("staff.role", staff.id, old_role=old, role=role)
    get_session().commit()
    flash(_("Rollen er ændret."), "success")
    return redirect(url_for("team.index", panel_key=g.panel.key))


@bp.post("/<int:staff_id>/fjern")
@require_role(ADMIN)
def remove(panel_key: str, staff_id: int):
    staff, row = _member(staff_id)
    problem = _refusal(staff, row, None)
    if problem:
        return _page(409, problem=problem)
    old = row.role
    service.remove_role(get_session(), staff.email, panel_key=g.panel.key)
    _audit("staff.remove", staff.id, old_role=old)
    get_session().commit()
    flash(_("Adgangen til panelet er fjernet."), "success")
    return redirect(url_for("team.index", panel_key=g.panel.key))
