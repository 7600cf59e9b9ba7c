"""Corrections: a later value replaces an earlier one, wherever the writer puts it.

A correction is a marker ("nej vent", "rettelse", "jeg mente", "ups", "skal
være", "i stedet for", "sorry, I meant", "Korrektur") and a new value.  It
stands in one of two places:

1. **Inside one answer**: "4, nej vent, 5", "B - undskyld, C", "8 nej 9",
   "ikke 4 men 5".  `with_correction` reads the value after the last marker,
   and drops a value the writer negates ("3 og ikke 8").
2. **Apart from the answers**: its own sentence, line, paragraph or PS, before
   or after them ("PS. 2 skal være nej", "Rettelse: spm 1 er 3", "Ups, jeg
   mente C", "Jeg svarede forkert på spørgsmål 1. Det skal være 3 og ikke 8.").
   `find_corrections` takes these sentences out before the reply is cut into
   answers, and `apply_corrections` applies them afterwards: to the question
   they name; else to the one question whose recorded answer they take back
   ("... ikke 4"); else to the one question the new value fits.  When that
   cannot be told, the questions the correction may concern are asked again:
   a correction is never dropped and never guessed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .definitions import Question, Survey
from .refs import question_refs
from .segments.topics import overlap, topic_words
from .text import fold, phrase_regex, sentences, words
from .value import SKIP_RE, UNCLEAR, Value

# --- the table (folded) ------------------------------------------------------------------------------

# Take back what was just said, when a new value follows.
TAKE_BACK = ["nej vent", "vent nej", "vent", "hov", "ups", "upsi", "oops", "oeh nej", "oh nej", "nej undskyld",
             "undskyld", "nej forresten", "eller nej", "nej det er", "eller rettere", "rettere sagt", "rettere",
             "sorry", "wait", "no wait", "spoeg til side", "for sjov", "bare for sjov", "just kidding",
             "only joking", "joking aside", "kidding", "entschuldigung", "moment", "nein warte", "warte"]
# Announce a correction by name.
CORRECTION_NOUNS = ["rettelse", "rettelser", "korrektion", "korrigering", "correction", "korrektur", "berichtigung"]
# Say what was meant: a value must follow closely ("jeg mener, at ..." is an opinion, not a correction).
MEANT = ["jeg mente", "jeg mener", "mente", "i meant", "i mean", "meant", "ich meinte", "ich meine", "meinte"]
# Say what an answer should be: a question or "det"/"svaret" must come before.
SHOULD_BE = ["skal vaere", "skulle vaere", "skulle have vaeret", "skal rettes til", "rettes til", "ret til",
             "rettet til", "aendres til", "aendret til", "should be", "should have been", "should say",
             "soll", "sollte", "muss"]
# Say that an answer was wrong, without the new value in the same words.
WRONG = ["svarede forkert", "svaret forkert", "svaret er forkert", "skrev forkert", "tastede forkert",
         "trykkede forkert", "kom til at skrive", "kom til at svare", "tastefejl", "fejl i mit svar",
         "fejl i mine svar", "forkert svar", "wrong answer", "answered wrong", "got it wrong", "falsch"]
# Add to an answer given: "jeg glemte medicin på 3", "skriv lægen på 3 også".
ADD = ["jeg glemte", "glemte", "glemt", "glemmer", "tilfoej", "skriv ogsaa", "i forgot", "forgot", "please add",
       "vergessen", "vergass", "bitte auch"]
# Say that a named answer is wrong: "3 er forkert", "svaret på spm 2 var forkert" (a question must be named).
WRONG_NAMED = ["er forkert", "var forkert", "er ikke rigtigt", "var ikke rigtigt", "er ikke rigtig", "is wrong",
               "was wrong", "is not right", "ist falsch", "war falsch"]
# Take an option back: "drop saunaen", "saunaen kan I godt glemme", "se bort fra bænkene", "scratch the sauna".
_WITHDRAW_RE = re.compile(
    r"\b(?:glem|drop|stryg|fjern|slet)\b(?!\s+(?:ikke|mig|os)\b)|"
    r"\bkan\s+(?:\w+\s+){0,2}(?:glemme|droppe|stryge|fjerne|slette|se\s+bort\s+fra)\b|"
    r"\b(?:se|ser)\s+bort\s+fra\b|\b(?:alligevel\s+ikke|ikke\s+alligevel)\b|"
    r"\b(?:forget|scratch|remove)\b|\bvergiss\b|\bvergessen\s+sie\b|\bstreich\w*")
INSTEAD = ["i stedet for", "istedet for", "i stedet", "instead of", "statt", "anstatt"]

_TAKE_BACK_RE = phrase_regex(TAKE_BACK)
_NOUN_RE = phrase_regex(CORRECTION_NOUNS)
_MEANT_RE = phrase_regex(MEANT)
_SHOULD_RE = phrase_regex(SHOULD_BE)
_WRONG_RE = phrase_regex(WRONG)
_WRONG_NAMED_RE = phrase_regex(WRONG_NAMED)
_INSTEAD_RE = phrase_regex(INSTEAD)
_ADD_RE = phrase_regex(ADD)
_ALSO_RE = phrase_regex(["ogsaa", "also", "too", "auch"])
# "på 3", "til 3": a question by its bare number after a preposition (only in a sentence that corrects or adds)
_PREP_NUMBER_REF_RE = re.compile(r"\b(?:paa|til|i|ved|for|on|to|in|for|bei|zu)\s+(?:spm\.?\s*|nr\.?\s*)?(\d{1,2})\b"
                                 r"(?!\s*(?:[.,]\d|gange|dage|uger|aar|kr|km|timer|minutter|procent|%))")
# Inside one answer, any marker; plus two Danish turns: "eller jo"/"eller nej" and "nej ... jo faktisk",
# where the second yes/no word takes the first back.
CORRECTION_RE = re.compile(
    "|".join(r.pattern for r in (_TAKE_BACK_RE, _NOUN_RE, _MEANT_RE, _SHOULD_RE, _INSTEAD_RE)) +
    r"|\bforkert\s*[,:-]|\beller(?=\s+(?:jo|ja|nej)\b)"
    r"|\b(?:nej|ja)\b[\s.,!-]*(?=(?:jo|ja|nej)\s*,?\s+(?:faktisk|alligevel|egentlig|vent)\b)")

# Fillers before a marker that opens a sentence: "PS.", "Og", "Åh", "--".
_OPENING_FILLER_RE = re.compile(r"^(?:\W|p\s*\.?\s*s\b|ps\b|og\b|men\b|oeh\b|aah\b|hmm+\b|naa\b|altsaa\b|aa\b|"
                                r"nej\b|ja\b|btw\b|also\b|and\b|oh\b|ah\b|und\b|ach\b)*")
# A value-like word: a number, a letter alone, yes/no.  "ikke 4" names the old value.
_VALUE_WORD = r"(?:\d{1,3}(?:\s*'?\s*er)?|[a-h]\b|ja|nej|yes|no|nein|jo)"
_OLD_VALUE_RE = re.compile(r"(?:[,;]\s*|\b(?:og|and|und|men|but|aber)\s+)?\b(?:ikke|not|nicht|ik)\s+(" + _VALUE_WORD +
                           r")(?=\W|$)(?:\s*,?\s*(?:men|but|sondern)\b)?")
_INSTEAD_OLD_RE = re.compile(r"\b(?:i\s*stedet\s+for|instead\s+of|statt|anstatt)\s+(" + _VALUE_WORD + r")(?=\W|$)")
# "2 skal være nej", "spm 1 er 3", "1 = 4", "til 3: C": a question by its bare number, then its new value
_BARE_NUMBER_REF_RE = re.compile(r"^(?:til\s+|i\s+|paa\s+|at\s+)?(\d{1,2})\s*(?:skal\s+vaere|skulle\s+(?:have\s+)?vaere\w*|"
                                 r"should\s+be|er|var|bliver|is|=|:|->)\s*(\S.*)$")
# "Ret 3 til A", "ret spm 2 til nej"
_RET_RE = re.compile(r"^ret(?:te|tet)?\s+(?:spm\.?\s*|spoergsmaal\s+|nummer\s+|nr\.?\s*)?(\d{1,2})\s+til\s+(\S.*)$")
# "Så 3 er B", "altså spm 2 = nej": apart from the numbered answers, one question's value by its number
_SAYS_VALUE_RE = re.compile(r"^(?:saa|altsaa|dvs|so|also)\s+(?:spm\.?\s*|spoergsmaal\s+|nr\.?\s*)?(\d{1,2})\s+"
                            r"(?:er|skal\s+vaere|bliver|is|=)\s+(\S.*)$")
# A line that starts as a numbered answer ("5 6. Eller rettere 4", "3) ja")
_NUMBERED_LINE_RE = re.compile(r"^\s*(?:spm\.?\s*)?\d{1,2}\s*[:.)=-]?\s+\S")
# A line that is itself a numbered answer ("6: Det skal være ...")
_ANSWER_LINE_RE = re.compile(r"^\s*(?:spm\.?\s*)?\d{1,2}\s*[:.)=]\s")
_LINKS_RE = re.compile(r"^(?:\W|skal\s+vaere|skulle\s+(?:have\s+)?vaere\w*|er|var|bliver|det|svaret|svar|til|"
                       r"should\s+be|is|was|it|soll|sein|ist|war|faktisk|egentlig|nu|jo|nok|i\s+stedet|"
                       r"rettet|aendret|som)*", re.I)


@dataclass(frozen=True)
class Correction:
    question: Question | None   # the question it names, or None when it names none
    text: str                   # the new value, as written
    old: str | None             # the value it takes back ("ikke 4"), if it says so
    strong: bool                # announced as a correction ("rettelse", "svarede forkert"): it must be placed
    additive: bool = False      # adds to the answer given ("jeg glemte medicin på 3") rather than replacing it
    removes: bool = False       # takes options back from the answers given ("drop saunaen")


def _value_text(folded: str) -> tuple[str, str | None]:
    """The new value in a correction's words, and the old value it names, if any."""
    old = None
    m = _OLD_VALUE_RE.search(folded) or _INSTEAD_OLD_RE.search(folded)
    if m:
        old = m.group(1)
        folded = (folded[:m.start()] + " " + folded[m.end():]).strip()
    return _LINKS_RE.sub("", folded).strip(" .,:;!-"), old


