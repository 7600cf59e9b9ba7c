"""Yes/no answers: yes and no words, "det gør jeg ikke", the question's own verb said back."""
from __future__ import annotations

import re

from .corrections import with_correction
from .definitions import Question
from .lexicon import NEGATIONS
from .options import CHOICE_STOP
from .text import lemma, same_word, standard_words, words
from .value import DONT_KNOW_RE, EMPTY_RE, MEMORY_RE, NONE, UNCLEAR, Value, ok

YES_WORDS = {"ja", "jo", "jow", "jep", "jeps", "jepper", "jah", "jaa", "jaaa", "ja-da", "jada", "joda", "jojo",
             "yes", "yep", "yeah", "ok", "okay", "oki", "selvfoelgelig", "selvf", "gerne", "absolut",
             "bestemt", "klart", "sikkert", "korrekt", "rigtigt", "rigtig", "japper", "javel", "sagtens",
             "ofte", "altid", "jaja", "yup", "jamen"}
NO_WORDS = {"nej", "naj", "naej", "nix", "nope", "nae", "naeh", "naee", "neej", "nej-tak", "no", "nah", "nejda",
            "aldrig", "nej,", "nixen", "ikke", "naa"}
# Multi-word forms, checked on folded text with word boundaries.
NO_PHRASES = ["ikke rigtig", "slet ikke", "overhovedet ikke", "ikke rigtigt", "ikke endnu",
              "det goer jeg ikke", "det har jeg ikke", "det er jeg ikke", "det kan jeg ikke",
              "det vil jeg ikke", "ikke saerlig", "ikke saa meget"]
YES_PHRASES = ["det goer jeg", "det har jeg", "det er jeg", "det kan jeg", "det vil jeg",
               "det skal jeg", "det gjorde jeg"]



STRONG_YES = {"ja", "jo", "jow", "jep", "jeps", "jepper", "jah", "jaa", "jaaa", "jaah", "yes", "yep", "yup", "yeah",
              "ok", "okay", "oki", "jada", "joda", "jojo", "jaja", "japper", "javel", "jamen", "jo-da"}
FIRST_YES = {"selvfoelgelig", "selvf", "gerne", "absolut", "bestemt", "klart", "sagtens", "altid", "ofte",
             "korrekt", "rigtigt", "sikkert", "hver", "dagligt", "tit"}
STRONG_NO = {"nej", "naj", "naej", "nix", "nope", "nae", "naeh", "naee", "neej", "nejj", "nah", "nejda", "no", "nixen", "nein",
             "nehej", "naa", "ne"}
FIRST_NO = {"aldrig", "ikke", "ik", "ikk", "sjaeldent"}
# "det gør vi sgu da", "det har hun ikke": any subject, with the small words of speech
_SUBJ = r"(?:jeg|vi|han|hun|de|vi\s+begge|vi\s+alle|begge)"
_FILL = r"(?:\s+(?:sgu|da|jo|nu|bare|skam|altsaa|saamaend|faktisk|helt|ogsaa|godt|selvfoelgelig|klart|vel|nok|" \
        r"desvaerre|egentlig|stadig|heller))*"
_NEG = r"(?:ikke|ik|ikk|ikkke|aldrig)"
_NO_PHRASE_RE = re.compile(
    r"\b(?:ikke\s+rigtig(?:t)?|slet\s+ikke|overhovedet\s+ikke|ikke\s+endnu|ikke\s+saerlig(?:t)?|"
    r"det\s+(?:goer|har|er|kan|vil|gjorde|skal|bliver|var|havde|synes|mener|tror)\s+" + _SUBJ + _FILL + r"\s+" + _NEG + r"|"
    r"" + _SUBJ + r"\s+(?:goer|har|er|kan|vil|gjorde)\s+(?:det\s+)?" + _NEG + r"(?=\s*(?:[,.!;-]|$)))")
_YES_PHRASE_RE = re.compile(
    r"\b(?:det\s+(?:goer|har|er|kan|vil|gjorde|skal|bliver|var|havde|synes|mener)\s+" + _SUBJ + r"|"
    r"" + _SUBJ + r"\s+(?:goer|har|er|gjorde)\s+det)\b" + _FILL + r"(?!\s+" + _NEG + r")(?=\W|$)")
