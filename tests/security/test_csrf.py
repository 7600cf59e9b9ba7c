"""CSRF: every POST route refuses a request without a valid token; every POST form carries one.

Three POST routes are exempt and protected otherwise: the two Twilio
webhooks (X-Twilio-Signature over the form, URL from PUBLIC_BASE_URL) and the
leave link (RFC 8058 one-click: mail programs POST with no cookie and no
form; the signed token in the URL is the protection).
"""
from __future__ import annotations

from html.parser import HTMLParser

import pytest
from flask import url_for
from sqlmodel import select
from twilio.request_validator import RequestValidator

from engagement import create_app
from engagement.meetings.links import make_rsvp_token
from engagement.panel import links
from engagement.panel.models import ACTIVE, LEFT, PENDING, Panelist
from tests.conftest import TEST_SECRET, csrf_token_from
from tests.factories import make_panel, make_panelist
from tests.security.routes import STAFF_ROUTES, url_values
from tests.security.world import build_world
from tests.staff.support import log_in

EXEMPT = {
    "inbound_sms.receive_sms": "Twilio signature",
    "delivery_status.twilio_status": "Twilio signature",
    "panel.leave": "RFC 8058 one-click; signed token in the URL",
}
TWILIO_TOKEN = "security-twilio-token-0123456789abcdef"


def _post_rules(app):
    return sorted((r for r in app.url_map.iter_rules() if "POST" in r.methods), key=lambda r: r.endpoint)


def _url(app, world, rule):
    values = url_values(world, rule.endpoint, [a for a in rule.arguments if a in world.values() or a == "key"])
    with app.test_request_context():
        token = links.make_link_token(links.PROFILE, world.hostile)
    extra = {"token": token, "choice": "yes"}
    values.update({a: extra[a] for a in rule.arguments if a in extra})
    with app.test_request_context():
        return url_for(rule.endpoint, **values)


def test_every_post_route_without_a_valid_token_is_refused(app, session):
    world = build_world(app, session)
    client = app.test_client()
    log_in(client, world.staff["admin"])
    foreign = app.test_client()  # a token of another session is no token
    log_in(foreign, world.staff["foreign"])
    stolen = csrf_token_from(foreign.get("/staff/", follow_redirects=True).get_data(as_text=True))
    wrong, checked = [], 0
    for rule in _post_rules(app):
        if rule.endpoint in EXEMPT:
            continue
        url = _url(app, world, rule)
        for data in ({}, {"csrf_token": "forged"}, {"csrf_token": stolen}):
            response = client.post(url, data=data)
            checked += 1
            if response.status_code != 400:
                wrong.append(f"{rule.endpoint} {url} {sorted(data)}: {response.status_code}")
    assert not wrong, "\n".join(wrong)
    assert checked >= 3 * (sum("POST" in m for m in STAFF_ROUTES.values()) + 6)


def test_exempt_routes_are_exactly_these(app):
    from engagement.web.security import csrf

    exempt = set()
    for endpoint, view in app.view_functions.items():
        name = f"{view.__module__}.{view.__name__}"
        if name in csrf._exempt_views or view.__module__ in csrf._exempt_blueprints:
            exempt.add(endpoint)
    assert exempt - {"web.healthz"} == set(EXEMPT)


@pytest.fixture
def twilio_app(database_url, tmp_path):
    app = create_app({"database_url": database_url, "secret_key": TEST_SECRET,
                      "instance_path": tmp_path / "i", "outbox_dir": tmp_path / "i" / "outbox",
                      "sms_outbox_file": tmp_path / "i" / "sms.jsonl", "public_base_url": "https://panel.example.dk",
                      "twilio_account_sid": "ACsecurity", "twilio_auth_token": TWILIO_TOKEN,
                      "twilio_from_number": "+4570000000"})
    app.config["TESTING"] = True
    yield app
    from engagement.models import metadata

    with app.extensions["borgerpanel.engine"].begin() as connection:
        for table in reversed(metadata.sorted_tables):
            connection.execute(table.delete())
    app.extensions["borgerpanel.engine"].dispose()


