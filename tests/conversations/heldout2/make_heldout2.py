#!/usr/bin/env python3
"""Build the second held-out reply corpus (cases.jsonl) for the reply parser.

Standard library only, deterministic.  Usage:

    python3 make_heldout2.py        # writes cases.jsonl next to this file

Written without looking at the parser: every case is typed by hand as a
panelist might write it (ages, dialects, typos, no æøå, caps, emoji,
dictation, lists in many styles, prose, inline answers, corrections), and
labelled by a human reader following the labelling conventions in
/work/shared/spec/reply-corpus.md.  The helpers only wrap the words into a
realistic SMS body or RFC 5322 message: the invitation is rendered the way
the service renders it (engagement/messages/templates/messages/
survey_invitation.email.txt and meeting_invitation.email.txt) and quoted the
way Gmail, Outlook, Apple Mail, iPhone, Outlook for Android, Samsung Email,
Thunderbird and a webmail quote it in Danish, with signatures, charsets and
transfer encodings of those clients.

Topics (new, not in the development corpus or the first held-out set):
surveys "Kultur og fritid" (0-10 scale), "Børn og skole" (1-5 agreement
scales), "Natur og grønne områder" (1-5 satisfaction scale); meetings
"Fyraftensmøde" (max_guests 1), "Borgersamling" (0), "Åbent hus" (3).
"""
from __future__ import annotations

import base64
import collections
import hashlib
import html
import io
import json
import random
import textwrap
from datetime import datetime, timedelta, timezone
from email import message_from_bytes, policy
from email.charset import BASE64, QP, Charset
from email.generator import BytesGenerator
from email.header import Header
from email.message import EmailMessage, Message
from email.mime.base import MIMEBase
from email.mime.message import MIMEMessage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import format_datetime, formataddr
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFS = json.loads((HERE / "definitions.json").read_text("utf-8"))
OUT = HERE / "cases.jsonl"

CET = timezone(timedelta(hours=1))
CEST = timezone(timedelta(hours=2))
DOMAIN = "borgerpanel.norrevig.dk"
MX = "mx.borgerpanel.norrevig.dk"
BASE_URL = "https://borgerpanel.norrevig.dk/p/norrevig"
PANEL = "Borgerpanelet"

WD_FULL = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]
WD_ABBR = ["man.", "tirs.", "ons.", "tors.", "fre.", "lør.", "søn."]
MON_FULL = ["januar", "februar", "marts", "april", "maj", "juni", "juli",
            "august", "september", "oktober", "november", "december"]
MON_ABBR = ["jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.",
            "sep.", "okt.", "nov.", "dec."]

# When each invitation went out, and the deadline it names.
INV = {
    "kultur": dict(sent=datetime(2027, 2, 1, 9, 30, 11, tzinfo=CET), deadline="mandag den 15. februar",
                   example=["1: 9", "2: ja", "3: B"]),
    "skole": dict(sent=datetime(2027, 2, 8, 8, 45, 2, tzinfo=CET), deadline="mandag den 22. februar",
                  example=["1: 4", "2: 4", "3: ja"]),
    "natur": dict(sent=datetime(2027, 3, 1, 10, 0, 40, tzinfo=CET), deadline="mandag den 15. marts",
                  example=["1: 4", "2: ja", "3: B"]),
    "fyraften": dict(sent=datetime(2027, 2, 10, 12, 5, 9, tzinfo=CET), deadline="torsdag den 25. februar"),
    "borgersamling": dict(sent=datetime(2027, 2, 22, 14, 20, 33, tzinfo=CET), deadline="torsdag den 11. marts"),
    "aabenthus": dict(sent=datetime(2027, 3, 25, 11, 0, 0, tzinfo=CET), deadline="lørdag den 17. april"),
}


def subject_of(defn: str) -> str:
    d = DEFS[defn]
    if d["kind"] == "survey":
        return f"Vil du svare på et par spørgsmål om {d['title']}?"
    return f"Du er inviteret: {d['title']}"


# ---------------------------------------------------------------------------
# The invitation as the service renders it (email)
# ---------------------------------------------------------------------------

def wrap(text: str, indent: str = "", hang: str = "   ") -> list[str]:
    return textwrap.wrap(text, width=72, initial_indent=indent, subsequent_indent=hang,
                         break_on_hyphens=False, break_long_words=False)


def hint(q) -> str:
    t = q["type"]
    if t == "scale":
        return f"Svar med et tal fra {q['min']} til {q['max']}."
    if t == "yes_no":
        return "Svar ja eller nej."
    if t == "choice":
        return "Svar med et eller flere bogstaver." if q.get("multiple") else "Svar med et bogstav."
    if t == "number":
        return f"Svar med et tal fra {q['min']} til {q['max']}."
    return "Skriv dit svar med dine egne ord."


def invitation(defn: str, first: str, tok: str):
    """(lines, ends): ends maps a question number to the last line of its block."""
    d, inv = DEFS[defn], INV[defn]
    lines = [f"Hej {first}", ""]
    ends = {}
    if d["kind"] == "survey":
        n = len(d["questions"])
        lines += [f"Vil du hjælpe os? Vi vil gerne høre, hvad du mener om: {d['title']}.",
                  f"Der er {n} spørgsmål. Det tager kun få minutter.", ""]
        for q in d["questions"]:
            lines += wrap(f"{q['number']}. {q['text']}")
            if q["type"] == "choice":
                for i, o in enumerate(q["options"]):
                    lines += wrap(f"{chr(65 + i)}. {o['label']}", indent="   ", hang="      ")
            lines.append("   " + hint(q))
            if q.get("labels"):
                lab = ", ".join(f"{k} = {v}" for k, v in sorted(q["labels"].items(), key=lambda kv: int(kv[0])))
                lines += wrap(lab, indent="   ", hang="   ")
            ends[q["number"]] = len(lines) - 1
            lines.append("")
        lines += ["Sådan svarer du:", "Svar på denne mail. Skriv nummeret på spørgsmålet og dit svar.",
                  "Skriv et svar på hver linje.", "For eksempel:"] + inv["example"] + [""]
        lines += ["Du kan også svare her:", f"{BASE_URL}/svar/{tok}", ""]
        lines += [f"Svar gerne senest {inv['deadline']}.", "Tak for hjælpen!"]
    else:
        start = datetime.fromisoformat(d["starts_at"])
        end = datetime.fromisoformat(d["ends_at"])
        lines += ["Du er inviteret til et møde. Vi vil gerne høre, hvad du mener.", "",
                  d["title"],
                  f"Tid: {WD_FULL[start.weekday()]} den {start.day}. {MON_FULL[start.month - 1]} "
                  f"{start.year} kl. {start:%H.%M}-{end:%H.%M}",
                  f"Sted: {d['location']}", "",
                  "Kommer du? Svar på denne mail med JA, NEJ eller MÅSKE."]
        g = d["max_guests"]
        if g == 0:
            lines.append("Der er desværre ikke plads til gæster.")
        else:
            lines.append("Du må gerne tage 1 gæst med." if g == 1 else f"Du må gerne tage op til {g} gæster med.")
            lines.append("Tager du en gæst med, så skriv JA +1.")
        lines += ["", "Du kan også svare med et klik:",
                  f"Ja, jeg kommer: {BASE_URL}/moede/{tok}/yes",
                  f"Nej, jeg kommer ikke: {BASE_URL}/moede/{tok}/no",
                  f"Måske: {BASE_URL}/moede/{tok}/maybe", "",
                  f"Svar gerne senest {inv['deadline']}.", "Vi håber, du kan komme."]
    lines += ["", "Venlig hilsen", PANEL, "", "--",
              "Vil du ikke have flere mails fra os? Tryk her:", f"{BASE_URL}/udmeld/{tok}"]
    return lines, ends


# ---------------------------------------------------------------------------
# People, tokens, times
# ---------------------------------------------------------------------------

class W:
    def __init__(self, name: str, addr: str):
        self.name, self.addr, self.first = name, addr, name.split()[0]


def _h(*parts) -> bytes:
    return hashlib.sha256("|".join(map(str, parts)).encode("utf-8")).digest()


def rng(*parts) -> random.Random:
    return random.Random(int.from_bytes(_h("rng", *parts)[:8], "big"))


def token(defn, addr) -> str:
    return base64.b32encode(_h("tok2", defn, addr)).decode()[:12].lower()


def reply_addr(tok):
    return f"svar+{tok}@{DOMAIN}"


def bounce_addr(tok):
    return f"bounce+{tok}@{DOMAIN}"


def inv_msgid(defn, tok):
    return f"<{INV[defn]['sent']:%Y%m%d%H%M%S}.{defn}.{tok}@{DOMAIN}>"


def hexs(r, n):
    return "".join(r.choice("0123456789abcdef") for _ in range(n))


def alnum(r, n, chars="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"):
    return "".join(r.choice(chars) for _ in range(n))


def uuid_like(r, upper=True):
    s = f"{hexs(r, 8)}-{hexs(r, 4)}-{hexs(r, 4)}-{hexs(r, 4)}-{hexs(r, 12)}"
    return s.upper() if upper else s


def reply_time(defn, addr, minutes=None):
    r = rng("time", defn, addr)
    if minutes is None:
        minutes = r.choice([r.uniform(5, 120), r.uniform(120, 900), r.uniform(900, 5000)])
    t = INV[defn]["sent"] + timedelta(minutes=minutes)
    if minutes > 60 and (t.hour < 7 or t.hour > 22):
        t = t.replace(hour=r.randint(7, 21))
    return t.replace(microsecond=0)


def received(r, host, ip, to, when):
    qid = alnum(r, 12, "0123456789BCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz")
    return (f"from {host} ({host} [{ip}]) by {MX} (Postfix) with ESMTPS id {qid} "
            f"for <{to}>; {format_datetime(when)}")


# ---------------------------------------------------------------------------
# Quoting in each client
# ---------------------------------------------------------------------------

def esc(line):
    s = html.escape(line, quote=False)
    st = s.lstrip(" ")
    return "&nbsp;" * (len(s) - len(st)) + st


def br_lines(lines):
    return "<br>\n".join(esc(l) for l in lines)


def divs(text, attrs=""):
    return "\n".join(f"<div{attrs}>{esc(l)}</div>" if l.strip() else f"<div{attrs}><br></div>"
                     for l in text.split("\n"))


def entities(s):
    for ch, ent in (("æ", "&aelig;"), ("ø", "&oslash;"), ("å", "&aring;"), ("Æ", "&AElig;"),
                    ("Ø", "&Oslash;"), ("Å", "&Aring;")):
        s = s.replace(ch, ent)
    return s


def segments(lines, ends, inline):
    segs, start = [], 0
    for qn in sorted(inline or {}):
        stop = ends[qn] + 1
        segs += [("q", lines[start:stop]), ("own", inline[qn])]
        start = stop
    segs.append(("q", lines[start:]))
    return segs


def prefixed(lines):
    return [">" if not l else "> " + l for l in lines]


GMAIL_BQ = ('<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;'
            'border-left:1px solid rgb(204,204,204);padding-left:1ex">')

