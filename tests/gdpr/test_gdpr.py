"""GDPR export and erasure through the staff pages, and the audit log they leave."""
from __future__ import annotations

import json

import pytest
from sqlmodel import select

from engagement.audit.models import AuditEntry
from engagement.panel import gdpr
from engagement.panel.models import ERASED, Consent, Panelist
from engagement.tokens import make_token, read_token
from tests.factories import make_panel, make_panelist
from tests.staff.support import csrf_for, log_in, make_staff

PERSONAL = ("anna@example.dk", "+4520123456", "Anna Holm", "1975", "5000")


@pytest.fixture
def panel(session):
    return make_panel(session, name="Nordby")


@pytest.fixture
def person(session, panel):
    person = make_panelist(session, panel, name="Anna Holm", email="anna@example.dk", phone="+4520123456",
                           birth_year=1975, postcode="5000", area="midtby", gender="female",
                           education="lvu", housing="ejer", employment="ansat")
    session.add(Consent(panel_id=panel.id, panelist_id=person.id, version="2024-1"))
    session.commit()
    return person


def _page(panel, person, suffix=""):
    return f"/staff/{panel.key}/panelister/{person.id}{suffix}"


def _export(client, panel, person):
    token = csrf_for(client, _page(panel, person))
    return client.post(_page(panel, person, "/eksport"), data={"csrf_token": token})


def _erase(client, panel, person, confirm=True):
    token = csrf_for(client, _page(panel, person, "/slet"))
    data = {"csrf_token": token}
    if confirm:
        data["confirm"] = "yes"
    return client.post(_page(panel, person, "/slet"), data=data)


def _panelist_from_link(session, token: str) -> Panelist | None:
    """What a citizen link does: the token's version must be the row's current one."""
    claim = read_token("leave", token)
    row = session.get(Panelist, claim["p"])
    return row if row is not None and row.token_version == claim["v"] else None


def test_export_holds_everything_about_the_panelist(client, session, panel, person):
    editor = make_staff(session, panel, "editor")
    log_in(client, editor)

    response = _export(client, panel, person)

    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.headers["Content-Disposition"] == f'attachment; filename="panelist-{person.id}.json"'
    assert response.headers["Cache-Control"] == "no-store"
    document = json.loads(response.get_data(as_text=True))
    assert document["format"] == "borgerpanel.panelist-export"
    assert document["panel"] == {"key": panel.key, "name": "Nordby"}
    row = document["sections"]["panelist"]
    assert (row["email"], row["phone"], row["name"], row["birth_year"], row["postcode"]) == (
        "anna@example.dk", "+4520123456", "Anna Holm", 1975, "5000")
    assert row["id"] == person.id and row["status"] == "active"
    assert row["created_at"].startswith(str(person.created_at.year))
    assert [c["version"] for c in document["sections"]["consents"]] == ["2024-1"]
    actions = [entry["action"] for entry in document["sections"]["audit"]]
    assert actions == ["panelist.view", "panelist.export"]  # the page view and this export


def test_export_sections_can_be_added_by_later_features(client, session, panel, person, monkeypatch):
    monkeypatch.setattr(gdpr, "_export_sections", dict(gdpr._export_sections))
    gdpr.register_export_section("test-extra", lambda _session, p: [{"panelist": p.id, "answer": "ja"}])
    with pytest.raises(gdpr.DuplicateSection):
        gdpr.register_export_section("test-extra", lambda _session, p: [])
    log_in(client, make_staff(session, panel, "admin"))

    document = _export(client, panel, person).get_json()

    assert document["sections"]["test-extra"] == [{"panelist": person.id, "answer": "ja"}]


def test_viewer_may_not_export_or_erase(client, session, panel, person):
    viewer = make_staff(session, panel, "viewer")
    log_in(client, viewer)
    token = csrf_for(client, _page(panel, person))

    assert client.post(_page(panel, person, "/eksport"), data={"csrf_token": token}).status_code == 403
    assert client.get(_page(panel, person, "/slet")).status_code == 403
    assert client.post(_page(panel, person, "/slet"),
                       data={"csrf_token": token, "confirm": "yes"}).status_code == 403
    session.refresh(person)
    assert person.status != ERASED and person.email == "anna@example.dk"


def test_editor_may_export_but_not_erase(client, session, panel, person):
    log_in(client, make_staff(session, panel, "editor"))
    assert _export(client, panel, person).status_code == 200
    assert client.get(_page(panel, person, "/slet")).status_code == 403


def test_erasure_needs_confirmation(client, session, panel, person):
    log_in(client, make_staff(session, panel, "admin"))

    response = _erase(client, panel, person, confirm=False)

    assert response.status_code == 400
    assert "Sæt flueben" in response.get_data(as_text=True)
    session.refresh(person)
    assert person.email == "anna@example.dk" and person.status != ERASED


