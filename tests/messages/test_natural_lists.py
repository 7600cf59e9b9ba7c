"""Issue 15, point 7: choices in receipts read as Danish (and English) prose."""
from __future__ import annotations

import pytest

from conversations.definitions import parse_definition
from conversations.dialogue import RECEIPT, Reply
from engagement.messages.render import describe_answer, in_running_text, natural_list, render_reply

WASTE = parse_definition({
    "kind": "survey", "key": "affald", "title": "Affald",
    "questions": [{"number": 1, "key": "sorterer", "type": "choice", "multiple": True, "text": "Hvad sorterer du?",
                   "options": [{"key": "papir", "label": "Papir og pap"}, {"key": "mad", "label": "Madaffald"},
                               {"key": "glas", "label": "Glas"}, {"key": "plast", "label": "Plast"},
                               {"key": "dsb", "label": "DSB-kort"}, {"key": "aarhus", "label": "Aarhus Kommunes spande"}]}]})
SORTS = WASTE.questions[0]


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield


@pytest.mark.parametrize("label, expected", [
    ("Plast", "plast"), ("Papir og pap", "papir og pap"), ("DSB-kort", "DSB-kort"), ("MitID", "MitID"),
    ("Aarhus Kommunes spande", "Aarhus Kommunes spande"), ("glas", "glas"), ("", ""),
])
def test_a_label_in_running_text(label, expected):
    assert in_running_text(label) == expected


@pytest.mark.parametrize("values, language, expected", [
    (["plast", "glas"], "da", "plast og glas"),
    (["papir", "mad", "glas"], "da", "papir og pap, madaffald og glas"),
    (["papir", "mad"], "da", "papir og pap og madaffald"),
    (["glas", "dsb"], "da", "glas og DSB-kort"),
    (["plast", "glas"], "en", "plast and glas"),
    (["papir", "mad", "glas"], "en", "papir og pap, madaffald, and glas"),
])
def test_multiple_choices_read_as_a_list(ctx, values, language, expected):
    assert describe_answer(SORTS, values, language) == expected


def test_one_choice_keeps_its_label(ctx):
    assert describe_answer(SORTS, ["plast"], "da") == "Plast"
    assert describe_answer(SORTS, "glas", "da") == "Glas"


def test_natural_list_is_babels(ctx):
    assert natural_list(["Plast", "Glas", "Papir"], "da") == "plast, glas og papir"
    assert natural_list(["Plast"], "da") == "plast"


@pytest.mark.parametrize("channel", ["email", "sms"])
def test_the_receipt_says_it_in_running_text(ctx, channel):
    reply = Reply(RECEIPT, recorded=((SORTS, ["papir", "mad", "glas"]),), complete=True)
    text = render_reply(reply, channel=channel, language="da", definition=WASTE, name="Mette",
                        leave_url="https://example.invalid/leave").text
    assert "papir og pap, madaffald og glas" in text
    assert "Papir og pap og Madaffald" not in text and "Glas" not in text
