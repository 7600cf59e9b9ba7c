"""The staff pages, exports over HTTP, feedback to respondents, the public page and panel health."""
from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from sqlmodel import select

from engagement.campaigns.models import CLOSED, Campaign, CampaignRecipient
from engagement.db import utcnow
from engagement.delivery.models import OutboxMessage
from engagement.messages.gsm import is_gsm7
from engagement.reports import health
from engagement.reports.models import Feedback
from tests.conftest import csrf_token_from
from tests.factories import make_panel, make_panelist
from tests.reports.builders import add_targets, build_survey
from tests.staff.support import csrf_for, log_in, make_staff


@pytest.fixture
def small(session, panel):
    """A smaller survey (fast): 12 respondents, 4 who never answered; one answers by SMS."""
    built = build_survey(session, panel, cells={("female", "midtby"): 3, ("female", "vest"): 3,
                                                ("male", "midtby"): 3, ("male", "vest"): 3}, non_respondents=4)
    sms = built.respondents[0]
    sms.phone, sms.channel = "+4520123456", "sms"
    session.add(sms)
    recipient = session.exec(select(CampaignRecipient).where(CampaignRecipient.panelist_id == sms.id)).one()
    recipient.channel = "sms"
    session.add(recipient)
    english = built.respondents[1]
    english.language = "en"
    session.add(english)
    session.commit()
    return built


def test_results_page_shows_rates_weights_charts_crosstab_and_search(client, session, panel, small):
    log_in(client, make_staff(session, panel, role="viewer"))
    page = client.get(f"/staff/{panel.key}/resultater/trafik?by=area&q=cykelstier")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert '<strong id="respondents">12</strong>' in html
    assert '<svg class="chart" role="img"' in html and "Hvor tilfreds er du med busserne?" in html
    assert 'id="neff"' in html and 'id="moe"' in html
    assert "Opdelt efter Område" in html
    texts = re.findall(r'<ul class="texts">(.*?)</ul>', html, re.S)[0]
    assert texts.count("<li>") == 6 and "Billigere busser" not in texts
    assert "cykelsti" in html  # a frequent term
    assert client.get(f"/staff/{panel.key}/resultater/").status_code == 200
    assert client.get(f"/staff/{panel.key}/resultater/findesikke").status_code == 404
    other = make_panel(session)
    assert client.get(f"/staff/{other.key}/resultater/trafik").status_code == 404


def test_exports_download(client, session, panel, small):
    log_in(client, make_staff(session, panel, role="viewer"))
    csv_response = client.get(f"/staff/{panel.key}/resultater/trafik/svar.csv")
    assert csv_response.status_code == 200 and csv_response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert csv_response.get_data().decode("utf-8-sig").count("\r\n") == 13
    xlsx = client.get(f"/staff/{panel.key}/resultater/trafik/svar.xlsx")
    assert xlsx.status_code == 200 and xlsx.get_data()[:2] == b"PK"
    pdf = client.get(f"/staff/{panel.key}/resultater/trafik/rapport.pdf")
    assert pdf.status_code == 200 and pdf.get_data()[:5] == b"%PDF-"
    assert "attachment" in pdf.headers["Content-Disposition"]


def test_viewers_cannot_send_feedback(client, session, panel, small):
    log_in(client, make_staff(session, panel, role="viewer"))
    path = f"/staff/{panel.key}/resultater/trafik/tilbagemelding"
    token = csrf_for(client, path)
    response = client.post(path, data={"csrf_token": token, "kind": "summary", "note": "Tak"})
    assert response.status_code == 403
    assert session.exec(select(OutboxMessage)).first() is None