# A question about a difficulty ("Er det svært at ...?") is answered no by
# "det er ikke noget problem" and yes by "det er et stort problem".
_DIFFICULTY = {"svaer", "svaert", "svaere", "vanskelig", "vanskeligt", "besvaerlig", "besvaerligt", "problem",
               "problemer", "problematisk", "umulig", "umuligt", "bøvlet", "boevlet", "besvaer"}
_NO_PROBLEM_RE = re.compile(r"\b(?:ikke|ik|ikk|intet|ingen)\s+(?:noget\s+|nogen\s+|et\s+|store?\s+|saerlig(?:t|e)?\s+)?"
                            r"(?:problem(?:er)?|besvaer|issue)\b|\b(?:ikke|ik|ikk)\s+(?:saa\s+)?(?:svaert|vanskeligt|"
                            r"besvaerligt|boevlet)\b")
_PROBLEM_RE = re.compile(r"^(?:det\s+er\s+)?(?:et|stort|kaempe|et\s+stort|et\s+kaempe)\s+problem\b|"
                         r"\bdet\s+er\s+(?:et\s+)?(?:stort\s+|kaempe\s+)?problem(?:atisk)?\b")
_AUXILIARIES = {"har", "er", "vil", "kan", "skal", "bliver", "goer", "maa", "burde", "ville", "kunne", "var",
                "havde", "synes", "mener", "tror", "oensker"}
_QUESTION_STOP = {"du", "i", "de", "jeg", "vi", "det", "der", "dig", "din", "dit", "dine", "man"}


def echo_verbs(q: Question) -> set[str]:
    """Lemmas of the verbs a yes/no question may be answered with.

    "Cykler du til arbejde?" is answered "jeg cykler" / "cykler ikke";
    "Har du brugt biblioteket?" with "har brugt det" / "har ikke brugt".
    """
    toks = words(q.text)
    if not toks:
        return set()
    first = toks[0]
    out = set()
    if first in _AUXILIARIES:
        # the main verb is the first word after the subject that is not a pronoun
        for t in toks[1:4]:
            if t in _QUESTION_STOP:
                continue
            out.add(lemma(t))
            break
    else:
        out.add(lemma(first))
        out.add(first)
    return {v for v in out if len(v) >= 3}


# "Overvejer du at flytte ...?", "Planlægger du at anskaffe ...?": a verb of intent, then the verb the
# answer uses ("vi skal ikke flytte", "vil gerne flytte", "flytter ikke")
_INTENT_Q_RE = re.compile(r"^(?:overvejer|planlaegger|paataenker|agter|oensker|forventer|regner|taenker|har|"
                          r"kunne|vil|skal)\s+(?:du|i)\s+(?:(?:med|paa|lyst\s+til|planer\s+om|tanker\s+om)\s+)?"
                          r"(?:at\s+)?(?:(?:\w+\s+)?at\s+)?([a-z]{3,})\b")
_HEDGES = {"maaske", "muligvis", "evt", "eventuelt", "nok", "maybe", "maske"}


def intended_verb(q: Question) -> str | None:
    """The verb after "at" in a question about an intention ("Overvejer du at flytte?" -> "flytte")."""
    m = _INTENT_Q_RE.match(" ".join(words(q.text)))
    if not m or not re.search(r"\bat\s+" + m.group(1) + r"\b", " ".join(words(q.text))):
        return None
    return m.group(1)


def _intent_answer(toks: list[str], q: Question) -> Value:
    """"Vi skal ikke flytte" (no), "vil gerne flytte i hus" (yes), "flytter ikke" (no) to a question
    about an intention: the intended verb in the infinitive or present, negated or not.  Past forms
    ("vi er flyttet") say nothing about what is planned."""
    verb = intended_verb(q)
    if verb is None:
        return NONE
    for i, t in enumerate(toks):
        if t not in (verb, verb + "r"):
            continue
        before, after = toks[max(0, i - 5):i], toks[i + 1:i + 3]
        if any(w in _HEDGES for w in before + after):
            return UNCLEAR
        if any(w in NEGATIONS for w in before + after[:1]):
            return ok("no", 0.85)
        if t == verb and not any(w in ("vil", "skal", "gerne", "at", "kommer", "ville", "skulle", "regner",
                                       "planlaegger", "overvejer", "agter", "paataenker") for w in before[-3:]):
            return NONE  # a bare infinitive: "at flytte er dyrt"
        return ok("yes", 0.85)
    return NONE


