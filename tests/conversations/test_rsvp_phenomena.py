"""Meeting replies: answers taken back later, acknowledgements that are no yes, parties counted, other languages."""
from __future__ import annotations

import pytest

from tests.conversations.phenomena import SNE, VINTERMOEDE, read


@pytest.mark.parametrize("text,rsvp", [
    # a yes taken back later in the message, and a no taken back
    ("Ja, jeg kommer. Nej vent, jeg har jo kor den aften, så desværre nej.", ("no", 0)),
    ("Vi kan desværre ikke. Hov, vi kan alligevel godt, vi kommer begge to!", ("yes", 1)),
    ("Jeg kommer gerne.\n\nPS. Jeg kommer alligevel ikke, har fået vagt.", ("no", 0)),
    # a negation a few words after the verb
    ("Jeg kommer alligevel ikke", ("no", 0)),
    ("Vi kommer nu heller ikke", ("no", 0)),
    # the party
    ("Vi er tre", ("yes", 2)),
    ("Ja, vi kommer begge to", ("yes", 1)),
    # English and German
    ("I'll be there with my wife", ("yes", 1)),
    ("Sorry, I can't make it that evening", ("no", 0)),
    ("Maybe, I'll let you know", ("maybe", 0)),
    ("Two of us will come", ("yes", 1)),
    ("Ich komme gerne mit meiner Frau", ("yes", 1)),
    ("Leider kann ich nicht", ("no", 0)),
    ("Vielleicht", ("maybe", 0)),
    ("Wir kommen zu dritt", ("yes", 2)),
    # a conclusion drawn at the end, after the reasons, is the answer
    ("Ja gerne ... hov, vi skal til barnedåb den dag. Så nej.", ("no", 0)),
    ("Nej, det tror jeg ikke. Jo, svømningen er aflyst. Altså ja", ("yes", 0)),
    # what the meeting offers is asked about, not who comes along
    ("Ja tak. Er der en tolk til stede?", ("yes", 0)),
    ("Jeg kommer. Is there an interpreter?", ("yes", 0)),
    # written for the panelist, who answers in the third person
    ("Jeg skriver for min farmor. Hun kommer meget gerne", ("yes", 0)),
    ("Jeg svarer på vegne af min onkel: han er desværre bortrejst", ("no", 0)),
    # a formal salutation is no part of the answer
    ("Sehr geehrte Damen und Herren,\n\nich komme gerne.", ("yes", 0)),
    ("Til rette vedkommende\n\nJeg deltager gerne", ("yes", 0)),
    # how long one stays is no party and no decline
    ("Jeg kommer, men smutter inden kaffen og bliver ikke hele mødet", ("yes", 0)),
    # an apology after the answer is no correction of it
    ("Kan ikke deltage undskyld, vi er på Fanø", ("no", 0)),
    ("Won't make it sorry, we are moving house", ("no", 0)),
    # a word between the verb's parts
    ("We will both attend", ("yes", 1)),
    ("I will certainly be there", ("yes", 0)),
    # a doubt with the subject after the verb ("så ved jeg ikke") takes a yes down to a maybe
    ("Jo da. Så ved vi ikke", ("maybe", 0)),
    ("Kommer! Eller hvad ved jeg", ("maybe", 0)),
    ("Gerne, det ved jeg bare ikke helt", ("maybe", 0)),
    # ... unless a "men" after it gives the answer
    ("Det ved vi egentlig ikke, men vi dukker op", ("yes", 0)),
])
def test_rsvp(text, rsvp):
    r = read(VINTERMOEDE, text, channel="sms")
    assert r.intent == "rsvp"
    assert (r.rsvp.attending, r.rsvp.guests) == rsvp


@pytest.mark.parametrize("text", [
    "Ok", "Okay.", "Modtaget", "Tak for invitationen", "👍",
    # a yes and a no with no word that takes one back: which?
    "Ja tak, jeg kommer. Jeg kan desværre ikke.",
    # more people than the meeting allows are never cut silently
    "Vi kommer fem",
    # a doubt alone answers nothing; beside a no: which?
    "Det ved vi ikke", "Næ. Så ved jeg ikke",
    # someone else in the invited person's place: whose seat?
    "Jeg deltager – nej, min svigerfar deltager i mit sted", "My neighbour will come instead of me",
])
def test_no_rsvp_is_recorded_without_a_clear_answer(text):
    r = read(VINTERMOEDE, text, channel="sms")
    assert r.intent == "unclear" and r.rsvp is None


def test_a_later_occasion_says_nothing_about_this_meeting():
    r = read(VINTERMOEDE, "Jeg kan ikke denne gang, men kommer gerne næste gang", channel="sms")
    assert (r.intent, r.rsvp.attending) == ("rsvp", "no")


def test_a_condition_on_someone_who_helps_is_a_maybe():
    r = read(VINTERMOEDE, "Jeg er med, hvis min søn kan køre mig. Ellers må jeg sige nej.", channel="sms")
    assert (r.intent, r.rsvp.attending, r.rsvp.guests) == ("rsvp", "maybe", 0)


def test_a_party_that_depends_on_a_condition_is_asked():
    r = read(VINTERMOEDE, "Hvis min mand får fri kommer vi to, ellers kommer jeg alene", channel="sms")
    assert r.intent == "unclear" and r.rsvp is None


