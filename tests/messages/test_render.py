"""render_message: every template in both channels and languages, lettering, scales, dates, receipts."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from conversations.definitions import Meeting, parse_definition
from conversations.dialogue import ASK_AGAIN, ASK_RSVP_AGAIN, RECEIPT, RSVP_RECEIPT, Reply
from engagement.messages import render
from engagement.messages.gsm import is_gsm7, segment_count
from engagement.messages.render import (TEMPLATES, MissingContext, UnknownTemplate, describe_answer,
                                        format_meeting_time, format_when, render_message, render_reply)
from engagement.messages.samples import SAMPLE_NAME, sample_value
from tests.surveys.test_definitions import MEETING, SURVEY

LEAVE = "https://borgerpanel.example.dk/p/demo/udmeld/TOKEN"
survey = parse_definition(SURVEY)
meeting = parse_definition(MEETING)


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield app


def context_for(template: str) -> dict:
    base = {"name": SAMPLE_NAME, "leave_url": LEAVE}
    recorded = [(q, sample_value(q)) for q in survey.questions[:2]]
    extra = {
        "survey_invitation": {"survey": survey},
        "survey_reminder": {"survey": survey},
        "meeting_invitation": {"meeting": meeting},
        "meeting_reminder": {"meeting": meeting},
        "information": {"subject": "Nyt fra panelet", "body": "Tak for jeres svar. Vi skriver igen."},
        "receipt": {"survey": survey, "recorded": recorded},
        "ask_again": {"survey": survey, "recorded": recorded[:1], "ask_about": [survey.questions[2]]},
        "next_question": {"survey": survey, "recorded": recorded[:1], "next_question": survey.questions[1]},
        "rsvp_receipt": {"meeting": meeting, "attending": "yes", "guests": 1},
        "ask_rsvp_again": {"meeting": meeting, "reason": "unclear"},
        "leaving_confirmation": {},
        "survey_closed": {"survey": survey},
        "passed_to_staff": {},
        "results_summary": {"title": "Trafik i byen", "figures": [{"label": "Svar", "count": 1234}]},
    }[template]
    return {**base, **extra}


STOP_LINE = {"da": "Svar STOP for at melde dig ud.", "en": "Reply STOP to unsubscribe."}


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("channel", ["email", "sms"])
@pytest.mark.parametrize("template", sorted(TEMPLATES))
def test_every_template_renders(ctx, template, channel, language):
    message = render_message(template, channel=channel, language=language, **context_for(template))
    assert (message.template, message.channel, message.language) == (template, channel, language)
    assert message.text.strip()
    assert "{{" not in message.text and "{%" not in message.text
    if channel == "email":
        assert message.subject and "\n" not in message.subject
        if template != "leaving_confirmation":
            assert LEAVE in message.text
    else:
        assert message.subject is None
        assert is_gsm7(message.text) and segment_count(message.text) <= 3
        if template != "leaving_confirmation":
            assert message.text.endswith(STOP_LINE[language])


def test_email_invitation_numbers_questions_and_letters_options(ctx):
    text = render_message("survey_invitation", channel="email", language="da", survey=survey,
                          leave_url=LEAVE).text
    for n in range(1, 7):
        assert f"\n{n}. " in text
    assert "   A. Bil\n   B. Bus\n" in text
    assert "   A. Veje\n   B. Busser\n" in text
    assert "Svar med et tal fra 1 til 5." in text
    assert "1 = Meget utilfreds, 5 = Meget tilfreds" in text
    assert "Svar med et tal fra 0 til 20." in text
    assert "Svar ja eller nej." in text
    assert "Svar på denne mail." in text
    assert "\n1: 4\n" in text  # the example answer
    assert text.index("1. Hvor") < text.index("2. Cykler") < text.index("6. Har du")


def test_sms_invitation_has_only_the_first_question(ctx):
    message = render_message("survey_invitation", channel="sms", language="da", survey=survey, name="Mette")
    assert message.text.startswith("Hej Mette.")
    assert "1. Hvor tilfreds er du med busserne?" in message.text
    assert "Svar med et tal fra 1 til 5." in message.text
    assert "Cykler du" not in message.text


def test_sms_question_with_options_is_lettered(ctx):
    message = render_message("next_question", channel="sms", language="da", survey=survey,
                             recorded=[(survey.questions[1], "no")], next_question=survey.questions[2])
    assert "2: Nej" in message.text
    assert "3. Hvordan kommer du oftest på arbejde?\nA. Bil\nB. Bus\nSvar med et bogstav." in message.text


def test_scale_range_that_does_not_start_at_one(ctx):
    defn = parse_definition({"kind": "survey", "key": "s", "title": "T", "questions": [
        {"number": 1, "key": "tryg", "type": "scale", "min": 0, "max": 10, "text": "Hvor tryg er du?",
         "labels": {"0": "Slet ikke", "10": "Helt"}},
        {"number": 2, "key": "k", "type": "scale", "min": 2, "max": 6, "text": "Karakter?"}]})
    text = render_message("survey_invitation", channel="email", language="da", survey=defn, leave_url=LEAVE).text
    assert "Svar med et tal fra 0 til 10." in text and "0 = Slet ikke, 10 = Helt" in text
    assert "Svar med et tal fra 2 til 6." in text
    assert describe_answer(defn.questions[0], 7, "da") == "7 ud af 10"
    assert describe_answer(defn.questions[1], 4, "da") == "4 på en skala fra 2 til 6"


def test_describe_answer(ctx):
    bus, cykler, transport, emner, boern, forslag = survey.questions
    assert describe_answer(bus, 4, "da") == "4 ud af 5"
    assert describe_answer(cykler, "yes", "da") == "Ja"
    assert describe_answer(cykler, "no", "da") == "Nej"
    assert describe_answer(transport, "bus", "da") == "Bus"
    assert describe_answer(emner, ["veje", "busser"], "da") == "veje og busser"  # issue 15: running text
    assert describe_answer(emner, ["veje", "busser"], "en") == "veje and busser"
    assert describe_answer(boern, 1234, "da") == "1.234"
    long_text = "Flere cykelstier og bedre lys ved skolen, så børnene kan cykle sikkert hjem"
    described = describe_answer(forslag, long_text, "da")
    assert described.startswith('"Flere cykelstier') and described.endswith('..."') and len(described) <= 62
    assert describe_answer(forslag, "Flere bænke", "da") == '"Flere bænke"'


def test_receipt_lists_each_answer_readably(ctx):
    recorded = [(survey.questions[0], 4), (survey.questions[1], "yes"), (survey.questions[3], ["veje"])]
    message = render_message("receipt", channel="email", language="da", survey=survey, name="Mette",
                             recorded=recorded, leave_url=LEAVE)
    assert message.text.startswith("Tak, Mette! Vi har noteret:")
    assert "1. Hvor tilfreds er du med busserne?\n   4 ud af 5" in message.text
    assert "   Ja\n" in message.text and "   Veje\n" in message.text
    sms = render_message("receipt", channel="sms", language="da", survey=survey, name="Mette", recorded=recorded)
    assert "1: 4 ud af 5\n2: Ja\n4: Veje" in sms.text


@pytest.mark.parametrize("starts_at, ends_at, expected", [
    # Winter time (UTC+1)
    ("2027-01-14T19:00:00+01:00", "2027-01-14T21:00:00+01:00", "torsdag den 14. januar 2027 kl. 19.00-21.00"),
    # Stored in UTC, shown in Copenhagen
    ("2027-01-14T18:00:00+00:00", "2027-01-14T20:00:00+00:00", "torsdag den 14. januar 2027 kl. 19.00-21.00"),
    # The night summer time starts (28 March 2027, 02:00 -> 03:00): 01.30 CET to 03.30 CEST is one hour
    ("2027-03-28T00:30:00+00:00", "2027-03-28T01:30:00+00:00", "søndag den 28. marts 2027 kl. 01.30-03.30"),
    # Summer time (UTC+2)
    ("2027-06-10T17:00:00+00:00", "2027-06-10T19:00:00+00:00", "torsdag den 10. juni 2027 kl. 19.00-21.00"),
    # Back to winter time (31 October 2027)
    ("2027-10-31T18:00:00+00:00", "2027-10-31T19:00:00+00:00", "søndag den 31. oktober 2027 kl. 19.00-20.00"),
    # Over midnight
    ("2027-01-14T22:00:00+00:00", "2027-01-15T00:30:00+00:00",
     "torsdag den 14. januar 2027 kl. 23.00 - fredag den 15. januar 2027 kl. 01.30"),
])
def test_danish_meeting_time(ctx, starts_at, ends_at, expected):
    m = Meeting(key="m", title="Møde", starts_at=datetime.fromisoformat(starts_at),
                ends_at=datetime.fromisoformat(ends_at), location="Rådhuset")
    assert format_meeting_time(m, "da") == expected


def test_english_date_and_summer_time(ctx):
    assert format_when(datetime(2027, 1, 14, 18, 0, tzinfo=timezone.utc), "en") == "Thursday 14 January 2027 at 19:00"
    assert format_when(datetime(2027, 3, 29, 17, 0, tzinfo=timezone.utc), "da") == "mandag den 29. marts 2027 kl. 19.00"
    assert format_when(datetime(2027, 3, 27, 18, 0, tzinfo=timezone.utc), "da") == "lørdag den 27. marts 2027 kl. 19.00"


def test_meeting_invitation(ctx):
    links = {"yes": "https://x.dk/ja", "no": "https://x.dk/nej", "maybe": "https://x.dk/maaske"}
    message = render_message("meeting_invitation", channel="email", language="da", meeting=meeting,
                             leave_url=LEAVE, rsvp_links=links)
    assert message.subject == "Du er inviteret: Borgermøde om den nye havn"
    assert "torsdag den 14. januar 2027 kl. 19.00-21.00" in message.text
    assert "Kulturhuset, Store Sal" in message.text
    assert "JA, NEJ eller MÅSKE" in message.text
    assert "Du må gerne tage 1 gæst med." in message.text
    assert "https://x.dk/ja" in message.text and "https://x.dk/maaske" in message.text
    no_guests = Meeting(key="w", title="Workshop", starts_at=meeting.starts_at, ends_at=meeting.ends_at,
                        location="Rådhuset", max_guests=0)
    sms = render_message("meeting_invitation", channel="sms", language="da", meeting=no_guests)
    assert "ikke plads til gæster" in sms.text and "https://" not in sms.text


def test_sms_is_made_gsm7_safe(ctx):
    odd = Meeting(key="m", title="Møde – “havnen” 🚢", starts_at=meeting.starts_at, ends_at=meeting.ends_at,
                  location="Kulturhuset…", max_guests=0)
    sms = render_message("meeting_invitation", channel="sms", language="da", meeting=odd)
    assert is_gsm7(sms.text)
    assert 'Møde - "havnen"' in sms.text and "Kulturhuset..." in sms.text
    email = render_message("meeting_invitation", channel="email", language="da", meeting=odd, leave_url=LEAVE)
    assert "Møde – “havnen”" in email.text  # email keeps what staff wrote


@pytest.mark.parametrize("reason, max_guests, expected", [
    ("guests", 1, "Du kan tage højst 1 gæst med."),
    ("guests", 2, "Du kan tage højst 2 gæster med."),
    ("guests", 0, "Du kan desværre ikke tage gæster med."),
    ("unclear", 1, "JA, NEJ eller MÅSKE."),
])
def test_ask_rsvp_again(ctx, reason, max_guests, expected):
    m = Meeting(key="m", title="Møde", starts_at=meeting.starts_at, ends_at=meeting.ends_at,
                location="Rådhuset", max_guests=max_guests)
    for channel in ("email", "sms"):
        message = render_message("ask_rsvp_again", channel=channel, language="da", meeting=m, reason=reason,
                                 leave_url=LEAVE)
        assert expected in message.text


def test_results_summary_formats_numbers_with_babel(ctx):
    figures = [{"label": "Svar", "count": 1234}, {"label": "Tilfredse", "percent": 0.62}]
    email = render_message("results_summary", channel="email", language="da", title="Trafik", figures=figures,
                           note="Byrådet ser på det i marts.", results_url="https://x.dk/r", leave_url=LEAVE)
    assert "- Svar: 1.234" in email.text and "- Tilfredse: 62\u00a0%" in email.text
    assert "Byrådet ser på det i marts." in email.text
    sms = render_message("results_summary", channel="sms", language="da", title="Trafik", figures=figures,
                         results_url="https://x.dk/r")
    assert "Tilfredse: 62 %" in sms.text and "https://x.dk/r" in sms.text and is_gsm7(sms.text)
    en = render_message("results_summary", channel="email", language="en", title="Trafik", figures=figures,
                        leave_url=LEAVE)
    assert "1,234" in en.text and "62%" in en.text


def test_information_is_wrapped(ctx):
    body = "Dette er en lang tekst fra kommunen. " * 6 + "\n\nNyt afsnit."
    message = render_message("information", channel="email", language="da", subject="Nyt", body=body,
                             leave_url=LEAVE)
    assert message.subject == "Nyt"
    assert all(len(line) <= 72 for line in message.text.splitlines() if "http" not in line)
    assert "\n\nNyt afsnit." in message.text


def test_missing_context_and_unknown_template(ctx):
    with pytest.raises(MissingContext, match="leave_url"):
        render_message("survey_invitation", channel="email", language="da", survey=survey)
    with pytest.raises(MissingContext, match="survey"):
        render_message("survey_invitation", channel="sms", language="da")
    with pytest.raises(MissingContext, match="at least one question"):
        render_message("survey_reminder", channel="sms", language="da", survey=survey, questions=[])
    with pytest.raises(UnknownTemplate):
        render_message("nope", channel="sms", language="da")
    with pytest.raises(render.UnknownChannel):
        render_message("passed_to_staff", channel="fax", language="da")
    with pytest.raises(render.UnknownLanguage):
        render_message("passed_to_staff", channel="sms", language="de")


def test_render_reply_from_the_dialogue(ctx):
    bus, cykler, transport = survey.questions[:3]
    reply = Reply(RECEIPT, recorded=((bus, 5), (cykler, "no")), complete=False)
    message = render_reply(reply, channel="sms", language="da", definition=survey, name="Mette")
    assert "1: 5 ud af 5\n2: Nej" in message.text
    reply = Reply(ASK_AGAIN, recorded=((bus, 2),), ask_about=(transport,), follow_up=True)
    message = render_reply(reply, channel="email", language="da", definition=survey, leave_url=LEAVE)
    assert "spørgsmål 3" in message.text and "   A. Bil" in message.text and "3: B" in message.text

    class Rsvp:
        attending, guests = "yes", 1
    message = render_reply(Reply(RSVP_RECEIPT, rsvp=Rsvp(), meeting=meeting), channel="sms", language="da",
                           name="Mette")
    assert "Tak, Mette! Nu ved vi, at du kommer. Du tager 1 gæst med." in message.text
    message = render_reply(Reply(ASK_RSVP_AGAIN, meeting=meeting, reason="guests"), channel="sms", language="da")
    assert "Du kan tage højst 1 gæst med." in message.text


def test_greeting_without_a_name_and_sender(ctx):
    message = render_message("passed_to_staff", channel="email", language="da", leave_url=LEAVE,
                             sender="Borgerpanelet i Odense")
    assert message.text.startswith("Hej\n")
    assert "Venlig hilsen\nBorgerpanelet i Odense" in message.text
