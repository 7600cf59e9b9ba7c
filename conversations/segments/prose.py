"""Free prose: each clause read for the question whose topic it talks about."""
from __future__ import annotations

import re

from ..answers import UNCLEAR, Value, read_text, read_value
from ..counts import alone_count
from ..definitions import Question, Survey
from ..evidence import prose_confidence
from ..lexicon import NEGATIONS
from ..options import option_mentions
from ..refs import ORDINAL_REF_RE, ORDINALS
from ..segments.topics import overlap, topic_words
from ..text import fold, same_word, sentences, words


def _full_label_questions(clause: str, survey: Survey) -> list:
    """Choice questions one of whose labels of two or more words stands whole in the clause."""
    f = " " + " ".join(words(clause)) + " "
    out = []
    for q in survey.questions:
        if q.type == "choice" and any(len(words(o.label)) >= 2 and f" {' '.join(words(o.label))} " in f
                                      for o in q.options):
            out.append(q)
    return out


def _clause_question(clause: str, survey: Survey, qwords: dict) -> tuple[Question | None, bool]:
    """(question, by_topic) a clause talks about: the one whose words it uses
    most, or else the one choice question whose options it names."""

    m = ORDINAL_REF_RE.search(fold(clause))
    if m:
        # "jeg giver en 5 til det første", "helt enig i det første spørgsmål"
        word = m.group(1)
        n = len(survey.questions) if word == "sidste" else ORDINALS[word]
        q = next((q for q in survey.questions if q.number == n), None)
        return q, True
    full = _full_label_questions(clause, survey)
    if len(full) == 1:
        return full[0], False  # "kommer der en gang om måneden": an option's whole label says which question
    cw = topic_words(clause)
    # "Jeg skriver helst via digital post": the words of a named option ("Mail eller digital post") are that
    # option's, not a topic that points to another question ("... digital selvbetjening?")
    label_words = []
    for cq in survey.questions:
        if cq.type == "choice":
            nouns, _, neg = option_mentions(fold(clause), cq)
            label_words += [lw for i in nouns if i not in neg for lw in words(cq.options[i].label)]
    if label_words:
        cw = {w for w in cw if not any(same_word(fold(w), lw) for lw in label_words)}
    scores = {q.key: overlap(cw, qwords[q.key]) for q in survey.questions}
    best = max(scores.values()) if scores else 0
    candidates = [q for q in survey.questions if best and scores[q.key] == best]
    if best >= 1 or (candidates and not _option_hits(clause, survey)):
        if len(candidates) == 1:
            return candidates[0], True
        if candidates:
            # two questions share the words: the one whose option the clause names, or no guess
            named = [cq for n, cq in _option_hits(clause, survey) if n >= 1 and cq in candidates]
            if len(named) == 1:
                return named[0], True
            return None, True
    return _by_option(clause, survey)


_LABEL_FILLER = {"og", "eller", "til", "paa", "med", "for", "af", "i", "en", "et", "de", "den", "det", "flere", "mere",
                 "bedre", "nye", "nyt", "ny", "stoette"}


def _option_hits(clause: str, survey: Survey) -> list:

    hits = []
    for cq in survey.questions:
        if cq.type == "choice":
            nouns, verbs, neg = option_mentions(fold(clause), cq)
            n = len([i for i in nouns if i not in neg]) or 0.5 * len([i for i in verbs if i not in neg])
            if not n:
                # "jeg går mest på museer": the first word of one option's label ("Museer og udstillinger"),
                # itself, not a part of a compound
                toks = words(clause)
                named = set()
                for idx, o in enumerate(cq.options):
                    lt = [t for t in words(o.label) if t not in _LABEL_FILLER]
                    if len(lt) >= 2 and len(lt[0]) >= 4 and any(same_word(t, lt[0]) for t in toks):
                        named.add(idx)
                if len(named) == 1 and not any(t in NEGATIONS for t in toks):
                    n = 0.5
            if n:
                hits.append((n, cq))
    return hits


def _by_option(clause: str, survey: Survey) -> tuple[Question | None, bool]:
    """The one choice question whose options a clause names, if any."""
    hits = _option_hits(clause, survey)
    hits.sort(key=lambda h: -h[0])
    if hits and (len(hits) == 1 or hits[0][0] > hits[1][0]):
        return hits[0][1], False
    return None, False


# A grade given without naming its topic: "en 7'er", "giver det 8", "4 ud af 5", "7/10"
_GRADE_RE = re.compile(r"\b(?:en|et)\s+\d{1,2}\s*'?\s*(?:er|tal)\b|\bgiver?\s+(?:det|dem|den|jer|\w+ne)\s+(?:en\s+)?"
                       r"\d{1,2}\b|\b\d{1,2}\s*(?:ud\s+af|/)\s*\d{1,2}\b|\b\d{1,2}\s+stjerner\b")


