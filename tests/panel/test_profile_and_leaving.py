"""Staying and leaving: profile links, changing the address, leaving, renewal."""
from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit

import pytest
from sqlmodel import select

from engagement import create_app
from engagement.audit.models import AuditEntry
from engagement.db import utcnow
from engagement.panel import links, service
from engagement.panel.models import ACTIVE, LEFT, PENDING, Consent, Panelist
from engagement.panel.signup import membership_end
from tests.conftest import TEST_SECRET, csrf_token_from
from tests.factories import make_panel, make_panelist
from tests.panel import body_of, link_path, outbox, recipient, sign_up, submit_form

PROFILE_FORM = dict(channel="email", language="da", birth_year="1970", gender="male", postcode="5000",
                    education="kvu", housing="ejer", employment="ansat")


def token_for(app, purpose, panelist, **kwargs) -> str:
    with app.app_context():
        return links.make_link_token(purpose, panelist, **kwargs)


def fresh(session, row):
    session.expire_all()
    return session.get(type(row), row.id)


def add_consent(session, panelist):
    session.add(Consent(panel_id=panelist.panel_id, panelist_id=panelist.id, version="2025-1"))
    session.commit()


# ---------------------------------------------------------------------------
# Leaving
# ---------------------------------------------------------------------------

def test_get_on_the_leave_link_shows_a_button_and_does_not_leave(app, client, session):
    panel = make_panel(session)
    member = make_panelist(session, panel)
    for _ in range(3):  # scanners fetch more than once
        page = client.get(f"/p/{panel.key}/frameld/{token_for(app, links.LEAVE, member)}")
        assert page.status_code == 200
        html = page.get_data(as_text=True)
        assert '<form method="post"' in html and "Meld mig ud" in html
    assert fresh(session, member).status == ACTIVE
    assert outbox(app) == []


def test_leaving_stops_messages_clears_personal_data_and_voids_old_links(app, client, session):
    panel = make_panel(session)
    member = make_panelist(session, panel, email="karl@example.dk", phone="+4520123456", channel="both",
                           name="Karl", education="lvu", housing="ejer", employment="ansat")
    add_consent(session, member)
    leave_token = token_for(app, links.LEAVE, member)
    profile_token = token_for(app, links.PROFILE, member)
    version, confirmed_at = member.token_version, member.confirmed_at

    page = client.post(f"/p/{panel.key}/frameld/{leave_token}")
    assert page.status_code == 200 and "Du er meldt ud" in page.get_data(as_text=True)

    gone = fresh(session, member)
    assert gone.status == LEFT and gone.left_at is not None
    assert gone.token_version == version + 1
    for name in service.CLEARED_ON_LEAVING:
        assert getattr(gone, name) is None, name
    assert gone.confirmed_at == confirmed_at and gone.channel == "both"  # kept: dates and counts stay right
    [consent] = session.exec(select(Consent).where(Consent.panelist_id == member.id)).all()
    assert consent.withdrawn_at == gone.left_at
    [audit] = session.exec(select(AuditEntry).where(AuditEntry.target_id == member.id)).all()
    assert (audit.action, audit.actor) == ("panelist.leave", f"panelist:{member.id}")
    assert "karl" not in str(audit.detail)

    [goodbye] = outbox(app)
    assert recipient(goodbye) == "karl@example.dk"
    assert goodbye["List-Unsubscribe"] is None  # nothing left to leave
    # Old links die: the profile link is refused, the leave link only says "you are out".
    assert client.get(f"/p/{panel.key}/profil/{profile_token}").status_code == 404
    again = client.post(f"/p/{panel.key}/frameld/{leave_token}")
    assert again.status_code == 200 and "Du er meldt ud" in again.get_data(as_text=True)
    assert len(outbox(app)) == 1  # no second goodbye


