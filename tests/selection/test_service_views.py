"""Selection with the database: eligibility, stored draws, the command and the staff pages."""
from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlmodel import select

from engagement.audit.models import AuditEntry
from engagement.db import utcnow
from engagement.panel.models import LEFT
from engagement.selection import service
from engagement.selection.models import PopulationTarget, SelectionDraw
from tests.conftest import csrf_token_from
from tests.factories import make_panel, make_panelist
from tests.staff.support import log_in, make_staff

TARGETS = {"gender": {"female": 0.5, "male": 0.5},
           "area": {"midtby": 0.6, "vest": 0.4}}


def add_targets(session, panel, targets=TARGETS):
    for feature, shares in targets.items():
        for value, share in shares.items():
            session.add(PopulationTarget(panel_id=panel.id, feature=feature, value=value, label=value.title(),
                                         share=share))
    session.commit()


@pytest.fixture
def panel(session):
    panel = make_panel(session)
    add_targets(session, panel)
    return panel


def populate(session, panel, per_cell=5):
    ids = {}
    for gender in ("female", "male"):
        for area in ("midtby", "vest"):
            ids[(gender, area)] = [make_panelist(session, panel, gender=gender, area=area).id
                                   for _ in range(per_cell)]
    return ids


def test_exclusions_are_honoured(session, panel):
    ids = populate(session, panel)
    now = utcnow()
    left = make_panelist(session, panel, status=LEFT)
    bounced = make_panelist(session, panel, email_status="bounced")
    sms_only_opted_out = make_panelist(session, panel, channel="sms", phone="+4520123456", sms_status="opted_out")
    departed = make_panelist(session, panel, membership_ends_at=now - timedelta(days=1))
    recent = ids[("female", "midtby")][:2]
    result = service.draw_sample(session, panel, service.SampleRequest(
        size=20, seed=1, features=("gender", "area"), exclude_ids=frozenset(recent), fill_shortfall=True))
    chosen = set(result.outcome.chosen_ids)
    assert not chosen & {left.id, bounced.id, sms_only_opted_out.id, departed.id, *recent}
    assert len(chosen) == 18
    assert result.left_out == {"not_active": 1, "departed": 1, "unreachable": 2, "recently_contacted": 2,
                               "not_in_pool": 0}


def test_the_draw_is_stored_with_seed_targets_and_hash_and_repeats(session, panel):
    populate(session, panel, per_cell=10)
    staff = make_staff(session, panel)
    first = service.draw_sample(session, panel, service.SampleRequest(size=10, seed=99,
                                                                      features=("gender", "area")), staff.id)
    session.commit()
    again = service.draw_sample(session, panel, service.SampleRequest(size=10, seed=99,
                                                                      features=("gender", "area"), save=False))
    assert first.outcome.chosen_ids == again.outcome.chosen_ids
    draw = session.get(SelectionDraw, first.draw.id)
    assert (draw.kind, draw.seed, draw.size, draw.created_by) == ("sample", 99, 10, staff.id)
    assert draw.targets == TARGETS and draw.features == ["gender", "area"]
    assert draw.pool_hash == first.outcome.pool_hash and draw.chosen_ids == first.outcome.chosen_ids
    assert draw.probabilities["female|midtby"] == pytest.approx(3 / 10)
    audit = session.exec(select(AuditEntry).where(AuditEntry.action == "selection.sample")).one()
    assert audit.target_id == draw.id


def test_fair_lottery_among_those_who_said_yes(session, panel):
    ids = populate(session, panel, per_cell=4)
    pool = frozenset(ids[("female", "midtby")] + ids[("male", "vest")] + ids[("male", "midtby")][:2])
    quotas = service.quotas_for(session, panel, ("gender", "area"), 4, pool, slack=1)
    result = service.draw_fair_lottery(session, panel, service.LotteryRequest(
        seats=4, quotas=quotas, features=("gender", "area"), seed=5, pool_ids=pool))
    session.commit()
    assert set(result.outcome.chosen_ids) <= pool and len(result.outcome.chosen_ids) == 4
    draw = session.get(SelectionDraw, result.draw.id)
    assert draw.kind == "lottery" and draw.seed == 5 and draw.algorithm.startswith(("maximin", "leximin"))
    assert set(draw.probabilities) == {str(i) for i in pool}
    assert sum(draw.probabilities.values()) == pytest.approx(4)
    assert draw.targets["gender"]["female"] == list(quotas["gender"]["female"])


