"""The staff console's new pages through the test client: survey editor, preview, wizard, progress."""
from __future__ import annotations

import json

from sqlmodel import select

from engagement.campaigns.models import Campaign
from engagement.selection.models import PopulationTarget, SelectionDraw
from engagement.surveys.models import StoredDefinition
from tests.conftest import csrf_token_from
from tests.factories import make_panel, make_panelist
from tests.staff.support import log_in, make_staff


def _survey_form(token: str, **extra) -> dict:
    form = {"csrf_token": token, "kind": "survey", "key": "trafik", "title": "Trafik i byen", "question_count": "3",
            "q0_text": "Hvor tilfreds er du med busserne?", "q0_type": "scale", "q0_min": "1", "q0_max": "5",
            "q0_label_min": "Meget utilfreds", "q0_label_max": "Meget tilfreds",
            "q1_text": "Hvordan kommer du på arbejde?", "q1_type": "choice", "q1_options": "Bil\nBus\nCykel",
            "q2_text": "Cykler du?", "q2_type": "yes_no", "action": "save"}
    form.update(extra)
    return form


def _editor(client, session, role="editor"):
    panel = make_panel(session)
    staff = make_staff(session, panel, role=role)
    log_in(client, staff)
    return panel, staff


def test_editor_writes_a_survey_that_exports_in_the_spec_format(client, session):
    panel, _staff = _editor(client, session)
    page = client.get(f"/staff/{panel.key}/undersoegelser/ny?kind=survey")
    assert page.status_code == 200
    token = csrf_token_from(page.get_data(as_text=True))
    response = client.post(f"/staff/{panel.key}/undersoegelser/ny", data=_survey_form(token))
    assert response.status_code == 302, response.get_data(as_text=True)
    exported = client.get(f"/staff/{panel.key}/undersoegelser/trafik/eksport.json").get_json()
    assert exported["questions"][0] == {"number": 1, "key": "hvor-tilfreds-er-du-med", "type": "scale", "min": 1,
                                        "max": 5, "text": "Hvor tilfreds er du med busserne?",
                                        "labels": {"1": "Meget utilfreds", "5": "Meget tilfreds"}}
    assert [o["label"] for o in exported["questions"][1]["options"]] == ["Bil", "Bus", "Cykel"]
    assert exported["questions"][2]["type"] == "yes_no"
    # The edit page round-trips: saving it unchanged stores the same definition.
    edit = client.get(f"/staff/{panel.key}/undersoegelser/trafik").get_data(as_text=True)
    assert "Meget tilfreds" in edit and "Bus" in edit


def test_a_bad_survey_is_refused_with_the_reason_and_nothing_stored(client, session):
    panel, _staff = _editor(client, session)
    token = csrf_token_from(client.get(f"/staff/{panel.key}/undersoegelser/ny").get_data(as_text=True))
    response = client.post(f"/staff/{panel.key}/undersoegelser/ny",
                           data=_survey_form(token, q1_options="", q0_min="7"))
    assert response.status_code == 422
    assert "role=\"alert\"" in response.get_data(as_text=True)
    assert session.exec(select(StoredDefinition)).all() == []


def test_add_and_remove_question_without_javascript(client, session):
    panel, _staff = _editor(client, session)
    token = csrf_token_from(client.get(f"/staff/{panel.key}/undersoegelser/ny").get_data(as_text=True))
    page = client.post(f"/staff/{panel.key}/undersoegelser/ny", data=_survey_form(token, action="add"))
    html = page.get_data(as_text=True)
    assert 'name="question_count" value="4"' in html and 'id="q3_text"' in html
    page = client.post(f"/staff/{panel.key}/undersoegelser/ny", data=_survey_form(token, action="remove-0"))
    html = page.get_data(as_text=True)
    assert 'name="question_count" value="2"' in html and "busserne" not in html


