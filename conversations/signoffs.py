"""Greeting lines, sign-offs and signatures in what a panelist typed: not part of the answer."""
from __future__ import annotations

import re

from .text import clean, fold

# A greeting-only line: the greeting and names or "Borgerpanel" ("Hej Anne,"), not "Hej, ja tak".
# Matched on the line as written (case kept), folded for the greeting word.
GREETING_RE = re.compile(
    r"^(?i:hej|hejsa|hey|hi|hallo|goddag|god\s+dag|godmorgen|god\s+morgen|kaere|kære|dear)"
    r"(?:\s+(?:[A-ZÆØÅ][\w.\-]*|(?i:borgerpanel\w*|alle|der|jer|i|med\s+jer|venner|igen|og\s+tak)))*\s*[,.!:]*$|"
    # formal salutations: "Sehr geehrte Damen und Herren", "Dear Sir or Madam", "Til rette vedkommende"
    r"^(?i:sehr\s+geehrte[rs]?(?:\s+(?:damen|herren|und|frau|herr|[A-ZÆØÅ][\w.\-]*)){1,4}|guten\s+(?:tag|morgen|abend)|"
    r"dear\s+(?:sir(?:\s+or\s+madam)?|madam|all|team|colleagues)|to\s+whom\s+it\s+may\s+concern|"
    r"til\s+rette\s+vedkommende|good\s+(?:morning|afternoon|evening)|hello)(?:\s+[A-ZÆØÅ][\w.\-]*)*\s*[,.!:]*$")
CLOSING_RE = re.compile(
    r"^(?:m\.?\s*v\.?\s*h\.?|mvh|vh|v\.h\.|venlig(?:st)?\s+hilsen|venlige\s+hilsner|med\s+venlig\s+hilsen|"
    r"de\s+bedste\s+hilsner|bedste\s+hilsner|hilsen|hilsner|mange\s+hilsner|kh|k\.h\.|knus|kaerlig\s+hilsen|"
    r"med\s+\w+hilsen|god\s+dag|god\s+weekend|god\s+aften|tak\s+for\s+nu|ha\s+en\s+god\s+dag|"
    r"sendt\s+fra\s+min|sendt\s+fra|hent\s+outlook|best\s+regards|regards|cheers|kind\s+regards|best\s+wishes|"
    r"yours\s+sincerely|sincerely|mit\s+freundlichen\s+gr(?:ue|ü)(?:ss|ß)en|freundliche\s+gr(?:ue|ü)(?:ss|ß)e|"
    r"viele\s+gr(?:ue|ü)(?:ss|ß)e|liebe\s+gr(?:ue|ü)(?:ss|ß)e|beste\s+gr(?:ue|ü)(?:ss|ß)e|mfg|gru(?:ss|ß)|"
    r"med\s+v(?:ae|ä)nliga\s+h(?:ae|ä)lsningar|v(?:ae|ä)nliga\s+h(?:ae|ä)lsningar|h(?:ae|ä)lsningar)\b", re.I)
# An inline sign-off at the end of an SMS: "... Mvh Grethe", "... /Karsten"
# "Til Borgerpanelet", "Til Ellen Hansen" (but not "Til fods": case is kept here)
TO_LINE_RE = re.compile(r"^Til\s+(?:[Bb]orgerpanel\w*|[Kk]ommunen|jer|[A-ZÆØÅ][a-zæøå]+(?:\s+[A-ZÆØÅ][a-zæøå]+){0,2})[,.!:]?$")
INLINE_SIGNOFF_RE = re.compile(
    r"(?:[.!,]?\s+|^)(?:mvh|m\.v\.h\.|vh|hilsen|hilsner|venlig\s+hilsen|kh|med\s+venlig\s+hilsen)"
    r"\b[^.!?\n]{0,60}$|\s+/\s*(?-i:[A-ZÆØÅ])[\w\-. ]{0,30}$|\s+-\s*(?-i:[A-ZÆØÅ][a-zæøå]+)$|"
    # "... langsom. Tak Agnieszka Nowak": thanks and a name close the message
    r"(?<=[.!])\s+(?i:tak|thanks|danke)\s+(?-i:[A-ZÆØÅ][\w\-]+(?:\s+[A-ZÆØÅ][\w\-]+){0,2})\s*[.!]?$", re.I)
SIGNATURE_DELIM_RE = re.compile(r"^\s*(?:--|__+|-{3,}|sendt fra|sent from|hent outlook|get outlook)", re.I)


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
    # "Tak" / "Mange tak" / "Thanks" on a line of its own, then only a name: a closing
    if len(out) >= 3 and re.fullmatch(r"(?i)\s*(?:mange\s+)?(?:tak|thanks|thank\s+you|danke|tack)[.!]*\s*", out[-2]) and \
            re.fullmatch(r"\s*[A-ZÆØÅ][\w.\-]*(?:\s+[A-ZÆØÅ][\w.\-]*){0,2}\s*", out[-1]):
        del out[-2:]
    if out and re.fullmatch(r"\s*[-/]?\s*[A-ZÆØÅ][\w.]*(?:\s+[A-ZÆØÅ][\w.]*){0,2}\s*", out[-1]) and (
            len(out) == 1 or not out[-2].strip()) and len(out) > 1:
        out.pop()
    while out and not out[-1].strip():
        out.pop()
    if out and not re.match(r"^\s*\d{1,2}\s*[-:.)=]", out[-1]):  # "3 - Villavejene" is an answer, not "- Name"
        out[-1] = INLINE_SIGNOFF_RE.sub("", out[-1]).rstrip()
    return out
