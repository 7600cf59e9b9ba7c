"""How a text names the options of a choice question: letters, labels in any form, parts and compounds of a
label, everyday words for an option ("går" for "Til fods"), and the words a label is made of.

`option_mentions` finds options named outright (nouns, verbs of an everyday concept, negated ones);
`partial_options` reads a short answer part by part through the labels' distinctive words; `letters` reads
"B", "A og C", "ACD".  choices.py decides what an answer gives from these.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .definitions import Question
from .lexicon import BEFORE_CONTRAST, CONTRAST, NEGATIONS, RESTRICTING
from .text import (
    FOREIGN,
    fold,
    is_word,
    lemma,
    plain_letters,
    same_compound,
    same_word,
    words,
)

CONCEPTS = [
    ({"fods", "fod", "gang", "gaa", "gaaende", "gaaben", "fodgaenger", "gaatur", "spadsere"},
     {"gaar", "gaa", "gaaende", "gik", "spadserer", "til fods"}),
    ({"cykel", "cykle", "cyklen", "cykling", "elcykel", "ladcykel", "cykler"},
     {"cykler", "cykle", "cyklede", "cyklen"}),
    ({"bil", "bilen", "biler", "bilist", "elbil", "privatbil"},
     {"koerer", "koere", "kører"}),
    ({"bus", "bussen", "busser", "busserne", "offentlig", "kollektiv", "kollektivt"},
     set()),
    ({"tog", "toget", "letbane", "letbanen", "s-tog", "metro"}, set()),
    # how one contacts someone: "ringer helst" is by telephone, "kommer ned på kontoret" is in person
    ({"telefon", "telefonen", "tlf", "opkald", "telefonisk"}, {"ringer", "ringe", "ring", "ringede"}),
    ({"fremmoede", "personligt", "personlig"}, {"kommer ned", "komme ned", "kommer forbi", "komme forbi",
                                                "moeder op", "moede op", "kigger forbi", "kigge forbi"}),
    # the municipal recycling site goes by several everyday names
    ({"genbrugsstation", "genbrugsstationen", "genbrugsplads", "genbrugspladsen", "genbrugen", "losseplads",
      "lossepladsen", "genbrugscenter", "genbrugscentret", "genbrugscenteret"}, set()),
]
CHOICE_STOP = {"til", "paa", "med", "i", "af", "for", "og", "eller", "en", "et", "den", "det", "de", "om",
                "fra", "ved", "hos", "at", "som", "der", "jeg", "vi", "mest", "oftest", "bedst", "mere", "flere"}
_LETTER_GROUP_RE = re.compile(r"^[a-z](?:(?:\s*(?:[,+/&]|og|and|und)\s*|\s+)[a-z])*$")
_AND_RE = re.compile(r"\b(?:og|and|und)\b")
ANSWER_PREFIX_RE = re.compile(r"^(?:svar|mit\s+svar|svaret|mulighed|option|valg)\s*[:.\-]?\s*")


_SOMEONE_ELSE = {"han", "hun", "de", "naboen", "manden", "konen", "min", "mit", "mine", "vores", "hans", "hendes",
                 "soennen", "datteren", "boernene"}


def _is_passenger(toks: list[str], pos: int) -> bool:
    """Is the writer carried rather than going themselves: the verb's object is "mig"/"os", or "med" and
    someone follows it, or someone else is its subject?"""
    after, before = toks[pos + 1:pos + 3], toks[max(0, pos - 2):pos]
    return bool(after) and (after[0] in ("mig", "os") or (after[0] == "med" and len(after) > 1 and after[1] in (
        "ham", "hende", "dem", "min", "mit", "mine", "naboen", "andre", "nogen"))) or (
        any(t in _SOMEONE_ELSE for t in before) and "jeg" not in before and "vi" not in before)


def _names_another(token: str, token_lemma: str, idx: int, label_toks: list[list[str]]) -> bool:
    """A word of another option's own label names that option, not this one by their shared concept:
    with "På almindelig cykel" and "På elcykel", "elcykel" is the second and "cykel" the first."""
    own = {t for t in label_toks[idx]}
    if token in own or token_lemma in own:
        return False
    return any(token in ltoks or token_lemma in ltoks for j, ltoks in enumerate(label_toks) if j != idx)


def label_text(option) -> str:
    """An option's labels in every language as one text, the languages as alternatives ("Bil / Car")."""
    return " / ".join(option.labels)


