"""The staff's upload page: /staff/<panel_key>/import/ (editor and up)."""
from __future__ import annotations

import io

from sqlmodel import select

from engagement.audit.models import AuditEntry
from engagement.panel.models import Panelist
from tests.conftest import csrf_token_from
from tests.factories import make_panel
from tests.importing.conftest import log_in, make_staff

LINES = [
    "E-mail;Navn;Fødselsår;Køn;Postnummer;Uddannelse",
    "søs@example.dk;Søs Ærenlund;1970;Kvinde;5000;Lang videregående uddannelse",
    "åge@example.dk;Åge Øby;1955;Mand;5200;Grundskole",
    "ikke-en-mail;Fejl;1960;;;",
    "søs@example.dk;Søs igen;;;;",
]


def upload(client, panel, data: bytes, filename: str = "panel.csv"):
    page = client.get(f"/staff/{panel.key}/import/")
    assert page.status_code == 200
    return client.post(f"/staff/{panel.key}/import/", content_type="multipart/form-data", data={
        "csrf_token": csrf_token_from(page.get_data(as_text=True)),
        "file": (io.BytesIO(data), filename)})


def test_an_editor_imports_a_windows_1252_file(client, session, csv_bytes):
    panel = make_panel(session)
    staff = make_staff(session, panel, "editor")
    log_in(client, staff)
    response = upload(client, panel, csv_bytes(LINES, encoding="cp1252"))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<strong>2</strong> importeret" in html
    assert "<strong>2</strong> linjer afvist" in html
    assert "<td>4</td><td>E-mail »ikke-en-mail« ser ikke rigtig ud.</td>" in html
    assert "<td>5</td><td>Samme e-mail som linje 2.</td>" in html
    people = session.exec(select(Panelist).where(Panelist.panel_id == panel.id).order_by(Panelist.email)).all()
    assert [(p.email, p.name, p.gender, p.education, p.area) for p in people] == [
        ("søs@example.dk", "Søs Ærenlund", "female", "lvu", "midtby"),
        ("åge@example.dk", "Åge Øby", "male", "grundskole", "vest")]
    entry = session.exec(select(AuditEntry).where(AuditEntry.action == "panelists.import")).one()
    assert (entry.staff_id, entry.panel_id, entry.detail["imported"], entry.detail["rejected"]) == (
        staff.id, panel.id, 2, 2)


def test_uploading_the_same_file_again_adds_nobody(client, session, csv_bytes):
    panel = make_panel(session)
    log_in(client, make_staff(session, panel, "admin"))
    data = csv_bytes(LINES, delimiter=",", bom=True)
    upload(client, panel, data)
    html = upload(client, panel, data).get_data(as_text=True)
    assert "<strong>0</strong> importeret" in html
    assert "<strong>2</strong> fandtes allerede i panelet" in html
    assert "<td>2</td><td>Findes allerede i panelet.</td>" in html
    assert len(session.exec(select(Panelist).where(Panelist.panel_id == panel.id)).all()) == 2


def test_an_unreadable_file_imports_nothing_and_says_why(client, session):
    panel = make_panel(session)
    log_in(client, make_staff(session, panel, "editor"))
    response = upload(client, panel, b"PK\x03\x04\x14\x00\x06\x00binary", filename="panel.xlsx")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Intet blev importeret. Filen er en Excel-fil." in html
    assert 'aria-describedby="file-hint file-error"' in html
    assert session.exec(select(Panelist)).all() == []
    assert session.exec(select(AuditEntry)).all() == []


def test_a_form_without_a_file_asks_for_one(client, session):
    panel = make_panel(session)
    log_in(client, make_staff(session, panel, "editor"))
    page = client.get(f"/staff/{panel.key}/import/")
    response = client.post(f"/staff/{panel.key}/import/", data={
        "csrf_token": csrf_token_from(page.get_data(as_text=True))})
    assert response.status_code == 400
    assert "Vælg en CSV-fil." in response.get_data(as_text=True)


def test_the_form_has_a_labelled_file_field(client, session):
    panel = make_panel(session)
    log_in(client, make_staff(session, panel, "editor"))
    html = client.get(f"/staff/{panel.key}/import/").get_data(as_text=True)
    assert '<label for="file">' in html
    assert 'type="file" id="file" name="file"' in html
    assert 'enctype="multipart/form-data"' in html


def test_who_may_import(client, session, csv_bytes):
    panel = make_panel(session)
    other = make_panel(session)
    assert client.get(f"/staff/{panel.key}/import/").status_code == 302  # not logged in: to the login page
    log_in(client, make_staff(session, panel, "viewer"))
    assert client.get(f"/staff/{panel.key}/import/").status_code == 403
    assert client.get(f"/staff/{other.key}/import/").status_code == 404
    csrf = csrf_token_from(client.get(f"/staff/{panel.key}/").get_data(as_text=True))  # the log-out form's
    response = client.post(f"/staff/{panel.key}/import/", content_type="multipart/form-data", data={
        "csrf_token": csrf, "file": (io.BytesIO(csv_bytes(LINES)), "panel.csv")})
    assert response.status_code == 403
    assert session.exec(select(Panelist)).all() == []


def test_the_upload_needs_the_csrf_token(client, session, csv_bytes):
    panel = make_panel(session)
    log_in(client, make_staff(session, panel, "editor"))
    response = client.post(f"/staff/{panel.key}/import/", content_type="multipart/form-data",
                           data={"file": (io.BytesIO(csv_bytes(LINES)), "panel.csv")})
    assert response.status_code == 400
    assert session.exec(select(Panelist)).all() == []