# Past forms of common irregular verbs, by lemma: "Har du været hos lægen?" - "Jeg var hos lægen i maj"
_PAST_FORMS = {"vaeret": {"var"}, "haft": {"havde"}, "gaaet": {"gik"}, "set": {"saa"}, "faaet": {"fik"},
               "taget": {"tog"}, "kommet": {"kom"}, "givet": {"gav"}, "ligget": {"laa"}, "siddet": {"sad"}}
_GENERIC = {"inden", "seneste", "sidste", "egen", "eget", "egne", "naeste", "mindst", "nogensinde", "gang",
            "gange", "aaret", "maaned", "maaneden", "ugen", "efter", "siden", "hvor", "ofte", "ikke"}


def _past_statement(toks: list[str], q: Question) -> bool:
    """A past statement of a "Har du <participle> ...?" question's own predicate: the verb in a past form
    and, within four words, a content word of the question ("jeg var hos lægen i september")."""
    qt = words(q.text)
    if len(qt) < 4 or qt[0] != "har" or qt[1] not in ("du", "i"):
        return False
    part = qt[2]
    forms = _PAST_FORMS.get(part, set()) | {part}
    content = {t for t in qt[3:] if len(t) >= 4 and t not in _GENERIC and t not in _QUESTION_STOP}
    if not content or any(t in NEGATIONS for t in toks):
        return False
    if any(t in ("siden", "fjor", "aar", "aars", "aarene", "tid") for t in toks):
        return False  # "for to år siden": inside the question's time frame, or not?
    for i, t in enumerate(toks):
        if t in forms or (len(part) >= 4 and t.startswith(part[:-1]) and t.endswith(("te", "de"))
                          and len(t) - len(part) <= 2):
            near = toks[i + 1:i + 5]
            if any(same_word(n, c) or (len(n) >= 4 and lemma(n) == lemma(c)) for n in near for c in content):
                return True
    return False


def _question_content(q: Question) -> set[str]:
    return {t for t in words(q.text) if len(t) >= 4 and t not in _AUXILIARIES and t not in _QUESTION_STOP
            and t not in CHOICE_STOP}


def _negated_auxiliary(toks: list[str], q: Question) -> bool:
    """"Er du medlem af en forening?" - "(jeg) er ikke med i nogen forening":
    the question's own auxiliary, negated, and then nothing else or the
    question's own words.  "det er ikke nemt" says nothing: no answer."""
    qt = words(q.text)
    if not qt or qt[0] not in _AUXILIARIES:
        return False
    aux = qt[0]
    content = _question_content(q)
    for i, t in enumerate(toks[:6]):
        if t != aux:
            continue
        j = i + 1
        while j < len(toks) and toks[j] in ("jeg", "vi", "det", "der", "sgu", "da", "jo", "nu", "altsaa",
                                            "desvaerre", "bare"):
            j += 1
        if j >= len(toks) or toks[j] not in NEGATIONS:
            return False
        rest = [r for r in toks[j + 1:] if r not in CHOICE_STOP and r not in NEGATIONS]
        if not rest:
            return True
        return any(r in content or any(len(r) >= 5 and (c.endswith(r) or c.startswith(r)) for c in content)
                   or any(len(c) >= 5 and r.startswith(c) for c in content) for r in rest[:4])
    return False


# subjects other than the panelist: "min mand cykler", "hun har", "børnene bruger"
_OTHER_SUBJECTS = {"han", "hun", "de", "min", "mit", "mine", "hans", "hendes", "deres", "man", "konen", "manden",
                   "boernene", "ungerne", "naboen", "familien"}


def read_yes_no(text: str, q: Question, strict: bool = False) -> Value:
    return with_correction(_read_yes_no, text, q, strict)


# An answer placed at another time than a question in the present asks about: "før i tiden ja",
# "det gjorde jeg indtil sidste år", "dengang nej" to "Cykler du til arbejde?" say nothing about now.
_OTHER_TIME_RE = re.compile(r"\b(?:foer\s+i\s+tiden|tidligere|dengang|i\s+gamle\s+dage|i\s+sin\s+tid|plejede|"
                            r"indtil\s+(?:for|sidste|i\s+fjor|i\s+sommer|i\s+aar|\d)|"
                            r"(?:det|saa)\s+(?:gjorde|var|havde)\s+(?:jeg|vi))\b")


