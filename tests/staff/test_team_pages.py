"""Staff management: admins only, add with a one-time password, change roles, remove, keep an admin."""
from __future__ import annotations

import re

import pytest
from sqlmodel import select

from engagement.audit.models import AuditEntry
from engagement.staff.models import StaffRole, StaffUser
from tests.factories import make_panel
from tests.staff.support import csrf_for, log_in, make_staff, post_login


@pytest.fixture
def panel(session):
    return make_panel(session, name="Nordby")


def _url(panel, tail=""):
    return f"/staff/{panel.key}/medarbejdere{tail}"


def _role(session, staff, panel):
    session.expire_all()
    row = session.exec(select(StaffRole).where(StaffRole.staff_id == staff.id, StaffRole.panel_id == panel.id)).first()
    return row.role if row else None


def test_only_admins_see_the_page(client, session, panel):
    editor = make_staff(session, panel, "editor")
    log_in(client, editor)
    assert client.get(_url(panel)).status_code == 403
    token = csrf_for(client, f"/staff/{panel.key}/indstillinger")
    assert client.post(_url(panel), data={"csrf_token": token, "email": "ny@kommune.dk",
                                          "role": "admin"}).status_code == 403
    assert session.exec(select(StaffUser).where(StaffUser.email == "ny@kommune.dk")).first() is None


def test_admin_lists_and_adds_an_account_with_a_one_time_password(client, session, panel, app):
    admin = make_staff(session, panel, "admin", name="Aase Admin")
    make_staff(session, panel, "viewer", name="Vera Viewer")
    log_in(client, admin)
    page = client.get(_url(panel)).get_data(as_text=True)
    assert "Aase Admin" in page and "Vera Viewer" in page and "Medarbejdere" in page

    token = csrf_for(client, _url(panel))
    response = client.post(_url(panel), data={"csrf_token": token, "email": " Ny@Kommune.dk ", "name": "Ny Person",
                                              "role": "editor"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    password = re.search(r'<code class="password">([^<]+)</code>', html).group(1)
    created = session.exec(select(StaffUser).where(StaffUser.email == "ny@kommune.dk")).one()
    assert _role(session, created, panel) == "editor"
    assert password not in client.get(_url(panel)).get_data(as_text=True)  # shown once
    entry = session.exec(select(AuditEntry).where(AuditEntry.action == "staff.add")).one()
    assert entry.target_id == created.id and entry.detail == {"role": "editor", "new_account": True}
    assert "kommune.dk" not in str(entry.detail)

    # The password works.
    other = app.test_client()
    assert post_login(other, "ny@kommune.dk", password).status_code == 302

    # Adding the same person again is refused.
    again = client.post(_url(panel), data={"csrf_token": token, "email": "ny@kommune.dk", "role": "viewer"})
    assert again.status_code == 422 and "allerede adgang" in again.get_data(as_text=True)
    bad = client.post(_url(panel), data={"csrf_token": token, "email": "ikke-en-adresse", "role": "root"})
    assert bad.status_code == 422 and bad.get_data(as_text=True).count('class="error"') == 2


def test_an_existing_account_of_another_panel_gets_access_without_a_new_password(client, session, panel):
    admin = make_staff(session, panel, "admin")
    elsewhere = make_staff(session, make_panel(session), "admin", email="kendt@kommune.dk")
    log_in(client, admin)
    token = csrf_for(client, _url(panel))
    html = client.post(_url(panel), data={"csrf_token": token, "email": "kendt@kommune.dk",
                                          "role": "viewer"}).get_data(as_text=True)
    assert "allerede en konto" in html and 'class="password"' not in html
    assert _role(session, elsewhere, panel) == "viewer"


def test_change_role_and_remove_are_audited(client, session, panel):
    admin = make_staff(session, panel, "admin")
    viewer = make_staff(session, panel, "viewer")
    editor = make_staff(session, panel, "editor")
    log_in(client, admin)
    token = csrf_for(client, _url(panel))
    assert client.post(_url(panel, f"/{viewer.id}/rolle"), data={"csrf_token": token, "role": "admin"}).status_code == 302
    assert _role(session, viewer, panel) == "admin"
    assert client.post(_url(panel, f"/{editor.id}/fjern"), data={"csrf_token": token}).status_code == 302
    assert _role(session, editor, panel) is None
    assert session.get(StaffUser, editor.id) is not None  # the account stays, only the access goes
    actions = {(e.action, e.target_id): e.detail for e in session.exec(select(AuditEntry)).all()}
    assert actions[("staff.role", viewer.id)] == {"old_role": "viewer", "role": "admin"}
    assert actions[("staff.remove", editor.id)] == {"old_role": "editor"}


def test_the_last_admin_is_protected(client, session, panel):
    admin = make_staff(session, panel, "admin")
    log_in(client, admin)
    token = csrf_for(client, _url(panel))
    response = client.post(_url(panel, f"/{admin.id}/rolle"), data={"csrf_token": token, "role": "viewer"})
    assert response.status_code == 409
    assert "mindst én administrator" in response.get_data(as_text=True)
    response = client.post(_url(panel, f"/{admin.id}/fjern"), data={"csrf_token": token})
    assert response.status_code == 409
    assert _role(session, admin, panel) == "admin"
    assert session.exec(select(AuditEntry)).all() == []


def test_an_admin_cannot_change_their_own_access(client, session, panel):
    admin = make_staff(session, panel, "admin")
    second = make_staff(session, panel, "admin")
    log_in(client, admin)
    token = csrf_for(client, _url(panel))
    response = client.post(_url(panel, f"/{admin.id}/rolle"), data={"csrf_token": token, "role": "viewer"})
    assert response.status_code == 409 and "din egen adgang" in response.get_data(as_text=True)
    assert client.post(_url(panel, f"/{admin.id}/fjern"), data={"csrf_token": token}).status_code == 409
    assert _role(session, admin, panel) == "admin"
    # Another admin can go, as one admin remains.
    assert client.post(_url(panel, f"/{second.id}/fjern"), data={"csrf_token": token}).status_code == 302
    assert _role(session, second, panel) is None


def test_other_panels_staff_get_404(client, session, panel):
    member = make_staff(session, panel, "viewer")
    own = make_panel(session)
    outsider = make_staff(session, own, "admin")
    log_in(client, outsider)
    assert client.get(_url(panel)).status_code == 404
    token = csrf_for(client, _url(own))
    assert client.post(_url(panel, f"/{member.id}/fjern"), data={"csrf_token": token}).status_code == 404
    # An account of another panel is not found inside one's own panel either.
    assert client.post(_url(own, f"/{member.id}/fjern"), data={"csrf_token": token}).status_code == 404
    assert client.post(_url(own, f"/{member.id}/rolle"), data={"csrf_token": token, "role": "admin"}).status_code == 404
    assert _role(session, member, panel) == "viewer"
