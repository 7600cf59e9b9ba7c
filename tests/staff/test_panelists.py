"""The staff's panelist pages: list, search, filters, paging, one panelist, access between panels."""
from __future__ import annotations

import json

import pytest
from sqlmodel import select

from engagement.audit.models import AuditEntry
from engagement.panel.models import ACTIVE, LEFT, PENDING, Consent
from tests.factories import make_panel, make_panelist
from tests.staff.support import csrf_for, log_in, make_staff


@pytest.fixture
def panel(session):
    return make_panel(session, name="Nordby")


@pytest.fixture
def viewer(client, session, panel):
    staff = make_staff(session, panel, "viewer")
    log_in(client, staff)
    return staff


def _list(client, panel, **query):
    response = client.get(f"/staff/{panel.key}/panelister", query_string=query)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_list_search_and_filters(client, session, panel, viewer):
    anna = make_panelist(session, panel, name="Anna Holm", email="anna@example.dk", phone="+4520123456",
                         area="midtby")
    bo = make_panelist(session, panel, name="Bo Lund", email="bo@post.dk", area="vest", status=PENDING)
    make_panelist(session, panel, name="Cecilie Ravn", email="cr@example.dk", area="vest", status=LEFT)
    make_panelist(session, make_panel(session), name="Anna Fremmed", email="anna@andet.dk")

    page = _list(client, panel)
    assert "Anna Holm" in page and "Bo Lund" in page and "Cecilie Ravn" in page
    assert "Anna Fremmed" not in page
    assert "+4520123456" not in page  # the list shows only what it needs

    assert "Bo Lund" in _list(client, panel, q="POST.DK") and "Anna Holm" not in _list(client, panel, q="post.dk")
    assert "Anna Holm" in _list(client, panel, q="20123456")
    assert "Anna Holm" in _list(client, panel, q="holm")
    assert "Bo Lund" not in _list(client, panel, q="%")  # wildcards are literal
    by_status = _list(client, panel, status=PENDING)
    assert "Bo Lund" in by_status and "Anna Holm" not in by_status
    by_area = _list(client, panel, area="vest")
    assert "Bo Lund" in by_area and "Cecilie Ravn" in by_area and "Anna Holm" not in by_area
    both = _list(client, panel, area="vest", status=LEFT)
    assert "Cecilie Ravn" in both and "Bo Lund" not in both
    assert anna.id and bo.id


def test_list_is_paged_by_50(client, session, panel, viewer):
    for n in range(55):
        make_panelist(session, panel, name=f"Person {n:02d}", email=f"p{n}@example.dk")

    first = _list(client, panel)
    second = _list(client, panel, side=2)

    assert "55 panelister" in first
    names_first = {f"Person {n:02d}" for n in range(55) if f"Person {n:02d}<" in first}
    names_second = {f"Person {n:02d}" for n in range(55) if f"Person {n:02d}<" in second}
    assert len(names_first) == 50 and len(names_second) == 5
    assert not names_first & names_second
    assert "side=2" in first
    assert "Person" in _list(client, panel, side=99)  # past the end: the last page
    assert "Person" in _list(client, panel, side="x")


def test_listing_is_audited_without_personal_data(client, session, panel, viewer):
    make_panelist(session, panel, name="Anna Holm", email="anna@example.dk", area="vest")

    _list(client, panel, q="anna@example.dk", area="vest", status=ACTIVE)

    entry = session.exec(select(AuditEntry).where(AuditEntry.action == "panelists.list")).one()
    assert entry.staff_id == viewer.id and entry.panel_id == panel.id
    assert entry.detail["count"] == 1 and entry.detail["area"] == "vest" and entry.detail["status"] == ACTIVE
    assert entry.detail["search"] is True
    assert "anna" not in json.dumps(entry.detail).lower()


def test_a_panelist_page_shows_profile_and_consents_and_is_audited(client, session, panel, viewer):
    person = make_panelist(session, panel, name="Anna Holm", email="anna@example.dk", phone="+4520123456",
                           birth_year=1975, education="lvu")
    session.add(Consent(panel_id=panel.id, panelist_id=person.id, version="2024-1"))
    session.commit()

    page = client.get(f"/staff/{panel.key}/panelister/{person.id}").get_data(as_text=True)

    assert "Anna Holm" in page and "anna@example.dk" in page and "+4520123456" in page
    assert "1975" in page and "Lang videregående uddannelse" in page and "2024-1" in page
    assert "Hent alle data" not in page  # a viewer cannot export
    entry = session.exec(select(AuditEntry).where(AuditEntry.action == "panelist.view")).one()
    assert (entry.staff_id, entry.target_type, entry.target_id) == (viewer.id, "panelist", person.id)


def test_staff_of_one_panel_get_404_for_another_panels_panelists(client, session, panel):
    other = make_panel(session, name="Sydby")
    stranger = make_panelist(session, other, name="Sara Syd")
    admin = make_staff(session, panel, "admin")
    make_staff(session, other, "admin")  # the other panel has staff of its own
    log_in(client, admin)

    # Panel B by its key.
    for path in ("/", "/panelister", f"/panelister/{stranger.id}", f"/panelister/{stranger.id}/slet", "/audit"):
        assert client.get(f"/staff/{other.key}{path}").status_code == 404, path
    # B's panelist under A's key.
    assert client.get(f"/staff/{panel.key}/panelister/{stranger.id}").status_code == 404
    assert client.get(f"/staff/{panel.key}/panelister/{stranger.id}/slet").status_code == 404
    token = csrf_for(client, f"/staff/{panel.key}/panelister")
    for action in ("eksport", "slet"):
        response = client.post(f"/staff/{panel.key}/panelister/{stranger.id}/{action}",
                               data={"csrf_token": token, "confirm": "yes"})
        assert response.status_code == 404
        response = client.post(f"/staff/{other.key}/panelister/{stranger.id}/{action}",
                               data={"csrf_token": token, "confirm": "yes"})
        assert response.status_code == 404
    session.refresh(stranger)
    assert stranger.name == "Sara Syd"
    assert "Sara Syd" not in _list(client, panel)


def test_pages_need_a_login(client, session, panel):
    person = make_panelist(session, panel)
    response = client.get(f"/staff/{panel.key}/panelister/{person.id}")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/staff/login?next=")
