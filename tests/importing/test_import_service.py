"""Saving an import: active at once, consent, area, no duplicates, one audit entry."""
from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest
from sqlmodel import select

from engagement.audit.models import AuditEntry
from engagement.panel.consent import CURRENT_VERSION
from engagement.panel.import_service import UnreadableFile, import_panelists, membership_end
from engagement.panel.models import ACTIVE, Consent, Panelist
from tests.factories import make_panel, make_panelist

NOW = datetime(2025, 3, 10, 12, 0, tzinfo=timezone.utc)

FILE = [
    "email;navn;mobil;fødselsår;køn;postnummer;kanal",
    "anna@example.dk;Anna Ærø;20123456;1980;Kvinde;5000;begge",
    "bo@example.dk;Bo;;1975;Mand;5200;",
    "cille@example.dk;Cille;;;;9999;",
    "forkert;Forkert;;;;;",
]


def emails_in(session, panel) -> list[str]:
    return sorted(session.exec(select(Panelist.email).where(Panelist.panel_id == panel.id)).all())


def test_valid_rows_are_saved_active_with_consent_and_area(app, session, csv_bytes):
    panel = make_panel(session, membership_years=2)
    with app.app_context():
        result = import_panelists(session, panel, csv_bytes(FILE), actor="cli", now=NOW)
    assert (result.imported, len(result.rejected), len(result.already_in_panel), result.without_area) == (3, 1, 0, 1)
    assert [(line.line, line.reason) for line in result.rejected] == [(5, "E-mail »forkert« ser ikke rigtig ud.")]

    anna = session.exec(select(Panelist).where(Panelist.email == "anna@example.dk")).one()
    assert (anna.panel_id, anna.status, anna.source, anna.name, anna.phone, anna.channel) == (
        panel.id, ACTIVE, "import", "Anna Ærø", "+4520123456", "both")
    assert (anna.birth_year, anna.gender, anna.postcode, anna.area) == (1980, "female", "5000", "midtby")
    assert anna.confirmed_at == NOW
    assert anna.membership_ends_at == datetime(2027, 3, 10, 12, 0, tzinfo=timezone.utc)
    bo = session.exec(select(Panelist).where(Panelist.email == "bo@example.dk")).one()
    assert (bo.area, bo.channel, bo.language) == ("vest", "email", "da")
    cille = session.exec(select(Panelist).where(Panelist.email == "cille@example.dk")).one()
    assert cille.area is None  # a postcode outside the panel's areas

    consents = session.exec(select(Consent).where(Consent.panel_id == panel.id)).all()
    assert sorted(c.panelist_id for c in consents) == sorted([anna.id, bo.id, cille.id])
    assert {(c.source, c.version, c.given_at, c.withdrawn_at) for c in consents} == {
        ("import", CURRENT_VERSION, NOW, None)}


def test_importing_the_same_file_twice_adds_no_duplicates(app, session, csv_bytes):
    panel = make_panel(session)
    data = csv_bytes(FILE)
    with app.app_context():
        first = import_panelists(session, panel, data)
        second = import_panelists(session, panel, data)
    assert first.imported == 3
    assert second.imported == 0
    assert [line.line for line in second.already_in_panel] == [2, 3, 4]
    assert {line.reason for line in second.already_in_panel} == {"Findes allerede i panelet."}
    assert [line.line for line in second.skipped] == [2, 3, 4, 5]
    assert emails_in(session, panel) == ["anna@example.dk", "bo@example.dk", "cille@example.dk"]
    assert len(session.exec(select(Consent).where(Consent.panel_id == panel.id)).all()) == 3


def test_people_already_in_the_panel_are_skipped_whatever_the_case(app, session, csv_bytes):
    panel = make_panel(session)
    other = make_panel(session)
    make_panelist(session, panel, email="Anna@example.dk")
    make_panelist(session, other, email="bo@example.dk")  # another panel does not count
    with app.app_context():
        result = import_panelists(session, panel, csv_bytes(FILE))
    assert result.imported == 2
    assert [line.line for line in result.already_in_panel] == [2]
    assert emails_in(session, panel) == ["Anna@example.dk", "bo@example.dk", "cille@example.dk"]
    assert emails_in(session, other) == ["bo@example.dk"]


def test_the_import_is_one_audit_entry_with_counts_and_no_personal_data(app, session, csv_bytes):
    panel = make_panel(session)
    make_panelist(session, panel, email="bo@example.dk")
    with app.app_context():
        import_panelists(session, panel, csv_bytes(FILE), actor="cli")
    entry, = session.exec(select(AuditEntry).where(AuditEntry.panel_id == panel.id)).all()
    assert (entry.action, entry.actor, entry.staff_id) == ("panelists.import", "cli", None)
    assert entry.detail == {"lines": 4, "imported": 2, "already_in_panel": 1, "rejected": 1, "without_area": 1}
    stored = json.dumps(entry.detail)
    assert "@" not in stored and "Anna" not in stored


@pytest.mark.parametrize("data", [b"", b"\x00\x01\x02binary", b"navn;postnummer\r\nAnna;5000\r\n"])
def test_an_unreadable_file_imports_nothing(app, session, data):
    panel = make_panel(session)
    with app.app_context(), pytest.raises(UnreadableFile):
        import_panelists(session, panel, data)
    session.rollback()
    assert emails_in(session, panel) == []
    assert session.exec(select(AuditEntry)).all() == []


def test_membership_end_on_leap_day():
    start = datetime(2024, 2, 29, 8, 0, tzinfo=timezone.utc)
    assert membership_end(start, 3) == datetime(2027, 2, 28, 8, 0, tzinfo=timezone.utc)


def test_many_rows_go_in_chunks(app, session, csv_bytes, monkeypatch):
    from engagement.panel import import_service

    monkeypatch.setattr(import_service, "CHUNK_SIZE", 7)
    panel = make_panel(session)
    lines = ["email;postnummer"] + [f"borger{i}@example.dk;5000" for i in range(30)]
    with app.app_context():
        result = import_panelists(session, panel, csv_bytes(lines))
    assert result.imported == 30
    ids = session.exec(select(Panelist.id).where(Panelist.panel_id == panel.id)).all()
    consent_ids = session.exec(select(Consent.panelist_id).where(Consent.panel_id == panel.id)).all()
    assert sorted(ids) == sorted(consent_ids) and len(set(ids)) == 30
