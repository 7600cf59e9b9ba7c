"""The staff inbox shows the conversation, and corrections are typed as citizens write.

Replies by email go through the real pipeline (store, read, record, answer);
the page is fetched as a logged-in staff member and read as text.
"""
from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest
from sqlmodel import select

from engagement.audit.models import AuditEntry
from engagement.db import utcnow
from engagement.delivery import outbox
from engagement.delivery.models import OutboxMessage
from engagement.surveys.models import Answer
from tests.conftest import TEST_SECRET
from tests.factories import make_panel
from tests.inbound.support import WASTE_SORTING, email_bytes, invite, receive_email
from tests.staff.support import csrf_for, log_in, make_staff

WASTE = WASTE_SORTING




def _text(response) -> str:
    """The page as a person reads it: tags out, entities decoded, spaces collapsed."""
    body = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", response.get_data(as_text=True), flags=re.S)
    return re.sub(r" ([:;,.])", r"\1", " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split()))


def _invitation(session, panel, campaign, panelist, *, at, text="Hej. Vil du svare på fire spørgsmål om affald?"):
    return outbox.enqueue_one(session, panel_id=panel.id, campaign_id=campaign.id, panelist_id=panelist.id,
                              step="invitation", channel="email", subject="Affald og genbrug", text=text,
                              dedupe_key=f"campaign:{campaign.id}:panelist:{panelist.id}:invitation",
                              created_at=at, next_attempt_at=at)


@pytest.fixture
def conversation(app, session):
    """A panelist invited to the waste survey who answered, then wrote a question for staff."""
    panel, campaign, [who, neighbour] = invite(session, count=2, data=WASTE)
    _invitation(session, panel, campaign, who.panelist, at=utcnow() - timedelta(days=2))
    _invitation(session, panel, campaign, neighbour.panelist, at=utcnow() - timedelta(days=2),
                text="Naboens invitation")
    session.commit()
    first = receive_email(app, session, email_bytes(to=who.reply_address, sender=who.panelist.email,
                                               body="1: 3\n2: plast og glas\n3: ja\n4: B"))
    receive_email(app, session, email_bytes(to=neighbour.reply_address, sender=neighbour.panelist.email,
                                       body="1: 7\n2: papir\n3: nej\n4: A"))
    question = receive_email(app, session, email_bytes(
        to=who.reply_address, sender=who.panelist.email, subject="Spørgsmål om spande",
        body="Tæller den grønne spand med? Jeg vil gerne tale med en medarbejder om det."))
    question.needs_staff = True
    session.add(question)
    session.commit()
    return {"panel": panel, "campaign": campaign, "who": who, "neighbour": neighbour, "first": first,
            "question": question}


def test_the_message_page_shows_the_whole_conversation_in_order(app, client, session, conversation):
    panel, who, first, question = (conversation[k] for k in ("panel", "who", "first", "question"))
    assert {a.question_key: a.value for a in session.exec(select(Answer).where(
        Answer.inbound_message_id == first.id)).all()} == {"spande": 3, "sortering": ["plast", "glas"],
                                                           "genbrug": "yes", "bolig": "leje"}
    # Another campaign of the same panelist is another conversation.
    _panel, other_campaign, [elsewhere] = invite(session, panel=panel)
    outbox.enqueue_one(session, panel_id=panel.id, campaign_id=other_campaign.id, panelist_id=who.panelist.id,
                       step="invitation", channel="email", subject="Trafik", text="Om busserne, en anden gang",
                       dedupe_key=f"campaign:{other_campaign.id}:panelist:{who.panelist.id}:invitation")
    session.commit()
    staff = make_staff(session, panel, role="editor")
    log_in(client, staff)
    base = f"/staff/{panel.key}/indbakke/{question.id}"
    token = csrf_for(client, base)
    assert client.post(f"{base}/svar", data={"csrf_token": token, "channel": "email",
                                             "text": "Ja, den grønne spand tæller med."}).status_code == 302
    text = _text(client.get(base))
    thread = text[text.index("Samtalen"):text.index("Ret et svar")]
    expected = ["Til panelisten: Invitation", "Hej. Vil du svare på fire spørgsmål om affald?",
                "Fra panelisten: Svar på spørgsmål", "1: 3 2: plast og glas 3: ja 4: B",
                "Gemt fra beskeden: 1. Hvor mange affaldsspande har du?: 3 2. Hvad sorterer du?: Plast og glas "
                "3. Bruger du genbrugspladsen?: Ja 4. Hvordan bor du?: Lejebolig",
                "Til panelisten: Automatisk svar",
                "Fra panelisten: Besked til en medarbejder", "denne besked", "Tæller den grønne spand med?",
                "Til panelisten: Svar fra en medarbejder", "Ja, den grønne spand tæller med."]
    positions = [thread.find(part) for part in expected]
    assert -1 not in positions, [part for part, at in zip(expected, positions) if at == -1]
    assert positions == sorted(positions), thread
    assert thread.count("Automatisk svar") == 2  # a receipt for each of the two messages
    assert "Naboens invitation" not in thread and "1: 7" not in thread  # the neighbour's conversation
    assert "Om busserne, en anden gang" not in thread  # the panelist's other campaign
    assert "['plast'" not in text and "plast, glas" not in text.lower()


def test_staff_of_another_panel_never_see_the_thread(app, client, session, conversation):
    panel, question = conversation["panel"], conversation["question"]
    other = make_panel(session)
    outsider = make_staff(session, other, role="admin")
    log_in(client, outsider)
    for path in (f"/staff/{other.key}/indbakke/{question.id}", f"/staff/{panel.key}/indbakke/{question.id}"):
        response = client.get(path)
        assert response.status_code in (403, 404), path
        assert "Tæller den grønne spand med?" not in response.get_data(as_text=True)
        assert "plast og glas" not in response.get_data(as_text=True)


@pytest.mark.parametrize("question, typed, value, words", [
    ("sortering", "A, B, D", ["papir", "plast", "mad"], "Papir og pap, plast og madaffald"),
    ("sortering", "B", ["plast"], "Plast"),
    ("sortering", "plast og glas", ["plast", "glas"], "Plast og glas"),
    ("sortering", "mad", ["mad"], "Madaffald"),          # an option's own key, as the form took before
    ("spande", "fem", 5, "5"),
    ("spande", "12", 12, "12"),
    ("genbrug", "nej", "no", "Nej"),
    ("bolig", "A", "eje", "Ejerbolig"),
    ("bolig", "Ejerbolig", "eje", "Ejerbolig"),       # the whole label
])
def test_a_correction_is_read_as_a_citizen_writes_it(app, client, session, conversation, question, typed, value,
                                                      words):
    panel, who, message = conversation["panel"], conversation["who"], conversation["question"]
    staff = make_staff(session, panel, role="editor")
    log_in(client, staff)
    base = f"/staff/{panel.key}/indbakke/{message.id}"
    token = csrf_for(client, base)
    response = client.post(f"{base}/ret", data={"csrf_token": token, "question": question, "value": typed})
    assert response.status_code == 302, _text(response)
    session.expire_all()
    [current] = session.exec(select(Answer).where(Answer.panelist_id == who.panelist.id,
                                                  Answer.question_key == question,
                                                  Answer.replaced_at.is_(None))).all()
    assert (current.value, current.source) == (value, "staff")
    page = _text(client.get(base))
    old = {"sortering": "Plast og glas", "spande": "3", "genbrug": "Ja", "bolig": "Lejebolig"}[question]
    number = {"spande": 1, "sortering": 2, "genbrug": 3, "bolig": 4}[question]
    assert f"Svaret på spørgsmål {number} er rettet fra »{old}« til »{words}«" in page
    history = page[page.index("Historik for svarene"):]
    assert words in history and old in history
    assert "['" not in page and "papir" not in re.sub(r"Papir og pap", "", history)  # labels, not keys
    entry = session.exec(select(AuditEntry).where(AuditEntry.action == "inbox.correct")).one()
    replaced = session.exec(select(Answer).where(Answer.panelist_id == who.panelist.id,
                                                 Answer.question_key == question,
                                                 Answer.replaced_at.is_not(None))).one()
    assert entry.target_id == message.id and entry.staff_id == staff.id
    assert entry.detail == {"question": question, "answer": current.id, "replaced_answer": replaced.id}
    assert replaced.replaced_by_staff_id == staff.id
    assert session.exec(select(AuditEntry).where(AuditEntry.action == "answer.correct")).one().target_id == \
        who.panelist.id
    # The audit log names the change in words (the entry itself holds ids only).
    admin, admin_client = make_staff(session, panel, role="admin"), app.test_client()
    log_in(admin_client, admin)
    audit = _text(admin_client.get(f"/staff/{panel.key}/audit"))
    assert "Rettede et svar fra indbakken" in audit
    assert f"nyt svar: {words}" in audit and f"tidligere svar: {old}" in audit


@pytest.mark.parametrize("question, typed, hint", [
    ("sortering", "bananer", "Skriv svarmulighedernes bogstaver (A, B, C, D) eller navne"),
    ("spande", "en hel del", "Skriv et tal, med cifre eller bogstaver."),
    ("spande", "25", "Skriv et tal, med cifre eller bogstaver."),     # read, but more than the question allows
    ("genbrug", "måske", "Skriv ja eller nej."),
])
def test_a_correction_that_cannot_be_read_says_so_and_keeps_what_was_typed(app, client, session, conversation,
                                                                             question, typed, hint):
    panel, who, message = conversation["panel"], conversation["who"], conversation["question"]
    staff = make_staff(session, panel, role="editor")
    log_in(client, staff)
    base = f"/staff/{panel.key}/indbakke/{message.id}"
    token = csrf_for(client, base)
    response = client.post(f"{base}/ret", data={"csrf_token": token, "question": question, "value": typed})
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert f'value="{html.escape(typed, quote=True)}"' in body
    assert re.search(rf'<option value="{question}" selected>', body)
    text = _text(response)
    assert f"»{typed}«" in text and hint in text
    assert session.exec(select(Answer).where(Answer.source == "staff")).all() == []
    assert session.exec(select(AuditEntry).where(AuditEntry.action.in_(("inbox.correct", "answer.correct")))
                        ).all() == []


def test_viewers_cannot_correct(app, client, session, conversation):
    panel, message = conversation["panel"], conversation["question"]
    viewer = make_staff(session, panel, role="viewer")
    log_in(client, viewer)
    base = f"/staff/{panel.key}/indbakke/{message.id}"
    token = csrf_for(client, base)
    assert "Ret et svar" not in _text(client.get(base))
    assert client.post(f"{base}/ret", data={"csrf_token": token, "question": "spande", "value": "fem"}
                       ).status_code == 403
    assert session.exec(select(Answer).where(Answer.source == "staff")).all() == []


def test_a_staff_email_carries_the_invitations_reply_address(app, client, session, conversation):
    panel, who, message = conversation["panel"], conversation["who"], conversation["question"]
    staff = make_staff(session, panel, role="editor")
    log_in(client, staff)
    base = f"/staff/{panel.key}/indbakke/{message.id}"
    token = csrf_for(client, base)
    client.post(f"{base}/svar", data={"csrf_token": token, "channel": "email", "text": "Ja, den tæller."})
    [sent] = session.exec(select(OutboxMessage).where(OutboxMessage.step == "staff_reply")).all()
    expected = outbox.make_reply_token(who.recipient.reply_key, TEST_SECRET)
    assert sent.reply_token == expected and sent.campaign_id == conversation["campaign"].id
    mime = bytes(sent.mime).decode()
    assert f"Reply-To: svar+{expected}@" in mime
    assert f"In-Reply-To: {message.external_id}" in mime
    assert "Auto-Submitted" not in mime  # a person wrote it


def test_a_sender_we_do_not_know_gets_no_reply_token(app, client, session):
    panel, _campaign, _invited = invite(session, data=WASTE)
    row = receive_email(app, session, email_bytes(to="borgerpanel@localhost", sender="ukendt@example.dk",
                                             body="Hvem er I?"))
    row.panel_id, row.needs_staff = panel.id, True
    session.add(row)
    session.commit()
    staff = make_staff(session, panel, role="editor")
    log_in(client, staff)
    base = f"/staff/{panel.key}/indbakke/{row.id}"
    token = csrf_for(client, base)
    client.post(f"{base}/svar", data={"csrf_token": token, "channel": "email", "text": "Vi er borgerpanelet."})
    [sent] = session.exec(select(OutboxMessage).where(OutboxMessage.step == "staff_reply")).all()
    assert sent.reply_token is None and b"\nReply-To:" not in bytes(sent.mime)
    assert sent.to_address == "ukendt@example.dk"
    page = _text(client.get(base))
    assert "Hvem er I?" in page and "Vi er borgerpanelet." in page  # its own short thread


def test_an_rsvp_shows_in_the_thread_in_words(app, client, session):
    panel, _campaign, [who] = invite(session, meeting=True)
    rsvp = receive_email(app, session, email_bytes(to=who.reply_address, sender=who.panelist.email,
                                              body="Ja tak, jeg kommer og tager min mand med."))
    question = receive_email(app, session, email_bytes(to=who.reply_address, sender=who.panelist.email,
                                                  subject="Parkering",
                                                  body="Jeg vil gerne tale med en medarbejder om parkering."))
    question.needs_staff = True
    session.add(question)
    session.commit()
    staff = make_staff(session, panel, role="viewer")
    log_in(client, staff)
    text = _text(client.get(f"/staff/{panel.key}/indbakke/{question.id}"))
    thread = text[text.index("Samtalen"):]
    assert "Fra panelisten: Svar på mødeinvitation" in thread, thread
    assert "Gemt fra beskeden: Tilmelding: Kommer (med 1 gæst)" in thread
    assert thread.index("Ja tak, jeg kommer") < thread.index("Jeg vil gerne tale med en medarbejder")
    assert rsvp.id < question.id
