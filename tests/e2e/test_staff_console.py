"""The staff console in a real browser against the real service (web + scheduler + delivery worker).

Log in, write a survey, make a campaign to a representative sample, schedule
it to start now, watch sending finish on the campaign page (which updates by
itself), receive a reply by SMS through the signed Twilio webhook, see it in
the results and export them as CSV, and find the invitation, the reply and
the answer on the replier's panelist page.  Also: a viewer cannot edit, one panel's
staff never see another's, and axe-core finds no serious or critical
accessibility problem on the main pages.
"""
from __future__ import annotations

import json
import re
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, text
from twilio.request_validator import RequestValidator

from tests.e2e.conftest import TWILIO_TOKEN, check_accessibility, log_in, screenshot

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")

SURVEY_KEY = "busser-2026"
SAMPLE_SIZE = 40


def wait_until(predicate, timeout: float = 30.0, what: str = "condition") -> None:
    """Poll from Python (the site's CSP forbids eval, so no page.wait_for_function strings)."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.2)


def field(page, name: str) -> str:
    return page.locator(f"[data-field={name}]").first.inner_text().strip()


@contextmanager
def _db(service):
    """A connection to the service's own database, closed and disposed after (PostgreSQL drops it at the end)."""
    engine = create_engine(service.database_url)
    try:
        with engine.connect() as connection:
            yield connection
    finally:
        engine.dispose()


