"""Choice answers: letters, labels in any form, everyday words for an option, lists, "alle undtagen"."""
from __future__ import annotations

import re
from functools import lru_cache

from .corrections import with_correction
from .definitions import Question
from .lexicon import NEGATIONS
from .lists import read_all_or_except, unexplained_part
from .text import (
    FOREIGN,
    fold,
    is_word,
    lemma,
    phrase_regex,
    plain_letters,
    same_compound,
    same_word,
    words,
)
from .value import DONT_KNOW_RE, EMPTY_RE, NONE, UNCLEAR, Value, ok

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
_LETTER_GROUP_RE = re.compile(r"^[a-z](?:\s*(?:[,+/&]|og|\s)\s*[a-z])*$")
_ANSWER_PREFIX_RE = re.compile(r"^(?:svar|mit\s+svar|svaret|mulighed|option|valg)\s*[:.\-]?\s*")


_SOMEONE_ELSE = {"han", "hun", "de", "naboen", "manden", "konen", "min", "mit", "mine", "vores", "hans", "hendes",
                 "soennen", "datteren", "boernene"}


def _is_passenger(toks: list[str], pos: int) -> bool:
    """Is the writer carried rather than going themselves: the verb's object is "mig"/"os", or "med" and
    someone follows it, or someone else is its subject?"""
    after, before = toks[pos + 1:pos + 3], toks[max(0, pos - 2):pos]
    return bool(after) and (after[0] in ("mig", "os") or (after[0] == "med" and len(after) > 1 and after[1] in (
        "ham", "hende", "dem", "min", "mit", "mine", "naboen", "andre", "nogen"))) or (
        any(t in _SOMEONE_ELSE for t in before) and "jeg" not in before and "vi" not in before)


def _label_tokens(label: str) -> list[str]:
    return [t for t in words(label) if t not in CHOICE_STOP] or words(label)


