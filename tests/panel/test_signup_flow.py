"""Joining: the signup page, double opt-in by email, expiry, and what the page gives away."""
from __future__ import annotations

import re
import time
from datetime import datetime, timedelta, timezone

import pytest
from sqlmodel import select

from engagement.db import utcnow
from engagement.panel import links, service
from engagement.panel.consent import CURRENT_VERSION
from engagement.messages.readability import LIX_LIMIT
from engagement.panel.models import ACTIVE, LEFT, PENDING, Consent, Panelist
from engagement.panel.signup import membership_end
from tests.conftest import csrf_token_from
from tests.factories import make_panel, make_panelist
from tests.panel import body_of, lix, link_path, outbox, recipient, sign_up, submit_form


def panelists(session, panel):
    session.expire_all()
    return session.exec(select(Panelist).where(Panelist.panel_id == panel.id)).all()


def test_signup_confirm_change_profile_and_leave_over_http(app, client, session):
    panel = make_panel(session, key="odense", name="Odense Borgerpanel")

    response = sign_up(client, "odense", email="Anna.Hansen@Example.DK", phone="", name="Anna Hansen",
                       birth_year="1984", gender="female", postcode="5000", education="mvu",
                       housing="andel", employment="ansat")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/p/odense/tilmeld/tak")
    assert "Tjek din mail" in client.get(response.headers["Location"]).get_data(as_text=True)

    [pending] = panelists(session, panel)
    assert (pending.status, pending.email, pending.area, pending.birth_year) == (
        PENDING, "Anna.Hansen@example.dk", "midtby", 1984)
    [consent] = session.exec(select(Consent).where(Consent.panelist_id == pending.id)).all()
    assert (consent.version, consent.source, consent.withdrawn_at) == (CURRENT_VERSION, "signup", None)

    [confirmation] = outbox(app)
    assert recipient(confirmation) == "Anna.Hansen@example.dk"
    confirm_path = link_path(confirmation, "bekraeft")
    # GET shows a button and confirms nothing (mail scanners fetch every link).
    page = client.get(confirm_path)
    assert page.status_code == 200 and "Ja, jeg vil være med" in page.get_data(as_text=True)
    assert panelists(session, panel)[0].status == PENDING

    page = client.post(confirm_path, data={"csrf_token": csrf_token_from(page.get_data(as_text=True))})
    assert page.status_code == 200 and "Nu er du med" in page.get_data(as_text=True)
    [member] = panelists(session, panel)
    assert member.status == ACTIVE
    assert member.confirmed_at is not None and abs(member.confirmed_at - utcnow()) < timedelta(minutes=1)
    assert member.membership_ends_at == membership_end(member.confirmed_at, 3)

    welcome = outbox(app)[-1]
    assert "Velkommen" in welcome["Subject"]
    profile_path = link_path(welcome, "profil")
    page = client.get(profile_path)
    assert page.status_code == 200 and 'value="Anna.Hansen@example.dk"' in page.get_data(as_text=True)

    response = submit_form(client, profile_path, email="Anna.Hansen@example.dk", phone="20 12 34 56",
                           name="Anna Hansen", channel="both", language="en", birth_year="1984",
                           gender="female", postcode="5200", education="lvu", housing="andel",
                           employment="ansat")
    assert response.status_code == 302
    assert "Vi har gemt" in client.get(response.headers["Location"]).get_data(as_text=True)
    [member] = panelists(session, panel)
    assert (member.phone, member.channel, member.language, member.postcode, member.area, member.education) == (
        "+4520123456", "both", "en", "5200", "vest", "lvu")

    leave_path = link_path(welcome, "frameld")
    page = client.get(leave_path)
    assert page.status_code == 200 and "Meld mig ud" in page.get_data(as_text=True)
    assert panelists(session, panel)[0].status == ACTIVE
    assert client.post(leave_path, data={}).status_code == 200
    [gone] = panelists(session, panel)
    assert gone.status == LEFT and gone.email is None
    goodbye = outbox(app)[-1]
    # Anna chose English in her profile: the goodbye comes in her language.
    assert recipient(goodbye) == "Anna.Hansen@example.dk" and "You have now left" in goodbye["Subject"]


def test_signup_page_is_accessible_danish_and_has_english(client, session):
    make_panel(session, key="aarhus")
    html = client.get("/p/aarhus/tilmeld").get_data(as_text=True)
    assert '<html lang="da">' in html
    assert 'name="viewport"' in html
    for field in ("email", "phone", "name", "birth_year", "postcode", "education", "housing", "employment"):
        assert f'<label for="{field}">' in html and f'id="{field}"' in html
    assert html.count("Vil ikke oplyse") >= 4  # gender, education, housing, employment
    assert "<legend>" in html and 'name="consent"' in html
    assert '<html lang="en">' in client.get("/p/aarhus/tilmeld?lang=en").get_data(as_text=True)


