"""Issue 15: every question accounted for, no dead ends, resuming after staff — through the real pipeline.

Email goes through a real Dovecot (the mail listener, then an inbound worker); SMS through the
signed Twilio webhook and an inbound worker.  Staff corrections go through
``surveys.service.correct_answer`` and the conversation goes on with ``conversation.resume``.
"""
from __future__ import annotations

import itertools
from datetime import timedelta

from sqlmodel import select

from engagement.campaigns.models import SENDING, Campaign, CampaignRecipient
from engagement.db import utcnow
from engagement.delivery import outbox
from engagement.delivery.models import OutboxMessage
from engagement.inbound import conversation
from engagement.inbound.imap_listener import MailListener
from engagement.inbound.models import InboundMessage
from engagement.inbound.worker import InboundWorker
from engagement.messages.readability import lix
from engagement.staff.models import StaffUser
from engagement.surveys.models import Answer
from engagement.surveys.service import correct_answer, current_answers
from tests.campaigns.builders import make_definition
from tests.factories import make_panel, make_panelist
from tests.inbound.support import WASTE_RATING, Invited, email_bytes
from tests.inbound.test_sms_webhook import _form, _post

WASTE = WASTE_RATING
_seq = itertools.count(1)


def invite_waste(session, channel: str = "email") -> tuple[Campaign, Invited]:
    panel = make_panel(session)
    n = next(_seq)
    stored = make_definition(session, panel, WASTE, key=f"affald{n}")
    now = utcnow()
    campaign = Campaign(panel_id=panel.id, kind="survey", title="Affald og genbrug", definition_id=stored.id,
                        starts_at=now - timedelta(days=1), deadline_at=now + timedelta(days=10), status=SENDING,
                        channel_mode=channel)
    session.add(campaign)
    session.commit()
    fields = {"name": "Mette Hansen"}
    if channel == "sms":
        fields.update(phone=f"+4521{n % 100:02d}{n % 10000:04d}", channel="sms")
    panelist = make_panelist(session, panel, **fields)
    recipient = CampaignRecipient(campaign_id=campaign.id, panelist_id=panelist.id, channel=channel,
                                  reply_key=outbox.new_reply_key(),
                                  sms_question="tilfreds" if channel == "sms" else None)
    session.add(recipient)
    session.commit()
    return campaign, Invited(panelist, recipient)


def _replies(session, panelist_id: int) -> list[OutboxMessage]:
    session.expire_all()
    return list(session.exec(select(OutboxMessage).where(OutboxMessage.panelist_id == panelist_id)
                             .order_by(OutboxMessage.id)).all())


def _staff(session) -> StaffUser:
    staff = StaffUser(email=f"medarbejder{next(_seq)}@kommune.dk", password_hash="x")
    session.add(staff)
    session.commit()
    return staff


def _mail(imap_app, dovecot, who: Invited, body: str) -> None:
    dovecot.append(email_bytes(to=who.reply_address, body=body))
    MailListener(imap_app).run(once=True)
    assert InboundWorker(imap_app).run_once() == 1


# ---------------------------------------------------------------------------
# Email through Dovecot
# ---------------------------------------------------------------------------

def test_email_receipt_asks_for_the_question_the_reader_left(imap_app, dovecot, session):
    """The issue's reply: 1, 2 and 4 recorded; question 3 is asked for in the receipt, not dropped."""
    campaign, who = invite_waste(session)
    _mail(imap_app, dovecot, who, "1: 8\n2: plast og glas\n3 ja\n4: Flere spande ved stranden")
    answers = current_answers(session, campaign.definition_id, who.panelist.id)
    [receipt] = _replies(session, who.panelist.id)
    text = receipt.text
    assert answers["tilfreds"] == 8 and answers["sorterer"] == ["plast", "glas"]
    assert "plast og glas" in text and "Plast og Glas" not in text
    if "kompost" not in answers:  # the reader may learn to read "3 ja"; then nothing is missing
        assert "Vi mangler dit svar på spørgsmål 3:" in text
        assert "3. Har du en kompostbeholder?" in text and "Svar ja eller nej." in text
        assert "spring 3 over" in text
        assert "Du har nu svaret på alle spørgsmål" not in text
    else:
        assert "Du har nu svaret på alle spørgsmål" in text


