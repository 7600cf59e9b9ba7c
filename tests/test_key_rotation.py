"""Rotating SECRET_KEY with the old key in SECRET_KEY_FALLBACKS breaks nothing already sent.

The ``app`` fixture plays the installation before the rotation (``OLD``
signs everything); ``deploy`` starts the same installation on the same
database again, as a restart with new environment variables would.  Links,
reply addresses and staff sessions made under ``OLD`` keep working while
``OLD`` is a fallback, new ones are signed with ``NEW`` only, and once ``OLD``
is dropped the old ones get the same clear page as any damaged link.
"""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from sqlmodel import select

from engagement import create_app
from engagement.config import ConfigError, Settings
from engagement.delivery import outbox
from engagement.delivery.models import OutboxMessage
from engagement.inbound.models import PROCESSED
from engagement.meetings.links import make_rsvp_token
from engagement.panel import links
from engagement.panel.models import ACTIVE, LEFT
from engagement.tokens import TokenError, make_token, read_token
from tests.conftest import TEST_SECRET
from tests.factories import make_panel, make_panelist
from tests.inbound.support import email_bytes, invite, store_and_process
from tests.meetings.support import make_meeting
from tests.staff.support import PASSWORD, make_staff, post_login

OLD = TEST_SECRET
NEW = "the-new-secret-key-after-the-rotation-0123456789"
INVALID_PAGE = "Linket virker ikke"


@pytest.fixture
def deploy(database_url, tmp_path):
    """``deploy(secret, fallbacks)``: the app restarted with other keys, on the same database."""
    started = []

    def start(secret: str, fallbacks: tuple[str, ...] = ()):
        app = create_app({"database_url": database_url, "secret_key": secret,
                          "secret_key_fallbacks": fallbacks,
                          "instance_path": tmp_path / f"instance{len(started)}",
                          "outbox_dir": tmp_path / "outbox", "sms_outbox_file": tmp_path / "sms.jsonl",
                          "public_base_url": "http://localhost"})
        app.config["TESTING"] = True
        started.append(app)
        return app

    yield start
    for app in started:
        app.extensions["borgerpanel.engine"].dispose()


def fresh(session, row):
    session.expire_all()
    return session.get(type(row), row.id)


def path_of(app, purpose, panelist) -> str:
    with app.test_request_context():
        return urlsplit(links.link_url(purpose, panelist)).path


def test_profile_and_unsubscribe_links_survive_a_rotation_until_the_old_key_is_dropped(app, session, deploy):
    panel = make_panel(session)
    member = make_panelist(session, panel)
    profile, leave = path_of(app, links.PROFILE, member), path_of(app, links.LEAVE, member)

    rotated = deploy(NEW, (OLD,)).test_client()
    assert rotated.get(profile).status_code == 200
    assert rotated.get(leave).status_code == 200  # the page with the button

    dropped = deploy(NEW).test_client()
    for path in (profile, leave):
        response = dropped.get(path)
        assert response.status_code == 404 and INVALID_PAGE in response.get_data(as_text=True)
    assert dropped.post(leave, data={"List-Unsubscribe": "One-Click"}).status_code == 404
    assert fresh(session, member).status == ACTIVE

    # With the fallback back in place the one-click unsubscribe of an old mail works.
    assert rotated.post(leave, data={"List-Unsubscribe": "One-Click"}).status_code == 200
    assert fresh(session, member).status == LEFT


def test_new_links_are_signed_with_the_new_key_only(app, session, deploy):
    panel = make_panel(session)
    member = make_panelist(session, panel)
    rotated = deploy(NEW, (OLD,))
    with rotated.app_context():
        token = make_token("profile", {"p": member.id})
        new_path = path_of(rotated, links.PROFILE, member)
    assert read_token("profile", token, secret_key=NEW) == {"p": member.id}
    with pytest.raises(TokenError):
        read_token("profile", token, secret_key=OLD)
    assert deploy(NEW).test_client().get(new_path).status_code == 200
    assert app.test_client().get(new_path).status_code == 404  # the old installation never signed it


