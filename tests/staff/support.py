"""Helpers for tests of staff pages: make an account, log in through the real form."""
from __future__ import annotations

import itertools

from engagement.staff import service
from engagement.staff.models import StaffUser
from tests.conftest import csrf_token_from

PASSWORD = "en-rigtig-god-adgangskode"
_seq = itertools.count(1)


def make_staff(session, panel, role: str = "admin", email: str | None = None,
               password: str = PASSWORD, name: str = "") -> StaffUser:
    email = email or f"medarbejder{next(_seq)}@kommune.dk"
    result = service.create_staff(session, email, panel_key=panel.key, role=role, name=name or None,
                                  password=password)
    session.commit()
    return result.staff


def post_login(client, email: str, password: str, next_url: str | None = None):
    page = client.get("/staff/login", query_string={"next": next_url} if next_url else None)
    data = {"email": email, "password": password, "csrf_token": csrf_token_from(page.get_data(as_text=True))}
    if next_url is not None:
        data["next"] = next_url
    return client.post("/staff/login", data=data)


def log_in(client, staff: StaffUser, password: str = PASSWORD) -> None:
    response = post_login(client, staff.email, password)
    assert response.status_code == 302, response.get_data(as_text=True)


def csrf_for(client, path: str) -> str:
    """A CSRF token from a page of the logged-in session (like a browser)."""
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return csrf_token_from(response.get_data(as_text=True))
