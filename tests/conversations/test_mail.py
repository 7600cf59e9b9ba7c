"""conversations.mail: a whole email in, what the person wrote out.

The fixtures in ``mail/`` are written for these tests (their own people,
surveys and wording, not the development corpus); one client or kind of
machine mail each.  The last tests run over the labelled corpus in
``/work/shared/corpus`` when it is there.
"""
from __future__ import annotations

import base64
import functools
import json
import os
import re
import time
from email.message import EmailMessage
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conversations.mail import Block, Bounce, MailReading, read_message

HERE = Path(__file__).parent / "mail"
CORPUS = Path(__file__).parent / "corpora" / "dev" / "cases.jsonl"

# Lines of the quoted invitations in the fixtures: never part of `text`.
SURVEY_QUOTE = ["Svar direkte på denne mail", "Hvor tilfreds er du med tømningen", "Svarfrist",
                "Sorterer du madaffald", "Skriv med dine egne ord", "Vil du ikke være med mere"]
MEETING_QUOTE = ["Du inviteres til dialogmøde", "Sted: Skovlund Medborgerhus", "Svar på denne mail, om du kommer"]
QUOTE_HEADERS = ["Fra:", "From:", "Sendt:", "Emne:", "skrev", "wrote", "Oprindelig", "Original Message"]


def read_fixture(name: str) -> MailReading:
    return read_message((HERE / name).read_bytes())


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


# ---------------------------------------------------------------------------
# Every client, every machine mail: kind, own words in, quotes and signature out
# ---------------------------------------------------------------------------

CLIENTS = [
    # fixture, kind, text must contain, text must not contain
    ("gmail_da.eml", "reply",
     ["Hej", "1: 2", "2: nej", "3: A og C", "Genbrugspladsen lukker kl. 17"],
     ["Mvh", "Tove Lauritsen", *SURVEY_QUOTE, *QUOTE_HEADERS]),
    ("gmail_en.eml", "reply",
     ["Thanks, I'll be there.", "My wife would like to come too"],
     ["Peter Quist", "Senior Engineer", "+45 22", *MEETING_QUOTE, *QUOTE_HEADERS]),
    ("outlook_desktop.eml", "reply",
     ["Her kommer mine svar:", "1. 4", "2. Ja", "3. B", "Skraldebilen kører altid før kl. 6 – det vækker hele vejen"],
     ["Med venlig hilsen", "Kaj Ørsted", "Driftschef", "Tlf. 30", *SURVEY_QUOTE, *QUOTE_HEADERS]),
    ("outlook_oprindelig.eml", "reply",
     ["Jeg kommer gerne, men alene."],
     ["Venlig hilsen", "Birthe Skaarup", "Grundejerforening", *MEETING_QUOTE, *QUOTE_HEADERS]),
    ("outlook_android.eml", "reply",
     ["1: 5", "2: ja", "3: A", "4: Fint at man kan bestille storskrald på nettet"],
     ["Hent Outlook", "aka.ms", *SURVEY_QUOTE, *QUOTE_HEADERS]),
    ("outlook_ios.eml", "reply",
     ["Desværre, jeg er bortrejst den uge."],
     ["Hent Outlook til iOS", *MEETING_QUOTE, *QUOTE_HEADERS]),
    ("apple_mail.eml", "reply",
     ["Jeg kommer gerne, og jeg tager min søster med."],
     ["Kærlig hilsen", "Jonna", *MEETING_QUOTE, *QUOTE_HEADERS]),
    ("iphone.eml", "reply",
     ["4\nJa\nB\nFlere glascontainere i Skovlund Øst tak"],
     ["Sendt fra min iPhone", *SURVEY_QUOTE, *QUOTE_HEADERS]),
    ("thunderbird_inline.eml", "reply",
     ["Svarene står under spørgsmålene.", "3", "Nej, vi har ikke plads til en ekstra spand i køkkenet",
      "Det ville være rart med en ordning, hvor man kan få hentet haveaffald om efteråret, for mange af os ældre"],
     ["Venlig hilsen", "Viggo", *SURVEY_QUOTE, *QUOTE_HEADERS]),
    ("roundcube.eml", "reply",
     ["Ja tak, jeg kommer. Er der parkering ved medborgerhuset?"],
     ["Carl Bruun", "bruun-tag", *MEETING_QUOTE, *QUOTE_HEADERS]),
    ("samsung.eml", "reply",
     ["1: 1", "2: ja", "3: B og C", "4: Spandene bliver ikke tømt i julen, det lugter"],
     ["Sendt fra min Samsung", "Oprindelig besked", "Dato:", *SURVEY_QUOTE, *QUOTE_HEADERS]),
    ("yahoo_html.eml", "reply",
     ["Hej", "Jeg kommer måske, det afhænger af min vagtplan."],
     ["Vh Hugo", "Yahoo Mail", *MEETING_QUOTE, *QUOTE_HEADERS]),
    ("outlook_html_inline.eml", "reply",
     ["Mine svar står med rødt i din mail.", "2 – den bliver tit glemt", "Ja", "A"],
     ["Mvh Rikke", *SURVEY_QUOTE, *QUOTE_HEADERS]),
    ("outlook_inline.eml", "reply",
     ["Se mine svar under spørgsmålene.", "5", "NEJ", "B", "Spandene er for små til en familie på seks"],
     ["Bjarne Kofod", *SURVEY_QUOTE, *QUOTE_HEADERS]),
    ("gmail_inline.eml", "reply",
     ["3", "C, min mor på 80 kan ikke løfte sækkene", "Nej tak"],
     [*SURVEY_QUOTE, *QUOTE_HEADERS]),
    ("base64_utf8.eml", "reply",
     ["Jeg vil gerne afmeldes panelet. Jeg er flyttet til Ålborg."],
     ["Med venlig hilsen", "Ørnulf Ågaard"]),
    ("exchange_human_reply.eml", "reply",
     ["1: 3\n2: ja\n3: A"],
     ["Mvh Torsten", "Svar direkte", "Kaere Torsten", *QUOTE_HEADERS]),
    ("broken_boundary.eml", "reply", ["1: 5", "2: ja", "3: C, jeg har dårlig ryg"], ["Content-Type", "<div>"]),
    ("unknown_charset.eml", "reply", ["1: 2", "Genbrugspladsen i Sønderby er for lille, og køen er lang."], []),
    ("raw_8bit_headers.eml", "reply", ["Jeg kommer, og min søn på 17 kommer også."], []),
    ("no_message_id.eml", "reply", ["Nej tak"], []),
    ("ooo_danish.eml", "auto_reply", ["Jeg holder vinterferie"], []),
    ("ooo_english.eml", "auto_reply", ["I am out of the office until 22 March"], []),
    ("auto_subject_only.eml", "auto_reply", ["Salonen holder lukket i uge 10."], []),
    ("bounce_hard_rfc3464.eml", "bounce", ["could not"], []),
    ("bounce_soft_delayed.eml", "bounce", [], []),
    ("bounce_qmail.eml", "bounce", ["qmail-send"], []),
    ("bounce_exchange_danish.eml", "bounce", ["Levering til disse modtagere eller grupper mislykkedes"], []),
    ("thunderbird_tight.eml", "reply", ["Kajakken står i skuret.", "Ja tak til en bådebro"],
     ["skrev", "Svanesøen", "Teknik og Miljø"]),
    ("outlook_swedish_tight.eml", "reply", ["1: 2\n2: nej\n3: A og C"], ["Från", "Ämne", "Svanesøen"]),
    ("apple_answers_in_quote.eml", "reply", ["Svarene står under spørgsmålene.", "Tre gange", "B og C"],
     ["Sendt fra min iPad", "skrev", "Svanesøen", "Tak for hjælpen"]),
    ("calendar_outlook_accept.eml", "reply", ["Jeg glæder mig til at høre koret."], ["Accepteret"]),
    ("calendar_google_decline.eml", "reply", [], []),
    ("calendar_apple_tentative.eml", "reply", [], ["BEGIN:VCALENDAR", "PARTSTAT"]),
]


