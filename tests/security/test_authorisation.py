"""Authorisation matrix: every staff route × every role × GET and POST, and staff of a foreign panel.

Routes come from ``app.url_map``; the expectation from ``routes.STAFF_ROUTES``.
Roles: admin, editor and viewer of panel A, nobody logged in, and the admin of
panel B, who tries A's panel key and then B's own key with A's real ids.
"""
from __future__ import annotations

import pytest
from flask import url_for
from sqlmodel import select

from engagement.campaigns.models import Campaign
from engagement.panel.models import Panelist
from engagement.staff.models import ROLE_RANK, StaffRole
from tests.conftest import csrf_token_from
from tests.security.routes import (ACCOUNT_ROUTES, OBJECT_ARGS, PUBLIC_ROUTES, STAFF_ROUTES, url_values)
from tests.security.world import MARKER, build_world
from tests.staff.support import log_in

METHODS = ("GET", "POST")


def _staff_rules(app):
    return [rule for rule in app.url_map.iter_rules() if rule.endpoint in STAFF_ROUTES]


def _walk(app, world, panel_key=None):
    """(endpoint, method, url, has_object) for every staff route and method, GETs first."""
    out = []
    for method in METHODS:
        for rule in sorted(_staff_rules(app), key=lambda r: r.endpoint):
            if method not in rule.methods:
                continue
            values = url_values(world, rule.endpoint, rule.arguments, panel_key)
            with app.test_request_context():
                url = url_for(rule.endpoint, **values)
            out.append((rule.endpoint, method, url, any(a in OBJECT_ARGS for a in rule.arguments)))
    return out


def _request(client, method, url, token):
    if method == "GET":
        return client.get(url)
    return client.post(url, data={"csrf_token": token})


def _token(client, logged_in: bool = True) -> str:
    """The session's CSRF token, from the logout form of the panel list (or the login form)."""
    page = client.get("/staff/" if logged_in else "/staff/login", follow_redirects=True)
    return csrf_token_from(page.get_data(as_text=True))


def test_every_route_is_classified(app):
    known = set(STAFF_ROUTES) | set(ACCOUNT_ROUTES) | set(PUBLIC_ROUTES)
    unclassified, wrong_methods = [], []
    for rule in app.url_map.iter_rules():
        if rule.endpoint not in known:
            unclassified.append(f"{rule.endpoint} {rule.rule}")
        elif rule.endpoint in STAFF_ROUTES:
            methods = set(rule.methods) - {"HEAD", "OPTIONS"}
            if methods != set(STAFF_ROUTES[rule.endpoint]):
                wrong_methods.append(f"{rule.endpoint}: app {sorted(methods)}, table "
                                     f"{sorted(STAFF_ROUTES[rule.endpoint])}")
        if rule.rule.startswith("/staff/<panel_key>") and rule.endpoint not in STAFF_ROUTES:
            unclassified.append(f"{rule.endpoint} is under /staff/<panel_key> but not in STAFF_ROUTES")
    assert not unclassified, "classify these routes in tests/security/routes.py:\n" + "\n".join(unclassified)
    assert not wrong_methods, "\n".join(wrong_methods)
    for endpoint in STAFF_ROUTES:  # and the table names no route that is gone
        assert endpoint in app.view_functions, f"{endpoint} is in STAFF_ROUTES but not in the app"


def _expected(role: str, minimum: str) -> str:
    if role == "anonymous":
        return "login"
    return "allowed" if ROLE_RANK[role] >= ROLE_RANK[minimum] else "forbidden"


def _outcome(response) -> str:
    if response.status_code in (301, 302, 303) and "/staff/login" in response.headers.get("Location", ""):
        return "login"
    if response.status_code == 403:
        return "forbidden"
    if response.status_code == 404:
        return "not found"
    if response.status_code >= 500:
        return f"error {response.status_code}"
    return "allowed"


@pytest.mark.parametrize("role", ["admin", "editor", "viewer", "anonymous"])
def test_matrix_of_staff_routes_and_roles(app, session, role):
    world = build_world(app, session)
    client = app.test_client()
    if role != "anonymous":
        log_in(client, world.staff[role])
    token = _token(client, logged_in=role != "anonymous")
    walked = _walk(app, world)
    assert len(walked) == sum(len(methods) for methods in STAFF_ROUTES.values())
    wrong, showing_a = [], set()
    for endpoint, method, url, _has_object in walked:
        expected = _expected(role, STAFF_ROUTES[endpoint][method])
        response = _request(client, method, url, token)
        got = _outcome(response)
        if MARKER.encode() in response.get_data():
            showing_a.add(endpoint)
        if got != expected:
            wrong.append(f"{role:9} {method:4} {endpoint:32} {url}: expected {expected}, got {got} "
                         f"({response.status_code})")
        if expected != "allowed":
            assert MARKER.encode() not in response.get_data(), (endpoint, method)
    assert not wrong, "\n".join(wrong)
    if role != "anonymous":  # the world is really there: the foreign test's "no marker" means something
        assert SHOW_MARKER <= showing_a, SHOW_MARKER - showing_a


# Pages that show panel A's marked rows to A's own staff (so B not seeing them is a real check).
SHOW_MARKER = {"panel_admin.list_panelists", "panel_admin.view_panelist", "campaigns.index", "campaigns.view",
               "inbound_staff.inbox", "inbound_staff.message", "meetings_staff.meeting_page", "reports.survey",
               "reports.index", "surveys.index", "surveys.export"}


def test_account_routes(app, session):
    world = build_world(app, session)
    client = app.test_client()
    assert _outcome(client.get("/staff/")) == "login"
    log_in(client, world.staff["foreign"])
    page = client.get("/staff/", follow_redirects=True).get_data(as_text=True)
    assert world.other.name in page and MARKER not in page


def test_foreign_staff_never_reach_panel_a(app, session):
    """B's admin: A's key answers 404 everywhere; B's key with A's ids answers 404; lists show nothing of A."""
    world = build_world(app, session)
    client = app.test_client()
    log_in(client, world.staff["foreign"])
    token = _token(client)
    wrong = []
    for endpoint, method, url, _has_object in _walk(app, world):
        response = _request(client, method, url, token)
        if response.status_code != 404:
            wrong.append(f"A's key: {method} {url}: {response.status_code}")
    for endpoint, method, url, has_object in _walk(app, world, panel_key=world.other.key):
        response = _request(client, method, url, token)
        if has_object and response.status_code != 404:
            wrong.append(f"A's object under B's key: {method} {url}: {response.status_code}")
        elif response.status_code >= 500:
            wrong.append(f"B's own page: {method} {url}: {response.status_code}")
        if MARKER.encode() in response.get_data():
            wrong.append(f"A's data on {method} {url}")
    assert not wrong, "\n".join(wrong)
    # Nothing of A was changed by B's POSTs.
    session.expire_all()
    assert session.get(Panelist, world.victim.id) is not None
    assert session.get(Panelist, world.victim.id).name == world.victim.name
    assert session.get(Campaign, world.campaign.id).status == world.campaign.status
    assert session.exec(select(StaffRole).where(StaffRole.staff_id == world.colleague.id)).one().role == "viewer"
