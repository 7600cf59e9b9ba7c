"""Reading what a panelist wrote against the survey or meeting it answers.

The flow, for one message:

1. normalise (danish.clean): NFC, plain dashes, no emoji; drop greeting-only
   lines, sign-offs and what follows them;
2. decide the message-level intents that need no definition: leaving the
   panel ("STOP", "meld mig ud"), an automatic answer;
3. a meeting: read the RSVP (attending, guests);
   a survey: cut the reply into answer segments, in this order of trust:
   inline answers under quoted questions (email blocks), numbered answers
   ("1: 4", "spm 2: ja", "1) fire"), the one awaited question (SMS), answers
   in question order (one per line, per comma or per word), and last the
   topic of each sentence in free prose ("Busserne får en 4'er");
4. read each segment against its question's type (values.py), with
   corrections ("3 - nej vent, 4") and a confidence; below THRESHOLD a value
   goes to `unclear`;
5. decide the intent: answers, rsvp, other (a question for staff) or unclear.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

from .danish import (CLOSING_RE, GREETING_RE, TO_LINE_RE, INLINE_SIGNOFF_RE, NUMBER_WORDS, SIGNATURE_DELIM_RE, clean,
                     same_word,
                     fold, lemma, standard_words, words)
from .definitions import Meeting, Question, Survey
from .values import NONE, UNCLEAR, Value, read_value

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


def _prose_confidence(confidence: float, by_topic: bool) -> float:
    return min(confidence, PROSE_CAP) * (1.0 if by_topic else NO_TOPIC) * (1.0 if confidence >= 0.9 else WEAK_READING)
INTENTS = ("answers", "rsvp", "unsubscribe", "auto_reply", "bounce", "unclear", "other")


@dataclass(frozen=True)
class Rsvp:
    attending: str  # "yes" | "no" | "maybe"
    guests: int = 0


@dataclass(frozen=True)
class Reading:
    intent: str
    answers: dict = field(default_factory=dict)
    unclear: tuple = ()
    rsvp: Rsvp | None = None
    confidence: dict = field(default_factory=dict)
    asks_staff: bool = False
    error: str | None = None
    skipped: tuple = ()   # question keys the writer explicitly passed over ("spring 3 over", "-", "ved ikke")

    def to_json(self, id) -> dict:
        out = {"id": id, "intent": self.intent, "answers": dict(self.answers), "unclear": list(self.unclear)}
        if self.rsvp is not None:
            out["rsvp"] = {"attending": self.rsvp.attending, "guests": self.rsvp.guests}
        if self.error:
            out["error"] = self.error
        return out


# ---------------------------------------------------------------------------
# Cleaning a body down to the panelist's own lines
# ---------------------------------------------------------------------------

def own_lines(text: str) -> list[str]:
    """Lines the panelist wrote as answer or message: no greeting-only lines,
    no sign-off and nothing after it, no quoted '>' lines."""
    lines = clean(text).split("\n")
    out: list[str] = []
    for line in lines:
        s = line.strip()
        if s.startswith(">"):
            continue
        f = fold(s)
        if SIGNATURE_DELIM_RE.match(s) or (CLOSING_RE.match(f) and len(f) <= 40):
            break
        if (GREETING_RE.match(s) and len(f.split()) <= 5 and not re.search(r"\d", f)) or TO_LINE_RE.match(s):
            out.append("")
            continue
        out.append(line.rstrip())
    # a lone name line at the very end is a signature ("Jens P.", "- Jonas", "/Rasmus")
    while out and not out[-1].strip():
        out.pop()
    if out and re.fullmatch(r"\s*[-/]?\s*[A-ZÆØÅ][\w.]*(?:\s+[A-ZÆØÅ][\w.]*){0,2}\s*", out[-1]) and (
            len(out) == 1 or not out[-2].strip()) and len(out) > 1:
        out.pop()
    while out and not out[-1].strip():
        out.pop()
    if out:
        out[-1] = INLINE_SIGNOFF_RE.sub("", out[-1]).rstrip()
    return out


_ABBREV_RE = re.compile(r"\b(?:kl|ca|fx|f\.eks|bl\.a|nr|spm|evt|dvs|mht|tlf|jf|inkl|ekskl|pga|vha|str)\.$", re.I)


def sentences(text: str) -> list[str]:
    """Split on line breaks and sentence ends (not after kl., fx., 2.)."""
    out = []
    for line in text.split("\n"):
        start = 0
        for m in re.finditer(r"[.!?]+(?=\s|$)", line):
            chunk = line[start:m.end()]
            following = line[m.end():].lstrip()[:1]
            if _ABBREV_RE.search(chunk) or (re.search(r"(?<!\w)\d{1,2}\.$", chunk)
                                            and not following.isupper()):
                continue  # "kl. 20", "den 3. februar"; but "4 ud af 5. Vi har ..." ends a sentence
            if chunk.strip():
                out.append(chunk.strip())
            start = m.end()
        if line[start:].strip():
            out.append(line[start:].strip())
    return out


# ---------------------------------------------------------------------------
# Message-level intents
# ---------------------------------------------------------------------------

_COURTESY = r"(?:\s*(?:tak|venligst|please|nu|hurtigst\s+muligt|omgaaende|straks|[!.,]))*"
_BARE_LEAVE_RE = re.compile(r"^(?:stop|stopp|unsubscribe|afmeld|afmelding|frameld|udmeld|slet|slet\s+mig|"
                            r"meld\s+mig\s+ud|afmeld\s+mig|frameld\s+mig|udmeld\s+mig|stop\s+stop)" + _COURTESY + "$")
# Forms that may mean the meeting rather than the panel when they stand alone.
_MEETING_AMBIGUOUS_RE = re.compile(r"^(?:afmeld|afmelding|frameld|afmeld\s+mig|frameld\s+mig)" + _COURTESY + "$")
_LEAVE_RE = re.compile(
    r"\b(?:meld(?:e|t)?\s+mig\s+ud|(?:blive\s+)?meldt\s+ud|udmeld(?:e|er)?\s+mig|slet(?:te)?\s+mig|"
    r"slet(?:te)?\s+mit\s+(?:nummer|navn)|fjern(?:e)?\s+(?:mig|mit\s+nummer|min\s+(?:e-?mail|mail|adresse)|"
    r"ham|hende)\b(?:\s+fra)?|"
    r"(?:vil|oensker)\s+(?:ikke|gerne\s+ikke)\s+(?:vaere\s+med|deltage)\s+(?:mere|laengere|i\s+panelet)|"
    r"ikke\s+(?:laengere|mere)\s+(?:vaere\s+med|vaere\s+en\s+del|deltage\s+i\s+(?:borger)?panelet)|"
    r"vil\s+ikke\s+vaere\s+med\s+mere|vil\s+ikke\s+modtage\s+(?:flere|mere)|ud\s+af\s+(?:borger)?panelet\b|"
    # "ønsker ikke at modtage flere henvendelser", "gider ikke flere sms'er": no more messages of any kind
    r"(?:vil|oensker|gider|orker|magter)\s+(?:altsaa\s+|simpelthen\s+|bare\s+)?(?:ikke|ik|ikk)\s+(?:at\s+)?"
    r"(?:modtage|have|faa|se)?\s*(?:flere|mere)\s+(?:\w+\s+)?(?:sms\S*|beskeder|mails?|e-?mails?|henvendelser|"
    r"undersoegelser|spoergeskemaer|invitationer|breve|post|spam)|"
    r"(?:^|[.!?]\s+|\n)(?:ikke|ingen)\s+flere\s+(?:sms\S*|beskeder|mails?|e-?mails?|henvendelser|undersoegelser)|"
    # "ønsker at udtræde af borgerpanelet", "trækker mig fra panelet"
    r"\b(?:udtraede|udtraeder|traede\s+ud|traeder\s+ud|traekke\s+mig|traekker\s+mig)\s+(?:\w+\s+){0,2}?(?:af|fra)\s+"
    r"(?:jeres\s+|dette\s+|det\s+)?(?:borger)?panel|"
    # "vil ikke være med i jeres panel længere"
    r"(?:vil|oensker|gider|orker)\s+(?:altsaa\s+)?(?:ikke|ik|ikk)\s+(?:at\s+)?(?:vaere\s+med|deltage|vaere\s+en\s+del)"
    r"\b[^.!?\n]{0,30}?(?:\b(?:borger)?panel\w*|\b(?:mere|laengere)\b(?!\s+end))|"
    r"(?:af|fra)meld(?:e|er)?\s+mig\s+(?:venligst\s+)?(?:alle|fra|jeres|borgerpanelet|panelet|listen|"
    r"undersoegelser|nyhedsbreve|sms|mails)|"
    r"(?:stop|hold\s+op|lad\s+vaere)\s+(?:venligst\s+)?(?:med\s+at\s+)?(?:sende|skrive|kontakte|ringe|spamme)\s+"
    r"(?:\S+\s+){0,2}?(?:til\s+mig|mig|os|sms\S*|beskeder|mails?|e-?mails?|flere|mere)\b|"
    r"(?:af|fra|ud)meld(?:es|t)\s+(?:fra\s+|af\s+)?(?:jeres\s+|dette\s+)?(?:borger)?panel(?:et)?\b|"
    r"slet(?:te)?\s+(?:venligst\s+)?(?:alle\s+)?(?:mine|mit|min)\s+(?:person)?(?:oplysninger|data|persondata|"
    r"profil|konto|kontaktoplysninger)\b|"
    # "Vil I slette hende fra panelet?", "meld min mor ud": someone else taken off the panel
    r"(?:slet(?:te)?|fjern(?:e)?|afmeld(?:e)?|udmeld(?:e)?|frameld(?:e)?|tag(?:e)?)\s+(?:\w+\s+){0,3}?(?:fra|af|ud\s+af)\s+"
    r"(?:jeres\s+|dette\s+|det\s+)?(?:borger)?panel(?:et)?\b|"
    r"meld(?:e)?\s+(?:ham|hende|min\s+\w+|mit\s+\w+|vores\s+\w+)\s+ud\b|"
    r"unsubscribe)")
# "har ikke længere tid til at være med i panelet": a negated membership of the panel, in one clause
_PANEL_MEMBER_RE = re.compile(r"\b(?:vaere\s+(?:med|medlem|en\s+del)|deltage|sidde|blive)\s+(?:i|af)\s+"
                              r"(?:jeres\s+|dette\s+|det\s+)?(?:borger)?panel(?:et)?\b")


def _quits_panel(f: str) -> bool:
    for clause in re.split(r"[,.;!?\n]|\bmen\b", f):
        m = _PANEL_MEMBER_RE.search(clause)
        if m and re.search(r"\b(?:ikke|ik|ikk|ingen|aldrig)\b", clause[:m.start()]) and not re.search(
                r"\b(?:gerne|stadig|fortsat|fortsaette|fortsaetter|hvis|om|hvorfor|hvordan)\b", clause):
            return True
    return False


_LEAVE_NEGATED_RE = re.compile(r"\b(?:ikke|aldrig)\s+(?:meld\w*\s+mig\s+ud|slet\w*\s+mig|fjern\w*\s+mig)|"
                               r"\b(?:slet|fjern|meld|afmeld|udmeld)\w*\s+(?:mig|ham|hende)\s+(?:ikke|aldrig)\b")
_AUTO_RE = re.compile(
    r"\b(?:autosvar|auto-?svar|automatisk\s+(?:svar|besked|genereret|sendt)|(?:sendt|afsendt|genereret)\s+automatisk|et\s+automatisk|automatisk\s+\w+\s+svar|"
    r"fokus\s+(?:er\s+)?slaaet\s+til|koerer\s+bil\s+med\s+fokus|out\s+of\s+office|auto-?reply|autoreply|"
    r"fravaerende\s+(?:til|indtil)|denne\s+mail\s+er\s+genereret|svarer\s+ikke\s+paa\s+sms|"
    r"(?:har\s+)?ikke\s+adgang\s+til\s+(?:min\s+)?(?:e-?mail|mail|telefon|sms)|"
    r"(?:mails?|beskeder|e-?mails?)\s+bliver\s+ikke\s+(?:laest|videresendt)|laeser\s+ikke\s+(?:mails?|sms))\b")
# Comments for staff that carry no question mark
_STAFF_RE = re.compile(
    r"\b(?:ny\s+(?:e-?mail|mail)?-?adresse|nyt\s+(?:telefon|tlf|mobil)?-?nummer|ring\s+(?:venligst\s+)?til\s+mig|"
    r"send\s+(?:mig\s+)?resultaterne|(?:har|havde)\s+(?:allerede\s+|jo\s+)?svaret\s+(?:\w+\s+){0,3}?(?:i\s+forvejen|allerede|tidligere|for\s+\w+\s+siden)|(?:har|havde)\s+(?:allerede|jo\s+allerede)\s+svaret|(?:forstaar|fatter|begriber)\s+(?:ikke|ik|ikk)\s+(?:helt\s+)?spoergsmaal\w*|(?:spoergsmaal\w*|spm)\.?\s+(?:nr\.?\s*)?(?:\d{1,2}\s+)?(?:forstaar|fatter|begriber)\s+(?:jeg|vi)\s+(?:ikke|ik|ikk)|jeg\s+har\s+skiftet\s+(?:nummer|adresse|mail)|kontakt\s+mig)\b|"
    # a request or complaint to the municipality: an imperative that opens a sentence, "I bør ...", a complaint
    r"(?:^|[.!?]\s+|\n)(?:stop|hold\s+(?:nu\s+)?op|lad\s+(?:nu\s+)?(?:vaere|vaer))\s+med\s+at\s+\w+|"
    r"(?:^|[.!?]\s+|\n)(?:husk\s+at|soerg\s+for|goer\s+(?:nu\s+)?noget\s+ved|faa\s+nu|ret\s+nu)\b|"
    r"\bi\s+(?:skal|boer|burde|maa)\s+(?:altsaa\s+|virkelig\s+|simpelthen\s+|nu\s+)?(?:ikke\s+)?(?:lave|goere|"
    r"stoppe|holde|sende|toemme|fjerne|saette|bygge|sikre|tage|lytte|rydde|reparere|ordne|komme)\b|"
    r"\b(?:jeg\s+(?:vil\s+)?klage|klage\s+over|det\s+er\s+(?:en\s+)?skandale|det\s+larmer|"
    r"(?:helt\s+)?uacceptabelt|for\s+daarligt)\b|"
    # a promise of a later answer: "Jeg svarer i weekenden", "vi udfylder det i morgen"
    r"\b(?:jeg|vi)\s+(?:svarer|besvarer|udfylder|vender\s+tilbage)\s+(?:paa\s+)?(?:det\s+|den\s+|skemaet\s+|"
    r"spoergsmaalene\s+)?(?:nok\s+|gerne\s+)?(?:senere|i\s+weekenden|i\s+morgen|i\s+aften|naeste\s+uge|snarest|"
    r"hurtigst\s+muligt|(?:paa|i|om)\s+(?:mandag|tirsdag|onsdag|torsdag|fredag|loerdag|soendag)(?:en)?|"
    r"om\s+(?:et\s+par\s+|nogle\s+)?(?:dage|uger|lidt))\b")


def leaving(body_folded: str, raw_body: str, definition) -> str | None:
    """'unsubscribe', 'ambiguous' (a bare 'afmeld mig' to a meeting) or None."""
    f = re.sub(r"[^\w\s'-]+", " ", body_folded).strip()
    f = re.sub(r"\s+", " ", f)
    if not f:
        return None
    if isinstance(definition, Meeting) and _MEETING_AMBIGUOUS_RE.match(f):
        return "ambiguous"
    if _BARE_LEAVE_RE.match(f):
        return "unsubscribe"
    # STOP in capitals first, as the keyword carriers ask for ("STOP fjern mit nummer")
    if re.match(r"^\W*STOP\b(?!\s+(?:MED|med|AT|at|ved|VED)\b)", raw_body.strip()):
        return "unsubscribe"
    if (_LEAVE_RE.search(f) or _quits_panel(f)) and not _LEAVE_NEGATED_RE.search(f):
        return "unsubscribe"
    # "Gider ikke flere beskeder. Stop.": a sentence of its own that is only the keyword
    if any(_BARE_STOP_SENTENCE_RE.match(fold(s)) for s in sentences(raw_body)):
        return "unsubscribe"
    return None


_BARE_STOP_SENTENCE_RE = re.compile(r"^\W*(?:stop|stopp|afmeld|unsubscribe)(?:\s+(?:nu|tak|venligst|stop))*\W*$")


def is_auto_text(folded: str) -> bool:
    return bool(_AUTO_RE.search(folded))


def asks_staff(body: str) -> bool:
    return any(s.endswith("?") and len(words(s)) >= 2 for s in sentences(body)) or bool(
        _STAFF_RE.search(fold(body)))


# ---------------------------------------------------------------------------
# Survey: segments
# ---------------------------------------------------------------------------

@dataclass
class Found:
    values: dict  # key -> Value
    source: dict  # key -> str

    def put(self, key: str, v: Value, source: str, *, override: bool = False):
        if v.status == "none":
            return
        old = self.values.get(key)
        if old is not None and not override:
            if old.status == "ok" and v.status == "ok" and old.value != v.value:
                self.values[key] = UNCLEAR  # two answers, no correction word
            elif old.status != "ok" and v.status == "ok" and self.source.get(key) == source:
                pass
            return
        self.values[key] = v
        self.source[key] = source


_SPM = r"(?:spm|spoergsmaal|spørgsmål|sporgsmal|spørgsmaal|sp|nr|q)"
_LINE_MARK_RE = re.compile(
    r"^\s*(?:" + _SPM + r"\.?\s*)?(\d{1,2})\s*(?:[:.)\]=]|\s-\s?|-\s|\s–\s)\s*(.*)$", re.I)
_LINE_MARK_SPM_RE = re.compile(r"^\s*" + _SPM + r"\.?\s*(\d{1,2})\s*[:.)\-]?\s+(.*)$", re.I)
_MID_MARK_RE = re.compile(r"(?:(?<=\s)|(?<=^)|(?<=[,;]))(\d{1,2})\s*[:)]\s*|(?<=[,;]\s)(\d{1,2})\s+-\s+", re.I)
_SPM_ANYWHERE_RE = re.compile(r"\b" + _SPM + r"\.?\s*(\d{1,2})\s*[:]\s*", re.I)
# "Jeg vil bare sige til spørgsmål 6 at vi mangler en læge": an answer introduced in a sentence
_SPM_REF_RE = re.compile(r"\b(?:til|angaaende|angående|vedr\.?|vedrørende|vedroerende|ang\.)\s+(?:" + _SPM +
                         r")\.?\s*(\d{1,2})\b\s*(?:[:,\-]\s*)?(?:(?:vil|skal|kan)\s+jeg\s+(?:bare\s+|lige\s+|gerne\s+)*"
                         r"(?:sige|svare|skrive|tilføje|tilfoeje)\s+)?(?:at\s+|så\s+|saa\s+)?", re.I)
_OVERRIDE_RE = re.compile(
    r"\b(?:" + _SPM + r"\.?\s*|nummer\s+)(\d{1,2})\b[^\n]*?\b(?:skal|skulle)\s+(?:nu\s+)?(?:vaere|være|have\s+vaeret|"
    r"have\s+været)\s+([^.!\n]+)|"
    r"\b(?:" + _SPM + r"\.?\s*)(\d{1,2})\b[^\n.]*?\bforkert\b[^\n]*?\b(?:skal|skulle)\s+(?:vaere|være)\s+([^.!\n]+)|"
    # "Rettelse: 1 skal være 6", "Ups - 3 skulle have været nej": a correction word, then a bare number
    r"\b(?:rettelse|korrektion|ups|hov|undskyld|fejl)\b[^\w\n]{0,4}(?:til\s+|i\s+)?(\d{1,2})\s+(?:skal|skulle)\s+"
    r"(?:nu\s+)?(?:vaere|være|have\s+vaeret|have\s+været)\s+([^.!,;\n]+)|"
    # "Rettelse til 3: det er nærmere hver dag", "Ændring til spm 2 - nej": a correction naming a question
    r"\b(?:rettelse|korrektion|ændring|aendring|rettet)\s*(?:til\s+|i\s+|af\s+|for\s+)?(?:" + _SPM +
    r"\.?\s*|nummer\s+)?(\d{1,2})\s*(?::|\s-|-\s|=)\s*([^\n]+)|"
    r"(?:^|[.!]\s+)ret\s+(?:" + _SPM + r"\.?\s*|nummer\s+)?(\d{1,2})\s+til\s+([^.!\n]+)|"
    # "PS: 1 skal være 3" on a line of its own
    r"^\s*(?:p\.?s\.?\s*:?\s*|og\s+|men\s+|nåh?\s+ja,?\s+)?(\d{1,2})\s+(?:skal|skulle)\s+(?:nu\s+)?(?:vaere|være|"
    r"have\s+vaeret|have\s+været)\s+([^.!\n]+)|"
    # "rettelse: spm 1 er 3", "ups, spørgsmål 2 er nej": a correction word, a question and "er"
    r"\b(?:(?:rettelse|korrektion)\b[^\w\n]{0,4}(?:til\s+|i\s+)?(?:" + _SPM + r"\.?\s*|nummer\s+)?|"
    r"(?:ups|hov|undskyld|fejl)\b[^\w\n]{0,4}(?:" + _SPM + r"\.?\s*|nummer\s+))(\d{1,2})\s+(?:er|var|bliver)\s+"
    r"(?:nu\s+|faktisk\s+)?([^.!,;\n]+)",
    re.I)


def _question_by_number(survey: Survey) -> dict[int, Question]:
    return {q.number: q for q in survey.questions}


_DASH_PAIR_RE = re.compile(r"^\s*(\d{1,2})\s*-\s*(\S.*?)\s*$")


def _dash_pairs(line: str, by_num: dict) -> str:
    """'1-4, 2-ja, 3-C': number-dash-answer pairs cut by commas are numbered answers ("1: 4, 2: ja"),
    when every piece is such a pair and the numbers go up.  "1-4" alone stays a range."""
    pieces = re.split(r"\s*[,;]\s*(?=\d{1,2}\s*-)", line)
    if len(pieces) < 2:
        return line
    pairs = [_DASH_PAIR_RE.match(p) for p in pieces]
    if not all(pairs):
        return line
    nums = [int(m.group(1)) for m in pairs]
    if any(n not in by_num for n in nums) or any(b <= a for a, b in zip(nums, nums[1:])):
        return line
    return ", ".join(f"{m.group(1)}: {m.group(2)}" for m in pairs)


_SHARED_RE = re.compile(r"^\s*(?:" + _SPM + r"\.?\s*)?(\d{1,2})\s*(?:\+|&|,|og)\s*(\d{1,2})\s*[:=)]\s*(\S.*)$", re.I)


def _shared_answer(line: str, by_num: dict) -> list[str]:
    """'2+3: ja', '2 og 3: nej': one answer to two questions of the same kind, written once."""
    m = _SHARED_RE.match(line)
    if not m:
        return [line]
    a, b = int(m.group(1)), int(m.group(2))
    qa, qb = by_num.get(a), by_num.get(b)
    if qa is None or qb is None or a == b or qa.type != qb.type or qa.type == "text" or (
            qa.type == "choice" and [o.label for o in qa.options] != [o.label for o in qb.options]) or (
            qa.type in ("scale", "number") and (qa.min, qa.max) != (qb.min, qb.max)):
        return [line]
    return [f"{a}: {m.group(3)}", f"{b}: {m.group(3)}"]


def numbered_segments(lines: list[str], survey: Survey) -> list[tuple[Question, str]] | None:
    """Answers written after their question's number, on their own line or
    several to a line ("1:5 2:ja 3:C", "1) 2 2) ja", "1 - 4, 2 - ja")."""
    by_num = _question_by_number(survey)
    lines = [_dash_pairs(line, by_num) if re.match(r"^\s*\d{1,2}\s*-", line) else line for line in lines]
    lines = [l for line in lines for l in _shared_answer(line, by_num)]
    segs: list[tuple[int, list[str]]] = []
    marker_lines = 0
    blank_after = False
    for line in lines:
        if not line.strip():
            # "men til spørgsmål 6:" and the answer after a blank line: an empty marker waits for it
            if not (segs and not any(p.strip() for p in segs[-1][1])):
                blank_after = True
            continue
        m = _LINE_MARK_SPM_RE.match(line) or _LINE_MARK_RE.match(line)
        if m and int(m.group(1)) in by_num:
            marker_lines += 1
            dot = bool(re.match(r"^\s*(?:" + _SPM + r"\.?\s*)?\d{1,2}\.\s", line, re.I))
            segs.extend(_split_mid(int(m.group(1)), m.group(2), by_num, dot=dot))
            blank_after = False
            continue
        m = _SPM_ANYWHERE_RE.search(line)
        if m and int(m.group(1)) in by_num:
            marker_lines += 1
            segs.extend(_split_mid(int(m.group(1)), line[m.end():], by_num))
            blank_after = False
            continue
        m = _SPM_REF_RE.search(line)
        if m and int(m.group(1)) in by_num and re.search(r"\w", line[m.end():]) and not line.rstrip().endswith("?"):
            marker_lines += 1
            segs.append((int(m.group(1)), [line[m.end():].strip()]))
            blank_after = False
            continue
        # "Jeg har kun tid til de første to: 1) 9 2) ja": numbered answers after an opening remark
        mids = list(_MID_MARK_RE.finditer(line))
        opening = line[:mids[0].start()].rstrip() if mids else ""
        # "Hej. 1) 4 2) nej 3) SMS": after a short greeting sentence, a run from the first question
        if len(mids) >= 2 and (opening.endswith(":") or len(mids) >= 3 and re.search(r"[.!]$", opening) and len(
                words(opening)) <= 4 and (mids[0].group(1) or mids[0].group(2)) == str(min(by_num))):
            n0 = int(mids[0].group(1) or mids[0].group(2))
            parts = _split_mid(n0, line[mids[0].end():], by_num) if n0 in by_num else []
            if len(parts) >= 2:
                marker_lines += 1
                segs.extend(parts)
                blank_after = False
                continue
        # an unnumbered line right under a numbered one continues it (text answers)
        if segs and not blank_after and by_num[segs[-1][0]].type == "text":
            segs[-1][1].append(line.strip())
        elif segs and not blank_after:
            segs[-1][1].append(line.strip())
        blank_after = False
    if not marker_lines:
        return None
    if marker_lines == 1 and len(segs) == 1 and re.match(r"^\s*\d{1,2}\s+-\s+\S", next(
            (l for l in lines if l.strip()), "")) and len(sentences(segs[0][1][0])) >= 2:
        return None  # "5 - vi elsker vores hus. Vi flytter ikke. ...": a value and a comment, not question 5
    out = []
    for n, parts in segs:
        q = by_num[n]
        if q.type != "text":
            parts = parts[:1]  # a comment on the next line is no part of a short answer
        out.append((q, "\n".join(parts).strip()))
    return out


def bare_numbered_segments(lines: list[str], survey: Survey) -> list[tuple[Question, str]] | None:
    """'1 4\n2 ja\n3 b': every line a question number, a space and an answer."""
    by_num = _question_by_number(survey)
    body = [l.strip() for l in lines if l.strip()]
    if len(body) < 2:
        return None
    out, seen = [], set()
    for i, line in enumerate(body):
        m = re.match(r"^(\d{1,2})\s+(\S.*)$", line)
        if not m and len(out) >= 2 and not any(re.match(r"^\d", l) for l in body[i:]):
            break  # "1 uenig / 3 nej / Resten ved jeg ikke noget om.": a closing comment
        if not m or int(m.group(1)) not in by_num or int(m.group(1)) in seen:
            return None
        seen.add(int(m.group(1)))
        out.append((by_num[int(m.group(1))], m.group(2)))
    return out


def paired_segments(lines: list[str], survey: Survey) -> list[tuple[Question, str]] | None:
    """'1 9 2 ja 3 a 4 bd 5 2': question numbers and answers side by side with
    only spaces between.  Read only when the question numbers go strictly up,
    every answer fits its question's type, and the reply cuts one way only."""
    by_num = _question_by_number(survey)
    body = " ".join(l.strip() for l in lines if l.strip())
    tokens = re.findall(r"\S+", re.sub(r"[,;]+(?=\s|$)", " ", body))
    if not 4 <= len(tokens) <= 40 or not re.fullmatch(r"\d{1,2}", tokens[0]):
        return None
    results: list[list[tuple[Question, str]]] = []

    def go(pos: int, last: int, acc: list):
        if len(results) > 1:
            return
        if pos == len(tokens):
            if len(acc) >= 2:
                results.append(list(acc))
            return
        t = tokens[pos]
        if not re.fullmatch(r"\d{1,2}", t) or int(t) not in by_num or int(t) <= last:
            return
        q = by_num[int(t)]
        if q.type == "text":
            if pos + 1 < len(tokens) and q.number == max(by_num) and len(acc) >= 2:
                results.append(acc + [(q, " ".join(tokens[pos + 1:]))])
            return
        tried = False
        for k in (1, 2, 3):
            if pos + 1 + k > len(tokens):
                break
            piece = " ".join(tokens[pos + 1:pos + 1 + k])
            if read_value(piece, q, strict=True).ok:
                tried = True
                acc.append((q, piece))
                go(pos + 1 + k, int(t), acc)
                acc.pop()
        if not tried:
            # "3 kost 4 ...": a close form of a label, read as such only when the very next
            # question's number (or the end) closes it
            for k in (1, 2, 3):
                end = pos + 1 + k
                if end > len(tokens):
                    break
                if end < len(tokens) and not (re.fullmatch(r"\d{1,2}", tokens[end]) and int(tokens[end]) in by_num
                                              and int(tokens[end]) > q.number):
                    continue
                piece = " ".join(tokens[pos + 1:end])
                if not re.search(r"\d", piece) and read_value(piece, q).ok:
                    acc.append((q, piece))
                    go(end, int(t), acc)
                    acc.pop()

    go(0, 0, [])
    if len(results) != 1:
        return None
    return results[0]


