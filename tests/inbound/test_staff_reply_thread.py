"""A staff answer keeps the conversation together, end to end over real servers.

Staff answer a citizen from the inbox; the delivery worker sends it through a
loopback SMTP server (aiosmtpd); the citizen answers to its Reply-To from
another address of theirs and without threading headers (as a forwarded or
newly written mail would be); the answer lands in Dovecot, the mail listener
stores it, an inbound worker reads it, and it belongs to the same panelist
and campaign, shown in the same thread.
"""
from __future__ import annotations

import html
import re
from dataclasses import replace
from datetime import timedelta

from sqlmodel import select

from engagement.campaigns.models import SENDING, Campaign, CampaignRecipient
from engagement.db import utcnow
from engagement.delivery import outbox
from engagement.delivery.models import SENT, OutboxMessage
from engagement.delivery.worker import DeliveryWorker
from engagement.inbound.imap_listener import MailListener
from engagement.inbound.models import PROCESSED, InboundMessage
from engagement.inbound.worker import InboundWorker
from engagement.surveys.models import Answer
from tests.campaigns.builders import SURVEY, make_definition
from tests.campaigns.loopback import smtp_sink  # noqa: F401  (fixture)
from tests.inbound.support import email_bytes, invite, store_and_process
from tests.inbound.test_thread import WASTE
from tests.staff.support import csrf_for, log_in, make_staff


def _text(response) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))).split())


def test_a_citizens_answer_to_a_staff_reply_comes_back_into_the_same_thread(imap_app, dovecot, smtp_sink, client,
                                                                              session):
    settings = imap_app.extensions["borgerpanel.settings"]
    imap_app.extensions["borgerpanel.settings"] = replace(settings, smtp_host="127.0.0.1", smtp_port=smtp_sink.port,
                                                          smtp_security="none", smtp_timeout=5)
    panel, campaign, [who] = invite(session, data=WASTE)
    # A later invitation of the same panelist to another survey: matching by the sender's address
    # alone would file the answer there.
    stored = make_definition(session, panel, SURVEY, key="trafik-senere")
    later = Campaign(panel_id=panel.id, kind="survey", title="Trafik", definition_id=stored.id, status=SENDING,
                     starts_at=utcnow(), deadline_at=utcnow() + timedelta(days=10), channel_mode="email")
    session.add(later)
    session.commit()
    session.add(CampaignRecipient(campaign_id=later.id, panelist_id=who.panelist.id, channel="email",
                                  reply_key=outbox.new_reply_key(), created_at=utcnow() + timedelta(seconds=1)))
    session.commit()

    question = store_and_process(imap_app, session, email_bytes(
        to=who.reply_address, sender=who.panelist.email, subject="Spande",
        body="Hvad mener I med affaldsspande? Jeg vil gerne tale med en medarbejder."))
    assert question.needs_staff and question.campaign_id == campaign.id, question.reason

    staff = make_staff(session, panel, role="editor")
    log_in(client, staff)
    base = f"/staff/{panel.key}/indbakke/{question.id}"
    token = csrf_for(client, base)
    response = client.post(f"{base}/svar", data={"csrf_token": token, "channel": "email",
                                                  "text": "Alle spande ved huset, også den til papir."})
    assert response.status_code == 302

    assert DeliveryWorker(imap_app, worker_id="staff-reply-test").run_once() >= 1
    session.expire_all()
    sent = session.exec(select(OutboxMessage).where(OutboxMessage.step == "staff_reply")).one()
    assert sent.status == SENT, sent.last_error
    [mail] = [m for m in smtp_sink.messages() if m["Message-ID"] == sent.message_id]
    assert mail["To"].addresses[0].addr_spec == who.panelist.email
    reply_to = mail["Reply-To"].addresses[0].addr_spec
    assert reply_to == who.reply_address  # the invitation's own signed address
    assert mail["In-Reply-To"] == question.external_id
    assert "Alle spande ved huset" in mail.get_body(("plain",)).get_content()

    # The citizen answers from another address of theirs, to the Reply-To, with no threading headers.
    dovecot.append(email_bytes(to=reply_to, sender="Anne Privat <anne.privat@example.org>",
                               subject=f"Re: {mail['Subject']}", body="Tak for svaret.\n\n1: 4\n2: papir og glas"))
    listener = MailListener(imap_app)
    listener.run(once=True)
    assert listener.stored == 1
    assert InboundWorker(imap_app).run_once() == 1
    session.expire_all()
    answer = session.exec(select(InboundMessage).where(InboundMessage.id != question.id)).one()
    assert answer.status == PROCESSED, answer.reason
    assert (answer.panelist_id, answer.campaign_id, answer.matched_by) == (who.panelist.id, campaign.id, "token")
    recorded = {a.question_key: a.value for a in session.exec(select(Answer).where(
        Answer.inbound_message_id == answer.id)).all()}
    assert recorded == {"spande": 4, "sortering": ["papir", "glas"]}
    assert session.exec(select(Answer).where(Answer.definition_id == stored.id)).all() == []

    # One thread: the first message, the staff answer and the citizen's answer to it, in that order.
    page = _text(client.get(f"/staff/{panel.key}/indbakke/{question.id}"))
    thread = page[page.index("Samtalen"):]
    order = [thread.find(part) for part in ("Hvad mener I med affaldsspande?",
                                             "Alle spande ved huset, også den til papir.", "Tak for svaret.")]
    assert -1 not in order and order == sorted(order), thread
    assert "Papir og pap og glas" in thread