def label_tokens(label: str) -> list[str]:
    return [t for t in words(label) if t not in CHOICE_STOP] or words(label)


def concepts_for(label_tokens: list[str]) -> tuple[set[str], set[str]]:
    nouns, verbs = set(), set()
    for noun_set, verb_set in CONCEPTS:
        if any(t in noun_set for t in label_tokens):
            nouns |= noun_set
            verbs |= verb_set
    return nouns, verbs


def option_mentions(folded: str, q: Question) -> tuple[dict[int, int], dict[int, int], set[int]]:
    """Options named in a text: (by noun/label -> position, by verb -> position, negated).

    An option counts when all the content words of its label are there (in
    any inflection, with a typo allowed in long words), when the text names
    the last part of a compound label ("stier" for "Cykelstier"), or when a
    word of the same everyday concept is used.
    """
    toks = words(folded)
    lemmas = [lemma(t) for t in toks]
    nouns: dict[int, int] = {}
    verbs: dict[int, int] = {}
    negated: set[int] = set()
    label_toks = [label_tokens(label_text(o)) for o in q.options]

    spans: dict[int, set] = {}

    def note(store, idx, pos, own=()):
        if idx not in store or pos < store[idx]:
            store[idx] = pos
        # "Ingen af delene": the label's own negation word does not negate it
        # "ikke X", "ikke på et nyt X": a negation up to three words before, or right after
        if any(t in NEGATIONS for j, t in enumerate(toks[max(0, pos - 3):pos + 2], max(0, pos - 3)) if j not in own):
            negated.add(idx)

    alternatives = []  # "Mail eller digital post": each side of "eller" in a label names the option alone
    for idx, o in enumerate(q.options):
        sides = [label_tokens(side) for side in re.split(r"\s+eller\s+|\s*/\s*|\s+og\s+|\s*&\s*", fold(label_text(o)))]
        if len(sides) >= 2 and all(sides):
            alternatives.append((idx, sides))
    for idx, sides in alternatives:
        for side in sides:
            pos = []
            for lt in side:
                p_ = next((i for i, t in enumerate(toks) if same_word(t, lt) or lemmas[i] == lemma(lt)), None)
                if p_ is None:
                    break
                pos.append(p_)
            else:
                spans[idx] = set(pos)
                note(nouns, idx, min(pos), own=set(pos))
                break
    for idx, ltoks in enumerate(label_toks):
        if idx in nouns:
            continue
        positions = []
        for lt in ltoks:
            llem = lemma(lt)
            pos = next((i for i, t in enumerate(toks) if same_word(t, lt) or lemmas[i] == llem), None)
            if pos is None:
                break
            positions.append(pos)
        else:
            if positions:
                spans[idx] = set(positions)
                note(nouns, idx, min(positions), own=set(positions))
                continue
        if len(ltoks) == 1 and len(ltoks[0]) >= 8:
            # compound: "stier" names "cykelstier" when no other option ends the same way
            whole = ltoks[0]
            for i, t in enumerate(toks):
                tail = lemmas[i]
                if len(t) >= 4 and whole.endswith(t) or (len(tail) >= 3 and whole.endswith(tail)
                                                         and len(whole) - len(tail) >= 3):
                    if sum(1 for o in label_toks if o and o[-1].endswith(tail)) == 1:
                        note(nouns, idx, i)
                        break
        cn, cv = concepts_for(ltoks)
        if cn or cv:
            joined = " " + " ".join(toks) + " "
            for i, t in enumerate(toks):
                if t in cn or lemmas[i] in cn:
                    if not _names_another(t, lemmas[i], idx, label_toks):
                        note(nouns, idx, i)
                    break
            for v in cv:
                if f" {v} " in joined:
                    pos = toks.index(v.split()[0]) if v.split()[0] in toks else 0
                    if _is_passenger(toks, pos):
                        continue  # "naboen kører mig", "jeg kører med ham": someone else drives
                    note(verbs, idx, pos)
                    break
    # "lys på stierne" names "Lys på stierne", not also "Stier": a label inside a longer one that is named
    for a, sa in spans.items():
        if any(b != a and sa < sb for b, sb in spans.items()):
            nouns.pop(a, None)
    return nouns, verbs, negated