def test_erasure_leaves_nothing_personal(client, app, session, panel, person):
    admin = make_staff(session, panel, "admin")
    version_before = person.token_version
    with app.app_context():
        old_link = make_token("leave", {"p": person.id, "v": person.token_version})
        assert _panelist_from_link(session, old_link).id == person.id
    log_in(client, admin)

    response = _erase(client, panel, person)

    assert response.status_code == 302
    session.expire_all()
    row = session.get(Panelist, person.id)
    for field in gdpr.PERSONAL_FIELDS:
        assert getattr(row, field) is None, field
    assert row.status == ERASED and row.erased_at is not None
    assert row.token_version == version_before + 1
    assert all(c.withdrawn_at is not None for c in session.exec(select(Consent)).all())
    with app.app_context():
        assert _panelist_from_link(session, old_link) is None  # every old link is dead

    second = _export(client, panel, person)
    text = second.get_data(as_text=True)
    assert second.status_code == 200
    for value in PERSONAL:
        assert value not in text, value
    assert second.get_json()["sections"]["panelist"]["status"] == "erased"

    page = client.get(_page(panel, person)).get_data(as_text=True)
    assert "Anna Holm" not in page and "Slettet panelist" in page
    assert "Anna Holm" not in client.get(f"/staff/{panel.key}/panelister").get_data(as_text=True)
    # A second erasure is harmless.
    assert client.post(_page(panel, person, "/slet"), data={
        "csrf_token": csrf_for(client, _page(panel, person)), "confirm": "yes"}).status_code == 302


def test_erasure_steps_run_first_and_a_failing_step_erases_nothing(client, session, panel, person, monkeypatch):
    seen = []
    monkeypatch.setattr(gdpr, "_erasure_steps", [])
    gdpr.register_erasure_step(lambda _session, p, now: seen.append((p.email, now)))
    log_in(client, make_staff(session, panel, "admin"))

    _erase(client, panel, person)

    assert seen and seen[0][0] == "anna@example.dk"  # the step could still find the address
    other = make_panelist(session, panel, name="Bo Lund")

    def broken(_session, _p, _now):
        raise RuntimeError("the answers store is down")

    gdpr.register_erasure_step(broken)
    client.application.config["PROPAGATE_EXCEPTIONS"] = False
    assert _erase(client, panel, other).status_code == 500
    session.refresh(other)
    assert other.name == "Bo Lund" and other.status != ERASED
    assert session.exec(select(AuditEntry).where(AuditEntry.action == "panelist.erase",
                                                 AuditEntry.target_id == other.id)).all() == []


def test_audit_log_records_list_view_export_and_erase(client, session, panel, person):
    admin = make_staff(session, panel, "admin", name="Maja Admin")
    other_admin = make_staff(session, panel, "admin")
    log_in(client, admin)

    client.get(f"/staff/{panel.key}/panelister")
    _export(client, panel, person)       # views the page first, then exports
    _erase(client, panel, person)

    entries = session.exec(select(AuditEntry).order_by(AuditEntry.id)).all()
    assert [(e.action, e.staff_id) for e in entries] == [
        ("panelists.list", admin.id), ("panelist.view", admin.id), ("panelist.export", admin.id),
        ("panelist.erase", admin.id)]
    assert all(e.actor == f"staff:{admin.id}" and e.panel_id == panel.id for e in entries)
    assert all(e.target_id == person.id for e in entries[1:])
    dumped = json.dumps([e.detail for e in entries]).lower()
    assert "anna" not in dumped and "4520123456" not in dumped  # audit entries hold no personal data

    page = client.get(f"/staff/{panel.key}/audit").get_data(as_text=True)
    assert "Maja Admin" in page
    positions = [page.index(label) for label in (
        "Slettede en panelists personoplysninger", "Hentede en panelists data", "Så en panelist",
        "Så listen over panelister")]
    assert positions == sorted(positions)  # newest first
    assert other_admin.id


def test_audit_log_is_for_admins_and_paged(client, session, panel):
    from engagement.audit import record_audit

    editor = make_staff(session, panel, "editor")
    admin = make_staff(session, panel, "admin")
    for n in range(60):
        record_audit(session, panel_id=panel.id, staff_id=admin.id, action=f"test.action{n:02d}")
    other = make_panel(session)
    record_audit(session, panel_id=other.id, action="other.panel")
    session.commit()

    log_in(client, editor)
    assert client.get(f"/staff/{panel.key}/audit").status_code == 403
    client.post("/staff/logout", data={"csrf_token": csrf_for(client, f"/staff/{panel.key}/")})
    log_in(client, admin)
    first = client.get(f"/staff/{panel.key}/audit").get_data(as_text=True)
    second = client.get(f"/staff/{panel.key}/audit?side=2").get_data(as_text=True)

    assert "test.action59" in first and "test.action10" in first and "test.action09" not in first
    assert "test.action09" in second and "test.action00" in second and "test.action10" not in second
    assert "other.panel" not in first + second
