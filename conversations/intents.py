"""Whole-message meanings besides answers: automatic replies, questions and comments for staff."""
from __future__ import annotations

import re

from .text import fold, sentences, words

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


def is_auto_text(folded: str) -> bool:
    return bool(_AUTO_RE.search(folded))


def asks_staff(body: str) -> bool:
    return any(s.endswith("?") and len(words(s)) >= 2 for s in sentences(body)) or bool(
        _STAFF_RE.search(fold(body)))


# ---------------------------------------------------------------------------
# Survey: segments


def is_meta_question(body: str) -> bool:
    """A short question back to staff ("Hvad betyder det?", "Hvem er I?")."""
    parts = sentences(body)
    return bool(parts) and all(p.endswith("?") for p in parts) and len(words(body)) <= 6 and bool(
        re.match(r"(?i)^(?:hv\w+|kan\s+jeg|skal\s+jeg|må\s+jeg|maa\s+jeg|er\s+det|betyder)\b", body.strip()))


# "Jeg forstår ikke spørgsmålet": a comment for staff, no answer
NOT_UNDERSTOOD_RE = re.compile(r"\b(?:forstaar|fatter|begriber)\s+(?:ikke|ik|ikk)\s+(?:helt\s+)?(?:spoergsmaal\w*|"
                                r"det\s+spoergsmaal|hvad\s+(?:i|du)\s+mener|hvad\s+der\s+menes)")


def only_questions(body: str) -> bool:
    """A message that is only questions back ("Hvad tæller som et kulturarrangement?"): the
    question's own words inside a question are no answer."""
    parts = sentences(body)
    return bool(parts) and all(p.endswith("?") for p in parts) and (len(words(body)) >= 3 or bool(
        re.match(r"(?i)^(?:og\s+|men\s+)?(?:hv\w+|kan\s+(?:jeg|man|i|du)|skal\s+(?:jeg|man|i)|m[aå]+\s+(?:jeg|man)|"
                 r"er\s+det|betyder|gælder|gaelder|tæller|taeller)\b", body.strip())))