# Words that say nothing about which option is meant: function words, the
# generic comparatives that start many labels ("Flere ...", "Bedre ..."),
# and everyday fillers.
PARTIAL_FILLER = CHOICE_STOP | {
    "op", "ned", "ud", "ind", "hen", "hjem", "tilbage", "rundt", "igennem", "forbi", "kun", "blot", "only", "nur",
    "flere", "fler", "mere", "bedre", "mindre", "faerre", "stoerre", "mest", "meget", "nye", "ny", "nyt",
    "noget", "nogle", "nogen", "lidt", "gerne", "helst", "nok", "vel", "da", "jo", "nu", "bare", "sgu",
    "ogsaa", "klart", "nok", "tror", "synes", "mener", "vil", "skal", "kan", "har", "er", "have", "faa",
    "vaere", "de", "dem", "man", "du", "jer", "mig", "min", "mit", "mine", "vores", "sin", "sit", "sine",
    "hans", "hendes", "deres", "denne", "dette", "disse", "her", "der", "hvor", "naar", "saa", "tak",
    "svar", "altsaa", "primaert", "isaer", "specielt", "oftest", "typisk", "normalt", "hver", "hvert",
    "ved", "hos", "samt", "plus", "ja", "jo", "helt", "lige", "egentlig", "nok", "vist", "maaske",
    "efter", "foer", "under", "over", "mellem", "uden", "inden", "omkring", "gennem", "langs", "mod", "bag",
    "hjemme", "ude", "inde", "oppe", "nede", "igen", "altid", "aldrig", "ofte", "tit", "mens", "eller",
    "hverken", "enten", "andet", "anden", "andre", "alle", "alt", "hele", "selv", "sammen", "godt", "fint"}
# A part that starts like this is a comment on the answer, not an option.
_COMMENT_START = {"fordi", "da", "men", "naar", "hvis", "saa", "det", "der", "som", "selvom", "siden", "for",
                  "og", "ellers", "isaer", "ikke", "bortset"}
_DEF_ENDINGS = ("erne", "ene", "en", "et", "er", "ne")
# "det med X", "det der med X", "the X thing": a way of naming a thing, not a comment on the answer
_THING_WITH_RE = re.compile(r"^(?:og\s+)?(?:det|den|dem|noget)\s+(?:der\s+|her\s+)?(?:med|om)\s+(?=\w)")


def stem(word: str) -> str:
    """A content word without its definite or plural ending ("stierne" -> "sti")."""
    for end in _DEF_ENDINGS:
        if word.endswith(end) and len(word) - len(end) >= 3:
            return word[:-len(end)]
    return word


def _adjective_base(word: str) -> str:
    """An adjective without its -t/-e ending and a doubled last consonant: "grønt", "grønne" -> "grøn",
    "billigt", "billige" -> "billig"."""
    w = word[:-1] if word.endswith(("t", "e")) and len(word) >= 5 else word
    if len(w) >= 4 and w[-1] == w[-2] and w[-1] not in "aeiouy":
        w = w[:-1]
    return w