CLIENTS = {
    "gmail": dict(cs="utf-8", cte="quoted-printable", fmt="alt", prefix="Re: "),
    "apple": dict(cs="utf-8", cte="quoted-printable", fmt="alt", prefix="Re: "),
    "iphone": dict(cs="utf-8", cte="quoted-printable", fmt="alt", prefix="Re: "),
    "outlook": dict(cs="windows-1252", cte="quoted-printable", fmt="alt", prefix="SV: "),
    "android": dict(cs="utf-8", cte="base64", fmt="alt", prefix="SV: "),
    "samsung": dict(cs="utf-8", cte="base64", fmt="alt", prefix="Sv: "),
    "thunderbird": dict(cs="utf-8", cte="8bit", fmt="plain", prefix="Sv: "),
    "webmail": dict(cs="utf-8", cte="quoted-printable", fmt="html", prefix="Re: "),
}


def compose(client, who, defn, tok, top, inline, bottom, quote, o):
    lines, ends = invitation(defn, who.first, tok)
    segs = segments(lines, ends, inline) if quote else []
    addr = reply_addr(tok)
    sent = INV[defn]["sent"]
    hh, mm = f"{sent:%H}", f"{sent:%M}"
    wd, day, mon, yr = sent.weekday(), sent.day, sent.month - 1, sent.year
    P, H = [], []
    if client in ("gmail", "apple", "thunderbird", "webmail"):
        if client == "gmail":
            attr = f"Den {WD_ABBR[wd]} {day}. {MON_ABBR[mon]} {yr} kl. {hh}.{mm} skrev {PANEL} <{addr}>:"
            cut = attr.index("<") + 1
            attr_plain = [attr] if len(attr) <= 78 else [attr[:cut], attr[cut:]]
            attr_html = (f"Den {WD_ABBR[wd]} {day}. {MON_ABBR[mon]} {yr} kl. {hh}.{mm} skrev {PANEL} "
                         f'&lt;<a href="mailto:{addr}">{addr}</a>&gt;:')
        elif client == "apple":
            attr = f"Den {day}. {MON_ABBR[mon]} {yr} kl. {hh}.{mm} skrev {PANEL} <{addr}>:"
            attr_plain, attr_html = [attr], esc(attr)
        elif client == "thunderbird":
            attr = f"Den {sent:%d.%m.%Y} kl. {hh}.{mm} skrev {PANEL}:"
            attr_plain, attr_html = [attr], esc(attr)
        else:
            attr = f"{WD_FULL[wd].capitalize()} {day}. {MON_FULL[mon]} {yr} {hh}:{mm} skrev {PANEL} <{addr}>:"
            attr_plain, attr_html = [attr], esc(attr)
        if top:
            P += top.split("\n") + [""]
        if quote:
            P += attr_plain + ([] if client == "apple" else [""])
            if client == "apple":
                P += [""]
            for kind, val in segs:
                P += prefixed(val) if kind == "q" else [""] + val.split("\n") + [""]
        if bottom:
            P += [""] + bottom.split("\n")
        if client == "gmail":
            H.append('<div dir="ltr">' + (divs(top) if top else "<br>") + "</div>")
            if quote:
                H.append('<br><div class="gmail_quote gmail_quote_container">'
                         f'<div dir="ltr" class="gmail_attr">{attr_html}<br></div>')
                for kind, val in segs:
                    H.append(GMAIL_BQ + br_lines(val) + "</blockquote>" if kind == "q"
                             else "<div>" + divs(val) + "</div>")
                H.append("</div>")
            if bottom:
                H.append("<div>" + divs(bottom) + "</div>")
        else:
            H.append(f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={o["cs"]}">'
                     '</head><body style="font-family:Arial,Helvetica,sans-serif;font-size:13px">')
            if top:
                H.append(divs(top))
            if quote:
                H.append(f'<div><br><div class="moz-cite-prefix">{attr_html}</div><br>')
                for kind, val in segs:
                    H.append('<blockquote type="cite"><div>' + br_lines(val) + "</div></blockquote>"
                             if kind == "q" else divs(val))
                H.append("</div>")
            if bottom:
                H.append(divs(bottom))
            H.append("</body></html>")
    elif client == "iphone":
        attr = f"Den {day}. {MON_ABBR[mon]} {yr} kl. {hh}.{mm} skrev {PANEL} <{addr}>:"
        if top:
            P += top.split("\n") + [""]
        if o.get("mobile_sig", True):
            P += ["Sendt fra min iPhone", ""]
        if quote:
            P += ["> " + attr, "> "]
            for kind, val in segs:
                P += prefixed(val) if kind == "q" else [""] + val.split("\n") + [""]
        H.append('<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head>'
                 '<body dir="auto">')
        H.append(divs(top, ' dir="ltr"') if top else '<div dir="ltr"><br></div>')
        if o.get("mobile_sig", True):
            H.append('<div dir="ltr"><br><div dir="ltr">Sendt fra min iPhone</div></div>')
        if quote:
            H.append(f'<div dir="ltr"><br><blockquote type="cite">{esc(attr)}<br><br></blockquote></div>')
            for kind, val in segs:
                H.append('<blockquote type="cite"><div dir="ltr">' + br_lines(val) + "</div></blockquote>"
                         if kind == "q" else divs(val, ' dir="ltr"'))
        H.append("</body></html>")
    else:  # outlook, android, samsung: the original below, unprefixed
        subj = subject_of(defn)
        if client == "outlook":
            sendt = (f"{day}. {MON_FULL[mon]} {yr} {hh}:{mm}" if not o.get("sendt")
                     else f"{WD_FULL[wd]} den {day}. {MON_FULL[mon]} {yr} {hh}.{mm}")
            hdrs = [("Fra", f"{PANEL} <{addr}>"), ("Sendt", sendt),
                    ("Til", f"{who.name} <{who.addr}>"), ("Emne", subj)]
            sep = "-----Oprindelig meddelelse-----" if o.get("sep") == "orig" else "_" * 32
            mobile = []
        elif client == "android":
            hdrs = [("Fra", f"{PANEL} <{addr}>"), ("Sendt", f"{WD_FULL[wd]}, {day}. {MON_FULL[mon]} {yr} {hh}.{mm}"),
                    ("Til", f"{who.name} <{who.addr}>"), ("Emne", subj)]
            sep = "_" * 32
            mobile = ["Hent Outlook til Android<https://aka.ms/AAb9ysg>"] if o.get("mobile_sig", True) else []
        else:
            hdrs = [("Fra", f"{PANEL} <{addr}> "), ("Dato", f"{sent:%d.%m.%Y} {hh}.{mm} (GMT+01:00) "),
                    ("Til", f"{who.name} <{who.addr}> "), ("Emne", f"{subj} ")]
            sep = "-------- Oprindelig besked --------"
            mobile = ["", "", "Sendt fra min Galaxy"] if o.get("mobile_sig", True) else []
        if top:
            P += top.split("\n")
        if mobile:
            P += [""] + mobile
        if quote:
            P += ["", sep] + [f"{k}: {v}" for k, v in hdrs] + [""]
            for kind, val in segs:
                P += list(val) if kind == "q" else val.split("\n")
        if client == "outlook":
            def para(l):
                return (f'<p class="MsoNormal">{esc(l)}<o:p></o:p></p>' if l.strip()
                        else '<p class="MsoNormal"><o:p>&nbsp;</o:p></p>')
            H.append('<html xmlns:v="urn:schemas-microsoft-com:vml" '
                     'xmlns:o="urn:schemas-microsoft-com:office:office" '
                     'xmlns:w="urn:schemas-microsoft-com:office:word" '
                     'xmlns="http://www.w3.org/TR/REC-html40"><head>'
                     f'<meta http-equiv="Content-Type" content="text/html; charset={o["cs"]}">'
                     '<meta name="Generator" content="Microsoft Word 15 (filtered medium)">'
                     '</head><body lang="DA" link="#0563C1" vlink="#954F72" style="word-wrap:break-word">'
                     '<div class="WordSection1">')
            H += [para(l) for l in (top.split("\n") if top else [""])]
            if quote:
                H.append(para(""))
                info = "<br>".join(f"<b>{k}:</b> {esc(v)}" for k, v in hdrs)
                H.append('<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">'
                         f'<p class="MsoNormal">{info}<o:p></o:p></p></div>')
                H.append(para(""))
                for kind, val in segs:
                    if kind == "q":
                        H += [para(l) for l in val]
                    else:
                        H += [f'<p class="MsoNormal"><b><span style="color:#0070C0">{esc(l)}</span></b>'
                              "<o:p></o:p></p>" for l in val.split("\n")]
            H.append("</div></body></html>")
        else:
            H.append(f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={o["cs"]}">'
                     "</head><body>")
            H.append(divs(top, ' dir="auto"') if top else '<div dir="auto"><br></div>')
            if mobile:
                H.append('<div dir="auto"><br></div><div id="composer_signature" dir="auto">'
                         + esc(mobile[-1]) + "</div>")
            if quote:
                info = "<br>".join(f"<b>{k}:</b> {esc(v)}" for k, v in hdrs)
                H.append(f'<hr style="display:inline-block;width:98%"><div dir="ltr">{esc(sep)}<br>{info}</div>')
                for kind, val in segs:
                    H.append("<div>" + br_lines(val) + "</div>" if kind == "q" else divs(val, ' dir="auto"'))
            H.append("</body></html>")
    plain = "\n".join(P).rstrip("\n") + "\n"
    htm = "\n".join(H) + "\n"
    if o.get("entities"):
        htm = entities(htm)
    return plain, htm


# ---------------------------------------------------------------------------
# MIME assembly
# ---------------------------------------------------------------------------

def hdr(value, cs):
    return value if value.isascii() else Header(value, cs)


def legacy_part(text, subtype, cs, cte):
    c = Charset(cs)
    c.body_encoding = {"quoted-printable": QP, "base64": BASE64}[cte]
    c.header_encoding = QP
    part = MIMEText(text, subtype, c)
    del part["MIME-Version"]
    return part


def strip_part_mime_version(msg):
    for part in msg.walk():
        if part is not msg and "MIME-Version" in part:
            del part["MIME-Version"]


def reorder(msg, last=("mime-version", "content-type", "content-transfer-encoding")):
    keep = [(k, v) for k, v in msg._headers if k.lower() not in last]
    tail = sorted([(k, v) for k, v in msg._headers if k.lower() in last], key=lambda kv: last.index(kv[0].lower()))
    msg._headers = keep + tail


def serialize(msg, crlf=True):
    buf = io.BytesIO()
    BytesGenerator(buf, mangle_from_=False, policy=msg.policy.clone(linesep="\r\n" if crlf else "\n")).flatten(msg)
    return buf.getvalue().decode("utf-8")


def flow(text, width=72):
    out = []
    for line in text.split("\n"):
        if line.startswith(">") or len(line) <= width:
            out.append(line)
            continue
        cur = ""
        for w_ in line.split(" "):
            if cur and len(cur) + 1 + len(w_) > width:
                out.append(cur + " ")
                cur = w_
            else:
                cur = f"{cur} {w_}" if cur else w_
        out.append(cur)
    return "\n".join(out)


# ---------------------------------------------------------------------------
# Expected values
# ---------------------------------------------------------------------------

