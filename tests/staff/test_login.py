"""Staff login and logout through the real forms, with CSRF on."""
from __future__ import annotations

from datetime import timedelta

import pytest
from argon2 import PasswordHasher
from sqlmodel import select

from engagement import create_app
from engagement.db import utcnow
from engagement.panel.models import ACTIVE, LEFT, PENDING
from engagement.staff.models import LoginFailure, StaffUser
from engagement.staff.passwords import verify_password
from engagement.staff.views import safe_next
from tests.conftest import csrf_token_from
from tests.factories import make_panel, make_panelist
from tests.staff.support import PASSWORD, csrf_for, log_in, make_staff, post_login

WRONG = "ikke-den-rigtige-kode"
SAME_ERROR = "E-mail eller adgangskode er forkert."


def test_login_with_one_panel_goes_straight_to_its_dashboard(client, session):
    panel = make_panel(session, name="Fåborg Kommune")
    staff = make_staff(session, panel, "viewer")

    response = post_login(client, staff.email.upper(), PASSWORD)

    assert response.status_code == 302
    assert response.headers["Location"] == "/staff/"
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    response = client.get("/staff/")
    assert response.headers["Location"] == f"/staff/{panel.key}/"
    page = client.get(f"/staff/{panel.key}/").get_data(as_text=True)
    assert "Fåborg Kommune" in page
    session.refresh(staff)
    assert staff.last_login_at is not None


def test_secure_cookie_when_configured(database_url, tmp_path, session):
    from tests.conftest import TEST_SECRET

    app = create_app({"database_url": database_url, "secret_key": TEST_SECRET,
                      "instance_path": tmp_path / "i",
                      "session_cookie_secure": True})
    panel = make_panel(session)
    staff = make_staff(session, panel)
    client = app.test_client()
    response = post_login(client, staff.email, PASSWORD)
    app.extensions["borgerpanel.engine"].dispose()
    assert response.status_code == 302
    assert "Secure" in response.headers["Set-Cookie"]


def test_staff_with_several_panels_sees_a_list(client, session):
    first, second = make_panel(session, name="Nord"), make_panel(session, name="Syd")
    staff = make_staff(session, first, "admin")
    make_staff(session, second, "viewer", email=staff.email)
    other = make_panel(session, name="Fremmed panel")

    log_in(client, staff)
    page = client.get("/staff/").get_data(as_text=True)

    assert "Nord" in page and "Syd" in page
    assert "Fremmed panel" not in page
    assert client.get(f"/staff/{other.key}/").status_code == 404


@pytest.mark.parametrize("email, password", [("nogen@kommune.dk", PASSWORD), (None, WRONG)])
def test_unknown_email_and_wrong_password_get_the_same_answer(client, session, email, password):
    panel = make_panel(session)
    staff = make_staff(session, panel)

    response = post_login(client, email or staff.email, password)

    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert SAME_ERROR in page
    assert client.get("/staff/").status_code == 302  # still not logged in


def test_deactivated_account_cannot_log_in_and_loses_its_session(client, session):
    panel = make_panel(session)
    staff = make_staff(session, panel)
    log_in(client, staff)
    staff.is_active = False
    session.add(staff)
    session.commit()

    assert client.get(f"/staff/{panel.key}/").status_code == 302
    response = post_login(client, staff.email, PASSWORD)
    assert SAME_ERROR in response.get_data(as_text=True)


def test_sixth_attempt_is_refused_even_with_the_right_password(client, session, app):
    panel = make_panel(session)
    staff = make_staff(session, panel)
    bystander = make_staff(session, panel)
    assert app.extensions["borgerpanel.settings"].login_max_failures == 5

    for _ in range(5):
        assert post_login(client, staff.email, WRONG).status_code == 200
    response = post_login(client, staff.email, PASSWORD)

    assert response.status_code == 429
    assert "Vent lidt, og prøv igen" in response.get_data(as_text=True)
    assert client.get("/staff/").status_code == 302  # not logged in
    # No address is stored, only a keyed hash.
    hashes = session.exec(select(LoginFailure.email_hash)).all()
    assert len(hashes) == 5 and all(staff.email not in h and len(h) == 64 for h in hashes)
    # Another account is not affected.
    other_client = client.application.test_client()
    assert post_login(other_client, bystander.email, PASSWORD).status_code == 302


def test_rate_limit_is_shared_by_every_process_through_the_database(app, session, database_url, tmp_path):
    """A second app (another web worker) on the same database sees the failures."""
    from tests.conftest import TEST_SECRET

    panel = make_panel(session)
    staff = make_staff(session, panel)
    for _ in range(5):
        post_login(app.test_client(), staff.email, WRONG)
    other = create_app({"database_url": database_url, "secret_key": TEST_SECRET,
                        "instance_path": tmp_path / "other"})
    try:
        assert post_login(other.test_client(), staff.email, PASSWORD).status_code == 429
    finally:
        other.extensions["borgerpanel.engine"].dispose()


