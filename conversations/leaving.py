"""Leaving the panel: "STOP", "meld mig ud", "slet mine oplysninger", someone taken off on a panelist's behalf."""
from __future__ import annotations

import re

from .definitions import Meeting
from .text import fold, phrase_regex, sentences

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


# --- leaving by its parts, in Danish, English and German (folded) --------------------------------------
# A verb that takes someone off, and who or what is taken off: "slet mig", "fjern mit nummer",
# "please remove my number", "take me off your list", "nehmen Sie mich aus dem Verteiler".
_OFF_VERBS_RE = phrase_regex([
    "slet", "slette", "sletter", "slettes", "fjern", "fjerne", "fjerner", "fjernes", "afmeld", "afmelde", "afmelder",
    "frameld", "framelde", "udmeld", "udmelde", "tag", "tage", "remove", "delete", "unsubscribe", "take", "erase",
    "entfernen", "entfernt", "loeschen", "loesche", "loescht", "abmelden", "melden sie", "austragen", "tragen",
    "streichen", "nehmen", "nehmt"])
_NEEDS_PARTICLE = {"tag", "tage", "take", "nehmen", "nehmt", "tragen"}
_PARTICLE_RE = phrase_regex(["af", "ud", "fra", "off", "out", "aus", "von", "raus"])
_OFF_OBJECTS_RE = phrase_regex([
    "mig", "os", "ham", "hende", "mit nummer", "mit telefonnummer", "min mail", "min e-mail", "min mailadresse",
    "min adresse", "mine oplysninger", "mine data", "min profil", "me", "us", "him", "her", "my number",
    "my phone number", "my email", "my e-mail", "my address", "my details", "my data", "my name", "mich", "uns",
    "ihn", "meine nummer", "meine telefonnummer", "meine daten", "meine adresse", "meine e-mail",
    # on a panelist's behalf: "fjern hendes nummer", "delete his details"
    *(f"{who} {what}" for who in ("hans", "hendes", "deres", "his", "their", "ihre", "seine", "seinen")
      for what in ("nummer", "telefonnummer", "mail", "e-mail", "mailadresse", "adresse", "oplysninger", "data",
                   "profil", "number", "phone number", "email", "details", "name", "daten", "telefonnummer")),
    "her number", "her phone number", "her email", "her e-mail", "her details", "her data", "her name",
    # the number or address written from: "slet nummeret", "fjern denne mail"
    "nummeret", "dette nummer", "det her nummer", "denne mail", "denne adresse", "denne mailadresse",
    "this number", "this address", "this email", "diese nummer", "diese adresse"])
# "stop med at sende", "stop sending", "schicken Sie mir keine ... mehr": no more messages
_MESSAGE_NOUNS = ("beskeder", "beskederne", "sms", "sms'er", "sms'erne", "smser", "mails", "mailene", "e-mails",
                  "breve", "invitationer", "henvendelser", "spoergeskemaer", "undersoegelser", "messages", "texts",
                  "emails", "e-mails", "letters", "invitations", "surveys", "nachrichten", "sms", "mails", "briefe",
                  "einladungen", "umfragen")
_NO_MORE_RE = re.compile(
    r"\b(?:ikke|ingen|no|not)\s+(?:have\s+|faa\s+|modtage\s+|receive\s+|get\s+)?(?:flere|mere|more|any)\s+"
    r"(?:\w+\s+)?(?:" + "|".join(map(re.escape, _MESSAGE_NOUNS)) + r")\b(?:\s+mehr)?|"
    r"\b(?:stop|stoppe|stopper|hold\s+op|lad\s+vaere|stop|quit)\s+(?:venligst\s+|please\s+)?(?:med\s+at\s+)?"
    r"(?:sende|skrive|kontakte|sms'e|texting|sending|emailing|messaging|contacting)"
    r"(?=\s+(?:\w+\s+)?(?:mig|os|ham|hende|me|us|him|her|flere|mere|more|any|dette\s+nummer|det\s+her\s+nummer|"
    r"this\s+number|" + "|".join(map(re.escape, _MESSAGE_NOUNS)) + r")\b|\s*(?:$|[,.!;]))|"
    r"\b(?:stop|stoppe)\s+(?:venligst\s+|please\s+)?(?:alle\s+|all\s+)?(?:" + "|".join(map(re.escape, _MESSAGE_NOUNS)) +
    r")\b|"
    # "vil gerne være fri for beskederne": free of the messages
    r"\b(?:vaere|blive|vaeret)\s+fri\s+for\s+(?:flere\s+|alle\s+|jeres\s+)?(?:" +
    "|".join(map(re.escape, _MESSAGE_NOUNS)) + r")\b|"
    r"\bkeine\s+(?:\w+\s+)?(?:" + "|".join(map(re.escape, _MESSAGE_NOUNS)) + r")\s+mehr\b")
