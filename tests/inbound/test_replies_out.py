"""What goes back out: automatic answers that look automatic, the leaving confirmation on both
channels, and staff answers to a sender we could not match."""
from __future__ import annotations

from datetime import datetime, timedelta
from email import message_from_bytes, policy
from zoneinfo import ZoneInfo

from sqlmodel import select

from engagement.delivery.mail import read_outbox
from engagement.delivery.models import CANCELLED, SENT, OutboxMessage
from engagement.delivery.sms import SmsResult
from engagement.delivery.worker import DeliveryWorker
from engagement.inbound import pipeline, store
from engagement.inbound.models import InboundMessage
from engagement.panel.models import LEFT, Panelist
from tests.factories import make_panel
from tests.inbound.support import email_bytes, invite, receive_email
from tests.staff.support import csrf_for, log_in, make_staff


class RecordingSms:
    def __init__(self):
        self.sent: list[tuple[str, str]] = []

    def send(self, to, body, *, status_callback=None):
        self.sent.append((to, body))
        return SmsResult(sid=f"SM{len(self.sent):032d}", status="queued")


def daytime() -> datetime:
    """Noon tomorrow in Copenhagen: outside any SMS quiet hours."""
    cph = ZoneInfo("Europe/Copenhagen")
    return datetime.now(cph).replace(hour=12, minute=0, second=0, microsecond=0) + timedelta(days=1)




def _sms(app, session, number: str, body: str, sid: str) -> InboundMessage:
    form = {"MessageSid": sid, "From": number, "To": "+4570701234", "Body": body}
    with app.app_context():
        row, _ = store.store_sms(session, form)
        session.commit()
        pipeline.process_message(session, row.id)
    session.expire_all()
    return session.get(InboundMessage, row.id)


def _reply_rows(session, step=None):
    query = select(OutboxMessage).where(OutboxMessage.dedupe_key.like("reply:%"))
    if step:
        query = query.where(OutboxMessage.step == step)
    return session.exec(query.order_by(OutboxMessage.id)).all()


# ---------------------------------------------------------------------------
# Automatic answers by email
# ---------------------------------------------------------------------------

def test_an_automatic_answer_is_built_at_enqueue_and_threads_under_their_mail(app, session):
    _panel, _campaign, [who] = invite(session)
    theirs = "<svar-1@borger.example.dk>"
    earlier = "<invitation-1@svar.example.dk>"
    row = receive_email(app, session, email_bytes(to=who.reply_address, subject="Trafik i byen", body="1. 4\n2. ja",
                                           message_id=theirs, headers={"References": earlier}))
    [reply] = _reply_rows(session)
    assert reply.step == "reply:receipt"
    assert reply.mime is not None and reply.message_id  # the exact promise, built when enqueued
    assert reply.to_address == who.panelist.email
    message = message_from_bytes(reply.mime, policy=policy.default)
    assert message["Auto-Submitted"] == "auto-replied"
    assert message["In-Reply-To"] == theirs
    assert str(message["References"]).split() == [earlier, theirs]
    assert message["Subject"] == "Re: Trafik i byen" == reply.subject
    assert message["Message-ID"] == reply.message_id
    assert message["Reply-To"].startswith("svar+")  # they can answer again
    assert row.status == "processed"
    # What the worker sends is those bytes (plus Date) at the panelist's address.
    assert DeliveryWorker(app, worker_id="w").run_once() == 1
    [sent] = read_outbox(app.extensions["borgerpanel.settings"].outbox_dir)
    assert sent["Auto-Submitted"] == "auto-replied" and sent["In-Reply-To"] == theirs
    assert sent["To"].addresses[0].addr_spec == who.panelist.email and sent["Date"] is not None