# "Vi er glade for huset, så 5": a bare grade that closes a clause
_CONCLUSION_RE = re.compile(r"^(?:saa|altsaa|dvs|derfor)\s+(?:en\s+)?\d{1,2}(?:\s*'?\s*er)?\s*[.!]*$")
# the sentence judges something: a closing number there is a grade
_EVALUATIVE_RE = re.compile(r"\b(?:glad|glade|tilfreds|tilfredse|utilfreds|utilfredse|fin|fint|fine|god|godt|gode|"
                            r"daarlig|daarligt|daarlige|elsker|ked|sur|skidt|okay|ok|middel|super|fantastisk|elendig\w*|"
                            r"rigtig\s+godt|fungerer)\b")
# "altså fire i alt", "5 i alt", "i alt 3"
_TOTAL_RE = re.compile(r"\b(?:\d{1,2}|en|to|tre|fire|fem|seks|syv|otte|ni|ti)\s+i\s+alt\b|\bi\s+alt\s+(?:\d{1,2}|to|tre|"
                       r"fire|fem|seks|syv|otte|ni|ti)\b")


def _prose_topics(survey: Survey) -> dict:
    """Each question's topic words.  An open (text) question keeps only the words that are its own: a word
    that another question or its options also use ("Borgerservice" in an option and in the open question)
    cannot tell that a sentence answers the open question rather than the other one."""
    qwords = {q.key: topic_words(q.text) for q in survey.questions}
    for q in survey.questions:
        if q.type != "text":
            continue
        others = set()
        for o in survey.questions:
            if o is not q:
                others |= qwords[o.key] | topic_words(" ".join(op.label for op in o.options))
        qwords[q.key] = {w for w in qwords[q.key] if not overlap({w}, others)}
    return qwords


_PLACE_PHRASE_RE = re.compile(r"\b(?:i|paa|til|hos|ved)\s+(?:(?:det|den|de|en|et|ae|min|mit|vores|lille|store|nye|"
                              r"gamle)\s+){0,3}[a-z]{4,}")
_SUBORDINATE_RE = re.compile(r"^(?:fordi|da|naar|hvis|som|selvom|selv\s+om|men|for|siden|mens|hvor|hvilket|der|"
                             r"saa\s+(?:at|de|det|man|vi|jeg|han|hun|den|der|du|i)\b)\b")


def _list_may_go_on(sentence: str, unresolved: list[str], survey: Survey) -> bool:
    """In a sentence that gives a multiple-choice answer: does it name something more that maps to no option
    (a name, "i Brugsen", "på det lille bageri"), so that the list read may be partial?"""
    vocab = set(words(" ".join([survey.title or ""] + [q.text for q in survey.questions] +
                               [o.label for q in survey.questions for o in q.options])))
    for i, m in enumerate(re.finditer(r"(?<![.!?:]\s)(?<!^)\b([A-ZÆØÅ][a-zæøåé]+)", sentence.strip())):
        w = fold(m.group(1))
        if w not in vocab and not any(len(w) >= 4 and v.startswith(w[:4]) and same_word(w, v) for v in vocab):
            return True
    for clause in unresolved:
        f = re.sub(r"^(?:og|samt|plus)\s+", "", fold(clause).strip())
        if not _SUBORDINATE_RE.match(f) and _PLACE_PHRASE_RE.search(f):
            return True
    return False


def _mirrored_yes_no(sentence: str, survey: Survey) -> list:
    """"Er du frivillig i en forening?" answered "Jeg er selv frivillig i Røde Kors": the question's
    auxiliary and predicate, said in the present with the writer as subject."""
    f = fold(sentence)
    out = []
    for q in survey.questions:
        if q.type != "yes_no":
            continue
        m = re.match(r"^(er|har|bruger|bor|gaar|koerer|cykler|dyrker|spiller|ejer)\s+du\s+([a-z]{4,})\b", fold(q.text))
        if not m:
            continue
        aux, pred = m.groups()
        mm = re.search(r"(?:^|[,;]\s*)(?:jeg|vi)\s+" + aux + r"\s+(?:selv\s+|ogsaa\s+|stadig\s+|faktisk\s+|da\s+)*"
                       r"((?:ikke|aldrig)\s+)?" + pred + r"\b", f)
        if mm and not re.search(r"\b(?:hvis|naar|maaske|maske|ville|kunne|engang|tidligere|foer)\b", f):
            out.append((q, Value("ok", "no" if mm.group(1) else "yes", 0.8)))
    return out if len(out) == 1 else []


# "men naboen har", "og min kone gør også": a subject and an auxiliary, the rest left out
_ELLIPSIS_RE = re.compile(r"(?:men|og|mens|selvom)\s+(?:min\s+|mit\s+|vores\s+)?[a-z]+\s+(?:har|er|goer|kan|vil|skal|"
                          r"havde|var|gjorde|kunne|ville)(?:\s+(?:ikke|ogsaa|det|da|nu|stadig))*\s*[.!]*")