_MID_DOT_RE = re.compile(r"(?<=\s)(\d{1,2})\.\s+")


def _split_mid(first: int, rest: str, by_num: dict[int, Question], dot: bool = False) -> list[tuple[int, list[str]]]:
    """'3 2: ja 3: D 4: tekst' after a line marker: further markers on the line
    count when their numbers go up and name questions.  After a '1.' marker,
    '2.' counts too, but only as the very next number ("1. 10 2. Ja 3. A")."""
    out = [(first, [])]
    last = first
    pos = 0
    buf_start = 0
    while True:
        m = _MID_MARK_RE.search(rest, pos)
        if dot:
            d = _MID_DOT_RE.search(rest, pos)
            while d and int(d.group(1)) != last + 1:
                d = _MID_DOT_RE.search(rest, d.end())
            if d and (not m or d.start() < m.start()):
                m = d
        if not m:
            break
        n = int(m.group(1) or (m.group(2) if m.re is _MID_MARK_RE else None))
        if n in by_num and n > last and by_num[last].type != "text" or (
                n in by_num and n == last + 1 and by_num[last].type == "text" and re.search(r"[,;]\s*$|^\s*$", rest[:m.start()][-3:] or " ")):
            out[-1][1].append(rest[buf_start:m.start()].strip(" ,;"))
            out.append((n, []))
            last = n
            buf_start = m.end()
        pos = m.end()
    out[-1][1].append(rest[buf_start:].strip(" ,;"))
    # "1: 3 og 2: ja": the joining word belongs to neither answer
    return [(n, [re.sub(r"\s+(?:og|samt)$", "", p[0], flags=re.I)]) for n, p in out]