@pytest.mark.parametrize("name, kind, contains, not_contains", CLIENTS, ids=[c[0] for c in CLIENTS])
def test_client_fixture_is_read(name, kind, contains, not_contains):
    reading = read_fixture(name)
    assert reading.kind == kind
    for phrase in contains:
        assert phrase in reading.text, phrase
    for phrase in not_contains:
        assert phrase.lower() not in reading.text.lower(), phrase
    own = [b.text for b in reading.blocks if not b.quoted]
    assert "\n\n".join(own) == reading.text
    if reading.blocks:
        assert not reading.blocks[-1].quoted, "trailing quoted history is left out"


def test_every_fixture_has_a_test_row():
    named = {row[0] for row in CLIENTS} | {"empty_body.eml"}
    assert {p.name for p in HERE.glob("*.eml")} == named


# ---------------------------------------------------------------------------
# Envelope fields
# ---------------------------------------------------------------------------

ENVELOPES = [
    # fixture, subject, sender, a recipient, message_id, in_reply_to
    ("gmail_da.eml", "Re: Borgerpanelet: Affald og genbrug", "tove.lauritsen@gmail.com",
     "svar+q7m2xw9kte@borgerpanel.skovlund.dk", "CAJ8fR2k+QmX0pWvT9yHc3sLq7d=Zb4nE1uK@mail.gmail.com",
     "20270303084110.affald.q7m2xw9kte@borgerpanel.skovlund.dk"),
    ("outlook_desktop.eml", "SV: Borgerpanelet: Affald og genbrug", "kaj.orsted@skovlund-forsyning.dk",
     "svar+q7m2xw9kte@borgerpanel.skovlund.dk",
     "AM9PR07MB71348E2C1D0F4B7A9C3E5D1A@AM9PR07MB7134.eurprd07.prod.outlook.com",
     "20270303084110.affald.q7m2xw9kte@borgerpanel.skovlund.dk"),
    ("gmail_en.eml", "Re: Invitation: Dialogmøde om den nye skole", "peter.quist@gmail.com",
     "anne.quist@gmail.com", "CAHm3kQ9vX2eWq@mail.gmail.com",
     "20270303084110.affald.q7m2xw9kte@borgerpanel.skovlund.dk"),
    ("raw_8bit_headers.eml", "Re: Dialogmøde om den nye skole", "soeren@fjord-el.dk",
     "svar+d8f7g6h5j4@borgerpanel.skovlund.dk", "raw8bit.1@fjord-el.dk", None),
    ("base64_utf8.eml", "Afmelding af Ørnulf", "ornulf@aagaard.dk",
     "svar+q7m2xw9kte@borgerpanel.skovlund.dk", "b64.1@aagaard.dk", None),
    ("no_message_id.eml", "Re: Invitation", "knud.eriksen@gmail.com",
     "svar+e9r8t7y6u5@borgerpanel.skovlund.dk", None, None),
]


@pytest.mark.parametrize("name, subject, sender, recipient, message_id, in_reply_to", ENVELOPES,
                         ids=[e[0] for e in ENVELOPES])
def test_envelope(name, subject, sender, recipient, message_id, in_reply_to):
    reading = read_fixture(name)
    assert reading.subject == subject
    assert reading.sender == sender
    assert recipient in reading.recipients
    assert reading.message_id == message_id
    assert reading.in_reply_to == in_reply_to


