"""Surveys and a meeting for the phenomenon tests, on topics and with words that appear in no corpus.

The reader is tested one Danish phenomenon at a time (a later correction, a
contrast in a list, a number word, a negation in scope, ...) with replies
written here, never with a corpus's sentences: a rule must hold for the
phenomenon, not for one reply.
"""
from __future__ import annotations

from conversations.definitions import parse_definition
from conversations.reply import read_reply

SNE = parse_definition({
    "kind": "survey", "key": "sne", "title": "Vinter i kommunen",
    "questions": [
        {"number": 1, "key": "rydning", "type": "scale", "min": 1, "max": 5,
         "text": "Hvor tilfreds er du med snerydningen på din vej?",
         "labels": {"1": "Meget utilfreds", "5": "Meget tilfreds"}},
        {"number": 2, "key": "saltet", "type": "yes_no", "text": "Har du selv saltet fortovet i vinter?"},
        {"number": 3, "key": "foerst", "type": "choice", "text": "Hvor skal sneploven køre først?",
         "options": [{"key": "skoleveje", "label": "Skoleveje"}, {"key": "busruter", "label": "Busruter"},
                     {"key": "villaveje", "label": "Villaveje"}, {"key": "stier", "label": "Stier langs åen"}]},
        {"number": 4, "key": "kraefter", "type": "choice", "multiple": True,
         "text": "Hvad skal kommunen bruge flere kræfter på om vinteren?",
         "options": [{"key": "sauna", "label": "Sauna ved havnen"},
                     {"key": "skoejter", "label": "Skøjtebane på torvet"},
                     {"key": "shelter", "label": "Shelters i skoven"},
                     {"key": "baal", "label": "Bålpladser"},
                     {"key": "kajak", "label": "Kajakbro"}]},
        {"number": 5, "key": "dage", "type": "number", "min": 0, "max": 60,
         "text": "Hvor mange dage var din vej ikke ryddet i januar?"},
        {"number": 6, "key": "forslag", "type": "text", "text": "Har du et forslag til vinteren?"},
    ]})

VINTERMOEDE = parse_definition({
    "kind": "meeting", "key": "vintermoede", "title": "Vintermøde i Sognegården",
    "starts_at": "2027-02-03T19:00:00+01:00", "ends_at": "2027-02-03T21:00:00+01:00",
    "location": "Sognegården, Lille Sal", "max_guests": 2})


def read(definition, text, *, awaiting=None, channel=None):
    """Read a reply as an SMS (with `awaiting`) or as the text of an email."""
    channel = channel or ("sms" if awaiting else "email")
    if channel == "email":
        text = ("From: Borger <borger@example.dk>\nTo: svar+abc@panel.example\nSubject: Re: Vinter\n"
                "Content-Type: text/plain; charset=utf-8\n\n" + text)
    return read_reply(channel, text, definition, awaiting=awaiting)