def extract_overrides(lines: list[str], survey: Survey) -> tuple[list[str], list[tuple[Question, str]]]:
    """'Ups, spm 4 skal være A', 'Jeg læste spørgsmål 2 forkert - det skal være nej'."""
    by_num = _question_by_number(survey)
    keep, overrides = [], []
    for line in lines:
        m = _OVERRIDE_RE.search(line)
        if m:
            n = int(next(m.group(i) for i in range(1, m.re.groups, 2) if m.group(i)))
            value = next(m.group(i) for i in range(2, m.re.groups + 1, 2) if m.group(i)).strip()
            # "det er nærmere hver dag": the words that carry the correction are no part of the value
            value = re.sub(r"(?i)^(?:det\s+er\s+|det\s+skal\s+være\s+|det\s+skal\s+vaere\s+)?"
                           r"(?:nærmere|naermere|snarere|faktisk|egentlig)\s+", "", value)
            if n in by_num:
                overrides.append((by_num[n], value))
                rest = (line[:m.start()] + line[m.end():]).strip()
                keep.append(rest if re.search(r"\d\s*[:.)]", rest) else "")
                continue
        keep.append(line)
    return keep, overrides


# --- answers in question order ----------------------------------------------

def _read_all(pieces: list[str], questions: tuple[Question, ...], strict: bool) -> dict | None:
    """Pieces answer the questions in order; every piece must read."""
    if len(pieces) > len(questions):
        if questions[-1].type != "text" or len(pieces) > len(questions) + 3:
            return None
        n = len(questions)
        pieces = pieces[:n - 1] + [" ".join(pieces[n - 1:])]
    out = {}
    for piece, q in zip(pieces, questions):
        if q.type != "text" and len(words(piece)) > 7:
            return None  # a whole sentence is no answer by position: read it by topic instead
        if not strict and q.type in ("scale", "number") and len(words(piece)) >= 3:
            # "Vi har to biler, så 2" in the first place: about another question's topic, not this one's
            own = _topic_words(piece)
            if own and not _overlap(own, _topic_words(q.text)) and any(
                    _overlap(own, _topic_words(o.text)) >= 1 for o in questions if o is not q):
                return None
        v = read_value(piece, q, strict=strict)
        if v.status == "none" and not strict and re.fullmatch(
                r"(?:ved\s+(?:det\s+)?ikke|aner\s+(?:det\s+)?ikke|spring\w*(?:\s+over)?|-+|x|ingen\s+kommentar(?:er)?)",
                fold(piece).strip(" .!?")):
            continue  # "Helt enig. Nej. Rygestop. Ved ikke": a shrug keeps its place and answers nothing
        if v.status == "none":
            return None
        if q.type == "text" and q is not questions[len(pieces) - 1]:
            return None  # a text answer in the middle of a list cannot be told apart
        if v.ok and q.type != "text" and not strict and len(words(piece)) >= 3:
            v = Value("ok", v.value, v.confidence * POSITION_SENTENCE * (1.0 if v.confidence >= 0.9 else WEAK_READING))
        out[q.key] = v
    return out


