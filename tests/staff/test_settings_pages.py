"""The panel's settings page: who may read and change it, validation, targets, areas, campaign defaults."""
from __future__ import annotations

import io

import pytest
from sqlmodel import select

from engagement import get_settings
from engagement.audit.models import AuditEntry
from engagement.panel.models import Panel
from engagement.selection.models import PopulationTarget
from tests.campaigns.builders import make_campaign
from tests.factories import make_panel
from tests.staff.support import csrf_for, log_in, make_staff


@pytest.fixture
def panel(session):
    panel = make_panel(session, name="Nordby")
    session.add_all([PopulationTarget(panel_id=panel.id, feature="gender", value="female", label="Kvinde", share=0.5),
                     PopulationTarget(panel_id=panel.id, feature="gender", value="male", label="Mand", share=0.5)])
    session.commit()
    return panel


def _url(panel, tail=""):
    return f"/staff/{panel.key}/indstillinger{tail}"


def _as(client, session, panel, role):
    staff = make_staff(session, panel, role)
    log_in(client, staff)
    return staff


def _general(token, **extra):
    form = {"csrf_token": token, "name": "Nordby Borgerpanel", "sender_name": "Nordby Kommune",
            "sms_quiet_start": "21:30", "sms_quiet_end": "08:15", "contact_fatigue_days": "30"}
    form.update(extra)
    return form


def _targets(session, panel):
    session.expire_all()
    return {(t.feature, t.value): t for t in session.exec(
        select(PopulationTarget).where(PopulationTarget.panel_id == panel.id)).all()}


def test_viewer_reads_but_may_not_change(client, session, panel):
    _as(client, session, panel, "viewer")
    page = client.get(_url(panel))
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Nordby" in html and "Kvinde" in html and "5000;Midtbyen" in html
    assert "Kun en administrator" in html
    token = csrf_for(client, _url(panel))
    for tail in ("/generelt", "/maal", "/omraader", "/maal/fil"):
        assert client.post(_url(panel, tail), data=_general(token)).status_code == 403
    session.expire_all()
    assert session.get(Panel, panel.id).name == "Nordby"


def test_admin_changes_persist_and_are_audited(client, session, panel):
    admin = _as(client, session, panel, "admin")
    token = csrf_for(client, _url(panel))
    response = client.post(_url(panel, "/generelt"), data=_general(token))
    assert response.status_code == 302
    session.expire_all()
    saved = session.get(Panel, panel.id)
    assert (saved.name, saved.sender_name) == ("Nordby Borgerpanel", "Nordby Kommune")
    assert (saved.sms_quiet_start, saved.sms_quiet_end, saved.contact_fatigue_days) == ("21:30", "08:15", 30)
    entry = session.exec(select(AuditEntry).where(AuditEntry.action == "panel.settings")).one()
    assert entry.staff_id == admin.id and entry.panel_id == panel.id
    assert "sms_quiet_start" in entry.detail["fields"] and "Nordby Kommune" not in str(entry.detail)
    # Empty optional fields go back to the installation default.
    client.post(_url(panel, "/generelt"), data=_general(token, sms_quiet_start="", sms_quiet_end="",
                                                        contact_fatigue_days=""))
    session.expire_all()
    saved = session.get(Panel, panel.id)
    assert (saved.sms_quiet_start, saved.sms_quiet_end, saved.contact_fatigue_days) == (None, None, None)


@pytest.mark.parametrize("field, value", [("sms_quiet_start", "25:00"), ("sms_quiet_end", "8.15"),
                                          ("contact_fatigue_days", "366"), ("contact_fatigue_days", "-1"),
                                          ("name", ""), ("sms_quiet_end", "")])
def test_bad_general_values_are_refused(client, session, panel, field, value):
    _as(client, session, panel, "admin")
    token = csrf_for(client, _url(panel))
    response = client.post(_url(panel, "/generelt"), data=_general(token, **{field: value}))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'aria-invalid="true"' in html and 'role="alert"' in html
    session.expire_all()
    assert session.get(Panel, panel.id).name == "Nordby"
    assert session.exec(select(AuditEntry)).all() == []