def test_email_missing_question_then_skipping_it_closes_the_conversation(imap_app, dovecot, session):
    campaign, who = invite_waste(session)
    _mail(imap_app, dovecot, who, "1: 8\n2: papir og pap, madaffald og glas\n4: Flere spande ved stranden")
    [first] = _replies(session, who.panelist.id)
    assert "Vi mangler dit svar på spørgsmål 3:" in first.text
    assert "glas, papir og pap og madaffald" in first.text  # option order, running text
    assert first.subject.startswith("Re: ")
    _mail(imap_app, dovecot, who, "spring 3 over")
    first_, second = _replies(session, who.panelist.id)
    assert "Vi mangler" not in second.text
    assert "Du springer spørgsmål 3 over" in second.text
    assert "Du har nu svaret på alle spørgsmål" in second.text
    session.refresh(who.recipient)
    assert who.recipient.conversation["skipped"] == ["kompost"]
    assert conversation.open_questions(session, campaign, _survey(session, campaign), who.panelist.id,
                                       who.recipient) == []


def test_email_reply_with_nothing_usable_is_asked_about_twice_then_passed_on_with_a_word(imap_app, dovecot,
                                                                                         session):
    _campaign, who = invite_waste(session)
    for _ in range(3):
        _mail(imap_app, dovecot, who, "Hvad handler det her om?? Jeg forstår det ikke")
    steps = [r.step for r in _replies(session, who.panelist.id)]
    rows = session.exec(select(InboundMessage).order_by(InboundMessage.id)).all()
    # Whatever the reader makes of it, the citizen always hears something, and staff get the last.
    assert len(steps) == 3, steps
    assert steps[-1] == "reply:passed_to_staff" and rows[-1].needs_staff


def test_email_second_unclear_answer_to_a_question_is_passed_on_with_a_word(imap_app, dovecot, session):
    campaign, who = invite_waste(session)
    _mail(imap_app, dovecot, who, "1: 8\n2: lilla\n3: ja\n4: Flere spande")
    [first] = _replies(session, who.panelist.id)
    assert first.step == "reply:ask_again" and "2. Hvad sorterer du?" in first.text
    _mail(imap_app, dovecot, who, "2: noget lilla")
    second = _replies(session, who.panelist.id)[-1]
    assert second.step == "reply:receipt"
    assert "Vi forstod ikke helt dit svar på spørgsmål 2. Det giver vi videre til en af os" in second.text
    assert "Vi mangler" not in second.text and "alle spørgsmål" not in second.text
    rows = session.exec(select(InboundMessage).order_by(InboundMessage.id)).all()
    assert [r.needs_staff for r in rows] == [False, True]
    session.refresh(who.recipient)
    assert who.recipient.conversation["with_staff"] == ["sorterer"]
    assert who.recipient.conversation["unclear"] == {"sorterer": 2}
    # Staff set the answer; the conversation closes with a receipt by email.
    staff = _staff(session)
    with imap_app.app_context():
        correct_answer(session, campaign.definition_id, who.panelist.id, "sorterer", ["plast"], staff.id)
        assert conversation.resume(session, who.panelist.id, campaign.id, utcnow()) == "receipt"
        session.commit()
    closing = _replies(session, who.panelist.id)[-1]
    assert closing.channel == "email" and "Du har nu svaret på alle spørgsmål." in closing.text
    assert "2. Hvad sorterer du?\n   Plast" in closing.text


def _survey(session, campaign):
    from engagement.surveys.models import StoredDefinition
    from engagement.surveys.service import load_definition

    return load_definition(session.get(StoredDefinition, campaign.definition_id))


# ---------------------------------------------------------------------------
# SMS through the signed webhook
# ---------------------------------------------------------------------------