def _token_parse(tokens: list[str], questions: tuple[Question, ...]) -> dict | None:
    """'4 ja B AC 2 flere cykelstier': values side by side, text last."""
    results: list[dict] = []

    def go(pos: int, qi: int, acc: dict):
        if len(results) > 2:
            return
        if pos == len(tokens):
            if len(acc) >= 2:
                results.append(dict(acc))
            return
        if qi >= len(questions):
            return
        q = questions[qi]
        if q.type == "text":
            if qi == len(questions) - 1:
                v = read_value(" ".join(tokens[pos:]), q)
                if v.ok:
                    results.append({**acc, q.key: v})
            return
        found = []
        for k in (1, 2, 3, 4):
            if pos + k > len(tokens):
                break
            piece = " ".join(tokens[pos:pos + k])
            v = read_value(piece, q, strict=True)
            if k == 1 and v.status == "none" and q.type == "choice" and re.fullmatch(r"[a-hj-zA-HJ-Z]", piece) and (
                    ord(piece.lower()) - ord("a") >= len(q.options)):
                v = UNCLEAR  # "8 4 ja E 5": a letter past the options keeps its place, unread
            if v.status != "none" and (v.ok or k == 1):
                found.append((k, v))
        if any(k > 1 and v.ok for k, v in found):
            found = [(k, v) for k, v in found if v.ok]  # "helt uenig" is one value, not "helt" and "uenig"
        for k, v in found:
            acc[q.key] = v
            go(pos + k, qi + 1, acc)
            del acc[q.key]

    go(0, 0, {})
    if not results:
        return None
    first = results[0]
    for other in results[1:]:
        if {k: (v.status, repr(v.value)) for k, v in other.items()} != {k: (v.status, repr(v.value)) for k, v in first.items()}:
            return None
    return first


def ordered_answers(lines: list[str], survey: Survey) -> dict | None:
    qs = survey.questions
    body = [l.strip() for l in lines if l.strip()]
    body = [re.sub(r"^(?:svar|mine\s+svar|her\s+er\s+mine\s+svar)\s*:\s*", "", l, flags=re.I) for l in body]
    body = [l for l in body if l and not re.fullmatch(r"(?i)(?:her\s+er\s+)?(?:mine\s+)?svar\s*:?", l)]
    if not body:
        return None
    if len(body) >= 2:
        got = _read_all(body, qs, strict=False)
        if got:
            return got
    joined = " ".join(body)
    for splitter in (r"\s*[,;]\s*", r"(?<=[^\d\s])[.!]\s+|(?<=\d)[.!]\s+(?=[A-ZÆØÅ])", r"\s+[-/|]\s+"):
        pieces = [p for p in re.split(splitter, joined) if p.strip()]
        if len(pieces) >= 2:
            got = _read_all(pieces, qs, strict=False)
            if got and len(got) >= 2:
                return got
    tokens = re.findall(r"\S+", re.sub(r"[,.;!]+(?=\s|$)", " ", joined))
    if 2 <= len(tokens) <= 60:
        return _token_parse(tokens, qs)
    return None


# --- free prose: the topic of each clause ---------------------------------------

_TOPIC_STOP = {"hvor", "hvad", "hvordan", "hvornaar", "hvilke", "hvilken", "hvor", "mange", "du", "din", "dit",
               "dine", "er", "har", "have", "vaere", "det", "der", "den", "de", "en", "et", "i", "paa", "med",
               "til", "af", "for", "om", "at", "og", "eller", "jeg", "mig", "dig", "skal", "kan", "vil",
               "seneste", "sen", "mest", "oftest", "flere", "fler", "mere", "meget", "god", "bedst", "nogen",
               "noget", "ikke", "som", "fra", "ved", "efter", "svar", "bruge", "bo", "komme", "min", "mit",
               "vi", "os", "man", "sig", "saa", "lige", "kun", "alt", "alle", "andet", "nok", "ogsaa", "synes",
               "giver", "give", "faa", "faar", "ny", "nyt", "nye"}


def _topic_words(text: str) -> set[str]:
    return {lemma(t) for t in re.findall(r"[^\W\d_]+", text.lower())
            if len(t) >= 3 and fold(t) not in _TOPIC_STOP} - _TOPIC_STOP


_TOPIC_ENDINGS = ("erne", "ene", "en", "et", "er", "ne", "e")


def _topic_stem(word: str) -> str:
    for end in _TOPIC_ENDINGS:
        if word.endswith(end) and len(word) - len(end) >= 4:
            return word[:-len(end)]
    return word


def _overlap(words_a: set[str], words_b: set[str]) -> float:
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
            if a == b or (len(sa) >= 5 and sa == sb) or (len(a) >= 5 and len(b) > len(a) and b.endswith(a)) or (
                    len(b) >= 5 and len(a) > len(b) and a.endswith(b)) or (
                    len(sa) >= 4 and len(sb) - len(sa) >= 3 and sb.endswith(sa)) or (
                    len(sb) >= 4 and len(sa) - len(sb) >= 3 and sa.endswith(sb)):
                n += 1
                weak = False
                break
            if (len(sa) >= 6 and len(sb) - len(sa) >= 3 and sb.startswith(sa)) or (
                    len(sb) >= 6 and len(sa) - len(sb) >= 3 and sa.startswith(sb)):
                weak = True  # the first part of a compound says less than its head
        if weak:
            n += 0.5
    return n


_ORDINALS = {"foerste": 1, "andet": 2, "anden": 2, "tredje": 3, "fjerde": 4, "femte": 5, "sjette": 6,
             "syvende": 7, "ottende": 8}
_ORDINAL_REF_RE = re.compile(r"\b(?:til|i|om|paa|med|for|ved)\s+det\s+(foerste|andet|tredje|fjerde|femte|sjette|"
                             r"syvende|ottende|sidste)(?:\s+spoergsmaal)?\b(?!\s+(?:gang|sted|aar|halve|hus|barn)\b)")


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
    from .values import option_mentions

    m = _ORDINAL_REF_RE.search(fold(clause))
    if m:
        # "jeg giver en 5 til det første", "helt enig i det første spørgsmål"
        word = m.group(1)
        n = len(survey.questions) if word == "sidste" else _ORDINALS[word]
        q = next((q for q in survey.questions if q.number == n), None)
        return q, True
    full = _full_label_questions(clause, survey)
    if len(full) == 1:
        return full[0], False  # "kommer der en gang om måneden": an option's whole label says which question
    cw = _topic_words(clause)
    # "Jeg skriver helst via digital post": the words of a named option ("Mail eller digital post") are that
    # option's, not a topic that points to another question ("... digital selvbetjening?")
    label_words = []
    for cq in survey.questions:
        if cq.type == "choice":
            nouns, _, neg = option_mentions(fold(clause), cq)
            label_words += [lw for i in nouns if i not in neg for lw in words(cq.options[i].label)]
    if label_words:
        cw = {w for w in cw if not any(same_word(fold(w), lw) for lw in label_words)}
    scores = {q.key: _overlap(cw, qwords[q.key]) for q in survey.questions}
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
    from .danish import NEGATIONS, same_word
    from .values import option_mentions

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
    qwords = {q.key: _topic_words(q.text) for q in survey.questions}
    for q in survey.questions:
        if q.type != "text":
            continue
        others = set()
        for o in survey.questions:
            if o is not q:
                others |= qwords[o.key] | _topic_words(" ".join(op.label for op in o.options))
        qwords[q.key] = {w for w in qwords[q.key] if not _overlap({w}, others)}
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
                out[echoed.key] = Value("ok", v.value, _prose_confidence(v.confidence, True))
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
                if ref and _ORDINAL_REF_RE.match(fold(ref.group(0)).strip(" :,-")):
                    rest = rest[ref.end():]  # "til det sidste: flere lydbøger" -> "flere lydbøger"
                v = read_value(rest, q)
            else:
                v = read_value(clause, q)
                if q.multiple and v.ok and not by_topic:
                    whole = read_value(sentence, q)  # "Alle tre ting trænger (veje, stier og busser)"
                    if whole.ok:
                        v = whole
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
            v = Value(v.status, v.value, _prose_confidence(v.confidence, by_topic))
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
    from .values import option_mentions
    return any(q.type == "choice" and option_mentions(folded, q)[0] for q in survey.questions)


def _side_readings(body: str, survey: Survey, out: dict) -> None:
    """What a prose clause says besides its topic: living alone to a household count ("Jeg bor alene i
    lejlighed"), and a wish sentence to the one open question."""
    from .values import alone_count, read_text

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


# --- inline answers under quoted questions --------------------------------------

_HINT_RE = re.compile(r"^\s*(?:svar\s|du\s+maa\s+gerne|skriv\s+med|vaelg|[a-z][.)]\s)", re.I)


def _question_of_quote(quoted: str, survey: Survey) -> Question | None:
    """The question a quoted block ends with (its number line, then only hint
    and option lines), or None."""
    lines = [re.sub(r"^(?:\s*>)+\s?", "", l) for l in quoted.split("\n")]
    lines = [l for l in lines if l.strip()]
    by_num = _question_by_number(survey)
    for back, line in enumerate(reversed(lines)):
        m = re.match(r"^\s*(\d{1,2})[.)]\s+(.+)$", line)
        if m and int(m.group(1)) in by_num:
            q = by_num[int(m.group(1))]
            qt, lt = fold(q.text), fold(m.group(2))
            if qt[:20] in lt or lt[:20] in qt:
                return q
        f = fold(line.strip())
        if back > 40:
            return None
        if not (_HINT_RE.match(f) or line.startswith((" ", "\t")) or len(f) <= 25):
            return None
    return None