def test_recipients_come_from_to_cc_delivered_to_and_x_original_to_lower_cased_once():
    reading = read_message(
        b"From: a@example.dk\r\nTo: Panel <SVAR+ABC@borgerpanel.example.dk>, b@example.dk\r\n"
        b"Cc: c@example.dk, svar+abc@borgerpanel.example.dk\r\nDelivered-To: svar.xyz@borgerpanel.example.dk\r\n"
        b"X-Original-To: svar+orig@borgerpanel.example.dk\r\nReferences: <one@x> <two@y>\r\n"
        b"Subject: hej\r\n\r\nJa\r\n")
    assert reading.recipients == ("svar+abc@borgerpanel.example.dk", "b@example.dk", "c@example.dk",
                                  "svar.xyz@borgerpanel.example.dk", "svar+orig@borgerpanel.example.dk")
    assert reading.references == ("one@x", "two@y")


# ---------------------------------------------------------------------------
# Inline answers: the quoted question stays right above each answer
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("name, answers", [
    ("gmail_inline.eml", {"Hvor tilfreds er du med tømningen": "3",
                          "Hvad skal genbrugspladsen have mere af": "C, min mor på 80 kan ikke løfte sækkene",
                          "Har du andre kommentarer": "Nej tak"}),
    ("thunderbird_inline.eml", {"Hvor tilfreds er du med tømningen": "3",
                                "Sorterer du madaffald": "Nej, vi har ikke plads til en ekstra spand i køkkenet",
                                "Har du andre kommentarer": "Det ville være rart med en ordning"}),
    ("outlook_inline.eml", {"Hvor tilfreds er du med tømningen": "5", "Sorterer du madaffald": "NEJ",
                            "Hvad skal genbrugspladsen have mere af": "B",
                            "Har du andre kommentarer": "Spandene er for små"}),
    ("outlook_html_inline.eml", {"Hvor tilfreds er du med tømningen": "2 – den bliver tit glemt",
                                 "Sorterer du madaffald": "Ja", "Hvad skal genbrugspladsen have mere af": "A"}),
])
def test_inline_answers_follow_their_quoted_question(name, answers):
    blocks = read_fixture(name).blocks
    for question, answer in answers.items():
        at = next(i for i, b in enumerate(blocks) if b.quoted and question in b.text)
        assert not blocks[at + 1].quoted
        assert blocks[at + 1].text.startswith(answer)
        later = [b.text for b in blocks[at + 1:] if b.quoted]
        assert not any(question in t for t in later)
    assert all(">" not in b.text.split("\n")[0][:1] for b in blocks)


def test_quoted_blocks_have_no_quote_markers_or_attribution():
    blocks = read_fixture("gmail_inline.eml").blocks
    quoted = "\n".join(b.text for b in blocks if b.quoted)
    assert not any(line.startswith(">") for line in quoted.split("\n"))
    assert "skrev" not in quoted
    assert blocks[0] == Block(text=blocks[0].text, quoted=True)
    assert "   Svar ja eller nej" in quoted, "indentation of the quoted invitation is kept"


# ---------------------------------------------------------------------------
# Bounces
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("name, bounce", [
    ("bounce_hard_rfc3464.eml", Bounce("gorm.lykke@jubii.dk", "5.1.1", True,
                                       "550 5.1.1 <gorm.lykke@jubii.dk>: Recipient address rejected: "
                                       "User unknown in virtual mailbox table")),
    ("bounce_soft_delayed.eml", Bounce("ulla.krogh@fuldpostkasse.dk", "4.2.2", False,
                                       "452 4.2.2 Mailbox full, try again later")),
    ("bounce_qmail.eml", Bounce("bent.hjort@smaaby-net.dk", "5.1.1", True,
                                "Sorry, no mailbox here by that name. (#5.1.1)")),
    ("bounce_exchange_danish.eml", Bounce("lis.mark@skovlund-boligforening.dk", "5.1.10", True,
                                          "550 5.1.10 RESOLVER.ADR.RecipientNotFound; "
                                          "Recipient not found by SMTP address lookup")),
])
def test_bounce_details(name, bounce):
    reading = read_fixture(name)
    assert reading.kind == "bounce"
    assert reading.bounce == bounce
    assert reading.auto_reason


def _mail(body: str = "Hej", *, subject: str = "Re: Borgerpanelet", sender: str = "Ida <ida@example.dk>",
          headers: tuple[tuple[str, str], ...] = (), subtype: str = "plain") -> bytes:
    m = EmailMessage()
    m["From"] = sender
    m["To"] = "svar+tok@borgerpanel.example.dk"
    m["Subject"] = subject
    m["Message-ID"] = "<t1@example.dk>"
    for k, v in headers:
        m[k] = v
    m.set_content(body, subtype=subtype, charset="utf-8", cte="quoted-printable")
    return bytes(m)