def test_old_failures_leave_the_window_and_success_resets_the_count(client, session):
    panel = make_panel(session)
    staff = make_staff(session, panel)
    from engagement.staff.ratelimit import email_key
    from tests.conftest import TEST_SECRET

    key = email_key(TEST_SECRET, staff.email)
    long_ago = utcnow() - timedelta(minutes=16)
    session.add_all([LoginFailure(email_hash=key, at=long_ago) for _ in range(5)])
    session.commit()
    post_login(client, staff.email, WRONG)
    assert post_login(client, staff.email, PASSWORD).status_code == 302
    assert session.exec(select(LoginFailure).where(LoginFailure.email_hash == key)).all() == []


def test_a_form_without_csrf_token_is_refused(client, session, app):
    assert app.config.get("WTF_CSRF_ENABLED", True) is True
    panel = make_panel(session)
    staff = make_staff(session, panel)
    client.get("/staff/login")

    response = client.post("/staff/login", data={"email": staff.email, "password": PASSWORD})

    assert response.status_code == 400
    assert client.get("/staff/").status_code == 302


def test_logout_is_post_only_and_needs_csrf(client, session):
    panel = make_panel(session)
    staff = make_staff(session, panel)
    log_in(client, staff)

    assert client.get("/staff/logout", follow_redirects=True).status_code in (404, 405)
    assert client.get(f"/staff/{panel.key}/").status_code == 200  # a GET does not log out
    assert client.post("/staff/logout").status_code == 400  # no token
    token = csrf_for(client, f"/staff/{panel.key}/")
    response = client.post("/staff/logout", data={"csrf_token": token})
    assert response.status_code == 302
    assert client.get(f"/staff/{panel.key}/").status_code == 302


def test_login_starts_a_new_session(client, session):
    panel = make_panel(session)
    staff = make_staff(session, panel)
    client.get("/staff/login?lang=en")
    with client.session_transaction() as before:
        before["planted"] = "by an attacker"
        old_csrf = before.get("csrf_token")
    assert old_csrf

    post_login(client, staff.email, PASSWORD)

    with client.session_transaction() as after:
        assert "planted" not in after
        assert after.get("csrf_token") != old_csrf
        assert after["staff_id"] == staff.id
        assert after["lang"] == "en"  # the language choice is kept


@pytest.mark.parametrize("target", [
    "https://evil.example/", "//evil.example/staff/", "/\\evil.example", "\\\\evil.example",
    "javascript:alert(1)", "http:/evil.example", "/\r\nLocation: https://evil.example", "/\t/evil.example", "",
])
def test_next_never_leaves_the_site(client, session, target):
    panel = make_panel(session)
    staff = make_staff(session, panel)

    response = post_login(client, staff.email, PASSWORD, next_url=target)

    assert response.status_code == 302
    assert response.headers["Location"] == "/staff/"


def test_next_keeps_a_local_path(client, session):
    panel = make_panel(session)
    staff = make_staff(session, panel)
    wanted = f"/staff/{panel.key}/panelister?status=active"

    first = client.get(wanted)
    assert first.status_code == 302 and "next=" in first.headers["Location"]
    login_page = client.get(first.headers["Location"]).get_data(as_text=True)
    response = client.post("/staff/login", data={
        "email": staff.email, "password": PASSWORD, "csrf_token": csrf_token_from(login_page),
        "next": wanted})

    assert response.headers["Location"] == wanted


@pytest.mark.parametrize("target, expected", [
    ("/staff/x/", "/staff/x/"), ("/staff/?a=1&b=2", "/staff/?a=1&b=2"),
    ("//x", None), ("https://x", None), ("/\\x", None), ("x/y", None), (None, None), ("/a\nb", None),
])
def test_safe_next(target, expected):
    assert safe_next(target) == expected


def test_login_rehashes_when_parameters_change(client, session):
    panel = make_panel(session)
    staff = make_staff(session, panel)
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(PASSWORD)
    staff.password_hash = weak
    session.add(staff)
    session.commit()

    assert post_login(client, staff.email, PASSWORD).status_code == 302

    session.expire_all()
    fresh = session.get(StaffUser, staff.id)
    assert fresh.password_hash != weak
    assert verify_password(fresh.password_hash, PASSWORD) == (True, False)


def test_dashboard_counts_members(client, session):
    panel = make_panel(session)
    now = utcnow()
    make_panelist(session, panel, status=ACTIVE, membership_ends_at=now + timedelta(days=10))
    make_panelist(session, panel, status=ACTIVE, membership_ends_at=now + timedelta(days=59))
    make_panelist(session, panel, status=ACTIVE, membership_ends_at=now + timedelta(days=61))
    make_panelist(session, panel, status=PENDING)
    make_panelist(session, panel, status=LEFT, membership_ends_at=now + timedelta(days=5))
    make_panelist(session, make_panel(session), status=ACTIVE, membership_ends_at=now + timedelta(days=5))
    staff = make_staff(session, panel, "viewer")
    log_in(client, staff)

    from engagement.staff.service import panel_dashboard

    numbers = panel_dashboard(session, panel)
    assert (numbers.active, numbers.pending, numbers.left, numbers.ending_soon) == (3, 1, 1, 2)
    page = client.get(f"/staff/{panel.key}/").get_data(as_text=True)
    assert "<strong>3</strong> aktive" in page
    assert "<strong>2</strong>" in page
