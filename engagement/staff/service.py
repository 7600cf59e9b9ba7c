"""Staff accounts: create, give roles, log in, and the staff's panel overview.

What the views and ``flask staff ...`` commands call.  Functions take a
database session and leave committing to the caller, except ``log_in``,
which must commit a failed attempt even though it then raises.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Sequence

from sqlalchemy import func
from sqlmodel import Session, select

from engagement.db import utcnow
from engagement.panel.models import ACTIVE, LEFT, PENDING, Panel, Panelist
from engagement.staff import passwords, ratelimit
from engagement.staff.models import ROLES, StaffRole, StaffUser

log = logging.getLogger(__name__)

ENDING_SOON_DAYS = 60


class StaffError(Exception):
    """Base of everything that can go wrong with staff accounts."""


class UnknownPanel(StaffError):
    pass


class UnknownStaff(StaffError):
    pass


class InvalidRole(StaffError):
    pass


class RoleExists(StaffError):
    """The account already has a (different) role in this panel."""


class WeakPassword(StaffError):
    pass


class LoginFailed(StaffError):
    """Wrong email, wrong password or an inactive account: deliberately one reason."""


class LoginThrottled(StaffError):
    """Too many failed logins for this email lately."""


def normalize_staff_email(email: str) -> str:
    return (email or "").strip().lower()


def find_panel(session: Session, key: str) -> Panel:
    panel = session.exec(select(Panel).where(Panel.key == key)).first()
    if panel is None:
        raise UnknownPanel(key)
    return panel


def find_staff(session: Session, email: str) -> StaffUser | None:
    return session.exec(select(StaffUser).where(StaffUser.email == normalize_staff_email(email))).first()


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise InvalidRole(role)


@dataclass
class CreateResult:
    staff: StaffUser
    created: bool               # a new account (else a role was added to an existing one)
    password: str | None        # the generated password, to show once; None if given or not set


def create_staff(session: Session, email: str, *, panel_key: str, role: str, name: str | None = None,
                 password: str | None = None) -> CreateResult:
    """Create an account with a role in a panel, or add the role to an existing account.

    Without ``password`` a new account gets a generated one (returned once).
    An existing account keeps its password and name.
    """
    _check_role(role)
    panel = find_panel(session, panel_key)
    if password is not None and not passwords.is_strong_enough(password):
        raise WeakPassword()
    staff = find_staff(session, email)
    generated = None
    created = staff is None
    if staff is None:
        if password is None:
            password = generated = passwords.generate_password()
        staff = StaffUser(email=normalize_staff_email(email), name=(name or "").strip(),
                          password_hash=passwords.hash_password(password))
        session.add(staff)
        session.flush()
    existing = session.exec(select(StaffRole).where(StaffRole.staff_id == staff.id,
                                                    StaffRole.panel_id == panel.id)).first()
    if existing is not None:
        if existing.role != role:
            raise RoleExists(existing.role)
    else:
        session.add(StaffRole(staff_id=staff.id, panel_id=panel.id, role=role))
    session.flush()
    return CreateResult(staff=staff, created=created, password=generated)


def set_role(session: Session, email: str, *, panel_key: str, role: str) -> StaffRole:
    _check_role(role)
    panel = find_panel(session, panel_key)
    staff = find_staff(session, email)
    if staff is None:
        raise UnknownStaff()
    row = session.exec(select(StaffRole).where(StaffRole.staff_id == staff.id,
                                               StaffRole.panel_id == panel.id)).first()
    if row is None:
        row = StaffRole(staff_id=staff.id, panel_id=panel.id, role=role)
    row.role = role
    session.add(row)
    session.flush()
    return row


def remove_role(session: Session, email: str, *, panel_key: str) -> bool:
    panel = find_panel(session, panel_key)
    staff = find_staff(session, email)
    if staff is None:
        raise UnknownStaff()
    row = session.exec(select(StaffRole).where(StaffRole.staff_id == staff.id,
                                               StaffRole.panel_id == panel.id)).first()
    if row is None:
        return False
    session.delete(row)
    session.flush()
    return True


def set_active(session: Session, email: str, active: bool) -> StaffUser:
    staff = find_staff(session, email)
    if staff is None:
        raise UnknownStaff()
    staff.is_active = active
    session.add(staff)
    session.flush()
    return staff


def set_password(session: Session, email: str, password: str | None = None) -> tuple[StaffUser, str | None]:
    """Set a new password; without one, generate it and return it (to show once)."""
    staff = find_staff(session, email)
    if staff is None:
        raise UnknownStaff()
    generated = None
    if password is None:
        password = generated = passwords.generate_password()
    elif not passwords.is_strong_enough(password):
        raise WeakPassword()
    staff.password_hash = passwords.hash_password(password)
    session.add(staff)
    session.flush()
    return staff, generated


def list_staff(session: Session, panel_key: str) -> list[tuple[StaffUser, str]]:
    panel = find_panel(session, panel_key)
    rows = session.exec(select(StaffUser, StaffRole.role).join(StaffRole, StaffRole.staff_id == StaffUser.id)
                        .where(StaffRole.panel_id == panel.id).order_by(StaffUser.email)).all()
    return [(staff, role) for staff, role in rows]


def log_in(session: Session, email: str, password: str, *, secret_key: str | Sequence[str], max_failures: int,
           window: timedelta, now: datetime | None = None) -> StaffUser:
    """The account for these credentials, or ``LoginFailed`` / ``LoginThrottled``.

    Unknown and inactive accounts cost a dummy verification, so every failure
    takes as long as a wrong password.  A locked email is refused even with
    the right password.  Commits (a failure must be counted).  ``secret_key`` may list
    the fallbacks too, current key last: failures counted under an old key still count.
    """
    now = now or utcnow()
    keys = [ratelimit.email_key(each, email)
            for each in ([secret_key] if isinstance(secret_key, str) else secret_key)]
    key = keys[-1]  # new failures are counted under the current key
    if ratelimit.is_locked(session, keys, max_failures=max_failures, window=window, now=now):
        passwords.verify_dummy(password)
        log.info("staff login refused: too many failures")
        raise LoginThrottled()
    staff = find_staff(session, email) if email else None
    if staff is None or not staff.is_active:
        passwords.verify_dummy(password)
        ok, rehash = False, False
    else:
        ok, rehash = passwords.verify_password(staff.password_hash, password)
    if not ok:
        ratelimit.record_failure(session, key, window=window, now=now)
        session.commit()
        log.info("staff login failed")
        raise LoginFailed()
    if rehash:
        staff.password_hash = passwords.hash_password(password)
    staff.last_login_at = now
    session.add(staff)
    ratelimit.clear_failures(session, keys)
    session.commit()
    log.info("staff login ok: staff:%s", staff.id)
    return staff


def panels_of(session: Session, staff: StaffUser) -> list[tuple[Panel, str]]:
    rows = session.exec(select(Panel, StaffRole.role).join(StaffRole, StaffRole.panel_id == Panel.id)
                        .where(StaffRole.staff_id == staff.id).order_by(Panel.name)).all()
    return [(panel, role) for panel, role in rows]


@dataclass(frozen=True)
class Dashboard:
    active: int
    pending: int
    left: int
    ending_soon: int
    ending_soon_days: int = ENDING_SOON_DAYS


def panel_dashboard(session: Session, panel: Panel, now: datetime | None = None) -> Dashboard:
    now = now or utcnow()
    counts = dict(session.exec(select(Panelist.status, func.count()).where(Panelist.panel_id == panel.id)
                               .group_by(Panelist.status)).all())
    ending = session.exec(select(func.count()).select_from(Panelist).where(
        Panelist.panel_id == panel.id, Panelist.status == ACTIVE,
        Panelist.membership_ends_at.is_not(None),
        Panelist.membership_ends_at >= now,
        Panelist.membership_ends_at < now + timedelta(days=ENDING_SOON_DAYS))).one()
    return Dashboard(active=counts.get(ACTIVE, 0), pending=counts.get(PENDING, 0),
                     left=counts.get(LEFT, 0), ending_soon=ending)