def inline_answers(blocks, survey: Survey) -> tuple[dict, list[str]]:
    """Own blocks typed right under a quoted question answer that question."""
    values: dict[str, Value] = {}
    rest: list[str] = []
    current: Question | None = None
    for block in blocks:
        text, quoted = block.text, block.quoted
        if quoted:
            current = _question_of_quote(text, survey)
            continue
        if current is None:
            rest.append(text)
            continue
        lines = own_lines(text)
        # the answer is the first paragraph; a sign-off or remark after a blank line is not
        para = []
        for l in lines:
            if not l.strip():
                if para:
                    break
                continue
            para.append(l.strip())
        answer = "\n".join(para)
        if current.type != "text":
            answer = para[0] if para else ""
        v = read_value(answer, current)
        if v.status == "none" and answer.strip() and current.type != "text":
            v = UNCLEAR
        if v.status != "none":
            values[current.key] = v
        current = None
    return values, rest


# ---------------------------------------------------------------------------
# Survey reading
# ---------------------------------------------------------------------------

def read_survey(body_lines: list[str], survey: Survey, *, awaiting: str | None, blocks=()) -> Found:
    found = Found({}, {})
    lines, overrides = extract_overrides(body_lines, survey)

    if blocks:
        inline, rest = inline_answers(blocks, survey)
        if inline:
            for k, v in inline.items():
                found.put(k, v, "inline")
            extra = numbered_segments(own_lines("\n".join(rest)), survey) or []
            for q, text in extra:
                if q.key not in found.values:
                    found.put(q.key, _segment_value(text, q), "numbered")
            _apply_overrides(found, overrides)
            return found

    numbered = numbered_segments(lines, survey)
    if numbered and awaiting and len(numbered) < 2 and not re.search(r"(?i)\b" + _SPM, "\n".join(lines)):
        # one bare answer to the awaited question, not "question 3"; but "3: C" that reads as
        # question 3's answer, and not as the awaited one's, answers question 3
        (nq, ntext), = numbered
        aq = survey.question(awaiting)
        marked = re.match(r"^\s*\d{1,2}\s*[:)=]\s*\S", "\n".join(l for l in lines if l.strip()))
        if not marked or (nq.type == "text" and aq is not None and aq is not nq and
                          read_value("\n".join(lines), aq).ok):
            numbered = None
    if numbered is None:
        numbered = bare_numbered_segments(lines, survey)
    if numbered is None and (not awaiting or len(words(" ".join(lines))) >= 6):
        numbered = paired_segments(lines, survey)
    if numbered:
        for q, text in numbered:
            found.put(q.key, _segment_value(text, q), "numbered")
        _apply_overrides(found, overrides)
        return found

    body = "\n".join(lines).strip()
    if awaiting:
        q = survey.question(awaiting)
        if q is not None and (_is_meta_question(body) if q.type == "text" else _only_questions(body)) or (
                _NOT_UNDERSTOOD_RE.search(fold(body)) and len(words(body)) <= 10):
            return found  # "Hvad betyder det?", "Hvorfor vil I vide om jeg har hund?" ask staff; no answer
        if q is not None:
            v = read_value(body, q)
            if v.status == "none" and q.type != "text" and re.search(r"\w|[^\x00-\x7f]", body) and not any(
                    s.endswith("?") for s in sentences(body)):
                v = UNCLEAR  # a try at the one question asked ("👍", "nogle gange", "aner det ikke"): ask again
            if v.status != "none":
                found.put(q.key, v, "awaiting")
            _apply_overrides(found, overrides)
            return found

    ordered = ordered_answers(lines, survey)
    if ordered:
        for k, v in ordered.items():
            found.put(k, v, "ordered")
        _apply_overrides(found, overrides)
        return found

    prose = prose_answers(body, survey)
    if sum(1 for v in prose.values() if v.ok) >= 2 or (len(survey.questions) == 1 and any(
            v.ok for v in prose.values())):
        for k, v in prose.items():
            found.put(k, v, "prose")
    _apply_overrides(found, overrides)
    return found


def _is_meta_question(body: str) -> bool:
    """A short question back to staff ("Hvad betyder det?", "Hvem er I?")."""
    parts = sentences(body)
    return bool(parts) and all(p.endswith("?") for p in parts) and len(words(body)) <= 6 and bool(
        re.match(r"(?i)^(?:hv\w+|kan\s+jeg|skal\s+jeg|må\s+jeg|maa\s+jeg|er\s+det|betyder)\b", body.strip()))


# "Jeg forstår ikke spørgsmålet": a comment for staff, no answer
_NOT_UNDERSTOOD_RE = re.compile(r"\b(?:forstaar|fatter|begriber)\s+(?:ikke|ik|ikk)\s+(?:helt\s+)?(?:spoergsmaal\w*|"
                                r"det\s+spoergsmaal|hvad\s+(?:i|du)\s+mener|hvad\s+der\s+menes)")


def _only_questions(body: str) -> bool:
    """A message that is only questions back ("Hvad tæller som et kulturarrangement?"): the
    question's own words inside a question are no answer."""
    parts = sentences(body)
    return bool(parts) and all(p.endswith("?") for p in parts) and (len(words(body)) >= 3 or bool(
        re.match(r"(?i)^(?:og\s+|men\s+)?(?:hv\w+|kan\s+(?:jeg|man|i|du)|skal\s+(?:jeg|man|i)|m[aå]+\s+(?:jeg|man)|"
                 r"er\s+det|betyder|gælder|gaelder|tæller|taeller)\b", body.strip())))


def _segment_value(text: str, q: Question) -> Value:
    """A numbered segment: the panelist meant this question, so an answer
    that cannot be read is unclear (unless it is empty or a shrug)."""
    v = read_value(text, q)
    if v.status == "none" and q.type != "text":
        f = fold(text).strip(" -.?!")
        if f and not re.fullmatch(r"(?:ved\s+ikke|spring\w*(?:\s+over)?|-+|x|ingen\s+kommentar)", f):
            return UNCLEAR
    return v


def _apply_overrides(found: Found, overrides):
    for q, text in overrides:
        v = read_value(text, q)
        if v.ok:
            found.put(q.key, Value("ok", v.value, min(v.confidence, 0.9)), "override", override=True)
        elif q.type != "text":
            # a correction that cannot be read: never keep the old value silently
            found.put(q.key, UNCLEAR, "override", override=True)


# ---------------------------------------------------------------------------
# Meeting reading
# ---------------------------------------------------------------------------

_MAYBE_RE = re.compile(
    r"\b(?:maaske|maske|mske|muligvis|maybe|i\s+tvivl|usikker|ved\s+(?:det\s+)?(?:ikke|ikk|ik)\s+(?:endnu|helt|om|rigtig)|"
    r"ved\s+ikke(?=\s*(?:[.!,;]|$))|veed\s+ikke|(?:skriver|svarer|melder\s+tilbage|giver\s+lyd)\s+(?:igen\s+)?senere|"
    r"melder\s+tilbage|giver\s+(?:jer\s+)?lyd|hvis\s+(?:jeg|vi|det)\s+(?:kan|naar|faar|har|ikke|bliver)|afhaenger\s+af|"
    r"kommer\s+an\s+paa|vender\s+tilbage|skal\s+lige\s+(?:se|tjekke|hoere|undersoege)|tjekke\s+min\s+kalender|"
    r"hvis\s+tiden|hvis\s+muligt|svarer\s+senere|giver\s+besked\s+senere|maaske|"
    r"(?:det\s+)?ved\s+(?:jeg|vi)\s+(?:ikke|ik|ikk)\s+(?:endnu|helt|rigtig|om)|"
    r"kan\s+(?:jeg|vi)\s+(?:ikke|ikk|ik)\s+(?:love|sige\s+endnu|sige\s+helt)|"
    r"(?:kommer|deltager)\s+nok(?!\s+(?:ikke|ikk|ik))|nok\s+(?:at\s+)?(?:komme|deltage))\b")
# A yes said with a hedge is a maybe, never a yes (checked after the yes/no reading: "kan ikke, men prøver
# at komme næste gang" stays a no): "ikke sikker på at jeg kan nå det", "vil prøve at komme", "håber at kunne
# komme", "regner med at komme, men ...", "kan nok godt", "sandsynligvis", "medmindre ..."
_HEDGE_RE = re.compile(
    r"\b(?:(?:ikke|ik|ikk)\s+(?:helt\s+|100\s*%?\s*|helt\s+100\s*%?\s*|saa\s+)?(?:sikker|sikkert|sikre|bekraeftet)|"
    r"proev(?:e|er)?\s+(?:om\s+|at\s+)|forsoeg(?:e|er)?\s+(?:om\s+|at\s+)|"
    r"haab(?:e|er|et)?\s+(?:paa\s+)?(?:at\s+)?(?:jeg\s+|vi\s+)?(?:kan|kunne|naar|naa|faar|komme|deltage|vaere\s+med)\b|"
    r"haaber\s+(?:jeg\s+|vi\s+)?(?:det|paa\s+det)(?=\s*[,.!;]|$)|(?<!\w)haaber(?=\s*[,.!;]|$)|forhaabentlig|"
    r"sandsynligvis|formentlig|formodentlig|antageligvis|vist\s+nok|"
    r"tror\s+(?:nok\s+|godt\s+)?(?:at\s+)?(?:jeg|vi)\s+(?:godt\s+)?(?:kan|kommer|naar|deltager|er\s+med|faar)\b|"
    r"(?:det|jeg|vi)\s+tror\s+(?:jeg|vi)(?=\s*[,.!;]|$|\s+(?:nok|godt|da)\b)|satser\s+paa|medmindre|med\s+mindre|afvent\w*|"
    r"(?:burde|skulle\s+gerne)\s+(?:kunne|have\s+tid|naa)|"
    r"regner\s+med\s+(?:at\s+)?\w+(?:\s+\w+)?\s*[,.]?\s+men\b|"
    r"(?:kan|skal|vil)\s+(?:jeg|vi)\s+nok\s+(?:godt\s+|gerne\s+)?(?:komme|deltage|vaere\s+med|naa\s+det)\b|"
    r"(?:jeg|vi)\s+(?:kan|skal|vil|bliver|er)\s+nok\s+(?:godt\s+|gerne\s+)?(?:komme|deltage|vaere\s+med|naa\s+det|med)\b|"
    r"(?:evt|eventuelt)\b|se[rs]?\s+om\s+(?:jeg|vi|det)\b)\b")
# "jeg kan ikke se det på kortet": a can't about something other than coming is no RSVP
_NOT_ATTEND_VERBS = (r"se|finde|forstaa|laese|aabne|huske|hoere|klikke|logge|printe|downloade|"
                     r"faa\s+(?:adgang|linket|kortet|siden)|tyde|overskue|gennemskue|svare\s+paa")