def test_shares_must_sum_to_one_per_feature(client, session, panel):
    _as(client, session, panel, "admin")
    targets = _targets(session, panel)
    female, male = targets[("gender", "female")], targets[("gender", "male")]
    token = csrf_for(client, _url(panel))
    response = client.post(_url(panel, "/maal"), data={"csrf_token": token, f"share_{female.id}": "0,6",
                                                       f"share_{male.id}": "0.5"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Andelene for køn giver 1,1 tilsammen. De skal give 1." in html
    assert _targets(session, panel)[("gender", "female")].share == 0.5

    response = client.post(_url(panel, "/maal"), data={"csrf_token": token, f"share_{female.id}": "0,5005",
                                                       f"share_{male.id}": "0.4999"})
    assert response.status_code == 302
    saved = _targets(session, panel)
    assert saved[("gender", "female")].share == pytest.approx(0.5005)
    assert session.exec(select(AuditEntry).where(AuditEntry.action == "panel.targets")).one().detail["source"] == "form"


def test_csv_upload_replaces_targets(client, session, panel):
    _as(client, session, panel, "admin")
    token = csrf_for(client, _url(panel))
    # As Danish Excel saves it: semicolons, decimal commas, a byte order mark.
    csv_text = ("\ufefffeature;value;label_da;share\r\n"
                "housing;ejer;Ejer;0,5\r\nhousing;privat-leje;Privat udlejning;0,3\r\nhousing;andet;Andet;0,2\r\n")
    response = client.post(_url(panel, "/maal/fil"), content_type="multipart/form-data",
                           data={"csrf_token": token, "file": (io.BytesIO(csv_text.encode()), "maal.csv")})
    assert response.status_code == 302
    saved = _targets(session, panel)
    assert set(saved) == {("housing", "ejer"), ("housing", "privat-leje"), ("housing", "andet")}
    assert saved[("housing", "privat-leje")].share == pytest.approx(0.3)
    entry = session.exec(select(AuditEntry).where(AuditEntry.action == "panel.targets")).one()
    assert entry.detail == {"source": "csv", "features": ["housing"], "rows": 3}
    page = client.get(_url(panel)).get_data(as_text=True)
    # the labels are the profile's, whatever the file called them: the same words as on the signup form
    assert "<legend>Bolig</legend>" in page and "Privat lejebolig" in page and "Privat udlejning" not in page

    unknown = "feature,value,share\nage,18-39,0.5\nage,40+,0.5\n"  # no panelist has such an age band
    response = client.post(_url(panel, "/maal/fil"), content_type="multipart/form-data",
                           data={"csrf_token": token, "file": (io.BytesIO(unknown.encode()), "maal.csv")})
    assert response.status_code == 422
    assert "alder har ikke værdien 18-39" in response.get_data(as_text=True).replace("Alder", "alder")

    bad = "feature,value,share\nage,a,0.5\nage,b,0.2\n"
    response = client.post(_url(panel, "/maal/fil"), content_type="multipart/form-data",
                           data={"csrf_token": token, "file": (io.BytesIO(bad.encode()), "maal.csv")})
    assert response.status_code == 422
    assert "Filen kan ikke bruges" in response.get_data(as_text=True)
    assert len(_targets(session, panel)) == 3


def test_postcode_areas_keep_known_keys_and_refuse_bad_lines(client, session, panel):
    _as(client, session, panel, "admin")
    token = csrf_for(client, _url(panel))
    response = client.post(_url(panel, "/omraader"), data={"csrf_token": token,
                                                           "areas": "5000;Midtbyen\n5200;Nørre Vest\n\n5210;vest\n"})
    assert response.status_code == 302
    session.expire_all()
    saved = session.get(Panel, panel.id)
    assert saved.postcode_areas == {"5000": "midtby", "5200": "noerre-vest", "5210": "vest"}
    assert saved.area_labels == {"midtby": "Midtbyen", "noerre-vest": "Nørre Vest", "vest": "Vest"}
    assert session.exec(select(AuditEntry).where(AuditEntry.action == "panel.areas")).one().detail == {
        "postcodes": 3, "areas": 3}

    response = client.post(_url(panel, "/omraader"), data={"csrf_token": token, "areas": "50000;Midtbyen\n5000"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Linje 1: et postnummer har fire cifre." in html and "Linje 2" in html


def test_post_without_csrf_is_refused(client, session, panel):
    _as(client, session, panel, "admin")
    response = client.post(_url(panel, "/generelt"), data=_general(""))
    assert response.status_code == 400


def test_other_panels_staff_get_404(client, session, panel):
    other = make_panel(session)
    _as(client, session, other, "admin")
    assert client.get(_url(panel)).status_code == 404


def test_new_campaign_uses_the_panels_quiet_hours_and_fatigue(app, session, panel):
    fields = dict(kind="information", subject="Nyt fra panelet", body="Hej. Her er nyt.", reminder_days=(),
                  schedule=False)
    with app.app_context():
        defaults = get_settings()
        default = make_campaign(session, panel, **fields)
        panel.sms_quiet_start, panel.sms_quiet_end, panel.contact_fatigue_days = "22:00", "07:30", 0
        session.add(panel)
        session.commit()
        own = make_campaign(session, panel, **fields)
    assert (default.quiet_start, default.quiet_end, default.fatigue_days) == (
        defaults.sms_quiet_start, defaults.sms_quiet_end, defaults.contact_fatigue_days)
    assert (own.quiet_start, own.quiet_end, own.fatigue_days) == ("22:00", "07:30", 0)
    assert defaults.contact_fatigue_days != 0 and defaults.sms_quiet_start != "22:00"