NON_STANDARD_BOUNCES = [
    # sender, subject, body, status, recipient, is_hard
    ("Mail Delivery Subsystem <mailer-daemon@googlemail.com>", "Delivery Status Notification (Failure)",
     "Address not found\n\nYour message wasn't delivered to frida.ny@gmail.com because the address couldn't be "
     "found, or is unable to receive mail.\n\nThe response from the remote server was:\n"
     "550 5.1.1 The email account that you tried to reach does not exist.",
     "5.1.1", "frida.ny@gmail.com", True),
    ("Mail Delivery System <Mailer-Daemon@mx.example.net>", "Mail delivery failed: returning message to sender",
     "This message was created automatically by mail delivery software.\n\nA message that you sent could not "
     "be delivered to one or more of its recipients. This is a permanent error. The following address(es) "
     "failed:\n\n  poul@lukket-firma.dk\n    domain has no mail server",
     None, "poul@lukket-firma.dk", True),
    ("postmaster@kommunenet.dk", "Kan ikke leveres: Borgerpanelet",
     "Din meddelelse kunne ikke leveres til kirsten@kommunenet.dk. Postkassen er fuld (552 5.2.2).",
     "5.2.2", "kirsten@kommunenet.dk", True),
    ("MAILER-DAEMON@mail.tele.dk", "Levering mislykkedes",
     "Beskeden er forsinket og kunne ikke leveres til hans@tele.dk. Vi forsøger igen senere.",
     None, "hans@tele.dk", False),
    ("Mail Delivery Subsystem <MAILER-DAEMON@smtp.example.org>", "Returned mail: see transcript for details",
     "   ----- The following addresses had permanent fatal errors -----\n<ole@example.org>\n"
     "    (reason: 550 5.1.1 User unknown)", "5.1.1", "ole@example.org", True),
    ("postmaster@byen.dk", "Uafleverbar: Borgerpanelet", "Levering til disse modtagere mislykkedes:\n\n"
     "ane@byen.dk\nRemote Server returned '550 5.4.1 Recipient address rejected: Access denied'",
     "5.4.1", "ane@byen.dk", True),
]


@pytest.mark.parametrize("sender, subject, body, status, recipient, is_hard", NON_STANDARD_BOUNCES,
                         ids=[b[1][:30] for b in NON_STANDARD_BOUNCES])
def test_non_standard_bounces(sender, subject, body, status, recipient, is_hard):
    reading = read_message(_mail(body, subject=subject, sender=sender, headers=(("Return-Path", "<>"),)))
    assert reading.kind == "bounce"
    assert reading.bounce.status == status
    assert reading.bounce.recipient == recipient
    assert reading.bounce.is_hard is is_hard


def test_a_person_writing_about_delivery_is_not_a_bounce():
    reading = read_message(_mail("Pakken kunne ikke leveres, men jeg kommer til mødet.",
                                 subject="Re: Kan ikke leveres i tide?"))
    assert reading.kind == "reply"
    assert reading.bounce is None


def test_a_successful_delivery_report_is_machine_mail_but_no_bounce():
    raw = (b"From: MAILER-DAEMON@mx.example.dk\r\nTo: bounce+t@borgerpanel.example.dk\r\n"
           b"Subject: Successful Mail Delivery Report\r\nMIME-Version: 1.0\r\n"
           b"Content-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n"
           b"--b\r\nContent-Type: text/plain\r\n\r\nDelivered.\r\n"
           b"--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.dk\r\n\r\n"
           b"Final-Recipient: rfc822; x@example.dk\r\nAction: delivered\r\nStatus: 2.0.0\r\n\r\n--b--\r\n")
    reading = read_message(raw)
    assert reading.kind == "auto_reply"
    assert reading.bounce is None
    assert "delivered" in reading.auto_reason


# ---------------------------------------------------------------------------
# Auto-replies
# ---------------------------------------------------------------------------

AUTO = [
    # headers, subject, kind
    ((("Auto-Submitted", "auto-replied"),), "Re: Borgerpanelet", "auto_reply"),
    ((("Auto-Submitted", "auto-generated"),), "Kvittering", "auto_reply"),
    ((("Auto-Submitted", "no"),), "Re: Borgerpanelet", "reply"),
    ((("Precedence", "bulk"),), "Tak for din henvendelse", "auto_reply"),
    ((("Precedence", "junk"),), "Re: Borgerpanelet", "auto_reply"),
    ((("Precedence", "list"),), "Re: Borgerpanelet", "auto_reply"),
    ((("Precedence", "auto_reply"),), "Re: Borgerpanelet", "auto_reply"),
    ((("X-Autoreply", "yes"),), "Re: Borgerpanelet", "auto_reply"),
    ((("X-Autorespond", "Jeg er på ferie"),), "Re: Borgerpanelet", "auto_reply"),
    ((("X-Auto-Response-Suppress", "All"),), "SV: Borgerpanelet", "reply"),
    ((("X-Auto-Response-Suppress", "DR, OOF, AutoReply"), ("X-MS-Has-Attach", "")), "RE: Borgerpanelet", "reply"),
    ((), "Autosvar: Borgerpanelet", "auto_reply"),
    ((), "Automatisk svar: Borgerpanelet", "auto_reply"),
    ((), "Fraværende: Borgerpanelet", "auto_reply"),
    ((), "Fravær: Borgerpanelet", "auto_reply"),
    ((), "Ikke på kontoret: Borgerpanelet", "auto_reply"),
    ((), "Out of Office: Borgerpanelet", "auto_reply"),
    ((), "Automatic reply: Borgerpanelet", "auto_reply"),
    ((), "Auto: Re: Borgerpanelet", "auto_reply"),
    ((), "Re: Borgerpanelet", "reply"),
    ((), "Re: Fravær fra mødet", "reply"),
    ((), "Fravær til mødet", "reply"),
    ((), "Ferie: Borgerpanelet", "auto_reply"),
    ((), "Ferie og mødet i april", "reply"),
]


@pytest.mark.parametrize("headers, subject, kind", AUTO, ids=[f"{a[1]}|{a[0]}" for a in AUTO])
def test_auto_reply_signs(headers, subject, kind):
    reading = read_message(_mail("Jeg er væk til og med fredag.", subject=subject, headers=headers))
    assert reading.kind == kind
    assert (reading.auto_reason is not None) is (kind == "auto_reply")


# ---------------------------------------------------------------------------
# Own words: greetings, answers, closings, signatures, boilerplate
# ---------------------------------------------------------------------------