def prose_answers(body: str, survey: Survey) -> dict:
    """Sentences of free prose, each clause read for the question whose words
    it uses ("Busserne får en 4'er", "Vi har ét barn")."""
    qwords = _prose_topics(survey)
    out: dict[str, Value] = {}
    conflicts, tried = set(), set()
    asked = None  # "Anbefale det til en ven? Klart, 9 ud af 10.": the writer's own echo of a question
    for sentence in sentences(body):
        echoed, asked = asked, None
        if sentence.endswith("?"):
            if len(words(sentence)) <= 8:
                eq, eq_topic = _clause_question(sentence, survey, qwords)
                if eq is not None and eq_topic and eq.type in ("scale", "number", "yes_no"):
                    asked = eq
            continue
        if echoed is not None and echoed.key not in out and _clause_question(sentence, survey, qwords)[0] is None:
            v = read_value(sentence, echoed)
            if v.ok:
                out[echoed.key] = Value("ok", v.value, prose_confidence(v.confidence, True))
                continue
        for mq, mv in _mirrored_yes_no(sentence, survey):
            if mq.key not in out:
                out[mq.key] = mv
        # "Jeg løber 4 dage om ugen og er ikke med i nogen forening": "og" before a verb or a
        # subject starts a new clause
        clauses = [c for c in re.split(r",\s+|\s+-\s+|;\s*|\s+\(|\)|\s+og\s+(?=(?:er|har|jeg|vi|bruger|kan|vil|"
                                       r"synes|giver|kommer|går|gaar|bor|sorterer|hun|han|min|mit|mine|vores|så|"
                                       r"saa|ja|nej)\b)|"
                                       r"\s+og\s+(?=(?:til|i|om)\s+det\s+(?:første|foerste|andet|tredje|fjerde|femte|"
                                       r"sjette|sidste)\b)|"
                                       # "... og lektierne er fint nok": "og", a noun and its verb start a clause
                                       r"\s+og\s+(?=[^\W\d_]{3,}(?:erne|ene|en|et|ne)\s+(?:er|var|har|trives|fungerer)\b)",
                                       sentence) if c and c.strip()]
        assigned_in_sentence = set()
        unresolved: list[str] = []  # clauses that gave no question anything
        pending: Question | None = None  # topic named, value still to come ("Busserne ... - en 2'er")
        last: Question | None = None  # the question the sentence's last value went to
        orphan = None  # the clause before, when it went to no question ("Jeg er enig i, at ...")
        for clause in clauses:
            prev_orphan, orphan = orphan, None
            if _ELLIPSIS_RE.fullmatch(fold(clause).strip()):
                continue  # "..., men naboen har": the clause before said what; a subject names no option
            unresolved.append(clause)
            q, by_topic = _clause_question(clause, survey, qwords)
            if q is None and not by_topic and last is not None and pending is None and last.type in (
                    "scale", "number", "yes_no"):
                again = read_value(clause, last, strict=True)
                if again.ok and last.key in out and out[last.key].ok and again.value != out[last.key].value:
                    # "Den ældste trives (helt enig), den yngste har det svært (uenig)": two values
                    conflicts.add(last.key)
                    continue
            if q is None and (_GRADE_RE.search(fold(clause)) or (
                    _CONCLUSION_RE.search(fold(clause)) and (last is None or last.type == "choice")
                    and _EVALUATIVE_RE.search(fold(sentence)))):
                scales = [sq for sq in survey.questions if sq.type == "scale"]
                if len(scales) == 1:
                    q = scales[0]  # "jeg vil give det en 7'er", "..., så 5": a grade, and one scale to give it to
            if q is None and _TOTAL_RE.search(fold(clause)):
                counts = [nq for nq in survey.questions if nq.type == "number"]
                if len(counts) == 1:
                    q = counts[0]  # "altså fire i alt": a total, and one count to give it to
            if q is None:
                if pending is not None and not by_topic:
                    v = read_value(clause, pending)
                    if v.ok:
                        q = pending
                    pending = None
                if q is None:
                    if not by_topic:
                        orphan = clause
                    continue
            elif q.type == "text":
                at = sentence.find(clause)
                rest = sentence[at:] if at > 0 else sentence  # from its topic to the sentence's end
                ref = re.match(r"(?i)^\s*(?:til|i|om|paa|på)\s+det\s+\w+(?:\s+spørgsmål|\s+spoergsmaal)?\s*[:,-]?\s*",
                               rest)
                if ref and ORDINAL_REF_RE.match(fold(ref.group(0)).strip(" :,-")):
                    rest = rest[ref.end():]  # "til det sidste: flere lydbøger" -> "flere lydbøger"
                v = read_value(rest, q)
            else:
                v = read_value(clause, q)
                others = [c for c in clauses if c is not clause and option_mentions(fold(c), q)[0]]
                if q.multiple and v.ok and (not by_topic or others):
                    # "Alle tre ting trænger (veje, stier og busser)", "vi sorterer mad, plast og papir, men ikke glas":
                    # the list goes on in the sentence's other clauses, so the whole sentence is the answer
                    whole = read_value(sentence, q)
                    if whole.ok:
                        v = whole
                    elif others:
                        v = UNCLEAR  # a list that cannot be read whole is no list at all
                if v.status == "none" and q.type == "scale" and by_topic and prev_orphan is not None:
                    # "Jeg er enig i, at det er let at finde rundt": the value comes first, the topic after
                    v = read_value(prev_orphan, q)
                if v.status == "none" and q.type in ("scale", "number"):
                    pending = q
                    if by_topic:
                        tried.add(q.key)
                    continue
            if v.status == "none" and by_topic and q.type != "text":
                tried.add(q.key)  # "Jeg synes ikke, de har tid nok": about the question, but no value
            if v.status != "none":
                unresolved.pop()
            if q.key in assigned_in_sentence or v.status == "none":
                continue
            assigned_in_sentence.add(q.key)
            last = q
            v = Value(v.status, v.value, prose_confidence(v.confidence, by_topic))
            if q.key in out and out[q.key].ok and v.ok and out[q.key].value != v.value:
                conflicts.add(q.key)
            elif q.key not in out or not out[q.key].ok:
                out[q.key] = v
        for key in assigned_in_sentence:
            mq = survey.question(key)
            if mq.type == "choice" and mq.multiple and _list_may_go_on(sentence, unresolved, survey):
                conflicts.add(key)  # "A handler i æ Brugs og går til æ frisør": never a partial list
            if mq.type == "number" and any(re.match(r"(?i)^men\b", c.strip()) for c in unresolved):
                conflicts.add(key)  # "Vi har to børn, men kun den ene bor hjemme": the count is taken back
    _side_readings(body, survey, out)
    for k in conflicts:
        out[k] = UNCLEAR
    for k in tried:
        out.setdefault(k, UNCLEAR)
    return out