def _asks_about_now(q: Question) -> bool:
    """The question opens with a verb in the present ("Cykler du ...?", "Bruger I ...?"); "Har du ...?"
    and "Er du ...?" may be perfect ("Har du været ...?") and are left out."""
    qt = words(q.text)
    return bool(qt) and qt[0].endswith("r") and qt[0] not in ("har", "er", "var", "hvor", "hvorfor", "hvad", "hvem")


def _read_yes_no(folded: str, q: Question, strict: bool = False) -> Value:
    if EMPTY_RE.match(folded):
        return NONE
    folded = standard_words(folded)
    toks = words(folded)
    if not toks:
        return NONE
    if strict:
        rest = [t for t in toks if t not in ("tak", "da", "gerne")]
        if len(rest) != 1 or not (rest[0] in STRONG_YES or rest[0] in STRONG_NO):
            if toks not in (["nej", "tak"], ["ja", "tak"]):
                return NONE
    yes = no = False
    if DONT_KNOW_RE.search(folded) and not (toks[0] in STRONG_YES or toks[0] in STRONG_NO):
        return UNCLEAR
    if toks[0] in STRONG_NO and MEMORY_RE.search(folded):
        return UNCLEAR  # "Nej, det kan jeg ikke huske": no, or I don't remember?
    if _NO_PHRASE_RE.search(folded):
        no = True
    elif _YES_PHRASE_RE.search(folded):
        yes = True
    for i, t in enumerate(toks[:12]):
        if t not in STRONG_YES and t not in STRONG_NO and t not in FIRST_NO:
            t = re.sub(r"([a-z])\1+", r"\1", t)  # "jaaa", "neeej", "nejjj"
        if t in STRONG_YES and (i < 3 or len(toks) <= 6):
            yes = True
        elif t in STRONG_NO and (i < 3 or len(toks) <= 6):
            no = True
    if toks[0] in FIRST_YES and not any(t in NEGATIONS for t in toks[:3]):
        yes = True
    if toks[0] in FIRST_NO:
        no = True
    if not yes and not no and _DIFFICULTY & set(words(q.text)):
        if _NO_PROBLEM_RE.search(folded):
            no = True
        elif _PROBLEM_RE.search(folded) and not any(t in NEGATIONS for t in toks):
            yes = True
    if not yes and not no:
        no = _negated_auxiliary(toks, q)
    if not yes and not no and _past_statement(toks, q):
        yes = True
    if not yes and not no:
        v = _intent_answer(toks, q)
        if v.status != "none":
            return v
    if not yes and not no:
        verbs = echo_verbs(q)
        qt = words(q.text)
        aux = qt[0] if qt and qt[0] in _AUXILIARIES else None
        second_person = "du" in qt[:4] or "i" in qt[1:3]
        for i, t in enumerate(toks):
            if lemma(t) in verbs or t in verbs:
                before = toks[max(0, i - 3):i]
                if second_person and not any(w in ("jeg", "vi", "ja", "jo", "nej") for w in before) and any(
                        w in _OTHER_SUBJECTS for w in before):
                    break  # "Min mand cykler til arbejde" to "Cykler du ...?": someone else's answer
                window = toks[max(0, i - 2): i + 3]
                if any(w in NEGATIONS for w in window):
                    no = True
                elif aux in ("har", "er") and not t.endswith("t") and not (
                        aux in toks[max(0, i - 3):i] or (i == 0 and len(toks) <= 3)):
                    # "Har du hund?" - "hunden døde sidste år": the question's noun, but no "har"
                    pass
                else:
                    yes = True
                break
    if yes and no:
        return UNCLEAR
    if (yes or no) and _asks_about_now(q) and _OTHER_TIME_RE.search(folded):
        return UNCLEAR
    if yes and re.search(r"\bmen\b[^.!?]*\b(?:ikke|ik|ikk)\s+(?:laengere|mere)\b|\bmen\b[^.!?]*\b(?:doed|doede|solgt|"
                         r"stoppet|holdt\s+op|flyttet)\b", folded):
        return UNCLEAR  # "ja, men den er død", "ja men ikke længere": a yes taken back
    if yes:
        return ok("yes", 1.0 if toks[0] in STRONG_YES else 0.85)
    if no:
        return ok("no", 1.0 if toks[0] in STRONG_NO else 0.85)
    return NONE


# ---------------------------------------------------------------------------
# Choice
# ---------------------------------------------------------------------------

# Everyday Danish words for common option concepts: an option whose label
# holds one of these words is also named by the others in the group.  Verbs
# ("jeg går", "kører") are weaker than nouns: they only count when no option