@lru_cache(maxsize=4096)
def option_stems(labels: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple({stem(t) for t in words(lab) if t not in PARTIAL_FILLER} |
                       {lemma(t) for t in words(lab) if t not in PARTIAL_FILLER and len(t) >= 3} |
                       {_adjective_base(t) for t in words(lab) if t not in PARTIAL_FILLER and len(t) >= 5})
                 for lab in labels)


def word_options(token: str, stems: tuple[tuple[str, ...], ...]) -> set[int]:
    """Options one answer word may stand for: the same word in another form,
    the first part of a compound or an abbreviation ("glas" for
    "glascontainere", "info" for "information"), or the last part of a
    compound ("stierne" for "motionsstierne").  Only when no option has such
    a form: a compound of a label's word ("madudbringning" for "Mad"), or the
    same two words in the other order ("vasketøj" for "Tøjvask")."""
    forms = {stem(token), lemma(token)}
    if len(token) >= 5:
        forms.add(_adjective_base(token))
    forms = {f for f in forms if len(f) >= 3}
    if FOREIGN.get():
        # an English or German word: no Danish stems, lemmas or compounds ("after" is no "aft-"), and
        # a word of one or two letters ("a", "in") is no form of a label
        forms = {token} if len(token) >= 3 else set()
    close, compound = set(), set()
    for idx, label in enumerate(stems):
        for lt in label:
            if not FOREIGN.get() and len(token) >= 4 and same_word(token, lt):
                close.add(idx)  # the same word in another inflection: "toilettet" for "toilet"
                continue
            for f in forms:
                if f == lt or (len(f) >= 4 and lt.startswith(f)) or (
                        lt.startswith(f) and len(lt) - len(f) >= 3 and is_word(lt[len(f):])) or (
                        len(lt) - len(f) >= 3 and lt.endswith(f)) or (
                        len(lt) <= 8 and ("ae" in lt or "oe" in lt or "aa" in lt) and f in plain_letters(lt)):
                    close.add(idx)  # "toj" for "tøj": æ, ø, å typed as plain letters
                elif same_compound(f, lt) or (
                        len(lt) >= 3 and f.startswith(lt) and len(f) - len(lt) >= 4 and is_word(f[len(lt):])):
                    compound.add(idx)
    return close or compound


def partial_options(folded: str, q: Question) -> tuple[list[int], bool]:
    """Options named by a close form of their label, part by part.

    The answer is cut at "og", commas and "+"; every part must name exactly
    one option through its distinctive words (what is left after fillers),
    and no word of the part may point to another option.  Returns (options,
    complete): complete is False when some part named nothing or more than
    one option, so that the caller asks again instead of keeping a partial
    list.
    """
    stems = option_stems(tuple(fold(label_text(o)) for o in q.options))
    label_words = {t for o in q.options for t in words(label_text(o))}
    qwords = [w for w in words(q.text) if w not in label_words]
    found: list[int] = []
    complete = True
    # (and before a contrast: "veje og stier men ikke busser", as ``lists.list_parts`` cuts)
    for part in re.split(r"\s*(?:,|\+|&|/|\bog\b|\bsamt\b|\bplus\b)\s*|" + BEFORE_CONTRAST, folded):
        part = _THING_WITH_RE.sub("", part)
        toks = words(part)
        if not toks:
            continue
        contrast = toks[0] in CONTRAST and bool(found)
        negated = bool(set(toks) & NEGATIONS)
        if contrast and (negated or set(toks) & RESTRICTING) and any(
                word_options(t, stems) & (set(found) if negated else set(range(len(q.options)))) for t in toks):
            # "A og B men kun A", "A og B, men ikke A": a contrast that narrows the list or takes back one of it
            complete = False
            continue
        if contrast and not negated and any(word_options(t, stems) for t in toks[1:]):
            # "A, men mest B": B is part of the answer, read like the other parts (or asked about)
            part, toks = part.split(None, 1)[1], toks[1:]
        elif toks[0] in _COMMENT_START and found:
            continue
        if any(t in NEGATIONS for t in toks):
            complete = False
            continue
        # the question's own words ("Af tilbuddene bruger jeg kun frisøren" to "Hvilke tilbud bruger du?")
        # name no option
        content = [t for t in toks if t not in PARTIAL_FILLER and not t.isdigit() and t != "kun"
                   and not any(len(w) >= 4 and (same_word(t, w) or lemma(t) == lemma(w)) for w in qwords)]
        if not content:
            continue
        hits: set[int] = set()
        matched_words = 0
        per_word = []
        for t in content:
            opts = word_options(t, stems)
            if opts:
                matched_words += 1
                hits |= opts
            per_word.append(opts)
        if len(content) >= 2 and all(len(o) == 1 for o in per_word) and len(hits) == len(content):
            found.extend(i for o in per_word for i in o if i not in found)  # "mad plast papir": one option a word
            continue
        nouns, _, negated = option_mentions(part, q)
        whole = [i for i in nouns if i not in negated]
        if len(whole) == 1:  # the label itself, a typo of it, or its everyday word
            if whole[0] not in found:
                found.append(whole[0])
            continue
        if len(hits) != 1 or len(content) - matched_words > 2:
            complete = False
            continue
        (idx,) = hits
        if idx not in found:
            found.append(idx)
    return found, complete


