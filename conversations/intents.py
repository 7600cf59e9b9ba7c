"""Whole-message meanings besides answers: automatic replies, questions and comments for staff."""
from __future__ import annotations

import re

from .text import fold, phrase_regex, sentences, words

_AUTO_RE = re.compile(
    r"\b(?:autosvar|auto-?svar|automatisk\s+(?:svar|besked|genereret|sendt)|(?:sendt|afsendt|genereret)\s+automatisk|et\s+automatisk|automatisk\s+\w+\s+svar|"
    r"fokus\s+(?:er\s+)?slaaet\s+til|forstyr\s+ikke|do\s+not\s+disturb|nicht\s+stoeren|koerer\s+bil\s+med\s+fokus|out\s+of\s+office|auto-?reply|autoreply|"
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
# News about the member that a person handles and nobody is asked again about: a death, a move away.
LIFE_EVENT_RE = re.compile(
    r"\b(?:er\s+)?(?:doed|afgaaet\s+ved\s+doeden|gaaet\s+bort|sovet\s+ind)(?=\s*(?:[.,!]|$|og|i\s|for\s|sidste))|"
    r"\b(?:doede|omkom)\s+(?:i|for|sidste|den)\b|\b(?:passed\s+away|has\s+died|ist\s+(?:verstorben|gestorben))\b|"
    r"\b(?:er|blevet|er\s+blevet)\s+(?:flyttet|fraflyttet)\s+(?:fra\s+(?:kommunen|byen|omraadet|adressen)|vaek|"
    r"til\s+(?:udlandet|en\s+anden\s+kommune|\w+\s+kommune))\b|"
    r"\bbor\s+(?:ikke\s+(?:laengere|mere)\s+(?:i\s+(?:kommunen|byen)|her))\b|\b(?:moved\s+away|no\s+longer\s+live)\b")


def is_auto_text(folded: str) -> bool:
    return bool(_AUTO_RE.search(folded))


# A question without its question mark: an interrogative word, or a verb before its subject, opening the
# sentence ("Hvornår kommer resultaterne", "Kan man komme senere", "Vil I sende til min nye mail").
_QUESTION_OPENING_RE = re.compile(
    r"^(?:(?:og|men|hej|undskyld|and|but|hi|hello|und|aber|hallo)\W+)*(?:"
    r"hvad|hvem|hvornaar|hvorfor|hvordan|hvorhenne|hvor|hvilken|hvilke|hvilket|"
    r"what|when|where|who|why|how|which|wann|wo|was|wer|warum|wieso|wie|welche\w*|"
    r"(?:kan|skal|maa|er|bliver|vil|har|faar|findes|koster|gaelder|taeller|kommer|goer|skulle|kunne|ville|"
    r"maatte)\s+(?:jeg|man|i|vi|du|der|det|den|de|min|mit|mine|moedet|han|hun)(?!\s+(?:\w+\s+)?(?:ikke|ik|ikk|aldrig)\b)|"
    r"(?:can|could|should|is|are|will|do|does|may|would|did)\s+(?:i|we|you|there|it|the|my|this)|"
    r"(?:kann|kannst|koennen|darf|duerfen|ist|sind|gibt|muss|wird|soll|bekomme)\s+(?:ich|man|wir|sie|es|das|der|die)"
    r")\b")


def is_question(sentence: str) -> bool:
    """A sentence that asks something, with or without its question mark."""
    s = sentence.strip()
    parts = s.split(":")
    return (s.endswith("?") and len(words(s)) >= 2) or any(
        _QUESTION_OPENING_RE.match(fold(part).strip()) and len(words(part)) >= 3  # "Inden jeg svarer: hvem ..."
        for part in parts)  # but "Hvordan: Cykler" is a topic's label before its answer


def asks_staff(body: str) -> bool:
    """Does the message ask staff something or tell them something that needs a person?"""
    return any(is_question(s) for s in sentences(body)) or bool(_STAFF_RE.search(fold(body))) or bool(
        LIFE_EVENT_RE.search(fold(body)))


# What a comment for staff talks about: the service, its messages and the people behind it, not the survey's topic.
_STAFF_TOPICS_RE = phrase_regex([
    "jer", "jeres", "kommunen", "borgerpanelet", "borgerpanel", "panelet", "mail", "mailen", "mails", "e-mail",
    "mailadresse", "sms", "sms'en", "sms'er", "besked", "beskeden", "beskeder", "beskederne", "spoergsmaalene",
    "spoergeskemaet", "skemaet", "linket", "link", "navn", "nummer", "nummeret", "adresse", "adressen", "skaerm",
    "skaermen", "undersoegelsen", "resultaterne", "invitationen", "brevet", "referat", "tak til", "de frivillige",
    "you", "your", "the council", "the panel", "email", "message", "questions", "survey", "address", "number",
    "ihr", "ihre", "euch", "die gemeinde", "nachricht", "fragen", "umfrage", "adresse", "nummer"])
# "jeg ved ikke hvorfor jeg får den", "jeg vil gerne vide hvem der ...": a question inside a statement
_INDIRECT_QUESTION_RE = re.compile(r"\b(?:ved|forstaar|fatter|aner)\s+(?:jeg\s+)?(?:ikke|ik)\s+(?:rigtig\s+)?"
                                   r"(?:hvorfor|hvad|hvem|hvordan|hvornaar|hvor)\b|"
                                   r"\b(?:vil\s+(?:gerne\s+)?vide|undrer\s+mig\s+over|spoerge\s+om)\s+"
                                   r"(?:hvorfor|hvad|hvem|hvordan|hvornaar|hvor|om)\b")


def is_remark(body: str) -> bool:
    """A statement for staff: a whole sentence (six words or more) about the service, its messages or the
    people behind it ("Jeg har fået ny mail", "I har stavet mit navn forkert", "tak til de frivillige"), or
    a question inside a statement.  A shrug ("Det har jeg ingen mening om") or a try at an answer is no
    remark: that is unclear, and the service asks again."""
    if _INDIRECT_QUESTION_RE.search(fold(body)):
        return True
    return any(len(words(s)) >= 6 and (_STAFF_TOPICS_RE.search(fold(s)) or re.search(r"(?<!^)(?<![.!?]\s)\bI\b", s))
               for s in sentences(body))


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
    return bool(parts) and all(is_question(p) for p in parts) and (len(words(body)) >= 3 or bool(
        re.match(r"(?i)^(?:og\s+|men\s+)?(?:hv\w+|kan\s+(?:jeg|man|i|du)|skal\s+(?:jeg|man|i)|m[aå]+\s+(?:jeg|man)|"
                 r"er\s+det|betyder|gælder|gaelder|tæller|taeller)\b", body.strip())))
