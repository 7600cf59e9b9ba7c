"""Rate limits per client address: signup, "send me a link", login, the signed citizen links.

Counted in the database (every web process shares the count), keyed on the
client address; behind nginx (``TRUSTED_PROXIES``) the address comes from
X-Forwarded-For.  A limited request gets 429, ``Retry-After`` and a short
Danish page; waiting out the window lets the address in again.
"""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from engagement import create_app
from engagement.config import ConfigError, Settings, parse_rate
from engagement.db import utcnow
from engagement.panel import links
from engagement.web import ratelimit
from engagement.web.models import RateLimitHit
from tests.conftest import TEST_SECRET
from tests.factories import make_panel, make_panelist


@pytest.fixture
def limited_app(database_url, tmp_path):
    """The app with small limits, so a test reaches them in a few requests."""
    app = create_app({
        "database_url": database_url, "secret_key": TEST_SECRET, "instance_path": tmp_path / "instance",
        "outbox_dir": tmp_path / "instance" / "outbox", "public_base_url": "http://localhost",
        "rate_limit_signup": "3/1h", "rate_limit_link": "2/15m",
        "rate_limit_login": "4/15m", "rate_limit_token_links": "5/10m", "trusted_proxies": 1,
        "sms_outbox_file": tmp_path / "instance" / "sms.jsonl",
    })
    app.config.update(TESTING=True, WTF_CSRF_ENABLED=False)  # the limit comes before CSRF; forms stay simple
    yield app
    from engagement.models import metadata

    with app.extensions["borgerpanel.engine"].begin() as connection:
        for table in reversed(metadata.sorted_tables):
            connection.execute(table.delete())
    app.extensions["borgerpanel.engine"].dispose()


def _from(address: str) -> dict:
    return {"X-Forwarded-For": address}


def _signup(client, key: str, n: int, address: str):
    return client.post(f"/p/{key}/tilmeld", headers=_from(address),
                       data={"email": f"person{n}@example.dk", "channel": "email", "language": "da",
                             "consent": "yes"})


def _assert_limited(response):
    assert response.status_code == 429
    retry = int(response.headers["Retry-After"])
    assert retry >= 1
    body = response.get_data(as_text=True)
    assert "For mange forsøg" in body and "Vent lidt" in body
    assert "Traceback" not in body


def test_signup_is_limited_per_address_and_other_addresses_are_not(limited_app, session):
    make_panel(session, key="aarhus")
    client = limited_app.test_client()
    for n in range(3):
        assert _signup(client, "aarhus", n, "203.0.113.7").status_code == 302
    response = _signup(client, "aarhus", 4, "203.0.113.7")
    _assert_limited(response)
    assert 3500 <= int(response.headers["Retry-After"]) <= 3600
    # Another citizen behind another address is not affected; the page itself (GET) is never limited.
    assert _signup(client, "aarhus", 5, "198.51.100.9").status_code == 302
    assert client.get("/p/aarhus/tilmeld", headers=_from("203.0.113.7")).status_code == 200


def test_request_link_is_limited(limited_app, session):
    make_panel(session, key="vejle")
    client = limited_app.test_client()
    for _ in range(2):
        response = client.post("/p/vejle/link", data={"email": "x@example.dk"}, headers=_from("203.0.113.8"))
        assert response.status_code == 302
    _assert_limited(client.post("/p/vejle/link", data={"email": "x@example.dk"}, headers=_from("203.0.113.8")))


def test_login_has_a_per_address_limit_besides_the_per_email_lockout(limited_app, session):
    client = limited_app.test_client()
    # Four different emails (the per-email lockout, 5 failures, never triggers) from one address.
    for n in range(4):
        response = client.post("/staff/login", data={"email": f"gaet{n}@kommune.dk", "password": "forkert"},
                               headers=_from("203.0.113.9"))
        assert response.status_code == 200
    _assert_limited(client.post("/staff/login", data={"email": "gaet9@kommune.dk", "password": "forkert"},
                                headers=_from("203.0.113.9")))
    assert client.post("/staff/login", data={"email": "gaet9@kommune.dk", "password": "forkert"},
                       headers=_from("203.0.113.10")).status_code == 200


@pytest.mark.parametrize("kind", ["profil", "frameld", "bekraeft", "ny-email", "moede", "resultater"])
def test_guessing_token_links_is_limited(limited_app, session, kind):
    make_panel(session, key="horsens")
    client = limited_app.test_client()
    path = f"/p/horsens/{kind}/gaet-{{n}}" + ("/yes" if kind == "moede" else "")
    for n in range(5):
        assert client.get(path.format(n=n), headers=_from("203.0.113.11")).status_code in (404, 410)
    _assert_limited(client.get(path.format(n=99), headers=_from("203.0.113.11")))