def test_editor_sends_the_summary_once_then_a_followup(client, session, panel, small):
    log_in(client, make_staff(session, panel, role="editor"))
    path = f"/staff/{panel.key}/resultater/trafik/tilbagemelding"
    token = csrf_for(client, path)
    note = "Byrådet ser på svarene i marts. Vi skriver igen, når vi ved mere."
    empty = client.post(path, data={"csrf_token": token, "kind": "summary", "note": "  "})
    assert empty.status_code == 422
    response = client.post(path, data={"csrf_token": token, "kind": "summary", "note": note})
    assert response.status_code == 302
    rows = session.exec(select(OutboxMessage).order_by(OutboxMessage.id)).all()
    assert len(rows) == 12
    assert {row.dedupe_key.split(":")[1] for row in rows} == {str(session.exec(select(Feedback)).one().id)}
    sms = [row for row in rows if row.channel == "sms"]
    assert len(sms) == 1 and is_gsm7(sms[0].text) and "/p/" in sms[0].text and sms[0].sms_segments <= 2
    danish = next(row for row in rows if row.channel == "email" and row.panelist_id == small.respondents[2].id)
    assert danish.subject == "Det sagde I om: Trafik i byen"
    assert note in danish.text.replace("\n", " ")
    flat = " ".join(danish.text.split())
    assert "I alt svarede 12. Det er 75 % af dem, vi spurgte." in flat, danish.text
    assert re.search(r"Du svarede den \d{1,2}\. [a-z]+ \d{4}\.", danish.text)
    assert "Flest svarede:" in danish.text and "Vil du ikke have flere mails" in danish.text
    english = next(row for row in rows if row.panelist_id == small.respondents[1].id)
    assert english.channel == "email"

    again = client.post(path, data={"csrf_token": token, "kind": "summary", "note": note})
    assert again.status_code == 422
    followup = client.post(path, data={"csrf_token": token, "kind": "followup",
                                       "note": "Vi har sat flere busser ind på linje 5."})
    assert followup.status_code == 302
    later = session.exec(select(OutboxMessage).where(OutboxMessage.step == "feedback-followup")).all()
    assert len(later) == 12
    assert any(row.subject.startswith("I sagde – vi gjorde") for row in later)

    # The link in the SMS opens the public page with the note and no personal data.
    url = re.search(r"https?://\S+", sms[0].text).group(0)
    public = client.get(url.replace("http://localhost", ""))
    body = public.get_data(as_text=True)
    assert public.status_code == 200 and "Byrådet ser på svarene i marts." in body
    assert all(p.email not in body for p in small.respondents)
    assert client.get(f"/p/{panel.key}/resultater/forged-token").status_code == 404


def test_panel_health(client, session, panel):
    now = utcnow()
    quiet = make_panelist(session, panel, name="Stille Sofie")
    keen = make_panelist(session, panel, name="Ivrig Ib")
    ending = make_panelist(session, panel, name="Snart Slut", membership_ends_at=now + timedelta(days=10))
    gone = make_panelist(session, panel, status="left", gender=None, area=None)
    built = build_survey(session, panel, cells={("female", "midtby"): 1}, non_respondents=0, texts=[])
    for i in range(5):
        campaign = Campaign(panel_id=panel.id, kind="survey", title=f"Runde {i}", definition_id=built.stored.id,
                            starts_at=now - timedelta(days=50 - i), status=CLOSED)
        session.add(campaign)
        session.commit()
        for n, p in enumerate((quiet, keen, gone)):
            session.add(CampaignRecipient(campaign_id=campaign.id, panelist_id=p.id, channel="email",
                                          reply_key=f"h{i}{n}{p.id:09d}"[:12],
                                          responded_at=now if p is keen else None))
        session.commit()
    silent = health.silent_members(session, panel)
    assert [p.id for p, _count in silent] == [quiet.id]
    staff = make_staff(session, panel, role="editor")
    log_in(client, staff)
    page = client.get(f"/staff/{panel.key}/resultater/panelet")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Stille Sofie" in re.search(r'<ul id="silent">(.*?)</ul>', html, re.S).group(1)
    assert "Snart Slut" in re.search(r'<ul id="ending">(.*?)</ul>', html, re.S).group(1)
    assert "Runde 4" in html and "Frafald" in html
    history = client.get(f"/staff/{panel.key}/resultater/panelet/{keen.id}").get_data(as_text=True)
    assert history.count("<td>Ja</td>") == 5
    renewal = client.post(f"/staff/{panel.key}/resultater/panelet/fornyelse",
                          data={"csrf_token": csrf_token_from(html), "subject": "Vil du blive?",
                                "body": "Dit medlemskab slutter snart."})
    assert renewal.status_code == 302
    campaign = session.exec(select(Campaign).where(Campaign.kind == "information")).one()
    assert campaign.audience["type"] == "renewal" and campaign.status == "scheduled"
    from engagement.campaigns.audience import audience_from_json

    assert audience_from_json(campaign.audience).panelist_ids(session, panel.id) == [ending.id]
