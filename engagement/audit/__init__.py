"""Audit log of staff actions on personal data."""
from __future__ import annotations

from typing import Optional

from sqlmodel import Session

from engagement.audit.models import AuditEntry


def record_audit(session: Session, *, panel_id: int, action: str, staff_id: Optional[int] = None,
                 actor: Optional[str] = None, target_type: Optional[str] = None,
                 target_id: Optional[int] = None, **detail) -> AuditEntry:
    """Add an audit entry to the session (committed with the action it records).

    ``detail`` must not hold personal data (no addresses or names): counts,
    filters and ids only.
    """
    entry = AuditEntry(panel_id=panel_id, staff_id=staff_id,
                       actor=actor or (f"staff:{staff_id}" if staff_id else "system"),
                       action=action, target_type=target_type, target_id=target_id, detail=detail)
    session.add(entry)
    return entry