def _is_value_near(folded: str, start: int, survey: Survey) -> bool:
    """Does a value of some question follow within four words of `start`?"""
    from .answers import read_value

    rest = " ".join(words(folded[start:])[:4])
    return bool(rest) and any(read_value(rest, q).ok for q in survey.questions if q.type != "text")


def _marker(folded: str) -> tuple[re.Match | None, str]:
    for kind, rx in (("noun", _NOUN_RE), ("wrong", _WRONG_RE), ("meant", _MEANT_RE), ("take_back", _TAKE_BACK_RE),
                     ("should", _SHOULD_RE), ("wrong_named", _WRONG_NAMED_RE)):
        m = rx.search(folded)
        if m:
            should = _SHOULD_RE.search(folded) if kind == "wrong" else None
            if should and should.start() < m.start():
                return should, "should"  # "4 skal være 17, jeg tastede forkert": the new value, then why
            return m, kind
    return None, ""


def _additions(folded: str, survey: Survey) -> list[Correction]:
    """"Jeg glemte medicin på 3", "vi savner også lægen, så skriv det på 3 også": a value added to a question."""
    m = _ADD_RE.search(folded)
    refs = list(_PREP_NUMBER_REF_RE.finditer(folded)) if (m or _ALSO_RE.search(folded)) else []
    if not refs:
        return []
    by_num = {q.number: q for q in survey.questions}
    q = by_num.get(int(refs[0].group(1)))
    if q is None or q.type == "text":
        return []
    text = folded[:refs[0].start()]
    if m and m.end() <= refs[0].start():
        text = folded[m.end():refs[0].start()]  # "glemte medicin på 3" -> "medicin"
    wish = re.search(r"\b(?:savner|mangler|vil\s+(?:gerne\s+)?have|oensker|want|need|miss|brauchen|vermissen)\b", text)
    if wish:
        text = text[wish.end():]  # "min mand siger at vi også savner lægen" -> "lægen"
    text = _LINKS_RE.sub("", re.sub(r"\b(?:saa\s+)?skriv\s+det\b|\bogsaa\b", " ", text)).strip(" ,.:;!-")
    return [Correction(q, text, None, True, additive=True)] if text else []