def test_preview_counts_sms_segments_and_warns_outside_gsm(client, session):
    panel, _staff = _editor(client, session)
    token = csrf_token_from(client.get(f"/staff/{panel.key}/undersoegelser/ny").get_data(as_text=True))
    form = _survey_form(token, q2_text="Cykler du? 🚲")
    fragment = client.post(f"/staff/{panel.key}/undersoegelser/forhaandsvisning", data=form).get_data(as_text=True)
    assert "Hvor tilfreds er du med busserne?" in fragment
    assert "GSM 7-bit" in fragment and "LIX" in fragment and "1 del" in fragment
    plain = client.post(f"/staff/{panel.key}/undersoegelser/forhaandsvisning",
                        data=_survey_form(token)).get_data(as_text=True)
    assert "GSM 7-bit" not in plain
    # The same preview comes with the page when the button is pressed (no JavaScript).
    page = client.post(f"/staff/{panel.key}/undersoegelser/ny", data=_survey_form(token, action="preview"))
    assert "Hvor tilfreds er du med busserne?" in page.get_data(as_text=True)
    assert session.exec(select(StoredDefinition)).all() == []


def test_meeting_editor_and_json_import(client, session):
    panel, _staff = _editor(client, session)
    token = csrf_token_from(client.get(f"/staff/{panel.key}/undersoegelser/ny?kind=meeting").get_data(as_text=True))
    response = client.post(f"/staff/{panel.key}/undersoegelser/ny", data={
        "csrf_token": token, "kind": "meeting", "key": "havn", "title": "Borgermøde om havnen",
        "starts_at": "2027-01-14T19:00", "ends_at": "2027-01-14T21:00", "location": "Kulturhuset",
        "max_guests": "1", "action": "save"})
    assert response.status_code == 302
    exported = client.get(f"/staff/{panel.key}/undersoegelser/havn/eksport.json").get_json()
    assert exported["starts_at"] == "2027-01-14T19:00:00+01:00" and exported["max_guests"] == 1
    import io

    data = {"csrf_token": token, "file": (io.BytesIO(json.dumps({"kind": "survey", "key": "ny", "title": "Ny",
            "questions": [{"number": 1, "key": "a", "type": "text", "text": "Hvad synes du?"}]}).encode()), "d.json")}
    response = client.post(f"/staff/{panel.key}/undersoegelser/importer", data=data,
                           content_type="multipart/form-data")
    assert response.status_code == 302
    keys = sorted(row.key for row in session.exec(select(StoredDefinition)).all())
    assert keys == ["havn", "ny"]


def test_viewer_reads_but_cannot_change(client, session):
    panel = make_panel(session)
    editor = make_staff(session, panel, role="editor")
    viewer = make_staff(session, panel, role="viewer")
    log_in(client, editor)
    token = csrf_token_from(client.get(f"/staff/{panel.key}/undersoegelser/ny").get_data(as_text=True))
    assert client.post(f"/staff/{panel.key}/undersoegelser/ny", data=_survey_form(token)).status_code == 302
    client.post("/staff/logout", data={"csrf_token": token})
    log_in(client, viewer)
    page = client.get(f"/staff/{panel.key}/undersoegelser/trafik")
    assert page.status_code == 200 and "disabled" in page.get_data(as_text=True)
    token = csrf_token_from(page.get_data(as_text=True))
    assert client.post(f"/staff/{panel.key}/undersoegelser/trafik", data=_survey_form(token)).status_code == 403
    assert client.get(f"/staff/{panel.key}/undersoegelser/ny").status_code == 403
    assert client.get(f"/staff/{panel.key}/kampagner/ny").status_code == 403