@pytest.mark.parametrize("text,rsvp", [
    ("Jeg skal nok komme", ("rsvp", "yes", 0)),               # "skal nok" promises; "kommer nok" hedges
    ("Jeg kommer nok", ("rsvp", "maybe", 0)),
    ("Jeg kommer, evt. med min søster", ("unclear", None, None)),   # a doubt about the companion: how many?
])
def test_nok_and_evt(text, rsvp):
    r = read(VINTERMOEDE, text, channel="sms")
    assert (r.intent, r.rsvp and r.rsvp.attending, r.rsvp and r.rsvp.guests) == rsvp


def test_alone_said_last_wins_over_a_colleague_mentioned_before():
    r = read(VINTERMOEDE, "Nej, det kan jeg ikke. Hov, jeg har byttet vagt med en kollega, så jeg kan alligevel! "
                          "Jeg kommer alene.", channel="sms")
    assert (r.intent, r.rsvp.attending, r.rsvp.guests) == ("rsvp", "yes", 0)


def test_english_we_and_both_of_us():
    r = read(VINTERMOEDE, "We'd love to come, both of us", channel="sms")
    assert (r.intent, r.rsvp.attending, r.rsvp.guests) == ("rsvp", "yes", 1)


def test_someone_a_condition_is_about_is_no_guest():
    r = read(VINTERMOEDE, "Jeg vil gerne, men det kommer an på om min nabo kan køre mig", channel="sms")
    assert r.intent == "rsvp" and r.rsvp.guests == 0


@pytest.mark.parametrize("text,rsvp", [
    # who the writer asks or checks with first is not said to come along
    ("Jeg skal lige snakke med min svigerinde, vender tilbage", ("maybe", 0)),
    ("Jeg kommer med min fætter. Har spurgt min søster, hun bliver hjemme", ("yes", 1)),
    ("I'll check with my husband and let you know", ("maybe", 0)),
    # "m" for "med" in a text message, and companions counted in English words
    ("kommer m min svoger", ("yes", 1)),
    ("Yes please, plus two friends from the choir", ("yes", 2)),
])
def test_who_comes_along(text, rsvp):
    r = read(VINTERMOEDE, text, channel="sms")
    assert (r.intent, r.rsvp and (r.rsvp.attending, r.rsvp.guests)) == ("rsvp", rsvp)


@pytest.mark.parametrize("text", [
    # whether someone may come along is what the reply asks: the service answers, then asks again
    "Ja tak. Kan min svoger også komme med?",
    "Gerne! Er det ok at jeg tager min fætter med?",
    # a yes taken back with no new answer after it
    "Ja tak. Nej vent.",
])
def test_a_party_in_question_or_a_bare_take_back_is_asked(text):
    r = read(VINTERMOEDE, text, channel="sms")
    assert r.intent == "unclear" and r.rsvp is None


def test_a_take_back_marker_alone_is_no_answer_and_the_later_answer_stands():
    # "Nej vent" before a question to staff takes back nothing by itself; the answer after it stands
    r = read(VINTERMOEDE, "Ja! Nej vent, hvilken sal er det? Nå, den lille. Ja.", channel="sms")
    assert (r.intent, r.rsvp.attending) == ("rsvp", "yes")


@pytest.mark.parametrize("text,rsvp", [
    ("ja, to gæster", ("yes", 2)),   # "to" is Danish here: nothing else in the reply is English
    ("Ja tak, 1 ledsager", ("yes", 1)),
])
def test_guests_counted_as_guests(text, rsvp):
    r = read(VINTERMOEDE, text, channel="sms")
    assert (r.intent, (r.rsvp.attending, r.rsvp.guests)) == ("rsvp", rsvp)


@pytest.mark.parametrize("text", ["Jeg kommer med min svoger. Eller måske tre af os", "Ja, og en kollega, måske flere"])
def test_a_second_count_offered_as_an_alternative_is_asked(text):
    r = read(VINTERMOEDE, text, channel="sms")
    assert r.intent == "unclear" and r.rsvp is None


def test_a_writer_who_comes_along_with_the_one_written_for_is_not_read_as_the_panelist():
    # "jeg" is the writer here, "han" the panelist: never the writer alone
    r = read(VINTERMOEDE, "Jeg skriver på vegne af min morfar. Han vil gerne med, og jeg følger ham derhen.", channel="sms")
    assert r.rsvp is None or r.rsvp.guests == 1


@pytest.mark.parametrize("text", ["We will all be there", "Vi kommer hele familien"])
def test_a_party_of_unknown_size_is_asked_about(text):
    assert read(VINTERMOEDE, text, channel="sms").rsvp is None


@pytest.mark.parametrize("definition,text", [
    # news about the member is read by a person, never answered with "we did not understand"
    (VINTERMOEDE, "Min svigermor er død i oktober, så hun deltager ikke"),
    (VINTERMOEDE, "Han er gået bort. Venlig hilsen hans datter"),
    (VINTERMOEDE, "We moved away last spring"),
    (SNE, "Jeg er fraflyttet til Vejle Kommune"),
    (SNE, "Vi bor ikke længere i byen"),
])
def test_news_about_the_member_goes_to_a_person(definition, text):
    r = read(definition, text, channel="sms")
    assert r.intent == "other" and not r.answers and r.rsvp is None, r