def _withdrawals(folded: str, survey: Survey) -> list[Correction]:
    """"Saunaen kan I godt glemme": options taken back from a choice answered with several."""
    from .choices import named_options

    m = _WITHDRAW_RE.search(folded)
    if m is None or _ANSWER_LINE_RE.match(folded):
        return []
    rest = (folded[:m.start()] + " " + folded[m.end():]).strip()
    if any(named_options(rest, q) for q in survey.questions if q.type == "choice"):
        return [Correction(None, rest, None, False, removes=True)]
    return []


def _sentence_corrections(folded: str, next_folded: str | None, survey: Survey) -> tuple[list[Correction], bool]:
    """The corrections one sentence makes apart from the answers, and whether it also takes the next
    sentence's words (the new value told there: "Jeg svarede forkert på 1. Det skal være 3.")."""
    added = _additions(folded, survey) if not _ANSWER_LINE_RE.match(folded) else []
    if added:
        return added, False
    withdrawn = _withdrawals(folded, survey)
    if withdrawn:
        return withdrawn, False
    ret = _RET_RE.match(_OPENING_FILLER_RE.sub("", folded))
    if ret:  # "Ret 3 til A"
        q = next((q for q in survey.questions if q.number == int(ret.group(1))), None)
        if q is not None:
            text, old = _value_text(ret.group(2))
            return [Correction(q, text, old, True)], False
    m, kind = _marker(folded)
    if m is None:
        said = _SAYS_VALUE_RE.match(folded)
        q = next((q for q in survey.questions if said and q.number == int(said.group(1))), None)
        if q is not None:
            text, old = _value_text(said.group(2))
            return [Correction(q, text, old, True)], False
        return [], False
    head = _OPENING_FILLER_RE.sub("", folded[:m.start()]).strip()
    opening = not head
    # the questions it names: after the marker, or just before it ("spm 2 skal være nej")
    refs = [r for r in question_refs(folded, survey) if r.start >= m.start() or len(words(folded[r.end:m.start()])) <= 2]
    after = folded[m.end():].strip(" ,.:;!-")
    bare = _BARE_NUMBER_REF_RE.match(after)
    named_before = re.search(r"(?:^|\b(?:at|that|dass)\s+)(\d{1,2})$", head) if kind == "should" else None
    if not bare and named_before:
        # "PS: 1 skal være 2", "vi er enige om at 1 skal være 2": the question by its number in the clause
        bare = _BARE_NUMBER_REF_RE.match(named_before.group(1) + " " + folded[m.start():])
    if kind == "wrong_named":
        # "3 er forkert, det var 8 gange": the question named by its number just before the marker
        named = re.fullmatch(r"(?:(?:svar(?:et)?|spm\.?|nr\.?|nummer)\s*(?:paa\s+|til\s+)?)?(\d{1,2})", head)
        q = next((q for q in survey.questions if named and q.number == int(named.group(1))), None)
        if q is None and len(refs) == 1 and refs[0].start < m.start():
            q = refs[0].question  # "svaret på spørgsmål 3 var forkert"
        if q is None:
            return [], False  # "prisen er forkert": an opinion about something, not a correction
        text, old = _value_text(after)
        if not text and next_folded is not None:
            text, old = _value_text(next_folded)
            return [Correction(q, text, old, True)], bool(text)
        return [Correction(q, text, old, True)], False
    if _ANSWER_LINE_RE.match(folded) and not (bare or any(r.start >= m.start() for r in refs)):
        return [], False  # "6: Det skal være nemmere ...": an answer, not a correction
    if kind == "meant" and not (refs or bare or _is_value_near(folded, m.end(), survey)):
        return [], False  # "jeg mener, at der mangler bænke": an opinion
    quoted = re.search(r"\b(?:skrev|svarede|wrote|answered|schrieb)\s+(?:spm\.?\s*)?(\d{1,2})\s*[:=.]\s*(\S+)", head)
    if quoted and not refs and not bare:
        q = next((q for q in survey.questions if q.number == int(quoted.group(1))), None)
        if q is not None:
            text, old = _value_text(after)
            return [Correction(q, text, old or quoted.group(2).strip(" ,."), True)], False
    if kind == "should" and not (refs or bare or re.search(r"\b(?:det|svaret|svar|mit\s+svar|it|answer)$", head)):
        return [], False  # "der skal være flere bænke": a wish
    if kind == "take_back" and not (opening or refs or bare):
        return [], False  # "4 nej vent 5": a correction inside one answer (with_correction reads it)
    if kind == "take_back" and not (refs or bare or _is_value_near(folded, m.end(), survey)):
        return [], False  # "Undskyld det sene svar"
    strong = kind in ("noun", "wrong")
    if bare and not refs:
        q = next((q for q in survey.questions if q.number == int(bare.group(1))), None)
        if q is not None:
            text, old = _value_text(bare.group(2))
            return [Correction(q, text, old, True)], False
    if refs:
        out = []
        for i, ref in enumerate(refs):
            end = refs[i + 1].start if i + 1 < len(refs) else len(folded)
            part = folded[ref.end:end]
            if i == 0 and ref.start > m.end():
                # "Jeg mente 3 i spørgsmål 1, ikke 4": the value came before the question's name
                part = folded[m.end():ref.start] + " " + part
            text, old = _value_text(part)
            out.append(Correction(ref.question, text, old, True))
        took_next = False
        if len(out) == 1 and not out[0].text and next_folded is not None:
            text, old = _value_text(next_folded)
            if text and (_SHOULD_RE.search(next_folded) or len(words(text)) <= 3):
                out[0] = Correction(out[0].question, text, old, True)
                took_next = True
        return out, took_next
    text, old = _value_text(after)
    if not text and next_folded is not None and strong:
        text, old = _value_text(next_folded)
        return [Correction(None, text, old, True)], bool(text)
    if len(words(text)) > 4 and not strong:
        return [], False  # a whole sentence after "det skal være" is a remark, not a value
    return [Correction(None, text, old, strong)], False


