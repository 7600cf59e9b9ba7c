"""A panel's name and municipality in citizen texts, greetings by first name, and the privacy notice."""
from __future__ import annotations

import re

from sqlalchemy import create_engine, text
from sqlmodel import select

from engagement.panel import privacy
from engagement.panel.models import Consent, Panel, PrivacyNotice
from engagement.messages.render import greeting_name
from tests.conftest import csrf_token_from
from tests.factories import make_panel
from engagement.messages.readability import lix
from tests.panel import body_of, link_path, outbox, sign_up
from tests.staff.support import log_in, make_staff



def aarhus(session, **extra):
    return make_panel(session, key="aarhus", name="Borgerpanelet", municipality="Aarhus Kommune", **extra)


def test_citizen_texts_name_the_panel_in_its_municipality(app, client, session):
    aarhus(session)
    page = client.get("/p/aarhus/tilmeld").get_data(as_text=True)
    assert "<h1>Bliv en del af Borgerpanelet i Aarhus Kommune</h1>" in page
    assert "Bliv en del af Aarhus Kommune" not in page
    sign_up(client, "aarhus", email="karen@example.dk", name="Karen Sørensen")
    [confirmation] = outbox(app)
    body = body_of(confirmation)
    assert "Tak, fordi du vil være med i Borgerpanelet i Aarhus Kommune." in body
    assert body.startswith("Hej Karen\n") and "Karen Sørensen" not in body


def test_a_panel_without_a_municipality_reads_as_its_name(session):
    panel = make_panel(session, name="Vejle Borgerpanel")
    assert panel.display_name == "Vejle Borgerpanel" and panel.controller == "Vejle Borgerpanel"


def test_greetings_use_the_first_name():
    assert greeting_name("Karen Sørensen") == "Karen"
    assert greeting_name("  Anne-Marie   Holm ") == "Anne-Marie"
    assert greeting_name("fru Karen Holm") == "Karen"
    assert greeting_name("karen holm") == "Karen"
    assert greeting_name("K. Holm") == "K. Holm"
    assert greeting_name("") is None and greeting_name(None) is None


def test_the_default_notice_has_every_article_13_item_and_reads_plainly(app, client, session):
    aarhus(session, dpo_contact="dpo@aarhus.example.dk")
    page = client.get("/p/aarhus/privatliv")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    for needed in ("Aarhus Kommune er dataansvarlig", "Hvad vi gemmer", "Hvorfor", "Retsgrundlag: dit samtykke",
                   "artikel 6, stk. 1, litra a", "Hvem ser dem", "Hvor længe", "Du er med i 3 år",
                   "Dine rettigheder", "dpo@aarhus.example.dk", "Datatilsynet", "www.datatilsynet.dk"):
        assert needed in html, needed
    with app.app_context():
        notice = privacy.current_notice(session.exec(select(Panel).where(Panel.key == "aarhus")).one())
    assert lix(notice.text_da) < 25  # very easy Danish (engagement.messages.readability)
    english = client.get("/p/aarhus/privatliv?lang=en").get_data(as_text=True)
    assert "Aarhus Kommune is the data controller" in english and "Danish Data Protection Agency" in english
    assert "Borgerpanelet in Aarhus Kommune" in english


def test_signup_profile_and_every_mail_link_to_the_notice(app, client, session):
    aarhus(session)
    assert "/p/aarhus/privatliv" in client.get("/p/aarhus/tilmeld").get_data(as_text=True)
    sign_up(client, "aarhus", email="bo@example.dk", name="Bo Dam")
    [confirmation] = outbox(app)
    page = client.get(link_path(confirmation, "bekraeft"))
    client.post(link_path(confirmation, "bekraeft"), data={"csrf_token": csrf_token_from(page.get_data(as_text=True))})
    welcome = outbox(app)[-1]
    for mail in (confirmation, welcome):
        assert re.search(r"Sådan passer vi på dine oplysninger:\nhttp://\S+/p/aarhus/privatliv", body_of(mail))
    profile = client.get(link_path(welcome, "profil")).get_data(as_text=True)
    assert "/p/aarhus/privatliv" in profile


def test_each_consent_names_the_notice_it_was_given_under(app, client, session):
    panel = aarhus(session)
    sign_up(client, "aarhus", email="first@example.dk")
    with app.app_context():
        first = privacy.current_notice(panel)
    # An admin writes the panel's own notice: a new version from now on, the old words kept.
    admin = make_staff(session, panel, role="admin")
    log_in(client, admin)
    settings = client.get("/staff/aarhus/indstillinger").get_data(as_text=True)
    assert first.version in settings
    response = client.post("/staff/aarhus/indstillinger/privatliv", data={
        "csrf_token": csrf_token_from(settings), "dpo_contact": "dpo@aarhus.example.dk",
        "privacy_notice_da": "Aarhus Kommune passer på dine data.\n\nSkriv til os.", "privacy_notice_en": ""})
    assert response.status_code == 302
    session.expire_all()
    panel = session.get(Panel, panel.id)
    with app.app_context():
        second = privacy.current_notice(panel)
    assert second.version != first.version and not second.is_default
    client.post("/staff/logout", data={"csrf_token": csrf_token_from(settings)})
    sign_up(client, "aarhus", email="second@example.dk")
    consents = session.exec(select(Consent).where(Consent.panel_id == panel.id).order_by(Consent.id)).all()
    assert [c.privacy_version for c in consents] == [first.version, second.version]
    kept = {n.version: n for n in session.exec(select(PrivacyNotice).where(PrivacyNotice.panel_id == panel.id))}
    assert set(kept) == {first.version, second.version}
    assert "Aarhus Kommune er dataansvarlig" in kept[first.version].text_da
    assert kept[second.version].text_da == "Aarhus Kommune passer på dine data.\n\nSkriv til os."
    assert kept[second.version].text_en == kept[second.version].text_da  # no English written: the Danish
    page = client.get("/p/aarhus/privatliv").get_data(as_text=True)
    assert "<p>Aarhus Kommune passer på dine data.</p>" in page and "<p>Skriv til os.</p>" in page


def test_the_migration_makes_a_panel_named_after_its_municipality_borgerpanelet(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    from engagement.schema import upgrade_database

    upgrade_database(url, "0001")
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO panel (key, name, sender_name, postcode_areas, area_labels, "
                                "membership_years, created_at) VALUES ('aarhus', 'Aarhus Kommune', "
                                "'Borgerpanelet', '{}', '{}', 3, '2026-01-01 00:00:00+00:00')"))
    upgrade_database(url)
    with engine.connect() as connection:
        row = connection.execute(text("SELECT name, municipality, dpo_contact FROM panel")).one()
    engine.dispose()
    assert tuple(row) == ("Borgerpanelet", "Aarhus Kommune", "")
