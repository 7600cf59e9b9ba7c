"""Every staff page in Chromium, in Danish: no raw key (``privat-leje``, ``female``, ``yes_no``,
``hvor-tilfreds-er-du-med``) and no English word where staff read Danish.

The service gets real data first (a survey with answers and free text, a
campaign in flight, a meeting with answers, a reply in the inbox, samples),
so each page shows what it shows in use.  The pages are every GET route of
the staff console (from the app's URL map, so a new page is walked without
anyone adding it here) plus the pages behind a form: the campaign review, a
sample and a lottery.  What a page shows in English on purpose is marked
``lang="en"`` (the language switch, the English preview of an invitation)
and is left out; so are ``<code>`` (keys staff type themselves), email
addresses and URLs.
"""
from __future__ import annotations

import re
from datetime import timedelta

import pytest

from tests.e2e.conftest import SECRET, log_in

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")

PANEL = "demo"
SURVEY_KEY = "trafik-2026"
MEETING_KEY = "havnemoede"
SURVEY = {
    "kind": "survey", "key": SURVEY_KEY, "title": "Trafik i byen",
    "questions": [
        {"number": 1, "key": "hvor-tilfreds-er-du-med", "type": "scale", "min": 1, "max": 5,
         "text": "Hvor tilfreds er du med busserne?", "labels": {"1": "Meget utilfreds", "5": "Meget tilfreds"}},
        {"number": 2, "key": "cykler", "type": "yes_no", "text": "Cykler du til arbejde?"},
        {"number": 3, "key": "transport", "type": "choice", "multiple": True, "text": "Hvordan kommer du rundt?",
         "options": [{"key": "privat-bil", "label": "Bil"}, {"key": "bus", "label": "Bus"},
                     {"key": "cykel", "label": "Cykel"}]},
        {"number": 4, "key": "ideer", "type": "text", "text": "Har du en idé til trafikken?"},
    ],
}
IDEAS = ["Flere cykelstier ved skolen", "Billigere busser om aftenen", "Bedre lys på stierne ved skolen"]
# Routes that answer with a file or JSON, not a page.
NOT_PAGES = ("reports.export_csv", "reports.export_codebook", "reports.export_xlsx", "reports.export_pdf",
             "surveys.export", "surveys.export_all", "meetings_staff.attendees_csv", "campaigns.status")

# Codes of the service that must never be what staff read.
# (Codes that are Danish words too, such as "andel", "ejer", "ansat", "land", are left out.)
RAW_KEYS = {
    "gender", "age", "area", "education", "housing", "employment", "female", "male", "kvu", "mvu", "lvu",
    "selvstaendig", "midtby", "unknown", "yes", "no", "maybe", "email", "both", "choice", "scale", "yes_no",
    "number", "pending", "sending", "failed", "cancelled", "expired", "draft", "scheduled", "closed", "active",
    "erased", "bounced", "opted_out", "staff", "signup", "reminder", "reply", "survey", "meeting", "sample",
    "lottery", "held_back", "fatigue", "quiet",
}
# Common English words that are not Danish words too (so "Men", "Man", "Hans", "for", "to" are not here).
ENGLISH = {
    "the", "and", "of", "with", "from", "this", "that", "these", "your", "you", "yes", "not", "none", "null",
    "true", "false", "error", "unknown", "missing", "must", "should", "please", "click", "here", "page",
    "results", "answer", "answers", "question", "questions", "campaign", "campaigns", "weight", "weighted",
    "respondent", "respondents", "female", "male", "email", "pending", "sending", "cancelled", "failed",
    "expired", "draft", "scheduled", "closed", "active", "erased", "reminder", "reminders", "channel", "choice",
    "scale", "share", "held", "waiting", "queued", "quiet", "hours", "people", "members", "member",
    "none", "sample", "lottery", "meeting", "meetings", "survey", "surveys", "settings", "save", "cancel",
    "delete", "edit", "preview", "download", "upload", "search", "inbox", "reply", "replies", "subject",
    "message", "messages", "panelists", "because", "which", "would", "could", "there", "their", "about",
}
HYPHENATED_DANISH = re.compile(r"^(e-mail|sms|mail|csv|json|pdf|xlsx|gsm|ucs|lix|e-mail-|ja|nej)(-|$)")
TOKEN = re.compile(r"[A-Za-zÆØÅæøå_]+(?:[-_][A-Za-zÆØÅæøå_]+)*")
STRIP = re.compile(r"\S+@\S+|https?://\S+|\b[A-Z0-9]{11}\b")  # addresses, links, respondent pseudonyms

CLEAN_DOM = """() => {
  document.querySelectorAll('[lang]:not(html), code, script, style, noscript, svg title').forEach(e => e.remove());
  return document.body.innerText;
}"""


