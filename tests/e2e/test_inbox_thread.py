"""The staff inbox in Chromium: the conversation on a message's page, corrections typed as a citizen
writes them, and a staff answer whose reply comes back into the same thread.

The service runs as in production (``flask serve``: web, scheduler, delivery and
inbound workers); the citizen's first answer and question are read by the
service's own pipeline, the answer to the staff reply comes in through Dovecot
(``flask mail listen --once``).
"""
from __future__ import annotations

import email
import time
from datetime import timedelta
from email.message import EmailMessage
from email.policy import default
from email.utils import make_msgid

import pytest

from tests.e2e.conftest import SECRET, check_accessibility, log_in, screenshot
from tests.inbound.support import WASTE_SORTING

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")

PANEL = "demo"
WASTE = {**WASTE_SORTING, "key": "affald-2026", "questions": WASTE_SORTING["questions"][:3]}


def wait_until(predicate, timeout: float = 30.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.3)


def seed(service) -> dict:
    """A waste survey sent to one member, who answered and then wrote a question for staff."""
    from sqlmodel import Session, select

    from engagement import create_app
    from engagement.campaigns.models import SENDING, Campaign, CampaignRecipient
    from engagement.db import utcnow
    from engagement.delivery import outbox
    from engagement.panel.models import ACTIVE, Panel, Panelist
    from engagement.surveys.service import import_definitions

    app = create_app({"database_url": service.database_url, "secret_key": SECRET,
                      "instance_path": service.root / "instance-thread-seed", "public_base_url": service.base_url})
    engine = app.extensions["borgerpanel.engine"]
    now = utcnow()
    try:
        with app.app_context(), Session(engine) as session:
            panel = session.exec(select(Panel).where(Panel.key == PANEL)).one()
            survey = import_definitions(session, panel, WASTE)[0]
            campaign = Campaign(panel_id=panel.id, kind="survey", title="Affald og genbrug", definition_id=survey.id,
                                starts_at=now - timedelta(days=1), deadline_at=now + timedelta(days=14),
                                status=SENDING, channel_mode="email")
            session.add(campaign)
            session.flush()
            person = session.exec(select(Panelist).where(Panelist.panel_id == panel.id, Panelist.status == ACTIVE,
                                                         Panelist.email.is_not(None), Panelist.email_status == "ok")
                                  .order_by(Panelist.id.desc())).first()
            recipient = CampaignRecipient(campaign_id=campaign.id, panelist_id=person.id, channel="email",
                                          reply_key=outbox.new_reply_key())
            session.add(recipient)
            session.flush()
            address = outbox.reply_address(outbox.make_reply_token(recipient.reply_key, SECRET), "localhost")
            outbox.enqueue_one(session, panel_id=panel.id, campaign_id=campaign.id, panelist_id=person.id,
                               step="invitation", channel="email", subject="Affald og genbrug",
                               text="Hej. Vil du svare på tre spørgsmål om affald?",
                               dedupe_key=f"campaign:{campaign.id}:panelist:{person.id}:invitation",
                               created_at=now - timedelta(hours=2), next_attempt_at=now - timedelta(hours=2),
                               status="sent", sent_at=now - timedelta(hours=2), to_address=person.email)
            session.commit()
            ids = {"campaign_id": campaign.id, "panelist_id": person.id, "email": person.email,
                   "reply_address": address, "panel_id": panel.id}
    finally:
        engine.dispose()
    return ids


def store_mail(service, ids: dict, subject: str, body: str) -> int:
    """A citizen's mail stored as the mail listener stores it; the service's own inbound worker reads it."""
    from sqlmodel import Session

    from engagement import create_app
    from engagement.inbound import store
    from tests.inbound.support import email_bytes

    app = create_app({"database_url": service.database_url, "secret_key": SECRET,
                      "instance_path": service.root / "instance-thread-seed", "public_base_url": service.base_url})
    engine = app.extensions["borgerpanel.engine"]
    try:
        with app.app_context(), Session(engine) as session:
            row, _new = store.store_email(session, email_bytes(to=ids["reply_address"], sender=ids["email"],
                                                               subject=subject, body=body), panel_id=ids["panel_id"])
            session.commit()
            return row.id
    finally:
        engine.dispose()
    return ids