def join_split_compounds(folded: str, q: Question) -> str:
    """A compound of a label written as two words ("børne dag" for "Børnedagen", "skole vejene" for
    "Skolevejene"), joined again: Danish writes compounds as one word, and many writers split them."""
    toks = folded.split(" ")
    if len(toks) < 2:
        return folded
    label_toks = {t for o in q.options for t in label_tokens(label_text(o)) if len(t) >= 6}
    if not label_toks:
        return folded
    out, i = [], 0
    while i < len(toks):
        a, b = toks[i], toks[i + 1] if i + 1 < len(toks) else ""
        joined = a + b
        if (b and a.isalpha() and b.isalpha() and len(a) >= 2 and len(b) >= 2 and a not in label_toks
                and b not in label_toks and any(same_word(joined, lt) or lemma(joined) == lemma(lt)
                                                for lt in label_toks)):
            out.append(joined)
            i += 2
            continue
        out.append(a)
        i += 1
    return " ".join(out)


def letters(folded: str, q: Question) -> list[int] | None:
    """Option indexes given by letter ("B", "a)", "A og C", "AC", "A+B"), or None."""
    n = len(q.options)
    text = ANSWER_PREFIX_RE.sub("", folded.strip())
    text = re.sub(r"[\s.!)]+$", "", text)
    text = re.sub(r"(?<=[a-z])[).](?=\s|$|,)", "", text)
    if not text:
        return None
    compact = text.replace(" ", "")
    if re.fullmatch(r"[a-z]{2,}", compact) and len(set(compact)) == len(compact) and not (
            words(text) and any(len(w) > 1 for w in words(text)) and " " in text):
        letters = list(compact)
    elif _LETTER_GROUP_RE.match(text):
        letters = re.findall(r"(?<![a-z])[a-z](?![a-z])", _AND_RE.sub(" ", text))
    else:
        return None
    idx = []
    for ch in letters:
        i = ord(ch) - ord("a")
        if not 0 <= i < n:
            return None
        if i not in idx:
            idx.append(i)
    return idx or None


def leading_letter(folded: str, q: Question) -> int | None:
    """"B - fordi ...", "b) bus": a letter first, then a comment or the label."""
    # (a letter joined to a word by a hyphen is a compound: "e-scooter", "s-tog")
    m = re.match(r"^\s*(?:svar\s*:?\s*)?([a-z])\s*(?:[).:]|-(?!\w)|\s-|\s\(|$|,(?!\s*[a-z](?:\W|$)))", folded)
    if not m:
        return None
    i = ord(m.group(1)) - ord("a")
    if not 0 <= i < len(q.options):
        return None
    if m.group(1) == "i" and not re.match(r"^\s*i\s*[).:\-]", folded):
        return None  # "i" is also the preposition
    return i