OWN_WORDS = [
    # body, expected text
    ("Ja tak", "Ja tak"),
    ("Nej tak", "Nej tak"),
    ("Nej tak\n\nMvh Jens", "Nej tak"),
    ("Hej\n\n1: 4\n2: ja\n3: B", "Hej\n\n1: 4\n2: ja\n3: B"),
    ("Hej\n\n1: 4\n2: ja\n\nVenlig hilsen\nJens Hansen\nTømrermester\nHansen Byg ApS\nTlf. 20 30 40 50",
     "Hej\n\n1: 4\n2: ja"),
    ("Hilsen\n1: 4\n2: ja", "Hilsen\n1: 4\n2: ja"),
    ("Jeg kommer.\n\nMvh Anna\n\nPS: Min mand kommer også", "Jeg kommer.\n\nPS: Min mand kommer også"),
    ("Det lyder fint.\n-- \nJens Dam\nwww.jensdam.dk", "Det lyder fint."),
    ("Kommer gerne\n\nSendt fra min iPad", "Kommer gerne"),
    ("Kommer gerne\n\nSent from my iPhone", "Kommer gerne"),
    ("Kommer gerne\n\nSendt fra Mail til Windows", "Kommer gerne"),
    ("Kommer gerne\n\nSendt fra min Samsung Galaxy-smartphone.", "Kommer gerne"),
    ("Kommer gerne\n\nSent from Yahoo Mail on Android", "Kommer gerne"),
    ("Kommer gerne\n\nHent Outlook til iOS<https://aka.ms/o0ukef>", "Kommer gerne"),
    ("Kommer gerne\n\nSendt fra Outlook til Android", "Kommer gerne"),
    ("Jeg kan ikke.\n\nBest regards / Venlig hilsen\nMichael Holm", "Jeg kan ikke."),
    ("Jeg kan ikke.\n\nKærlig hilsen\nOldemor", "Jeg kan ikke."),
    ("Jeg kan ikke.\n\nKh Bodil", "Jeg kan ikke."),
    ("Jeg kan ikke.\n\nVh\nOle", "Jeg kan ikke."),
    ("4: Flere bænke\n\n/Rasmus", "4: Flere bænke"),
    ("Til Borgerpanelet\n\nMin mor er flyttet på plejehjem.", "Til Borgerpanelet\n\nMin mor er flyttet på plejehjem."),
    ("Fra: i morgen er jeg på ferie\n\nJeg kommer ikke", "Fra: i morgen er jeg på ferie\n\nJeg kommer ikke"),
    ("Den 24. november skrev I til mig:\nJeg kommer", "Den 24. november skrev I til mig:\nJeg kommer"),
    ("Den 24. november 2026 kl. 10.15 skrev I til mig:\nJeg kommer",
     "Den 24. november 2026 kl. 10.15 skrev I til mig:\nJeg kommer"),
    ("Med venlig hilsen fra os alle på Bakkevej 12 – vi glæder os meget til mødet og kommer alle fire",
     "Med venlig hilsen fra os alle på Bakkevej 12 – vi glæder os meget til mødet og kommer alle fire"),
    ("Hilsen fra Aarhus: jeg kommer", "Hilsen fra Aarhus: jeg kommer"),
    ("Jeg kommer\n\nM.v.h.\nJens", "Jeg kommer"),
    ("Jeg kommer\n\nVenlig hilsen\nJens\n\nSendt fra min iPhone", "Jeg kommer"),
    ("Mvh Jens", ""),
    ("", ""),
]


@pytest.mark.parametrize("body, text", OWN_WORDS, ids=[o[0][:30] or "empty" for o in OWN_WORDS])
def test_own_words(body, text):
    assert read_message(_mail(body)).text == text


ATTRIBUTIONS = [
    "Den tir. 24. nov. 2026 kl. 10.15 skrev Borgerpanelet <svar+x1@borgerpanel.example.dk>:",
    "Den 24.11.2026 kl. 10.15 skrev Borgerpanelet <svar+x1@borgerpanel.example.dk>:",
    "D. 28/10/2021 12.46 skrev Borgerpanelet <svar+x1@borgerpanel.example.dk>:",
    "On Tue, Nov 24, 2026 at 10:15 AM Borgerpanelet <svar+x1@borgerpanel.example.dk> wrote:",
    "24. nov. 2026 kl. 10.15 skrev Borgerpanelet <svar+x1@borgerpanel.example.dk>:",
    "Den 05.03.2023 kl. 10.52 skrev Borgerpanelet:",
    "Den 2026-11-24 10:15, skrev Borgerpanelet:",
    "Den tirsdag den 24. november 2026 kl. 10.15.07 CET skrev Borgerpanelet <svar+x1@borgerpanel.example.dk>:",
    "Den tir. 24. nov. 2026 kl. 10.15 skrev Borgerpanelet <\nsvar+x1@borgerpanel.example.dk>:",
    "Borgerpanelet skrev den 24-11-2026 10:15:",
    "On 24 Nov 2026, at 10:15, Borgerpanelet <svar+x1@borgerpanel.example.dk> wrote:",
    "Am 24.11.2026 um 10:15 schrieb Borgerpanelet <svar+x1@borgerpanel.example.dk>:",
]
QUOTED = "> Kære Ida\n>\n> 1. Kommer du til mødet?\n>    Svar ja eller nej\n>\n> Venlig hilsen\n> Borgerpanelet"


@pytest.mark.parametrize("attribution", ATTRIBUTIONS, ids=range(len(ATTRIBUTIONS)))
def test_attributions_are_dropped(attribution):
    reading = read_message(_mail(f"Ja, jeg kommer.\n\n{attribution}\n\n{QUOTED}\n"))
    assert reading.text == "Ja, jeg kommer."
    assert reading.blocks == (Block("Ja, jeg kommer.", False),)


