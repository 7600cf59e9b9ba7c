"""Header injection (mail headers, download names), open redirects, security headers."""
from __future__ import annotations

from email import message_from_bytes, policy
from urllib.parse import quote

import pytest

from engagement.config import Settings
from engagement.delivery.mail import InvalidEmail, compose_email
from engagement.staff.views import safe_next
from engagement.surveys.service import import_definitions
from tests.conftest import TEST_SECRET
from tests.factories import make_panel
from tests.meetings.support import make_meeting
from tests.security.world import build_world
from tests.staff.support import PASSWORD, log_in, make_staff, post_login

INJECTED = "Hej\r\nBcc: evil@example.net\r\nX-Evil: 1"


def _settings(tmp_path) -> Settings:
    return Settings.from_env(environ={}, overrides={
        "secret_key": TEST_SECRET, "instance_path": tmp_path, "outbox_dir": tmp_path / "outbox",
        "mail_from": "Borgerpanelet <panel@kommune.example.dk>", "reply_domain": "svar.kommune.example.dk"})


@pytest.mark.parametrize("field", ["subject", "to_name", "sender_name", "reply_to", "leave_url", "leave_mailto",
                                   "message_id", "in_reply_to", "to", "attachment"])
@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r"])
def test_compose_email_never_lets_a_value_add_a_header(tmp_path, field, newline):
    value = INJECTED.replace("\r\n", newline)
    values = dict(to="borger@example.dk", subject="Trafik", text="Hej")
    if field == "attachment":
        values["attachments"] = [(value + ".ics", "text/calendar; charset=utf-8", b"x")]
    elif field == "to":
        values["to"] = "borger@example.dk" + newline + "Bcc: evil@example.net"
    else:
        values[field] = value if field != "reply_to" else "svar@example.dk" + newline + "Bcc: evil@example.net"
    try:
        composed = compose_email(_settings(tmp_path), **values)
    except InvalidEmail:
        return  # refused: nothing is sent
    raw = composed.data if hasattr(composed, "data") else bytes(composed)
    message = message_from_bytes(raw, policy=policy.default)
    for part in message.walk():
        assert part["Bcc"] is None and part["X-Evil"] is None, field
    assert b"\nBcc:" not in raw and b"\nX-Evil:" not in raw


def test_download_names_cannot_add_headers(app, session):
    panel = make_panel(session)
    key = 'trafik"\r\nX-Evil: 1'
    import_definitions(session, panel, {"kind": "survey", "key": key, "title": "Trafik", "questions": [
        {"number": 1, "key": "cykler", "type": "yes_no", "text": "Cykler du?"}]})
    make_meeting(session, panel, key='havn"\r\nX-Evil: 2')
    session.commit()
    client = app.test_client()
    log_in(client, make_staff(session, panel, role="viewer"))
    base = f"/staff/{panel.key}"
    for path in (f"{base}/undersoegelser/{quote(key, safe='')}/eksport.json",
                 f"{base}/resultater/{quote(key, safe='')}/svar.csv",
                 f"{base}/moeder/{quote('havn' + chr(34) + chr(13) + chr(10) + 'X-Evil: 2', safe='')}/deltagere.csv"):
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        assert "X-Evil" not in response.headers
        disposition = response.headers["Content-Disposition"]
        assert "\r" not in disposition and "\n" not in disposition
        assert disposition.startswith('attachment; filename="') and disposition.count('"') == 2


EVIL = ["//evil.example/", "https://evil.example/", "/\\evil.example", "\\\\evil.example", "javascript:alert(1)",
        "http:evil.example", "/\t/evil.example", "  //evil.example", "///evil.example", "%2F%2Fevil.example",
        "\r\n/staff/", "evil.example", "/staff/\r\nX: 1"]


@pytest.mark.parametrize("target", EVIL)
def test_safe_next_refuses_everything_but_local_paths(target):
    assert safe_next(target) is None


@pytest.mark.parametrize("target", ["/staff/", "/staff/abc/kampagner/?x=1", "/staff/abc/#top",
                                    "/%0d%0aSet-Cookie:x=1"])
def test_safe_next_keeps_local_paths(target):
    """Percent-escapes stay escaped in Location: a local path, not a header."""
    assert safe_next(target) == target


@pytest.mark.parametrize("target", EVIL)
def test_login_never_redirects_off_site(app, session, target):
    panel = make_panel(session)
    staff = make_staff(session, panel)
    client = app.test_client()
    response = post_login(client, staff.email, PASSWORD, next_url=target)
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location.startswith("/") and not location.startswith(("//", "/\\")), location
    assert "evil" not in location
    # Already logged in, the GET form redirects at once: the same rule.
    response = client.get("/staff/login", query_string={"next": target})
    assert response.status_code == 302 and "evil" not in response.headers["Location"]


def test_security_headers_and_no_caching_of_staff_pages(app, session):
    world = build_world(app, session)
    client = app.test_client()
    for path in ("/", "/staff/login", f"/p/{world.panel.key}/tilmeld"):
        response = client.get(path)
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        csp = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp and "frame-ancestors 'none'" in csp
    log_in(client, world.staff["admin"])
    from tests.security.routes import STAFF_ROUTES, url_values
    from flask import url_for

    checked = 0
    for rule in app.url_map.iter_rules():
        if rule.endpoint not in STAFF_ROUTES or "GET" not in rule.methods:
            continue
        with app.test_request_context():
            path = url_for(rule.endpoint, **url_values(world, rule.endpoint, rule.arguments))
        response = client.get(path)
        assert response.headers.get("Cache-Control") == "no-store", path
        assert response.headers["X-Content-Type-Options"] == "nosniff", path
        if response.mimetype == "text/html":
            html = response.get_data(as_text=True)
            # The CSP allows no inline script or style: the pages must not need any.
            assert "<script>" not in html and " style=" not in html and " onclick=" not in html, path
            assert "<script" not in html or 'src="/static/' in html, path
        checked += 1
    assert checked >= 30
