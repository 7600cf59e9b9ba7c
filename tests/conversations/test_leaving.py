"""Leaving the panel, by its parts: a verb that takes someone off and who or what; no more messages; a death
reported by a relative; in Danish, English and German (conversations/leaving.py)."""
from __future__ import annotations

import pytest

from tests.conversations.phenomena import SNE, VINTERMOEDE, read


@pytest.mark.parametrize("text", [
    "Fjern venligst min mailadresse fra jeres system",
    "I må gerne slette mine oplysninger nu",
    "Jeg vil ikke have flere sms'er fra jer",
    "Stop med at skrive til mig",
    "Min mand Poul sov stille ind i december. Jeg læser hans mail for ham.",
    "Would you please delete my details",
    "Take me off the list, thanks",
    "No more texts please",
    "Bitte löschen Sie meine Daten",
    "Tragen Sie mich bitte aus der Liste aus",
    "Schicken Sie mir bitte keine Umfragen mehr",
    # on a panelist's behalf: their number or details taken off
    "Min svigerfar bor nu på plejehjem. I må gerne slette hans nummer",
    "Søster er rejst til Canada for et år, fjern hendes mail tak",
    "My grandmother has moved into care, please delete her details",
    # the number written from, and no more messages of any kind
    "Han er flyttet til Bornholm. Slet venligst nummeret",
    "Stop venligst alle mails fra jer",
    "Jeg vil helst være fri for flere sms'er",
])
def test_leaving(text):
    assert read(SNE, text, channel="sms").intent == "unsubscribe"


@pytest.mark.parametrize("definition,text,intent", [
    (SNE, "Slet mig ikke, jeg vil gerne blive i panelet", "other"),          # staying: a comment
    (SNE, "Stop med at sende sneploven forbi kl. 5, den larmer", "other"),   # a complaint, not leaving
    (SNE, "Automatisk svar: jeg læser ikke sms før mandag", "auto_reply"),
    (VINTERMOEDE, "afmeld mig plz", "unclear"),                              # the meeting or the panel? ask
    (VINTERMOEDE, "Jeg vil gerne afmelde mig mødet", "rsvp"),                # the meeting
    (SNE, "Har I mon hendes nummer i kartoteket?", "other"),                # asks about it, takes nothing off
])
def test_words_of_leaving_that_are_no_leaving(definition, text, intent):
    assert read(definition, text, channel="sms").intent == intent


def test_a_relative_who_died_is_no_leaving_when_the_panelist_answers():
    r = read(SNE, "Nej, ikke i år. Min far døde i november, og det var ham der saltede", awaiting="saltet")
    assert r.intent == "answers" and r.answers == {"saltet": "no"}