def ANS(unclear=(), **answers):
    return {"intent": "answers", "answers": answers, "unclear": list(unclear)}


def RSVP(attending, guests=0):
    return {"intent": "rsvp", "answers": {}, "unclear": [], "rsvp": {"attending": attending, "guests": guests}}


def UNCLEAR(*keys):
    return {"intent": "unclear", "answers": {}, "unclear": list(keys)}


def INTENT(name):
    return {"intent": name, "answers": {}, "unclear": []}


def TXT(*contains, no=()):
    return {"contains": list(contains), "not_contains": list(no)}


CASES = []


def add(defn, channel, message, expected, awaiting=None, meta=None):
    CASES.append(dict(definition=defn, channel=channel, message=message, awaiting=awaiting,
                      expected=expected, meta=meta or {}))


def sms(defn, text, expected, awaiting=None):
    add(defn, "sms", text, expected, awaiting, {"kind": "sms"})


TEXT_Q = {d: next((q["text"] for q in v.get("questions", []) if q["type"] == "text"), None) for d, v in DEFS.items()}


def mail(defn, who, expected, *, client="gmail", top="", inline=None, bottom="", quote=True, cs=None, cte=None,
         fmt=None, subject=None, sendt=0, sep=None, flowed=None, entities=False, mobile_sig=True, minutes=None):
    o = dict(CLIENTS[client])
    for k, v in (("cs", cs), ("cte", cte), ("fmt", fmt)):
        if v is not None:
            o[k] = v
    o.update(sendt=sendt, sep=sep, entities=entities, mobile_sig=mobile_sig)
    if flowed is None:
        flowed = client == "thunderbird"
    tok = token(defn, who.addr)
    r = rng("mail", defn, who.addr)
    when = reply_time(defn, who.addr, minutes)
    plain, htm = compose(client, who, defn, tok, top, inline, bottom, quote, o)
    if flowed:
        plain = flow(plain)
    subj = subject if subject is not None else o["prefix"] + subject_of(defn)
    to = reply_addr(tok)
    inv_id = inv_msgid(defn, tok)
    cs_, cte_, fmt_ = o["cs"], o["cte"], o["fmt"]
    # the quoted question text must never end up in a text answer
    if quote and TEXT_Q.get(defn):
        for v in expected.get("answers", {}).values():
            if isinstance(v, dict) and TEXT_Q[defn] not in v["not_contains"]:
                v["not_contains"].append(TEXT_Q[defn])
    if client == "outlook":
        parts = []
        if fmt_ in ("plain", "alt"):
            parts.append(legacy_part(plain, "plain", cs_, cte_))
        if fmt_ in ("html", "alt"):
            parts.append(legacy_part(htm, "html", cs_, cte_))
        if len(parts) == 1:
            msg = parts[0]
        else:
            msg = MIMEMultipart("alternative", boundary=f"_000_{alnum(r, 36, 'ABCDEF0123456789')}_")
            for p in parts:
                msg.attach(p)
        host = f"{r.choice(['AM9PR07MB', 'DB9PR03MB', 'VI1PR08MB'])}{r.randint(1000, 9999)}"
        msg["Received"] = received(r, f"EUR0{r.randint(1, 5)}-VE1-obe.outbound.protection.outlook.com",
                                   f"40.107.{r.randint(1, 250)}.{r.randint(2, 250)}", to, when)
        msg["From"] = formataddr((who.name, who.addr), charset=cs_)
        msg["To"] = to
        msg["Subject"] = hdr(subj, cs_)
        msg["Thread-Topic"] = hdr(subject_of(defn), cs_)
        msg["Thread-Index"] = base64.b64encode(_h("ti", who.addr, defn)[:22]).decode()
        msg["Date"] = format_datetime(when)
        msg["Message-ID"] = f"<{host}{hexs(r, 24).upper()}@{host}.eurprd07.prod.outlook.com>"
        msg["References"] = inv_id
        msg["In-Reply-To"] = inv_id
        msg["Accept-Language"] = "da-DK, en-US"
        msg["Content-Language"] = "da-DK"
        msg["X-MS-Has-Attach"] = ""
        if "MIME-Version" not in msg:
            msg["MIME-Version"] = "1.0"
        reorder(msg)
        add(defn, "email", serialize(msg), expected, meta=dict(client=client, cs=cs_, cte=cte_, fmt=fmt_))
        return
    msg = EmailMessage()
    if fmt_ == "html":
        msg.set_content(htm, subtype="html", charset=cs_, cte=cte_)
    else:
        msg.set_content(plain, charset=cs_, cte=cte_)
        if flowed:
            msg.set_param("format", "flowed")
        if fmt_ == "alt":
            msg.add_alternative(htm, subtype="html", charset=cs_, cte=cte_)
            msg.set_boundary({"gmail": "000000000000" + hexs(r, 16),
                              "apple": f"Apple-Mail={uuid_like(r)}",
                              "iphone": f"Apple-Mail-{uuid_like(r)}",
                              "android": f"_000_{alnum(r, 36, 'ABCDEF0123456789')}_",
                              "samsung": f"--_com.samsung.android.email_{r.randint(10**14, 10**15)}"}
                             .get(client, f"=_{hexs(r, 32)}"))
    strip_part_mime_version(msg)
    del msg["MIME-Version"]
    host, net = {"gmail": (f"mail-ej1-f{r.randint(40, 99)}.google.com", "209.85.218"),
                 "apple": ("mr85p00im-ztdg06021101.me.com", "17.58.23"),
                 "iphone": ("st43p00im-ztfb10063301.me.com", "17.58.63"),
                 "android": ("EUR05-VI1-obe.outbound.protection.outlook.com", "40.107.21"),
                 "samsung": ("mail-out.stofanet.dk", "203.0.113"),
                 "thunderbird": ("smtp.fullrate.dk", "203.0.113"),
                 "webmail": ("smtpout.mail.dk", "193.163.102")}[client]
    dom = who.addr.split("@")[1]
    mid = {"gmail": f"<CA{alnum(r, 8)}+{alnum(r, 30)}@mail.gmail.com>",
           "apple": f"<{uuid_like(r)}@{dom}>", "iphone": f"<{uuid_like(r)}@{dom}>",
           "android": f"<DB9PR03MB{r.randint(1000, 9999)}{hexs(r, 20).upper()}@DB9PR03MB.eurprd03.prod.outlook.com>",
           "samsung": f"<{hexs(r, 8)}-{hexs(r, 4)}-{hexs(r, 4)}@email.android.com>",
           "thunderbird": f"<{uuid_like(r, upper=False)}@{dom}>",
           "webmail": f"<{hexs(r, 32)}@webmail.{dom}>"}[client]
    msg["Return-Path"] = f"<{who.addr}>"
    msg["Received"] = received(r, host, f"{net}.{r.randint(2, 250)}", to, when)
    if client in ("apple", "iphone"):
        msg["From"] = f"{who.name} <{who.addr}>"
        msg["Mime-Version"] = ("1.0 (Mac OS X Mail 16.0 \\(3826.400.131.1.6\\))" if client == "apple" else "1.0 (1.0)")
        msg["Subject"] = subj
        msg["Date"] = format_datetime(when)
        msg["Message-Id"] = mid
        msg["References"] = inv_id
        msg["In-Reply-To"] = inv_id
        msg["To"] = f"{PANEL} <{to}>"
        msg["X-Mailer"] = "Apple Mail (2.3826.400.131.1.6)" if client == "apple" else "iPhone Mail (22D82)"
    else:
        msg["MIME-Version"] = "1.0"
        msg["References"] = inv_id
        msg["In-Reply-To"] = inv_id
        msg["From"] = f"{who.name} <{who.addr}>"
        msg["Date"] = format_datetime(when)
        msg["Message-ID"] = mid
        msg["Subject"] = subj
        msg["To"] = to if client == "gmail" else f"{PANEL} <{to}>"
        if client == "thunderbird":
            msg["User-Agent"] = "Mozilla Thunderbird"
            msg["Content-Language"] = "da"
        elif client == "android":
            msg["X-Mailer"] = "Outlook for Android"
    reorder(msg, last=("content-type", "content-transfer-encoding"))
    add(defn, "email", serialize(msg), expected, meta=dict(client=client, cs=cs_, cte=cte_, fmt=fmt_))


def autoreply(defn, who, body, *, subject_prefix="Automatisk svar: ", headers=(("Auto-Submitted", "auto-replied"),),
              system="exchange", cs="utf-8", cte="quoted-printable", html_body=False):
    tok = token(defn, who.addr)
    r = rng("auto", defn, who.addr)
    when = reply_time(defn, who.addr, r.uniform(0.2, 3))
    to = reply_addr(tok)
    subj = subject_prefix + subject_of(defn)
    text, subtype = body, "plain"
    if html_body:
        subtype = "html"
        text = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=' + cs + '"></head>'
                '<body><div style="font-family:Calibri,Arial,sans-serif;font-size:12pt">'
                + "".join(f"<p>{esc(l)}</p>" if l else "<p>&nbsp;</p>" for l in body.split("\n"))
                + "</div></body></html>")
    if cs == "utf-8":
        msg = EmailMessage()
        msg.set_content(text, subtype=subtype, charset=cs, cte=cte)
        msg["From"] = f"{who.name} <{who.addr}>"
        msg["Subject"] = subj
    else:
        msg = legacy_part(text, subtype, cs, cte)
        msg["From"] = formataddr((who.name, who.addr), charset=cs)
        msg["Subject"] = hdr(subj, cs)
    msg["To"] = to
    msg["Date"] = format_datetime(when)
    dom = who.addr.split("@")[1]
    msg["Message-ID"] = {"gmail": f"<CA{alnum(r, 40)}@mail.gmail.com>", "icloud": f"<{uuid_like(r)}@me.com>"}.get(
        system, f"<{hexs(r, 24)}.autoreply@{dom}>")
    msg["In-Reply-To"] = inv_msgid(defn, tok)
    msg["References"] = inv_msgid(defn, tok)
    for k, v in headers:
        msg[k] = v
    if "MIME-Version" not in msg:
        msg["MIME-Version"] = "1.0"
    relay = {"gmail": "mail-sor-f69.google.com", "icloud": "ms11p00im-qufo17281401.me.com",
             "exchange": f"EUR0{r.randint(1, 5)}-AM7-obe.outbound.protection.outlook.com"}.get(system, f"mail.{dom}")
    msg._headers.insert(0, ("Received", received(r, relay, f"203.0.113.{r.randint(2, 250)}", to, when)))
    msg._headers.insert(0, ("Return-Path", "<>" if dict(headers).get("Auto-Submitted") else f"<{who.addr}>"))
    reorder(msg)
    add(defn, "email", serialize(msg), INTENT("auto_reply"), meta=dict(client="auto:" + system, cs=cs, cte=cte))


def invitation_message(defn, who, tok):
    lines, _ = invitation(defn, who.first, tok)
    m = EmailMessage()
    m["Return-Path"] = f"<{bounce_addr(tok)}>"
    m["From"] = f"{PANEL} <{reply_addr(tok)}>"
    m["To"] = f"{who.name} <{who.addr}>"
    m["Subject"] = subject_of(defn)
    m["Date"] = format_datetime(INV[defn]["sent"])
    m["Message-ID"] = inv_msgid(defn, tok)
    m["List-Unsubscribe"] = f"<{BASE_URL}/udmeld/{tok}>"
    m.set_content("\n".join(lines) + "\n", charset="utf-8", cte="quoted-printable")
    strip_part_mime_version(m)
    return message_from_bytes(m.as_bytes(policy=policy.SMTP), policy=policy.compat32)