def _concepts_for(label_tokens: list[str]) -> tuple[set[str], set[str]]:
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
    label_toks = [_label_tokens(o.label) for o in q.options]

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
        sides = [_label_tokens(side) for side in re.split(r"\s+eller\s+|\s*/\s*|\s+og\s+|\s*&\s*", fold(o.label))]
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
        cn, cv = _concepts_for(ltoks)
        if cn or cv:
            joined = " " + " ".join(toks) + " "
            for i, t in enumerate(toks):
                if t in cn or lemmas[i] in cn:
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
_PARTIAL_FILLER = CHOICE_STOP | {
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


def _stem(word: str) -> str:
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
def _option_stems(labels: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple({_stem(t) for t in words(lab) if t not in _PARTIAL_FILLER} |
                       {lemma(t) for t in words(lab) if t not in _PARTIAL_FILLER and len(t) >= 3} |
                       {_adjective_base(t) for t in words(lab) if t not in _PARTIAL_FILLER and len(t) >= 5})
                 for lab in labels)


def _word_options(token: str, stems: tuple[tuple[str, ...], ...]) -> set[int]:
    """Options one answer word may stand for: the same word in another form,
    the first part of a compound or an abbreviation ("glas" for
    "glascontainere", "info" for "information"), or the last part of a
    compound ("stierne" for "motionsstierne").  Only when no option has such
    a form: a compound of a label's word ("madudbringning" for "Mad"), or the
    same two words in the other order ("vasketøj" for "Tøjvask")."""
    forms = {_stem(token), lemma(token)}
    if len(token) >= 5:
        forms.add(_adjective_base(token))
    forms = {f for f in forms if len(f) >= 3}
    if FOREIGN.get():
        forms = {token}  # an English or German word: no Danish stems, lemmas or compounds ("after" is no "aft-")
    close, compound = set(), set()
    for idx, label in enumerate(stems):
        for lt in label:
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
    stems = _option_stems(tuple(fold(o.label) for o in q.options))
    label_words = {t for o in q.options for t in words(o.label)}
    qwords = [w for w in words(q.text) if w not in label_words]
    found: list[int] = []
    complete = True
    for part in re.split(r"\s*(?:,|\+|&|/|\bog\b|\bsamt\b|\bplus\b)\s*", folded):
        toks = words(part)
        if not toks:
            continue
        if toks[0] in _COMMENT_START and found:
            continue
        if any(t in NEGATIONS for t in toks):
            complete = False
            continue
        # the question's own words ("Af tilbuddene bruger jeg kun frisøren" to "Hvilke tilbud bruger du?")
        # name no option
        content = [t for t in toks if t not in _PARTIAL_FILLER and not t.isdigit() and t != "kun"
                   and not any(len(w) >= 4 and (same_word(t, w) or lemma(t) == lemma(w)) for w in qwords)]
        if not content:
            continue
        nouns, _, negated = option_mentions(part, q)
        whole = [i for i in nouns if i not in negated]
        if len(whole) == 1:  # the label itself, a typo of it, or its everyday word
            if whole[0] not in found:
                found.append(whole[0])
            continue
        hits: set[int] = set()
        matched_words = 0
        per_word = []
        for t in content:
            opts = _word_options(t, stems)
            if opts:
                matched_words += 1
                hits |= opts
            per_word.append(opts)
        if len(content) >= 2 and all(len(o) == 1 for o in per_word) and len(hits) == len(content):
            found.extend(i for o in per_word for i in o if i not in found)  # "mad plast papir": one option a word
            continue
        if len(hits) != 1 or len(content) - matched_words > 2:
            complete = False
            continue
        (idx,) = hits
        if idx not in found:
            found.append(idx)
    return found, complete


def _letters(folded: str, q: Question) -> list[int] | None:
    """Option indexes given by letter ("B", "a)", "A og C", "AC", "A+B"), or None."""
    n = len(q.options)
    text = _ANSWER_PREFIX_RE.sub("", folded.strip())
    text = re.sub(r"[\s.!)]+$", "", text)
    text = re.sub(r"(?<=[a-z])[).](?=\s|$|,)", "", text)
    if not text:
        return None
    compact = text.replace(" ", "")
    if re.fullmatch(r"[a-z]{2,}", compact) and len(set(compact)) == len(compact) and not (
            words(text) and any(len(w) > 1 for w in words(text)) and " " in text):
        letters = list(compact)
    elif _LETTER_GROUP_RE.match(text):
        letters = re.findall(r"(?<![a-z])[a-z](?![a-z])", text.replace("og", " "))
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


def _leading_letter(folded: str, q: Question) -> int | None:
    """"B - fordi ...", "b) bus": a letter first, then a comment or the label."""
    m = re.match(r"^\s*(?:svar\s*:?\s*)?([a-z])\s*(?:[).:\-]|\s-|\s\(|$|,(?!\s*[a-z](?:\W|$)))", folded)
    if not m:
        return None
    i = ord(m.group(1)) - ord("a")
    if not 0 <= i < len(q.options):
        return None
    if m.group(1) == "i" and not re.match(r"^\s*i\s*[).:\-]", folded):
        return None  # "i" is also the preposition
    return i


def named_options(text: str, q: Question) -> list[int]:
    """The options a part of an answer names: by letter, by label (or its everyday word), or by a close form."""
    letters = _letters(text, q)
    if letters:
        return letters
    nouns, verbs, negated = option_mentions(text, q)
    named = [i for i in list(nouns) + list(verbs) if i not in negated]
    if named:
        return named
    close, complete = partial_options(text, q)
    return close if complete else []


_PRONOUNS = {"han", "hun", "hans", "hendes", "dem", "os", "sig", "i", "jeg", "vi", "de", "det", "den", "man", "begge"}


def _explains(part: str, q: Question) -> bool:
    """Does a part of a list name options, and nothing else?  Each of its words (but fillers) belongs to a
    named option's label, names one of them in a close form, or is an everyday word for one; a part of a
    few words that also holds a word for something else ("mad plast papir" when "mad" names nothing) might
    hide a missed option."""
    nouns, verbs, negated = option_mentions(part, q)
    named = set(named_options(part, q)) | set(nouns) | set(verbs)
    if not named:
        return False
    content = [t for t in words(part) if t not in _PARTIAL_FILLER and t not in NEGATIONS and not t.isdigit()
               and t not in _PRONOUNS]
    if len(content) > 4:
        return True  # a sentence: its other words are a comment, not options
    stems = _option_stems(tuple(fold(o.label) for o in q.options))
    label_words = [w for i in named for w in words(q.options[i].label)]
    question_words = [w for w in words(q.text) if len(w) >= 3]
    modifiers = set()
    toks = words(part)
    for i, t in enumerate(toks):
        if t in ("til", "for", "med", "i", "paa", "ved", "hos", "om") and i > 0 and any(
                same_word(toks[i - 1], lw) for lw in label_words):
            modifiers.update(toks[i + 1:i + 3])  # "legeplads til børnene", "bus om aftenen"
    for t in content:
        if t in modifiers or any(same_word(t, lw) or lemma(t) == lemma(lw) for lw in label_words):
            continue
        if any(same_word(t, w) or lemma(t) == lemma(w) for w in question_words):
            continue  # the question's own words said back ("Pengene skal bruges på ...")
        if _word_options(t, stems) & named:
            continue
        tn, tv, _ = option_mentions(t, q)
        if (set(tn) | set(tv)) and (set(tn) | set(tv)) <= named:
            continue
        if len(t) == 1 and _letters(t, q):
            continue
        return False
    return True


def read_choice(text: str, q: Question, strict: bool = False) -> Value:
    return with_correction(_read_choice, text, q, strict)


# Words that make an answer surer, not another answer: "fortovene, ingen tvivl om det"
_ASSURANCE_RE = phrase_regex(["ingen tvivl om det", "ingen tvivl", "uden tvivl", "helt sikkert", "det er klart",
                              "for sure", "definitely", "of course", "auf jeden fall", "natuerlich"])
# "min mand kører og jeg kører med ham", "naboen kører mig": the writer is carried
_PASSENGER_RE = re.compile(r"\b(?:koerer|koere|drives|faehrt)\s+(?:mig|os|me|us|mich|uns)\b|"
                           r"\b(?:jeg|vi|i|we|ich|wir)\s+(?:koerer|koere|ride|fahre|fahren)\s+med\s+(?:ham|hende|dem|min|mit|"
                           r"mine|naboen|andre|nogen|him|her|them|my|ihm|ihr|meinem|meiner)\b")


def _read_choice(folded: str, q: Question, strict: bool = False) -> Value:
    if EMPTY_RE.match(folded) or DONT_KNOW_RE.search(folded):
        return NONE
    folded = _ASSURANCE_RE.sub(" ", folded)
    none_options = [i for i, o in enumerate(q.options) if re.match(r"(?:ingen|intet|ingenting|ikke\s+noget|none|nothing)\b",
                                                                    fold(o.label))]
    if len(none_options) == 1 and re.fullmatch(r"\s*(?:ingen|intet|ingenting|ikke\s+noget|none|nothing|nichts|keine)"
                                               r"(?:\s+(?:af\s+dem|af\s+delene|overhovedet|of\s+them))?[\s.!]*", folded):
        return ok([q.options[none_options[0]].key] if q.multiple else q.options[none_options[0]].key, 0.9)
    if _PASSENGER_RE.search(folded):
        return UNCLEAR  # carried by someone else: their car, a lift, a shared ride? ask
    first, *rest = re.split(r"(?<=[.!?])\s+", folded.strip())
    if rest and not any(named_options(r, q) for r in rest):
        folded = first  # "fortovene. Min nabo kunne ikke komme ned til bussen": a comment after the answer
    if re.search(r"\b(?:maaske|maske|muligvis|evt|eventuelt|cirka|ca|circa|omkring|vistnok|maybe|perhaps)\b", folded) and not any(
            re.search(r"\b(?:maaske|muligvis|evt|eventuelt)\b", fold(o.label)) for o in q.options):
        return UNCLEAR  # "bænke, og måske toiletter": an option said with a doubt is no answer
    keys = [o.key for o in q.options]
    stripped = _ANSWER_PREFIX_RE.sub("", folded.strip()).strip(" .!,")

    def result(indexes: list[int], confidence: float) -> Value:
        indexes = sorted(set(indexes))
        if not indexes:
            return NONE
        if q.multiple:
            return ok([keys[i] for i in indexes], confidence)
        if len(indexes) > 1:
            return UNCLEAR
        return ok(keys[indexes[0]], confidence)

    letters = _letters(folded, q)
    if letters is not None:
        if not q.multiple and len(letters) > 1:
            return UNCLEAR
        return result(letters, 1.0)
    if q.multiple:
        whole = read_all_or_except(stripped, q, lambda text: named_options(text, q))
        if whole is not None:
            return whole
    lead = _leading_letter(folded, q)
    nouns, verbs, negated = option_mentions(folded, q)
    if strict:
        toks = words(folded)
        label_words = {t for o in q.options for t in words(o.label)}
        for t in toks:
            if t in ("og", "samt", "plus") or t in label_words:
                continue
            if any(same_word(t, lw) for lw in label_words):
                continue
            return NONE
        if not nouns:
            # "lejlighed" for "Lejlighed i etagebyggeri": words of the labels only, each naming one option
            close, complete = partial_options(stripped, q)
            if close and complete and (q.multiple or len(close) == 1):
                return result(close, 0.9)
            return NONE
    if lead is not None:
        named = [i for i in nouns if i not in negated]
        if named and named != [lead] and not q.multiple:
            return UNCLEAR
        rest = folded[folded.find(chr(ord("a") + lead)) + 1:]
        if not q.multiple and re.search(r"\b(?:men|helst|hellere|eller|snarere|nej)\b", rest):
            close, _ = partial_options(rest, q)
            others = [ord(t) - ord("a") for t in words(rest) if len(t) == 1 and t != "i"]
            if any(i != lead for i in close) or any(0 <= i < len(q.options) and i != lead for i in others):
                return UNCLEAR  # "A (men helst motion)", "B (eller måske C)": which one?
        return result([lead] + ([i for i in named if i != lead] if q.multiple else []), 0.95)
    named = [i for i in nouns if i not in negated]
    confidence = 0.95
    if not named:
        named = [i for i in verbs if i not in negated]
        confidence = 0.8
    neg_labels = [i for i, o in enumerate(q.options) if any(t in NEGATIONS for t in words(o.label))]
    if any(i in nouns for i in neg_labels) and any(i not in neg_labels for i in list(nouns) + list(verbs)):
        return UNCLEAR  # "aviser, ingen af dem andre": an option and "none of them"
    if not q.multiple and " eller " in f" {folded} " and "hverken" not in folded:
        # "går eller cykler": one side names an option, the other something else
        sides = [p for p in re.split(r"\beller\b", folded) if p.strip()]
        if len(sides) >= 2:
            named_sides = []
            for side in sides:
                ns, vs, _ = option_mentions(side, q)
                content = [t for t in words(side) if t not in _PARTIAL_FILLER and t not in NEGATIONS]
                named_sides.append(bool(ns or vs) if content else None)
            if True in named_sides and False in named_sides:
                return UNCLEAR
    m_ellers = re.search(r"\bellers\b", folded)
    if not q.multiple and m_ellers:
        # "på cykel når det er godt vejr, ellers kører vi hende": two answers, no correction word
        nh, vh, negh = option_mentions(folded[:m_ellers.start()], q)
        na, va, nega = option_mentions(folded[m_ellers.end():], q)
        head = {i for i in list(nh) + list(vh) if i not in negh}
        if any(i not in nega and i not in head for i in list(na) + list(va)):
            return UNCLEAR
    if len(words(stripped)) <= 8 and not re.search(r"\beller\b", stripped):
        # "flere glascontainere og bedre info", "mere tid", "Storskrald"
        close, complete = partial_options(stripped, q)
        if close and not (set(named) - set(close)) and (complete or not named):
            if not complete:
                return UNCLEAR
            if set(close) != set(named):
                return result(close, 0.85)
        elif named and q.multiple and not complete and close:
            return UNCLEAR  # "veje og noget helt tredje": never a partial list
    if not named:
        return NONE
    if q.multiple and not strict and unexplained_part(stripped, q, lambda part: _explains(part, q),
                                                      _PARTIAL_FILLER | NEGATIONS):
        return UNCLEAR  # "cykelsti og et sted at sætte af": never a list without one of its parts
    if not q.multiple and len(named) > 1:
        # "Bus, men om sommeren tager jeg cyklen": the main answer comes first
        head = re.split(r"\bmen\b|\bog\s+nogle\s+gange\b|\bellers\b", folded)[0]
        if head != folded:
            n2, v2, neg2 = option_mentions(head, q)
            first = [i for i in n2 if i not in neg2] or [i for i in v2 if i not in neg2]
            if len(first) == 1:
                return result(first, 0.8)
        return UNCLEAR
    if re.search(r"\beller\b", folded) and len(named) > 1:
        return UNCLEAR
    return result(named, confidence)


# ---------------------------------------------------------------------------
# Number
