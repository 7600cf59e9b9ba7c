"""The pipeline on stored messages: find, decide, store, respond."""
from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from engagement.campaigns.models import CLOSED
from engagement.db import utcnow
from engagement.delivery.models import OutboxMessage
from engagement.inbound import pipeline, store
from engagement.inbound.models import (AUTO_REPLY, BOUNCE_HARD, BOUNCE_SOFT, FAILED, IGNORED, OWN, PROCESSED,
                                       RECEIVED, InboundMessage)
from engagement.panel.gdpr import erase_panelist, export_panelist
from engagement.panel.models import Panelist
from engagement.surveys.models import Answer
from tests.inbound.support import email_bytes, invite, store_and_process


def _replies(session, panelist_id=None):
    query = select(OutboxMessage).where(OutboxMessage.dedupe_key.like("reply:%"))
    if panelist_id is not None:
        query = query.where(OutboxMessage.panelist_id == panelist_id)
    return session.exec(query).all()


def test_a_reply_by_token_is_stored_as_answers_with_a_receipt(app, session):
    panel, campaign, [who] = invite(session)
    row = store_and_process(app, session, email_bytes(to=who.reply_address, body="1. 4\n2. Ja\n\nMvh Borger"))
    assert row.status == PROCESSED, row.reason
    assert (row.panelist_id, row.campaign_id, row.matched_by) == (who.panelist.id, campaign.id, "token")
    answers = session.exec(select(Answer).where(Answer.panelist_id == who.panelist.id)).all()
    assert {a.question_key: a.value for a in answers} == {"bus": 4, "cykler": "yes"}
    assert all(a.inbound_message_id == row.id and a.source == "email" for a in answers)
    [reply] = _replies(session)
    assert reply.dedupe_key == f"reply:{row.id}" and reply.step == "reply:receipt"
    assert reply.channel == "email" and reply.panelist_id == who.panelist.id and reply.text
    assert reply.reply_token == who.token


def test_processing_twice_answers_once(app, session):
    _panel, _campaign, [who] = invite(session)
    row = store_and_process(app, session, email_bytes(to=who.reply_address, body="1. 4\n2. nej"))
    with app.app_context():
        assert pipeline.process_message(session, row.id) is None
        again, is_new = store.store_email(session, row.raw)
        session.commit()
    assert not is_new and again.id == row.id
    assert len(_replies(session)) == 1


def test_thread_and_sender_matching(app, session):
    panel, campaign, [a, b] = invite(session, count=2)
    with app.app_context():
        from engagement.delivery import outbox
        outbox.enqueue_one(session, panel_id=panel.id, campaign_id=campaign.id, panelist_id=a.panelist.id,
                           step="invitation", channel="email", dedupe_key="x1", text="...",
                           message_id="<invitation-1@localhost>")
        session.commit()
    row = store_and_process(app, session, email_bytes(to="borgerpanel@localhost", body="1. 2\n2. ja",
                                         headers={"In-Reply-To": "<invitation-1@localhost>"}))
    assert (row.panelist_id, row.matched_by) == (a.panelist.id, "thread")
    row = store_and_process(app, session, email_bytes(to="borgerpanel@localhost", body="1. 2\n2. ja",
                                         sender=f"B <{b.panelist.email.upper()}>"))
    assert row.matched_by is None and row.needs_staff  # no panel to look in: the mailbox has several
    app.extensions["borgerpanel.settings"] = __import__("dataclasses").replace(
        app.extensions["borgerpanel.settings"], inbound_panel=panel.key)
    with app.app_context():
        row2, _ = store.store_email(session, email_bytes(to="x@localhost", body="1. 3\n2. nej",
                                                         sender=f"B <{b.panelist.email}>"),
                                    panel_id=pipeline.default_panel_id(session))
        session.commit()
        pipeline.process_message(session, row2.id)
    session.expire_all()
    row2 = session.get(InboundMessage, row2.id)
    assert (row2.panelist_id, row2.matched_by, row2.status) == (b.panelist.id, "sender", PROCESSED)


def test_a_forged_token_goes_to_staff_never_into_answers(app, session):
    _panel, _campaign, [who] = invite(session)
    forged = who.token[:-1] + ("a" if who.token[-1] != "a" else "b")
    row = store_and_process(app, session, email_bytes(to=f"svar+{forged}@localhost", body="1. 5\n2. ja",
                                         sender=who.panelist.email))
    assert row.needs_staff and row.panelist_id is None and "forged" in row.reason
    assert session.exec(select(Answer)).all() == [] and _replies(session) == []