def test_one_click_unsubscribe_from_a_mail_program_needs_no_cookie_or_csrf(app, session):
    """RFC 8058: the mail provider POSTs List-Unsubscribe=One-Click to the header's URL."""
    panel = make_panel(session)
    sign_up(app.test_client(), panel.key, email="eva@example.dk")
    [confirmation] = outbox(app)
    url = confirmation["List-Unsubscribe"].strip("<>")
    provider = app.test_client()  # no session, no CSRF token
    response = provider.post(urlsplit(url).path, data="List-Unsubscribe=One-Click",
                             content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    # A signup that was never confirmed is simply deleted.
    assert session.exec(select(Panelist).where(Panelist.panel_id == panel.id)).all() == []


def test_one_click_unsubscribe_for_a_member(app, session):
    panel = make_panel(session)
    member = make_panelist(session, panel)
    with app.app_context():
        url = links.leave_url(member)
    assert url.startswith("http://localhost/p/")
    response = app.test_client().post(urlsplit(url).path, data={"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert fresh(session, member).status == LEFT


def test_tampered_leave_and_profile_tokens_are_refused(app, client, session):
    panel = make_panel(session)
    member = make_panelist(session, panel)
    leave = token_for(app, links.LEAVE, member)
    forged = leave.rsplit(".", 1)[0] + ".AAAAAAAAAAAAAAAAAAAAAAAAAAA"
    assert client.post(f"/p/{panel.key}/frameld/{forged}").status_code == 404
    assert client.get(f"/p/{panel.key}/profil/{forged}").status_code == 404
    assert client.post(f"/p/{panel.key}/frameld/{token_for(app, links.PROFILE, member)}").status_code == 404
    assert fresh(session, member).status == ACTIVE


def test_links_of_a_deleted_signup_never_reach_the_next_signup(app, client, session):
    panel = make_panel(session)
    sign_up(client, panel.key, email="first@example.dk")
    [first_mail] = outbox(app)
    client.post(link_path(first_mail, "frameld"))  # deleted before confirming
    sign_up(client, panel.key, email="second@example.dk")
    [newcomer] = session.exec(select(Panelist).where(Panelist.panel_id == panel.id)).all()
    # SQLite may hand the deleted id to the newcomer; the old links must still not name them.
    assert client.get(link_path(first_mail, "bekraeft")).status_code == 404
    page = client.post(link_path(first_mail, "frameld"))
    assert page.status_code in (200, 404)
    assert fresh(session, newcomer).status == PENDING


def test_leave_link_helpers_use_the_public_base_url(database_url, tmp_path, session):
    app = create_app({"database_url": database_url, "secret_key": TEST_SECRET,
                      "instance_path": tmp_path / "instance",
                      "public_base_url": "https://borger.example.dk/panel"})
    panel = make_panel(session, key="vejle")
    member = make_panelist(session, panel)
    with app.test_request_context("http://internal:8000/whatever"):
        leave, profile = links.leave_url(member), links.profile_url(member)
        assert links.read_link_token(links.LEAVE, leave.rsplit("/", 1)[1]).panelist_id == member.id
    assert leave.startswith("https://borger.example.dk/panel/p/vejle/frameld/")
    assert profile.startswith("https://borger.example.dk/panel/p/vejle/profil/")
    app.extensions["borgerpanel.engine"].dispose()


# ---------------------------------------------------------------------------
# Profile
# ---------------------------------------------------------------------------

def test_profile_page_shows_and_saves_details(app, client, session):
    panel = make_panel(session)
    member = make_panelist(session, panel, email="bo@example.dk", birth_year=1970)
    path = f"/p/{panel.key}/profil/{token_for(app, links.PROFILE, member)}"
    html = client.get(path).get_data(as_text=True)
    assert 'value="bo@example.dk"' in html and 'value="1970"' in html
    response = submit_form(client, path, email="bo@example.dk", phone="+4520123456", name="Bo",
                           **{**PROFILE_FORM, "channel": "sms", "postcode": "5200", "gender": ""})
    assert response.status_code == 302
    saved = fresh(session, member)
    assert (saved.phone, saved.channel, saved.area, saved.gender, saved.name) == (
        "+4520123456", "sms", "vest", None, "Bo")
    assert client.get(path).headers["Cache-Control"] == "no-store"


def test_profile_refuses_invalid_phone_and_changes_nothing(app, client, session):
    panel = make_panel(session)
    member = make_panelist(session, panel, phone=None)
    path = f"/p/{panel.key}/profil/{token_for(app, links.PROFILE, member)}"
    response = submit_form(client, path, email=member.email, phone="+4512345678", **PROFILE_FORM)
    assert response.status_code == 422
    assert "Mobilnummeret ser ikke rigtigt ud." in response.get_data(as_text=True)
    assert fresh(session, member).phone is None


def test_profile_link_expires_after_thirty_days(app, client, session, monkeypatch):
    panel = make_panel(session)
    member = make_panelist(session, panel)
    signed_at = {"old": time.time() - 31 * 86400, "recent": time.time() - 29 * 86400}
    tokens = {}
    for name, moment in signed_at.items():
        with app.app_context(), monkeypatch.context() as patch:
            patch.setattr(time, "time", lambda moment=moment: moment)
            tokens[name] = links.make_link_token(links.PROFILE, member)
    page = client.get(f"/p/{panel.key}/profil/{tokens['old']}")
    assert page.status_code == 410
    assert "Få et nyt link" in page.get_data(as_text=True)
    assert client.get(f"/p/{panel.key}/profil/{tokens['recent']}").status_code == 200


def test_new_address_replaces_the_old_only_after_confirmation(app, client, session):
    panel = make_panel(session)
    member = make_panelist(session, panel, email="gammel@example.dk")
    path = f"/p/{panel.key}/profil/{token_for(app, links.PROFILE, member)}"
    response = submit_form(client, path, email="ny@example.dk", **PROFILE_FORM)
    assert response.status_code == 302
    assert "den gamle" in client.get(response.headers["Location"]).get_data(as_text=True)
    assert fresh(session, member).email == "gammel@example.dk"

    [change] = outbox(app)
    assert recipient(change) == "ny@example.dk"
    change_path = link_path(change, "ny-email")
    page = client.get(change_path)
    assert page.status_code == 200 and "ny@example.dk" in page.get_data(as_text=True)
    assert fresh(session, member).email == "gammel@example.dk"  # GET changes nothing
    page = client.post(change_path, data={"csrf_token": csrf_token_from(page.get_data(as_text=True))})
    assert page.status_code == 200 and "Din mail er skiftet" in page.get_data(as_text=True)
    assert fresh(session, member).email == "ny@example.dk"


def test_new_address_already_used_by_another_member_is_not_taken(app, client, session):
    panel = make_panel(session)
    member = make_panelist(session, panel, email="a@example.dk")
    make_panelist(session, panel, email="b@example.dk")
    path = f"/p/{panel.key}/ny-email/{token_for(app, links.EMAIL_CHANGE, member, email='b@example.dk')}"
    page = submit_form(client, path)
    assert page.status_code == 409
    assert fresh(session, member).email == "a@example.dk"


def test_asking_for_a_link_gives_the_same_answer_for_members_and_strangers(app, client, session):
    panel = make_panel(session)
    make_panelist(session, panel, email="medlem@example.dk")
    answers = [submit_form(client, f"/p/{panel.key}/link", email=email)
               for email in ("medlem@example.dk", "fremmed@example.dk")]
    assert answers[0].status_code == answers[1].status_code == 302
    assert answers[0].headers["Location"] == answers[1].headers["Location"]
    assert answers[0].get_data() == answers[1].get_data()
    [mail] = outbox(app)
    assert recipient(mail) == "medlem@example.dk"
    assert client.get(link_path(mail, "profil")).status_code == 200
    bad = submit_form(client, f"/p/{panel.key}/link", email="ikke en mail")
    assert bad.status_code == 422 and "E-mailadressen ser ikke rigtig ud." in bad.get_data(as_text=True)


# ---------------------------------------------------------------------------
# Membership
# ---------------------------------------------------------------------------

@pytest.mark.parametrize(("confirmed", "years", "ends"), [
    (datetime(2025, 5, 1, 9, 30, tzinfo=timezone.utc), 3, datetime(2028, 5, 1, 9, 30, tzinfo=timezone.utc)),
    (datetime(2024, 2, 29, 12, 0, tzinfo=timezone.utc), 3, datetime(2027, 2, 28, 12, 0, tzinfo=timezone.utc)),
    (datetime(2024, 2, 29, 12, 0, tzinfo=timezone.utc), 4, datetime(2028, 2, 29, 12, 0, tzinfo=timezone.utc)),
])
def test_membership_runs_whole_years_from_joining(confirmed, years, ends):
    assert membership_end(confirmed, years) == ends


def test_members_due_for_renewal(session):
    panel, other = make_panel(session), make_panel(session)
    now = datetime(2025, 6, 1, 12, 0, tzinfo=timezone.utc)
    soon = make_panelist(session, panel, membership_ends_at=now + timedelta(days=10))
    edge = make_panelist(session, panel, membership_ends_at=now + timedelta(days=60))
    overdue = make_panelist(session, panel, membership_ends_at=now - timedelta(days=1))
    make_panelist(session, panel, membership_ends_at=now + timedelta(days=61))             # later
    make_panelist(session, panel, status=LEFT, membership_ends_at=now + timedelta(days=5))  # left
    make_panelist(session, panel, status=PENDING, membership_ends_at=None)                  # not a member yet
    make_panelist(session, other, membership_ends_at=now + timedelta(days=5))              # another panel
    due = service.members_due_for_renewal(session, panel.id, now)
    assert [p.id for p in due] == [overdue.id, soon.id, edge.id]
    assert [p.id for p in service.members_due_for_renewal(session, panel.id, now, within_days=30)] == [
        overdue.id, soon.id]


def test_confirming_sets_membership_from_the_panels_years(app, client, session):
    panel = make_panel(session, membership_years=2)
    pending = make_panelist(session, panel, status=PENDING, confirmed_at=None, membership_ends_at=None,
                            created_at=utcnow())
    path = f"/p/{panel.key}/bekraeft/{token_for(app, links.CONFIRM, pending)}"
    assert submit_form(client, path).status_code == 200
    member = fresh(session, pending)
    assert member.status == ACTIVE
    assert member.membership_ends_at == membership_end(member.confirmed_at, 2)
    [welcome] = outbox(app)
    assert "2 år" in body_of(welcome)
    # Confirming twice is harmless.
    page = client.get(path)
    assert page.status_code == 200 and "allerede" in page.get_data(as_text=True)
    assert len(outbox(app)) == 1