_NO_RE = re.compile(
    r"^(?:nej|nix|nope|nae|no|naeh)\b|"
    # "Nåe nej, ...": an interjection before the no
    r"^(?:naa|naae|naah|naaeh|aa|aah|aaeh|oev|aev|hmm|hov|ups|ej)\s*,?\s*nej\b|"
    r"\b(?:det\s+)?kan\s+(?:jeg|vi)\s+(?:desvaerre\s+|altsaa\s+|nok\s+)?(?:ikke|ikk|ik)\b"
    r"(?!\s+(?:love|sige|svare|vide|" + _NOT_ATTEND_VERBS + r")\b)|"

    r"\b(?:kan|kommer|komer|deltager|naar|faar|har)\s+(?:desvaerre\s+|altsaa\s+|nok\s+)?(?:ikke|ikk|ik|ej)\b"
    r"(?!\s+(?:" + _NOT_ATTEND_VERBS + r")\b)|"
    r"\b(?:melde|melder|meldt)\s+(?:afbud|fra)\b|\bafbud\b|\bforhindret\b|\bikke\s+mulighed\b|"
    r"\bnej\s+tak\b|\bikke\s+denne\s+gang\b|\bmaa\s+(?:desvaerre\s+)?(?:melde\s+fra|sige\s+nej|takke\s+nej)\b|"
    r"\btakker\s+nej\b|\bikke\s+(?:komme|deltage|vaere\s+med(?=\s+(?:til|paa|i)\s+(?:moedet|arrangementet|det|den)\b|\s*$))\b|"
    r"^(?:af|fra)meld\s+(?:mig\s+)?(?:til\s+|fra\s+)?(?:moedet|arrangementet|workshoppen|aftenen)\b|"
    # "jeg vil gerne afmelde mig mødet": it names the meeting
    r"\b(?:af|fra)meld(?:e|er)?\s+(?:mig|os)\s+(?:til\s+|fra\s+)?(?:moedet|arrangementet|workshoppen|aftenen|"
    r"borgermoedet)\b|\bbortrejst\b|\bdesvaerre\b|"
    # "Det bliver et nej herfra", "et nej fra os"
    r"\b(?:bliver|er)\s+(?:et|en)\s+(?:klart\s+)?nej\b|\bet\s+nej\s+(?:herfra|fra\s+(?:mig|os))\b|"
    r"\b(?:naar|naa|klarer|kan\s+naa)\s+det\s+(?:nok\s+|desvaerre\s+|altsaa\s+)?(?:ikke|ikk|ik)\b")
# another plan that day: "den dag skal jeg til fødselsdag", "der er vi på ferie" (a no unless a yes is also said)
_PLAN_RE = re.compile(
    r"\b(?:den\s+dag|den\s+aften|der|da|det\s+tidspunkt|paa\s+det\s+tidspunkt)\s+(?:skal|er)\s+(?:jeg|vi)\s+"
    r"(?:desvaerre\s+|altsaa\s+|allerede\s+|nok\s+)?(?:til|paa|ude|ud|bortrejst|optaget|afsted|vaek|i\s+udlandet)\b"
    r"(?!\s+(?:moedet|arrangementet|det|jer|borgermoedet|moede))|"
    # busy or ill: "har en anden aftale", "er syg", "skal arbejde", "må melde pas"
    r"\b(?:har|fik|faaet)\s+(?:en\s+)?(?:anden\s+)?aftale\b|\bmaa\s+melde\s+pas\b|\bmelder\s+pas\b|"
    r"\b(?:jeg|vi)\s+er\s+(?:desvaerre\s+)?(?:syg|syge|paa\s+arbejde|paa\s+ferie|ude\s+at\s+rejse)\b|"
    r"^(?:er\s+)?(?:syg|paa\s+arbejde|paa\s+ferie)\b|"
    r"\b(?:jeg|vi)\s+skal\s+(?:desvaerre\s+)?(?:arbejde|paa\s+arbejde)\b|^skal\s+(?:arbejde|paa\s+arbejde)\b")
_YES_RE = re.compile(
    r"^(?:ja|jo|jep|jeps|jah|jaa|yes|yep|ok|okay|jada|joda|klart|selvfoelgelig|absolut|gerne)\b|"
    r"\b(?:bliver|er)\s+(?:et|en)\s+(?:klart\s+)?ja\b|\bet\s+ja\s+(?:herfra|fra\s+(?:mig|os))\b|"
    r"\b(?:kommer|komer|kommmer|deltager|deltger|deltage[rt]?|deltag)\b(?!\s+(?:ikke|ikk|ik)\b)|"
    r"\btilmeld(?:er)?\s+(?:mig|os)\b|\b(?:hermed\s+)?(?:min|vores)\s+tilmelding\b|\bhermed\s+tilmelding\b|\bkigger\s+(?:forbi|ind)\b|\bdukker\s+op\b|\btael\s+(?:mig|os)\s+med\b|"
    r"\bskriv\s+(?:mig|os)\s+(?:paa|op)\b|\bregner\s+med\s+at\s+(?:komme|deltage)\b|\b(?:jeg|vi)\s+er\s+med\b|\bglaeder\s+(?:mig|os)\b|\bvi\s+ses\b|"
    r"\bvil\s+(?:rigtig\s+)?gerne\s+(?:vaere\s+med|deltage|komme)\b|\bregn\s+med\s+(?:mig|os)\b|\bja\s+tak\b|"
    r"\bsaetter\s+kryds\b|\bjeg\s+er\s+der\b|\bvi\s+(?:er|bliver)\s+" + r"(?:\d{1,2}|to|tre|fire|fem|seks)\b|"
    r"\btager\s+(?:\w+\s+){1,3}med\b|^(?:jeg|mig)\s*\+\s*(?:\d|en|een|et)\b|\bdet\s+vil\s+(?:jeg|vi)\s+(?:rigtig\s+)?gerne\b|"
    # "så jeg når det fint", "det kan jeg godt nå": making it in time is coming
    r"\b(?:jeg|vi)\s+(?:naar|klarer|kan\s+(?:godt\s+|sagtens\s+|fint\s+)?naa)\s+det\b(?!\s+(?:\w+\s+)?(?:ikke|ikk|ik)\b)|"
    r"\bdet\s+(?:naar|kan)\s+(?:jeg|vi)\s+(?:godt\s+|sagtens\s+|fint\s+)?(?:naa\b|godt\b|sagtens\b)(?!\s+(?:ikke|ikk|ik)\b)")
_COMPANIONS = {
    "mand", "kone", "hustru", "aegtefaelle", "kaereste", "partner", "samlever", "sambo", "soen", "datter",
    "barn", "barnebarn", "nabo", "naboer", "ven", "veninde", "kammerat", "kollega", "far", "mor", "bror",
    "soester", "svigermor", "svigerfar", "svigersoen", "svigerdatter", "ledsager", "hjaelper", "gaest",
    "mor", "fader", "moder", "nevoe", "niece", "fætter", "faetter", "kusine", "onkel", "tante", "dreng",
    "pige", "pårørende", "paaroerende", "underbo", "genbo", "bedre halvdel", "frue", "herre", "mormor",
    "morfar", "farmor", "farfar", "oldemor", "ven", "bekendt", "hjemmehjaelper", "plejer",
    "boern", "soenner", "doetre", "venner", "veninder", "kolleger", "kollegaer", "boernebo", "barnebarn",
    "boerneboern", "naboer", "brødre", "broedre", "soestre", "gaester", "foraeldre", "svigerforaeldre",
    "bedsteforaeldre", "drenge", "piger", "unger", "teenagere", "sambo", "baby", "spaedbarn",
    "svoger", "svigerinde", "stedfar", "stedmor", "stedsoen", "steddatter", "bonussoen", "bonusdatter",
    "bonusbarn", "bedstemor", "bedstefar", "oldebarn", "barnebarn", "fyr", "veninde", "bofaelle", "roommate",
    "kollega", "makker", "nabokone", "nabo", "vaerge", "kontaktperson", "stoetteperson", "handicaphjaelper",
    "ledsager", "tolk", "chauffoer", "svigerinder", "svogre", "soeskende", "oldeboern", "bonusboern"}
_PLURAL_COMPANIONS = {"boern", "soenner", "doetre", "venner", "veninder", "kolleger", "kollegaer", "naboer",
                      "broedre", "soestre", "gaester", "drenge", "piger", "unger", "teenagere", "boerneboern",
                      "svigerinder", "svogre", "soeskende", "oldeboern", "bonusboern"}
# plural nouns that still tell how many
_PAIRS = {"foraeldre": 2, "svigerforaeldre": 2, "bedsteforaeldre": 2}
_NUM = r"(\d{1,2}|en|et|een|to|tre|fire|fem|seks|syv|otte|ni|ti)"


# "min kone bliver hjemme": a person who explicitly stays away is no guest
_STAYS_HOME = r"\b(?:bliver|blive|blir|forbliver)\s+(?:\w+\s+)?(?:hjemme|vaek|derhjemme)\b"

_PARTY_WORDS = {"jeg", "mig", "og", "samt", "plus", "min", "mit", "mine", "hans", "hendes", "vores", "en", "et",
                "selv", "ja", "tak", "med"}


def _is_party_list(text: str) -> bool:
    """A reply that only names who comes: the panelist and companions."""
    toks = words(text.replace("+", " og "))
    if len(toks) >= 4 and toks[0] in ("min", "mit", "vores") and ("jeg" in toks or "mig" in toks) and all(
            t in _PARTY_WORDS or t in _COMPANIONS or t in NUMBER_WORDS for t in toks):
        return True  # "min søster og jeg plus hendes datter"
    return len(toks) >= 3 and toks[0] in ("jeg", "mig") and toks[1] in ("og", "samt", "plus", "med") and any(
        t in _COMPANIONS for t in toks) and all(t in _PARTY_WORDS or t in _COMPANIONS or t in NUMBER_WORDS
                                                or t.isdigit() for t in toks)


def _count(word: str) -> int | None:
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word)


