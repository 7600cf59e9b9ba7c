"""Lists of options: "alle sammen", "det hele undtagen teater", "begge dele", and never a partial list.

A multiple-choice answer names its options one by one (choices.py reads
each), or all of them at once, or all but some ("alt undtagen B", "alle
sammen på nær toget", "everything except", "alles außer"), or both of two.
And a list is read whole or not at all: when a part of it names something
that is no option ("cykelsti og et sted at sætte af"), the answer is asked
again rather than kept without that part.
"""
from __future__ import annotations

import re

from .definitions import Question
from .lexicon import BEFORE_CONTRAST, CONTRAST, RESTRICTING
from .numbers import NUMBER_WORDS
from .text import phrase_regex, words
from .value import UNCLEAR, Value, ok

# --- the table (folded) ------------------------------------------------------------------------------
ALL = ["alle", "alt", "alt sammen", "alle sammen", "det hele", "hele listen", "alle dele", "alle tingene",
       "alle mulighederne", "dem alle", "everything", "all", "all of them", "all of it", "alles", "alle davon"]
EXCEPT = ["undtagen", "untagen", "paa naer", "paanaer", "bortset fra", "minus", "udover", "uden", "andet end",
          "andre end", "saa naer", "men ikke", "except", "but not", "apart from", "ausser", "bis auf", "aber nicht"]
BOTH = ["begge", "begge dele", "begge to", "both", "beide", "beides"]

_ALL_RE = phrase_regex(ALL)
_EXCEPT_RE = re.compile(r"^(?:" + _ALL_RE.pattern + r")(?:\s+\w+){0,2}?\s*,?\s+(?:" +
                        phrase_regex(EXCEPT).pattern + r")\s+(.+)$")
_ALL_ONLY_RE = re.compile(r"^(?:" + _ALL_RE.pattern + r")(?:\s+(?:" + "|".join(
    w for w, n in NUMBER_WORDS.items() if 2 <= n <= 10 and len(w) > 2) + r"|ting|dele|sammen|af\s+dem|of\s+them|"
    r"de\s+\w+))*\s*[.!]*$")
_ALL_START_RE = re.compile(r"^(?:" + _ALL_RE.pattern + r")(?:\s+(?:" + "|".join(
    w for w, n in NUMBER_WORDS.items() if 2 <= n <= 10 and len(w) > 2) + r"|ting|dele|sammen))*\b")
_BOTH_RE = re.compile(r"^(?:" + phrase_regex(BOTH).pattern + r")\s*[.!]*$")

# Parts of a list: cut at commas, "og", "+", "samt", and before a contrast ("veje og stier men ikke
# busser": "men ikke busser" is a part of its own, with or without a comma before it); a part that opens
# like this is a comment on the answer.
_PART_SPLIT_RE = re.compile(r"\s*(?:,|;|\+|&|\bog\b|\bsamt\b|\bplus\b|\band\b|\bund\b)\s*|" + BEFORE_CONTRAST)
_COMMENT_OPENING = {"fordi", "da", "men", "naar", "hvis", "saa", "det", "der", "som", "selvom", "siden", "for", "ellers",
                    "isaer", "bortset", "vi", "jeg", "hun", "han", "de", "dem", "den", "begge", "hvilket", "because",
                    "but", "we", "i", "they", "both", "weil", "aber", "die", "beide"}


# Where the reason for an answer begins: a parenthesis, a dash, a new sentence, "fordi", "da", "because"
_REASON_RE = re.compile(r"\s*[(\[]|\s+-\s+|[.;:!]\s|\s*,\s*(?=(?:da|for|fordi|siden|because|since|as|weil|denn)\b)|"
                        r"\b(?:fordi|because|weil)\b")


def read_all_or_except(stripped: str, q: Question, excluded) -> Value | None:
    """"alle", "det hele undtagen X", "begge dele": the options these name, or None when the text says no such
    thing.  `excluded(text)` gives the option indexes a text names (for what comes after "undtagen")."""
    n = len(q.options)
    own = {w for w in words(q.text) if len(w) >= 4}
    lead = re.match(r"^(?:(?:jeg|vi|vil|gerne|have|har|we|i|want)\s+|(?:\w+)\s+(?=(?:" + _ALL_RE.pattern + r")))+", stripped)
    if lead and all(w in ("jeg", "vi", "vil", "gerne", "have", "har", "we", "i", "want") or w in own or any(
            w.startswith(o[:5]) for o in own if len(o) >= 5) for w in words(lead.group(0))):
        stripped = stripped[lead.end():]  # "vi sorterer det hele" -> "det hele"
    m = _EXCEPT_RE.match(stripped)
    if m:
        # "alle undtagen D (mine børn er store nu)", "... undtagen B, da vi ikke ...": the reason is no part of it
        ex = excluded(_REASON_RE.split(m.group(m.lastindex))[0])
        if not ex:
            return UNCLEAR  # "alle undtagen noget": which?
        return ok([o.key for i, o in enumerate(q.options) if i not in ex], 0.9)
    m_all = _ALL_START_RE.match(stripped)
    if _ALL_ONLY_RE.match(stripped) or (m_all and not excluded(stripped[m_all.end():]) and "," not in stripped[
            :m_all.end()]) or (m_all and set(excluded(stripped[m_all.end():])) == set(range(n))):
        # "alle", "alle tre ting trænger", "alle tre (veje, stier og busser)"; not "alle busserne"
        said = [NUMBER_WORDS[w] for w in words(stripped) if w in NUMBER_WORDS and NUMBER_WORDS[w] >= 2]
        if said and said[0] != n:
            return UNCLEAR  # "alle tre" with four options
        return ok([o.key for o in q.options], 0.95)
    if _BOTH_RE.match(stripped):
        return ok([o.key for o in q.options[:2]], 0.95) if n == 2 else UNCLEAR
    return None


def list_parts(folded: str, fillers: set[str]) -> list[str]:
    """The parts of a list that may name options: cut at commas, "og", "+"; a comment after them left out."""
    out: list[str] = []
    for part in _PART_SPLIT_RE.split(folded):
        toks = words(part)
        if not toks or (out and toks[0] in _COMMENT_OPENING):
            continue
        if [t for t in toks if t not in fillers and not t.isdigit()]:
            out.append(part)
    return out


def unexplained_part(folded: str, q: Question, names, fillers: set[str]) -> bool:
    """Does a part of a list name something that is no option (so the list read may be partial)?
    `names(part)` tells whether a part names an option."""
    found_any = False
    for part in _PART_SPLIT_RE.split(folded):
        toks = words(part)
        if not toks:
            continue
        if found_any and toks[0] in CONTRAST and set(toks) & RESTRICTING and names(part):
            return True  # "A og B, men kun A", "... men egentlig B": a contrast that narrows the list
        if found_any and toks[0] in _COMMENT_OPENING:
            continue
        content = [t for t in toks if t not in fillers and not t.isdigit()]
        if not content:
            continue
        if names(part):
            found_any = True
            continue
        return True
    return False