_CONTINUED_RE = re.compile(r"^(?:og|and|und|samt|plus|ogsaa|also)\s+(?:spm\.?\s*|nr\.?\s*)?(\d{1,2})\s+"
                           r"(?:er|skal\s+vaere|bliver|is|should\s+be|ist|=)\s+(\S.*)$")


def _continued_correction(folded: str, survey: Survey) -> list[Correction]:
    """"Og 5 er A" right after a correction: the same correction goes on to another question."""
    m = _CONTINUED_RE.match(folded.strip())
    q = next((q for q in survey.questions if m and q.number == int(m.group(1))), None)
    if q is None:
        return []
    text, old = _value_text(m.group(2))
    return [Correction(q, text, old, True)]


def find_corrections(lines: list[str], survey: Survey) -> tuple[list[str], list[Correction]]:
    """Take out the sentences that correct an answer apart from the answers themselves."""
    found: list[Correction] = []
    kept: list[str] = []
    skip_next = False
    all_sentences = [(i, s) for i, line in enumerate(lines) for s in sentences(line)]
    drop: dict[int, list[str]] = {}
    for k, (i, s) in enumerate(all_sentences):
        if skip_next:
            skip_next = False
            drop.setdefault(i, []).append(s)
            continue
        nxt = fold(all_sentences[k + 1][1]) if k + 1 < len(all_sentences) else None
        corrections, skip_next = _sentence_corrections(fold(s), nxt, survey)
        if not corrections and k > 0 and all_sentences[k - 1][1] in drop.get(all_sentences[k - 1][0], ()):
            corrections = _continued_correction(fold(s), survey)  # "Nej vent, 1 er 4. Og 5 er A."
        if corrections and all(c.question is None for c in corrections) and k > 0 and all_sentences[k - 1][0] == i \
                and _NUMBERED_LINE_RE.match(fold(lines[i])):
            corrections, skip_next = [], False  # "5 6. Eller rettere 4": it corrects its own line's answer
        if corrections:
            found.extend(corrections)
            drop.setdefault(i, []).append(s)
    for i, line in enumerate(lines):
        for s in drop.get(i, ()):
            line = line.replace(s, "", 1)
        kept.append(line if line.strip(" .,;:-") else "")
    return kept, found