def read_rsvp(body: str, meeting: Meeting) -> tuple[str, Rsvp | None]:
    """(intent, rsvp) of a reply to a meeting invitation."""
    # "kommer m. min kone", "m/ konen": the short forms of "med"
    body = re.sub(r"(?<![\w.])([mM])(?:\.|/)\s*(?=[a-zæøåA-ZÆØÅ0-9])", "med ", body)
    statements = []
    for s in sentences(body):
        if s.endswith("?"):
            s = _statement_head(s)
        if s:
            statements.append(s)
    if not statements:
        return ("other" if asks_staff(body) else "unclear"), None
    text = " . ".join(fold(s) for s in statements)
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"([a-z])\1{2,}", r"\1", text)  # "jaaa", "neeej": drawn-out letters
    text = standard_words(text)  # "ska æ", "æ kommer": Jutlandic forms
    text = _POSSESSIVE_NOUN_RE.sub(_companion_spelling, text)  # "hendes man", "min kærste"
    clauses = [c.strip() for c in re.split(r"\s*[,.;!]\s*|\s+men\s+|\s+-\s+", text) if c.strip()]

    attending = None
    if _MAYBE_RE.search(text):
        attending = "maybe"
    else:
        for clause in clauses:
            if re.match(r"^(?:og\s+)?(?:min|mit|mine|han|hun|de|vores)\b", clause) and not re.search(
                    r"\b(?:jeg|vi)\b", clause):
                continue  # about someone else ("men min kone kan desværre ikke")
            no, yes = _NO_RE.search(clause), _YES_RE.search(clause)
            if not no and not yes and _PLAN_RE.search(clause):
                if any(_YES_RE.search(c) for c in clauses):
                    break  # "der skal jeg til tandlæge, men jeg kommer bagefter": ask
                no = _PLAN_RE.search(clause)
            if no and yes:
                # "ja, men kan ikke blive hele tiden": the earlier one rules
                attending = "no" if no.start() <= yes.start() else "yes"
                if no.group(0) == "desvaerre":
                    attending = "yes"
                break
            if no:
                attending = "no"
                break
            if yes:
                attending = "yes"
                break
    if attending in (None, "yes") and _HEDGE_RE.search(text) and (attending == "yes" or re.search(
            r"\b(?:komme|kommer|deltage|deltager|naa|naar|vaere\s+med|kigge|dukke)\b", text)):
        attending = "maybe"
    # "ja, hvis vejret er godt": a condition; "hvis det er i orden", "hvis jeg må": only politeness
    # "hvis der er plads (til hende)": room is the service's to decide (seat rules), not a doubt about coming
    m_hvis = re.search(r"\bhvis\b(?!\s+(?:det\s+er|det\s+passer|det\s+gaar)\s+(?:i\s+orden|ok|okay|fint|tilladt|"
                       r"muligt|godt|ogsaa\s+ok)\b|\s+(?:jeg|vi)\s+(?:maa|gerne\s+maa)\b|\s+i\s+vil\b|"
                       r"\s+der\s+er\s+(?:plads|pladser|ledige\s+pladser|stadig\s+plads)\b)", text)
    if attending == "yes" and m_hvis:
        hvis = text[m_hvis.start():]
        if any(_companion_form(w) or w in ("han", "hun", "de", "ham", "hende", "dem") for w in re.findall(r"[a-z]+", hvis)):
            return "unclear", None  # "hvis der er plads, tager jeg min søn med": who comes?
        attending = "maybe"  # "ja, hvis vejret er godt"
    if attending is None and _is_party_list(text):
        attending = "yes"  # "jeg og min kæreste + hendes bror": who comes, so a yes
    if attending is None:
        return ("other" if asks_staff(body) else "unclear"), None
    if attending == "no":
        return "rsvp", Rsvp("no", 0)

    guests, countable = count_guests(text, clauses)
    if not countable or guests > meeting.max_guests or _unaccounted_people(text, body, meeting) or (
            guests < _named_companions(text)):
        return "unclear", None  # never a count lower than the people the reply names
    return "rsvp", Rsvp(attending, guests)


_QUESTION_START_RE = re.compile(
    r"^(?:og\s+|men\s+)?(?:hv\w+|kan|skal|maa|må|er|har|vil|bliver|kommer|findes|gaar|går|tager|faar|får|"
    r"giver|serveres|sker|starter|slutter|ved|hvis)\s+(?:jeg|du|vi|i|der|man|det|den|han|hun|de|min|mit|mine|"
    r"vores|jeres)\b|^(?:og\s+|men\s+)?hv\w+\b", re.I)


_POSSESSIVES = r"(?:min|mit|mine|vores|hans|hendes|deres|sin|sit|sine)"
_POSSESSIVE_NOUN_RE = re.compile(r"\b(" + _POSSESSIVES + r")\s+([a-z]{3,})\b")
# words between a possessive and its noun ("min lille søster", "min gamle mor")
_NOUN_ADJECTIVES = {"lille", "store", "gamle", "unge", "aeldste", "yngste", "nye", "bedste", "kaere", "soede",
                    "egen", "eget", "egne", "voksne", "to", "tre", "fire", "fem", "bedre"}
# things a panelist brings that are no guests
_NOT_PEOPLE = {"bil", "bilen", "cykel", "cyklen", "rollator", "rollatoren", "koerestol", "koerestolen", "kalender",
               "kalenderen", "hund", "hunden", "madpakke", "computer", "telefon", "mobil", "hoereapparat",
               "stok", "krykker", "arbejde", "side", "mening", "tid"}


def _companion_spelling(m: re.Match) -> str:
    """A companion word misspelt by one letter after a possessive ("hendes man", "min kærste", "min søste")."""
    word = m.group(2)
    if _companion_form(word) is not None or word in _NOUN_ADJECTIVES or word in _NOT_PEOPLE:
        return m.group(0)
    from .danish import edit_distance
    near = {c for c in _COMPANIONS if " " not in c and abs(len(c) - len(word)) <= 1 and len(c) >= 3
            and edit_distance(word, c, 1) <= 1}
    if len(near) == 1 or (near and len({c in _PLURAL_COMPANIONS for c in near}) == 1 and len(word) >= 5):
        return m.group(1) + " " + sorted(near)[0]
    return m.group(0)


_NAME_LINK_RE = re.compile(r"(?:\b(?:med|og|plus|samt|tager)|\+)\s+([A-ZÆØÅ][a-zæøåé]+)\b")


def _named_companions(text: str) -> int:
    """A floor on the guests: the companions a reply names one by one in clauses that say who comes
    ("min mand, mig og vores nabo": 2; "forældrene": 2).  Counted apart from the party reading, so that a
    reading that misses one is caught."""
    n = 0
    for clause in re.split(r"[.;!]|\bmen\b", text):
        if re.search(r"\b(?:ikke|ikk|ik|ej|desvaerre|aldrig|uden|maaske|muligvis|evt)\b|" + _STAYS_HOME, clause):
            continue
        toks = re.findall(r"\+|[a-z0-9]+", clause)
        for i, t in enumerate(toks):
            form = _companion_form(t)
            if form is None or t in _PEOPLE_NOUNS:
                continue
            k = i - 1
            while k >= 0 and toks[k] in _NOUN_ADJECTIVES and toks[k] not in ("to", "tre", "fire", "fem"):
                k -= 1
            prev = toks[k] if k >= 0 else ""
            if prev not in ("min", "mit", "vores", "hans", "hendes", "deres", "sin", "sit", "en", "et", "med", "og",
                            "plus", "+", "samt") and t == form[0]:
                continue
            if not _in_party(toks, i):
                continue  # "det handler om min søns skole", "om min mand kan hente børnene": not coming along
            noun, plural = form
            if noun in _PAIRS:
                n += _PAIRS[noun]
            elif not plural:
                n += 1
    return n


def _unaccounted_people(text: str, body: str, meeting: Meeting) -> bool:
    """Someone named as coming along whom the count cannot place: a person by name ("med Peter") or a
    noun after a possessive that is no known companion ("med min nabodame"): ask rather than count low."""
    known = set(words(" ".join([meeting.title or "", getattr(meeting, "location", "") or ""])))
    for m in _NAME_LINK_RE.finditer(body):
        name = fold(m.group(1))
        if name not in known and name not in NUMBER_WORDS and name not in ("jeg", "mig", "vi", "min", "mit",
                                                                            "mine", "vores", "tak", "ja"):
            return True
    for clause in re.split(r"[,.;!]|\bmen\b", text):
        if re.search(r"\b(?:ikke|ikk|ik|ej|desvaerre|aldrig|uden)\b|" + _STAYS_HOME, clause):
            continue
        toks = re.findall(r"\+|[a-z0-9]+", clause)
        for i, t in enumerate(toks):
            if t not in ("min", "mit", "mine", "vores", "hans", "hendes", "deres", "sin", "sit", "sine"):
                continue
            j = i + 1
            while j < len(toks) and (toks[j] in _NOUN_ADJECTIVES or toks[j].isdigit()):
                j += 1
            if j >= len(toks):
                continue
            noun = toks[j]
            linked = i > 0 and toks[i - 1] in ("med", "og", "plus", "+", "samt", "tager") or "med" in toks[j + 1:j + 3]
            if linked and _companion_form(noun) is None and noun not in _PEOPLE_NOUNS and noun not in _NOT_PEOPLE:
                return True
    return False


def _statement_head(sentence: str) -> str:
    """'Jeg kommer i kørestol, er der adgang?' -> 'Jeg kommer i kørestol': the
    statement before the question in a sentence that ends with one ("Kommer
    ikke, men skal ...?"). Empty when the whole sentence is a question."""
    parts = re.split(r"\s*,\s*(?:men\s+)?|\s+men\s+", sentence.rstrip("?").strip())
    head = []
    for part in parts[:-1]:
        if not part or _QUESTION_START_RE.match(fold(part)):
            break
        head.append(part)
    return ", ".join(head)


def _head_counts(text: str) -> list[int]:
    """Numbers in a reply that may count people (not times, dates, ages, minutes)."""
    out = []
    for m in re.finditer(r"(?<![\w.:])(\d{1,2}|to|tre|fire|fem|seks|syv|otte)(?![\w:]|\.\d)", text):
        before, after = text[:m.start()], text[m.end():]
        if re.search(r"\b(?:kl|klokken|den|til|paa|fra|efter|om|ca|inden|foer)\.?\s*$", before):
            continue
        if re.match(r"^\s*(?:\.|min|minutter|timer?|aar|km|dage?|uger?|gange)", after):
            continue
        out.append(_count(m.group(1)))
    return out


# People counted by a number: "2 voksne og 2 børn", "de 2 unger"
_PEOPLE_NOUNS = {"voksne", "voksen", "boern", "barn", "unger", "unge", "personer", "person", "pers", "mennesker",
                 "drenge", "piger", "teenagere", "gaester", "gaest", "boerneboern", "venner", "veninder",
                 "naboer", "kolleger", "kollegaer", "soenner", "doetre", "stk", "styk", "ledsagere", "ledsager"}


def _companion_form(word: str) -> tuple[str, bool] | None:
    """(companion, plural) for a companion noun in any form: "konen", "børnene", "vores barnebarn"."""
    if word in _PAIRS:
        return word, True
    if word in _COMPANIONS:
        return word, word in _PLURAL_COMPANIONS
    for end in ("ene", "erne", "ne", "en", "et", "n"):
        if word.endswith(end):
            base = word[:-len(end)]
            for b in (base, base[:-1] if len(base) > 3 and base[-1] == base[-2] else base, base + "e", base + "er"):
                if b in _COMPANIONS:
                    return b, b in _PLURAL_COMPANIONS or end in ("ene", "erne", "ne") and b not in ("kone", "mand")
    return None


_PARTY_LINKS = {"og", "med", "plus", "+", "samt", "tager", "kommer", "mig", "jeg", "vi", "ja", "tak", "ogsaa"}


def _in_party(toks: list[str], i: int) -> bool:
    """Is the companion noun at i one of the people who come ("mig og børnene", "kommer med konen",
    "tager min søn med"), rather than someone mentioned ("skal hente ungerne først")?"""
    j = i - 1
    while j >= 0 and (toks[j] in ("min", "mit", "mine", "vores", "hans", "hendes", "de", "en", "et", "lille",
                                  "store", "to", "tre", "fire") or toks[j] in _NOUN_ADJECTIVES or toks[j].isdigit()):
        j -= 1
    if j < 0 or toks[j] in _PARTY_LINKS:
        return True
    return "med" in toks[i + 1:i + 3] or toks[i + 1:i + 3] in (["og", "jeg"], ["og", "mig"])


