"""Who is logged in, and may they do this in this panel?

Staff URLs carry the panel: ``/staff/<panel_key>/...``.  ``require_role``
loads the panel and checks the logged-in account's role in it; a panel the
account does not belong to answers 404, exactly like a panel that does not
exist, so staff of one panel cannot even learn another panel's key.
"""
from __future__ import annotations

from functools import wraps
from typing import Callable

from flask import abort, g, redirect, request, session, url_for
from sqlmodel import select

from engagement.db import get_session
from engagement.panel.models import Panel
from engagement.staff.models import ROLE_RANK, StaffRole, StaffUser

SESSION_KEY = "staff_id"


def current_staff() -> StaffUser | None:
    if "staff" not in g:
        staff = None
        staff_id = session.get(SESSION_KEY)
        if staff_id is not None:
            staff = get_session().get(StaffUser, staff_id)
            if staff is not None and not staff.is_active:
                staff = None
        g.staff = staff
    return g.staff


def role_in(staff: StaffUser, panel_id: int) -> str | None:
    row = get_session().exec(
        select(StaffRole).where(StaffRole.staff_id == staff.id, StaffRole.panel_id == panel_id)).first()
    return row.role if row else None


def login_required(view: Callable) -> Callable:
    @wraps(view)
    def wrapped(*args, **kwargs):
        if current_staff() is None:
            return redirect(url_for("staff.login", next=request.full_path if request.method == "GET" else None))
        return view(*args, **kwargs)

    return wrapped


def require_role(minimum: str) -> Callable[[Callable], Callable]:
    """Decorate a view under ``/staff/<panel_key>/``: sets ``g.panel`` and ``g.role``.

    The view receives the same keyword arguments, ``panel_key`` included.
    """
    needed = ROLE_RANK[minimum]

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args, panel_key: str, **kwargs):
            staff = current_staff()
            if staff is None:
                return redirect(url_for("staff.login", next=request.full_path if request.method == "GET" else None))
            panel = get_session().exec(select(Panel).where(Panel.key == panel_key)).first()
            role = role_in(staff, panel.id) if panel else None
            if role is None:
                abort(404)
            if ROLE_RANK[role] < needed:
                abort(403)
            g.panel, g.role = panel, role
            return view(*args, panel_key=panel_key, **kwargs)

        return wrapped

    return decorator


def has_role(minimum: str) -> bool:
    """For templates: may the current account do what needs ``minimum`` here?"""
    role = g.get("role")
    return role is not None and ROLE_RANK[role] >= ROLE_RANK[minimum]