def apply_corrections(found, corrections: list[Correction], survey: Survey, *, scope: list[Question] | None = None):
    """Apply corrections found apart from the answers to what was read (`found`: a reader.Found)."""
    from .answers import read_value

    questions = [q for q in (scope or survey.questions) if q.type != "text"]
    for c in corrections:
        if c.removes:
            _withdraw(found, c.text, questions)
            continue
        if c.question is not None:
            targets = [c.question] if c.question.type != "text" or SKIP_RE.match(c.text) else []
        else:
            targets = []
            if c.old:
                targets = [q for q in questions if (v := found.values.get(q.key)) is not None and v.ok
                           and read_value(c.old, q).ok and read_value(c.old, q).value == v.value]
            if not targets and c.text:
                topic = topic_words(c.text)
                about = [q for q in questions if overlap(topic, topic_words(q.text)) >= 1]
                if len(about) == 1:
                    targets = about  # the one question whose words the correction uses
            if not targets and c.text:
                targets = [q for q in questions if read_value(c.text, q, strict=True).ok] or [
                    q for q in questions if read_value(c.text, q).ok]
                answered = [q for q in targets if q.key in found.values]
                if len(answered) == 1:
                    targets = answered  # "3: A ... Hov, jeg mente C": the one answer of that kind given
            if not targets and c.strong:
                targets = [q for q in questions if q.key in found.values]  # a correction nobody can place
        if len(targets) == 1 and c.additive:
            q, had = targets[0], found.values.get(targets[0].key)
            v = read_value(c.text, q)
            if q.type == "choice" and not v.ok:
                from .choices import named_options

                named = named_options(c.text, q)  # "min mand siger at vi også savner lægen": the options it names
                v = Value("ok", [q.options[i].key for i in named] if q.multiple else q.options[named[0]].key, 0.9) if (
                    named and (q.multiple or len(named) == 1)) else v
            if v.ok and q.multiple and had is not None and had.ok:
                v = Value("ok", [k for k in (o.key for o in q.options) if k in had.value or k in v.value], 0.9)
            elif v.ok and had is not None and had.ok and had.value != v.value:
                v = UNCLEAR  # a second value for a single answer: which?
            found.put(q.key, Value("ok", v.value, min(v.confidence, 0.9)) if v.ok else UNCLEAR, "correction", override=True)
        elif len(targets) == 1:
            v = read_value(c.text, targets[0]) if c.text else UNCLEAR
            if not v.ok and "," in c.text:
                v = read_value(c.text.split(",")[0], targets[0])  # "vi havde kun 2 børn med, den tredje var ..."
            if v.status == "skip":
                found.put(targets[0].key, v, "correction", override=True)  # "spring 3 over"
                continue
            found.put(targets[0].key, Value("ok", v.value, min(v.confidence, 0.9)) if v.ok else UNCLEAR,
                      "correction", override=True)
        else:
            for q in targets:
                found.put(q.key, UNCLEAR, "correction", override=True)