def bounce(defn, who, style):
    tok = token(defn, who.addr)
    r = rng("bounce", defn, who.addr)
    sent = INV[defn]["sent"]
    when = (sent + timedelta(minutes=r.uniform(0.1, 3))).replace(microsecond=0)
    orig = invitation_message(defn, who, tok)
    rcpt, rdom = who.addr, who.addr.split("@")[1]
    qid = alnum(r, 11, "0123456789BCDFGHJKLMNPQRSTVWXYZ")

    def dsn(per_msg, per_rcpt):
        part = MIMEBase("message", "delivery-status")
        blocks = []
        for fields in (per_msg, per_rcpt):
            b = Message()
            for k, v in fields:
                b[k] = v
            blocks.append(b)
        part.set_payload(blocks)
        del part["MIME-Version"]
        return part

    def text(t, cs="us-ascii", desc=None):
        p = MIMEText(t, "plain", cs)
        del p["MIME-Version"]
        if desc:
            p["Content-Description"] = desc
        return p

    def rfc822(m, desc=None):
        p = MIMEMessage(m)
        del p["MIME-Version"]
        if desc:
            p["Content-Description"] = desc
        return p

    if style in ("postfix-unknown", "postfix-nxdomain"):
        if style == "postfix-unknown":
            said = (f"host mx1.{rdom}[203.0.113.{r.randint(2, 250)}] said: 550 5.1.1 <{rcpt}>: "
                    "Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command)")
            status, diag = "5.1.1", f"smtp; 550 5.1.1 <{rcpt}>: Recipient address rejected: User unknown"
        else:
            said = f"Host or domain name not found. Name service error for name={rdom} type=MX: Host not found"
            status, diag = "5.4.4", f"X-Postfix; Host or domain name not found. Name service error for name={rdom}"
        intro = (f"This is the mail system at host mail.{DOMAIN}.\n\n"
                 "I'm sorry to have to inform you that your message could not\n"
                 "be delivered to one or more recipients. It's attached below.\n\n"
                 "For further assistance, please send mail to postmaster.\n\n"
                 "                   The mail system\n\n")
        rep = MIMEMultipart("report", report_type="delivery-status", boundary=f"{qid}.{int(when.timestamp())}/mail.{DOMAIN}")
        rep.preamble = "This is a MIME-encapsulated message."
        rep.attach(text(intro + f"<{rcpt}>: {said}\n", desc="Notification"))
        d = dsn([("Reporting-MTA", f"dns; mail.{DOMAIN}"), ("X-Postfix-Queue-ID", qid),
                 ("X-Postfix-Sender", f"rfc822; {bounce_addr(tok)}"), ("Arrival-Date", format_datetime(sent))],
                [("Final-Recipient", f"rfc822; {rcpt}"), ("Original-Recipient", f"rfc822;{rcpt}"),
                 ("Action", "failed"), ("Status", status), ("Diagnostic-Code", diag)])
        d["Content-Description"] = "Delivery report"
        rep.attach(d)
        rep.attach(rfc822(orig, "Undelivered Message"))
        rep["Return-Path"] = "<>"
        rep["Received"] = f"by mail.{DOMAIN} (Postfix) id {qid}; {format_datetime(when)}"
        rep["Date"] = format_datetime(when)
        rep["From"] = f"MAILER-DAEMON@mail.{DOMAIN} (Mail Delivery System)"
        rep["Subject"] = "Undelivered Mail Returned to Sender"
        rep["To"] = bounce_addr(tok)
        rep["Auto-Submitted"] = "auto-replied"
        rep["Message-Id"] = f"<{when:%Y%m%d%H%M%S}.{qid}@mail.{DOMAIN}>"
    elif style == "exchange-quota":
        host = f"DB8PR04MB{r.randint(1000, 9999)}"
        plain = (f"Levering til disse modtagere eller grupper mislykkedes:\n\n{who.name} ({rcpt})\n"
                 "Meddelelsen kunne ikke leveres, fordi modtagerens postkasse er fuld.\n\n\n"
                 "Diagnosticeringsoplysninger til administratorer:\n\n"
                 f"Genererer server: {host}.eurprd04.prod.outlook.com\n\n{rcpt}\n"
                 "Remote Server returned '554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException'\n")
        alt = MIMEMultipart("alternative", boundary=f"_002_{alnum(r, 30, 'ABCDEF0123456789')}_")
        alt.attach(legacy_part(plain, "plain", "utf-8", "base64"))
        alt.attach(legacy_part("<html><body><p><b>Levering til disse modtagere eller grupper mislykkedes:</b></p>"
                               f"<p>{esc(who.name)} ({rcpt})<br>Meddelelsen kunne ikke leveres, fordi modtagerens "
                               "postkasse er fuld.</p></body></html>\n", "html", "utf-8", "quoted-printable"))
        del alt["MIME-Version"]
        rep = MIMEMultipart("report", report_type="delivery-status", boundary=f"_000_{alnum(r, 30, 'ABCDEF0123456789')}_")
        rep.attach(alt)
        rep.attach(dsn([("Reporting-MTA", f"dns;{host}.eurprd04.prod.outlook.com"), ("Arrival-Date", format_datetime(sent))],
                       [("Original-Recipient", f"rfc822;{rcpt}"), ("Final-Recipient", f"rfc822;{rcpt}"),
                        ("Action", "failed"), ("Status", "5.2.2"),
                        ("Diagnostic-Code", "smtp;554 5.2.2 mailbox full")]))
        rep.attach(rfc822(orig))
        rep["From"] = f"postmaster@{rdom}"
        rep["To"] = bounce_addr(tok)
        rep["Subject"] = Header("Kan ikke leveres: " + subject_of(defn), "utf-8")
        rep["Date"] = format_datetime(when)
        rep["Message-ID"] = f"<{uuid_like(r)}@{host}.eurprd04.prod.outlook.com>"
        rep["Auto-Submitted"] = "auto-replied"
        rep["Content-Language"] = "da-DK"
        rep._headers.insert(0, ("Return-Path", "<>"))
    elif style == "gmail-dsn":
        body = ("** Adressen blev ikke fundet **\n\n"
                f"Din meddelelse blev ikke leveret til {rcpt}, fordi adressen ikke blev fundet eller\n"
                "ikke kan modtage mails.\n\n"
                f"Svaret fra fjernserveren var:\n550 5.1.1 The email account that you tried to reach does not exist.\n")
        rep = MIMEMultipart("report", report_type="delivery-status", boundary="000000000000" + hexs(r, 16))
        rep.attach(text(body, "utf-8"))
        rep.attach(dsn([("Reporting-MTA", "dns; googlemail.com"), ("Arrival-Date", format_datetime(sent))],
                       [("Final-Recipient", f"rfc822; {rcpt}"), ("Action", "failed"), ("Status", "5.1.1"),
                        ("Diagnostic-Code", "smtp; 550-5.1.1 The email account that you tried to reach does not exist.")]))
        rep.attach(rfc822(orig))
        rep["Return-Path"] = "<>"
        rep["From"] = "Mail Delivery Subsystem <mailer-daemon@googlemail.com>"
        rep["To"] = bounce_addr(tok)
        rep["Subject"] = "Delivery Status Notification (Failure)"
        rep["Date"] = format_datetime(when)
        rep["Message-ID"] = f"<{alnum(r, 20)}@mx.google.com>"
        rep["Auto-Submitted"] = "auto-replied"
    else:  # qmail: plain text, no multipart/report
        rep = EmailMessage()
        rep.set_content("Hi. This is the qmail-send program at mail.kabelnet.dk.\n"
                        "I'm afraid I wasn't able to deliver your message to the following addresses.\n"
                        "This is a permanent error; I've given up. Sorry it didn't work out.\n\n"
                        f"<{rcpt}>:\nSorry, no mailbox here by that name. (#5.1.1)\n\n"
                        "--- Below this line is a copy of the message.\n\n"
                        + orig.as_string().replace("\r\n", "\n"), charset="us-ascii", cte="7bit")
        rep["Return-Path"] = "<>"
        rep["From"] = "MAILER-DAEMON@mail.kabelnet.dk"
        rep["To"] = bounce_addr(tok)
        rep["Subject"] = "failure notice"
        rep["Date"] = format_datetime(when)
        rep["Message-ID"] = f"<{int(when.timestamp())}.{r.randint(1000, 99999)}@mail.kabelnet.dk>"
    rep._headers.insert(1, ("Received", received(r, "mail.kabelnet.dk" if style == "qmail" else f"mx.{rdom}",
                                                  f"203.0.113.{r.randint(2, 250)}", bounce_addr(tok), when)))
    if "MIME-Version" not in rep:
        rep["MIME-Version"] = "1.0"
    add(defn, "email", serialize(rep), INTENT("bounce"), meta=dict(client="bounce:" + style))


