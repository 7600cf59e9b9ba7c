"""The evidence check: a value is recorded only when the words that gave it are found and nothing else in
its segment or its message could change it.  Otherwise the question is unclear and the service asks: a wrong
answer costs more than a question asked twice.

Where each kind of doubt is caught:

- a correction later in the message (a new sentence, a paragraph, a PS) that cannot be placed: corrections.py
  asks again about every question it may concern;
- a negation in scope: options.option_mentions (a negated option), yesno, scales ("ikke tilfreds");
- a hedge: choices ("måske", "cirka", "evt."), rsvp (maybe), numbers (vague quantities: "et par stykker");
- a second candidate: numbers.numbers_in (two numbers, a number in words beside one in digits, a range),
  choices (two options for one answer), reader.Found (two values for one question without a correction);
- a list part that names no option: lists.unexplained_part and choices._explains;
- a value in words taken partly back by a contrast ("tilfreds, men ikke om vinteren"), a doubt after the verb
  ("Så ved jeg ikke"), a value under a condition ("ville give 4 hvis ..."): `check` below;
- a contrast that narrows a list or takes an item back ("A og B men kun A"): lists.unexplained_part and
  options.partial_options; a count with something added ("to, plus ..."): counts; a yes/no about another
  time than the question's present ("før i tiden ja"): yesno;
- loose readings (free prose, answers by position) count for less, and below THRESHOLD a value is unclear.
"""
from __future__ import annotations

import re

from .text import fold
from .value import UNCLEAR, Value

THRESHOLD = 0.6
# Values read from loose text are discounted.  A value from a prose clause is worth at most PROSE_CAP; less
# when the clause does not use its question's own words (it was placed by an option or a grade alone), and
# less again when the reading itself was weak (a verb for an option, a close form of a label, a yes from the
# question's verb).  Answers in question order (by position) are discounted when a piece is a sentence.
# Checked on the five labelled corpora: cutting weak prose readings placed without a topic (a factor of 0.8,
# under THRESHOLD) lost six right answers ("jeg går" for Til fods, "lejlighed", "har lånt bøger") and
# prevented no wrong one, so the factors keep them above THRESHOLD; what a value needs is a clear signal,
# which the rules below demand, and a further doubt on top of these discounts falls under THRESHOLD.
PROSE_CAP = 0.8
NO_TOPIC = 0.9
WEAK_READING = 0.9
POSITION_SENTENCE = 0.85


def prose_confidence(confidence: float, by_topic: bool) -> float:
    return min(confidence, PROSE_CAP) * (1.0 if by_topic else NO_TOPIC) * (1.0 if confidence >= 0.9 else WEAK_READING)


# "tryg nok, men ikke om vinteren", "ja, men ikke i weekenden": a value in words, then taken partly back
# ... but not a memory: "ja, men kan ikke huske hvornår" is a yes
_QUALIFIED_RE = re.compile(r"\b(?:men|but|aber|dog)\b[^.!?]*?(?<!ved )(?<!husker )(?<!aner )\b(?:ikke|ik|not|nicht|aldrig|"
                           r"never|kun|only|nur)\b(?!\s+(?:\w+\s+)?(?:huske|vide|sige|remember|know)\b)")


# A doubt with the subject after the verb (Danish word order after "så", "det", "hvad"), ending its clause:
# "Ja. Så ved jeg ikke", "det ved vi bare ikke helt", "eller hvad ved jeg".  It takes down the answer beside
# it, unless a "men" after it gives the answer ("det ved jeg ikke, men ja").
DOUBT_RE = re.compile(
    r"\bved\s+(?:jeg|vi)\s+(?:det\s+)?(?:(?:bare|nu|altsaa|jo|simpelthen|egentlig|endnu)\s+){0,2}(?:ikke|ikk|ik)"
    r"(?:\s+(?:helt|rigtig|lige|endnu))?(?=\s*(?:[.!,;?]|$))|\bhvad\s+ved\s+(?:jeg|vi)(?=\s*(?:[.!,;?]|$))")


def doubted(folded: str) -> bool:
    """A ``DOUBT_RE`` doubt that no later "men" answers."""
    return bool(DOUBT_RE.search(re.split(r"\s+men\s+", folded)[-1]))


def check(q, text: str, v: Value) -> Value:
    """The last look at one value read from one text for one question."""
    if v.ok and q.type in ("scale", "yes_no") and not re.search(r"\d", text) and _QUALIFIED_RE.search(fold(text)):
        return UNCLEAR
    if v.ok and q.type != "text" and doubted(fold(text)):
        return UNCLEAR
    if v.ok and q.type in ("scale", "yes_no") and _CONDITION_RE.search(_CONTRAST_RE.split(fold(text))[0]):
        return UNCLEAR
    return v


# A value said under a condition: "ville give 4 hvis de kom til tiden", "ja, medmindre det regner" (and
# now?); a condition after a contrast is about something else ("6, men det ku være bedre hvis ...")
_CONDITION_RE = re.compile(r"\b(?:hvis|medmindre|med\s+mindre|if|unless|wenn|falls)\b")
_CONTRAST_RE = re.compile(r"\b(?:men|but|aber)\b")