def test_command_prints_ids_and_strata_as_json(runner, session, panel):
    ids = populate(session, panel, per_cell=6)
    result = runner.invoke(args=["selection", "sample", "--panel", panel.key, "--size", "10", "--seed", "3",
                                 "--by", "gender,area", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert len(data["chosen_ids"]) == 10 and set(data["chosen_ids"]) <= {i for v in ids.values() for i in v}
    cell = next(row for row in data["strata"] if row["stratum"] == {"gender": "female", "area": "midtby"})
    assert (cell["target"], cell["available"], cell["chosen"]) == (3, 6, 3)
    again = runner.invoke(args=["selection", "sample", "--panel", panel.key, "--size", "10", "--seed", "3",
                                "--by", "gender,area", "--json", "--dry-run"])
    assert json.loads(again.output)["chosen_ids"] == data["chosen_ids"]
    assert json.loads(again.output)["draw_id"] is None


def test_command_reports_bad_input(runner, session, panel):
    assert runner.invoke(args=["selection", "sample", "--panel", "nope", "--size", "3"]).exit_code != 0
    bad = runner.invoke(args=["selection", "sample", "--panel", panel.key, "--size", "3", "--by", "shoe"])
    assert bad.exit_code != 0 and "shoe" in bad.output


def test_overview_shows_table_chart_and_lacking_groups(client, session, panel):
    populate(session, panel, per_cell=1)
    make_panelist(session, panel, gender="female", area="midtby")
    make_panelist(session, panel, gender="female", area="midtby")   # women in midtby over-represented
    for _ in range(3):
        make_panelist(session, panel, gender="male", area="midtby")
    viewer = make_staff(session, panel, role="viewer")
    log_in(client, viewer)
    page = client.get(f"/staff/{panel.key}/udvaelgelse/")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "<svg" in html and "<table" in html and 'role="img"' in html
    lacking = html.split('id="lacking"')[1].split("</ul>")[0]
    assert "Vest" in lacking and "Midtby" not in lacking


def test_pages_answer_404_for_another_panel_and_403_for_viewers_drawing(client, session, panel):
    other = make_panel(session)
    viewer = make_staff(session, panel, role="viewer")
    log_in(client, viewer)
    assert client.get(f"/staff/{other.key}/udvaelgelse/").status_code == 404
    page = client.get(f"/staff/{panel.key}/udvaelgelse/stikproeve")
    assert page.status_code == 200
    token = csrf_token_from(client.get(f"/staff/{panel.key}/udvaelgelse/").get_data(as_text=True))
    response = client.post(f"/staff/{panel.key}/udvaelgelse/stikproeve",
                           data={"csrf_token": token, "size": "4", "feature_gender": "1"})
    assert response.status_code == 403


def test_editor_draws_a_sample_and_a_lottery_on_the_pages(client, session, panel):
    populate(session, panel, per_cell=5)
    editor = make_staff(session, panel, role="editor")
    log_in(client, editor)
    page = client.get(f"/staff/{panel.key}/udvaelgelse/stikproeve")
    token = csrf_token_from(page.get_data(as_text=True))
    response = client.post(f"/staff/{panel.key}/udvaelgelse/stikproeve", data={
        "csrf_token": token, "size": "8", "seed": "12", "feature_gender": "1", "feature_area": "1"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200, html
    assert "8 af 8 er trukket" in html and "Frø: 12" in html
    draw = session.exec(select(SelectionDraw).where(SelectionDraw.kind == "sample")).one()
    assert draw.created_by == editor.id and len(draw.chosen_ids) == 8

    bad = client.post(f"/staff/{panel.key}/udvaelgelse/stikproeve", data={"csrf_token": token, "size": "x"})
    assert bad.status_code == 422 and 'aria-invalid="true"' in bad.get_data(as_text=True)

    page = client.get(f"/staff/{panel.key}/udvaelgelse/lodtraekning")
    assert "Flanigan" in page.get_data(as_text=True)
    response = client.post(f"/staff/{panel.key}/udvaelgelse/lodtraekning", data={
        "csrf_token": token, "seats": "6", "seed": "4", "slack": "0", "feature_gender": "1", "feature_area": "1"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200, html
    assert "6 er trukket blandt 20" in html and "Den laveste chance for at komme med er 30 %" in html

    impossible = client.post(f"/staff/{panel.key}/udvaelgelse/lodtraekning", data={
        "csrf_token": token, "seats": "6", "slack": "0", "pool": "1 2 3", "feature_gender": "1"})
    assert impossible.status_code == 422