def test_unknown_panel_is_404(client):
    assert client.get("/p/findes-ikke/tilmeld").status_code == 404


def test_form_without_csrf_token_is_refused(client, session):
    panel = make_panel(session)
    response = client.post(f"/p/{panel.key}/tilmeld", data={"email": "a@example.dk", "consent": "yes"})
    assert response.status_code == 400
    assert panelists(session, panel) == []


@pytest.mark.parametrize(("fields", "field", "message"), [
    ({"email": "ikke en mail"}, "email", "E-mailadressen ser ikke rigtig ud."),
    ({"email": ""}, "email", "Skriv din e-mailadresse."),
    ({"phone": "+4512345678"}, "phone", "Mobilnummeret ser ikke rigtigt ud."),
    ({"phone": "12"}, "phone", "Mobilnummeret ser ikke rigtigt ud."),
    ({"channel": "sms"}, "channel", "Skriv dit mobilnummer, hvis du vil have SMS."),
    ({"birth_year": "19"}, "birth_year", "Fødselsåret ser ikke rigtigt ud."),
    ({"postcode": "50000"}, "postcode", "Et postnummer har fire tal."),
    ({"consent": ""}, "consent", "Sæt kryds, hvis du vil være med."),
])
def test_invalid_input_shows_a_clear_message_tied_to_the_field(app, client, session, fields, field, message):
    panel = make_panel(session)
    response = sign_up(client, panel.key, **fields)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert f'id="{field}-error">{message}<' in html
    assert re.search(rf'aria-describedby="[^"]*\b{field}-error"', html)  # the message is tied to the field
    assert panelists(session, panel) == [] and outbox(app) == []


@pytest.mark.parametrize("typed", ["+4520123456", "20123456", "20 12 34 56", "0045 20 12 34 56"])
def test_valid_danish_mobile_numbers_are_stored_as_e164(client, session, typed):
    panel = make_panel(session)
    assert sign_up(client, panel.key, phone=typed, channel="sms").status_code == 302
    [pending] = panelists(session, panel)
    assert (pending.phone, pending.channel) == ("+4520123456", "sms")


def test_second_signup_with_the_same_address_looks_the_same_and_adds_no_row(app, client, session):
    panel = make_panel(session)
    first = sign_up(client, panel.key, email="ole@example.dk", postcode="5000")
    second = sign_up(client, panel.key, email="OLE@example.dk", postcode="5200")
    assert (first.status_code, first.headers["Location"]) == (second.status_code, second.headers["Location"])
    assert first.get_data() == second.get_data()
    [pending] = panelists(session, panel)
    assert pending.postcode == "5200"  # the latest details win while pending
    mails = outbox(app)
    assert len(mails) == 2 and all("bekraeft" in body_of(mail) for mail in mails)
    # Either mail confirms the one signup (people click the first mail they find).
    assert client.get(link_path(mails[0], "bekraeft")).status_code == 200
    assert client.get(link_path(mails[1], "bekraeft")).status_code == 200


def test_signup_by_an_active_member_mails_a_profile_link_and_changes_nothing(app, client, session):
    panel = make_panel(session)
    member = make_panelist(session, panel, email="mette@example.dk", postcode="5000")
    stranger = sign_up(client, panel.key, email="nyborger@example.dk")
    again = sign_up(client, panel.key, email="mette@example.dk", postcode="5200")
    assert (again.status_code, again.headers["Location"], again.get_data()) == (
        stranger.status_code, stranger.headers["Location"], stranger.get_data())
    rows = panelists(session, panel)
    assert len(rows) == 2
    session.refresh(member)
    assert (member.status, member.postcode) == (ACTIVE, "5000")
    notice = [mail for mail in outbox(app) if recipient(mail) == "mette@example.dk"]
    assert len(notice) == 1 and notice[0]["Subject"] == "Du er allerede med"
    assert client.get(link_path(notice[0], "profil")).status_code == 200


def _token_signed_at(app, purpose, panelist, moment: float, monkeypatch) -> str:
    with app.app_context(), monkeypatch.context() as patch:
        patch.setattr(time, "time", lambda: moment)
        return links.make_link_token(purpose, panelist)


def test_confirmation_link_older_than_seven_days_gets_a_friendly_page(app, client, session, monkeypatch):
    panel = make_panel(session)
    pending = make_panelist(session, panel, status=PENDING, confirmed_at=None, membership_ends_at=None)
    old = _token_signed_at(app, links.CONFIRM, pending, time.time() - 7 * 86400 - 60, monkeypatch)
    fresh = _token_signed_at(app, links.CONFIRM, pending, time.time() - 6 * 86400, monkeypatch)

    page = client.get(f"/p/{panel.key}/bekraeft/{old}")
    assert page.status_code == 410
    assert "Linket er for gammelt" in page.get_data(as_text=True)
    assert "Meld dig til igen" in page.get_data(as_text=True)
    assert client.get(f"/p/{panel.key}/bekraeft/{fresh}").status_code == 200
    session.refresh(pending)
    assert pending.status == PENDING