def test_an_answer_to_mail_without_subject_uses_the_templates_and_keeps_re(app, session):
    _panel, _campaign, [first, second] = invite(session, count=2)
    receive_email(app, session, email_bytes(to=first.reply_address, subject="", body="1. 4\n2. ja"))
    receive_email(app, session, email_bytes(to=second.reply_address, subject="SV: Trafik", body="1. 3\n2. nej"))
    by_panelist = {r.panelist_id: r for r in _reply_rows(session)}
    template_subject = by_panelist[first.panelist.id].subject
    assert template_subject and not template_subject.startswith("Re:")
    assert by_panelist[second.panelist.id].subject == "SV: Trafik"


def test_a_malformed_message_id_still_gets_an_answer_without_threading(app, session):
    _panel, _campaign, [who] = invite(session)
    receive_email(app, session, email_bytes(to=who.reply_address, body="1. 4\n2. ja", message_id="<broken id@>"))
    [reply] = _reply_rows(session)
    message = message_from_bytes(reply.mime, policy=policy.default)
    assert message["Auto-Submitted"] == "auto-replied"
    assert message["In-Reply-To"] is None


# ---------------------------------------------------------------------------
# Leaving by reply
# ---------------------------------------------------------------------------

def test_an_sms_leaver_gets_the_confirmation_at_the_number_they_left_from(app, session):
    _panel, campaign, [who] = invite(session, channel="sms")
    number = who.panelist.phone
    # A reminder waiting for them must not go after they left.
    session.add(OutboxMessage(panel_id=campaign.panel_id, campaign_id=campaign.id, panelist_id=who.panelist.id,
                              step="reminder-1", channel="sms", dedupe_key="reminder-waiting", text="Husk",
                              to_address=number))
    session.commit()
    row = _sms(app, session, number, "Jeg vil gerne meldes ud af panelet.", "SM" + "7" * 32)
    assert row.status == "processed", row.reason
    panelist = session.get(Panelist, who.panelist.id)
    assert panelist.status == LEFT and panelist.phone is None  # leaving cleared the number
    [confirmation] = _reply_rows(session, "reply:leaving_confirmation")
    assert (confirmation.channel, confirmation.to_address) == ("sms", number)

    sms = RecordingSms()
    assert DeliveryWorker(app, worker_id="w", sms_sender=sms).run_once(now=daytime()) == 2
    assert sms.sent == [(number, confirmation.text)]
    session.expire_all()
    statuses = {r.step: r.status for r in session.exec(select(OutboxMessage)).all()}
    assert statuses == {"reply:leaving_confirmation": SENT, "reminder-1": CANCELLED}


def test_an_email_leaver_gets_one_goodbye_not_two(app, session):
    _panel, _campaign, [who] = invite(session)
    address = who.panelist.email
    receive_email(app, session, email_bytes(to=who.reply_address, body="Jeg vil gerne meldes ud af panelet."))
    assert session.get(Panelist, who.panelist.id).status == LEFT
    # leave_panel mailed its goodbye; the outbox makes no second confirmation.
    assert _reply_rows(session, "reply:leaving_confirmation") == []
    DeliveryWorker(app, worker_id="w").run_once()
    mails = read_outbox(app.extensions["borgerpanel.settings"].outbox_dir)
    assert [m["To"].addresses[0].addr_spec for m in mails] == [address]


def test_other_steps_never_go_to_a_leaver_even_with_an_address_on_the_row(app, session):
    _panel, campaign, [who] = invite(session, channel="sms")
    number = who.panelist.phone
    session.add(OutboxMessage(panel_id=campaign.panel_id, campaign_id=campaign.id, panelist_id=who.panelist.id,
                              step="reply:receipt", channel="sms", dedupe_key="reply:late", text="Tak",
                              to_address=number))
    panelist = session.get(Panelist, who.panelist.id)
    panelist.status, panelist.phone = LEFT, None
    session.add(panelist)
    session.commit()
    sms = RecordingSms()
    DeliveryWorker(app, worker_id="w", sms_sender=sms).run_once(now=daytime())
    assert sms.sent == []
    session.expire_all()
    assert session.exec(select(OutboxMessage.status)).all() == [CANCELLED]