def _withdraw(found, text: str, questions: list[Question]) -> None:
    """Take the options a withdrawal names out of the choices recorded with them; a single choice or a list
    left empty is asked again."""
    from .choices import named_options

    for q in questions:
        had = found.values.get(q.key)
        if q.type != "choice" or had is None or not had.ok:
            continue
        gone = {q.options[i].key for i in named_options(text, q)}
        kept = [k for k in had.value if k not in gone] if q.multiple else had.value
        if not gone or (q.multiple and not gone & set(had.value)) or (not q.multiple and had.value not in gone):
            continue
        found.put(q.key, Value("ok", kept, min(had.confidence, 0.9)) if q.multiple and kept else UNCLEAR,
                  "correction", override=True)


# --- inside one answer -------------------------------------------------------------------------------

def after_correction(folded: str) -> str | None:
    """The text after the last correction marker, if there is one."""
    last = None
    for m in CORRECTION_RE.finditer(folded):
        last = m
    if last is None:
        return None
    rest = folded[last.end():].lstrip(" ,.:;-!")  # "C, nej vent, D" -> "D"
    return rest if rest.strip(" ,.:;-!") else None


# "5, nej 6", "bil - nej, bus": on a question that is not yes/no, a "nej"
# between two values of the question's type takes the first one back.
_NEJ_SELF_CORRECTION_RE = re.compile(r"^(.*?\S)\s*[,.;:-]?\s+nej\s*[,.!:-]*\s+(\S.*)$")