def test_sms_second_unclear_answer_is_passed_on_and_the_next_question_follows(client, session):
    campaign, who = invite_waste(session, channel="sms")
    phone = who.panelist.phone
    _post(client, _form(phone, "8"))
    _post(client, _form(phone, "hmm lilla"))           # unclear once: asked again
    _post(client, _form(phone, "grøn"))                # unclear twice: to staff, next question
    replies = _replies(session, who.panelist.id)
    assert [r.step for r in replies] == ["reply:next_question", "reply:ask_again", "reply:next_question"]
    third = replies[-1].text
    assert "spørgsmål 2" in third and "en af os" in third
    assert "3. Har du en kompostbeholder?" in third
    assert replies[-1].sms_encoding == "gsm7"
    rows = session.exec(select(InboundMessage).order_by(InboundMessage.id)).all()
    assert rows[-1].needs_staff and not rows[1].needs_staff
    session.refresh(who.recipient)
    assert who.recipient.sms_question == "kompost"
    assert who.recipient.conversation["with_staff"] == ["sorterer"]
    # The conversation goes on: 3 and 4 are asked and answered, then the receipt says 2 is with staff.
    _post(client, _form(phone, "ja"))
    _post(client, _form(phone, "Flere spande ved stranden"))
    replies = _replies(session, who.panelist.id)
    assert [r.step for r in replies][-2:] == ["reply:next_question", "reply:receipt"]
    assert "4. Har du en idé til os?" in replies[-2].text
    assert "spørgsmål 2" in replies[-1].text and "alle spørgsmål" not in replies[-1].text
    assert current_answers(session, campaign.definition_id, who.panelist.id) == {
        "tilfreds": 8, "kompost": "yes", "ideer": "Flere spande ved stranden"}
    # Staff correct question 2; the conversation resumes with the closing receipt.
    staff = _staff(session)
    with client.application.app_context():
        correct_answer(session, campaign.definition_id, who.panelist.id, "sorterer", ["plast", "glas"], staff.id)
        assert conversation.resume(session, who.panelist.id, campaign.id, utcnow()) == "receipt"
        session.commit()
        assert conversation.resume(session, who.panelist.id, campaign.id, utcnow()) is None  # once
        session.commit()
    replies = _replies(session, who.panelist.id)
    closing = replies[-1]
    assert closing.step == "reply:receipt" and closing.channel == "sms" and closing.to_address == phone
    assert "2: plast og glas" in closing.text and "Du har svaret på alle spørgsmål." in closing.text
    assert closing.text.startswith("Tak, Mette!")
    session.refresh(who.recipient)
    assert who.recipient.conversation["with_staff"] == []


def test_resume_over_sms_asks_the_next_open_question(client, session):
    campaign, who = invite_waste(session, channel="sms")
    phone = who.panelist.phone
    _post(client, _form(phone, "hmm lilla"))
    _post(client, _form(phone, "grøn"))     # question 1 passed on; question 2 asked
    replies = _replies(session, who.panelist.id)
    assert "2. Hvad sorterer du?" in replies[-1].text
    staff = _staff(session)
    with client.application.app_context():
        correct_answer(session, campaign.definition_id, who.panelist.id, "tilfreds", 7, staff.id)
        assert conversation.resume(session, who.panelist.id, campaign.id, utcnow()) == "next_question"
        session.commit()
    resumed = _replies(session, who.panelist.id)[-1]
    assert resumed.step == "reply:next_question"
    assert "1: 7 ud af 10" in resumed.text and "2. Hvad sorterer du?" in resumed.text
    # The citizen answers the resumed question and the conversation goes on.
    _post(client, _form(phone, "plast og glas"))
    assert current_answers(session, campaign.definition_id, who.panelist.id)["sorterer"] == ["plast", "glas"]
    assert "3. Har du en kompostbeholder?" in _replies(session, who.panelist.id)[-1].text


def test_resume_does_nothing_when_nobody_waits_for_staff(client, session):
    campaign, who = invite_waste(session, channel="sms")
    _post(client, _form(who.panelist.phone, "8"))
    before = len(_replies(session, who.panelist.id))
    with client.application.app_context():
        assert conversation.resume(session, who.panelist.id, campaign.id, utcnow()) is None
    assert len(_replies(session, who.panelist.id)) == before


def test_resume_by_email_after_staff_settle_a_question_asks_for_the_rest(app, session):
    """"Mark done" without an answer: the question is settled, the rest is asked for."""
    campaign, who = invite_waste(session)
    who.recipient.conversation = {"with_staff": ["sorterer"], "unclear": {"sorterer": 2}}
    session.add(who.recipient)
    session.add(Answer(panel_id=campaign.panel_id, definition_id=campaign.definition_id,
                       panelist_id=who.panelist.id, question_key="tilfreds", value=8, source="email"))
    session.commit()
    with app.app_context():
        assert conversation.resume(session, who.panelist.id, campaign.id, utcnow()) == "receipt"
        session.commit()
    [mail] = _replies(session, who.panelist.id)
    assert mail.channel == "email" and mail.to_address == who.panelist.email
    assert "Vi mangler dine svar på spørgsmål 3 og 4:" in mail.text
    assert "2. Hvad sorterer du?" not in mail.text
    assert who.reply_address.split("@")[0] in mail.mime.decode("utf-8", "replace")  # the reply goes in the thread
    session.refresh(who.recipient)
    assert who.recipient.conversation["settled"] == ["sorterer"]


