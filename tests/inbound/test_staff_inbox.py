"""The staff inbox: list, read, answer by email or SMS, mark done, correct an answer."""
from __future__ import annotations

from sqlmodel import select

from engagement.audit.models import AuditEntry
from engagement.delivery.models import OutboxMessage
from engagement.inbound.models import InboundMessage
from engagement.surveys.models import Answer
from tests.factories import make_panel
from tests.inbound.support import email_bytes, invite, receive_email
from tests.staff.support import csrf_for, log_in, make_staff




def test_inbox_lists_questions_for_staff_and_staff_answer_and_close(app, client, session):
    panel, _campaign, [who] = invite(session, phone="+4520123456")
    row = receive_email(app, session, email_bytes(to=who.reply_address, subject="Spørgsmål",
                                             body="Hvem kan jeg ringe til om busserne? Jeg vil gerne tale med en medarbejder."))
    assert row.needs_staff, row.reason
    staff = make_staff(session, panel, role="editor")
    log_in(client, staff)
    base = f"/staff/{panel.key}/indbakke"
    page = client.get(base).get_data(as_text=True)
    assert "Spørgsmål" in page and f"{base}/{row.id}" in page
    detail = client.get(f"{base}/{row.id}").get_data(as_text=True)
    assert "Hvem kan jeg ringe til om busserne?" in detail
    token = csrf_for(client, f"{base}/{row.id}")
    response = client.post(f"{base}/{row.id}/svar", data={"csrf_token": token, "channel": "sms",
                                                          "text": "Ring til 70 70 12 34."})
    assert response.status_code == 302
    [sent] = session.exec(select(OutboxMessage).where(OutboxMessage.step == "staff_reply")).all()
    assert (sent.channel, sent.panelist_id, sent.dedupe_key) == ("sms", who.panelist.id, f"staff-reply:{row.id}:1")
    client.post(f"{base}/{row.id}/svar", data={"csrf_token": token, "channel": "email", "text": "Og på mail."})
    mails = session.exec(select(OutboxMessage).where(OutboxMessage.channel == "email",
                                                     OutboxMessage.step == "staff_reply")).all()
    assert [m.subject for m in mails] == ["Re: Spørgsmål"]
    assert client.post(f"{base}/{row.id}/afslut", data={"csrf_token": token}).status_code == 302
    session.expire_all()
    assert session.get(InboundMessage, row.id).handled_at is not None
    assert "Der er ingen beskeder" in client.get(base).get_data(as_text=True)
    assert "Klaret" in client.get(base + "?vis=alle").get_data(as_text=True)
    actions = {a.action for a in session.exec(select(AuditEntry)).all()}
    assert {"inbox.list", "inbox.view", "inbox.reply", "inbox.done"} <= actions


def test_staff_correct_an_answer_and_the_history_keeps_it(app, client, session):
    panel, campaign, [who] = invite(session)
    row = receive_email(app, session, email_bytes(to=who.reply_address, body="1. 2\n2. ja"))
    row.needs_staff = True
    session.add(row)
    session.commit()
    staff = make_staff(session, panel, role="editor")
    log_in(client, staff)
    base = f"/staff/{panel.key}/indbakke/{row.id}"
    token = csrf_for(client, base)
    refused = client.post(f"{base}/ret", data={"csrf_token": token, "question": "bus", "value": "9"})
    assert refused.status_code == 422  # 9 is not on the scale: said in Danish, and what was typed stays
    assert "som et svar på spørgsmål 1" in refused.get_data(as_text=True)
    assert 'value="9"' in refused.get_data(as_text=True)
    assert session.exec(select(Answer).where(Answer.source == "staff")).all() == []
    assert client.post(f"{base}/ret", data={"csrf_token": token, "question": "bus", "value": "5"}).status_code == 302
    answers = session.exec(select(Answer).where(Answer.question_key == "bus").order_by(Answer.id)).all()
    assert [(a.value, a.source, a.replaced_at is not None) for a in answers] == [(2, "email", True), (5, "staff", False)]
    assert answers[0].replaced_by_staff_id == staff.id
    page = client.get(base).get_data(as_text=True)
    assert "Historik" in page


def test_viewers_read_but_cannot_act_and_other_panels_get_404(app, client, session):
    panel, _campaign, [who] = invite(session)
    row = receive_email(app, session, email_bytes(to="borgerpanel@localhost", body="Hej med jer"))
    row.panel_id = panel.id
    session.add(row)
    session.commit()
    viewer = make_staff(session, panel, role="viewer")
    other = make_panel(session)
    log_in(client, viewer)
    base = f"/staff/{panel.key}/indbakke/{row.id}"
    page = client.get(base)
    assert page.status_code == 200 and "Svar afsenderen" not in page.get_data(as_text=True)
    token = csrf_for(client, base)
    assert client.post(f"{base}/afslut", data={"csrf_token": token}).status_code == 403
    assert client.get(f"/staff/{other.key}/indbakke/{row.id}").status_code == 404