def test_the_thread_corrections_and_a_reply_that_comes_back(live_service, dovecot, page):
    service = live_service
    ids = seed(service)
    first = store_mail(service, ids, "Re: Affald og genbrug", "1: 3\n2: plast og glas\n3: ja")
    log_in(page, service, service.admin_email)

    def receipt_sent() -> bool:
        page.goto(f"{service.base_url}/staff/{PANEL}/panelister/{ids['panelist_id']}")
        return page.locator("tr[data-direction=out]").filter(has_text="Automatisk svar").filter(
            has_text="Sendt").count() == 1

    wait_until(receipt_sent, what="the receipt for the first answer")
    ids["question_id"] = store_mail(service, ids, "Spande",
                                    "Tæller den grønne spand med? Jeg vil gerne tale med en medarbejder.")
    assert ids["question_id"] > first

    def in_inbox() -> bool:
        page.goto(f"{service.base_url}/staff/{PANEL}/indbakke")
        return page.get_by_role("link", name="Spande").count() == 1

    wait_until(in_inbox, what="the question read by the service and put in the inbox")
    page.get_by_role("link", name="Spande").click()
    assert page.url.endswith(f"/indbakke/{ids['question_id']}")

    # --- The conversation, oldest first, with what was recorded from the answer --------------------------
    thread = page.locator("ol.thread > li")
    wait_until(lambda: (page.reload() or True) and thread.count() == 5 and "Sendt" in thread.last.inner_text(),
               what="both receipts sent by the service's delivery worker")
    entries = [thread.nth(i).inner_text() for i in range(thread.count())]
    directions = [thread.nth(i).get_attribute("data-direction") for i in range(thread.count())]
    assert directions == ["ud", "ind", "ud", "ind", "ud"], entries
    assert "Invitation" in entries[0] and "tre spørgsmål om affald" in entries[0]
    assert "1: 3" in entries[1] and "Gemt fra beskeden" in entries[1]
    assert "2. Hvad sorterer du?: Plast og glas" in entries[1] and "3. Bruger du genbrugspladsen?: Ja" in entries[1]
    assert "Automatisk svar" in entries[2]
    assert "Tæller den grønne spand med?" in entries[3] and "denne besked" in entries[3]
    assert thread.nth(3).get_attribute("aria-current") == "true"
    screenshot(page, "inbox-thread")
    check_accessibility(page, "inbox thread")

    # --- Corrections as a citizen writes them ----------------------------------------------------------------
    def correct(question: str, typed: str) -> None:
        page.get_by_label("Spørgsmål", exact=True).select_option(label=question)
        page.get_by_label("Rigtigt svar").fill(typed)
        page.get_by_role("button", name="Ret svaret").click()
        page.wait_for_load_state()

    correct("2. Hvad sorterer du?", "A, B")
    assert "rettet fra »Plast og glas« til »Papir og pap og plast«" in page.locator("main").inner_text()
    correct("2. Hvad sorterer du?", "plast og glas")
    assert "rettet fra »Papir og pap og plast« til »Plast og glas«" in page.locator("main").inner_text()
    correct("1. Hvor mange affaldsspande har du?", "fem")
    assert "Svaret på spørgsmål 1 er rettet fra »3« til »5«" in page.locator("main").inner_text()

    correct("2. Hvad sorterer du?", "bananer")
    alert = page.get_by_role("alert")
    assert "Vi kan ikke læse »bananer« som et svar på spørgsmål 2" in alert.inner_text()
    assert page.get_by_label("Rigtigt svar").input_value() == "bananer"
    assert page.get_by_label("Spørgsmål", exact=True).input_value() == "sortering"
    screenshot(page, "inbox-correction-refused")
    check_accessibility(page, "inbox correction refused")

    history = page.locator("table").filter(has_text="Kilde").inner_text()
    assert "Papir og pap og plast" in history and "Plast og glas" in history and "Medarbejder" in history
    assert "['" not in history and "papir, plast" not in history  # labels joined in words, never keys

    # --- A staff answer by email, and the citizen's answer to it -------------------------------------------
    page.get_by_label("Mail").check()
    page.get_by_label("Dit svar").fill("Ja, den grønne spand tæller med. Hvor mange har du i alt?")
    page.get_by_role("button", name="Send svar").click()
    page.wait_for_load_state()

    def staff_mail():
        for path in service.outbox_dir.glob("*.eml"):
            message = email.message_from_bytes(path.read_bytes(), policy=default)
            if "Hvor mange har du i alt?" in message.get_body(("plain",)).get_content():
                return message
        return None

    wait_until(lambda: staff_mail() is not None, what="the staff answer sent by the delivery worker")
    sent = staff_mail()
    assert str(sent["Reply-To"].addresses[0].addr_spec) == ids["reply_address"]
    answer = EmailMessage()
    answer["From"] = ids["email"]
    answer["To"] = str(sent["Reply-To"])
    answer["Subject"] = "Sv: " + str(sent["Subject"])
    answer["Message-ID"] = make_msgid(domain="example.dk")
    answer.set_content("Jeg har seks i alt.\n\n1: 6")
    dovecot.append(answer.as_bytes())
    result = service.flask("mail", "listen", "--once", env={
        "IMAP_HOST": "127.0.0.1", "IMAP_PORT": str(dovecot.port), "IMAP_SSL": "false",
        "IMAP_USERNAME": dovecot.username, "IMAP_PASSWORD": dovecot.password})
    assert result.returncode == 0, result.stderr[-3000:]
    assert "1 stored" in result.stdout

    def thread_has_the_answer() -> bool:
        page.goto(f"{service.base_url}/staff/{PANEL}/indbakke/{ids['question_id']}")
        return "Jeg har seks i alt." in page.locator("ol.thread").inner_text()

    wait_until(thread_has_the_answer, what="the citizen's answer in the same thread")
    entries = [thread.nth(i).inner_text() for i in range(thread.count())]
    staff_at = next(i for i, text in enumerate(entries) if "Hvor mange har du i alt?" in text)
    answer_at = next(i for i, text in enumerate(entries) if "Jeg har seks i alt." in text)
    assert "Svar fra en medarbejder" in entries[staff_at] and staff_at < answer_at
    assert "1. Hvor mange affaldsspande har du?: 6" in entries[answer_at]
    screenshot(page, "inbox-thread-answer")

    # --- Another panel's staff never see it ---------------------------------------------------------------
    other = page.context.browser.new_context(locale="da-DK")
    try:
        outsider = other.new_page()
        log_in(outsider, service, service.other_email)
        for path in (f"/staff/nabo/indbakke/{ids['question_id']}", f"/staff/{PANEL}/indbakke/{ids['question_id']}"):
            response = outsider.goto(service.base_url + path)
            assert response.status == 404, path
            assert "grønne spand" not in outsider.content()
    finally:
        other.close()