def test_resume_after_the_deadline_sends_nothing(app, session):
    campaign, who = invite_waste(session, channel="sms")
    who.recipient.conversation = {"with_staff": ["sorterer"]}
    session.add(who.recipient)
    session.commit()
    with app.app_context():
        assert conversation.resume(session, who.panelist.id, campaign.id, utcnow() + timedelta(days=11)) is None
    assert _replies(session, who.panelist.id) == []


def test_new_texts_are_easy_to_read(app, session):
    """Every new receipt and SMS stays under LIX 25."""
    from conversations.definitions import parse_definition
    from conversations.dialogue import Reply
    from engagement.messages.render import render_reply

    survey = parse_definition(WASTE)
    q = {x.key: x for x in survey.questions}
    replies = [Reply("receipt", recorded=((q["tilfreds"], 8),), missing=(q["kompost"], q["ideer"])),
               Reply("receipt", passed_on=(q["sorterer"],), skipped=(q["kompost"],)),
               Reply("next_question", passed_on=(q["sorterer"],), next_question=q["kompost"]),
               Reply("ask_again", ask_about=(q["sorterer"],), missing=(q["kompost"],))]
    with app.app_context():
        for reply in replies:
            for channel in ("email", "sms"):
                rendered = render_reply(reply, channel=channel, language="da", definition=survey, name="Mette",
                                        leave_url="https://example.invalid/leave")
                body = "\n".join(line for line in rendered.text.splitlines() if "http" not in line)
                assert lix(body) < 25, (reply.template, channel, lix(body), body)


def test_resume_after_a_whole_message_went_to_staff_asks_for_what_is_open(imap_app, dovecot, session):
    """Nothing usable, twice asked about, then passed to staff; staff mark it done: the receipt asks again."""
    campaign, who = invite_waste(session)
    for _ in range(3):
        _mail(imap_app, dovecot, who, "Hvad handler det her om?? Jeg forstår det ikke")
    assert _replies(session, who.panelist.id)[-1].step == "reply:passed_to_staff"
    with imap_app.app_context():
        assert conversation.resume(session, who.panelist.id, campaign.id, utcnow()) == "receipt"
        session.commit()
        assert conversation.resume(session, who.panelist.id, campaign.id, utcnow()) is None  # told once
    mail = _replies(session, who.panelist.id)[-1]
    assert mail.step == "reply:receipt" and "Vi mangler dine svar på spørgsmål 1, 2, 3 og 4:" in mail.text


# ---------------------------------------------------------------------------
# Staff in the inbox: a correction or "klaret" lets the conversation go on
# ---------------------------------------------------------------------------

def _passed_on(client, session):
    """An SMS conversation whose question 1 went to staff after two unclear answers, and an editor logged in
    on that message's page: (campaign, invited, page path, CSRF token)."""
    from engagement.panel.models import Panel
    from tests.staff.support import csrf_for, log_in, make_staff

    campaign, who = invite_waste(session, channel="sms")
    _post(client, _form(who.panelist.phone, "hmm lilla"))
    _post(client, _form(who.panelist.phone, "grøn"))
    row = session.exec(select(InboundMessage).where(InboundMessage.needs_staff)
                       .order_by(InboundMessage.id.desc())).first()
    panel = session.get(Panel, campaign.panel_id)
    log_in(client, make_staff(session, panel, role="editor"))
    base = f"/staff/{panel.key}/indbakke/{row.id}"
    return campaign, who, base, csrf_for(client, base)


def test_a_correction_in_the_inbox_sends_what_comes_next(client, session):
    campaign, who, base, token = _passed_on(client, session)
    before = len(_replies(session, who.panelist.id))
    response = client.post(f"{base}/ret", data={"csrf_token": token, "question": "tilfreds", "value": "syv"})
    assert response.status_code in (302, 303)
    replies = _replies(session, who.panelist.id)
    assert len(replies) == before + 1
    assert replies[-1].step == "reply:next_question" and "2. Hvad sorterer du?" in replies[-1].text
    assert current_answers(session, campaign.definition_id, who.panelist.id)["tilfreds"] == 7


def test_marking_a_passed_on_message_done_sends_what_comes_next_once(client, session):
    campaign, who, base, token = _passed_on(client, session)
    before = len(_replies(session, who.panelist.id))
    client.post(f"{base}/afslut", data={"csrf_token": token})
    client.post(f"{base}/afslut", data={"csrf_token": token, "reopen": "1"})
    client.post(f"{base}/afslut", data={"csrf_token": token})
    replies = _replies(session, who.panelist.id)
    assert len(replies) == before + 1  # once, however often staff click
    assert "2. Hvad sorterer du?" in replies[-1].text