# A sentence that states a wish or a lack: the answer to the survey's one open question
# ("Det der ville hjælpe mig mest er ...", "Jeg savner ...", "Der mangler ...", "Mit forslag er ...")
_WISH_RE = re.compile(
    r"^(?:og\s+|men\s+)?(?:det\s+(?:der|som)\s+(?:ville|vil|kunne|kan)\s+(?:\w+\s+){1,5}?(?:er|vaere)|"
    r"jeg\s+(?:savner|mangler|oensker\s+mig|foreslaar|vil\s+foreslaa|kunne\s+godt\s+taenke\s+mig|ville\s+gerne\s+have|"
    r"vil\s+gerne\s+have|drømmer\s+om|droemmer\s+om)|mit\s+(?:forslag|oenske|bedste\s+forslag)\s+(?:er|vil\s+vaere|ville\s+vaere)|"
    r"(?:vi|man)\s+(?:savner|mangler)|der\s+(?:mangler|burde\s+vaere|skulle\s+vaere)|"
    r"det\s+ville\s+vaere\s+(?:godt|fedt|dejligt|rart|super|skoent|godt)\s+(?:med|hvis)|"
    r"(?:det\s+)?(?:bedste|vigtigste)\s+(?:ville\s+vaere|er))\b")


def _names_an_option(folded: str, survey: Survey) -> bool:
    """Does a sentence name an option of a choice question ("Jeg savner flere koncerter" to "Hvad skal
    kommunen satse på? ... Koncerter")? Then it may answer that question, not the open one."""
    return any(q.type == "choice" and option_mentions(folded, q)[0] for q in survey.questions)


def _side_readings(body: str, survey: Survey, out: dict) -> None:
    """What a prose clause says besides its topic: living alone to a household count ("Jeg bor alene i
    lejlighed"), and a wish sentence to the one open question."""

    counts = [q for q in survey.questions if q.type == "number" and q.key not in out]
    texts = [q for q in survey.questions if q.type == "text"]
    for sentence in sentences(body):
        if sentence.endswith("?"):
            continue
        f = fold(sentence)
        for q in counts:
            for part in re.split(r",\s*|\s+og\s+|\s+men\s+", f):
                n = alone_count(part, q)
                if n is not None and q.key not in out and (q.min is None or n >= q.min):
                    out[q.key] = Value("ok", n, 0.8)
        if len(texts) == 1 and texts[0].key not in out and _WISH_RE.match(f) and not _names_an_option(f, survey):
            v = read_text(sentence, texts[0])
            if v.ok:
                out[texts[0].key] = Value("ok", v.value, 0.8)