# ---------------------------------------------------------------------------
# The cases
# ---------------------------------------------------------------------------
P = {
    "birgitte": W("Birgitte Holm", "birgitte.holm@gmail.com"),
    "jensole": W("Jens Ole Kristensen", "jok@vestjysk-traelast.dk"),
    "lars": W("Lars Mikkelsen", "lars.mikkelsen@me.com"),
    "soren": W("Søren Vestergaard", "soren.v@fullrate.dk"),
    "inger": W("Inger Bak", "ingerbak@icloud.com"),
    "kamilla": W("Kamilla Friis", "kamilla.friis@outlook.dk"),
    "torben": W("Torben Aagaard", "torben.aagaard@gmail.com"),
    "rasmus": W("Rasmus Lykke", "rlykke@hotmail.com"),
    "gitte": W("Gitte Mørch", "gitte.morch@mail.dk"),
    "knud": W("Knud Erik Damgaard", "knud.erik.damgaard@gmail.com"),
    "annegrethe": W("Anne-Grethe Paulsen", "agp@paulsen.dk"),
    "nikolaj": W("Nikolaj Brandt", "nikolaj.brandt@gmail.com"),
    "helle": W("Helle Thygesen", "helle.thygesen@norrevig-tandlaeger.dk"),
    "mads": W("Mads Korsgaard", "madskorsgaard@gmail.com"),
    "pia": W("Pia Overgaard", "pia.overgaard@outlook.com"),
    "ulla": W("Ulla Kjær", "ulla.kjaer@icloud.com"),
    "frank": W("Frank Dalsgaard", "frank.d@stofanet.dk"),
    "yasmin": W("Yasmin Ahmadi", "yasmin.ahmadi@gmail.com"),
    "jesper": W("Jesper Nygaard", "jesper@nygaard-vvs.dk"),
    "malene": W("Malene Sørensen", "malene.s@gmail.com"),
    "christian": W("Christian Lauridsen", "christian.lauridsen@norrevig.dk"),
    "rikke": W("Rikke Bruun", "rikke.bruun@me.com"),
    "michael": W("Michael Juhl", "mjuhl@icloud.com"),
    "bo": W("Bo Hedegaard", "bo.hedegaard@fullrate.dk"),
    "lise": W("Lise Munk", "lise.munk@hotmail.dk"),
    "jorgen": W("Jørgen Skov", "jorgenskov1951@gmail.com"),
    "bodil": W("Bodil Winther", "bodil.winther@mail.tele.dk"),
    "anja": W("Anja Thomsen", "anja.thomsen@outlook.dk"),
    "sanne": W("Sanne Iversen", "sanne.iversen@gmail.com"),
    "henning": W("Henning Krogh", "henning.krogh@outlook.com"),
    "camilla": W("Camilla Bech", "camilla.bech@norrevig-gym.dk"),
    "ahmed": W("Ahmed Yilmaz", "ahmed.yilmaz@gmail.com"),
    "kirsten": W("Kirsten Lund", "kirsten.lund@gmail.com"),
    "erik": W("Erik Nørgaard", "erik.norgaard@kommunekemi.dk"),
    "vibeke": W("Vibeke Stampe", "vibekestampe@icloud.com"),
    "preben": W("Preben Dahl", "preben.dahl@me.com"),
    "hanne": W("Hanne Kirk", "hanne.kirk@fullrate.dk"),
    "karina": W("Karina Vinther", "karina.vinther@mail.dk"),
    "thomas": W("Thomas Brix", "thomas.brix@outlook.dk"),
    "morten": W("Morten Hald", "morten.hald@gmail.com"),
    "susanne": W("Susanne Fog", "susanne.fog@hotmail.com"),
    "ole": W("Ole Rytter", "ole.rytter@gmail.com"),
    "lene": W("Lene Brøndum", "lene.brondum@gmail.com"),
    "troels": W("Troels Kjeldsen", "troels@kjeldsen-arkitekter.dk"),
    "henrik": W("Henrik Borup", "henrik.borup@gmail.com"),
    "lone": W("Lone Bach", "lone.bach@regionnord.dk"),
    "asger": W("Asger Villadsen", "asger.villadsen@icloud.com"),
    "ib": W("Ib Gregersen", "ib.gregersen@me.com"),
    "cecilie": W("Cecilie Krag", "cecilie.krag@outlook.com"),
    "peter": W("Peter Holm", "peter.holm@fullrate.dk"),
    "tine": W("Tine Stougaard", "tine.stougaard@gmail.com"),
    "dorte": W("Dorte Lindberg", "dorte.lindberg@stofanet.dk"),
    "tove": W("Tove Lund", "tove.lund@outlook.dk"),
    "martin": W("Martin Kähler", "martin.kahler@gmail.com"),
    "nanna": W("Nanna Østergaard", "nanna.ostergaard@icloud.com"),
    "gunnar": W("Gunnar Bisgaard", "gunnar.bisgaard@mail.dk"),
    "karen": W("Karen Bundgaard", "karen.bundgaard@me.com"),
    "louise": W("Louise Frandsen", "louise.frandsen@gmail.com"),
    "steen": W("Steen Buus", "steen.buus@norrevig-el.dk"),
    "mette": W("Mette Graversen", "mette.graversen@gmail.com"),
    "allan": W("Allan Riis", "allan.riis@outlook.dk"),
    "bent": W("Bent Ravn", "bent.ravn@fullrate.dk"),
    "julie": W("Julie Kofoed", "julie.kofoed@gmail.com"),
    "jytte": W("Jytte Holst", "jytte.holst@mail.dk"),
    "per": W("Per Isaksen", "per.isaksen@outlook.com"),
    "anders": W("Anders Møller", "anders.moller@me.com"),
    "sofie": W("Sofie Toft", "sofie.toft@gmail.com"),
    "kim": W("Kim Lassen", "kim.lassen@lassen-transport.dk"),
    "bjarne": W("Bjarne Hjort", "bjarne.hjort@gmail.com"),
    "ellen": W("Ellen Svane", "ellen.svane@icloud.com"),
    "jan": W("Jan Vestergaard", "jan.vestergaard@nrvskole.dk"),
    "grete": W("Grete Kjærsgaard", "grete.kjaersgaard@outlook.dk"),
    "hans": W("Hans Christian Mols", "hcmols@gmail.com"),
    "maja": W("Maja Eriksen", "maja.eriksen@gmail.com"),
    "niels": W("Niels Tang", "niels.tang@kabelnet.dk"),
    "dennis": W("Dennis Stage", "dennis.stage@hotmail.com"),
    "charlotte": W("Charlotte Hviid", "charlotte.hviid@norrevig.dk"),
    "signe": W("Signe Kragh", "signe.kragh@gmail.com"),
    "flemming": W("Flemming Boye", "flemming.boye@fullrate.dk"),
    "birthe": W("Birthe Nedergaard", "birthe.nedergaard@mail.dk"),
}

SIG_OUTLOOK_JOK = "Med venlig hilsen\n\nJens Ole Kristensen\nLagerchef | Vestjysk Trælast A/S\nTlf. 97 12 34 56"