def _value_after_why(reader, rest: str, q: Question) -> Value:
    """"nej vent, det var min søn der prøvede. Nej.": why first, then the new value, alone as the last
    sentence; every sentence before it gives no value of its own."""
    parts = [p for p in re.split(r"(?<=[.!?])\s+", rest.strip()) if p.strip(" .!?")]
    if len(parts) < 2:
        return UNCLEAR
    final = re.sub(r"^(?:saa|altsaa|derfor|so)\s+", "", parts[-1])  # "... Så C.": the conclusion
    if len(words(final)) > 3:
        return UNCLEAR
    last = reader(final, q, strict=True)
    # every sentence before it gives no value, or the same one ("Det er varmen i omklædningen. Så C.")
    if last.ok and all((v := reader(p, q, strict=False)).status == "none" or (v.ok and v.value == last.value)
                       for p in parts[:-1]):
        return last
    return UNCLEAR


def with_correction(reader, text: str, q: Question, strict: bool) -> Value:
    """Read text; when it carries a correction, the corrected value stands."""
    folded = fold(text)
    rest = after_correction(folded)
    if rest is not None:
        v = reader(rest, q, strict=False)
        if not v.ok and re.search(r"[,;]|\s-\s|\b(?:fordi|da|for|because|weil)\b", rest):
            # "eller rettere 4, vi bor langt væk": the new value, then why (a why that gives no other value)
            head = re.split(r"[,;]|\s-\s|\b(?:fordi|da|for|because|weil)\b", rest)[0]
            v, why = reader(head, q, strict=False), reader(rest[len(head):], q, strict=False)
            if v.ok and why.status != "none" and not (why.ok and why.value == v.value):
                v = UNCLEAR  # "det er busruterne, der er værst. Så A.": the why ends in another value
        if not v.ok:
            v = _value_after_why(reader, rest, q)
        if v.ok:
            return Value("ok", v.value, min(v.confidence, 0.9))
        if re.search(r"\bnej\s*,?\s*(?:vent|forresten|det\s+er)\b|\bvent\s*,?\s*nej\b", folded):
            return UNCLEAR  # "B, nej vent, C" to a yes/no question: the "nej" takes something back, it is no answer
    if q.type != "yes_no" and " nej" in folded:
        m = _NEJ_SELF_CORRECTION_RE.match(folded.strip())
        if m and len(words(m.group(1))) <= 3 and len(words(m.group(2))) <= 4:
            before, after = reader(m.group(1), q, strict=False), reader(m.group(2), q, strict=False)
            if before.status != "none" and after.ok:
                return Value("ok", after.value, min(after.confidence, 0.9))
    if q.type in ("scale", "number", "yes_no") or (q.type == "choice" and not q.multiple):
        # "3 og ikke 8", "ikke 4 men 5", "5 - not 4": the negated value is the one taken back
        m = _OLD_VALUE_RE.search(folded)
        if m:
            rest = (folded[:m.start()] + " " + folded[m.end():]).strip(" ,.;:-")
            old, new = reader(m.group(1), q, strict=False), reader(rest, q, strict=False)
            if old.ok and new.ok and old.value != new.value and len(words(rest)) <= 4:
                return Value("ok", new.value, min(new.confidence, 0.9))
    return reader(folded, q, strict=strict)
