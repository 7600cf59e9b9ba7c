"""flask demo create: Borgerpanelet i Demo Kommune with 2,000 panelists that look like the population."""
from __future__ import annotations

import re
from collections import Counter

import pytest
from argon2 import PasswordHasher
from sqlmodel import select

from engagement.db import utcnow
from engagement.panel.models import ACTIVE, Consent, Panel, Panelist
from engagement.panel.profile import age_band, normalize_email, normalize_phone
from engagement.selection.models import PopulationTarget
from engagement.selection.targets import default_margins, margins_by_feature
from engagement.staff.models import StaffRole, StaffUser
from tests.factories import make_panel

TOLERANCE = 0.02  # two percentage points


@pytest.fixture
def demo(runner, session):
    result = runner.invoke(args=["demo", "create"])
    assert result.exit_code == 0, result.output
    panel = session.exec(select(Panel).where(Panel.key == "demo")).one()
    people = session.exec(select(Panelist).where(Panelist.panel_id == panel.id)).all()
    return result.output, panel, people


def test_demo_create_makes_the_panel_and_prints_the_admin_login(demo, session):
    output, panel, people = demo
    assert (panel.name, panel.municipality) == ("Borgerpanelet", "Demo Kommune")
    assert "»Borgerpanelet i Demo Kommune«" in output
    assert set(panel.area_labels) == {"midtby", "nord", "syd", "vest", "land"}
    assert panel.area_labels["land"] == "Landdistrikterne"
    assert set(panel.postcode_areas.values()) == set(panel.area_labels)
    assert all(re.fullmatch(r"\d{4}", code) for code in panel.postcode_areas)
    assert len(people) == 2000 and {p.status for p in people} == {ACTIVE}

    match = re.search(r"Log ind på http://localhost/staff/login med\s+e-mail:\s+(\S+)\s+adgangskode:\s+(\S+)", output)
    assert match, output
    email, password = match.groups()
    assert email == "admin@demo.example.dk"
    staff = session.exec(select(StaffUser).where(StaffUser.email == email)).one()
    assert PasswordHasher().verify(staff.password_hash, password)
    role = session.exec(select(StaffRole).where(StaffRole.staff_id == staff.id)).one()
    assert (role.panel_id, role.role) == (panel.id, "admin")


def test_the_admin_can_log_in_with_the_printed_password(demo, client):
    output, panel, _people = demo
    password = re.search(r"adgangskode:\s+(\S+)", output).group(1)
    from tests.conftest import csrf_token_from
    page = client.get("/staff/login")
    response = client.post("/staff/login", data={
        "email": "admin@demo.example.dk", "password": password,
        "csrf_token": csrf_token_from(page.get_data(as_text=True))})
    assert response.status_code == 302
    assert client.get(f"/staff/{panel.key}/import/").status_code == 200


def test_demo_create_twice_does_nothing_the_second_time(demo, runner, session):
    _output, panel, people = demo
    again = runner.invoke(args=["demo", "create"])
    assert again.exit_code == 0
    assert "Der findes allerede paneler" in again.output
    assert "adgangskode" not in again.output
    assert len(session.exec(select(Panel)).all()) == 1
    assert len(session.exec(select(Panelist)).all()) == 2000
    assert len(session.exec(select(StaffUser)).all()) == 1


def test_demo_create_leaves_a_database_with_panels_alone(runner, session):
    make_panel(session, key="vejle")
    result = runner.invoke(args=["demo", "create"])
    assert result.exit_code == 0
    assert "Der findes allerede paneler" in result.output
    assert session.exec(select(Panel).where(Panel.key == "demo")).first() is None
    assert session.exec(select(Panelist)).all() == []


def test_the_population_targets_come_from_the_csv(demo, session):
    _output, panel, _people = demo
    targets = session.exec(select(PopulationTarget).where(PopulationTarget.panel_id == panel.id)).all()
    assert sorted((t.feature, t.value, t.label, t.share) for t in targets) == sorted(
        (m.feature, m.value, m.label, m.share) for m in default_margins())


def test_the_panel_looks_like_the_population(demo):
    _output, _panel, people = demo
    today = utcnow().date()
    population = margins_by_feature(default_margins())
    for feature in ("gender", "age", "area", "education", "housing"):
        if feature == "age":
            counts = Counter(age_band(p.birth_year, today) for p in people)
        else:
            counts = Counter(getattr(p, feature) for p in people)
        assert set(counts) == set(population[feature]), feature
        for value, share in population[feature].items():
            assert abs(counts[value] / len(people) - share) <= TOLERANCE, (feature, value, counts[value])


def test_the_panelists_are_plausible_and_never_real(demo, session):
    _output, panel, people = demo
    now = utcnow()
    emails = [p.email for p in people]
    assert len(set(emails)) == len(emails)
    assert all(normalize_email(e) == e and re.search(r"@([a-z]+\.)?example\.dk$", e) for e in emails)
    phones = [p.phone for p in people if p.phone]
    assert 0.2 * len(people) < len(phones) < 0.6 * len(people)
    assert len(set(phones)) == len(phones)
    assert all(normalize_phone(ph) == ph and ph[:5] in {"+4520", "+4530", "+4540"} for ph in phones)
    assert all(p.phone for p in people if p.channel in {"sms", "both"})
    assert {p.channel for p in people} == {"email", "sms", "both"}
    assert all(panel.postcode_areas[p.postcode] == p.area for p in people)
    assert all(p.name and " " in p.name for p in people)
    assert any(ch in "".join(p.name for p in people) for ch in "æøå")
    # memberships started over the past three years: all still running, some end soon
    assert all(p.confirmed_at < now < p.membership_ends_at for p in people)
    ends_soon = [p for p in people if (p.membership_ends_at - now).days < 60]
    assert 0 < len(ends_soon) < 0.2 * len(people)
    consents = session.exec(select(Consent).where(Consent.panel_id == panel.id)).all()
    assert len(consents) == 2000


def test_the_demo_is_the_same_every_time(runner, session, app):
    from engagement.panel.demo import synthetic_panelists
    now = utcnow()
    first = synthetic_panelists(default_margins(), count=200, now=now)
    second = synthetic_panelists(default_margins(), count=200, now=now)
    assert first == second
