"""The words of machine mail, by language: delivery failures and automatic replies.

Tables only; `machine.py` applies them.  Structure (a delivery-status
report, Auto-Submitted, Precedence) decides first; these words are for the
mail systems that send neither.
"""
from __future__ import annotations

import re

# Subjects of delivery failure notices (not when the subject is a reply: "Re: Kan ikke leveres i tide?").
BOUNCE_SUBJECTS = {
    "en": [r"undeliver", r"undelivered\s+mail", r"delivery\s+status\s+notification", r"delivery\s+(?:has\s+)?fail",
           r"mail\s+delivery\s+fail", r"returned\s+mail", r"returning\s+message", r"failure\s+notice",
           r"message\s+not\s+delivered", r"delivery\s+notification", r"non[- ]?delivery",
           r"could\s+not\s+be\s+delivered", r"delivery\s+(?:delayed|delay)", r"warning:\s+message"],
    "da": [r"kan\s+ikke\s+leveres", r"kunne\s+ikke\s+leveres", r"levering\s+mislykkedes",
           r"leveringen\s+mislykkedes", r"uafleverbar", r"ikke\s+leveret", r"returneret\s+(?:post|mail|besked)",
           r"fejl\s+ved\s+levering", r"forsinket\s+levering"],
    "sv": [r"kunde\s+inte\s+levereras", r"olevererbart", r"leveransfel"],
    "no": [r"kunne\s+ikke\s+leveres", r"ikke\s+levert"],
    "de": [r"unzustellbar", r"nicht\s+zustellbar"],
    "fr": [r"non\s+remis"],
}
# What a delivery failure's text says.
BOUNCE_TEXT = {
    "en": [r"could\s+not\s+be\s+delivered", r"couldn't\s+be\s+delivered", r"delivery\s+(?:has\s+)?failed",
           r"permanent\s+(?:fatal\s+)?error", r"user\s+unknown", r"no\s+such\s+user", r"mailbox\s+(?:unavailable|full)",
           r"address\s+(?:not\s+found|couldn't\s+be\s+found)", r"does\s+not\s+exist", r"wasn't\s+able\s+to\s+deliver"],
    "da": [r"kunne\s+ikke\s+leveres", r"levering\s+til\s+.{0,40}mislykkedes", r"findes\s+ikke", r"postkasse.{0,20}fuld"],
    "sv": [r"kunde\s+inte\s+levereras", r"finns\s+inte"],
    "de": [r"konnte\s+nicht\s+zugestellt"],
}
# Words of a failure that will not go away, and of one that may.
PERMANENT = {
    "en": [r"permanent", r"does\s+not\s+exist", r"no\s+such", r"user\s+unknown", r"unknown\s+user", r"not\s+found",
           r"given\s+up", r"giving\s+up", r"invalid", r"rejected"],
    "da": [r"findes\s+ikke", r"ikke\s+længere", r"ugyldig", r"afvist"],
}
TEMPORARY = {
    "en": [r"temporar", r"delayed", r"will\s+(?:retry|be\s+retried|keep\s+trying)", r"still\s+trying"],
    "da": [r"midlertidig", r"forsinket", r"forsøger\s+igen"],
}
# Local parts and names of the senders of delivery failures.
DAEMON_LOCAL_PARTS = ["mailer-daemon", "mailerdaemon", "mail-daemon", "postmaster", "mdaemon", "bounce", "bounces",
                      "mail-delivery-system", "mail-delivery-subsystem", "nobody-ndr"]
DAEMON_NAMES = [r"mail\s+delivery\s+(?:system|subsystem|service)", r"mailer-daemon", r"postmaster"]

# Subjects of automatic replies: a whole phrase at the start, or a short word and a colon ("Ferie: ...").
AUTO_SUBJECT_PHRASES = {
    "da": [r"autosvar", r"auto-svar", r"automatisk\s+svar", r"automatisk\s+besked", r"fraværende", r"fraværsbesked",
           r"ikke\s+på\s+kontoret", r"ude\s+af\s+kontoret"],
    "sv": [r"frånvaro", r"autosvar", r"automatiskt\s+svar", r"inte\s+på\s+kontoret"],
    "no": [r"fraværsmelding", r"automatisk\s+svar"],
    "de": [r"abwesenheitsnotiz", r"automatische\s+antwort", r"abwesend"],
    "en": [r"out\s+of\s+(?:the\s+)?office", r"automatic\s+reply", r"auto[\s-]?reply", r"auto[\s-]?response",
           r"vacation\s+reply"],
    "fr": [r"r[ée]ponse\s+automatique"], "es": [r"respuesta\s+autom[áa]tica"],
}
AUTO_SUBJECT_WORDS = {"da": ["fravær", "ferie", "auto"], "en": ["away", "absent"], "de": ["abwesend"]}
AUTO_PRECEDENCE = {"bulk", "junk", "list", "auto_reply", "auto-reply"}
AUTO_REPLY_HEADERS = ("x-autoreply", "x-autorespond", "x-auto-reply", "x-autoresponder")


def _any(table: dict[str, list[str]]) -> str:
    return "|".join(p for patterns in table.values() for p in patterns)


STATUS = re.compile(r"(?<![\d.])([245])\.(\d{1,3})\.(\d{1,3})(?![\d.]\d)")
DAEMON_LOCAL = re.compile(rf"^(?:{'|'.join(map(re.escape, DAEMON_LOCAL_PARTS))})$", re.I)
DAEMON_NAME = re.compile("|".join(DAEMON_NAMES), re.I)
BOUNCE_SUBJECT = re.compile(_any(BOUNCE_SUBJECTS), re.I)
BOUNCE_BODY = re.compile(_any(BOUNCE_TEXT), re.I | re.S)
PERMANENT_WORDS = re.compile(_any(PERMANENT), re.I)
TEMPORARY_WORDS = re.compile(_any(TEMPORARY), re.I)
REMOTE_SAID = re.compile(r"Remote\s+Server\s+returned\s+'([^'\n]{1,300})'|"
                         r"(?:said|svarede|Remote\s+host\s+said):\s*([^\n]{1,300})", re.I)
REPLY_PREFIX = re.compile(r"^\s*(?:re|sv|aw|vs|fw|fwd)\s*:", re.I)
AUTO_SUBJECT = re.compile(
    rf"^\s*\[?\s*(?:(?:{_any(AUTO_SUBJECT_PHRASES)})\b"
    rf"|(?:{'|'.join(w for words in AUTO_SUBJECT_WORDS.values() for w in words)})\s*:)", re.I)