def test_an_sms_answer_to_a_staff_sms_stays_with_that_campaign(app, client, session):
    """SMS has no reply address: the answer goes to the campaign of the staff member's SMS when that is
    the last SMS the panelist got, also when they were invited to another survey in between."""
    from tests.inbound.test_sms_webhook import _form, _post

    panel, campaign, [who] = invite(session, channel="sms")
    number = who.panelist.phone
    _post(client, _form(number, "Jeg forstår ikke spørgsmålet. Kan en medarbejder ringe til mig?"))
    session.expire_all()
    question = session.exec(select(InboundMessage)).one()
    assert question.campaign_id == campaign.id and question.needs_staff, question.reason

    stored = make_definition(session, panel, SURVEY, key="trafik-igen")
    later = Campaign(panel_id=panel.id, kind="survey", title="Trafik igen", definition_id=stored.id, status=SENDING,
                     starts_at=utcnow(), deadline_at=utcnow() + timedelta(days=10), channel_mode="sms")
    session.add(later)
    session.commit()
    session.add(CampaignRecipient(campaign_id=later.id, panelist_id=who.panelist.id, channel="sms",
                                  reply_key=outbox.new_reply_key(), sms_question="bus"))
    session.commit()

    staff = make_staff(session, panel, role="editor")
    log_in(client, staff)
    base = f"/staff/{panel.key}/indbakke/{question.id}"
    token = csrf_for(client, base)
    assert client.post(f"{base}/svar", data={"csrf_token": token, "channel": "sms",
                                             "text": "Spørgsmål 1 handler om busserne. Svar 1 til 5."}
                       ).status_code == 302
    _post(client, _form(number, "4"))
    session.expire_all()
    answer = session.exec(select(InboundMessage).where(InboundMessage.id != question.id)).one()
    assert (answer.panelist_id, answer.campaign_id) == (who.panelist.id, campaign.id), answer.reason
    assert session.exec(select(Answer).where(Answer.definition_id == stored.id)).all() == []
    page = _text(client.get(base))
    assert page.index("Svar 1 til 5.") < page.index("Fra panelisten", page.index("Svar 1 til 5."))

    # Once a newer invitation has gone out, an SMS answers that one, as before.
    outbox.enqueue_one(session, panel_id=panel.id, campaign_id=later.id, panelist_id=who.panelist.id,
                       step="invitation", channel="sms", text="Ny undersøgelse", to_address=number,
                       dedupe_key=f"campaign:{later.id}:panelist:{who.panelist.id}:invitation")
    session.commit()
    _post(client, _form(number, "2"))
    session.expire_all()
    newest = session.exec(select(InboundMessage).order_by(InboundMessage.id.desc())).first()
    assert newest.campaign_id == later.id
