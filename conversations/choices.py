"""Choice answers: what an answer gives a choice question, from the options it names (options.py).

One option for a single choice (two named, or one said with a doubt: unclear); every option named for a
multiple choice, or all but some (lists.py), and never a list with a part that names no option.
"""
from __future__ import annotations

import re

from .corrections import with_correction
from .definitions import Question
from .lexicon import NEGATIONS
from .lists import list_parts, read_all_or_except, unexplained_part
from .options import (
    ANSWER_PREFIX_RE,
    PARTIAL_FILLER,
    join_split_compounds,
    label_text,
    leading_letter,
    letters,
    option_mentions,
    option_stems,
    partial_options,
    word_options,
)
from .text import (
    fold,
    lemma,
    phrase_regex,
    same_word,
    words,
)
from .value import DONT_KNOW_RE, EMPTY_RE, NONE, UNCLEAR, Value, ok


def named_options(text: str, q: Question) -> list[int]:
    """The options a part of an answer names: by letter, by label (or its everyday word), or by a close form."""
    by_letter = letters(text, q)
    if by_letter:
        return by_letter
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
    content = [t for t in words(part) if t not in PARTIAL_FILLER and t not in NEGATIONS and not t.isdigit()
               and t not in _PRONOUNS]
    if len(content) > 4:
        return True  # a sentence: its other words are a comment, not options
    stems = option_stems(tuple(fold(label_text(o)) for o in q.options))
    label_words = [w for i in named for w in words(label_text(q.options[i]))]
    question_words = [w for w in words(q.text) if len(w) >= 3]
    modifiers = set()
    toks = words(part)
    for i, t in enumerate(toks):
        if t in ("til", "for", "med", "i", "paa", "ved", "hos", "om") and i > 0 and any(
                same_word(toks[i - 1], lw) for lw in label_words):
            modifiers.update(toks[i + 1:i + 3])  # "legeplads til børnene", "bus om aftenen"
        if t.endswith("s") and i + 1 < len(toks) and any(same_word(t, lw) for lw in label_words):
            modifiers.add(toks[i + 1])  # "naboens hund": the neighbours' dog is the neighbours
    for t in content:
        if t in modifiers or any(same_word(t, lw) or lemma(t) == lemma(lw) for lw in label_words):
            continue
        if any(same_word(t, w) or lemma(t) == lemma(w) for w in question_words):
            continue  # the question's own words said back ("Pengene skal bruges på ...")
        if word_options(t, stems) & named:
            continue
        tn, tv, _ = option_mentions(t, q)
        if (set(tn) | set(tv)) and (set(tn) | set(tv)) <= named:
            continue
        if len(t) == 1 and letters(t, q):
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


# "C og D - jeg har barnevogn", "A, B (især A)": letters, then a remark set off by a dash or a bracket
_LETTERS_REMARK_RE = re.compile(r"^\s*([a-z](?:(?:\s*(?:[,+/&]|og|and|und)\s*|\s+)[a-z])+)\s*"
                                r"(?:\s[-\u2013]\s|\(|,?\s+(?=(?:men|but|aber)\s+(?:ikke|not|nicht)\b))(.+)$")
_BUT_NOT_RE = re.compile(r"^(?:men|but|aber)\s+(?:ikke|not|nicht)\s+([^,.;]+)")


def _conclusion(folded: str, q: Question) -> list[int] | None:
    """The options a last sentence concludes ("... Så C."), when nothing before it names another one;
    [] (ask again) when something before it does; None when there is no such conclusion."""
    first, *rest = re.split(r"(?<=[.!?])\s+", folded.strip())
    if not rest or not _CONCLUSION_RE.match(rest[-1]):
        return None
    final = named_options(_CONCLUSION_RE.sub("", rest[-1]), q)
    if not final:
        return None
    earlier = {i for part in [first, *rest[:-1]] for i in named_options(part, q)}
    return final if earlier <= set(final) else []


def _letters_then_remark(folded: str, q: Question) -> list[int] | None:
    """Several letters followed by a remark that names no option and takes nothing back; [] when the
    remark leaves out one of the letters ("A og E men ikke kajakbroen": which?)."""
    m = _LETTERS_REMARK_RE.match(folded)
    if not m:
        return None
    remark, given = m.group(2), letters(m.group(1), q)
    but_not = _BUT_NOT_RE.match(remark)
    if but_not and given is not None:
        # "A, B og D men ikke cykelstierne, ...": the options left out are confirmed, not added
        left_out = set(named_options(but_not.group(1), q))
        if left_out & set(given):
            return []
        return given if left_out else None
    if given is None or not set(named_options(remark, q)) <= set(given) or any(w in NEGATIONS for w in words(remark)) or re.search(
            r"\b(?:kun|only|nur|ogsaa|also|auch|eller|or|oder)\b|(?:^|\s)[a-z](?=\s*(?:$|[,.)]|og\b|and\b))", remark):
        return None  # "A og B (kun A)", "A og C - eller B": the remark changes the answer
    return given