UNPREFIXED_ORIGINALS = [
    "-----Oprindelig meddelelse-----\nFra: Borgerpanelet [mailto:svar+x1@borgerpanel.example.dk]\n"
    "Sendt: 24. november 2026 10:15\nTil: Ida\nEmne: Invitation",
    "-----Original Message-----\nFrom: Borgerpanelet <svar+x1@borgerpanel.example.dk>\n"
    "Sent: Tuesday, November 24, 2026 10:15 AM\nTo: Ida\nSubject: Invitation",
    "________________________________\nFra: Borgerpanelet <svar+x1@borgerpanel.example.dk>\n"
    "Sendt: 24. november 2026 10:15\nTil: Ida <ida@example.dk>\nEmne: Invitation",
    "Fra: Borgerpanelet <svar+x1@borgerpanel.example.dk>\nDato: 24. november 2026 kl. 10.15.07 CET\n"
    "Til: ida@example.dk\nEmne: Invitation",
    "Start på videresendt besked:\n\nFra: Borgerpanelet <svar+x1@borgerpanel.example.dk>\n"
    "Emne: Invitation\nDato: 24. november 2026 kl. 10.15.07 CET\nTil: ida@example.dk",
    "---------- Forwarded message ---------\nFrom: Borgerpanelet <svar+x1@borgerpanel.example.dk>\n"
    "Date: Tue, Nov 24, 2026 at 10:15 AM\nSubject: Invitation\nTo: <ida@example.dk>",
    "-------- Videresendt besked --------\nEmne: Invitation",
    "Date: Tue, 24 Nov 2026 10:15:07 +0100\nFrom: svar+x1@borgerpanel.example.dk\nTo: ida@example.dk\n"
    "Subject: Invitation",
    "D. 24/11/2026 10.15 skrev Borgerpanelet <svar+x1@borgerpanel.example.dk>:",
]


@pytest.mark.parametrize("header", UNPREFIXED_ORIGINALS, ids=range(len(UNPREFIXED_ORIGINALS)))
def test_unprefixed_original_below_a_header_is_quoted(header):
    original = QUOTED.replace("> ", "").replace(">", "")
    reading = read_message(_mail(f"Ja, jeg kommer.\n\n{header}\n\n{original}\n"))
    assert reading.text == "Ja, jeg kommer."


def test_a_lone_fra_line_in_own_text_is_not_a_header_block():
    body = "Hej\n\nFra: Ida (min datter skriver for mig)\nJeg kommer gerne.\n\nTil: mødet tager jeg bussen"
    assert read_message(_mail(body)).text == body


# ---------------------------------------------------------------------------
# HTML bodies
# ---------------------------------------------------------------------------

GMAIL_HTML = (
    '<div dir="ltr">Hej<div><br></div><div>Svarene står nedenfor.</div></div><br>'
    '<div class="gmail_quote"><div dir="ltr" class="gmail_attr">Den ons. 3. mar. 2027 kl. 08.41 skrev '
    'Borgerpanelet &lt;<a href="mailto:svar+k@b.dk">svar+k@b.dk</a>&gt;:<br></div>'
    '<blockquote class="gmail_quote" style="margin:0px">1. Kommer du?<br>&nbsp;&nbsp;&nbsp;Svar ja eller nej</blockquote>'
    '<div>Ja, helt sikkert</div>'
    '<blockquote class="gmail_quote">2. Tager du en g&aelig;st med?<br>&nbsp;&nbsp;&nbsp;Svar ja eller nej</blockquote>'
    '<div>Nej</div>'
    '<blockquote class="gmail_quote">Venlig hilsen<br>Borgerpanelet</blockquote></div>'
)


def test_gmail_html_only_with_inline_answers():
    reading = read_message(_mail(GMAIL_HTML, subtype="html"))
    assert reading.blocks == (
        Block("Hej\n\nSvarene står nedenfor.", False),
        Block("1. Kommer du?\n   Svar ja eller nej", True),
        Block("Ja, helt sikkert", False),
        Block("2. Tager du en gæst med?\n   Svar ja eller nej", True),
        Block("Nej", False),
    )


def test_html_drops_style_script_head_and_hidden_text():
    html = ("<html><head><title>Titel</title><style>p {color:red}</style></head><body>"
            "<script>var x = 1;</script><div style='display: none'>Forhåndsvisning</div>"
            "<p>Første&nbsp;linje</p><p>Anden<br>tredje</p><table><tr><td>a</td><td>b</td></tr></table>"
            "</body></html>")
    reading = read_message(_mail(html, subtype="html"))
    assert reading.text == "Første linje\nAnden\ntredje\na b"


def test_apple_html_cite_is_quoted():
    html = ('<html><body><div>Jeg kommer.</div><div><br><blockquote type="cite"><div>Den 3. mar. 2027 kl. 08.41 '
            'skrev Borgerpanelet &lt;svar+k@b.dk&gt;:</div><div>Kære Ida</div><div>Kommer du?</div>'
            '</blockquote></div></body></html>')
    assert read_message(_mail(html, subtype="html")).text == "Jeg kommer."