def _party_count(text: str) -> tuple[int, bool] | None:
    """Guests from the people a reply names, added up: "vi er 2 voksne og 2 børn" (3),
    "min kone og jeg plus vores barnebarn" (2), "kommer med konen og de 2 unger" (3),
    "vi kommer to + min søn" (2).  None when the reply names no party this way."""
    parts = re.split(r"[,.;!]|\bmen\b", text)
    for c in parts:
        if re.search(r"\b(?:maaske|muligvis|evt|eventuelt|maske)\b", c) and any(
                _companion_form(w) for w in re.findall(r"[a-z]+", c)):
            return 0, False  # "og måske vores søn": one guest or two?
    if re.search(r"\b(?:familie|familien|familier|familierne|flokken|banden|hele\s+\w+|de\s+smaa)\b", text):
        return 0, False  # "med familien", "to familier": how many?
    # "min mand kan ikke, men jeg kommer med vores 2 børn": who does not come is no guest
    # and "min mand er syg" names no one who comes: a part counts when it says who comes along
    text = " , ".join(c for c in parts if not re.search(r"\b(?:ikke|ikk|ik|ej|desvaerre|aldrig|uden)\b|" + _STAYS_HOME, c)
                      and re.search(r"\+|\b(?:kommer|komme|med|tager|deltager|jeg|mig|vi|plus|samt|og|ja|ogsaa)\b", c))
    toks = re.findall(r"\+|[a-z0-9]+", text)
    people = 0          # named besides a "vi N" count
    groups = 0          # counted groups ("2 voksne")
    singles = 0         # companions named one by one
    uncountable = False
    base = None         # "vi kommer to": people in all, the writer included
    we_groups = False   # "vi er 2 voksne og 2 børn": the writer is among the groups
    linked = False      # "+", "plus", "samt": the names come on top of a count
    i = 0
    while i < len(toks):
        t = toks[i]
        n = _count(t) if (t.isdigit() and len(t) <= 2) or t in NUMBER_WORDS and t not in ("en", "et", "ingen") else None
        if n is not None and i + 1 < len(toks) and (toks[i + 1] in _PEOPLE_NOUNS or (
                i + 2 < len(toks) and toks[i + 2] in _PEOPLE_NOUNS and toks[i + 1] not in ("og", "plus", "+"))):
            people += n
            groups += 1
            if i >= 2 and toks[i - 2] == "vi" or i >= 3 and toks[i - 3] == "vi":
                we_groups = True
            i += 2
            continue
        if n is not None and i >= 2 and toks[i - 2] == "vi" and toks[i - 1] in ("er", "kommer", "bliver", "deltager"):
            base = n
            i += 1
            continue
        if t in ("+", "plus", "samt"):
            linked = True
        form = _companion_form(t)
        if form is not None and t not in _PEOPLE_NOUNS and not _in_party(toks, i):
            form = None  # "ska bare lige hente ungerne først": not coming along
        if form is not None and t not in _PEOPLE_NOUNS:
            k = i - 1
            while k > 0 and toks[k] in _NOUN_ADJECTIVES and toks[k] not in ("to", "tre", "fire", "fem"):
                k -= 1  # "min lille søster"
            prev = toks[k] if i else ""
            noun, plural = form
            if noun in _PAIRS:
                people += _PAIRS[noun]
                singles += 1
            elif plural:
                uncountable = True  # "mig og børnene": how many?
            elif prev in ("min", "mit", "vores", "hans", "hendes", "deres", "sin", "sit", "en", "et", "med", "og", "plus",
                          "+", "samt") or (
                    t != noun):
                people += 1
                singles += 1
        i += 1
    if not (groups or singles or uncountable):
        return None
    if uncountable:
        return 0, False
    if base is not None:
        if not groups and not linked and base == people + 1:
            return base - 1, True  # "vi kommer 3 (mig, min mand og vores datter)": the same three
        if groups or not linked:
            return 0, False  # "vi kommer 3, mig og min mand": the same people twice, or more?
        return base - 1 + people, True
    if we_groups:
        return people - 1, True
    if groups and not re.search(r"\b(?:jeg|mig|kommer\s+med|tager\s+\w+\s+med|med)\b", text):
        return None
    return people, True


# "vi er et par stykker", "nogle stykker", "flere af os", "en flok": a party whose size is not told
_VAGUE_PARTY_RE = re.compile(
    r"\b(?:et\s+par|nogle|flere|mange|en\s+del)\s+(?:stykker|styks|stk|styk|af\s+os)\b|"
    r"\bvi\s+(?:er|bliver|kommer|tager)\s+(?:nok\s+|vel\s+)?(?:nogle|flere|mange|en\s+del|et\s+par|faa|en\s+flok|"
    r"en\s+gruppe|et\s+hold|en\s+haandfuld|en\s+masse)\b|"
    r"\b(?:med|og|plus)\s+(?:en\s+flok|en\s+gruppe|et\s+hold|nogle|flere|et\s+par|en\s+del)\s+(?:venner|veninder|naboer|"
    r"kolleger|kollegaer|andre|fra\s+\w+|personer|mennesker|stykker)\b")


def count_guests(text: str, clauses: list[str]) -> tuple[int, bool]:
    """How many people come besides the panelist, and whether that can be told."""
    if _VAGUE_PARTY_RE.search(text):
        return 0, False
    party = _party_count(text)
    if party is not None:
        return party
    if len(_head_counts(text)) >= 2:
        return 0, False  # "vi kommer 2 voksne og 2 børn": add up, or ask? ask.
    if re.search(r"\b(?:alene|selv|kun\s+mig|bare\s+mig)\b", text) and not re.search(r"\bmin|\bmit|\bmine|\bvi\b", text):
        return 0, True
    m = re.search(r"\+\s*" + _NUM + r"\b", text)
    if m:
        return _count(m.group(1)), True
    m = re.search(r"\bmed\s+" + _NUM + r"\s+(?:gaest|gaester|ledsager[e]?|ekstra|person(?:er)?)\b", text)
    if m:
        return _count(m.group(1)), True
    m = re.search(r"\bvi\s+(?:kommer|er|bliver|deltager|kommer\s+gerne|er\s+saa)\s+" + _NUM + r"\b", text)
    if m and _count(m.group(1)) is not None:
        return max(_count(m.group(1)) - 1, 0), True
    if re.search(r"\b(?:vi\s+(?:kommer|er|deltager)\s+begge|begge\s+to|os\s+begge)\b", text):
        return 1, True  # "vi kommer begge to": two people
    m = re.search(r"\b" + _NUM + r"\s+(?:personer|pers|stk|mand|voksne)\b", text)
    if m and _count(m.group(1)) is not None:
        return max(_count(m.group(1)) - 1, 0), True
    guests = 0
    for m in re.finditer(r"\bmed\s+(?:en|et)\s+([a-z]+)", text):
        if m.group(1) in _COMPANIONS:
            guests += 1  # "jeg kommer med en ven"
    for clause in clauses:
        negative = re.search(r"\b(?:ikke|ikk|desvaerre|ej)\b|" + _STAYS_HOME, clause)
        for m in re.finditer(r"\b(min|mit|mine|vores|hans|hendes)\s+(?:" + _NUM + r"\s+)?([a-z]+)", clause):
            noun = m.group(3)
            if noun not in _COMPANIONS and not noun.rstrip("e").rstrip("r") in _COMPANIONS:
                continue
            if negative:
                continue
            if not re.search(r"\b(?:med|kommer|deltager|tager|ogsaa|og|jeg)\b", clause):
                continue
            if noun in _PAIRS and not m.group(2):
                guests += _PAIRS[noun]
            elif m.group(1) == "mine" or m.group(1) == "vores" and noun.endswith(("er", "ne", "rn", "re")) or (
                    m.group(1) in ("hans", "hendes") and noun in _PLURAL_COMPANIONS):
                if m.group(2):
                    guests += _count(m.group(2)) or 0
                else:
                    return 0, False  # "mine børn": how many?
            else:
                guests += 1
    if guests:
        return guests, True
    if re.search(r"\bvi\s+(?:kommer|deltager|er\s+med|bliver|tager|kan\s+komme|vil\s+gerne|glaeder)\b", text):
        return 0, False  # "vi kommer": how many are "we"?
    # a bare count next to the answer ("Ja 2"): two people, or two guests?
    for m in re.finditer(r"(?<![\w.:])(\d{1,2})(?![\w:]|\.\d)", text):
        before, after = text[:m.start()], text[m.end():]
        if re.search(r"(?:kl|klokken|den|til|paa|fra|efter|om|ca|inden)\.?\s*$", before):
            continue
        if re.match(r"^\s*(?:\.|min|minutter|timer?|aar|km|dage?|uger?)", after):
            continue
        return 0, False
    return 0, True


# ---------------------------------------------------------------------------
# The reader
# ---------------------------------------------------------------------------

def understand_text(text: str, definition, *, channel: str = "sms", awaiting: str | None = None,
                    blocks: Iterable = (), subject: str = "") -> Reading:
    """Read what a panelist wrote (own words only) against a definition."""
    lines = own_lines(text or "")
    body = "\n".join(lines).strip()
    if not body and subject:
        body = _subject_words(subject, definition)
        lines = [body] if body else []
    raw_clean = clean(text or "")
    folded = fold(body)
    staff = asks_staff(body)

    leave = leaving(folded, body, definition)
    if leave == "unsubscribe":
        return Reading("unsubscribe", asks_staff=staff)
    if leave == "ambiguous":
        return Reading("unclear", asks_staff=staff)
    if is_auto_text(folded):
        return Reading("auto_reply")
    if not re.search(r"\w", folded):
        q = definition.question(awaiting) if awaiting and isinstance(definition, Survey) else None
        if q is not None and q.type != "text" and (text or "").strip():
            return Reading("unclear", unclear=(q.key,))  # "👍" to the one question asked: ask it again
        return Reading("unclear")

    if isinstance(definition, Meeting):
        intent, rsvp = read_rsvp(body, definition)
        if intent == "unclear" and not body and subject:
            intent, rsvp = read_rsvp(_subject_words(subject, definition), definition)
        return Reading(intent, rsvp=rsvp, asks_staff=staff)

    if not isinstance(definition, Survey):
        return Reading("unclear", error="unknown definition")

    found = read_survey(lines, definition, awaiting=awaiting,
                        blocks=tuple(blocks) if channel == "email" else ())
    answers, confidence, unclear = {}, {}, []
    for q in definition.questions:
        v = found.values.get(q.key)
        if v is None:
            continue
        if v.ok and v.confidence >= THRESHOLD:
            answers[q.key] = v.value
            confidence[q.key] = round(v.confidence, 3)
        else:
            unclear.append(q.key)
    if answers:
        intent = "answers"
    elif unclear:
        intent = "unclear"
    elif staff:
        intent = "other"
    else:
        intent = "unclear"
    del raw_clean
    return Reading(intent, answers=answers, unclear=tuple(unclear), confidence=confidence, asks_staff=staff)


_SUBJECT_PREFIX_RE = re.compile(r"^\s*(?:(?:re|sv|aw|fw|fwd|vs|videresendt)\s*(?:\[\d+\])?\s*:\s*)+", re.I)


def _subject_words(subject: str, definition) -> str:
    """An answer typed into the subject line ('SV: Ja tak'), if it is not just
    the invitation's own subject."""
    s = _SUBJECT_PREFIX_RE.sub("", clean(subject or "")).strip()
    if not s:
        return ""
    f = fold(s)
    title = fold(getattr(definition, "title", ""))
    if title and (title in f or f in title) or re.search(r"\b(?:invitation|borgerpanel\w*|undersoegelse)\b", f):
        return ""
    return s