def seed(service) -> dict:
    """Real rows in the service's own database, made through the service's own functions."""
    import random

    from sqlmodel import Session, select

    from engagement import create_app
    from engagement.campaigns import service as campaigns
    from engagement.campaigns.models import CLOSED, Campaign, CampaignRecipient
    from engagement.campaigns.rules import Plan
    from engagement.db import utcnow
    from engagement.delivery import outbox
    from engagement.inbound import pipeline, store
    from engagement.meetings import service as meetings
    from engagement.meetings.models import FIRST_COME
    from engagement.panel.models import ACTIVE, Panel, Panelist
    from engagement.selection import service as selection
    from engagement.surveys.service import import_definitions, record_answers
    from tests.inbound.support import email_bytes

    app = create_app({"database_url": service.database_url, "secret_key": SECRET,
                      "instance_path": service.root / "instance-seed",
                      "public_base_url": service.base_url})
    engine = app.extensions["borgerpanel.engine"]
    rng = random.Random(3)
    now = utcnow()
    with app.app_context(), Session(engine) as session:
        panel = session.exec(select(Panel).where(Panel.key == PANEL)).one()
        members = session.exec(select(Panelist).where(Panelist.panel_id == panel.id, Panelist.status == ACTIVE)
                               .order_by(Panelist.id)).all()
        survey = import_definitions(session, panel, SURVEY)[0]
        closed = Campaign(panel_id=panel.id, kind="survey", title="Trafik i byen (forår)", definition_id=survey.id,
                          starts_at=now - timedelta(days=30), deadline_at=now - timedelta(days=16), status=CLOSED,
                          closed_at=now - timedelta(days=16))
        session.add(closed)
        session.flush()
        for person in members[:120]:
            session.add(CampaignRecipient(campaign_id=closed.id, panelist_id=person.id, channel="email",
                                          reply_key=outbox.new_reply_key()))
        for person in members[:80]:
            answers = {"hvor-tilfreds-er-du-med": rng.randint(1, 5), "cykler": rng.choice(["yes", "no"]),
                       "transport": rng.sample(["privat-bil", "bus", "cykel"], rng.randint(1, 2))}
            if rng.random() < 0.5:
                answers["ideer"] = rng.choice(IDEAS)
            record_answers(session, panel.id, survey.id, person.id, answers, "email", now=now - timedelta(days=20))
        session.commit()

        draw = selection.draw_sample(session, panel, selection.SampleRequest(size=30, seed=5,
                                                                              features=("gender", "age", "area")))
        session.commit()
        campaign = campaigns.create_campaign(session, panel, Plan(
            kind="survey", title="Trafik i byen (efterår)", starts_at=now, deadline_at=now + timedelta(days=14),
            reminder_days=(7,), channel_mode="choice", audience={"type": "sample", "sample_id": draw.draw.id},
            definition_id=survey.id), now=now)
        campaigns.schedule_campaign(session, campaign, now=now)
        session.commit()

        meeting = import_definitions(session, panel, {
            "kind": "meeting", "key": MEETING_KEY, "title": "Borgermøde om havnen",
            "starts_at": (now + timedelta(days=30)).isoformat(), "ends_at": (now + timedelta(days=30, hours=2)).isoformat(),
            "location": "Kulturhuset", "max_guests": 1})[0]
        meetings.configure_meeting(session, meeting, capacity=3, seat_mode=FIRST_COME, rsvp_deadline_at=None, now=now)
        for person, answer in zip(members[:6], ["yes", "yes", "yes", "yes", "maybe", "no"]):
            meetings.respond(session, meeting, person, answer, source="link", now=now, notify=False)
        session.commit()

        recipient = session.exec(select(CampaignRecipient).where(CampaignRecipient.campaign_id == closed.id)
                                 .order_by(CampaignRecipient.id)).first()
        writer = session.get(Panelist, recipient.panelist_id)
        writer.source = "signup"  # as if they had signed up on the site: a consent under the privacy notice
        from engagement.panel.consent import record_consent
        from engagement.panel.privacy import record_notice

        record_consent(session, writer, source="signup", now=now, privacy_version=record_notice(session, panel).version)
        session.add(writer)
        token = outbox.make_reply_token(recipient.reply_key, SECRET)
        raw = email_bytes(to=outbox.reply_address(token, "localhost"), sender=writer.email,
                          subject="Sv: Trafik i byen", body="Hvornår kommer der en ny bus til Nord?")
        row, _new = store.store_email(session, raw, panel_id=panel.id)
        session.commit()
        pipeline.process_message(session, row.id)
        session.commit()
        ids = {"campaign_id": campaign.id, "panelist_id": writer.id, "message_id": row.id}
        from engagement.staff.models import StaffUser

        ids["staff_id"] = session.exec(select(StaffUser.id).where(StaffUser.email == service.viewer_email)).one()
    return {"app": app, "ids": ids, "engine": engine}


