"""An English panelist gets the survey in English where staff wrote English, and in Danish where they did not."""
from __future__ import annotations

import pytest

from conversations.definitions import parse_definition
from conversations.dialogue import ASK_AGAIN, RECEIPT, Reply
from engagement.messages.render import render_message, render_reply
from tests.surveys.test_bilingual_definitions import MEETING, SURVEY

LEAVE = "https://borgerpanel.example.dk/p/demo/frameld/TOKEN"
survey = parse_definition(SURVEY)
meeting = parse_definition(MEETING)


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield app


def test_the_english_invitation_has_the_english_texts_and_danish_where_none(ctx):
    email = render_message("survey_invitation", channel="email", language="en", survey=survey, name="Mette",
                           leave_url=LEAVE)
    assert "Traffic in town" in email.subject
    assert "How satisfied are you with the buses?" in email.text
    assert "1 = Very dissatisfied, 5 = Meget tilfreds" in email.text  # the untranslated label stays Danish
    assert "A. Car" in email.text and "B. Bus" in email.text and "C. On foot" in email.text
    assert "Hvordan kommer du på arbejde?" in email.text  # no English written for this question
    assert "Hvor tilfreds" not in email.text and "Til fods" not in email.text


def test_the_danish_invitation_is_unchanged_by_the_english_texts(ctx):
    email = render_message("survey_invitation", channel="email", language="da", survey=survey, name="Mette",
                           leave_url=LEAVE)
    assert "Trafik i byen" in email.subject and "Hvor tilfreds er du med busserne?" in email.text
    assert "Car" not in email.text and "How satisfied" not in email.text


def test_english_sms_questions_receipts_and_meetings(ctx):
    sms = render_message("survey_invitation", channel="sms", language="en", survey=survey, name="Mette")
    assert "How satisfied are you with the buses?" in sms.text and sms.is_gsm7
    receipt = render_reply(Reply(RECEIPT, recorded=((survey.questions[1], "bil"), (survey.questions[2], "yes")),
                                 complete=True), channel="email", language="en", definition=survey,
                           name="Mette", leave_url=LEAVE)
    assert "Car" in receipt.text and "Do you cycle?" in receipt.text
    again = render_reply(Reply(ASK_AGAIN, ask_about=(survey.questions[0],)), channel="sms", language="en",
                         definition=survey, name="Mette")
    assert "How satisfied are you with the buses?" in again.text
    invitation = render_message("meeting_invitation", channel="email", language="en", meeting=meeting,
                                name="Mette", leave_url=LEAVE)
    assert "Public meeting on the harbour" in invitation.text and "The Culture House" in invitation.text


def test_every_email_to_a_citizen_links_to_the_privacy_notice(ctx):
    from engagement.messages.render import NO_LEAVE_LINK, TEMPLATES
    from tests.messages.test_render import context_for

    for template in TEMPLATES:
        if template in NO_LEAVE_LINK:
            continue
        for language in ("da", "en"):
            message = render_message(template, channel="email", language=language,
                                     **{**context_for(template), "leave_url": LEAVE})
            footer = message.text.rsplit("\n--\n", 1)[-1]
            assert "https://borgerpanel.example.dk/p/demo/privatliv" in footer, (template, language)
            assert LEAVE in footer