_CONCLUSION_RE = re.compile(r"^(?:saa|altsaa|derfor|so|also)\s+")  # "Så A.": a conclusion, no comment
_ASIDE_RE = re.compile(r"\s[-\u2013]\s([^-\u2013]+?)\s[-\u2013](?=\s)")
_REASON_RE = re.compile(r"\s*,?\s+\b(?:fordi|eftersom|because|since|weil)\b")


def _read_choice(folded: str, q: Question, strict: bool = False) -> Value:
    if EMPTY_RE.match(folded) or DONT_KNOW_RE.search(folded):
        return NONE
    folded = join_split_compounds(_ASSURANCE_RE.sub(" ", folded), q)
    # "bedre adgang - hun har svært ved trappen - og varme omklædningsrum": a remark set off by two dashes
    folded = _ASIDE_RE.sub(lambda m: m.group(0) if named_options(m.group(1), q) else " ", folded)
    none_options = [i for i, o in enumerate(q.options) if re.match(r"(?:ingen|intet|ingenting|ikke\s+noget|none|nothing)\b",
                                                                    fold(label_text(o)))]
    if len(none_options) == 1 and re.fullmatch(r"\s*(?:ingen|intet|ingenting|ikke\s+noget|none|nothing|nichts|keine)"
                                               r"(?:\s+(?:af\s+dem|af\s+delene|overhovedet|of\s+them))?[\s.!]*", folded):
        return ok([q.options[none_options[0]].key] if q.multiple else q.options[none_options[0]].key, 0.9)
    if _PASSENGER_RE.search(folded):
        return UNCLEAR  # carried by someone else: their car, a lift, a shared ride? ask
    first, *rest = re.split(r"(?<=[.!?])\s+", folded.strip())
    if rest and not any(named_options(_CONCLUSION_RE.sub("", r), q) for r in rest):
        folded = first  # "fortovene. Min nabo kunne ikke komme ned til bussen": a comment after the answer
    why = _REASON_RE.search(folded)
    if why and not named_options(folded[why.end():], q) and not any(
            w in NEGATIONS for w in words(folded[why.end():])):
        folded = folded[:why.start()]  # "gynger og toilet fordi børn skal tisse": the reason names nothing
    if re.search(r"\b(?:maaske|maske|muligvis|evt|eventuelt|cirka|ca|circa|omkring|vistnok|maybe|perhaps)\b", folded) and not any(
            re.search(r"\b(?:maaske|muligvis|evt|eventuelt)\b", fold(label_text(o))) for o in q.options):
        return UNCLEAR  # "bænke, og måske toiletter": an option said with a doubt is no answer
    keys = [o.key for o in q.options]
    stripped = ANSWER_PREFIX_RE.sub("", folded.strip()).strip(" .!,")

    def result(indexes: list[int], confidence: float) -> Value:
        indexes = sorted(set(indexes))
        if not indexes:
            return NONE
        if q.multiple:
            return ok([keys[i] for i in indexes], confidence)
        if len(indexes) > 1:
            return UNCLEAR
        return ok(keys[indexes[0]], confidence)

    concluded = _conclusion(folded, q)
    if concluded is not None:
        return result(concluded, 0.9) if concluded else UNCLEAR
    by_letter = letters(folded, q)
    if by_letter is None:
        by_letter = _letters_then_remark(folded, q)
        if by_letter == []:
            return UNCLEAR
    if by_letter is not None:
        if not q.multiple and len(by_letter) > 1:
            return UNCLEAR
        return result(by_letter, 1.0)
    if q.multiple:
        whole = read_all_or_except(stripped, q, lambda text: sorted(set(named_options(text, q)) | {
            i for part in list_parts(text, PARTIAL_FILLER | NEGATIONS) for i in named_options(part, q)}))
        if whole is not None:
            return whole
    lead = leading_letter(folded, q)
    nouns, verbs, negated = option_mentions(folded, q)
    if strict:
        toks = words(folded)
        label_words = {t for o in q.options for t in words(label_text(o))}
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
    if q.multiple and not strict:
        # every part's options: "læge og bus" names "Læge i nærheden" by its word and "Flere busser" by its own
        per_part = {i for part in list_parts(stripped, PARTIAL_FILLER | NEGATIONS) for i in named_options(part, q)}
        named = sorted((set(named) | per_part) - set(negated))
    neg_labels = [i for i, o in enumerate(q.options) if any(t in NEGATIONS for t in words(label_text(o)))]
    if any(i in nouns for i in neg_labels) and any(i not in neg_labels for i in list(nouns) + list(verbs)):
        return UNCLEAR  # "aviser, ingen af dem andre": an option and "none of them"
    if not q.multiple and " eller " in f" {folded} " and "hverken" not in folded:
        # "går eller cykler": one side names an option, the other something else
        sides = [p for p in re.split(r"\beller\b", folded) if p.strip()]
        if len(sides) >= 2:
            named_sides = []
            for side in sides:
                ns, vs, _ = option_mentions(side, q)
                content = [t for t in words(side) if t not in PARTIAL_FILLER and t not in NEGATIONS]
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
                                                      PARTIAL_FILLER | NEGATIONS):
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