# ---------------------------------------------------------------------------
# Staff answers to a sender we could not match
# ---------------------------------------------------------------------------

def test_staff_answer_an_unknown_email_sender_and_the_worker_sends_it(app, client, session):
    panel = make_panel(session)
    theirs = "<ukendt-1@andet.example.dk>"
    row = receive_email(app, session, email_bytes(to="panel@localhost", sender="Ukendt <ukendt@andet.example.dk>",
                                           subject="Et spørgsmål", body="Hvornår er næste møde?",
                                           message_id=theirs))
    assert row.panelist_id is None and row.needs_staff
    if row.panel_id is None:  # more than one panel in the database: put it in ours
        row.panel_id = panel.id
        session.add(row)
        session.commit()
    panel_key = session.get(type(panel), row.panel_id).key
    staff = make_staff(session, session.get(type(panel), row.panel_id), role="editor")
    log_in(client, staff)
    page = f"/staff/{panel_key}/indbakke/{row.id}"
    assert 'value="email"' in client.get(page).get_data(as_text=True)  # the answer form is offered
    token = csrf_for(client, page)
    assert client.post(f"{page}/svar", data={"csrf_token": token, "channel": "sms", "text": "Nej"}).status_code == 302
    assert client.post(f"{page}/svar", data={"csrf_token": token, "channel": "email",
                                             "text": "Den 3. juni kl. 19."}).status_code == 302
    [answer] = session.exec(select(OutboxMessage).where(OutboxMessage.step == "staff_reply")).all()
    assert (answer.panelist_id, answer.to_address, answer.channel) == (None, "ukendt@andet.example.dk", "email")
    assert DeliveryWorker(app, worker_id="w").run_once() == 1
    [sent] = read_outbox(app.extensions["borgerpanel.settings"].outbox_dir)
    assert sent["To"].addresses[0].addr_spec == "ukendt@andet.example.dk"
    assert sent["Subject"] == "Re: Et spørgsmål" and sent["In-Reply-To"] == theirs
    assert sent["Auto-Submitted"] is None  # a person wrote it
    assert "Den 3. juni kl. 19." in sent.get_content()
    session.expire_all()
    assert session.get(OutboxMessage, answer.id).status == SENT


def test_staff_answer_an_unknown_sms_sender_and_the_worker_sends_it(app, client, session):
    panel = make_panel(session)
    row = _sms(app, session, "+4520123456", "Hvem er I?", "SM" + "8" * 32)
    assert row.panelist_id is None and row.needs_staff
    row.panel_id = panel.id
    session.add(row)
    session.commit()
    staff = make_staff(session, panel, role="editor")
    log_in(client, staff)
    page = f"/staff/{panel.key}/indbakke/{row.id}"
    token = csrf_for(client, page)
    assert client.post(f"{page}/svar", data={"csrf_token": token, "channel": "sms",
                                             "text": "Vi er kommunens borgerpanel."}).status_code == 302
    [answer] = session.exec(select(OutboxMessage).where(OutboxMessage.step == "staff_reply")).all()
    assert (answer.panelist_id, answer.to_address) == (None, "+4520123456")
    sms = RecordingSms()
    assert DeliveryWorker(app, worker_id="w", sms_sender=sms).run_once(now=daytime()) == 1
    assert sms.sent == [("+4520123456", "Vi er kommunens borgerpanel.\n")]


def test_an_unknown_sender_with_an_unusable_number_cannot_be_answered(app, client, session):
    panel = make_panel(session)
    row = _sms(app, session, "+4512345678", "Hej", "SM" + "9" * 32)  # not a valid Danish number
    row.panel_id = panel.id
    session.add(row)
    session.commit()
    staff = make_staff(session, panel, role="editor")
    log_in(client, staff)
    page = f"/staff/{panel.key}/indbakke/{row.id}"
    token = csrf_for(client, page)
    client.post(f"{page}/svar", data={"csrf_token": token, "channel": "sms", "text": "Hej"})
    assert session.exec(select(OutboxMessage)).all() == []
