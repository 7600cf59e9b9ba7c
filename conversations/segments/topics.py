"""The topic words of a question or a clause, and how much two sets of them overlap."""
from __future__ import annotations

import re

from ..text import compound_parts, fold, lemma

_TOPIC_STOP = {"hvor", "hvad", "hvordan", "hvornaar", "hvilke", "hvilken", "hvor", "mange", "du", "din", "dit",
               "dine", "er", "har", "have", "vaere", "det", "der", "den", "de", "en", "et", "i", "paa", "med",
               "til", "af", "for", "om", "at", "og", "eller", "jeg", "mig", "dig", "skal", "kan", "vil",
               "seneste", "sen", "mest", "oftest", "flere", "fler", "mere", "meget", "god", "bedst", "nogen",
               "noget", "ikke", "som", "fra", "ved", "efter", "svar", "bruge", "bo", "komme", "min", "mit",
               "vi", "os", "man", "sig", "saa", "lige", "kun", "alt", "alle", "andet", "nok", "ogsaa", "synes",
               "giver", "give", "faa", "faar", "ny", "nyt", "nye",
               # light verbs say nothing about a topic ("er ikke blevet tømt" is no "hvordan vi kan blive bedre")
               "blive", "bliver", "blevet", "sidste", "seneste",
               # auxiliaries in every tense and the pronouns: no topic ("den tredje var en veninde")
               "var", "vaeret", "havde", "haft", "kunne", "skulle", "ville", "blev", "hun", "han", "hans", "hendes",
               "dem", "deres", "hende", "ham", "sin", "sit", "sine", "jer", "jeres"}



def topic_words(text: str) -> set[str]:
    return {lemma(t) for t in re.findall(r"[^\W\d_]+", text.lower())
            if len(t) >= 3 and fold(t) not in _TOPIC_STOP} - _TOPIC_STOP


_TOPIC_ENDINGS = ("erne", "ene", "en", "et", "er", "ne", "e")


_DERIVED = ("heden", "hed", "ningen", "ning", "elsen", "else")


def _topic_stem(word: str) -> str:
    for end in _DERIVED:  # a noun made from an adjective or verb: "tryghed" -> "tryg", "sikkerhed" -> "sikker"
        if word.endswith(end) and len(word) - len(end) >= 4:
            return word[:-len(end)]
    for end in _TOPIC_ENDINGS:
        if word.endswith(end) and len(word) - len(end) >= 4:
            return word[:-len(end)]
    return word


def overlap(words_a: set[str], words_b: set[str]) -> float:
    """Shared topic words; the last part of a compound counts ("spande" for
    "affaldsspande", "sorteringen" for "affaldssorteringen", "hallerne" for
    "idrætshaller"), and so does the first part ("parkering" for
    "parkeringsplads")."""
    n = 0.0
    for a in words_a:
        sa = _topic_stem(a)
        weak = False
        for b in words_b:
            sb = _topic_stem(b)
            if a == b or (len(sa) >= 5 and sa == sb) or (len(sa) >= 4 and sa != a and sa in (b, sb)) or (
                    len(sb) >= 4 and sb != b and sb in (a, sa)) or (len(a) >= 5 and len(b) > len(a) and b.endswith(a)) or (
                    len(b) >= 5 and len(a) > len(b) and a.endswith(b)) or (
                    len(sa) >= 4 and len(sb) - len(sa) >= 3 and sb.endswith(sa)) or (
                    len(sb) >= 4 and len(sa) - len(sb) >= 3 and sa.endswith(sb)) or (
                    len(a) >= 3 and len(b) >= 7 and b.endswith(a) and a in (compound_parts(b) or ())) or (
                    len(b) >= 3 and len(a) >= 7 and a.endswith(b) and b in (compound_parts(a) or ())):
                n += 1
                weak = False
                break
            if (len(sa) >= 6 and len(sb) - len(sa) >= 3 and sb.startswith(sa)) or (
                    len(sb) >= 6 and len(sa) - len(sb) >= 3 and sa.startswith(sb)):
                weak = True  # the first part of a compound says less than its head
        if weak:
            n += 0.5
    return n