# Someone writes that the panelist has died: no more messages go to them.
_RELATIVE_RE = re.compile(r"\b(?:min|mit|vores|my|our|mein|meine|meiner|unser|unsere)\s+(?:\w+\s+)?(?:mor|far|mand|kone|"
                          r"hustru|aegtefaelle|samlever|soester|bror|soen|datter|svigermor|svigerfar|bedstemor|"
                          r"bedstefar|mormor|morfar|farmor|farfar|onkel|tante|mother|father|husband|wife|sister|brother|"
                          r"son|daughter|mutter|vater|mann|frau|schwester|bruder|sohn|tochter)\b")
_DEATH_RE = phrase_regex(["er doed", "doede", "er gaaet bort", "gik bort", "afgik ved doeden", "er afgaaet ved doeden",
                          "sov stille ind", "er sovet ind", "er ikke laengere blandt os", "passed away", "has died",
                          "died", "is dead", "ist verstorben", "verstarb", "ist gestorben", "ist tot"])


_MEETING_WORDS_RE = phrase_regex(["moedet", "arrangementet", "workshoppen", "aftenen", "borgermoedet", "dialogmoedet",
                                  "the meeting", "the event", "treffen", "veranstaltung"])


_LISTS_RE = phrase_regex(["panelet", "borgerpanelet", "panel", "listen", "liste", "jeres liste", "the list", "your list",
                          "mailing list", "verteiler", "the panel"])
_MEETING_AMBIGUOUS_VERBS = {"afmeld", "afmelde", "afmelder", "frameld", "framelde", "unsubscribe", "abmelden"}


def _asks_to_be_taken_off(f: str, definition=None) -> bool:
    for clause in re.split(r"[,.;!?\n]|\bmen\b|\bbut\b|\baber\b", f):
        if re.search(r"\b(?:hvordan|hvorfor|how|why|wie|warum|hvis|if|wenn)\b", clause):
            continue  # "hvordan afmelder man sig?", "hvis I sletter mig ...": no request
        for m in _OFF_VERBS_RE.finditer(clause):
            before, after = clause[:m.start()], clause[m.end():]
            if re.search(r"\b(?:ikke|aldrig|not|never|don't|nicht|nie)\s+(?:\w+\s+)?$", before):
                continue  # "I må ikke slette mig"
            near = " ".join(after.split()[:6])
            if not (_OFF_OBJECTS_RE.search(near) or re.match(r"\s*(?:fra|from|aus|von)\b", after)):
                continue
            if re.match(r"\s*(?:\w+\s+){0,2}?(?:ikke|not|nicht)\b", after) or _MEETING_WORDS_RE.search(near):
                continue  # "slet mig ikke", "afmeld mig mødet": staying, or leaving the meeting only
            if m.group(0) in _NEEDS_PARTICLE and not _PARTICLE_RE.search(after):
                continue  # "tag mig med": not off
            if isinstance(definition, Meeting) and m.group(0) in _MEETING_AMBIGUOUS_VERBS and not _LISTS_RE.search(clause):
                continue  # "afmeld mig" to a meeting: the meeting or the panel? (asked, not guessed)
            return True
    return False


# ... and the messages reach the dead person's own mail or phone ("jeg har adgang til hans mail")
_THEIR_CONTACT_RE = re.compile(r"\b(?:hans|hendes|his|her|seine|ihre)\s+(?:\w+\s+)?(?:mail|e-mail|mailadresse|nummer|"
                               r"telefon|mobil|post|email|phone|number|handy|nummer)\b|\badgang\s+til\b|\baccess\s+to\b")


def _panelist_died(f: str) -> bool:
    return bool(_THEIR_CONTACT_RE.search(f)) and any(
        _RELATIVE_RE.search(s) and _DEATH_RE.search(s) for s in re.split(r"[.;!?\n]", f))


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
    clauses = re.sub(r"\s+", " ", re.sub(r"[^\w\s'.,;!?-]+", " ", body_folded))
    if _asks_to_be_taken_off(clauses, definition) or _NO_MORE_RE.search(f) or _panelist_died(clauses):
        return "unsubscribe"
    # "Gider ikke flere beskeder. Stop.": a sentence of its own that is only the keyword
    if any(_BARE_STOP_SENTENCE_RE.match(fold(s)) for s in sentences(raw_body)):
        return "unsubscribe"
    return None


_BARE_STOP_SENTENCE_RE = re.compile(r"^\W*(?:stop|stopp|afmeld|unsubscribe)(?:\s+(?:nu|tak|venligst|stop))*\W*$")
