"""The words mail programs put around a quoted message, by language.

Tables only; `quotes.py` applies them.  Each table is what a mail program
writes, not what a person writes: an attribution line ("Den ... skrev ...:"),
the header block of an un-prefixed original ("Fra:/Sendt:/Til:/Emne:"), and
the separator lines above it ("-----Oprindelig meddelelse-----").
"""
from __future__ import annotations

import re

# The verb of an attribution line ("<when>, <who> wrote:").
ATTRIBUTION_VERBS = {
    "da": ["skrev"], "no": ["skrev"], "sv": ["skrev", "skrivit"], "en": ["wrote"], "de": ["schrieb"],
    "nl": ["schreef"], "fr": ["a écrit"], "es": ["escribió"], "it": ["scrisse", "ha scritto"],
    "fi": ["kirjoitti"],
}

# Words an attribution that starts with its date starts with ("Den 24. nov.", "On Tue,", "Am 24.11.").
ATTRIBUTION_OPENERS = {
    "da": ["den", "d.", "man.", "tir.", "ons.", "tor.", "fre.", "lør.", "søn.", "mandag", "tirsdag",
           "onsdag", "torsdag", "fredag", "lørdag", "søndag"],
    "no": ["den", "man.", "tir.", "ons.", "tor.", "fre.", "lør.", "søn."],
    "sv": ["den", "mån", "tis", "ons", "tors", "fre", "lör", "sön", "måndag", "tisdag", "onsdag", "torsdag",
           "fredag", "lördag", "söndag"],
    "en": ["on", "mon,", "tue,", "wed,", "thu,", "fri,", "sat,", "sun,"],
    "de": ["am", "mo.,", "di.,", "mi.,", "do.,", "fr.,", "sa.,", "so.,"],
    "nl": ["op"], "fr": ["le"], "es": ["el"], "it": ["il"],
}

# Separator lines between dashes: "-----Oprindelig meddelelse-----", "---------- Forwarded message ---------".
DASHED_SEPARATORS = {
    "da": ["oprindelig meddelelse", "oprindelig besked", "oprindelig e-mail", "oprindelig email",
           "videresendt meddelelse", "videresendt besked", "videresendt e-mail", "videresendt email",
           "videresendt"],
    "no": ["opprinnelig melding", "videresendt melding", "original melding"],
    "sv": ["ursprungligt meddelande", "originalmeddelande", "vidarebefordrat meddelande",
           "vidarebefordrat e-postmeddelande"],
    "de": ["ursprüngliche nachricht", "ursprungliche nachricht", "original-nachricht", "original nachricht",
           "weitergeleitete nachricht"],
    "en": ["original message", "original e-mail", "original email", "forwarded message"],
    "fr": ["message d'origine", "message transféré", "message transfere", "message original"],
    "nl": ["oorspronkelijk bericht", "doorgestuurd bericht"],
}

# Separator lines without dashes (Apple Mail, Thunderbird, Gmail forwards), an optional ':' after them.
PLAIN_SEPARATORS = {
    "da": ["start på videresendt besked", "start på videresendt meddelelse", "start på videresendt e-mail",
           "begynd videresendt besked", "videresendt besked", "videresendt meddelelse"],
    "no": ["begynn videresendt melding", "videresendt melding"],
    "sv": ["vidarebefordrat brev", "början på vidarebefordrat brev", "vidarebefordrat meddelande"],
    "de": ["anfang der weitergeleiteten nachricht", "beginn der weitergeleiteten nachricht"],
    "en": ["begin forwarded message"],
}

# The header lines of an un-prefixed original, by what they say.  A block needs three of them,
# one saying who it is from and one saying when or about what: a lone "Fra:" line is everyday text.
HEADER_FIELDS = {
    "from": {"da": ["fra", "afsender"], "no": ["fra", "avsender"], "sv": ["från", "avsändare"],
             "de": ["von", "absender"], "en": ["from"], "fr": ["de", "expéditeur"], "nl": ["van"]},
    "date": {"da": ["sendt", "dato"], "no": ["sendt", "dato"], "sv": ["skickat", "skickades", "datum"],
             "de": ["gesendet", "datum"], "en": ["sent", "date"], "fr": ["envoyé", "envoye", "date"],
             "nl": ["verzonden", "datum"]},
    "to": {"da": ["til"], "no": ["til"], "sv": ["till"], "de": ["an"], "en": ["to"], "fr": ["à"],
           "nl": ["aan"]},
    "copy": {"da": ["cc", "bcc", "kopi"], "sv": ["kopia"], "de": ["kopie"], "en": ["cc", "bcc"]},
    "subject": {"da": ["emne"], "no": ["emne"], "sv": ["ämne"], "de": ["betreff"], "en": ["subject"],
                "fr": ["objet"], "nl": ["onderwerp"]},
    "other": {"da": ["vigtighed", "svar til", "prioritet"], "no": ["viktighet", "prioritet"],
              "sv": ["prioritet", "svara till"], "de": ["wichtigkeit", "priorität", "antwort an"],
              "en": ["importance", "reply-to", "reply to", "priority"]},
}


def _words(table: dict[str, list[str]]) -> list[str]:
    return sorted({w for words in table.values() for w in words}, key=len, reverse=True)


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)


ATTRIBUTION_VERB = re.compile(rf"(?<!\w)(?:{_alternation(_words(ATTRIBUTION_VERBS))})(?!\w)", re.I)
OPENER = re.compile(rf"(?:{_alternation(_words(ATTRIBUTION_OPENERS))})(?!\w)|\d", re.I)
# A time of day ("10:15", "kl. 10.15", "10.15.07"), a date with a year, an address.
TIME = re.compile(r"(?<![\d./-])(?:[01]?\d|2[0-3])[:.][0-5]\d(?:[:.][0-5]\d)?(?!\d|\.\d)|\bkl\.?\s*\d", re.I)
YEAR = re.compile(r"\b(?:19|20)\d{2}\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2}\b")
ADDRESS = re.compile(r"[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+")
# A line that starts with a full date: "2027-01-07 10:15", "07/01/2027", "7.1.2027".
DATE_FIRST = re.compile(r"^\s*(?:(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)?\d{2})\b")

SEPARATOR = re.compile(
    rf"^\s*(?:-{{2,}}\s*(?:{_alternation(_words(DASHED_SEPARATORS))})\s*-{{2,}}"
    rf"|(?:{_alternation(_words(PLAIN_SEPARATORS))})\s*:?)\s*$", re.I)
RULE = re.compile(r"^\s*_{10,}\s*$")

HEADER_KIND = {w: kind for kind, table in HEADER_FIELDS.items() for w in _words(table)}
HEADER_LINE = re.compile(rf"^\s*\*?({_alternation(sorted(HEADER_KIND, key=len, reverse=True))})\s*\*?\s*:", re.I)

# Labels a person puts before an answer typed inside the quoted invitation ("SVAR: Nej").
ANSWER_LABELS = {
    "da": ["svar", "mit svar", "mine svar"], "no": ["svar", "mitt svar"], "sv": ["svar", "mitt svar"],
    "de": ["antwort", "meine antwort"], "en": ["answer", "my answer"],
}
ANSWER_LABEL = re.compile(rf"^\s*[*_]*(?:{_alternation(_words(ANSWER_LABELS))})[*_]*\s*[:=]+\s*\S", re.I)

# A numbered question of an invitation: "3. Har du ...", "3) ...".
QUESTION = re.compile(r"^\s{0,3}\d{1,2}[.)]\s+\S")