def build():
    # ===================================================================
    # Kultur og fritid: email
    # ===================================================================
    mail("kultur", P["birgitte"], ANS(tilfreds=7, forening="yes", bruger="musik", satse=["kulturhus", "unge"],
                                      gange=4, ide=TXT("flere koncerter i parken om sommeren", no=["Birgitte"])),
         client="gmail", top="1: 7\n2: ja\n3: A\n4: A, C\n5: 4\n6: Flere koncerter i parken om sommeren\n\nHilsen\nBirgitte")
    mail("kultur", P["jensole"], ANS(tilfreds=8, forening="no", bruger="teater", satse=["festivaler"], gange=2,
                                     ide=TXT("et ordentligt spillested til rytmisk musik", no=["Lagerchef", "97 12 34 56"])),
         client="outlook", top="1) 8\n2) Nej\n3) Teater\n4) Byfester og festivaler\n5) 2 gange\n"
                               "6) Et ordentligt spillested til rytmisk musik\n\n" + SIG_OUTLOOK_JOK)
    mail("kultur", P["lars"], ANS(tilfreds=6, forening="yes", bruger="museer", satse=["festivaler", "foreninger"],
                                  gange=10, ide=TXT("skaterbane ved kulturhuset", no=["Mvh Lars"])),
         client="apple", top="Svar nedenfor",
         inline={1: "6", 2: "Ja, i skakklubben", 3: "C", 4: "B og D", 5: "ca. 10",
                 6: "En skaterbane ved kulturhuset, der er intet for de store børn"},
         bottom="Mvh Lars")
    mail("kultur", P["soren"], ANS(tilfreds=9, forening="no", bruger="aftenskole", satse=["unge", "foreninger"],
                                   gange=12, ide=TXT("makerspace paa biblioteket", no=["Søren"])),
         client="thunderbird",
         top="Hej\n\nHer er mine svar:\n1 - 9\n2 - nej\n3 - aftenskole\n4 - tilbud til unge og stoette til foreningerne\n"
             "5 - 12\n6 - Maaske et makerspace paa biblioteket hvor man kan laane vaerktoej og 3D-printer\n\n"
             "Vh Søren\n\n-- \nSøren Vestergaard\nMølledammen 7, 9990 Nørrevig")
    mail("kultur", P["inger"], ANS(tilfreds=5, forening="yes", bruger="museer", satse=["kulturhus"], gange=3,
                                   ide=TXT("flere foredrag om eftermiddagen", no=["Sendt fra min iPhone"])),
         client="iphone",
         top="Ja hej det er Inger jeg vil sige at jeg giver en 5 til det første og ja jeg er med i en forening altså "
             "syforeningen og jeg går mest på museer og så synes jeg I skal satse på et nyt kulturhus og jeg har været "
             "afsted 3 gange i det halve år og min idé er at der skal være flere foredrag om eftermiddagen for os ældre "
             "der ikke kører i mørke")
    mail("kultur", P["kamilla"], ANS(unclear=["tilfreds"], forening="yes", bruger="teater", satse=["unge"], gange=5),
         client="outlook", top="1: 6-7\n2: ja\n3: B\n4: C\n5: 5\n\nVenlig hilsen\nKamilla Friis")
    mail("kultur", P["torben"], ANS(tilfreds=8, forening="no", bruger="ingen", satse=["kulturhus"], gange=0),
         client="gmail",
         top="1: 4\n2: nej\n3: E\n4: A\n5: 0\n\nRettelse: 1 skulle have været 8, jeg tastede forkert\n\n/Torben")
    mail("kultur", P["rasmus"], ANS(unclear=["bruger"], tilfreds=10, forening="yes",
                                    satse=["kulturhus", "festivaler", "unge", "foreninger"], gange=20),
         client="android", top="1. 10\n2. Ja\n3. A og B\n4. alle sammen\n5. 20")
    mail("kultur", P["gitte"], ANS(tilfreds=3, forening="no", bruger="aftenskole", satse=["unge"], gange=1,
                                   ide=TXT("et ungdomshus med åbent om aftenen", no=["Gitte"])),
         client="webmail", entities=True,
         top="1: 3 (alt for lidt for de unge)\n2: nej\n3: D\n4: C\n5: 1\n6: Et ungdomshus med åbent om aftenen, "
             "så de unge ikke hænger ud ved tanken\n\nHilsen Gitte")
    mail("kultur", P["knud"], INTENT("other"), client="gmail",
         top="Hej\n\nJeg er lidt i tvivl om, hvad I mener med kulturarrangement i spørgsmål 5. Tæller en tur i "
             "biografen med? Og hvad med loppemarkeder?\n\nMvh Knud Erik")
    mail("kultur", P["annegrethe"], INTENT("unsubscribe"), client="outlook", cs="utf-8",
         top="Jeg vil gerne meldes ud af borgerpanelet. Jeg er flyttet til Aarhus og bor ikke længere i kommunen.\n\n"
             "Venlig hilsen\nAnne-Grethe Paulsen")
    mail("kultur", P["nikolaj"], ANS(tilfreds=2, forening="yes", bruger="musik", satse=["festivaler"], gange=3,
                                     ide=TXT("lukke biografen", no=["Nikolaj"])),
         client="gmail",
         top="1: 2\n2: ja\n3: A\n4: B\n5: 3\n6: Stop med at lukke biografen i Nørrevig, det er byens eneste sted for "
             "de unge om aftenen!\n\nNikolaj")
    mail("kultur", P["helle"], ANS(tilfreds=9, forening="yes"), client="outlook",
         top="Jeg har kun tid til at svare på de første to: 1) 9 2) ja\n\nMed venlig hilsen\nHelle Thygesen\n"
             "Tandlæge\nNørrevig Tandlæger")
    mail("kultur", P["mads"], ANS(unclear=["gange"], tilfreds=8, forening="yes", bruger="musik", satse=["festivaler"]),
         client="apple", inline={1: "8 👍", 2: "Jep", 3: "Koncerter", 4: "festivaler", 5: "6-7 stykker"},
         bottom="Mads")
    mail("kultur", P["pia"], ANS(tilfreds=5, forening="yes", bruger="museer", satse=["kulturhus"], gange=2),
         client="gmail",
         top="1: 5\n2: nej - nej vent, jeg er jo med i kirkekoret, så ja\n3: C\n4: A\n5: 2\n\nPia")
    mail("kultur", P["ulla"], ANS(tilfreds=7, forening="no", bruger="museer", satse=["kulturhus"], gange=3),
         client="outlook", cs="windows-1252",
         top="1: 7\n2: nej\n3: C\n4: A\n5: 3\n6: -\n\nHvornår kommer resultaterne af undersøgelsen?\n\nMvh Ulla Kjær")
    mail("kultur", P["frank"], ANS(tilfreds=6, forening="no"), client="samsung",
         top="Det er sgu svært at svare på. Jeg synes det er ok, en 6'er. Jeg er ikke med i nogen forening.")
    mail("kultur", P["yasmin"], ANS(tilfreds=9, forening="no", bruger="musik", satse=["festivaler"], gange=8,
                                    ide=TXT("jazzkoncerter på torvet", no=["Yasmin"])),
         client="gmail", inline={1: "9", 2: "nej", 3: "A", 4: "B", 5: "8", 6: "Jazzkoncerter på torvet om fredagen"},
         bottom="Kh Yasmin")
    mail("kultur", P["jesper"], ANS(tilfreds=8, forening="yes", bruger="teater", satse=["kulturhus", "festivaler"], gange=4),
         client="samsung", top="1 8\n2 ja\n3 b\n4 a b\n5 4")

    # ===================================================================
    # Kultur og fritid: SMS (one question at a time)
    # ===================================================================
    sms("kultur", "otte", ANS(tilfreds=8), "tilfreds")
    sms("kultur", "0", ANS(tilfreds=0), "tilfreds")
    sms("kultur", "11", UNCLEAR("tilfreds"), "tilfreds")
    sms("kultur", "en 7'er vil jeg sige", ANS(tilfreds=7), "tilfreds")
    sms("kultur", "ti ud af ti 😍", ANS(tilfreds=10), "tilfreds")
    sms("kultur", "Jeg giver 6, men det ku være bedre hvis bussen ikke stoppede kl 22", ANS(tilfreds=6), "tilfreds")
    sms("kultur", "Nix", ANS(forening="no"), "forening")
    sms("kultur", "jo da, badminton og vinterbadning", ANS(forening="yes"), "forening")
    sms("kultur", "måske", UNCLEAR("forening"), "forening")
    sms("kultur", "det er æ ik", ANS(forening="no"), "forening")
    sms("kultur", "d", ANS(bruger="aftenskole"), "bruger")
    sms("kultur", "ingen af delene, jeg sidder mest hjemme", ANS(bruger="ingen"), "bruger")
    sms("kultur", "teater og koncerter", UNCLEAR("bruger"), "bruger")
    sms("kultur", "3: C", ANS(bruger="museer"), "bruger")
    sms("kultur", "A+C", ANS(satse=["kulturhus", "unge"]), "satse")
    sms("kultur", "festivaler og noget for de unge", ANS(satse=["festivaler", "unge"]), "satse")
    sms("kultur", "tre-fire gange", UNCLEAR("gange"), "gange")
    sms("kultur", "75", UNCLEAR("gange"), "gange")
    sms("kultur", "Gratis koncerter i byparken om sommeren!! /Mona",
        ANS(ide=TXT("gratis koncerter i byparken om sommeren", no=["Mona"])), "ide")
    sms("kultur", "æ syns i sku lave en rigtig biograf igen", ANS(ide=TXT("lave en rigtig biograf igen")), "ide")
    sms("kultur", "Stop med at bruge penge på rundkørsler og brug dem på kultur i stedet",
        ANS(ide=TXT("brug dem på kultur")), "ide")
    sms("kultur", "STOP", INTENT("unsubscribe"), "ide")
    sms("kultur", "Hvad tæller som et kulturarrangement?", INTENT("other"), "gange")
    sms("kultur", "ok 👍", INTENT("unclear"), "tilfreds")
    sms("kultur", "1:8 2:ja 3:A 4:A,C 5:3 6:mere musik i byen",
        ANS(tilfreds=8, forening="yes", bruger="musik", satse=["kulturhus", "unge"], gange=3,
            ide=TXT("mere musik i byen")))
    sms("kultur", "Jeg vil ikke være med mere i det her panel", INTENT("unsubscribe"), "forening")

    # ===================================================================
    # Børn og skole: email
    # ===================================================================
    mail("skole", P["malene"], ANS(trivsel=5, lektier=2, sfo="yes", skolevej="cykler", antal=2,
                                   bedre=TXT("mere frisk luft og bevægelse i timerne", no=["Malene Sørensen"])),
         client="gmail", top="1: Helt enig\n2: Uenig\n3: Ja\n4: B\n5: 2\n6: Mere frisk luft og bevægelse i timerne\n\n"
                             "Mvh\nMalene Sørensen")
    mail("skole", P["christian"], ANS(trivsel=4, lektier=3, sfo="no", skolevej="cykler", antal=1,
                                      bedre=TXT("bedre kommunikation på aula", no=["Lauridsen", "Teamleder"])),
         client="outlook", top="1. Delvist enig\n2. Hverken enig eller uenig\n3. Nej\n4. Cykler\n5. 1\n"
                               "6. Bedre kommunikation på Aula - man drukner i beskeder\n\nMed venlig hilsen\n"
                               "Christian Lauridsen\nTeamleder, Nørrevig Kommune")
    mail("skole", P["rikke"], ANS(trivsel=4, lektier=1, sfo="no", skolevej="bus", antal=3,
                                  bedre=TXT("færre lektier og flere lærere i indskolingen", no=["Rikke"])),
         client="apple",
         inline={1: "4", 2: "Meget uenig – alt for mange!", 3: "nej, han er for stor nu", 4: "Han tager bussen",
                 5: "3", 6: "Færre lektier og flere lærere i indskolingen"},
         bottom="Hilsen Rikke")
    mail("skole", P["michael"], ANS(trivsel=5, lektier=4, sfo="yes", skolevej="cykler", antal=2),
         client="iphone",
         top="Hej jamen min datter trives rigtig godt så helt enig i det første og lektierne er fint nok så enig og "
             "hun går i SFO og hun cykler hver dag og vi har to børn i skolealderen")
    mail("skole", P["bo"], ANS(trivsel=2, lektier=5, sfo="no", skolevej="gaar", antal=1,
                               bedre=TXT("tage mobning mere alvorligt", no=["Bo H"])),
         client="thunderbird",
         top="1: 2\n2: 5\n3: nej\n4: gaar\n5: 1\n6: Skolen boer tage mobning mere alvorligt og reagere hurtigere\n\n"
             "Bo H")
    mail("skole", P["lise"], ANS(unclear=["trivsel"], lektier=3, sfo="yes", skolevej="bil", antal=2),
         client="android", top="1: 4 eller 5, svært at sige\n2: 3\n3: ja\n4: D\n5: 2")
    mail("skole", P["jorgen"], ANS(trivsel=5, lektier=2, sfo="no", skolevej="bil", antal=1,
                                   bedre=TXT("flere voksne i frikvarteret", no=["JØRGEN"])),
         client="gmail", top="1: HELT ENIG\n2: UENIG\n3: NEJ\n4: BIL\n5: 1\n6: FLERE VOKSNE I FRIKVARTERET\n\nMVH JØRGEN")
    mail("skole", P["bodil"], INTENT("other"), client="webmail",
         top="Hej\n\nLinket i mailen virker ikke på min telefon. Kan I sende spørgsmålene som sms i stedet?\n\n"
             "Hilsen Bodil")
    mail("skole", P["anja"], ANS(trivsel=4, lektier=2, sfo="yes", skolevej="bus", antal=6),
         client="webmail", top="1 - enig\n2 - uenig\n3 - ja\n4 - C\n5 - 6 (vi er en sammenbragt familie)")
    mail("skole", P["sanne"], ANS(trivsel=5, lektier=4, sfo="yes", skolevej="gaar", antal=1),
         client="gmail", top="1: 5\n2: 4\n3: ja\n4: A\n5: 1\n\nEr borgersamlingen om skolerne også åben for "
                             "bedsteforældre?\n\nSanne")
    mail("skole", P["henning"], ANS(unclear=["trivsel", "antal"], lektier=4, sfo="no", skolevej="cykler"),
         client="outlook", top="1: 6\n2: 4\n3: nej\n4: B\n5: 12\n\nHenning Krogh")
    mail("skole", P["camilla"], INTENT("unsubscribe"), client="iphone", top="Afmeld", subject="Afmeld")
    mail("skole", P["ahmed"], ANS(trivsel=3, lektier=2, sfo="yes", skolevej="gaar", antal=1,
                                  bedre=TXT("nemmere at afmelde sfo en enkelt dag", no=["Ahmed"])),
         client="gmail", top="1: 3\n2: 2\n3: ja\n4: A\n5: 1\n6: Det skal være nemmere at afmelde SFO en enkelt dag "
                             "når man henter tidligt\n\nAhmed")
    mail("skole", P["rikke"].__class__("Rikke Dahl", "rikke.dahl@gmail.com"),
         ANS(unclear=["trivsel"], lektier=3, sfo="yes", skolevej="cykler", antal=2),
         client="gmail",
         top="Hej. Vi har 2 børn i skolen og det er svært at svare for dem begge. Den ældste trives (helt enig), "
             "den yngste har det svært (uenig). Lektier: hverken enig eller uenig. De går begge i klub. De cykler.\n\n"
             "Mvh Rikke")
    mail("skole", P["vibeke"], ANS(trivsel=4, lektier=3, sfo="yes", skolevej="bil", antal=1),
         client="apple", top="1: 4\n2: 3\n3: nej, eller jo, hun går i klub to dage om ugen\n4: D\n5: 1\n\nVibeke")
    mail("skole", P["preben"], INTENT("unclear"), client="gmail", top="Hilsen Preben")
    mail("skole", P["hanne"], ANS(trivsel=4, lektier=2, sfo="no"), client="outlook",
         inline={1: "Svar: 4", 2: "Svar: 2", 3: "Svar: Nej"}, top="Se mine svar i teksten.\n\nHanne Kirk")
    mail("skole", P["karina"], INTENT("unsubscribe"), client="outlook", top="STOP\n\nKarina Vinther")

    # ===================================================================
    # Børn og skole: SMS
    # ===================================================================
    sms("skole", "hverken eller", ANS(trivsel=3), "trivsel")
    sms("skole", "delvist uenig", ANS(trivsel=2), "trivsel")
    sms("skole", "5 - han elsker det", ANS(trivsel=5), "trivsel")
    sms("skole", "4 nej vent 3", ANS(trivsel=3), "trivsel")
    sms("skole", "10", UNCLEAR("trivsel"), "trivsel")
    sms("skole", "afmeld", INTENT("unsubscribe"), "trivsel")
    sms("skole", "Autosvar: Jeg har fri til og med 1. marts. Ved akut henvendelse ring 70 11 22 33.",
        INTENT("auto_reply"), "trivsel")
    sms("skole", "Enig", ANS(lektier=4), "lektier")
    sms("skole", "helt uenig, alt for mange lektier i 3. klasse", ANS(lektier=1), "lektier")
    sms("skole", "nåe det ved jeg sgu ikke", UNCLEAR("lektier"), "lektier")
    sms("skole", "Hvem kan jeg ringe til om min søns skolebus?", INTENT("other"), "lektier")
    sms("skole", "hun går i klub 3 dage om ugen", ANS(sfo="yes"), "sfo")
    sms("skole", "gaar", ANS(skolevej="gaar"), "skolevej")
    sms("skole", "vi kører ham", ANS(skolevej="bil"), "skolevej")
    sms("skole", "bussen", ANS(skolevej="bus"), "skolevej")
    sms("skole", "på cykel når det er godt vejr, ellers kører vi hende", UNCLEAR("skolevej"), "skolevej")
    sms("skole", "ingen længere, de er flyttet hjemmefra", ANS(antal=0), "antal")
    sms("skole", "Mindre skærm og mere leg i frikvartererne. Mvh Louise, mor til 2",
        ANS(bedre=TXT("mindre skærm og mere leg i frikvartererne", no=["Louise"])), "bedre")
    sms("skole", "stop mobning!!!", ANS(bedre=TXT("stop mobning")), "bedre")
    sms("skole", "Fjern mig fra listen tak", INTENT("unsubscribe"), "antal")

    # ===================================================================
    # Natur og grønne områder: email
    # ===================================================================
    mail("natur", P["kirsten"], ANS(parker=4, hund="yes", hvor_tit="dagligt", mere=["toiletter", "lys"],
                                    yndlingssted=TXT("stranden ved høje klint", no=["Kirsten"])),
         client="gmail", top="1: 4\n2: ja\n3: A\n4: B, E\n5: Stranden ved Høje Klint\n\nVh Kirsten")
    mail("natur", P["erik"], ANS(parker=5, hund="no", hvor_tit="maanedligt", mere=["vild", "stier"],
                                 yndlingssted=TXT("egeskoven", no=["Kommunekemi", "Nørgaard"])),
         client="outlook", top="1. Meget tilfreds\n2. Nej\n3. Et par gange om måneden\n4. Vild natur og flere stier\n"
                               "5. Egeskoven\n\nMed venlig hilsen\nErik Nørgaard\nDriftsleder, Kommunekemi A/S")
    mail("natur", P["ellen"], ANS(parker=4, hund="yes", hvor_tit="dagligt", mere=["baenke", "stier"],
                                  yndlingssted=TXT("mosen bag skolen", no=["Ellen"])),
         client="apple",
         inline={1: "Tilfreds", 2: "Ja, en labrador 🐕", 3: "Hver dag pga hunden", 4: "A og C", 5: "Mosen bag skolen"},
         bottom="Kærlig hilsen\nEllen")
    mail("natur", P["thomas"], ANS(parker=2, hund="no", hvor_tit="sjaeldnere", mere=["toiletter"]),
         client="iphone", top="1: 2\n2: nej\n3: D\n4: Toiletter!!")
    mail("natur", P["morten"], ANS(parker=3, hund="yes", hvor_tit="ugentligt", mere=["baenke", "lys"],
                                   yndlingssted=TXT("fjorden ved sonderby", no=["Morten"])),
         client="thunderbird",
         top="1 = 3\n2 = ja\n3 = et par gange om ugen\n4 = baenke og borde, lys paa stierne\n5 = Fjorden ved Sonderby\n\n"
             "mvh Morten")
    mail("natur", P["susanne"], ANS(parker=1, hund="no", hvor_tit="ugentligt", mere=["vild"],
                                    yndlingssted=TXT("østparken", no=["Susanne"])),
         client="webmail",
         top="Hej\nJeg er meget utilfreds med at I har fældet træerne i Østparken!\n1: 1\n2: nej\n3: B\n4: D\n"
             "5: Østparken, før I ødelagde den\n\nSusanne Fog")
    mail("natur", P["ole"], ANS(unclear=["parker"], hund="yes", hvor_tit="dagligt", mere=["stier"]),
         client="android", top="1: 0\n2: ja\n3: A\n4: C")
    mail("natur", P["lene"], ANS(unclear=["hund"], parker=4, hvor_tit="maanedligt", mere=["baenke"]),
         client="gmail", top="1: 4\n2: måske 😅\n3: C\n4: A\n\nLene")
    mail("natur", P["troels"], INTENT("unsubscribe"), client="outlook",
         top="Slet mig venligst fra jeres liste. Jeg har aldrig bedt om at være med i det her.\n\nTroels Kjeldsen\n"
             "Kjeldsen Arkitekter ApS")
    mail("natur", P["signe"], ANS(parker=2, hund="yes", hvor_tit="dagligt", mere=["stier", "lys"],
                                  yndlingssted=TXT("stien langs åen", no=["Signe"])),
         client="gmail",
         top="1: 2\n2: ja\n3: A\n4: C, E\n5: Stien langs åen - men I skal stoppe med at lade mountainbikerne "
             "køre der\n\nSigne")
    mail("natur", P["flemming"], INTENT("other"), client="apple",
         top="Må man have hunden løs i Egeskoven? Det var ikke helt klart på skiltet ved P-pladsen.\n\nFlemming")
    mail("natur", P["birthe"], ANS(parker=4, hund="no", hvor_tit="ugentligt"), client="apple",
         top="Jeg er overordnet ret tilfreds med parkerne, så en 4'er. Vi har ikke hund. Jeg går en tur i skoven et "
             "par gange om ugen.\n\nBirthe")
    mail("natur", P["steen"], ANS(parker=3, hund="no", hvor_tit="dagligt", mere=["stier"]), client="outlook",
         top="1) 3\n2) nej\n3) B\n4) C\n\nRettelse til 3: det er nærmere hver dag, jeg cykler gennem parken til "
             "arbejde\n\nSteen Buus\nNørrevig El-service")
    mail("natur", P["karen"], ANS(parker=3, hund="yes", hvor_tit="dagligt", mere=["baenke", "toiletter"]),
         client="iphone",
         top="Jamen jeg er sådan middel tilfreds altså 3 og jeg har en hund og vi går tur hver dag og jeg vil gerne "
             "have flere bænke og toiletter")
    mail("natur", P["mette"], ANS(parker=5, hund="yes", hvor_tit="dagligt", mere=["stier", "vild"],
                                  yndlingssted=TXT("skovsøen", no=["Mette G"])),
         client="gmail", top="Spm. 1: 5\nSpm. 2: ja\nSpm. 3: A\nSpm. 4: C og D\nSpm. 5: Skovsøen\n\nMette G")
    mail("natur", P["allan"], ANS(parker=3, hund="no", hvor_tit="maanedligt", mere=["toiletter"]),
         client="samsung", top="1. 3 2. nej 3. c 4. b")
    mail("natur", P["bent"], INTENT("unclear"), client="gmail", top="Ja\n\nBent")

    # ===================================================================
    # Natur og grønne områder: SMS
    # ===================================================================
    sms("natur", "Meget utilfreds", ANS(parker=1), "parker")
    sms("natur", "fire ud af fem", ANS(parker=4), "parker")
    sms("natur", "tilfreds nok, 3-4", UNCLEAR("parker"), "parker")
    sms("natur", "2 nej undskyld 1", ANS(parker=1), "parker")
    sms("natur", "meld mig ud", INTENT("unsubscribe"), "parker")
    sms("natur", "jep, to gravhunde", ANS(hund="yes"), "hund")
    sms("natur", "Ikke længere", ANS(hund="no"), "hund")
    sms("natur", "Hvorfor vil I vide om jeg har hund?", INTENT("other"), "hund")
    sms("natur", "Afmeld", INTENT("unsubscribe"), "hund")
    sms("natur", "sjældent", ANS(hvor_tit="sjaeldnere"), "hvor_tit")
    sms("natur", "en gang om måneden cirka", UNCLEAR("hvor_tit"), "hvor_tit")
    sms("natur", "stier og lys", ANS(mere=["stier", "lys"]), "mere")
    sms("natur", "B,C,E", ANS(mere=["toiletter", "stier", "lys"]), "mere")
    sms("natur", "flere bænke", ANS(mere=["baenke"]), "mere")
    sms("natur", "Klinten ved solnedgang ❤️", ANS(yndlingssted=TXT("klinten ved solnedgang")), "yndlingssted")
    sms("natur", "Der hvor stien stopper ved fjorden", ANS(yndlingssted=TXT("stien stopper ved fjorden")),
        "yndlingssted")

    # ===================================================================
    # Fyraftensmøde (max 1 guest)
    # ===================================================================
    sms("fyraften", "JA +1", RSVP("yes", 1))
    sms("fyraften", "ja, vi kommer 2", RSVP("yes", 1))
    sms("fyraften", "Ja vi er 3", INTENT("unclear"))
    sms("fyraften", "Nej tak, jeg arbejder til kl 17", RSVP("no"))
    sms("fyraften", "måske, afhænger af om jeg kan få fri", RSVP("maybe"))
    sms("fyraften", "Ja 2", INTENT("unclear"))
    sms("fyraften", "kommer m min mand", RSVP("yes", 1))
    sms("fyraften", "æ kommer, ska bare lige hente ungerne først", RSVP("yes"))
    sms("fyraften", "Ja tak! Er der parkering ved bryggeriet?", RSVP("yes"))
    sms("fyraften", "frameld mig", INTENT("unclear"))
    sms("fyraften", "STOP", INTENT("unsubscribe"))
    sms("fyraften", "Vi kommer to + min søn", INTENT("unclear"))
    sms("fyraften", "👍", INTENT("unclear"))
    mail("fyraften", P["henrik"], RSVP("yes", 1), client="gmail",
         top="Hej\n\nJa, jeg kommer gerne. Min kone vil også gerne med, hvis det er ok.\n\nMvh\nHenrik")
    mail("fyraften", P["lone"], RSVP("no"), client="outlook",
         top="Hej\n\nJeg må desværre melde afbud, vi er på vinterferie den uge.\n\nVenlig hilsen\nLone Bach\n"
             "Konsulent\nRegion Nordjylland")
    mail("fyraften", P["asger"], RSVP("yes"), client="iphone", top="Kommer 👍")
    mail("fyraften", P["ib"], RSVP("maybe"), client="apple",
         top="Hej. Jeg kommer måske, det afhænger af min vagtplan. Kan jeg give besked senere?\n\nVh Ib")
    mail("fyraften", P["cecilie"], INTENT("unclear"), client="outlook", cs="utf-8",
         top="Ja tak, vi kommer 3\n\nCecilie Krag")
    mail("fyraften", P["peter"], RSVP("yes", 1), client="thunderbird",
         top="Ja +1\n\n-- \nPeter Holm\nBryggerigade 4, Nørrevig")
    mail("fyraften", P["tine"], INTENT("other"), client="gmail",
         top="Hvad skal der ske på mødet? Og er der noget at spise, når det er lige efter arbejde?\n\nTine")
    mail("fyraften", P["dorte"], INTENT("unclear"), client="samsung", top="Afmeld mig")
    mail("fyraften", P["martin"], RSVP("yes"), client="samsung", top="Ja tak jeg kommer")

    # ===================================================================
    # Borgersamling (no guests)
    # ===================================================================
    sms("borgersamling", "ja", RSVP("yes"))
    sms("borgersamling", "Ja, jeg kommer alene", RSVP("yes"))
    sms("borgersamling", "ja +1", INTENT("unclear"))
    sms("borgersamling", "Vi kommer 2", INTENT("unclear"))
    sms("borgersamling", "nej", RSVP("no"))
    sms("borgersamling", "Nåe nej, den dag ska æ til fødselsdag", RSVP("no"))
    sms("borgersamling", "maaske", RSVP("maybe"))
    sms("borgersamling", "det ved jeg ikke endnu", RSVP("maybe"))
    sms("borgersamling", "JA!! Det handler jo om min søns skole", RSVP("yes"))
    sms("borgersamling", "Kommer med min nabo", INTENT("unclear"))
    sms("borgersamling", "Slet mig", INTENT("unsubscribe"))
    sms("borgersamling", "jeg kommer, men ska gå kl. 20.30", RSVP("yes"))
    sms("borgersamling", "Kan ik komme, men ku I ikke lave det online?", RSVP("no"))
    sms("borgersamling", "Hvem er det?", INTENT("other"))
    mail("borgersamling", P["tove"], RSVP("yes"), client="outlook",
         top="Hej\n\nJeg deltager gerne.\n\nMed venlig hilsen\nTove Lund")
    mail("borgersamling", P["louise"], INTENT("unclear"), client="gmail",
         top="Jeg og min mand kommer begge to, vi har begge børn på skolen.\n\nLouise")
    mail("borgersamling", P["nanna"], RSVP("no"), client="iphone", top="Nej tak")
    mail("borgersamling", P["gunnar"], RSVP("yes"), client="webmail",
         top="Jeg vil gerne deltage, men kan I sende dagsordenen inden? Hilsen Gunnar")
    mail("borgersamling", P["jan"], INTENT("unsubscribe"), client="apple",
         top="Jeg vil ikke have flere invitationer. Meld mig ud af panelet.\n\nJan")
    mail("borgersamling", P["julie"], RSVP("maybe"), client="gmail",
         top="Måske – kommer an på om jeg kan få en babysitter\n\nJulie")
    mail("borgersamling", P["jytte"], INTENT("other"), client="outlook",
         top="Tak for invitationen. Hvor i skolen er aulaen? Der er jo flere indgange.\n\nJytte Holst")
    mail("borgersamling", P["per"], RSVP("no"), client="thunderbird", top="Jeg kommer ikke.\n\nMvh Per")

    # ===================================================================
    # Åbent hus (up to 3 guests)
    # ===================================================================
    sms("aabenthus", "ja vi kommer 4", RSVP("yes", 3))
    sms("aabenthus", "vi er 5", INTENT("unclear"))
    sms("aabenthus", "Ja, mig og børnene", INTENT("unclear"))
    sms("aabenthus", "Ja, mig og mine 2 børn", RSVP("yes", 2))
    sms("aabenthus", "kommer med konen og de 2 unger", RSVP("yes", 3))
    sms("aabenthus", "nej, vi er ude at rejse", RSVP("no"))
    sms("aabenthus", "Ja 3", INTENT("unclear"))
    sms("aabenthus", "Vi kommer hele familien", INTENT("unclear"))
    sms("aabenthus", "jaaa 🌳🌳 kommer med min kæreste", RSVP("yes", 1))
    sms("aabenthus", "Ja tak. Vi er tre voksne", RSVP("yes", 2))
    sms("aabenthus", "Ja! Stopper bussen ved naturcentret?", RSVP("yes"))
    sms("aabenthus", "Jeg kører bil med Fokus slået til. Jeg ser din besked, når jeg er fremme.", INTENT("auto_reply"))
    sms("aabenthus", "Meld mig ud af borgerpanelet, jeg er flyttet", INTENT("unsubscribe"))
    mail("aabenthus", P["sofie"], RSVP("yes", 3), client="gmail",
         top="Hej\n\nVi kommer gerne, vi er 2 voksne og 2 børn.\n\nHilsen\nSofie og Anders")
    mail("aabenthus", P["grete"], RSVP("yes", 2), client="outlook", top="Jeg kommer med mine to børnebørn\n\nGrete")
    mail("aabenthus", P["anders"], RSVP("yes", 3), client="iphone", top="Ja tak, +3")
    mail("aabenthus", P["karen"].__class__("Kaj Bendtsen", "kaj.bendtsen@me.com"), INTENT("unclear"),
         client="apple", top="Vi bliver nok 6 med svigerforældrene\n\nKaj")
    mail("aabenthus", P["bjarne"], RSVP("yes", 2), client="thunderbird",
         top="Ja, vi kommer. Min kone og jeg plus vores barnebarn.\n\nMvh\nBjarne")
    mail("aabenthus", P["maja"], RSVP("no"), client="gmail",
         top="Desværre, vi har konfirmation den dag. God fornøjelse!\n\nMaja")
    mail("aabenthus", P["hans"], RSVP("maybe"), client="webmail", top="Måske, hvis vejret er godt ☀️\n\nHC")
    mail("aabenthus", P["kim"], INTENT("other"), client="outlook",
         top="Hej, hvor kan man parkere? Og er der adgang for kørestol?\n\nKim Lassen\nLassen Transport ApS")
    mail("aabenthus", P["charlotte"], RSVP("yes", 2), client="outlook", cs="utf-8",
         top="Ja tak – vi kommer 3 (mig, min mand og vores datter)\n\nCharlotte")

    # ===================================================================
    # Auto-replies and bounces
    # ===================================================================
    autoreply("kultur", P["dennis"],
              "Tak for din mail.\n\nJeg er på kursus og har ikke adgang til min mail før mandag den 8. februar.\n"
              "Ved hastende sager kontakt venligst kundeservice på 70 10 20 30.\n\nMed venlig hilsen\nDennis Stage")
    autoreply("natur", P["niels"],
              "Jeg er på ferie til og med 14. marts og læser ikke mails. Jeg svarer, når jeg er tilbage.\n\nNiels",
              subject_prefix="", system="gmail",
              headers=(("Auto-Submitted", "auto-replied"), ("Precedence", "bulk")))
    autoreply("skole", P["michael"].__class__("Rie Thorsen", "rie.thorsen@icloud.com"),
              "Hej\n\nJeg er på barsel og læser ikke mails. Skriv til skolekontoret@nrvskole.dk.\n\nRie",
              subject_prefix="Fraværende: ", system="icloud", headers=(("X-Autoreply", "yes"),))
    autoreply("fyraften", P["helle"].__class__("Jannie Ravn", "jannie.ravn@norrevig-revision.dk"),
              "Jeg er fraværende til og med fredag den 12. februar.\nDin mail bliver ikke videresendt.\n\n"
              "Venlig hilsen\nJannie Ravn",
              subject_prefix="Fraværende: ", cs="windows-1252", html_body=True)
    bounce("kultur", W("Anders Kure", "anders.kure@norrevig-bib.dk"), "postfix-unknown")
    bounce("natur", W("Lotte Vang", "lotte.vang@outlook.dk"), "exchange-quota")
    bounce("borgersamling", W("Poul Kamp", "poulkamp44@gmail.com"), "gmail-dsn")
    bounce("aabenthus", W("Tina Ebbesen", "tina@ebbesen-hus.dk"), "postfix-nxdomain")
    bounce("skole", W("Svend Aage Nissen", "sa.nissen@kabelnet.dk"), "qmail")