@pytest.mark.parametrize("marker", [
    '<div id="appendonsend"></div><hr><div id="divRplyFwdMsg"><b>From:</b> Borgerpanelet</div>',
    '<div id="mail-editor-reference-message-container"><b>Fra:</b> Borgerpanelet</div>',
    '<div style="border:none;border-top:solid #B5C4DF 1.0pt;padding:3.0pt 0cm 0cm 0cm"><p><b>Fra:</b> '
    'Borgerpanelet</p></div>',
    '<hr id="stopSpelling">Borgerpanelet',
    '<span id="OLK_SRC_BODY_SECTION"><div style="BORDER-TOP: #b5c4df 1pt solid"><b>Fra: </b>Borgerpanelet</div></span>',
])
def test_outlook_html_original_is_quoted(marker):
    html = (f"<html><body><p>Jeg kommer ikke.</p>{marker}<p>Kære Ida</p><p>Kommer du til mødet?</p>"
            "<p>Venlig hilsen</p><p>Borgerpanelet</p></body></html>")
    assert read_message(_mail(html, subtype="html")).text == "Jeg kommer ikke."


def test_plain_text_is_preferred_to_html():
    m = EmailMessage()
    m["From"] = "a@example.dk"
    m.set_content("Fra den rigtige tekst")
    m.add_alternative("<p>Fra HTML</p>", subtype="html")
    assert read_message(bytes(m)).text == "Fra den rigtige tekst"


# ---------------------------------------------------------------------------
# Robustness: encodings, broken MIME, empty bodies, attachments, any bytes
# ---------------------------------------------------------------------------

def test_raw_latin1_header_is_read_and_reported():
    raw = b"From: J\xf8rgen <j@example.dk>\r\nSubject: Sv: M\xf8de\r\n\r\nJa\r\n"
    reading = read_message(raw)
    assert reading.subject == "Sv: Møde"
    assert reading.sender == "j@example.dk"
    assert any("header" in p for p in reading.problems)


def test_unknown_charset_is_read_and_reported():
    reading = read_fixture("unknown_charset.eml")
    assert "Sønderby" in reading.text
    assert any("x-nordisk-ukendt" in p for p in reading.problems)


def test_broken_boundary_is_reported_and_salvaged():
    reading = read_fixture("broken_boundary.eml")
    assert reading.text == "1: 5\n2: ja\n3: C, jeg har dårlig ryg"
    assert any("boundary" in p for p in reading.problems)


def test_empty_body():
    reading = read_fixture("empty_body.eml")
    assert (reading.kind, reading.text, reading.blocks) == ("reply", "", ())


def test_windows_1252_quoted_printable_and_encoded_headers():
    reading = read_fixture("outlook_desktop.eml")
    assert "før kl. 6 – det vækker" in reading.text
    assert reading.problems == ()


def test_latin1_body_declared_utf8_is_read_as_windows_1252_with_a_problem():
    raw = (b"From: a@example.dk\r\nSubject: =?bogus-charset?Q?Hej_S=F8ren?=\r\nMIME-Version: 1.0\r\n"
           b"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nJeg kommer p\xe5 torsdag\r\n")
    reading = read_message(raw)
    assert reading.text == "Jeg kommer på torsdag"
    assert reading.subject == "Hej Søren"
    assert reading.problems


def test_no_text_part_is_a_problem_not_an_error():
    raw = (b"From: a@example.dk\r\nMIME-Version: 1.0\r\nContent-Type: image/png\r\n"
           b"Content-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n")
    reading = read_message(raw)
    assert reading.text == ""
    assert "no text part" in reading.problems


def test_a_text_attachment_is_not_read_as_the_body():
    m = EmailMessage()
    m["From"] = "a@example.dk"
    m.set_content("Ja tak")
    m.add_attachment("hemmelige noter", filename="noter.txt")
    assert read_message(bytes(m)).text == "Ja tak"


def test_a_forwarded_message_attachment_is_not_read():
    inner = EmailMessage()
    inner["From"] = "x@example.dk"
    inner.set_content("Indre besked")
    m = EmailMessage()
    m["From"] = "a@example.dk"
    m.set_content("Ydre besked")
    m.add_attachment(inner)
    assert read_message(bytes(m)).text == "Ydre besked"


def test_thirty_megabyte_attachment_is_fast():
    attachment = base64.encodebytes(os.urandom(30 * 1024 * 1024))
    raw = (b"From: Ida <ida@example.dk>\nTo: svar+tok@borgerpanel.example.dk\nSubject: Re: Borgerpanelet\n"
           b"MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"xyz\"\n\n"
           b"--xyz\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"
           + "1: 4\n2: ja\n\nBilledet af hullet i vejen er vedhæftet.\n".encode()
           + b"--xyz\nContent-Type: application/octet-stream; name=hul.bin\n"
             b"Content-Disposition: attachment; filename=hul.bin\nContent-Transfer-Encoding: base64\n\n"
           + attachment + b"--xyz--\n")
    assert len(raw) > 40_000_000
    start = time.perf_counter()
    reading = read_message(raw)
    elapsed = time.perf_counter() - start
    assert reading.text == "1: 4\n2: ja\n\nBilledet af hullet i vejen er vedhæftet."
    assert elapsed < 1.0, f"{elapsed:.2f} s"
    assert "large attachment not read" in reading.problems


def test_typical_message_reads_in_about_a_millisecond():
    raws = [p.read_bytes() for p in sorted(HERE.glob("*.eml"))]
    for raw in raws:  # warm up
        read_message(raw)
    start = time.perf_counter()
    rounds = 5
    for _ in range(rounds):
        for raw in raws:
            read_message(raw)
    per_message = (time.perf_counter() - start) / (rounds * len(raws))
    assert per_message < 0.005, f"{per_message * 1000:.2f} ms"


