"""Saving an imported CSV of panelists: what the upload page and ``flask panel import`` call.

``import_panelists`` reads the file (``engagement.panel.importing``) and saves
every valid row that is not already in the panel, in one transaction with one
audit entry (``panelists.import``, counts only).  The municipality vouches for
the imported people's consent, so they are active at once: confirmed now, a
``Consent`` row with source ``import`` and the current consent version, and a
membership that ends after the panel's ``membership_years``.

Rows go in with bulk inserts (SQLAlchemy Core, executemany in chunks) after the
panel's addresses are loaded into a set: a file of 100,000 lines takes
seconds.  If the file cannot be read, ``UnreadableFile`` is raised and nothing
is saved.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import insert, select
from sqlmodel import Session

from engagement.audit import record_audit
from engagement.db import utcnow
from engagement.panel.consent import CURRENT_VERSION as CONSENT_VERSION
from engagement.panel.importing import (ImportRow, ParsedFile, RejectedLine, UnreadableFile, email_key,
                                        read_panelists_csv)
from engagement.panel.models import ACTIVE, Consent, Panel, Panelist
from engagement.panel.profile import area_for_postcode

log = logging.getLogger(__name__)

SOURCE = "import"
CHUNK_SIZE = 5000

__all__ = ["ImportResult", "UnreadableFile", "import_panelists", "save_import", "membership_end"]


@dataclass
class ImportResult:
    imported: int = 0
    already_in_panel: list[RejectedLine] = field(default_factory=list)
    rejected: list[RejectedLine] = field(default_factory=list)
    without_area: int = 0
    lines: int = 0
    ignored_columns: list[str] = field(default_factory=list)
    encoding: str = ""
    delimiter: str = ""

    @property
    def skipped(self) -> list[RejectedLine]:
        """Every line not imported, in file order (errors and people already in the panel)."""
        return sorted(self.rejected + self.already_in_panel, key=lambda line: line.line)


def membership_end(start: datetime, years: int) -> datetime:
    """The same date ``years`` later (28 February for 29 February)."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return start.replace(year=start.year + years, day=28)


def _existing_email_keys(session: Session, panel_id: int) -> set[str]:
    emails = session.connection().execute(
        select(Panelist.email).where(Panelist.panel_id == panel_id, Panelist.email.is_not(None)))
    return {email_key(email) for (email,) in emails}


def _panelist_values(row: ImportRow, panel: Panel, now: datetime, ends_at: datetime) -> dict:
    return {
        "panel_id": panel.id, "status": ACTIVE, "email": row.email, "phone": row.phone, "name": row.name,
        "language": row.language, "channel": row.channel, "email_status": "ok", "sms_status": "ok",
        "birth_year": row.birth_year, "gender": row.gender, "postcode": row.postcode,
        "area": area_for_postcode(row.postcode, panel.postcode_areas or {}),
        "education": row.education, "housing": row.housing, "employment": row.employment,
        "source": SOURCE, "created_at": now, "confirmed_at": now, "membership_ends_at": ends_at,
        "token_version": 1,
    }


def insert_rows(session: Session, panel_id: int, rows: list[dict], *, consent_version: str, source: str) -> None:
    """Insert panelists (column dicts with new emails) and a consent row each, in bulk.

    Plain executemany without RETURNING (SQLite would send a RETURNING insert
    one row at a time); the new ids are then read back by email, which is
    unique within the panel.
    """
    if not rows:
        return
    connection = session.connection()
    for start in range(0, len(rows), CHUNK_SIZE):
        connection.execute(insert(Panelist.__table__), rows[start:start + CHUNK_SIZE])
    ids = dict(connection.execute(select(Panelist.email, Panelist.id).where(Panelist.panel_id == panel_id)).all())
    consents = [{"panel_id": panel_id, "panelist_id": ids[row["email"]], "version": consent_version,
                 "source": source, "given_at": row["confirmed_at"], "withdrawn_at": None} for row in rows]
    for start in range(0, len(consents), CHUNK_SIZE):
        connection.execute(insert(Consent.__table__), consents[start:start + CHUNK_SIZE])


def save_import(session: Session, panel: Panel, parsed: ParsedFile, *, staff_id: int | None = None,
                actor: str | None = None, now: datetime | None = None) -> ImportResult:
    """Save the parsed rows not yet in the panel, audit, and commit."""
    now = now or utcnow()
    ends_at = membership_end(now, panel.membership_years)
    result = ImportResult(rejected=list(parsed.rejected), lines=parsed.line_count,
                          ignored_columns=list(parsed.ignored_columns), encoding=parsed.encoding,
                          delimiter=parsed.delimiter)
    existing = _existing_email_keys(session, panel.id)
    new_rows: list[dict] = []
    for row in parsed.rows:
        if row.email_key in existing:
            result.already_in_panel.append(RejectedLine(row.line, (_l("Findes allerede i panelet."),)))
            continue
        values = _panelist_values(row, panel, now, ends_at)
        if values["area"] is None:
            result.without_area += 1
        new_rows.append(values)

    insert_rows(session, panel.id, new_rows, consent_version=CONSENT_VERSION, source=SOURCE)
    result.imported = len(new_rows)

    record_audit(session, panel_id=panel.id, action="panelists.import", staff_id=staff_id, actor=actor,
                 target_type="panel", target_id=panel.id, lines=result.lines, imported=result.imported,
                 already_in_panel=len(result.already_in_panel), rejected=len(result.rejected),
                 without_area=result.without_area)
    session.commit()
    log.info("import panel=%s lines=%s imported=%s already=%s rejected=%s", panel.key, result.lines,
             result.imported, len(result.already_in_panel), len(result.rejected))
    return result


def import_panelists(session: Session, panel: Panel, data: bytes, *, staff_id: int | None = None,
                     actor: str | None = None, now: datetime | None = None,
                     today: date | None = None) -> ImportResult:
    """Read ``data`` (a CSV file's bytes) and save it; raises ``UnreadableFile`` (nothing saved)."""
    parsed = read_panelists_csv(data, today=today)
    return save_import(session, panel, parsed, staff_id=staff_id, actor=actor, now=now)