# ---------------------------------------------------------------------------
# Validation and output
# ---------------------------------------------------------------------------

INTENTS = {"answers", "rsvp", "unsubscribe", "auto_reply", "bounce", "unclear", "other"}


def fold(s):
    return " ".join(str(s).split()).casefold()


def email_own_text(raw):
    msg = message_from_bytes(raw.encode("utf-8"), policy=policy.default)
    chunks = []
    for part in msg.walk():
        if part.get_content_type() in ("text/plain", "text/html"):
            t = part.get_content()
            if part.get_content_type() == "text/html":
                t = html.unescape(t)
            chunks.append(t)
    return "\n".join(chunks)


def validate(c):
    d = DEFS[c["definition"]]
    e = c["expected"]
    assert e["intent"] in INTENTS, c
    qs = {q["key"]: q for q in d.get("questions", [])}
    if c["awaiting"]:
        assert c["channel"] == "sms" and c["awaiting"] in qs, c
    for k, v in e["answers"].items():
        q = qs[k]
        t = q["type"]
        if t in ("scale", "number"):
            assert isinstance(v, int) and q["min"] <= v <= q["max"], (c, k)
        elif t == "yes_no":
            assert v in ("yes", "no"), (c, k)
        elif t == "choice":
            keys = [o["key"] for o in q["options"]]
            if q.get("multiple"):
                assert isinstance(v, list) and v and all(x in keys for x in v), (c, k)
            else:
                assert v in keys, (c, k)
        else:
            assert isinstance(v, dict), (c, k)
            body = fold(c["message"] if c["channel"] == "sms" else email_own_text(c["message"]))
            for p in v["contains"]:
                assert fold(p) in body, ("phrase not in message", c["expected"], p)
    for k in e["unclear"]:
        assert k in qs and k not in e["answers"], c
    if e["intent"] == "answers":
        assert e["answers"], c
    elif e["intent"] != "unclear":
        assert not e["answers"] and not e["unclear"], c
    if d["kind"] == "meeting":
        assert not qs
        if e["intent"] == "rsvp":
            assert 0 <= e["rsvp"]["guests"] <= d["max_guests"], c
        assert e["intent"] != "answers", c
    else:
        assert e["intent"] != "rsvp", c
    if c["channel"] == "email":
        m = message_from_bytes(c["message"].encode("utf-8"), policy=policy.default)
        assert m["From"] and m["Date"] and m["Subject"] is not None and m["Message-ID"] or m["Message-Id"], c