@pytest.mark.parametrize("path", ["/sms/inbound", "/sms/status"])
def test_twilio_webhooks_need_a_valid_signature(twilio_app, path):
    client = twilio_app.test_client()
    form = {"MessageSid": "SM1", "From": "+4520123456", "Body": "ja", "MessageStatus": "delivered"}
    assert client.post(path, data=form).status_code == 403
    assert client.post(path, data=form, headers={"X-Twilio-Signature": "AAAA"}).status_code == 403
    # Signed for another URL (request.url, not PUBLIC_BASE_URL): refused.
    wrong_url = RequestValidator(TWILIO_TOKEN).compute_signature(f"http://localhost{path}", form)
    assert client.post(path, data=form, headers={"X-Twilio-Signature": wrong_url}).status_code == 403
    # A field changed after signing: refused.
    signature = RequestValidator(TWILIO_TOKEN).compute_signature(f"https://panel.example.dk{path}", form)
    assert client.post(path, data={**form, "Body": "nej"},
                       headers={"X-Twilio-Signature": signature}).status_code == 403
    assert client.post(path, data=form, headers={"X-Twilio-Signature": signature}).status_code in (200, 204)


def test_one_click_leave_needs_the_signed_token_not_a_cookie(app, session):
    panel = make_panel(session)
    person = make_panelist(session, panel)
    client = app.test_client()
    with app.test_request_context():
        genuine = links.make_link_token(links.LEAVE, person)
        profile = links.make_link_token(links.PROFILE, person)
    # a character inside the signature changed (the last one may differ only in base64 padding bits)
    changed = genuine[:-5] + ("A" if genuine[-5] != "A" else "B") + genuine[-4:]
    for bad in (genuine[:-3], changed, profile):
        response = client.post(f"/p/{panel.key}/frameld/{bad}", data={"List-Unsubscribe": "One-Click"})
        assert response.status_code == 404
    session.expire_all()
    assert session.get(Panelist, person.id).status == ACTIVE
    response = client.post(f"/p/{panel.key}/frameld/{genuine}", data={"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    session.expire_all()
    assert session.get(Panelist, person.id).status == LEFT


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms, self._current = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._current = {"method": (attrs.get("method") or "get").lower(), "action": attrs.get("action"),
                             "fields": set()}
            self.forms.append(self._current)
        elif tag in ("input", "button", "select", "textarea") and self._current is not None:
            self._current["fields"].add(attrs.get("name"))

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None


def _post_forms(html: str):
    parser = _Forms()
    parser.feed(html)
    return [f for f in parser.forms if f["method"] == "post"]


def test_every_post_form_on_every_page_carries_a_csrf_token(app, session):
    world = build_world(app, session)
    pending = make_panelist(session, world.panel, status=PENDING, confirmed_at=None)
    client = app.test_client()
    pages = ["/staff/login", f"/p/{world.panel.key}/tilmeld", f"/p/{world.panel.key}/link"]
    with app.test_request_context():
        pages += [f"/p/{world.panel.key}/profil/{links.make_link_token(links.PROFILE, world.hostile)}",
                  f"/p/{world.panel.key}/frameld/{links.make_link_token(links.LEAVE, world.hostile)}",
                  f"/p/{world.panel.key}/bekraeft/{links.make_link_token(links.CONFIRM, pending)}",
                  f"/p/{world.panel.key}/ny-email/"
                  f"{links.make_link_token(links.EMAIL_CHANGE, world.hostile, email='ny@example.dk')}",
                  f"/p/{world.panel.key}/moede/{make_rsvp_token(world.hostile, world.meeting.id)}/yes"]
    seen = 0
    missing = []
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        for form in _post_forms(response.get_data(as_text=True)):
            seen += 1
            if "csrf_token" not in form["fields"]:
                missing.append(f"{path}: form to {form['action']}")
    log_in(client, world.staff["admin"])
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.endpoint):
        if rule.endpoint not in STAFF_ROUTES and rule.endpoint != "staff.index" or "GET" not in rule.methods:
            continue
        with app.test_request_context():
            path = url_for(rule.endpoint, **url_values(world, rule.endpoint, rule.arguments))
        response = client.get(path)
        if not response.mimetype == "text/html":
            continue
        assert response.status_code in (200, 302), (path, response.status_code)
        for form in _post_forms(response.get_data(as_text=True)):
            seen += 1
            if "csrf_token" not in form["fields"]:
                missing.append(f"{path}: form to {form['action']}")
    assert not missing, "\n".join(missing)
    assert seen >= 25  # the walk really met the forms