def test_unmatched_goes_to_staff(app, session):
    row = store_and_process(app, session, email_bytes(to="borgerpanel@localhost", body="Hej, hvornår er næste møde?"))
    assert row.status == PROCESSED and row.needs_staff and row.panelist_id is None
    assert "no panelist" in row.reason


def test_auto_reply_is_recorded_and_never_answered(app, session):
    _panel, _campaign, [who] = invite(session)
    row = store_and_process(app, session, email_bytes(to=who.reply_address, body="Jeg er på ferie til 1. august.",
                                         subject="Autosvar: Trafik", headers={"Auto-Submitted": "auto-replied"}))
    assert (row.status, row.kind, row.panelist_id) == (IGNORED, AUTO_REPLY, who.panelist.id)
    assert _replies(session) == []


def test_our_own_message_is_ignored(app, session):
    row = store_and_process(app, session, email_bytes(to="svar@localhost", body="Hej",
                                                      sender="Borgerpanelet <borgerpanel@localhost>"))
    assert (row.status, row.kind) == (IGNORED, OWN)


def _dsn(recipient: str, status: str, action: str = "failed") -> bytes:
    return (
        "From: Mail Delivery System <MAILER-DAEMON@mx.example.dk>\r\nTo: borgerpanel@localhost\r\n"
        f"Subject: Undelivered Mail Returned to Sender\r\nMessage-ID: <dsn-{utcnow().timestamp()}-{status}@mx>\r\n"
        "MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\r\n\r\n"
        "--B\r\nContent-Type: text/plain\r\n\r\nThe mail could not be delivered.\r\n"
        "--B\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.dk\r\n\r\n"
        f"Final-Recipient: rfc822; {recipient}\r\nAction: {action}\r\nStatus: {status}\r\n\r\n--B--\r\n"
    ).encode()


def test_a_hard_bounce_stops_email_at_once(app, session):
    _panel, _campaign, [who] = invite(session)
    row = store_and_process(app, session, _dsn(who.panelist.email, "5.1.1"))
    assert (row.kind, row.status, row.panelist_id) == (BOUNCE_HARD, PROCESSED, who.panelist.id)
    session.refresh(who.panelist)
    assert who.panelist.email_status == "bounced"


def test_three_soft_bounces_within_30_days_stop_email(app, session):
    _panel, _campaign, [who] = invite(session)
    for n in range(3):
        session.refresh(who.panelist)
        assert who.panelist.email_status == "ok"
        row = store_and_process(app, session, _dsn(who.panelist.email, f"4.2.{n}", action="delayed" if n == 5 else "failed"))
        assert row.kind == BOUNCE_SOFT, row.reason
    session.refresh(who.panelist)
    assert who.panelist.email_status == "bounced"


def test_loop_guard_caps_automatic_replies_a_day(app, session):
    _panel, _campaign, [who] = invite(session)
    for n in range(7):
        store_and_process(app, session, email_bytes(to=who.reply_address, body=f"1. {n % 5 + 1}\n2. ja"))
    assert len(_replies(session, who.panelist.id)) == 5
    rows = session.exec(select(InboundMessage)).all()
    assert sum("loop guard" in (r.reason or "") for r in rows) == 2


def test_a_reply_to_a_closed_survey_is_not_recorded(app, session):
    _panel, campaign, [who] = invite(session)
    campaign.status, campaign.closed_at = CLOSED, utcnow() - timedelta(hours=1)
    session.add(campaign)
    session.commit()
    row = store_and_process(app, session, email_bytes(to=who.reply_address, body="1. 4\n2. ja"))
    assert row.status == PROCESSED and "deadline" in row.reason
    assert session.exec(select(Answer)).all() == []
    [reply] = _replies(session)
    assert reply.step == "reply:survey_closed"
    store_and_process(app, session, email_bytes(to=who.reply_address, body="1. 4\n2. ja"))
    assert len(_replies(session)) == 1  # told once


