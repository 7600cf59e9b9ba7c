"""Issue 15: a reminder asks only for what is missing (email: the open questions; SMS: the first open one)."""
from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from engagement.campaigns import service
from engagement.campaigns.models import CampaignRecipient
from engagement.db import utcnow
from engagement.messages.readability import lix
from engagement.surveys.service import record_answers
from tests.campaigns.builders import make_campaign, make_definition
from tests.campaigns.test_service import deliver_all, rows
from tests.factories import make_panel, make_panelist

THREE = {
    "kind": "survey", "key": "trafik3q", "title": "Trafik i byen",
    "questions": [
        {"number": 1, "key": "bus", "type": "scale", "min": 1, "max": 5, "text": "Hvor tilfreds er du med busserne?"},
        {"number": 2, "key": "cykler", "type": "yes_no", "text": "Cykler du til arbejde?"},
        {"number": 3, "key": "stier", "type": "yes_no", "text": "Er der nok cykelstier?"},
    ]}


def _recipient(session, campaign, panelist):
    return session.exec(select(CampaignRecipient).where(CampaignRecipient.campaign_id == campaign.id,
                                                        CampaignRecipient.panelist_id == panelist.id)).one()


def test_sms_and_email_reminders_ask_only_for_the_open_questions(app, ctx, session):
    panel = make_panel(session)
    texter = make_panelist(session, panel, channel="sms", phone="+4520123456")
    writer = make_panelist(session, panel)
    done = make_panelist(session, panel)
    definition = make_definition(session, panel, THREE)
    now = utcnow()
    far = (now.hour + 12) % 24  # quiet hours half a day from now (whatever the time zone): SMS may go now
    campaign = make_campaign(session, panel, definition=definition, now=now, reminder_days=(3,),
                             quiet_start=f"{far:02d}:00", quiet_end=f"{far:02d}:30")
    service.tick(session, now)
    deliver_all(app, session, now)
    # The texter answered 1 and skipped 2 (3 is open); the writer answered 1 (2 and 3 are open);
    # the one who is done answered 1 and 3 and skipped 2 (nothing open: no reminder).
    record_answers(session, panel.id, definition.id, texter.id, {"bus": 4}, "sms")
    recipient = _recipient(session, campaign, texter)
    recipient.conversation, recipient.sms_question = {"skipped": ["cykler"]}, "cykler"
    session.add(recipient)
    record_answers(session, panel.id, definition.id, writer.id, {"bus": 2}, "email")
    record_answers(session, panel.id, definition.id, done.id, {"bus": 5, "stier": "no"}, "email")
    recipient = _recipient(session, campaign, done)
    recipient.conversation = {"skipped": ["cykler"]}
    session.add(recipient)
    session.commit()

    service.tick(session, now + timedelta(days=3, minutes=1))
    reminders = {r.panelist_id: r for r in rows(session, campaign.id, "reminder-1")}
    assert sorted(reminders) == sorted([texter.id, writer.id])
    sms = reminders[texter.id]
    assert sms.channel == "sms" and "3. Er der nok cykelstier?" in sms.text and "Cykler du" not in sms.text
    assert _recipient(session, campaign, texter).sms_question == "stier"
    mail = reminders[writer.id]
    assert "Vi mangler stadig dine svar på spørgsmål 2 og 3." in mail.text
    assert "2. Cykler du til arbejde?" in mail.text and "3. Er der nok cykelstier?" in mail.text
    assert "Hvor tilfreds er du med busserne?" not in mail.text
    body = "\n".join(line for line in mail.text.splitlines() if "http" not in line)
    assert lix(body) < 25, lix(body)
    assert lix(sms.text) < 25, lix(sms.text)
