"""GDPR: export everything held about one panelist, and erase a panelist.

Both are registries so that later features add their own part without this
module knowing them:

* ``register_export_section(name, fn)``: ``fn(session, panelist)`` returns
  JSON-able data (a dict or a list) placed under ``sections[name]``.
* ``register_erasure_step(fn)``: ``fn(session, panelist, now)`` unlinks or
  removes the feature's personal data (answers are kept only as anonymous
  counts; messages and RSVPs are deleted or stripped).  Steps run *before*
  the panelist row is scrubbed, so they can still read its contact details
  (for example to find stored messages from its address), and inside the
  same transaction: a failing step rolls the whole erasure back.

Register at import time of the feature's module (``gdpr.register_...`` at
module level) and make sure that module is imported by the app (its views or
service are).  Nothing here commits: the caller does, together with the
audit entry.
"""
from __future__ import annotations

import logging
from datetime import date, datetime
from typing import Any, Callable

from sqlmodel import Session, SQLModel, select

from engagement.audit.models import AuditEntry
from engagement.db import utcnow
from engagement.panel.models import ERASED, Consent, Panel, Panelist

log = logging.getLogger(__name__)

EXPORT_FORMAT = "borgerpanel.panelist-export"
EXPORT_VERSION = 1

ExportSection = Callable[[Session, Panelist], Any]
ErasureStep = Callable[[Session, Panelist, datetime], None]

_export_sections: dict[str, ExportSection] = {}
_erasure_steps: list[ErasureStep] = []

# Every field of Panelist that can say something about the person; all become None.
PERSONAL_FIELDS = ("email", "phone", "name", "birth_year", "gender", "postcode", "area",
                   "education", "housing", "employment")


class GdprError(Exception):
    """Base of the GDPR service's errors."""


class DuplicateSection(GdprError):
    pass


class AlreadyErased(GdprError):
    pass


def register_export_section(name: str, fn: ExportSection) -> ExportSection:
    """Add a section to every export. Registering the same function again is a no-op."""
    if name in _export_sections and _export_sections[name] is not fn:
        raise DuplicateSection(name)
    _export_sections[name] = fn
    return fn


def register_erasure_step(fn: ErasureStep) -> ErasureStep:
    """Add a step to every erasure (once; order of registration is kept)."""
    if fn not in _erasure_steps:
        _erasure_steps.append(fn)
    return fn


def export_sections() -> tuple[str, ...]:
    return tuple(_export_sections)


def erasure_steps() -> tuple[ErasureStep, ...]:
    return tuple(_erasure_steps)


def jsonable(value: Any) -> Any:
    """Rows, datetimes and containers as plain JSON values."""
    if isinstance(value, SQLModel):
        return {column: jsonable(getattr(value, column)) for column in value.__class__.model_fields}
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(item) for item in value]
    return value


def export_panelist(session: Session, panelist: Panelist, now: datetime | None = None) -> dict:
    """Everything held about one panelist, as one JSON-able document."""
    panel = session.get(Panel, panelist.panel_id)
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": (now or utcnow()).isoformat(),
        "panel": {"key": panel.key, "name": panel.name} if panel else None,
        "sections": {name: jsonable(fn(session, panelist)) for name, fn in _export_sections.items()},
    }


def erase_panelist(session: Session, panelist: Panelist, now: datetime | None = None) -> Panelist:
    """Erase a panelist's personal data; the row stays, anonymous, for counts.

    Runs every registered erasure step, then blanks the personal fields,
    withdraws open consents, marks the row erased and bumps ``token_version``
    so every link and reply address sent before stops working.
    """
    if panelist.status == ERASED:
        raise AlreadyErased(panelist.id)
    now = now or utcnow()
    for step in _erasure_steps:
        step(session, panelist, now)
    for field in PERSONAL_FIELDS:
        setattr(panelist, field, None)
    panelist.status = ERASED
    panelist.erased_at = now
    panelist.token_version = (panelist.token_version or 0) + 1
    session.add(panelist)
    for consent in session.exec(select(Consent).where(Consent.panelist_id == panelist.id,
                                                      Consent.withdrawn_at.is_(None))).all():
        consent.withdrawn_at = now
        session.add(consent)
    session.flush()
    log.info("panelist %s erased (%s steps)", panelist.id, len(_erasure_steps))
    return panelist


# --- The panel's own sections ---------------------------------------------------------------

def _panelist_section(_session: Session, panelist: Panelist) -> dict:
    return jsonable(panelist)


def _consents_section(session: Session, panelist: Panelist) -> list:
    rows = session.exec(select(Consent).where(Consent.panelist_id == panelist.id)
                        .order_by(Consent.given_at, Consent.id)).all()
    return [{"version": row.version, "privacy_version": row.privacy_version, "source": row.source,
             "given_at": row.given_at, "withdrawn_at": row.withdrawn_at} for row in rows]


def _audit_section(session: Session, panelist: Panelist) -> list:
    """Who did what with this person's data (the person's right to know)."""
    rows = session.exec(select(AuditEntry).where(
        AuditEntry.panel_id == panelist.panel_id,
        ((AuditEntry.target_type == "panelist") & (AuditEntry.target_id == panelist.id))
        | (AuditEntry.actor == f"panelist:{panelist.id}"))
        .order_by(AuditEntry.at, AuditEntry.id)).all()
    return [{"at": row.at, "actor": row.actor, "action": row.action, "detail": row.detail} for row in rows]


register_export_section("panelist", _panelist_section)
register_export_section("consents", _consents_section)
register_export_section("audit", _audit_section)