def _post_sms(service, number: str, body: str, sid: str) -> int:
    url = f"{service.base_url}/sms/inbound"
    form = {"MessageSid": sid, "AccountSid": "AC" + "0" * 32, "From": number, "To": "+4570701234",
            "Body": body, "NumMedia": "0"}
    signature = RequestValidator(TWILIO_TOKEN).compute_signature(url, form)
    request = urllib.request.Request(url, data=urllib.parse.urlencode(form).encode(), method="POST",
                                     headers={"X-Twilio-Signature": signature,
                                              "Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status


def test_survey_campaign_reply_results_and_export(live_service, page):
    service = live_service
    log_in(page, service, service.admin_email)
    page.get_by_role("heading", level=1, name="Borgerpanelet i Demo Kommune").wait_for()
    screenshot(page, "01-dashboard")
    check_accessibility(page, "dashboard")

    # --- Write a survey, with the live preview updating as we type -------------------------------
    page.get_by_role("navigation").get_by_role("link", name="Spørgeskemaer").click()
    check_accessibility(page, "survey list")
    page.get_by_role("link", name="Nyt spørgeskema").click()
    page.get_by_label("Nøgle").first.fill(SURVEY_KEY)
    page.locator("#title").fill("Busserne i byen")  # beside it: "Titel på engelsk"
    page.locator("#q0_text").fill("Hvor tilfreds er du med busserne?")
    page.locator("#q0_type").select_option("scale")
    page.locator("#q0_label_min").fill("Meget utilfreds")
    page.locator("#q0_label_max").fill("Meget tilfreds")
    page.locator("#preview-body").get_by_text("Hvor tilfreds er du med busserne?").first.wait_for()
    assert page.locator("#q0_options").is_hidden()  # only a choice question shows its options
    page.get_by_role("button", name="Tilføj spørgsmål").click()
    page.locator("#q1_text").fill("Hvordan kommer du oftest på arbejde? 🚲")
    page.locator("#q1_type").select_option("choice")
    page.locator("#q1_options").fill("Bil\nBus\nCykel")
    preview = page.locator("#preview-body")
    preview.get_by_text("GSM 7-bit").first.wait_for()
    preview.get_by_text("C. Cykel").first.wait_for()
    page.locator("#q1_text").fill("Hvordan kommer du oftest på arbejde?")
    wait_until(lambda: "GSM 7-bit" not in preview.inner_text(), what="the preview without the emoji")
    assert "dele" in preview.inner_text() or "del" in preview.inner_text()
    screenshot(page, "02-survey-editor")
    check_accessibility(page, "survey editor")
    page.get_by_role("button", name="Gem").click()
    page.get_by_text("Gemt.").wait_for()

    # --- The campaign wizard: a representative sample, shown against the population --------------
    page.get_by_role("navigation").get_by_role("link", name="Kampagner").click()
    check_accessibility(page, "campaign list")
    page.get_by_role("link", name="Ny kampagne").click()
    page.get_by_label("Spørgeskema", exact=True).check()
    page.get_by_label("Spørgeskema eller møde").select_option(label="Busserne i byen (Spørgeskema)")
    page.get_by_label("En repræsentativ stikprøve").check()
    page.get_by_label("Hvor mange?").fill(str(SAMPLE_SIZE))
    page.get_by_label("Hver persons eget valg").check()
    page.get_by_label("Send nu").check()
    screenshot(page, "03-campaign-wizard")
    check_accessibility(page, "campaign wizard")
    page.get_by_role("button", name="Gennemse").click()
    page.get_by_role("heading", name="Gennemse kampagnen").wait_for()
    assert page.get_by_test_id("audience-count").inner_text() == str(SAMPLE_SIZE)
    assert page.locator("table.composition").count() >= 2  # gender, age, area beside the population
    screenshot(page, "04-campaign-review")
    check_accessibility(page, "campaign review")
    page.get_by_role("button", name="Planlæg kampagnen").click()
    page.get_by_text("Kampagnen er planlagt.").wait_for()
    campaign_url = page.url
    campaign_id = int(re.search(r"/kampagner/(\d+)", campaign_url).group(1))

    # --- Sending finishes; the page updates itself (no reload) ------------------------------------
    page.evaluate("window.__sameDocument = true")
    wait_until(lambda: field(page, "sent") != "0" and field(page, "waiting") == "0", timeout=60,
               what="sending to finish")
    assert page.evaluate("window.__sameDocument") is True
    sent = int(page.locator("[data-field=sent]").first.inner_text())
    assert 0 < sent <= 2 * SAMPLE_SIZE  # who chose "both" gets a mail and an SMS
    assert page.locator("[data-field=failed]").first.inner_text() == "0"
    screenshot(page, "05-campaign-progress")
    check_accessibility(page, "campaign page")
    emails = list(service.outbox_dir.glob("*.eml"))
    sms_lines = service.sms_file.read_text().splitlines() if service.sms_file.exists() else []
    assert len(emails) + len(sms_lines) == sent

    # --- A reply arrives by SMS (signed like Twilio signs it) -----------------------------------------
    with _db(service) as connection:
        row = connection.execute(text(
            "SELECT p.id, p.name, p.phone FROM campaign_recipient r JOIN panelist p ON p.id = r.panelist_id "
            "WHERE r.campaign_id = :c AND r.channel = 'sms' ORDER BY r.id LIMIT 1"), {"c": campaign_id}).first()
    assert row is not None, "the sample has nobody who gets SMS"
    assert _post_sms(service, row.phone, "4", "SM" + "1" * 32) == 200
    wait_until(lambda: field(page, "answered") == "1", what="the answer on the campaign page")

    # --- The results page shows it; export CSV -------------------------------------------------------
    page.get_by_role("link", name="Se resultater").click()
    page.locator("#respondents").wait_for()
    assert page.locator("#respondents").inner_text().strip() == "1"
    screenshot(page, "06-results")
    check_accessibility(page, "results")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Data (CSV)").click()
    csv_text = open(download_info.value.path(), encoding="utf-8-sig").read()
    assert "4" in csv_text.splitlines()[1]

    # --- Cancel is offered only while it is possible ---------------------------------------------------
    page.goto(campaign_url)
    status = json.loads(page.request.get(f"{campaign_url}/status.json").text())
    assert status["answered"] == 1 and status["sent"] == sent
    assert page.locator("[data-cancel-form]").is_visible() == status["cancellable"]

    # --- The panelist who replied: the invitation out, the reply in, the answer recorded --------------
    page.get_by_role("navigation").get_by_role("link", name="Panelister").click()
    page.get_by_role("searchbox").fill(row.phone)
    page.get_by_role("button", name="Vis").click()
    page.get_by_role("link", name=row.name).click()
    page.get_by_role("heading", level=1, name=row.name).wait_for()
    assert page.url.endswith(f"/panelister/{row.id}")
    timeline = page.get_by_role("table", name="Beskeder til og fra panelisten, nyeste først")
    outgoing = timeline.locator("tr[data-direction=out]")
    invitation = outgoing.filter(has_text="Invitation")
    assert invitation.count() == 1 and "Busserne i byen" in invitation.inner_text(), outgoing.all_inner_texts()
    assert "Sendt" in invitation.inner_text()
    incoming = timeline.locator("tr[data-direction=in]")
    assert incoming.count() == 1
    reply_row = incoming.first.inner_text()
    assert "Fra panelisten" in reply_row and "SMS" in reply_row and "4" in reply_row
    assert "1 svar gemt" in reply_row
    # Newest first: the reply came after the invitation, so it stands above it.
    texts = [text for text in timeline.locator("tbody tr").all_inner_texts()]
    assert [i for i, text in enumerate(texts) if "Fra panelisten" in text] < \
        [i for i, text in enumerate(texts) if "Invitation" in text]
    answers = page.get_by_role("table", name="Busserne i byen")
    answer_row = answers.locator("tbody tr").filter(has_text="Hvor tilfreds er du med busserne?")
    assert answer_row.count() == 1 and answer_row.locator("td").nth(1).inner_text().strip() == "4"
    assert "SMS" in answer_row.inner_text() and "Ja" in answer_row.locator("td").last.inner_text()
    incoming.first.get_by_role("link").click()
    page.get_by_role("heading", level=2, name="Beskeden", exact=True).wait_for()
    page.go_back()
    screenshot(page, "07-panelist")
    check_accessibility(page, "panelist")

    # --- The other main pages pass axe too -------------------------------------------------------------
    for name, path in (("panelists", "/staff/demo/panelister"), ("composition", "/staff/demo/udvaelgelse/"),
                       ("inbox", "/staff/demo/indbakke")):
        response = page.goto(service.base_url + path)
        assert response.status < 400, (path, response.status)
        screenshot(page, f"07-{name}")
        check_accessibility(page, name)


def test_a_reply_by_email_is_read_from_the_mailbox_and_counted(live_service, dovecot, page):
    """Runs after the journey above: one of its email recipients answers by replying to the invitation."""
    import email
    from email.message import EmailMessage
    from email.policy import default
    from email.utils import make_msgid

    service = live_service
    with _db(service) as connection:
        row = connection.execute(text(
            "SELECT r.campaign_id, r.panelist_id, p.email FROM campaign_recipient r "
            "JOIN panelist p ON p.id = r.panelist_id WHERE r.channel IN ('email', 'both') AND r.responded_at IS NULL "
            # email only first: someone on 'both' also got the invitation by SMS (two invitation rows below)
            "ORDER BY CASE WHEN r.channel = 'email' THEN 0 ELSE 1 END, r.id LIMIT 1")).first()
    assert row is not None, "the journey's campaign reached nobody by email"
    invitation = next(message for message in (email.message_from_bytes(path.read_bytes(), policy=default)
                                              for path in service.outbox_dir.glob("*.eml"))
                      if row.email in str(message["To"]))
    reply = EmailMessage()
    reply["From"] = row.email
    reply["To"] = str(invitation["Reply-To"] or invitation["From"])
    invitation_subject = str(invitation["Subject"])
    reply["Subject"] = "Sv: " + invitation_subject
    reply["Message-ID"] = make_msgid(domain="example.dk")
    reply["In-Reply-To"] = str(invitation["Message-ID"])
    reply.set_content("1: 5\n2: B\n\nVenlig hilsen\n")
    dovecot.append(reply.as_bytes())
    result = service.flask("mail", "listen", "--once", env={
        "IMAP_HOST": "127.0.0.1", "IMAP_PORT": str(dovecot.port), "IMAP_SSL": "false",
        "IMAP_USERNAME": dovecot.username, "IMAP_PASSWORD": dovecot.password})
    assert result.returncode == 0, result.stderr[-3000:]
    assert "1 stored" in result.stdout  # serve's inbound worker reads it (the page below waits for it)

    log_in(page, service, service.admin_email)
    page.goto(f"{service.base_url}/staff/demo/kampagner/{row.campaign_id}")
    wait_until(lambda: field(page, "answered") == "2", what="the emailed answer on the campaign page")
    page.goto(f"{service.base_url}/staff/demo/resultater/{SURVEY_KEY}")
    assert page.locator("#respondents").inner_text().strip() == "2"

    # The replier's page: the emailed invitation out, the reply in (as read), both answers recorded.
    page.goto(f"{service.base_url}/staff/demo/panelister/{row.panelist_id}")
    timeline = page.get_by_role("table", name="Beskeder til og fra panelisten, nyeste først")
    invitation = timeline.locator("tr[data-direction=out]").filter(has_text="Invitation").filter(has_text="Mail")
    assert invitation.count() == 1 and str(invitation_subject) in invitation.inner_text(), timeline.inner_text()
    reply_row = timeline.locator("tr[data-direction=in]")
    assert reply_row.count() == 1
    assert "Sv: " in reply_row.inner_text() and "1: 5" in reply_row.inner_text()
    assert "2 svar gemt" in reply_row.inner_text()
    answers = page.get_by_role("table", name="Busserne i byen").locator("tbody").inner_text()
    assert "5 (Meget tilfreds)" in answers and "Bus" in answers

    # A phone-sized screen: the same pages, no sideways scrolling of the page itself.
    page.set_viewport_size({"width": 390, "height": 844})
    for name, path in (("dashboard", "/staff/demo/"), ("editor", f"/staff/demo/undersoegelser/{SURVEY_KEY}"),
                       ("wizard", "/staff/demo/kampagner/ny"), ("campaign", f"/staff/demo/kampagner/{row.campaign_id}"),
                       ("panelist", f"/staff/demo/panelister/{row.panelist_id}")):
        page.goto(service.base_url + path)
        screenshot(page, f"09-mobile-{name}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, name
        check_accessibility(page, f"{name} on a phone")


def test_viewer_reads_but_cannot_edit(live_service, page):
    service = live_service
    log_in(page, service, service.viewer_email)
    page.goto(f"{service.base_url}/staff/demo/undersoegelser/")
    assert page.get_by_role("link", name="Nyt spørgeskema").count() == 0
    response = page.goto(f"{service.base_url}/staff/demo/undersoegelser/ny")
    assert response.status == 403
    page.goto(f"{service.base_url}/staff/demo/kampagner/")
    assert page.get_by_role("link", name="Ny kampagne").count() == 0
    rows = page.locator("table a")
    if rows.count():
        rows.first.click()
        assert page.get_by_role("button", name="Aflys kampagnen").count() == 0
    page.goto(f"{service.base_url}/staff/demo/undersoegelser/")
    links = page.locator("tbody td:first-child a")
    if links.count():
        links.first.click()
        assert page.locator("#title").is_disabled()
        assert page.get_by_role("button", name="Gem").count() == 0
        screenshot(page, "08-viewer-survey")
        check_accessibility(page, "survey read-only")


def test_one_panels_staff_never_see_another_panel(live_service, page):
    service = live_service
    log_in(page, service, service.other_email)
    assert "/staff/nabo/" in page.url
    for path in ("/staff/demo/", "/staff/demo/undersoegelser/", "/staff/demo/kampagner/", "/staff/demo/kampagner/1",
                 f"/staff/demo/undersoegelser/{SURVEY_KEY}", "/staff/demo/resultater/"):
        response = page.goto(service.base_url + path)
        assert response.status == 404, path
    page.goto(f"{service.base_url}/staff/nabo/kampagner/")
    assert "Busserne i byen" not in page.content()
    page.goto(f"{service.base_url}/staff/nabo/undersoegelser/")
    assert "Busserne i byen" not in page.content()


def test_the_service_has_a_database_of_its_own_of_the_suites_kind(live_service):
    """With DATABASE_URL on PostgreSQL the browser tests run there too, in a migrated database of their own."""
    import os

    from sqlalchemy.engine import make_url

    service = live_service
    suite = os.environ.get("DATABASE_URL", "")
    with _db(service) as connection:
        panels = connection.execute(text("SELECT count(*) FROM panel")).scalar_one()
        if suite.startswith("postgresql"):
            assert service.database_url.startswith("postgresql")
            assert make_url(service.database_url).database.startswith("e2e_")
            assert make_url(service.database_url).database != make_url(suite).database
            from alembic.script import ScriptDirectory

            from engagement.schema import alembic_config
            head = ScriptDirectory.from_config(alembic_config(service.database_url)).get_current_head()
            assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == head
        else:
            assert service.database_url.startswith("sqlite:///")
    assert panels == 2  # the demo panel and its neighbour, nothing of the suite's
