"""Two panels full of real rows: panel A holds everything, panel B a foreign admin.

Panelist-written text in A is hostile on purpose (script tags, attribute
breakers, spreadsheet formulas, CR/LF), and carries ``MARKER`` so a test can
tell whether A's data reached a page it must not reach.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from engagement.campaigns.models import CLOSED, Campaign, CampaignRecipient
from engagement.db import utcnow
from engagement.delivery import outbox
from engagement.inbound import pipeline, store
from engagement.inbound.models import InboundMessage
from engagement.surveys.service import import_definitions, record_answers
from tests.factories import make_panel, make_panelist
from tests.inbound.support import email_bytes
from tests.meetings.support import make_meeting
from tests.staff.support import make_staff

MARKER = "Hemmelig-A-7731"
SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '"><img src=x onerror=alert(2)>'
FORMULA = "=HYPERLINK(\"http://evil.example/\",\"klik\")"
HOSTILE_NAME = f"{MARKER} {SCRIPT}{ATTRIBUTE}"
HOSTILE_TEXT = f"{SCRIPT} {ATTRIBUTE} {MARKER}"
SURVEY_KEY = "trafik-a"
MEETING_KEY = "havn-a"

SURVEY = {
    "kind": "survey", "key": SURVEY_KEY, "title": f"Trafik {MARKER}",
    "questions": [
        {"number": 1, "key": "cykler", "type": "yes_no", "text": "Cykler du til arbejde?"},
        {"number": 2, "key": "ideer", "type": "text", "text": "Har du en idé til trafikken?"},
    ],
}


@dataclass
class World:
    panel: object
    other: object
    staff: dict                 # role -> StaffUser in A; "foreign" -> admin of B
    hostile: object             # the panelist in A with the hostile name
    victim: object              # a panelist in A for destructive routes
    campaign: object
    survey: object
    meeting: object
    inbound_email: InboundMessage
    inbound_sms: InboundMessage
    colleague: object
    extra: dict = field(default_factory=dict)

    def values(self) -> dict:
        """URL values that name A's objects (real ids and keys)."""
        return {"panel_key": self.panel.key, "campaign_id": self.campaign.id,
                "message_id": self.inbound_email.id, "panelist_id": self.hostile.id,
                "staff_id": self.colleague.id}


def build_world(app, session) -> World:
    panel = make_panel(session, name=f"Kommune {MARKER}")
    other = make_panel(session, name="Nabokommunen")
    staff = {role: make_staff(session, panel, role=role) for role in ("admin", "editor", "viewer")}
    staff["foreign"] = make_staff(session, other, role="admin")
    colleague = make_staff(session, panel, role="viewer", name=f"Kollega {MARKER}")
    hostile = make_panelist(session, panel, name=HOSTILE_NAME, phone="+4520123456")
    victim = make_panelist(session, panel, name=f"Offer {MARKER}")
    others = [make_panelist(session, panel, gender=g) for g in ("male", "female", "male")]

    survey = import_definitions(session, panel, SURVEY)[0]
    now = utcnow()
    campaign = Campaign(panel_id=panel.id, kind="survey", title=f"Kampagne {MARKER}", definition_id=survey.id,
                        starts_at=now - timedelta(days=14), deadline_at=now + timedelta(days=10),
                        status=CLOSED, closed_at=now - timedelta(days=1))
    session.add(campaign)
    session.commit()
    texts = [HOSTILE_TEXT, FORMULA, "+1+2", "-2+3", "@SUM(A1)", "Flere cykelstier"]
    for i, person in enumerate([hostile, victim, *others]):
        session.add(CampaignRecipient(campaign_id=campaign.id, panelist_id=person.id, channel="email",
                                      reply_key=outbox.new_reply_key()))
        record_answers(session, panel.id, survey.id, person.id, {"cykler": "yes", "ideer": texts[i]}, "email",
                       now=now - timedelta(days=3))
    session.commit()
    recipient = session.exec(__import__("sqlmodel").select(CampaignRecipient).where(
        CampaignRecipient.panelist_id == hostile.id)).first()
    _panel, meeting = make_meeting(session, panel, key=MEETING_KEY, title=f"Møde {MARKER}")

    with app.app_context():
        token = outbox.make_reply_token(recipient.reply_key, app.config["SECRET_KEY"])
        raw = email_bytes(to=outbox.reply_address(token, "localhost"), sender=f'"{SCRIPT}" <{hostile.email}>',
                          subject=f"{SCRIPT}{ATTRIBUTE} {MARKER}", body=HOSTILE_TEXT)
        mail_row, _ = store.store_email(session, raw, panel_id=panel.id)
        sms_row, _ = store.store_sms(session, {"MessageSid": "SMsecurity1", "From": hostile.phone,
                                               "To": "+4570000000", "Body": HOSTILE_TEXT}, panel_id=panel.id)
        session.commit()
        for row in (mail_row, sms_row):
            pipeline.process_message(session, row.id)
    session.expire_all()
    mail_row, sms_row = session.get(InboundMessage, mail_row.id), session.get(InboundMessage, sms_row.id)
    for row in (mail_row, sms_row):  # whatever the pipeline decided, staff must look at them
        row.needs_staff, row.handled_at, row.panel_id = True, None, panel.id
        session.add(row)
    session.commit()
    return World(panel=panel, other=other, staff=staff, hostile=hostile, victim=victim, campaign=campaign,
                 survey=survey, meeting=meeting, inbound_email=mail_row, inbound_sms=sms_row, colleague=colleague)