def main():
    build()
    cases = list(CASES)
    random.Random(20270201).shuffle(cases)
    seen = set()
    for i, c in enumerate(cases, 1):
        c["id"] = f"ho2-{i:03d}"
        key = (c["definition"], c["channel"], c["message"], c["awaiting"])
        assert key not in seen, ("duplicate", c)
        seen.add(key)
        validate(c)
    with OUT.open("w", encoding="utf-8", newline="\n") as f:
        for c in cases:
            rec = {"id": c["id"], "definition": c["definition"], "channel": c["channel"], "message": c["message"]}
            if c["awaiting"]:
                rec["awaiting"] = c["awaiting"]
            rec["expected"] = c["expected"]
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"wrote {len(cases)} cases to {OUT}")
    for title, key in (("channel", lambda c: c["channel"]), ("intent", lambda c: c["expected"]["intent"]),
                       ("definition", lambda c: c["definition"]),
                       ("intent/channel", lambda c: f"{c['expected']['intent']}/{c['channel']}"),
                       ("email client", lambda c: c["meta"].get("client") if c["channel"] == "email" else None)):
        print(f"\nby {title}:")
        for k, v in sorted(collections.Counter(map(key, cases)).items(), key=lambda kv: (-kv[1], str(kv[0]))):
            if k is not None:
                print(f"  {k:<28} {v:4d}")


if __name__ == "__main__":
    main()