def staff_pages(app, ids: dict) -> list[tuple[str, str]]:
    """Every GET page of the staff console, with real ids and keys."""
    pages = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint in NOT_PAGES or not rule.rule.startswith("/staff"):
            continue
        values = {"panel_key": PANEL, **ids,
                  "key": MEETING_KEY if rule.endpoint.startswith("meetings_staff.") else SURVEY_KEY}
        try:
            with app.test_request_context():
                from flask import url_for

                path = url_for(rule.endpoint, **{name: values[name] for name in rule.arguments})
        except KeyError as missing:
            raise AssertionError(f"{rule.endpoint}: no value for {missing} in the walk") from None
        pages.append((rule.endpoint, path))
    return sorted(set(pages))


def problems_in(text: str) -> list[str]:
    text = STRIP.sub(" ", text)
    found = []
    for token in TOKEN.findall(text):
        lowered = token.lower()
        if token in RAW_KEYS or lowered in {"yes_no", "opted_out", "held_back"}:
            found.append(f"raw key {token!r}")
        elif ("-" in token or "_" in token) and token == lowered and not HYPHENATED_DANISH.match(lowered) \
                and re.search(r"[a-zæøå]{2,}[-_][a-zæøå]{2,}", token):
            found.append(f"key-like {token!r}")
        elif lowered in ENGLISH:
            found.append(f"English {token!r}")
    return found


def test_every_staff_page_is_danish_with_labels_not_keys(live_service, browser):
    service = live_service
    seeded = seed(service)
    try:
        pages = staff_pages(seeded["app"], seeded["ids"])
    finally:
        seeded["engine"].dispose()
    assert len(pages) >= 25, pages
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="da-DK", bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    log_in(page, service, service.admin_email)
    report: dict[str, list[str]] = {}

    def check(name: str) -> None:
        assert page.locator("html").get_attribute("lang") == "da", name
        found = problems_in(page.evaluate(CLEAN_DOM))
        if found:
            report[name] = sorted(set(found))

    try:
        for endpoint, path in pages:
            response = page.goto(service.base_url + path)
            assert response is not None and response.status == 200, (endpoint, path, response and response.status)
            check(f"{endpoint} {path}")

        # Pages behind a form: a sample, a lottery, the campaign review.
        page.goto(f"{service.base_url}/staff/{PANEL}/udvaelgelse/stikproeve")
        page.get_by_label("Hvor mange skal med?").fill("20")
        page.get_by_role("button", name="Træk stikprøven").click()
        page.get_by_role("heading", name="Resultat").wait_for()
        check("sample result")
        page.goto(f"{service.base_url}/staff/{PANEL}/udvaelgelse/lodtraekning")
        page.get_by_label("Hvor mange pladser?").fill("6")
        page.get_by_role("button", name="Træk lod").click()
        page.get_by_role("heading", name="Resultat").wait_for()
        check("lottery result")
        page.goto(f"{service.base_url}/staff/{PANEL}/kampagner/ny")
        page.get_by_label("Spørgeskema", exact=True).check()
        page.get_by_label("Spørgeskema eller møde").select_option(label="Trafik i byen (Spørgeskema)")
        page.get_by_label("Hver persons eget valg").check()
        page.get_by_label("Send nu").check()
        page.get_by_role("button", name="Gennemse").click()
        page.get_by_role("heading", name="Gennemse kampagnen").wait_for()
        check("campaign review")
    finally:
        context.close()
    assert not report, "\n".join(f"{name}: {', '.join(items)}" for name, items in report.items())
    assert "warmed up in" in service.log_path.read_text(errors="replace")  # flask serve warmed up at start


@pytest.mark.parametrize("text, expected", [
    ("Bolig: Privat lejebolig", []),
    ("Bolig: privat-leje", ["key-like 'privat-leje'"]),
    ("Køn: female", ["raw key 'female'"]),
    ("Svar fra: email", ["raw key 'email'"]),
    ("1. hvor-tilfreds-er-du-med", ["key-like 'hvor-tilfreds-er-du-med'"]),
    ("Type: yes_no", ["raw key 'yes_no'"]),
    ("Click here to see the results", ["English 'Click'", "English 'here'", "English 'the'", "English 'results'"]),
    ("Send en e-mail eller en sms-besked til mail@example.dk", []),
    ("Men det er for sent, mand", []),
])
def test_the_check_finds_keys_and_english_and_passes_danish(text, expected):
    assert problems_in(text) == expected
