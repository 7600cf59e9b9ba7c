"""Staff log-in for the upload page tests, and CSV files written the ways municipalities write them."""
from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from engagement.staff.models import StaffRole, StaffUser
from tests.conftest import csrf_token_from

PASSWORD = "en-lang-adgangskode-til-test"
_HASH = PasswordHasher().hash(PASSWORD)


def make_staff(session, panel, role: str, email: str = "medarbejder@kommune.example.dk") -> StaffUser:
    staff = StaffUser(email=email, name="Medarbejder", password_hash=_HASH)
    session.add(staff)
    session.commit()
    session.refresh(staff)
    session.add(StaffRole(staff_id=staff.id, panel_id=panel.id, role=role))
    session.commit()
    return staff


def log_in(client, staff: StaffUser) -> None:
    """Log in through the login page like a browser."""
    page = client.get("/staff/login")
    response = client.post("/staff/login", data={"email": staff.email, "password": PASSWORD,
                                                 "csrf_token": csrf_token_from(page.get_data(as_text=True))})
    assert response.status_code == 302, response.get_data(as_text=True)


@pytest.fixture
def csv_bytes():
    def make(lines: list[str], *, delimiter: str = ";", encoding: str = "utf-8", bom: bool = False) -> bytes:
        text = "\r\n".join(line.replace(";", delimiter) for line in lines) + "\r\n"
        data = text.encode(encoding)
        return (b"\xef\xbb\xbf" + data) if bom else data
    return make