def test_a_genuine_link_works_until_the_limit_and_waiting_helps(limited_app, session):
    panel = make_panel(session, key="kolding")
    person = make_panelist(session, panel)
    client = limited_app.test_client()
    with limited_app.test_request_context():
        path = f"/p/kolding/profil/{links.make_link_token(links.PROFILE, person)}"
    for _ in range(5):
        assert client.get(path, headers=_from("203.0.113.12")).status_code == 200
    _assert_limited(client.get(path, headers=_from("203.0.113.12")))
    # Move the counted hits out of the window: the address is let in again.
    session.expire_all()
    for row in session.exec(select(RateLimitHit)).all():
        row.at = row.at - timedelta(minutes=11)
        session.add(row)
    session.commit()
    assert client.get(path, headers=_from("203.0.113.12")).status_code == 200


def test_no_address_is_stored_and_the_count_is_shared_by_processes(limited_app, session):
    """Two app instances (two web processes) on one database share one count."""
    make_panel(session, key="skive")
    first = limited_app.test_client()
    second_app = create_app(limited_app.extensions["borgerpanel.settings"])
    second_app.config.update(TESTING=True, WTF_CSRF_ENABLED=False)
    second = second_app.test_client()
    assert _signup(first, "skive", 1, "192.0.2.44").status_code == 302
    assert _signup(second, "skive", 2, "192.0.2.44").status_code == 302
    assert _signup(first, "skive", 3, "192.0.2.44").status_code == 302
    _assert_limited(_signup(second, "skive", 4, "192.0.2.44"))
    stored = session.exec(select(RateLimitHit)).all()
    assert len(stored) == 3
    assert all("192.0.2.44" not in row.key_hash and len(row.key_hash) == 64 for row in stored)
    second_app.extensions["borgerpanel.engine"].dispose()


def test_without_trusted_proxies_x_forwarded_for_is_ignored(app, session):
    """Direct exposure (TRUSTED_PROXIES=0): a client cannot dodge the limit by inventing headers."""
    make_panel(session, key="ribe")
    app.config["WTF_CSRF_ENABLED"] = False
    client = app.test_client()
    limit, _seconds = parse_rate("RATE_LIMIT_LINK", app.extensions["borgerpanel.settings"].rate_limit_link)
    for n in range(limit):
        response = client.post("/p/ribe/link", data={"email": "x@example.dk"}, headers=_from(f"10.0.0.{n}"))
        assert response.status_code == 302
    _assert_limited(client.post("/p/ribe/link", data={"email": "x@example.dk"}, headers=_from("10.9.9.9")))


def test_limits_can_be_turned_off(database_url, tmp_path, session):
    app = create_app({"database_url": database_url, "secret_key": TEST_SECRET,
                      "instance_path": tmp_path / "i", "outbox_dir": tmp_path / "i" / "outbox",
                      "rate_limits_enabled": False, "rate_limit_link": "1/1h"})
    app.config.update(TESTING=True, WTF_CSRF_ENABLED=False)
    make_panel(session, key="tarm")
    client = app.test_client()
    for _ in range(3):
        assert client.post("/p/tarm/link", data={"email": "x@example.dk"}).status_code == 302
    assert session.exec(select(RateLimitHit)).all() == []
    app.extensions["borgerpanel.engine"].dispose()


def test_hit_and_purge(session):
    now = utcnow()
    key = "k" * 64
    window = timedelta(minutes=10)
    assert ratelimit.hit(session, key, limit=2, window=window, now=now - timedelta(minutes=4)).allowed
    assert ratelimit.hit(session, key, limit=2, window=window, now=now - timedelta(minutes=1)).allowed
    verdict = ratelimit.hit(session, key, limit=2, window=window, now=now)
    assert not verdict.allowed and verdict.retry_after == 6 * 60
    assert ratelimit.hit(session, key, limit=2, window=window, now=now + timedelta(minutes=6, seconds=1)).allowed
    session.add(RateLimitHit(key_hash="o" * 64, at=now - timedelta(days=2)))
    session.commit()
    assert ratelimit.purge_expired(session, now) == 1
    session.commit()
    assert {row.key_hash for row in session.exec(select(RateLimitHit)).all()} == {key}


@pytest.mark.parametrize("raw, expected", [("20/1h", (20, 3600)), ("5/30s", (5, 30)), ("100/2d", (100, 172800))])
def test_rate_setting_format(raw, expected):
    assert parse_rate("X", raw) == expected


@pytest.mark.parametrize("raw", ["", "20", "0/1h", "20/h", "20/1w", "-1/1h", "x/1h"])
def test_bad_rate_settings_fail_at_start(tmp_path, raw):
    with pytest.raises(ConfigError, match="RATE_LIMIT_SIGNUP"):
        Settings.from_env({"BORGERPANEL_INSTANCE": str(tmp_path), "RATE_LIMIT_SIGNUP": raw})


def test_trusted_proxies_setting(tmp_path):
    assert Settings.from_env({"BORGERPANEL_INSTANCE": str(tmp_path)}).trusted_proxies == 0
    assert Settings.from_env({"BORGERPANEL_INSTANCE": str(tmp_path), "TRUSTED_PROXIES": "1"}).trusted_proxies == 1
    with pytest.raises(ConfigError, match="TRUSTED_PROXIES"):
        Settings.from_env({"BORGERPANEL_INSTANCE": str(tmp_path), "TRUSTED_PROXIES": "-1"})
    assert Settings.from_env({"BORGERPANEL_INSTANCE": str(tmp_path)}).rate_limits_enabled is True