def test_meeting_rsvp_links_survive_a_rotation(app, session, deploy):
    panel, stored = make_meeting(session)
    member = make_panelist(session, panel)
    with app.app_context():
        path = f"/p/{panel.key}/moede/{make_rsvp_token(member, stored.id)}/yes"
    assert deploy(NEW, (OLD,)).test_client().get(path).status_code == 200
    response = deploy(NEW).test_client().get(path)
    assert response.status_code == 404 and INVALID_PAGE in response.get_data(as_text=True)




def test_reply_addresses_survive_a_rotation_and_receipts_carry_new_tokens(app, session, deploy):
    _panel, campaign, [who] = invite(session)  # svar+TOKEN made under OLD
    rotated = deploy(NEW, (OLD,))
    row = store_and_process(rotated, session, email_bytes(to=who.reply_address, body="1. 4\n2. Ja"))
    assert row.status == PROCESSED, row.reason
    assert (row.panelist_id, row.campaign_id, row.matched_by) == (who.panelist.id, campaign.id, "token")
    [receipt] = session.exec(select(OutboxMessage).where(OutboxMessage.dedupe_key == f"reply:{row.id}")).all()
    assert receipt.reply_token == outbox.make_reply_token(who.recipient.reply_key, NEW) != who.token
    assert outbox.read_reply_token(receipt.reply_token, [OLD]) is None

    late = store_and_process(deploy(NEW), session, email_bytes(to=who.reply_address, body="1. 5\n2. Nej"))
    assert late.needs_staff and late.panelist_id is None and "forged" in late.reason


def test_staff_sessions_survive_a_rotation(app, client, session, deploy):
    panel = make_panel(session)
    staff = make_staff(session, panel)
    assert post_login(client, staff.email, PASSWORD).status_code == 302
    cookie = client.get_cookie("borgerpanel_session").value
    page = f"/staff/{panel.key}/"
    assert client.get(page).status_code == 200

    rotated = deploy(NEW, (OLD,)).test_client()
    rotated.set_cookie("borgerpanel_session", cookie)
    assert rotated.get(page).status_code == 200

    dropped = deploy(NEW).test_client()
    dropped.set_cookie("borgerpanel_session", cookie)
    response = dropped.get(page)
    assert response.status_code == 302 and "/staff/login" in response.headers["Location"]


def test_a_rotation_unlocks_no_locked_staff_account(app, client, session, deploy):
    panel = make_panel(session)
    staff = make_staff(session, panel)
    for _ in range(5):
        post_login(client, staff.email, "forkert-adgangskode")
    assert post_login(client, staff.email, PASSWORD).status_code == 429

    rotated = deploy(NEW, (OLD,)).test_client()
    assert post_login(rotated, staff.email, PASSWORD).status_code == 429
    # A failure after the rotation is counted under the new key and still adds up with the old ones.
    assert post_login(rotated, staff.email, "forkert-igen").status_code == 429


def test_a_successful_login_after_rotation_clears_failures_under_every_key(app, client, session, deploy):
    from engagement.staff.models import LoginFailure

    panel = make_panel(session)
    staff = make_staff(session, panel)
    for _ in range(3):
        post_login(client, staff.email, "forkert-adgangskode")
    rotated = deploy(NEW, (OLD,)).test_client()
    post_login(rotated, staff.email, "forkert-igen")
    assert len(session.exec(select(LoginFailure)).all()) == 4
    assert post_login(rotated, staff.email, PASSWORD).status_code == 302
    session.expire_all()
    assert session.exec(select(LoginFailure)).all() == []


def test_fallbacks_are_read_from_the_environment(tmp_path):
    other = "an-even-older-secret-key-0123456789-abcdef"
    env = {"BORGERPANEL_INSTANCE": str(tmp_path), "SECRET_KEY": NEW,
           "SECRET_KEY_FALLBACKS": f" {OLD}, {other} ,"}
    assert Settings.from_env(env).secret_key_fallbacks == (OLD, other)
    assert Settings.from_env({**env, "SECRET_KEY_FALLBACKS": ""}).secret_key_fallbacks == ()
    with pytest.raises(ConfigError, match="SECRET_KEY_FALLBACKS"):
        Settings.from_env({**env, "SECRET_KEY_FALLBACKS": f"{OLD},too-short"})