def test_confirming_a_signup_older_than_seven_days_is_refused(app, client, session):
    panel = make_panel(session)
    pending = make_panelist(session, panel, status=PENDING, confirmed_at=None, membership_ends_at=None,
                            created_at=utcnow() - timedelta(days=8))
    with app.app_context():
        token = links.make_link_token(links.CONFIRM, pending)
    page = client.get(f"/p/{panel.key}/bekraeft/{token}")
    assert page.status_code == 410
    session.refresh(pending)
    assert pending.status == PENDING


def test_tampered_or_foreign_confirmation_tokens_are_refused(app, client, session):
    panel, other = make_panel(session), make_panel(session)
    pending = make_panelist(session, panel, status=PENDING, confirmed_at=None)
    with app.app_context():
        token = links.make_link_token(links.CONFIRM, pending)
        profile_token = links.make_link_token(links.PROFILE, pending)
    tampered = token[:-5] + ("A" if token[-5] != "A" else "B") + token[-4:]  # inside the signature, not its padding bits
    for path in (f"/p/{panel.key}/bekraeft/{tampered}",        # signature broken
                 f"/p/{panel.key}/bekraeft/{profile_token}",   # made for another purpose
                 f"/p/{other.key}/bekraeft/{token}",           # for another panel
                 f"/p/{panel.key}/bekraeft/not-a-token"):
        page = client.get(path)
        assert page.status_code == 404, path
        assert "Linket virker ikke" in page.get_data(as_text=True)
    session.refresh(pending)
    assert pending.status == PENDING


def test_purge_expired_signups_deletes_only_old_pending_rows(app, session):
    panel = make_panel(session)
    now = datetime(2025, 3, 10, 12, 0, tzinfo=timezone.utc)
    old = make_panelist(session, panel, status=PENDING, created_at=now - timedelta(days=7, seconds=1))
    young = make_panelist(session, panel, status=PENDING, created_at=now - timedelta(days=6, hours=23))
    member = make_panelist(session, panel, status=ACTIVE, created_at=now - timedelta(days=400))
    for row in (old, young):
        session.add(Consent(panel_id=panel.id, panelist_id=row.id, version=CURRENT_VERSION))
    session.commit()
    old_id = old.id

    assert service.purge_expired_signups(session, now) == 1
    session.commit()
    assert service.purge_expired_signups(session, now) == 0  # safe to run twice
    session.commit()
    remaining = {row.id for row in panelists(session, panel)}
    assert remaining == {young.id, member.id}
    assert session.exec(select(Consent).where(Consent.panelist_id == old_id)).all() == []


def test_every_mail_is_plain_short_danish_and_says_how_to_stop(app, client, session):
    panel = make_panel(session, name="Testby Borgerpanel")
    sign_up(client, panel.key, email="lone@example.dk", name="Lone")
    confirm = outbox(app)[-1]
    path = link_path(confirm, "bekraeft")
    client.post(path, data={"csrf_token": csrf_token_from(client.get(path).get_data(as_text=True))})
    sign_up(client, panel.key, email="lone@example.dk")            # already a member
    client.post(f"/p/{panel.key}/link", data={
        "csrf_token": csrf_token_from(client.get(f"/p/{panel.key}/link").get_data(as_text=True)),
        "email": "lone@example.dk"})                                # profile link
    welcome = outbox(app)[1]
    profile_path = link_path(welcome, "profil")
    submit_form(client, profile_path, email="lone@nytsted.dk", channel="email", language="da")
    leave_path = link_path(welcome, "frameld")
    client.post(leave_path)
    mails = outbox(app)
    subjects = [mail["Subject"] for mail in mails]
    assert subjects == ["Sig ja til at være med", "Velkommen i Testby Borgerpanel", "Du er allerede med",
                        "Dit link til din profil", "Sig ja til din nye mail", "Du er nu meldt ud"]
    for mail in mails:
        text = body_of(mail)
        assert text.startswith("Hej"), text
        assert lix(text) < LIX_LIMIT, (mail["Subject"], lix(text), text)
        assert mail["Auto-Submitted"] == "auto-generated"
        assert mail["From"].addresses[0].display_name == panel.sender_name
    for mail in mails[:4]:  # messages to a member or a signup carry the leave link, in the body and the header
        leave = link_path(mail, "frameld")
        assert mail["List-Unsubscribe"] == f"<http://localhost{leave}>"
        assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # The address change goes to a mailbox that is not yet the member's: no leave link there,
    # it says that doing nothing stops it; the goodbye is the last message.
    assert "ikke gøre noget" in body_of(mails[4]) and mails[4]["List-Unsubscribe"] is None
    assert "sidste" in body_of(mails[5])
