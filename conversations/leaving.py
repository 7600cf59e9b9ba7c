"""Leaving the panel: "STOP", "meld mig ud", "slet mine oplysninger", someone taken off on a panelist's behalf."""
from __future__ import annotations

import re

from .definitions import Meeting
from .text import fold, sentences

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