def test_wizard_reviews_a_sample_against_the_population_and_schedules_it(client, session):
    panel, _staff = _editor(client, session)
    for feature, shares in {"gender": {"female": 0.5, "male": 0.5}}.items():
        for value, share in shares.items():
            session.add(PopulationTarget(panel_id=panel.id, feature=feature, value=value, share=share))
    session.commit()
    for i in range(20):
        make_panelist(session, panel, gender="female" if i % 4 else "male")
    token = csrf_token_from(client.get(f"/staff/{panel.key}/undersoegelser/ny").get_data(as_text=True))
    client.post(f"/staff/{panel.key}/undersoegelser/ny", data=_survey_form(token))
    definition = session.exec(select(StoredDefinition)).one()
    form = {"csrf_token": token, "submitted": "1", "kind": "survey", "definition_id": str(definition.id),
            "title": "", "audience": "sample", "sample_size": "8", "sample_features": ["gender"],
            "channel_mode": "email", "start": "now", "deadline_at": "2099-01-01T12:00", "reminders": "3"}
    review = client.post(f"/staff/{panel.key}/kampagner/ny", data={**form, "action": "review"})
    html = review.get_data(as_text=True)
    assert review.status_code == 200, html
    assert 'data-testid="audience-count">8<' in html and "50 %" in html
    seed = csrf_seed = html.split('name="sample_seed" value="')[1].split('"')[0]
    assert seed.isdigit() and csrf_seed
    assert session.exec(select(SelectionDraw)).all() == []  # nothing stored by looking
    done = client.post(f"/staff/{panel.key}/kampagner/ny", data={**form, "sample_seed": seed, "action": "schedule"})
    assert done.status_code == 302, done.get_data(as_text=True)
    campaign = session.exec(select(Campaign)).one()
    draw = session.exec(select(SelectionDraw)).one()
    assert campaign.status == "scheduled" and campaign.audience == {"type": "sample", "sample_id": draw.id}
    assert campaign.title == "Trafik i byen" and campaign.reminder_days == [3.0]
    status = client.get(f"/staff/{panel.key}/kampagner/{campaign.id}/status.json").get_json()
    assert status["status"] == "scheduled" and status["cancellable"] is True
    token = csrf_token_from(client.get(f"/staff/{panel.key}/kampagner/{campaign.id}").get_data(as_text=True))
    assert client.post(f"/staff/{panel.key}/kampagner/{campaign.id}/aflys", data={"csrf_token": token}).status_code == 302
    session.refresh(campaign)
    assert campaign.status == "cancelled"


def test_wizard_names_what_is_missing(client, session):
    panel, _staff = _editor(client, session)
    token = csrf_token_from(client.get(f"/staff/{panel.key}/kampagner/ny").get_data(as_text=True))
    response = client.post(f"/staff/{panel.key}/kampagner/ny", data={
        "csrf_token": token, "submitted": "1", "kind": "survey", "definition_id": "", "audience": "sample",
        "sample_size": "0", "channel_mode": "email", "start": "now", "deadline_at": "", "reminders": "3",
        "action": "review"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Vælg et spørgeskema." in html and "Vælg mindst én egenskab." in html and "Påmindelser kræver en frist." in html


def test_other_panels_campaigns_and_surveys_are_404(client, session):
    mine, _staff = _editor(client, session)
    other = make_panel(session)
    session.add(StoredDefinition(panel_id=other.id, key="hemmelig", kind="survey", title="Hemmelig",
                                 data={"kind": "survey", "key": "hemmelig", "title": "Hemmelig", "questions": [
                                     {"number": 1, "key": "a", "type": "text", "text": "Hvad?"}]}))
    session.commit()
    assert client.get(f"/staff/{other.key}/undersoegelser/").status_code == 404
    assert client.get(f"/staff/{other.key}/kampagner/").status_code == 404
    assert client.get(f"/staff/{mine.key}/undersoegelser/hemmelig").status_code == 404


def test_dashboard_shows_growth_composition_campaigns_and_inbox(client, session):
    panel, _staff = _editor(client, session)
    session.add(PopulationTarget(panel_id=panel.id, feature="gender", value="male", share=0.5))
    session.add(PopulationTarget(panel_id=panel.id, feature="gender", value="female", share=0.5))
    session.commit()
    for _i in range(3):
        make_panelist(session, panel, gender="female")
    html = client.get(f"/staff/{panel.key}/").get_data(as_text=True)
    assert "Nye medlemmer pr. måned" in html and "Panelet har for få af:" in html
    assert "beskeder venter i indbakken" in html and "Ingen kampagner er i gang eller planlagt." in html
    assert f"/staff/{panel.key}/udvaelgelse/" in html