def test_erased_and_departed_panelists_are_never_answered(app, session):
    panel, _campaign, [erased, departed] = invite(session, count=2)
    with app.app_context():
        erase_panelist(session, session.get(Panelist, erased.panelist.id))
        session.commit()
    departed.panelist.status = "left"
    session.add(departed.panelist)
    session.commit()
    row = store_and_process(app, session, email_bytes(to=erased.reply_address, body="1. 4\n2. ja"))
    assert row.status == IGNORED and "erased" in row.reason
    row = store_and_process(app, session, email_bytes(to=departed.reply_address, body="1. 4\n2. ja"))
    assert row.status == IGNORED and "left" in row.reason
    assert session.exec(select(Answer)).all() == [] and _replies(session) == []


def test_unclear_reply_is_asked_again_then_passed_to_staff(app, session):
    _panel, _campaign, [who] = invite(session)
    steps = []
    for _ in range(3):
        row = store_and_process(app, session, email_bytes(to=who.reply_address, body="Det ved jeg ikke rigtig"))
        steps.append(row)
    replies = sorted(_replies(session), key=lambda r: r.id)
    # Issue 15: the third is passed to staff and the citizen is told so (no silent dead end).
    assert [r.step for r in replies] == ["reply:ask_again", "reply:ask_again", "reply:passed_to_staff"]
    assert steps[-1].needs_staff


def test_leaving_by_reply(app, session):
    _panel, _campaign, [who] = invite(session)
    row = store_and_process(app, session, email_bytes(to=who.reply_address, body="Jeg vil gerne meldes ud af panelet."))
    assert row.status == PROCESSED, row.reason
    session.refresh(who.panelist)
    assert who.panelist.status == "left"


def test_our_fault_is_retried_and_their_fault_is_stored(app, session, monkeypatch):
    _panel, _campaign, [who] = invite(session)
    calls = {"n": 0}
    real = pipeline._process

    def flaky(session_, row, now):
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("database hiccup")
        return real(session_, row, now)

    monkeypatch.setattr(pipeline, "_process", flaky)
    row = store_and_process(app, session, email_bytes(to=who.reply_address, body="1. 4\n2. ja"))
    assert row.status == RECEIVED and row.attempts == 1
    with app.app_context():
        assert pipeline.process_pending(session) == 1
    session.expire_all()
    row = session.get(InboundMessage, row.id)
    assert row.status == PROCESSED and len(_replies(session)) == 1

    def broken(session_, row, now):
        raise pipeline.UnreadableMessage("cannot read this")

    monkeypatch.setattr(pipeline, "_process", broken)
    row = store_and_process(app, session, email_bytes(to=who.reply_address, body="x"))
    assert (row.status, row.reason, row.needs_staff) == (FAILED, "cannot read this", True)


def test_gdpr_export_and_erasure_of_messages(app, session):
    _panel, _campaign, [who] = invite(session)
    row = store_and_process(app, session, email_bytes(to=who.reply_address, body="1. 4\n2. ja", sender=who.panelist.email))
    with app.app_context():
        panelist = session.get(Panelist, who.panelist.id)
        exported = export_panelist(session, panelist)
        assert exported["sections"]["inbound_messages"][0]["text"].startswith("1. 4")
        erase_panelist(session, panelist)
        session.commit()
    session.expire_all()
    row = session.get(InboundMessage, row.id)
    assert row.raw is None and row.sender is None and row.text == "" and row.status == PROCESSED


def test_an_rsvp_is_stored_with_a_link_to_its_message(app, session):
    from engagement.surveys.models import Rsvp

    _panel, _campaign, [who] = invite(session, meeting=True)
    row = store_and_process(app, session, email_bytes(to=who.reply_address, body="Ja tak, jeg kommer gerne."))
    [rsvp] = session.exec(select(Rsvp)).all()
    assert (rsvp.attending, rsvp.inbound_message_id, rsvp.panelist_id) == ("yes", row.id, who.panelist.id)
    [reply] = _replies(session)
    assert reply.step == "reply:rsvp_receipt"


def test_one_info_line_per_message_without_addresses(app, session, caplog):
    import logging

    _panel, _campaign, [who] = invite(session)
    with caplog.at_level(logging.INFO, logger="engagement.inbound.pipeline"):
        row = store_and_process(app, session, email_bytes(to=who.reply_address, body="1. 4\n2. ja",
                                                          sender=who.panelist.email))
    lines = [r.getMessage() for r in caplog.records if r.name == "engagement.inbound.pipeline"]
    assert lines == [f"inbound email {row.id}: processed (recorded 2)"]
    assert who.panelist.email not in lines[0] and who.token not in lines[0]