@pytest.mark.parametrize("raw", [
    b"", b"\r\n", b"\x00\xff\xfe", b"From:\r\n\r\n", b"Subject: =?utf-8?B?###?=\r\n\r\nx",
    b"Content-Type: multipart/mixed\r\n\r\nno boundary at all",
    b"Content-Type: multipart/mixed; boundary=\"\"\r\n\r\n--\r\n",
    b"Content-Type: text/plain; charset=rot13\r\n\r\nuryyb",
    b"Content-Type: text/plain; charset=\"utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!!",
    b"Content-Type: text/html\r\n\r\n<blockquote><blockquote><div></p></blockquote><![if !x]><x y='>",
    b"From: <<<@@@>>>\r\nTo: ,,,;;;\r\nMessage-ID: <\r\nReferences: >\r\n\r\nhej",
    b"Content-Type: message/delivery-status\r\n\r\nStatus: 9.9.9\r\n",
    b"Content-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n--b\r\n"
    b"Content-Type: message/delivery-status\r\n\r\n\r\n--b--",
    ("Content-Type: multipart/mixed; boundary=a\r\n\r\n" + "--a\r\nContent-Type: multipart/mixed; boundary=a\r\n\r\n"
     * 200).encode(),
], ids=range(14))
def test_strange_bytes_never_raise(raw):
    reading = read_message(raw)
    assert isinstance(reading, MailReading)
    assert reading.kind in ("reply", "auto_reply", "bounce")


def test_a_failure_inside_the_reader_falls_back_to_the_headers(monkeypatch):
    import conversations.mail.reading as reading_stage

    def broken(*args):
        raise RuntimeError("a bug")

    monkeypatch.setattr(reading_stage, "read_blocks", broken)
    reading = read_fixture("ooo_danish.eml")
    assert reading.kind == "auto_reply"
    assert reading.sender == "henriette.bay@skovlund-revision.dk"
    assert reading.recipients == ("svar+m5n6b7v8c9@borgerpanel.skovlund.dk",)
    assert reading.text == ""
    assert reading.problems == ("body not read (RuntimeError)",)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_random_bytes_never_raise(raw):
    assert isinstance(read_message(raw), MailReading)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(sorted(p.name for p in HERE.glob("*.eml"))), data=st.data())
def test_mangled_fixtures_never_raise(name, data):
    raw = bytearray((HERE / name).read_bytes())
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, len(raw) - 1))
        raw[at:at + data.draw(st.integers(0, 40))] = data.draw(st.binary(max_size=20))
    cut = data.draw(st.integers(0, len(raw)))
    assert isinstance(read_message(bytes(raw[:cut])), MailReading)


# ---------------------------------------------------------------------------
# The labelled development corpus
# ---------------------------------------------------------------------------



def _corpus_emails() -> list[dict]:
    if not CORPUS.exists():
        return []
    cases = [json.loads(line) for line in CORPUS.read_text("utf-8").splitlines() if line.strip()]
    return [c for c in cases if c["channel"] == "email"]


@functools.cache
def _corpus_definitions() -> dict:
    return json.loads((CORPUS.parent / "definitions.json").read_text("utf-8"))


def _invitation_lines(definition: str) -> list[str]:
    """Lines every quoted invitation carries: its questions as the definition words them (not the options: a
    label is also what a panelist writes as an answer)."""
    d = _corpus_definitions()[definition]
    return [line for line in [q["text"] for q in d.get("questions", [])] + [d.get("location", "")] if len(line) >= 8]


def test_corpus_machine_mail_is_told_from_human_replies():
    emails = _corpus_emails()
    assert emails
    wrong = []
    for case in emails:
        expected = case["expected"]["intent"]
        want = expected if expected in ("auto_reply", "bounce") else "reply"
        got = read_message(case["message"].encode("utf-8")).kind
        if got != want:
            wrong.append((case["id"], want, got))
    assert wrong == []


def test_corpus_replies_hold_no_line_of_the_quoted_invitation():
    leaks = []
    for case in _corpus_emails():
        if case["expected"]["intent"] in ("auto_reply", "bounce"):
            continue
        reading = read_message(case["message"].encode("utf-8"))
        lines = _invitation_lines(case["definition"])
        own = {fold(l) for l in reading.text.split("\n")}
        text = fold(reading.text)
        for line in lines:
            if fold(line) in own or (len(line) >= 25 and fold(line) in text):
                leaks.append((case["id"], line))
        for phrase in ("svar ved at besvare denne mail", "skrev borgerpanelet", "oprindelig meddelelse",
                       "sendt fra min", "outlook til android"):
            if phrase in text:
                leaks.append((case["id"], phrase))
    assert leaks == []


def test_corpus_text_answers_are_in_the_text_and_their_excluded_phrases_are_not():
    """For expected text answers: `contains` phrases survive, signature phrases are gone."""
    failures = []
    for case in _corpus_emails():
        reading = read_message(case["message"].encode("utf-8"))
        text = fold(reading.text)
        for value in case["expected"].get("answers", {}).values():
            if not isinstance(value, dict):
                continue
            for phrase in value["contains"]:
                if fold(phrase) not in text:
                    failures.append((case["id"], "missing", phrase))
            for phrase in value["not_contains"]:
                if _is_signature_phrase(phrase) and fold(phrase) in text:
                    failures.append((case["id"], "kept", phrase))
    assert failures == []


def _is_signature_phrase(phrase: str) -> bool:
    """not_contains phrases that are signatures or quotes (others are other answers' words)."""
    return bool(re.search(r"sendt fra|hilsen|mvh|vh |kh |lagerchef|lektor|advokat|fortrolige|"
                          r"har du et forslag|hvad savner du", phrase, re.I))


def test_base64_helper_sanity():
    # the fixtures' base64 bodies decode to what the clients wrote
    raw = (HERE / "samsung.eml").read_bytes()
    body = raw.split(b"\r\n\r\n", 1)[1]
    assert "Spandene bliver ikke tømt" in base64.b64decode(body).decode("utf-8")
