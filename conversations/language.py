"""Which language a reply is written in (Danish, English or German), by its small everyday words.

Residents answer in English, and near the border in German.  The phenomenon
modules read all three with the same engines; where a word means different
things in two languages ("to" is Danish for two, "mit" is German for with),
`language_of` tells which tables apply.  Danish wins a tie: it is the
panel's language.
"""
from __future__ import annotations

from .text import words

# Words that are common in one language and rare or absent in the other two (folded).
_MARKERS = {
    "da": {"jeg", "og", "ikke", "det", "er", "vi", "har", "kan", "til", "paa", "med", "at", "en", "et", "som",
           "kommer", "tak", "hej", "nej", "ja", "mig", "min", "mit", "vores", "ogsaa", "gerne", "desvaerre", "der",
           "af", "for", "men", "skal", "vil", "mvh", "hilsen", "godt", "lidt", "hvis", "saa"},
    "en": {"i", "the", "and", "not", "is", "we", "have", "can", "to", "on", "with", "my", "you", "will", "be",
           "am", "are", "yes", "no", "thanks", "thank", "please", "would", "unfortunately", "sorry", "hi", "hello",
           "dear", "regards", "best", "cannot", "can't", "won't", "i'm", "i'll", "don't", "of", "for", "it",
           "this", "that", "me", "our", "there", "come", "attend", "maybe", "panel", "any", "more"},
    "de": {"ich", "und", "nicht", "ist", "wir", "haben", "kann", "zu", "auf", "mit", "mein", "meine", "meiner",
           "sie", "bitte", "danke", "ja", "nein", "leider", "komme", "kommen", "gerne", "vielleicht", "das",
           "die", "der", "den", "dem", "ein", "eine", "hallo", "gruesse", "gruessen", "freundlichen", "nehmen",
           "keine", "kein", "keinen", "mehr", "nachrichten", "bin", "sind", "aus", "dem", "uns", "auch", "aber"},
}


def language_of(text: str) -> str:
    """"da", "en" or "de": the language whose everyday words the text uses most."""
    toks = words(text)
    if not toks:
        return "da"
    score = {lang: sum(1 for t in toks if t in marks and not any(t in _MARKERS[o] for o in _MARKERS if o != lang))
             for lang, marks in _MARKERS.items()}
    best = max(score, key=lambda lang: (score[lang], lang == "da"))
    if not any(t in _MARKERS[best] and t not in _ALSO_DANISH for t in toks):
        return "da"  # "ja, to gæster": only words that are Danish too ("to", "i")
    return best if score[best] > score["da"] else "da"

# Marker words of another language that are also everyday Danish words: on their own they prove nothing.
_ALSO_DANISH = {"to", "i", "for", "den", "der", "mit"}


def is_foreign(text: str) -> bool:
    return language_of(text) != "da" or other_script(text)


def other_script(text: str) -> bool:
    """Mostly letters of another script (Arabic, Cyrillic, Greek, ...): a reply staff must read."""
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 4 and sum(1 for ch in letters if ord(ch) > 0x24F) > len(letters) / 2


