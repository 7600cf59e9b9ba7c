"""Builders for inbound tests: a survey or meeting sent to panelists, and the replies they write."""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import timedelta
from email.utils import format_datetime, make_msgid

from engagement.campaigns.models import SENDING, Campaign, CampaignRecipient
from engagement.db import utcnow
from engagement.delivery import outbox
from tests.campaigns.builders import MEETING, SURVEY, make_definition
from tests.conftest import TEST_SECRET
from tests.factories import make_panel, make_panelist

_seq = itertools.count(1)
REPLY_DOMAIN = "localhost"


@dataclass
class Invited:
    panelist: object
    recipient: CampaignRecipient

    @property
    def token(self) -> str:
        return outbox.make_reply_token(self.recipient.reply_key, TEST_SECRET)

    @property
    def reply_address(self) -> str:
        return outbox.reply_address(self.token, REPLY_DOMAIN)


def invite(session, *, count: int = 1, channel: str = "email", meeting: bool = False, panel=None,
           deadline_days: int = 10, data: dict | None = None, **panelist_fields):
    """A campaign in state sending with ``count`` recipients on ``channel``; (panel, campaign, [Invited]).
    ``data``: a definition of the test's own (its key gets a number, as the built-in ones do)."""
    panel = panel or make_panel(session)
    n = next(_seq)
    data = data or (MEETING if meeting else SURVEY)
    stored = make_definition(session, panel, data, key=f"{data['key']}{n}")
    now = utcnow()
    campaign = Campaign(panel_id=panel.id, kind="meeting" if meeting else "survey", title=data["title"],
                        definition_id=stored.id, starts_at=now - timedelta(days=1),
                        deadline_at=now + timedelta(days=deadline_days), status=SENDING, channel_mode=channel)
    session.add(campaign)
    session.commit()
    invited = []
    for i in range(count):
        fields = dict(panelist_fields)
        if channel == "sms":
            fields.setdefault("phone", f"+4520{n % 100:02d}{i:04d}")
            fields.setdefault("channel", "sms")
        panelist = make_panelist(session, panel, **fields)
        recipient = CampaignRecipient(campaign_id=campaign.id, panelist_id=panelist.id, channel=channel,
                                      reply_key=outbox.new_reply_key(),
                                      sms_question="bus" if channel == "sms" and not meeting else None)
        session.add(recipient)
        session.commit()
        invited.append(Invited(panelist, recipient))
    return panel, campaign, invited


def email_bytes(*, to: str, body: str, sender: str = "Borger <borger@example.dk>", subject: str = "Re: Trafik",
                message_id: str | None = "", headers: dict | None = None, charset: str = "utf-8") -> bytes:
    lines = [f"From: {sender}", f"To: {to}", f"Subject: {subject}", f"Date: {format_datetime(utcnow())}"]
    if message_id == "":
        message_id = make_msgid(domain="example.dk")
    if message_id:
        lines.append(f"Message-ID: {message_id}")
    for name, value in (headers or {}).items():
        lines.append(f"{name}: {value}")
    lines += ["MIME-Version: 1.0", f"Content-Type: text/plain; charset={charset}",
              "Content-Transfer-Encoding: 8bit"]
    return ("\r\n".join(lines) + "\r\n\r\n" + body.replace("\n", "\r\n") + "\r\n").encode(
        charset if charset in ("utf-8", "latin-1") else "utf-8")


def store_and_process(app, session, raw: bytes):
    """Store a raw email as the mail listener would, run the pipeline on it, return the fresh row."""
    from engagement.inbound import pipeline, store
    from engagement.inbound.models import InboundMessage

    with app.app_context():
        row, is_new = store.store_email(session, raw, panel_id=None)
        session.commit()
        assert is_new
        pipeline.process_message(session, row.id)
    session.expire_all()
    return session.get(InboundMessage, row.id)


# Two surveys about waste the issue-15 tests share: one counted and sorted (the staff inbox's thread and
# corrections), one rated and sorted (the conversation's dialogue).
WASTE_SORTING = {
    "kind": "survey", "key": "affald", "title": "Affald og genbrug",
    "questions": [
        {"number": 1, "key": "spande", "type": "number", "min": 0, "max": 20,
         "text": "Hvor mange affaldsspande har du?"},
        {"number": 2, "key": "sortering", "type": "choice", "multiple": True, "text": "Hvad sorterer du?",
         "options": [{"key": "papir", "label": "Papir og pap"}, {"key": "plast", "label": "Plast"},
                     {"key": "glas", "label": "Glas"}, {"key": "mad", "label": "Madaffald"}]},
        {"number": 3, "key": "genbrug", "type": "yes_no", "text": "Bruger du genbrugspladsen?"},
        {"number": 4, "key": "bolig", "type": "choice", "text": "Hvordan bor du?",
         "options": [{"key": "eje", "label": "Ejerbolig"}, {"key": "leje", "label": "Lejebolig"}]},
    ],
}
WASTE_RATING = {
    "kind": "survey", "key": "affald", "title": "Affald og genbrug",
    "questions": [
        {"number": 1, "key": "tilfreds", "type": "scale", "min": 1, "max": 10,
         "text": "Hvor tilfreds er du med affaldsordningen?"},
        {"number": 2, "key": "sorterer", "type": "choice", "multiple": True, "text": "Hvad sorterer du?",
         "options": [{"key": "plast", "label": "Plast"}, {"key": "glas", "label": "Glas"},
                     {"key": "papir", "label": "Papir og pap"}, {"key": "mad", "label": "Madaffald"}]},
        {"number": 3, "key": "kompost", "type": "yes_no", "text": "Har du en kompostbeholder?"},
        {"number": 4, "key": "ideer", "type": "text", "text": "Har du en idé til os?"},
    ]}


def receive_email(app, session, raw: bytes):
    """A mail stored and read by the pipeline at once (as the listener and an inbound worker would)."""
    from engagement.inbound import pipeline, store
    from engagement.inbound.models import InboundMessage

    with app.app_context():
        row, _ = store.store_email(session, raw)
        session.commit()
        pipeline.process_message(session, row.id)
    session.expire_all()
    return session.get(InboundMessage, row.id)
