"""The survey editor: English beside the Danish, stored in the spec's optional fields, missing ones named."""
from __future__ import annotations

from tests.conftest import csrf_token_from
from tests.e2e.test_console_pages import _survey_form
from tests.factories import make_panel
from tests.staff.support import log_in, make_staff


def _editor(client, session):
    panel = make_panel(session)
    log_in(client, make_staff(session, panel, role="editor"))
    return panel


def test_english_texts_are_saved_exported_and_shown_again(client, session):
    panel = _editor(client, session)
    token = csrf_token_from(client.get(f"/staff/{panel.key}/undersoegelser/ny").get_data(as_text=True))
    form = _survey_form(token, title_en="Traffic in town", q0_text_en="How satisfied are you with the buses?",
                        q0_label_min_en="Very dissatisfied", q0_label_max_en="Very satisfied",
                        q1_options_en="Car\n\nBicycle", q2_text_en="Do you cycle?")
    response = client.post(f"/staff/{panel.key}/undersoegelser/ny", data=form)
    assert response.status_code == 302, response.get_data(as_text=True)
    exported = client.get(f"/staff/{panel.key}/undersoegelser/trafik/eksport.json").get_json()
    assert exported["title_en"] == "Traffic in town"
    bus, way, cycle = exported["questions"]
    assert bus["text_en"] == "How satisfied are you with the buses?"
    assert bus["labels_en"] == {"1": "Very dissatisfied", "5": "Very satisfied"}
    assert way["options"] == [{"key": "bil", "label": "Bil", "label_en": "Car"}, {"key": "bus", "label": "Bus"},
                              {"key": "cykel", "label": "Cykel", "label_en": "Bicycle"}]
    assert cycle["text_en"] == "Do you cycle?"

    page = client.get(f"/staff/{panel.key}/undersoegelser/trafik").get_data(as_text=True)
    assert 'value="Traffic in town"' in page and ">Car\n\nBicycle</textarea>" in page
    # What has no English is listed: question 2's text and its option "Bus"
    assert "2 tekster mangler på engelsk" in page
    assert "Spørgsmål 2: spørgsmålet: »Hvordan kommer du på arbejde?«" in page
    assert "Spørgsmål 2: svarmulighed: »Bus«" in page
    # The preview shows the English invitation too
    assert "Traffic in town" in page and "A. Car" in page


def test_a_survey_without_english_says_every_text_is_missing(client, session):
    panel = _editor(client, session)
    token = csrf_token_from(client.get(f"/staff/{panel.key}/undersoegelser/ny").get_data(as_text=True))
    client.post(f"/staff/{panel.key}/undersoegelser/ny", data=_survey_form(token))
    exported = client.get(f"/staff/{panel.key}/undersoegelser/trafik/eksport.json").get_json()
    assert "_en" not in str(exported)
    page = client.get(f"/staff/{panel.key}/undersoegelser/trafik").get_data(as_text=True)
    assert "9 tekster mangler på engelsk" in page and "Titel: »Trafik i byen«" in page
