#!/usr/bin/env python3
"""Build the third held-out corpus of citizen replies (cases.jsonl).

A copy of ../../../../shared/corpus/make_corpus.py with the same machinery
(clients, quoting, charsets, auto-replies, bounces, validation) and new
content: other surveys and meetings (definitions.json in this folder:
"Bolig og byudvikling", "Sundhed og forebyggelse", a meeting on doctors in
the villages and a local-plan workshop after the change to summer time) and
all-new hand-written replies by other writers.  Standard library only
(Python 3.11).  Usage:

    python3 make_heldout3.py          # writes cases.jsonl next to this file

Every case below is written by hand: what the panelist typed, which mail
client or phone sent it, and what a careful human reader records as the
truth (`expected`).  The helpers only wrap those words into a realistic SMS
body or a real RFC 5322 message: the invitation that is being answered is
rendered from definitions.json (questions numbered 1..n, options lettered
A, B, C ..., scales with their range and end labels) and quoted the way the
client quotes (Gmail, Outlook, Apple Mail, iPhone, Outlook for Android,
Samsung Email, Thunderbird, Roundcube, Yahoo), with signatures, charsets and
transfer encodings of that client.  Auto-replies and delivery-status
notifications are built the same way.

Formats: ../spec/definitions.md and ../spec/reply-corpus.md.  Before
writing, every case is validated (see `validate`): expected values must be
valid for the definition, text-answer phrases must occur in the message (and
`contains` phrases must not come from the quoted invitation), and every email
must parse with the standard `email` package and carry the usual headers.
"""
from __future__ import annotations

import base64
import collections
import hashlib
import html
import io
import json
import random
import re
import sys
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
DOMAIN = "borgerpanel.example.dk"
MX = "mx.borgerpanel.example.dk"
PANEL = "Borgerpanelet"
ORG = "Nørrevig Kommune"

WD_FULL = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]
WD_ABBR = ["man.", "tir.", "ons.", "tor.", "fre.", "lør.", "søn."]
MON_FULL = ["januar", "februar", "marts", "april", "maj", "juni", "juli",
            "august", "september", "oktober", "november", "december"]
MON_ABBR = ["jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.",
            "sep.", "okt.", "nov.", "dec."]
WD_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MON_EN = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]

# ---------------------------------------------------------------------------
# The invitations that the replies answer
# ---------------------------------------------------------------------------

INV = {
    "bolig": {
        "subject": "Borgerpanelet: Bolig og byudvikling",
        "sent": datetime(2027, 2, 1, 9, 45, 31, tzinfo=CET),
        "intro": [
            "Kommunen er ved at lægge planer for de næste ti års boligbyggeri, og vi",
            "vil gerne vide, hvordan du bor, og hvad du savner, der hvor du bor. Det",
            "tager omkring fem minutter.",
            "",
            "Svar ved at besvare denne mail. Skriv spørgsmålets nummer og dit svar,",
            "fx \"1: 4\", eller skriv dine svar under hvert spørgsmål.",
        ],
        "deadline": "søndag den 14. februar 2027",
    },
    "sundhed": {
        "subject": "Borgerpanelet: Sundhed og forebyggelse (4 korte spørgsmål)",
        "sent": datetime(2027, 2, 8, 14, 5, 2, tzinfo=CET),
        "intro": [
            "Sundhedsafdelingen vil gerne vide, hvad der kan hjælpe flere borgere til",
            "et sundere liv. Der er kun fire spørgsmål.",
            "",
            "Svar ved at besvare denne mail. Skriv spørgsmålets nummer og dit svar,",
            "fx \"1: 4\", eller skriv dine svar under hvert spørgsmål.",
        ],
        "deadline": "søndag den 21. februar 2027",
    },
    "laegemoede": {
        "subject": "Invitation: Borgermøde om lægedækning i landdistrikterne",
        "sent": datetime(2027, 2, 15, 11, 20, 44, tzinfo=CET),
        "intro": [
            "Flere landsbyer i kommunen står uden egen læge, og kommunalbestyrelsen",
            "vil gerne drøfte løsninger med borgerne. Regionen og de praktiserende",
            "læger deltager, og der bliver serveret kaffe.",
        ],
    },
    "lokalplan": {
        "subject": "Invitation: Workshop om lokalplan for Søndre Havevej",
        "sent": datetime(2027, 3, 15, 8, 55, 13, tzinfo=CET),
        "intro": [
            "Der skal laves en ny lokalplan for området omkring Søndre Havevej i",
            "Kirkeby. På workshoppen tegner og skriver vi sammen med byplanlæggerne,",
            "og der er sandwich undervejs.",
        ],
    },
}


def danish_long_date(dt: datetime) -> str:
    return f"{WD_FULL[dt.weekday()]} den {dt.day}. {MON_FULL[dt.month - 1]} {dt.year}"


def invitation(defn: str, first: str):
    """Plain-text invitation as the panelist received it.

    Returns (lines, ends): ends maps a question number to the index of the
    last line of that question's block (where inline answers get typed).
    """
    d = DEFS[defn]
    inv = INV[defn]
    lines = [f"Kære {first}", ""]
    ends = {}
    if d["kind"] == "survey":
        lines += inv["intro"] + [""]
        for q in d["questions"]:
            lines.append(f"{q['number']}. {q['text']}")
            t = q["type"]
            if t == "scale":
                labels = ", ".join(f"{k} = {v}" for k, v in
                                   sorted(q["labels"].items(), key=lambda kv: int(kv[0])))
                lines.append(f"   Svar med et tal fra {q['min']} til {q['max']} ({labels})")
            elif t == "yes_no":
                lines.append("   Svar ja eller nej")
            elif t == "choice":
                if q.get("multiple"):
                    lines.append("   Du må gerne vælge flere")
                for i, opt in enumerate(q["options"]):
                    lines.append(f"   {chr(ord('A') + i)}. {opt['label']}")
            elif t == "number":
                lines.append("   Svar med et tal")
            elif t == "text":
                lines.append("   Skriv med dine egne ord")
            ends[q["number"]] = len(lines) - 1
            lines.append("")
        lines += [f"Du kan svare frem til {inv['deadline']}.", ""]
    else:
        start = datetime.fromisoformat(d["starts_at"])
        end = datetime.fromisoformat(d["ends_at"])
        lines += [f"Du inviteres hermed til: {d['title']}.", ""] + inv["intro"] + [""]
        lines += [
            f"Tid: {danish_long_date(start)} kl. {start:%H.%M}-{end:%H.%M}",
            f"Sted: {d['location']}",
            "",
        ]
        g = d["max_guests"]
        if g == 0:
            lines += ["Invitationen er personlig, og der er desværre ikke plads til gæster.", ""]
            lines += ["Svar på denne mail, om du kommer: ja, nej eller måske.", ""]
        else:
            many = "1 gæst" if g == 1 else f"op til {g} gæster"
            lines += [f"Du er velkommen til at tage {many} med.", ""]
            lines += ["Svar på denne mail, om du kommer: ja, nej eller måske. Tager du en",
                      "gæst med, så skriv det også.", ""]
    lines += ["Venlig hilsen", PANEL, ORG, "",
              "Vil du ikke længere være med i borgerpanelet, så svar STOP."]
    return lines, ends


# ---------------------------------------------------------------------------
# People, tokens, ids, dates
# ---------------------------------------------------------------------------

class W:
    """A panelist: display name and address."""

    def __init__(self, name: str, addr: str):
        self.name = name
        self.addr = addr
        self.first = name.split()[0]


def _h(*parts) -> bytes:
    return hashlib.sha256("|".join(str(p) for p in parts).encode("utf-8")).digest()


def token_for(defn: str, addr: str) -> str:
    return base64.b32encode(_h("tok", defn, addr)).decode()[:10].lower()


def rng_for(*parts) -> random.Random:
    return random.Random(int.from_bytes(_h("rng", *parts)[:8], "big"))


def reply_addr(tok: str) -> str:
    return f"svar+{tok}@{DOMAIN}"


def bounce_addr(tok: str) -> str:
    return f"bounce+{tok}@{DOMAIN}"


def inv_msgid(defn: str, tok: str) -> str:
    return f"<{INV[defn]['sent']:%Y%m%d%H%M%S}.{defn}.{tok}@{DOMAIN}>"


def hexs(r: random.Random, n: int) -> str:
    return "".join(r.choice("0123456789abcdef") for _ in range(n))


def alnum(r: random.Random, n: int, chars="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") -> str:
    return "".join(r.choice(chars) for _ in range(n))


def uuid_like(r: random.Random, upper=True) -> str:
    s = f"{hexs(r, 8)}-{hexs(r, 4)}-{hexs(r, 4)}-{hexs(r, 4)}-{hexs(r, 12)}"
    return s.upper() if upper else s


def reply_time(defn: str, addr: str, after_min: float | None = None) -> datetime:
    r = rng_for("time", defn, addr)
    sent = INV[defn]["sent"]
    if after_min is None:
        after_min = r.choice([r.uniform(9, 180), r.uniform(180, 1500), r.uniform(1500, 6000)])
    t = sent + timedelta(minutes=after_min)
    if after_min > 60 and (t.hour < 7 or t.hour > 22):  # people sleep
        t = t.replace(hour=r.randint(7, 21))
        if t <= sent:
            t += timedelta(days=1)
    return t.replace(microsecond=0)


def received(r: random.Random, host: str, ip: str, to: str, when: datetime) -> str:
    qid = alnum(r, 12, "0123456789BCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz")
    return (f"from {host} ({host} [{ip}]) by {MX} (Postfix) with ESMTPS id {qid} "
            f"for <{to}>; {format_datetime(when)} (CET)")


# ---------------------------------------------------------------------------
# Quoting: how each client quotes the invitation and renders HTML
# ---------------------------------------------------------------------------

def segments(inv_lines, ends, inline):
    """Split the quoted invitation where inline answers were typed."""
    segs, start = [], 0
    for qn in sorted(inline or {}):
        stop = ends[qn] + 1
        segs.append(("q", inv_lines[start:stop]))
        segs.append(("own", inline[qn]))
        start = stop
    segs.append(("q", inv_lines[start:]))
    return segs


def prefixed(lines):
    return [">" if not l else "> " + l for l in lines]


def esc(line: str) -> str:
    s = html.escape(line, quote=False)
    stripped = s.lstrip(" ")
    return "&nbsp;" * (len(s) - len(stripped)) + stripped


def br_lines(lines) -> str:
    return "<br>\n".join(esc(l) for l in lines)


def divs(text: str, attrs: str = "") -> str:
    out = []
    for l in text.split("\n"):
        out.append(f"<div{attrs}>{esc(l)}</div>" if l.strip() else f"<div{attrs}><br></div>")
    return "\n".join(out)


def entities(s: str) -> str:
    for ch, ent in (("æ", "&aelig;"), ("ø", "&oslash;"), ("å", "&aring;"), ("Æ", "&AElig;"),
                    ("Ø", "&Oslash;"), ("Å", "&Aring;"), ("é", "&eacute;")):
        s = s.replace(ch, ent)
    return s


GMAIL_BQ = ('<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;'
            'border-left:1px solid rgb(204,204,204);padding-left:1ex">')

# Client defaults: charset, transfer encoding, MIME shape, subject prefix.
CLIENTS = {
    "gmail": dict(cs="utf-8", cte="quoted-printable", fmt="alt", prefix="Re: "),
    "apple": dict(cs="utf-8", cte="quoted-printable", fmt="alt", prefix="Re: "),
    "iphone": dict(cs="utf-8", cte="quoted-printable", fmt="alt", prefix="Re: "),
    "outlook": dict(cs="windows-1252", cte="quoted-printable", fmt="alt", prefix="RE: "),
    "android": dict(cs="utf-8", cte="base64", fmt="alt", prefix="Re: "),
    "samsung": dict(cs="utf-8", cte="base64", fmt="alt", prefix="Re: "),
    "thunderbird": dict(cs="utf-8", cte="8bit", fmt="plain", prefix="Re: "),
    "roundcube": dict(cs="utf-8", cte="quoted-printable", fmt="plain", prefix="Re: "),
    "yahoo": dict(cs="utf-8", cte="quoted-printable", fmt="html", prefix="Re: "),
}


def compose(client, who, defn, tok, top, inline, bottom, quote, sent, opts):
    """Return (plain_text, html_text) of a reply written in `client`."""
    inv_lines, ends = invitation(defn, who.first)
    segs = segments(inv_lines, ends, inline) if quote else []
    addr = reply_addr(tok)
    subj = INV[defn]["subject"]
    hh, mm = f"{sent:%H}", f"{sent:%M}"
    wd, day, mon, yr = sent.weekday(), sent.day, sent.month - 1, sent.year
    P, H = [], []  # plain lines, html chunks

    if client in ("gmail", "apple", "thunderbird", "roundcube", "yahoo"):
        if client == "gmail":
            attr = f"Den {WD_ABBR[wd]} {day}. {MON_ABBR[mon]} {yr} kl. {hh}.{mm} skrev {PANEL} <{addr}>:"
            attr_plain = [attr]
            if len(attr) > 78:  # Gmail wraps the attribution line in text/plain
                cut = attr.index("<") + 1
                attr_plain = [attr[:cut], attr[cut:]]
            attr_html = (f"Den {WD_ABBR[wd]} {day}. {MON_ABBR[mon]} {yr} kl. {hh}.{mm} skrev {PANEL} "
                         f'&lt;<a href="mailto:{addr}">{addr}</a>&gt;:')
        elif client == "apple":
            attr = f"Den {day}. {MON_ABBR[mon]} {yr} kl. {hh}.{mm} skrev {PANEL} <{addr}>:"
            attr_plain, attr_html = [attr], esc(attr)
        elif client == "thunderbird":
            attr = f"Den {sent:%d-%m-%Y} kl. {hh}:{mm} skrev {PANEL}:"
            attr_plain, attr_html = [attr], esc(attr)
        elif client == "roundcube":
            attr = f"Den {sent:%Y-%m-%d} {hh}:{mm}, skrev {PANEL}:"
            attr_plain, attr_html = [attr], esc(attr)
        else:  # yahoo
            attr = (f"Den {WD_FULL[wd]} den {day}. {MON_FULL[mon]} {yr} kl. {hh}.{mm}.{sent:%S} CET "
                    f"skrev {PANEL} <{addr}>:")
            attr_plain, attr_html = [attr], esc(attr)
        if top:
            P += top.split("\n") + [""]
        if quote:
            P += attr_plain + [""]
            for kind, val in segs:
                if kind == "q":
                    P += prefixed(val)
                else:
                    P += [""] + val.split("\n") + [""]
        if bottom:
            P += [""] + bottom.split("\n")
        # HTML
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
            style = ' style="font-family:Helvetica,Arial,sans-serif;font-size:13px"' if client == "yahoo" else ""
            H.append(f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={opts["cs"]}">'
                     f"</head><body{style}>")
            if top:
                H.append(divs(top))
            if quote:
                H.append(f'<div><br><div class="quote-attr">{attr_html}</div><br>')
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
        if opts.get("mobile_sig", True):
            P += ["Sendt fra min iPhone", ""]
        if quote:
            P += ["> " + attr, "> "]
            for kind, val in segs:
                P += prefixed(val) if kind == "q" else [""] + val.split("\n") + [""]
        H.append('<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head>'
                 '<body dir="auto">')
        H.append(divs(top, ' dir="ltr"') if top else '<div dir="ltr"><br></div>')
        if opts.get("mobile_sig", True):
            H.append('<div dir="ltr"><br><div dir="ltr">Sendt fra min iPhone</div></div>')
        if quote:
            H.append(f'<div dir="ltr"><br><blockquote type="cite">{esc(attr)}<br><br></blockquote></div>')
            for kind, val in segs:
                H.append('<blockquote type="cite"><div dir="ltr">' + br_lines(val) + "</div></blockquote>"
                         if kind == "q" else divs(val, ' dir="ltr"'))
        H.append("</body></html>")

    elif client in ("outlook", "android", "samsung"):
        if client == "outlook":
            v = opts.get("sendt", 0)
            if v == 0:
                sendt = f"{day}. {MON_FULL[mon]} {yr} {hh}:{mm}"
            elif v == 1:
                sendt = f"{WD_FULL[wd]} den {day}. {MON_FULL[mon]} {yr} {hh}.{mm}"
            else:
                sendt = f"{day}. {MON_FULL[mon]} {yr} kl. {hh}:{mm}"
            hdr = [("Fra", f"{PANEL} <{addr}>"), ("Sendt", sendt),
                   ("Til", f"{who.name} <{who.addr}>"), ("Emne", subj)]
            sep = "-----Oprindelig meddelelse-----" if opts.get("sep") == "orig" else "_" * 32
            mobile = []
        elif client == "android":
            h12 = sent.hour % 12 or 12
            ampm = "AM" if sent.hour < 12 else "PM"
            sendt = f"{WD_EN[wd]}, {MON_EN[mon]} {day}, {yr} {h12}:{mm}:{sent:%S} {ampm}"
            hdr = [("Fra", f"{PANEL} <{addr}>"), ("Sendt", sendt),
                   ("Til", f"{who.name} <{who.addr}>"), ("Emne", subj)]
            sep = "_" * 32
            mobile = ["Sendt fra Outlook til Android"] if opts.get("mobile_sig", True) else []
        else:
            hdr = [("Fra", f"{PANEL} <{addr}> "), ("Dato", f"{sent:%d.%m.%Y} {hh}.{mm} (GMT+01:00) "),
                   ("Til", f"{who.name} <{who.addr}> "), ("Emne", f"{subj} ")]
            sep = "-------- Oprindelig besked --------"
            mobile = ["", "", "Sendt fra min Galaxy"] if opts.get("mobile_sig", True) else []
        if top:
            P += top.split("\n")
        if mobile:
            P += [""] + mobile
        if quote:
            P += ["", sep] if client != "samsung" else ["", "", sep]
            P += [f"{k}: {v}" for k, v in hdr] + [""]
            for kind, val in segs:
                P += list(val) if kind == "q" else val.split("\n")
        # HTML
        if client == "outlook":
            def para(l):
                return (f'<p class="MsoNormal">{esc(l)}<o:p></o:p></p>' if l.strip()
                        else '<p class="MsoNormal"><o:p>&nbsp;</o:p></p>')
            H.append('<html xmlns:v="urn:schemas-microsoft-com:vml" '
                     'xmlns:o="urn:schemas-microsoft-com:office:office" '
                     'xmlns:w="urn:schemas-microsoft-com:office:word" '
                     'xmlns:m="http://schemas.microsoft.com/office/2004/12/omml" '
                     'xmlns="http://www.w3.org/TR/REC-html40"><head>'
                     f'<meta http-equiv="Content-Type" content="text/html; charset={opts["cs"]}">'
                     '<meta name="Generator" content="Microsoft Word 15 (filtered medium)">'
                     '<style><!--p.MsoNormal, li.MsoNormal, div.MsoNormal {margin:0cm;font-size:11.0pt;'
                     'font-family:"Calibri",sans-serif;} --></style></head>'
                     '<body lang="DA" link="#0563C1" vlink="#954F72" style="word-wrap:break-word">'
                     '<div class="WordSection1">')
            H += [para(l) for l in (top.split("\n") if top else [""])]
            if quote:
                H.append(para(""))
                info = "<br>".join(f"<b>{k}:</b> {esc(v)}" for k, v in hdr)
                if opts.get("sep") == "orig":
                    H.append(f'<p class="MsoNormal">-----Oprindelig meddelelse-----<br>{info}</p>')
                else:
                    H.append('<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">'
                             f'<p class="MsoNormal">{info}<o:p></o:p></p></div>')
                H.append(para(""))
                for kind, val in segs:
                    if kind == "q":
                        H += [para(l) for l in val]
                    else:
                        H += [f'<p class="MsoNormal"><b><span style="color:#C00000">{esc(l)}</span></b>'
                              f"<o:p></o:p></p>" for l in val.split("\n")]
            H.append("</div></body></html>")
        else:
            H.append(f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={opts["cs"]}">'
                     "</head><body>")
            H.append(divs(top, ' dir="auto"') if top else '<div dir="auto"><br></div>')
            if client == "android" and mobile:
                H.append('<div dir="auto"><br></div><div class="ms-outlook-mobile-signature">'
                         '<div dir="ltr">Sendt fra <a href="https://aka.ms/AAb9ysg">Outlook til Android</a>'
                         "</div></div>")
            if client == "samsung" and mobile:
                H.append('<div dir="auto"><br></div><div dir="auto"><br></div><div id="composer_signature" '
                         'dir="auto"><div style="font-size:85%;color:#575757" dir="auto">Sendt fra min Galaxy'
                         "</div></div>")
            if quote:
                info = "<br>".join(f"<b>{k}:</b> {esc(v)}" for k, v in hdr)
                if client == "android":
                    H.append('<hr style="display:inline-block;width:98%" tabindex="-1">'
                             '<div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" '
                             f'style="font-size:11pt" color="#000000">{info}</font><div>&nbsp;</div></div>')
                else:
                    H.append(f'<div><br></div><div align="left" dir="auto"><div>{esc(sep)}</div>'
                             f"<div>{info}</div><br></div>")
                for kind, val in segs:
                    H.append("<div>" + br_lines(val) + "</div>" if kind == "q" else divs(val, ' dir="auto"'))
            H.append("</body></html>")
    else:
        raise ValueError(client)

    plain = "\n".join(P).rstrip("\n") + "\n"
    htm = "\n".join(H) + "\n"
    if opts.get("entities"):
        htm = entities(htm)
    return plain, htm


# ---------------------------------------------------------------------------
# MIME assembly and serialisation
# ---------------------------------------------------------------------------

def hdr(value: str, cs: str):
    """Header value for a compat32 message: plain when ASCII, else RFC 2047 in `cs`."""
    return value if value.isascii() else Header(value, cs)


def legacy_part(text: str, subtype: str, cs: str, cte: str) -> MIMEText:
    """A compat32 MIMEText in a legacy charset with a chosen transfer encoding."""
    text.encode(cs)  # must be representable
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
    """Put the MIME headers last, as most clients do."""
    keep = [(k, v) for k, v in msg._headers if k.lower() not in last]
    tail = [(k, v) for k, v in msg._headers if k.lower() in last]
    tail.sort(key=lambda kv: last.index(kv[0].lower()))
    msg._headers = keep + tail


def serialize(msg, crlf: bool = True) -> str:
    buf = io.BytesIO()
    pol = msg.policy.clone(linesep="\r\n" if crlf else "\n")
    BytesGenerator(buf, mangle_from_=False, policy=pol).flatten(msg)
    return buf.getvalue().decode("utf-8")


def body_message(plain, htm, fmt, cs, cte, flowed=False):
    """EmailMessage holding the body in the requested MIME shape."""
    m = EmailMessage()
    if fmt == "html":
        m.set_content(htm, subtype="html", charset=cs, cte=cte)
    else:
        m.set_content(plain, charset=cs, cte=cte)
        if flowed:
            m.set_param("format", "flowed")
        if fmt == "alt":
            m.add_alternative(htm, subtype="html", charset=cs, cte=cte)
    return m


def flow(text: str, width: int = 72) -> str:
    """format=flowed (RFC 3676): soft-wrap long unquoted lines with trailing spaces."""
    out = []
    for line in text.split("\n"):
        if line.startswith(">") or len(line) <= width:
            out.append(line)
            continue
        words, cur = line.split(" "), ""
        for w_ in words:
            if cur and len(cur) + 1 + len(w_) > width:
                out.append(cur + " ")
                cur = w_
            else:
                cur = f"{cur} {w_}" if cur else w_
        out.append(cur)
    return "\n".join(out)


# ---------------------------------------------------------------------------
# Expected-value helpers
# ---------------------------------------------------------------------------

def ANS(unclear=(), **answers):
    return {"intent": "answers", "answers": answers, "unclear": list(unclear)}


def RSVP(attending, guests=0):
    return {"intent": "rsvp", "answers": {}, "unclear": [],
            "rsvp": {"attending": attending, "guests": guests}}


def UNCLEAR(*keys):
    return {"intent": "unclear", "answers": {}, "unclear": list(keys)}


def INTENT(name):
    return {"intent": name, "answers": {}, "unclear": []}


def TXT(*contains, no=()):
    return {"contains": list(contains), "not_contains": list(no)}


QUOTE_FRAGMENT = {"bolig": "Hvad mangler der i dit lokalområde",
                  "sundhed": "Hvad kunne få dig til at leve sundere"}

CASES = []


def add(defn, channel, message, expected, awaiting=None, meta=None):
    CASES.append({"definition": defn, "channel": channel, "message": message,
                  "awaiting": awaiting, "expected": expected, "meta": meta or {}})


def sms(defn, text, expected, awaiting=None):
    add(defn, "sms", text, expected, awaiting, {"kind": "sms"})


def mail(defn, who, expected, *, client="gmail", top="", inline=None, bottom="", quote=True,
         cs=None, cte=None, fmt=None, prefix=None, subject=None, sendt=0, sep=None,
         flowed=None, crlf=True, entities=False, mobile_sig=True, after_min=None, extra=(),
         thread=True):
    """A human reply by email, written in `client`."""
    o = dict(CLIENTS[client])
    for k, v in (("cs", cs), ("cte", cte), ("fmt", fmt), ("prefix", prefix)):
        if v is not None:
            o[k] = v
    o.update(sendt=sendt, sep=sep, entities=entities, mobile_sig=mobile_sig)
    if flowed is None:
        flowed = client == "thunderbird"
    tok = token_for(defn, who.addr)
    r = rng_for("mail", defn, who.addr)
    sent = INV[defn]["sent"]
    when = reply_time(defn, who.addr, after_min)
    plain, htm = compose(client, who, defn, tok, top, inline, bottom, quote, sent, o)
    if flowed:
        plain = flow(plain)
    subj = subject if subject is not None else o["prefix"] + INV[defn]["subject"]
    to = reply_addr(tok)
    inv_id = inv_msgid(defn, tok)
    cs_, cte_, fmt_ = o["cs"], o["cte"], o["fmt"]

    # Text answers: the signature/quote must stay out of the extracted text.
    if quote and defn in QUOTE_FRAGMENT:
        for v in expected.get("answers", {}).values():
            if isinstance(v, dict) and QUOTE_FRAGMENT[defn] not in v["not_contains"]:
                v["not_contains"].append(QUOTE_FRAGMENT[defn])

    if client == "outlook":
        # Outlook: legacy charset, headers encoded in the same charset (compat32)
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
        host = f"{r.choice(['AM9PR07MB', 'DB9PR03MB', 'VI1PR08MB', 'PAXPR04MB'])}{r.randint(1000, 9999)}"
        msg["Received"] = received(r, f"EUR0{r.randint(1, 5)}-{r.choice(['AM5', 'DB8', 'VE1', 'HE1'])}"
                                      f"-obe.outbound.protection.outlook.com",
                                   f"198.51.100.{r.randint(2, 250)}", to, when)
        msg["From"] = formataddr((who.name, who.addr), charset=cs_)
        msg["To"] = to
        msg["Subject"] = hdr(subj, cs_)
        msg["Thread-Topic"] = hdr(INV[defn]["subject"], cs_)
        msg["Thread-Index"] = base64.b64encode(_h("ti", who.addr, defn)[:22]).decode()
        msg["Date"] = format_datetime(when)
        msg["Message-ID"] = f"<{host}{hexs(r, 24).upper()}@{host}.eurprd07.prod.outlook.com>"
        if thread:
            msg["References"] = inv_id
            msg["In-Reply-To"] = inv_id
        msg["Accept-Language"] = "da-DK, en-US"
        msg["Content-Language"] = "da-DK"
        msg["X-MS-Has-Attach"] = ""
        msg["X-MS-TNEF-Correlator"] = ""
        for k, v in extra:
            msg[k] = v
        if "MIME-Version" not in msg:
            msg["MIME-Version"] = "1.0"
        reorder(msg)
        add(defn, "email", serialize(msg, crlf), expected,
            meta={"client": client, "cs": cs_, "cte": cte_, "fmt": fmt_, "thread": thread,
                  "custom_subject": subject is not None})
        return

    msg = body_message(plain, htm, fmt_, cs_, cte_, flowed)
    if fmt_ == "alt":
        b = {"gmail": "000000000000" + hexs(r, 16),
             "apple": f"Apple-Mail={uuid_like(r)}",
             "iphone": f"Apple-Mail-{uuid_like(r)}",
             "android": f"_000_{alnum(r, 36, 'ABCDEF0123456789')}_",
             "samsung": f"--_com.samsung.android.email_{r.randint(10**14, 10**15)}",
             }.get(client, f"=_{hexs(r, 32)}")
        msg.set_boundary(b)
    strip_part_mime_version(msg)
    del msg["MIME-Version"]  # re-added below in the client's own spelling and position
    hosts = {
        "gmail": (f"mail-{r.choice(['ej1', 'ed1', 'lf1', 'wm1'])}-f{r.randint(40, 99)}.google.com", "209.85.208"),
        "apple": ("mr85p00im-ztdg06021101.me.com", "17.58.23"),
        "iphone": ("st43p00im-ztfb10063301.me.com", "17.58.63"),
        "android": ("EUR05-VI1-obe.outbound.protection.outlook.com", "40.107.21"),
        "samsung": ("mail-out.stofanet.dk", "203.0.113"),
        "thunderbird": ("smtp.fullrate.dk", "203.0.113"),
        "roundcube": ("webmail.one.com", "46.30.211"),
        "yahoo": ("sonic312-21.consmr.mail.ir2.yahoo.com", "77.238.176"),
    }
    host, net = hosts[client]
    if client == "gmail":
        mid = f"<CA{alnum(r, 8)}+{alnum(r, 30)}{alnum(r, 14)}@mail.gmail.com>"
    elif client in ("apple", "iphone"):
        mid = f"<{uuid_like(r)}@{who.addr.split('@')[1]}>"
    elif client == "android":
        mid = f"<DB9PR03MB{r.randint(1000, 9999)}{hexs(r, 20).upper()}@DB9PR03MB{r.randint(1000, 9999)}.eurprd03.prod.outlook.com>"
    elif client == "samsung":
        mid = f"<{hexs(r, 8)}-{hexs(r, 4)}-{hexs(r, 4)}@email.android.com>"
    elif client == "thunderbird":
        mid = f"<{uuid_like(r, upper=False)}@{who.addr.split('@')[1]}>"
    elif client == "yahoo":
        mid = f"<{r.randint(10**8, 10**9)}.{r.randint(10**6, 10**7)}.{int(when.timestamp() * 1000)}@mail.yahoo.com>"
    else:
        mid = f"<{hexs(r, 32)}@{who.addr.split('@')[1]}>"
    msg["Return-Path"] = f"<{who.addr}>"
    msg["Received"] = received(r, host, f"{net}.{r.randint(2, 250)}", to, when)
    if client == "apple":
        msg["From"] = f"{who.name} <{who.addr}>"
        msg["Mime-Version"] = "1.0 (Mac OS X Mail 16.0 \\(3826.300.87.4.3\\))"
        msg["Subject"] = subj
        msg["Date"] = format_datetime(when)
        if thread:
            msg["References"] = inv_id
        msg["To"] = f"{PANEL} <{to}>"
        if thread:
            msg["In-Reply-To"] = inv_id
        msg["Message-Id"] = mid
        msg["X-Mailer"] = "Apple Mail (2.3826.300.87.4.3)"
    elif client == "iphone":
        msg["From"] = f"{who.name} <{who.addr}>"
        msg["Mime-Version"] = "1.0 (1.0)"
        msg["Subject"] = subj
        msg["Date"] = format_datetime(when)
        msg["Message-Id"] = mid
        if thread:
            msg["References"] = inv_id
            msg["In-Reply-To"] = inv_id
        msg["To"] = f"{PANEL} <{to}>"
        msg["X-Mailer"] = "iPhone Mail (22B91)"
    else:
        msg["MIME-Version"] = "1.0"
        if thread:
            msg["References"] = inv_id
            msg["In-Reply-To"] = inv_id
        msg["From"] = f"{who.name} <{who.addr}>"
        msg["Date"] = format_datetime(when)
        msg["Message-ID"] = mid
        msg["Subject"] = subj
        msg["To"] = f"{PANEL} <{to}>" if client != "gmail" else to
        if client == "thunderbird":
            msg["User-Agent"] = "Mozilla Thunderbird"
            msg["Content-Language"] = "da"
        elif client == "roundcube":
            msg["User-Agent"] = "Roundcube Webmail/1.6.9"
        elif client == "android":
            msg["X-Mailer"] = "Outlook for Android"
        elif client == "yahoo":
            msg["X-Mailer"] = "WebService/1.1.23187 YMailNorrin"
    for k, v in extra:
        msg[k] = v
    reorder(msg, last=("content-type", "content-transfer-encoding"))
    add(defn, "email", serialize(msg, crlf), expected,
        meta={"client": client, "cs": cs_, "cte": cte_, "fmt": fmt_, "thread": thread,
              "custom_subject": subject is not None})


# ---------------------------------------------------------------------------
# Automatic replies and delivery-status notifications
# ---------------------------------------------------------------------------

def autoreply(defn, who, body, *, subject_prefix="Automatisk svar: ", subject=None,
              headers=(("Auto-Submitted", "auto-replied"),), system="exchange", cs="utf-8",
              cte="quoted-printable", html_body=False, thread=True, to_bounce=False, after_min=None):
    tok = token_for(defn, who.addr)
    r = rng_for("auto", defn, who.addr)
    when = reply_time(defn, who.addr, after_min if after_min is not None else r.uniform(0.2, 3))
    to = bounce_addr(tok) if to_bounce else reply_addr(tok)
    subj = subject if subject is not None else subject_prefix + INV[defn]["subject"]
    if system == "exchange":
        text, subtype = body, "plain"
        if html_body:
            subtype = "html"
            text = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=' + cs + '">'
                    '</head><body><div style="font-family:Calibri,Arial,Helvetica,sans-serif;font-size:12pt">'
                    + "".join(f"<p>{esc(l)}</p>" if l else "<p>&nbsp;</p>" for l in body.split("\n"))
                    + "</div></body></html>")
        if cs == "utf-8":
            msg = EmailMessage()
            msg.set_content(text, subtype=subtype, charset=cs, cte=cte)
            msg["From"] = f"{who.name} <{who.addr}>"
            msg["Subject"] = subj
        else:  # legacy charset: headers encoded in it too, as Exchange does
            msg = legacy_part(text, subtype, cs, cte)
            msg["From"] = formataddr((who.name, who.addr), charset=cs)
            msg["Subject"] = hdr(subj, cs)
        msg["To"] = to
        msg["Thread-Topic"] = INV[defn]["subject"]
        msg["Date"] = format_datetime(when)
        host = f"AS8PR04MB{r.randint(1000, 9999)}"
        msg["Message-ID"] = f"<{host}{hexs(r, 20).upper()}@{host}.eurprd04.prod.outlook.com>"
    else:
        msg = EmailMessage()
        if html_body:
            htm = "<html><body>" + "<br>\n".join(esc(l) for l in body.split("\n")) + "</body></html>"
            msg.set_content(htm, subtype="html", charset=cs, cte=cte)
        else:
            msg.set_content(body, charset=cs, cte=cte)
        msg["From"] = f"{who.name} <{who.addr}>"
        msg["To"] = to
        msg["Subject"] = subj
        msg["Date"] = format_datetime(when)
        dom = who.addr.split("@")[1]
        msg["Message-ID"] = {"gmail": f"<CA{alnum(r, 40)}@mail.gmail.com>",
                             "icloud": f"<{uuid_like(r)}@me.com>"}.get(system, f"<{hexs(r, 24)}.autoreply@{dom}>")
    if thread:
        msg["In-Reply-To"] = inv_msgid(defn, tok)
        msg["References"] = inv_msgid(defn, tok)
    for k, v in headers:
        msg[k] = v
    if "MIME-Version" not in msg:
        msg["MIME-Version"] = "1.0"
    relay = {"gmail": "mail-sor-f69.google.com", "icloud": "ms11p00im-qufo17281401.me.com",
             "exchange": f"EUR0{r.randint(1, 5)}-AM7-obe.outbound.protection.outlook.com"}.get(
        system, f"mail.{who.addr.split('@')[1]}")
    msg._headers.insert(0, ("Received", received(r, relay,
                                                 f"203.0.113.{r.randint(2, 250)}", to, when)))
    msg._headers.insert(0, ("Return-Path", "<>" if dict(headers).get("Auto-Submitted") else f"<{who.addr}>"))
    reorder(msg)
    add(defn, "email", serialize(msg), INTENT("auto_reply"),
        meta={"client": "auto:" + system, "cs": cs, "cte": cte, "fmt": "html" if html_body else "plain"})


def invitation_message(defn, who, tok):
    """The invitation as the service sent it (returned inside bounces)."""
    lines, _ = invitation(defn, who.first)
    text = "\n".join(lines) + "\n"
    m = EmailMessage()
    m["Return-Path"] = f"<{bounce_addr(tok)}>"
    m["From"] = f"{PANEL} <{reply_addr(tok)}>"
    m["To"] = f"{who.name} <{who.addr}>"
    m["Subject"] = INV[defn]["subject"]
    m["Date"] = format_datetime(INV[defn]["sent"])
    m["Message-ID"] = inv_msgid(defn, tok)
    m["List-Unsubscribe"] = f"<mailto:{reply_addr(tok)}?subject=STOP>"
    m.set_content(text, charset="utf-8", cte="quoted-printable")
    m.add_alternative("<html><body>" + br_lines(lines) + "</body></html>\n", subtype="html",
                      charset="utf-8", cte="quoted-printable")
    m.set_boundary(f"==panel-{tok}==")
    strip_part_mime_version(m)
    # Re-read as a compat32 message so that the headers stay exactly as sent
    # (RFC 2047 encoded) when the message is embedded in a report.
    return message_from_bytes(m.as_bytes(policy=policy.SMTP), policy=policy.compat32)


def bounce(defn, who, style, *, after_min=None):
    """A multipart/report delivery-status notification for the invitation to `who`."""
    tok = token_for(defn, who.addr)
    r = rng_for("bounce", defn, who.addr)
    sent = INV[defn]["sent"]
    when = (sent + timedelta(minutes=after_min if after_min is not None else r.uniform(0.05, 2))).replace(microsecond=0)
    orig = invitation_message(defn, who, tok)
    rcpt = who.addr
    rdom = rcpt.split("@")[1]
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

    def headers_part(m):
        hdrs = "".join(f"{k}: {v}\n" for k, v in m.items())
        p = MIMEText(hdrs, "rfc822-headers", "us-ascii")
        del p["MIME-Version"]
        return p

    def rfc822_part(m):
        p = MIMEMessage(m)
        del p["MIME-Version"]
        return p

    def text(t, cs="us-ascii", desc=None):
        p = MIMEText(t, "plain", cs)
        del p["MIME-Version"]
        if desc:
            p["Content-Description"] = desc
        return p

    if style in ("postfix-unknown", "postfix-nxdomain", "postfix-quota", "postfix-timeout"):
        if style == "postfix-unknown":
            remote = "gmail-smtp-in.l.google.com"
            said = (f"host {remote}[192.0.2.27] said: 550-5.1.1 The email account that you tried to "
                    "reach does not exist. Please try 550-5.1.1 double-checking the recipient's email "
                    "address for typos or 550-5.1.1 unnecessary spaces. For more information, go to "
                    "550 5.1.1  https://support.google.com/mail/?p=NoSuchUser "
                    f"a640c23a62f3a-{hexs(r, 16)}si{r.randint(10**6, 10**7)}.{r.randint(100, 999)} - gsmtp "
                    "(in reply to RCPT TO command)")
            status, diag = "5.1.1", ("smtp; 550-5.1.1 The email account that you tried to reach does not "
                                     "exist. Please try 550-5.1.1 double-checking the recipient's email "
                                     "address for typos or 550-5.1.1 unnecessary spaces.")
        elif style == "postfix-nxdomain":
            remote = None
            said = (f"Host or domain name not found. Name service error for name={rdom} type=MX: "
                    "Host not found, try again")
            status, diag = "5.4.4", f"X-Postfix; Host or domain name not found. Name service error for name={rdom} type=MX: Host not found, try again"
        elif style == "postfix-quota":
            remote = f"mx.{rdom}"
            said = (f"host {remote}[203.0.113.{r.randint(2, 250)}] said: 552 5.2.2 <{rcpt}>: "
                    "Recipient mailbox full (in reply to RCPT TO command)")
            status, diag = "5.2.2", f"smtp; 552 5.2.2 <{rcpt}>: Recipient mailbox full"
        else:
            remote = None
            ip = f"198.51.100.{r.randint(2, 250)}"
            said = f"connect to mx.{rdom}[{ip}]:25: Connection timed out"
            status, diag = "4.4.1", f"X-Postfix; connect to mx.{rdom}[{ip}]:25: Connection timed out"
        intro = (f"This is the mail system at host mail.{DOMAIN}.\n\n"
                 "I'm sorry to have to inform you that your message could not\n"
                 "be delivered to one or more recipients. It's attached below.\n\n"
                 "For further assistance, please send mail to postmaster.\n\n"
                 "If you do so, please include this problem report. You can\n"
                 "delete your own text from the attached returned message.\n\n"
                 "                   The mail system\n\n")
        if style == "postfix-timeout":
            intro = intro.replace("could not\nbe delivered to one or more recipients.",
                                  "could not\nbe delivered to one or more recipients. The message was\n"
                                  "queued for 5 days and has now been returned.")
        rep = MIMEMultipart("report", report_type="delivery-status",
                            boundary=f"{qid}.{int(when.timestamp())}/mail.{DOMAIN}")
        rep.preamble = "This is a MIME-encapsulated message."
        rep.attach(text(intro + f"<{rcpt}>: {said}\n", desc="Notification"))
        per_rcpt = [("Final-Recipient", f"rfc822; {rcpt}"), ("Original-Recipient", f"rfc822;{rcpt}"),
                    ("Action", "failed"), ("Status", status)]
        if remote:
            per_rcpt.append(("Remote-MTA", f"dns; {remote}"))
        per_rcpt.append(("Diagnostic-Code", diag))
        d = dsn([("Reporting-MTA", f"dns; mail.{DOMAIN}"), ("X-Postfix-Queue-ID", qid),
                 ("X-Postfix-Sender", f"rfc822; {bounce_addr(tok)}"),
                 ("Arrival-Date", format_datetime(sent) + " (CET)")], per_rcpt)
        d["Content-Description"] = "Delivery report"
        rep.attach(d)
        if style in ("postfix-quota", "postfix-timeout"):
            o = rfc822_part(orig)
            o["Content-Description"] = "Undelivered Message"
        else:
            o = headers_part(orig)
            o["Content-Description"] = "Undelivered Message Headers"
        rep.attach(o)
        rep["Return-Path"] = "<>"
        rep["Received"] = f"by mail.{DOMAIN} (Postfix) id {qid}; {format_datetime(when)} (CET)"
        rep["Date"] = format_datetime(when) + " (CET)"
        rep["From"] = f"MAILER-DAEMON@mail.{DOMAIN} (Mail Delivery System)"
        rep["Subject"] = "Undelivered Mail Returned to Sender"
        rep["To"] = bounce_addr(tok)
        rep["Auto-Submitted"] = "auto-replied"
        rep["Message-Id"] = f"<{when:%Y%m%d%H%M%S}.{qid}@mail.{DOMAIN}>"
    elif style == "exchange-quota":
        host = f"DB8PR04MB{r.randint(1000, 9999)}"
        plain = (f"Levering til disse modtagere eller grupper mislykkedes:\n\n{who.name} ({rcpt})\n"
                 "Meddelelsen kunne ikke leveres, fordi modtagerens postkasse er fuld.\n\n\n\n\n\n"
                 "Diagnosticeringsoplysninger til administratorer:\n\n"
                 f"Genererer server: {host}.eurprd04.prod.outlook.com\n\n{rcpt}\n"
                 "Remote Server returned '554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:"
                 "QuotaExceededException.MapiExceptionShutoffQuotaExceeded; Failed to process message "
                 "due to a permanent exception with message [BeginDiagnosticData]Cannot open mailbox."
                 "[EndDiagnosticData]'\n\nOprindelige meddelelsesheadere:\n\n"
                 + "".join(f"{k}: {v}\n" for k, v in orig.items() if k.lower() not in ("content-type",)))
        htm = ("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head>"
               "<body><p><b><font color=\"#000066\" size=\"3\" face=\"Arial\">Levering til disse modtagere "
               "eller grupper mislykkedes:</font></b></p><font color=\"#000000\" size=\"2\" face=\"Tahoma\">"
               f"<p><a href=\"mailto:{rcpt}\">{esc(who.name)} ({rcpt})</a><br>Meddelelsen kunne ikke leveres, "
               "fordi modtagerens postkasse er fuld.<br></p></font>"
               "<p><font color=\"#808080\" size=\"2\" face=\"Tahoma\">Diagnosticeringsoplysninger til "
               f"administratorer:</font></p><p>Genererer server: {host}.eurprd04.prod.outlook.com</p>"
               "</body></html>\n")
        alt = MIMEMultipart("alternative", boundary=f"_002_{alnum(r, 30, 'ABCDEF0123456789')}_")
        alt.attach(legacy_part(plain, "plain", "utf-8", "base64"))
        alt.attach(legacy_part(htm, "html", "utf-8", "quoted-printable"))
        del alt["MIME-Version"]
        rep = MIMEMultipart("report", report_type="delivery-status",
                            boundary=f"_000_{alnum(r, 30, 'ABCDEF0123456789')}_")
        rep.attach(alt)
        rep.attach(dsn([("Reporting-MTA", f"dns;{host}.eurprd04.prod.outlook.com"),
                        ("Received-From-MTA", f"dns;mail.{DOMAIN}"),
                        ("Arrival-Date", format_datetime(sent))],
                       [("Original-Recipient", f"rfc822;{rcpt}"), ("Final-Recipient", f"rfc822;{rcpt}"),
                        ("Action", "failed"), ("Status", "5.2.2"),
                        ("Diagnostic-Code", "smtp;554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:"
                                            "QuotaExceededException.MapiExceptionShutoffQuotaExceeded")]))
        rep.attach(rfc822_part(orig))
        rep["Received"] = received(r, f"EUR04-DB8-obe.outbound.protection.outlook.com",
                                   f"40.107.{r.randint(1, 250)}.{r.randint(2, 250)}", bounce_addr(tok), when)
        rep["From"] = f"Microsoft Outlook <postmaster@{rdom.split('.')[0]}.onmicrosoft.com>"
        rep["To"] = bounce_addr(tok)
        rep["Date"] = format_datetime(when)
        rep["Subject"] = hdr("Kan ikke leveres: " + INV[defn]["subject"], "utf-8")
        rep["Message-ID"] = f"<{uuid_like(r)}@{host}.eurprd04.prod.outlook.com>"
        rep["In-Reply-To"] = inv_msgid(defn, tok)
        rep["References"] = inv_msgid(defn, tok)
        rep["Auto-Submitted"] = "auto-replied"
        rep["Content-Language"] = "da-DK"
        rep["X-MS-Exchange-Message-Is-Ndr"] = ""
    elif style == "outlookcom-unknown":
        plain = (f"Delivery has failed to these recipients or groups:\n\n{rcpt}\n"
                 "The email address you entered couldn't be found. Please check the recipient's email "
                 "address and try to resend the message. If the problem continues, please contact your "
                 "helpdesk.\n\n\n\n\n\nDiagnostic information for administrators:\n\n"
                 f"Generating server: AM6P191CA00{r.randint(10, 99)}.outlook.office365.com\n\n{rcpt}\n"
                 "Remote Server returned '550 5.5.0 Requested action not taken: mailbox unavailable "
                 "(S2017062302). [AM6P191CA0011.EURP191.PROD.OUTLOOK.COM]'\n")
        rep = MIMEMultipart("report", report_type="delivery-status",
                            boundary=f"_000_{alnum(r, 30, 'ABCDEF0123456789')}_")
        rep.attach(text(plain))
        rep.attach(dsn([("Reporting-MTA", "dns;AM6P191CA0011.outlook.office365.com"),
                        ("Arrival-Date", format_datetime(sent))],
                       [("Final-Recipient", f"rfc822;{rcpt}"), ("Action", "failed"), ("Status", "5.5.0"),
                        ("Diagnostic-Code", "smtp;550 5.5.0 Requested action not taken: mailbox unavailable")]))
        rep.attach(headers_part(orig))
        rep["From"] = "postmaster@outlook.com"
        rep["To"] = bounce_addr(tok)
        rep["Date"] = format_datetime(when)
        rep["Subject"] = hdr("Undeliverable: " + INV[defn]["subject"], "utf-8")
        rep["Message-ID"] = f"<{uuid_like(r)}@AM6P191CA0011.outlook.office365.com>"
        rep["Auto-Submitted"] = "auto-replied"
    elif style == "exim-unknown":
        plain = ("This message was created automatically by mail delivery software.\n\n"
                 "A message that you sent could not be delivered to one or more of its\n"
                 "recipients. This is a permanent error. The following address(es) failed:\n\n"
                 f"  {rcpt}\n    No Such User Here\n")
        exim_id = f"1t{alnum(r, 4)}-00{r.randint(10, 99)}Xy-1Q"
        rep = MIMEMultipart("report", report_type="delivery-status",
                            boundary=f"{int(when.timestamp())}-eximdsn-{r.randint(10**8, 10**9)}")
        rep.attach(text(plain))
        rep.attach(dsn([("Reporting-MTA", f"dns; mx1.{rdom}")],
                       [("Action", "failed"), ("Final-Recipient", f"rfc822;{rcpt}"), ("Status", "5.0.0")]))
        rep.attach(rfc822_part(orig))
        rep["Received"] = (f"from Debian-exim by mx1.{rdom} with local (Exim 4.96) id {exim_id} "
                           f"for {bounce_addr(tok)}; {format_datetime(when)}")
        rep["X-Failed-Recipients"] = rcpt
        rep["Auto-Submitted"] = "auto-replied"
        rep["From"] = f"Mail Delivery System <Mailer-Daemon@mx1.{rdom}>"
        rep["To"] = bounce_addr(tok)
        rep["Subject"] = "Mail delivery failed: returning message to sender"
        rep["Message-Id"] = f"<E{exim_id}@mx1.{rdom}>"
        rep["Date"] = format_datetime(when)
    elif style == "danish-isp":
        plain = ("Hej\n\nDin besked kunne ikke leveres til en eller flere modtagere.\n\n"
                 f"  <{rcpt}>: Modtageren findes ikke (550 5.1.1 User unknown)\n\n"
                 "Beskeden er vedhæftet herunder. Denne besked er genereret automatisk, og du kan ikke "
                 "svare på den.\n\nVenlig hilsen\nPostmaster\n")
        rep = MIMEMultipart("report", report_type="delivery-status", boundary=f"----=_NextPart_{hexs(r, 20)}")
        rep.attach(legacy_part(plain, "plain", "iso-8859-1", "quoted-printable"))
        rep.attach(dsn([("Reporting-MTA", f"dns; smtp.{rdom}"), ("Arrival-Date", format_datetime(sent))],
                       [("Final-Recipient", f"rfc822; {rcpt}"), ("Action", "failed"), ("Status", "5.1.1"),
                        ("Diagnostic-Code", "smtp; 550 5.1.1 User unknown")]))
        rep.attach(rfc822_part(orig))
        rep["From"] = f"postmaster@{rdom}"
        rep["To"] = bounce_addr(tok)
        rep["Subject"] = "Returneret post: Kunne ikke leveres"
        rep["Date"] = format_datetime(when)
        rep["Message-ID"] = f"<{hexs(r, 16)}.dsn@smtp.{rdom}>"
        rep["Auto-Submitted"] = "auto-replied"
    elif style == "sendmail-unknown":
        host = f"smtp.{rdom}"
        plain = (f"The original message was received at {format_datetime(sent)}\n"
                 f"from mail.{DOMAIN} [192.0.2.25]\n\n"
                 "   ----- The following addresses had permanent fatal errors -----\n"
                 f"<{rcpt}>\n    (reason: 550 5.1.1 <{rcpt}>... User unknown)\n\n"
                 "   ----- Transcript of session follows -----\n"
                 "... while talking to localhost:\n>>> DATA\n"
                 f"<<< 550 5.1.1 <{rcpt}>... User unknown\n550 5.1.1 <{rcpt}>... User unknown\n"
                 "<<< 503 5.0.0 Need RCPT (recipient)\n")
        rep = MIMEMultipart("report", report_type="delivery-status",
                            boundary=f"{qid}.{int(when.timestamp())}/{host}")
        rep.preamble = "This is a MIME-encapsulated message"
        rep.attach(text(plain))
        rep.attach(dsn([("Reporting-MTA", f"dns; {host}"), ("Received-From-MTA", f"DNS; mail.{DOMAIN}"),
                        ("Arrival-Date", format_datetime(sent))],
                       [("Final-Recipient", f"RFC822; {rcpt}"), ("Action", "failed"), ("Status", "5.1.1"),
                        ("Remote-MTA", "DNS; localhost"), ("Diagnostic-Code", "SMTP; 550 5.1.1 User unknown"),
                        ("Last-Attempt-Date", format_datetime(when))]))
        rep.attach(headers_part(orig))
        rep["Return-Path"] = "<>"
        rep["Date"] = format_datetime(when)
        rep["From"] = f"Mail Delivery Subsystem <MAILER-DAEMON@{host}>"
        rep["Message-Id"] = f"<{when:%Y%m%d%H%M}.{qid}@{host}>"
        rep["To"] = bounce_addr(tok)
        rep["Subject"] = "Returned mail: see transcript for details"
        rep["Auto-Submitted"] = "auto-generated (failure)"
    else:
        raise ValueError(style)
    if "MIME-Version" not in rep:
        rep["MIME-Version"] = "1.0"
    if "Return-Path" not in rep:  # reports travel with a null envelope sender
        rep._headers.insert(0, ("Return-Path", "<>"))
    reorder(rep)
    add(defn, "email", serialize(rep), INTENT("bounce"), meta={"client": "bounce:" + style})


# ===========================================================================
# The cases.  Each one is a different person writing in their own way.
# ===========================================================================

def survey_answers_by_email():
    # ----------------------------------------------------------------- bolig
    mail("bolig", W("Mette Kjærsgaard", "mette.kjaersgaard@gmail.com"),
         ANS(tilfredshed=4, flytte="no", boligtype="parcelhus", prioriteter=["groent", "butikker"], personer=4,
             mangler=TXT("ordentlig legeplads", no=["Kh Mette"])),
         top="1: 4\n2: nej\n3: A\n4: A, D\n5: 4\n"
             "6: En ordentlig legeplads. Den ved Enghaven er rusten og halvt lukket\n\nKh Mette")

    mail("bolig", W("Henning Bruun", "henning.bruun@danlog.dk"),
         ANS(tilfredshed=2, flytte="yes", boligtype="lejlighed", prioriteter=["billige"], personer=1,
             mangler=TXT("dagligvarebutik", no=["Lagerchef", "DanLog"])),
         client="outlook", sendt=1, prefix="SV: ",
         top="Hej\n\n1) 2 – der er fugt i kælderen og udlejer gør intet\n2) ja\n3) lejlighed\n4) billige boliger\n"
             "5) 1\n6) En dagligvarebutik. Nærmeste Netto er 3 km væk\n\nMed venlig hilsen\nHenning Bruun\n"
             "Lagerchef\nDanLog A/S\nTlf. 40 11 22 33")

    mail("bolig", W("Camilla Øster", "camilla.oester@icloud.com"),
         ANS(tilfredshed=5, flytte="no", boligtype="raekkehus", prioriteter=["parkering", "butikker"], personer=3),
         client="iphone",
         top="Vi er rigtig glade for vores rækkehus, så 5. Vi skal ikke flytte. Vi er 3 i husstanden. "
             "Mere parkering og flere butikker tak")

    mail("bolig", W("Aksel Thomsen", "aksel.thomsen@mail.dk"),
         ANS(tilfredshed=5, flytte="no", boligtype="landejendom", prioriteter=["groent"], personer=2,
             mangler=TXT("Bredbånd", "10 Mbit", no=["Aksel Thomsen", "Skovbrynet 12"])),
         client="apple",
         top="Kære Borgerpanel\n\nHermed mine svar:\n\n1. Meget tilfreds\n2. Nej\n3. Landejendom\n4. Grønne områder\n"
             "5. 2\n6. Bredbånd. Vi har stadig kun 10 Mbit herude på Skovbrynet.\n\nMed venlig hilsen\n"
             "Aksel Thomsen\nSkovbrynet 12")

    mail("bolig", W("Rikard Stengaard", "rikard@stengaard.net"),
         ANS(unclear=["flytte"], tilfredshed=3, boligtype="raekkehus", prioriteter=["groent", "billige"], personer=3),
         client="thunderbird",
         inline={1: "3", 2: "Måske, hvis vi får flere børn", 3: "B", 4: "A og B", 5: "3"},
         bottom="Mvh\nRikard")

    mail("bolig", W("Yasmin Özdemir", "yasmin.ozdemir@hotmail.com"),
         ANS(tilfredshed=4, flytte="yes", boligtype="lejlighed", prioriteter=["billige", "parkering"], personer=2),
         client="samsung", top="1-4, 2-ja, 3-C, 4-B+C, 5-2")

    mail("bolig", W("Jakob Ryberg", "jakob.ryberg@gmail.com"),
         ANS(tilfredshed=2, flytte="yes", boligtype="lejlighed", prioriteter=["billige"], personer=3,
             mangler=TXT("Cykelparkering ved stationen", no=["svigermor", "Jakob"])),
         top="1: 2\n2: ja\n3: C\n4: B\n5: 2\n6: Cykelparkering ved stationen\n\n"
             "Rettelse: 5 skal være 3, min svigermor er lige flyttet ind.\n\nJakob")

    mail("bolig", W("Ditte Vinding", "ditte_vinding@yahoo.dk"),
         ANS(tilfredshed=1, flytte="yes", boligtype="parcelhus", prioriteter=["groent"], personer=5,
             mangler=TXT("Støjværn mod motorvejen", no=["Ditte"])),
         client="yahoo",
         top="Hej\n\n1: 1\n2: ja, helst i morgen\n3: A\n4: A\n5: 5\n6: Støjværn mod motorvejen!!!\n\nHilsen\nDitte")

    mail("bolig", W("Birte Overby", "birte@overby-frisor.dk"),
         ANS(tilfredshed=4, flytte="no", boligtype="lejlighed", prioriteter=["billige", "butikker"], personer=1),
         client="roundcube", bottom="1: 4\n2: nej\n3: lejlighed\n4: B og D\n5: 1\n6: -\n\nMvh Birte")

    mail("bolig", W("Palle Kristoffersen", "palle@kristoffersgaard.dk"),
         ANS(tilfredshed=3, flytte="no", boligtype="landejendom"),
         client="outlook", fmt="html", sendt=1, prefix="SV: ",
         top="Hej\n\nSvarer kun på de første tre:\n1. 3\n2. Nej\n3. D\n\nVenlig hilsen\nPalle Kristoffersen\nGårdejer")

    mail("bolig", W("Sara Bisgaard", "sara.bisgaard@gmail.com"),
         ANS(tilfredshed=4, flytte="yes", boligtype="parcelhus", prioriteter=["billige"], personer=4),
         top="Hej! Vi bor i et parcelhus med vores to børn, altså fire i alt. Vi er ret tilfredse, måske en 4'er. "
             "Vi overvejer at flytte ja, huset er blevet for lille. Kommunen burde prioritere billige boliger til "
             "unge, så de kan blive i byen.\n\nMvh Sara og Kristian")

    mail("bolig", W("Emil Haahr", "emil.haahr@outlook.com"),
         ANS(tilfredshed=5, flytte="no", boligtype="raekkehus", prioriteter=["groent", "billige", "butikker"],
             personer=2),
         client="android", top="1: 5\n2: Nej\n3: B\n4: ABD\n5: 2")

    mail("bolig", W("Nicklas Boe", "nicklas.boe@gmail.com"),
         ANS(unclear=["tilfredshed"], flytte="yes", boligtype="lejlighed", prioriteter=["billige"], personer=1),
         top="1: 0, det er en ruin\n2: ja\n3: C\n4: B\n5: 1")

    mail("bolig", W("Kirsten Høegh", "kirsten.hoegh@post.tele.dk"),
         ANS(tilfredshed=4, flytte="no", boligtype="parcelhus", prioriteter=["parkering"], personer=2),
         client="outlook", cs="iso-8859-1", sendt=2, prefix="Sv: ",
         top="1. fire\n2. nej\n3. parcelhus\n4. parkering\n5. to\n\nVenlig hilsen\nKirsten Høegh")

    mail("bolig", W("Oliver Dam", "oliverdam@icloud.com"),
         ANS(tilfredshed=3, flytte="yes", boligtype="raekkehus", prioriteter=["groent", "parkering"], personer=3,
             mangler=TXT("bager", no=["Sendt fra min iPhone"])),
         client="iphone", top="3\nJa\nRækkehus\nGrønne områder og parkering\n3\nEn bager!")

    mail("bolig", W("Ingrid Mølholm", "ingrid.molholm@gmail.com"),
         ANS(tilfredshed=4, flytte="no", boligtype="lejlighed", prioriteter=["groent"], personer=1,
             mangler=TXT("Bænke", "hvile mig", no=["Hilsen Ingrid"])),
         top="1: 4\n2: nej\n3: C – men det er en andelslejlighed\n4: A\n5: 1\n"
             "6: Bænke. Jeg er 84 og skal hvile mig når jeg går til købmanden\n\nHilsen Ingrid")

    mail("bolig", W("Tage Frandsen", "tage.frandsen@frandsen-vvs.dk"),
         ANS(tilfredshed=2, flytte="yes", boligtype="parcelhus", prioriteter=["billige"], personer=6,
             mangler=TXT("Plads til at bygge nyt", no=["Hvornår kommer den nye lokalplan", "Tage Frandsen"])),
         client="outlook", sep="orig", sendt=0, prefix="SV: ",
         top="1: 2\n2: ja\n3: A\n4: B\n5: 6\n6: Plads til at bygge nyt. Vi har søgt om at udstykke grunden i to år\n\n"
             "Hvornår kommer den nye lokalplan for Nordmarken egentlig?\n\nMvh\nTage Frandsen")

    mail("bolig", W("Lars Hedegaard", "lars.hedegaard@me.com"),
         ANS(unclear=["tilfredshed"], flytte="no", boligtype="raekkehus", prioriteter=["groent"], personer=2),
         client="apple", top="1: 3 eller 4\n2: nej\n3: B\n4: A\n5: 2\n\nMvh Lars")

    mail("bolig", W("Anne-Mette Skou", "annemette.skou@gmail.com"),
         ANS(tilfredshed=5, flytte="no", boligtype="parcelhus", prioriteter=["groent"], personer=2,
             mangler=TXT("Ingenting", no=["Anne-Mette"])),
         top="1: 5\n2: nej\n3: A\n4: A\n5: 2\n6: Ingenting, vi har alt hvad vi skal bruge 😊\n\nAnne-Mette")

    mail("bolig", W("Dennis Kragelund", "dennis.kragelund@hotmail.com"),
         ANS(tilfredshed=3, flytte="yes", boligtype="lejlighed", prioriteter=["groent"], personer=1),
         client="samsung",
         top="Jeg bor alene i lejlighed, er nogenlunde tilfreds 3 ud af 5, vil gerne flytte i hus. "
             "Prioriter grønne områder")

    mail("bolig", W("Jens Ole Vestergaard", "jov@vestergaard-biler.dk"),
         ANS(tilfredshed=4, flytte="no", boligtype="parcelhus", prioriteter=["parkering"], personer=3,
             mangler=TXT("Fortov på Kirkevej", no=["Salgschef", "fortrolige"])),
         client="outlook", sendt=0, prefix="SV: ",
         top="1. 4\n2. Nej\n3. A\n4. C\n5. 3\n6. Fortov på Kirkevej, børnene går på kørebanen\n\n"
             "Med venlig hilsen\nJens Ole Vestergaard\nSalgschef\n\nDenne e-mail og eventuelle vedhæftede filer "
             "er fortrolige og kun beregnet for modtageren.")

    mail("bolig", W("Rasmus Eeg", "rasmus.eeg@gmail.com"),
         ANS(tilfredshed=2, flytte="yes", boligtype="raekkehus", prioriteter=["billige"], personer=5,
             mangler=TXT("forsamlingshus", no=["Rasmus"])),
         top="1. to\n2. ja\n3. B\n4. B\n5. fem\n6. Et forsamlingshus hvor man kan holde fester\n\nRasmus")

    mail("bolig", W("Poul Kirkeskov", "poul@kirkeskov.dk"),
         ANS(tilfredshed=4, flytte="no", boligtype="parcelhus", prioriteter=["groent", "butikker"], personer=2),
         client="thunderbird", crlf=False,
         top="1: 4\n2: nej\n3: parcelhus\n4: Grønne områder, butikker og service\n5: 2\n\nVenlig hilsen\nPoul")

    mail("bolig", W("Lykke Abildgaard", "lykke.abildgaard@mac.com"),
         ANS(tilfredshed=3, flytte="yes", boligtype="lejlighed", personer=2),
         client="apple", fmt="plain",
         top="1: 3\n2: Nej. Eller jo, vi har faktisk snakket om det\n3: C\n5: 2\n\nLykke")

    mail("bolig", W("Verner Holt", "verner.holt@gmail.com"),
         ANS(mangler=TXT("en læge i Kirkeby", no=["Resten har jeg ikke lyst"])),
         top="Jeg vil bare sige til spørgsmål 6 at vi mangler en læge i Kirkeby.\n\n"
             "Resten har jeg ikke lyst til at svare på.")

    mail("bolig", W("Bitten Lauesen", "bitten.lauesen@yahoo.dk"),
         ANS(unclear=["personer"], tilfredshed=4, flytte="no", boligtype="parcelhus", prioriteter=["groent"]),
         client="yahoo",
         top="1: 4\n2: nej\n3: A\n4: A\n5: 2-3 (min søn bor hjemme en gang imellem)\n\nVh Bitten")

    mail("bolig", W("Åse Bøgelund", "aase@boegelund.dk"),
         ANS(tilfredshed=5, flytte="no", boligtype="landejendom", prioriteter=["groent", "parkering"], personer=4,
             mangler=TXT("vedligeholdelse af grusvejene", no=["Hilsen fra Åse"])),
         client="roundcube", fmt="html", entities=True,
         bottom="1: 5\n2: nej\n3: D\n4: A og C\n5: 4\n6: Bedre vedligeholdelse af grusvejene\n\nHilsen fra Åse på Bøgelund")

    mail("bolig", W("Mikala Juhl", "mikalajuhl@gmail.com"),
         ANS(tilfredshed=4, flytte="no", boligtype="lejlighed", prioriteter=["groent", "billige"], personer=2),
         top="1: 4 👍\n2: nej\n3: c\n4: a+b\n5: 2")

    # --------------------------------------------------------------- sundhed
    mail("sundhed", W("Karl Henningsen", "karl.henningsen@gmail.com"),
         ANS(indsats=2, laege="yes", tilbud="kost",
             ideer=TXT("Billigere frugt og grønt i kantinen", no=["Mvh Karl"])),
         top="1: 2\n2: ja\n3: B\n4: Billigere frugt og grønt i kantinen på rådhuset\n\nMvh Karl")

    mail("sundhed", W("Malou Riis", "malou.riis@kirkeby-vand.dk"),
         ANS(indsats=3, laege="yes", tilbud="stress",
             ideer=TXT("Kortere ventetid hos psykologen", no=["HR-konsulent"])),
         client="outlook", sendt=2,
         top="1. Hverken enig eller uenig\n2. Ja\n3. C\n4. Kortere ventetid hos psykologen\n\nVenlig hilsen\n"
             "Malou Riis\nHR-konsulent")

    mail("sundhed", W("Freja Lind", "freja.lind@icloud.com"),
         ANS(indsats=5, laege="no", tilbud="rygestop",
             ideer=TXT("min kæreste også stopper med at ryge", no=["Sendt fra min iPhone"])),
         client="iphone", top="Helt enig\nNej\nRygestop\nAt min kæreste også stopper med at ryge 😅")

    mail("sundhed", W("Erna Bjerre", "erna.bjerre@me.com"),
         ANS(indsats=2, laege="yes", tilbud="motion",
             ideer=TXT("gåhold om formiddagen", no=["Erna Bjerre"])),
         client="apple",
         top="Hej\n\n1: delvist uenig. Der sker ikke meget i vores ende af kommunen\n2: ja, flere gange\n3: D\n"
             "4: Et gåhold om formiddagen for os der ikke arbejder mere\n\nHilsen\nErna Bjerre")

    mail("sundhed", W("Bjarne Høst", "bjarne@hoest.dk"),
         ANS(indsats=4, laege="no", tilbud="rygestop"),
         client="thunderbird", inline={1: "Enig", 2: "Nej", 3: "A"},
         bottom="Jeg springer 4 over.\n\nBjarne")

    mail("sundhed", W("Jimmi Skaarup", "jimmi.skaarup@outlook.dk"),
         ANS(indsats=1, laege="no", tilbud="kost",
             ideer=TXT("læge der tog imod nye patienter", no=["Sendt fra Outlook til Android"])),
         client="android",
         top="1: 1\n2: nej har ikke nogen læge lige nu\n3: B\n4: Hvis der var en læge der tog imod nye patienter")

    mail("sundhed", W("Lærke Vind", "laerke.vind@gmail.com"),
         ANS(indsats=1, laege="yes", tilbud="stress", ideer=TXT("mere fri", no=["Lærke"])),
         top="1) meget uenig\n2) ja\n3) stresshåndtering\n4) mere fri 😂\n\nLærke")

    mail("sundhed", W("Hans Jørgen Lund", "hj.lund@post.tele.dk"),
         ANS(unclear=["indsats"], laege="yes", tilbud="motion"),
         client="outlook", cs="iso-8859-1", sendt=0, prefix="SV: ",
         top="1: 6 (I gør det rigtig godt)\n2: ja\n3: D\n\nVenlig hilsen\nHans Jørgen Lund")

    mail("sundhed", W("Solveig Krarup", "solveig.krarup@yahoo.dk"),
         ANS(indsats=4, laege="yes", tilbud="kost",
             ideer=TXT("svømmehal der har åbent om aftenen", no=["Mvh Solveig"])),
         client="yahoo",
         top="Hej\n\nJeg er enig i at kommunen gør nok. Jeg var hos lægen i september. Jeg ville nok vælge "
             "kostvejledning. Det der ville hjælpe mig mest er en svømmehal der har åbent om aftenen.\n\nMvh Solveig")

    mail("sundhed", W("Ronja Falk", "ronja.falk@gmail.com"),
         ANS(indsats=3, laege="yes", tilbud="rygestop"),
         client="samsung", top="3, ja, A")

    mail("sundhed", W("Tobias Lyngby", "tobias.lyngby@gmail.com"),
         ANS(indsats=2, laege="no", tilbud="stress", ideer=TXT("Færre møder efter kl. 16", no=["/Tobias"])),
         top="1: 4, nej vent, 2\n2: nej\n3: C\n4: Færre møder efter kl. 16\n\n/Tobias")

    mail("sundhed", W("Fatima Khalil", "fatima@khalil-import.dk"),
         ANS(unclear=["tilbud"], indsats=3, laege="yes", ideer=TXT("Bedre skolemad til børnene", no=["Fatima"])),
         client="roundcube",
         bottom="1: hverken eller\n2: ja\n3: B eller C\n4: Bedre skolemad til børnene\n\nMvh\nFatima")

    mail("sundhed", W("Brian Kjeldgaard", "brian.kjeldgaard@kirkeby-beton.dk"),
         ANS(indsats=1, laege="yes", tilbud="motion",
             ideer=TXT("fitnesscentret i Kirkeby ikke lukker", no=["Værkfører", "Vh Brian"])),
         client="outlook", sendt=1, prefix="SV: ",
         top="Hej,\n\nHer er mine svar.\n\n1. Helt uenig\n2. Ja\n3. Motion i fællesskab\n"
             "4. At fitnesscentret i Kirkeby ikke lukker\n\nVh Brian Kjeldgaard\nVærkfører")

    mail("sundhed", W("Mona Ravn", "mona.ravn@icloud.com"),
         ANS(indsats=4, laege="yes", tilbud="kost",
             ideer=TXT("diætist der kan komme hjem", no=["Sendt fra min iPhone"])),
         client="iphone", top="1 enig 2 ja 3 kost 4 en diætist der kan komme hjem til en")

    mail("sundhed", W("René Saxild", "rene.saxild@gmail.com"),
         ANS(laege="no", ideer=TXT("lægen havde åbent om lørdagen", no=["René"])),
         top="2: Nej, det er vist tre år siden\n4: Hvis lægen havde åbent om lørdagen\n\nRené")

    mail("sundhed", W("Dorte Kamp", "dorte.kamp@me.com"),
         ANS(indsats=3, laege="yes", tilbud="rygestop"),
         client="apple", top="1: 3\n2: Ja\n3: Rygestop (for min mand, haha)\n4: –\n\nDorte")

    mail("sundhed", W("Nikolaj Brøns", "nikolaj.brons@gmail.com"),
         ANS(indsats=2, laege="yes", tilbud="motion",
             ideer=TXT("Cykelstier hele vejen til arbejdet", no=["Hilsen Nikolaj"])),
         inline={1: "2", 2: "ja", 3: "D", 4: "Cykelstier hele vejen til arbejdet"}, bottom="Hilsen Nikolaj")

    mail("sundhed", W("Charlotte Due", "charlotte.due@kirkeby.dk"),
         ANS(indsats=5, laege="no", tilbud="stress"),
         client="outlook", fmt="html", sendt=2,
         top="1. 5\n2. Nej\n3. C\n\nMvh\nCharlotte Due\nTeamleder, Borgerservice")

    mail("sundhed", W("Kasper Munch", "kasper.munch@outlook.com"),
         ANS(indsats=2, laege="yes", tilbud="kost"),
         client="android",
         top="Jeg synes ikke kommunen gør nok, så uenig. Har været ved lægen ja. Kostvejledning lyder godt")

    mail("sundhed", W("Grete Fog", "grete.fog@gmail.com"),
         ANS(unclear=["laege"], indsats=4, tilbud="motion", ideer=TXT("Mere tid", no=["Grete"])),
         top="1: 4\n2: Det kan jeg ikke huske\n3: D\n4: Mere tid\n\nGrete")

    mail("sundhed", W("Ove Lindegaard", "ove.lindegaard@yahoo.dk"),
         ANS(indsats=5, laege="yes", tilbud="rygestop",
             ideer=TXT("rygeforbudszoner ved busstoppestederne", no=["Venlig hilsen"])),
         client="yahoo",
         top="1: Helt enig\n2: Ja\n3: A\n4: Flere rygeforbudszoner ved busstoppestederne\n\nVenlig hilsen\nOve")

    mail("sundhed", W("Martin Aabye", "martin@aabye.net"),
         ANS(indsats=3, laege="no", tilbud="kost",
             ideer=TXT("Gratis frugt på arbejdspladserne", no=["martin@aabye.net", "Martin Aabye"])),
         client="thunderbird",
         top="1-3, 2-nej, 3-B, 4-Gratis frugt på arbejdspladserne\n\n-- \nMartin Aabye\nmartin@aabye.net")


def survey_answers_by_sms():
    # ---- bolig, one question at a time (awaiting)
    sms("bolig", "3'er", ANS(tilfredshed=3), awaiting="tilfredshed")
    sms("bolig", "Meget tilfreds ☺️", ANS(tilfredshed=5), awaiting="tilfredshed")
    sms("bolig", "2 ud af 5, for lydt", ANS(tilfredshed=2), awaiting="tilfredshed")
    sms("bolig", "nej vi bliver her til vi dør", ANS(flytte="no"), awaiting="flytte")
    sms("bolig", "Ja, forhåbentlig snart", ANS(flytte="yes"), awaiting="flytte")
    sms("bolig", "rækkehus", ANS(boligtype="raekkehus"), awaiting="boligtype")
    sms("bolig", "D", ANS(boligtype="landejendom"), awaiting="boligtype")
    sms("bolig", "Vi har et parcelhus", ANS(boligtype="parcelhus"), awaiting="boligtype")
    sms("bolig", "lejlighed på 3. sal", ANS(boligtype="lejlighed"), awaiting="boligtype")
    sms("bolig", "B og D", ANS(prioriteter=["billige", "butikker"]), awaiting="prioriteter")
    sms("bolig", "grønt og parkering", ANS(prioriteter=["groent", "parkering"]), awaiting="prioriteter")
    sms("bolig", "Billige boliger!!", ANS(prioriteter=["billige"]), awaiting="prioriteter")
    sms("bolig", "bor alene", ANS(personer=1), awaiting="personer")
    sms("bolig", "os to", ANS(personer=2), awaiting="personer")
    sms("bolig", "fire", ANS(personer=4), awaiting="personer")
    sms("bolig", "En ordentlig busforbindelse ind til byen",
        ANS(mangler=TXT("busforbindelse ind til byen")), awaiting="mangler")
    sms("bolig", "Hundeskov!! Mvh Jette", ANS(mangler=TXT("Hundeskov", no=["Mvh Jette"])), awaiting="mangler")
    # ---- bolig, everything in one SMS
    sms("bolig", "4 nej A AD 3 flere stier i skoven",
        ANS(tilfredshed=4, flytte="no", boligtype="parcelhus", prioriteter=["groent", "butikker"], personer=3,
            mangler=TXT("flere stier i skoven", no=["AD 3"])))
    sms("bolig", "1:2 2:ja 3:C 4:B 5:1 6:billigere husleje",
        ANS(tilfredshed=2, flytte="yes", boligtype="lejlighed", prioriteter=["billige"], personer=1,
            mangler=TXT("billigere husleje", no=["5:1"])))
    sms("bolig", "5, nej, rækkehus, grønne områder, 2",
        ANS(tilfredshed=5, flytte="no", boligtype="raekkehus", prioriteter=["groent"], personer=2))
    sms("bolig", "3 ja lejlighed billige boliger og parkering 2",
        ANS(tilfredshed=3, flytte="yes", boligtype="lejlighed", prioriteter=["billige", "parkering"], personer=2))
    sms("bolig", "1) 4 2) nej 3) D 4) A 5) 6 6) mobildækning",
        ANS(tilfredshed=4, flytte="no", boligtype="landejendom", prioriteter=["groent"], personer=6,
            mangler=TXT("mobildækning", no=["5) 6"])))
    sms("bolig", "Tilfreds 4, flytter ikke, parcelhus, 4 personer",
        ANS(tilfredshed=4, flytte="no", boligtype="parcelhus", personer=4))
    sms("bolig", "2 ja c b 1\nrettelse: spm 1 er 3",
        ANS(tilfredshed=3, flytte="yes", boligtype="lejlighed", prioriteter=["billige"], personer=1))

    # ---- sundhed, one question at a time
    sms("sundhed", "Delvist enig", ANS(indsats=4), awaiting="indsats")
    sms("sundhed", "helt uenig!", ANS(indsats=1), awaiting="indsats")
    sms("sundhed", "3", ANS(indsats=3), awaiting="indsats")
    sms("sundhed", "uenig", ANS(indsats=2), awaiting="indsats")
    sms("sundhed", "Jo", ANS(laege="yes"), awaiting="laege")
    sms("sundhed", "nej, aldrig syg 💪", ANS(laege="no"), awaiting="laege")
    sms("sundhed", "Ja det har jeg", ANS(laege="yes"), awaiting="laege")
    sms("sundhed", "stress", ANS(tilbud="stress"), awaiting="tilbud")
    sms("sundhed", "motion", ANS(tilbud="motion"), awaiting="tilbud")
    sms("sundhed", "b", ANS(tilbud="kost"), awaiting="tilbud")
    sms("sundhed", "Mindre stress på jobbet", ANS(ideer=TXT("mindre stress på jobbet")), awaiting="ideer")
    # ---- sundhed, all in one
    sms("sundhed", "4 ja B mere tid til at lave mad",
        ANS(indsats=4, laege="yes", tilbud="kost", ideer=TXT("mere tid til at lave mad", no=["ja B"])))
    sms("sundhed", "1: enig 2: nej 3: C 4: En park med udendørs fitness",
        ANS(indsats=4, laege="no", tilbud="stress", ideer=TXT("park med udendørs fitness", no=["3: C"])))
    sms("sundhed", "helt uenig, ja, rygestop", ANS(indsats=1, laege="yes", tilbud="rygestop"))
    sms("sundhed", "3 nej D", ANS(indsats=3, laege="no", tilbud="motion"))
    sms("sundhed", "1. 5\n2. ja\n3. A\n4. at cigaretter blev dyrere",
        ANS(indsats=5, laege="yes", tilbud="rygestop", ideer=TXT("cigaretter blev dyrere", no=["3. A"])))
    sms("sundhed", "2 ja d gratis svømning for pensionister /Oda",
        ANS(indsats=2, laege="yes", tilbud="motion", ideer=TXT("gratis svømning for pensionister", no=["Oda"])))
    sms("sundhed", "1: 3 og 2: nej", ANS(indsats=3, laege="no"))
    sms("sundhed", "Hverken enig eller uenig. Ja. Kostvejledning.",
        ANS(indsats=3, laege="yes", tilbud="kost"))
    sms("sundhed", "7 ja a", ANS(unclear=["indsats"], laege="yes", tilbud="rygestop"))


def rsvps():
    # ------------------------------------------------------ laegemoede, email
    mail("laegemoede", W("Poul Ravnkilde", "poul.ravnkilde@gmail.com"), RSVP("yes"),
         top="Jeg kommer.\n\nHilsen Poul")
    mail("laegemoede", W("Finn Lassen", "finn.lassen@lystrup-borgerforening.dk"), RSVP("yes", 1),
         client="outlook", sendt=1, prefix="SV: ",
         top="Hej\n\nMin kone og jeg kommer begge to.\n\nMvh\nFinn Lassen\nFormand, Lystrup Borgerforening")
    mail("laegemoede", W("Tina Bagger", "tina.bagger@icloud.com"), RSVP("no"),
         client="iphone", top="Desværre, vi er i Thailand i marts 🌴")
    mail("laegemoede", W("Gerda Lund", "gerda.lund@me.com"), RSVP("yes", 1),
         client="apple",
         top="Kære Borgerpanel\n\nTak for invitationen. Jeg vil meget gerne deltage, og jeg tager min nabo Erik "
             "med, da han ikke selv har fået invitationen.\n\nVenlig hilsen\nGerda Lund")
    mail("laegemoede", W("Stine Hvass", "stine.hvass@outlook.com"), RSVP("maybe"),
         client="android", top="Måske. Har aftenvagt den uge men prøver at bytte")
    mail("laegemoede", W("Hakon Berg", "hakon.berg@gmail.com"), RSVP("no"),
         top="Nej tak, jeg har min egen læge i Aarhus og er ikke berørt.\n\nHakon")
    mail("laegemoede", W("Jannie Thorup", "jannie.thorup@hotmail.com"), RSVP("yes", 1),
         client="samsung", top="Jeg kommer sammen med min datter")
    mail("laegemoede", W("Rosa Engel", "rosa@engel-keramik.dk"), RSVP("yes"),
         client="thunderbird", bottom="Jeg kommer alene, min mand er syg.\n\nHilsen\nRosa")
    mail("laegemoede", W("Arne Kold", "arne.kold@mail.tele.dk"), RSVP("no"),
         client="outlook", cs="iso-8859-1", sendt=0,
         top="Jeg har desværre en anden aftale den 11. marts.\n\nVenlig hilsen\nArne Kold")
    mail("laegemoede", W("Alice Strøm", "alice.strom@yahoo.dk"), RSVP("yes"),
         client="yahoo", top="Hej\nJa, det vil jeg gerne. Kommer der nogen fra regionen?\n\nAlice")
    mail("laegemoede", W("Ejvind Kjeldsen", "ejvind@kjeldsen-tag.dk"), RSVP("yes", 1),
         client="roundcube", bottom="Vi kommer to fra Lystrup.\n\nMvh Ejvind")
    mail("laegemoede", W("Mogens Brink", "mogens.brink@gmail.com"), RSVP("maybe"),
         top="Tja, det ved jeg ikke lige. Jeg giver lyd hvis jeg kan.\n\nMogens")
    mail("laegemoede", W("Susanne Kaas", "sk@laegehuset-vestergade.dk"), RSVP("yes"),
         client="outlook", fmt="html", sendt=2,
         top="Deltager gerne.\n\nMed venlig hilsen\nSusanne Kaas\nPraktiserende læge, Lægehuset Vestergade")
    mail("laegemoede", W("Jonna Hald", "jonna.hald@icloud.com"), RSVP("no"),
         client="iphone", top="Kan ikke komme, men send gerne et referat")
    mail("laegemoede", W("Vivi Sand", "vivi.sand@gmail.com"), RSVP("yes", 1),
         top="Ja, og så tager jeg min søster med hvis der er plads\n\nVivi")

    # ------------------------------------------------------- lokalplan, email
    mail("lokalplan", W("Søren Glud", "soren.glud@gmail.com"), RSVP("yes"),
         top="Jeg deltager 👍\n\nSøren")
    mail("lokalplan", W("Lene Kjær", "lene.kjaer@kirkeby-apotek.dk"), RSVP("yes"),
         client="outlook", sendt=2,
         top="Hej\n\nJeg kommer gerne, men først kl. 17, jeg har arbejde til 16.30.\n\nMvh\nLene Kjær")
    mail("lokalplan", W("Morten Ahl", "morten.ahl@me.com"), RSVP("no"),
         client="apple", top="Nej, desværre. Jeg er på kursus i Odense hele den uge.\n\nVh Morten")
    mail("lokalplan", W("Jasmin Holm", "jasmin.holm@outlook.dk"), RSVP("maybe"),
         client="android", top="Ved ikke endnu")
    mail("lokalplan", W("Peter Vind", "peter.vind@icloud.com"), RSVP("yes"),
         client="iphone", top="Ja!")
    mail("lokalplan", W("Hanne Grib", "hanne.grib@hotmail.com"), RSVP("no"),
         client="samsung", top="Jeg kan ikke d. 14. april")
    mail("lokalplan", W("Knud Aage Boel", "knudaage@boel.dk"), RSVP("yes"),
         client="thunderbird",
         bottom="Jeg vil gerne deltage. Jeg bor selv på Søndre Havevej og har en del at sige.\n\nHilsen\nKnud Aage")
    mail("lokalplan", W("Cecilie Worm", "cecilie.worm@yahoo.dk"), RSVP("maybe"),
         client="yahoo",
         top="Det lyder spændende, men jeg ved ikke om jeg kan få passet børn. Sæt mig på som måske.\n\nCecilie")
    mail("lokalplan", W("Frank Juel", "frank.juel@outlook.com"), RSVP("no"),
         client="android", top="Kommer ikke. Tak.")
    mail("lokalplan", W("Vagn Mørup", "vagn@moerup.dk"), RSVP("yes"),
         client="roundcube", bottom="Tilmeld mig gerne.\n\nMvh\nVagn")
    mail("lokalplan", W("Birgitte Nør", "birgitte.noer@gmail.com"), RSVP("yes"),
         top="Jeg kommer, og jeg håber der bliver tid til at tale om parkeringen.\n\nBirgitte")
    mail("lokalplan", W("Claus Winding", "claus.winding@kirkeby-skole.dk"), RSVP("no"),
         client="outlook", sendt=1, prefix="SV: ",
         top="Det bliver et nej herfra, vi har forældremøde den aften.\n\nVenlig hilsen\nClaus Winding")

    # --------------------------------------------------------- laegemoede, SMS
    sms("laegemoede", "ja", RSVP("yes"))
    sms("laegemoede", "Jeg kommer + min mand", RSVP("yes", 1))
    sms("laegemoede", "Vi bliver 2", RSVP("yes", 1))
    sms("laegemoede", "nej tak ikke interesseret", RSVP("no"))
    sms("laegemoede", "kan ik komme", RSVP("no"))
    sms("laegemoede", "måske hvis vejret er ok", RSVP("maybe"))
    sms("laegemoede", "Ja jeg kommer, og min svoger", RSVP("yes", 1))
    sms("laegemoede", "JA TAK 2 PERSONER", RSVP("yes", 1))
    sms("laegemoede", "Jeg kommer selv", RSVP("yes"))
    sms("laegemoede", "Er bortrejst. Nej", RSVP("no"))
    sms("laegemoede", "ja ja, ses", RSVP("yes"))
    sms("laegemoede", "Nej tak. Mvh Hanne", RSVP("no"))
    sms("laegemoede", "Det ved jeg ikk endnu", RSVP("maybe"))
    sms("laegemoede", "kommer m. min kone", RSVP("yes", 1))
    sms("laegemoede", "Ja, jeg tager min ven med", RSVP("yes", 1))
    # "2 stk" counts heads, like "2 personer": two people in all, one guest
    sms("laegemoede", "Ja 2 stk", RSVP("yes", 1))

    # ----------------------------------------------------------- lokalplan, SMS
    sms("lokalplan", "Ja tak", RSVP("yes"))
    sms("lokalplan", "Deltager", RSVP("yes"))
    sms("lokalplan", "nej", RSVP("no"))
    sms("lokalplan", "Kan desværre ikke, har vagt", RSVP("no"))
    sms("lokalplan", "Måske 🤔", RSVP("maybe"))
    sms("lokalplan", "jeg kommer", RSVP("yes"))
    sms("lokalplan", "Jeg kommer men bliver kun til kl 18", RSVP("yes"))
    sms("lokalplan", "Nej tak, men held og lykke med det", RSVP("no"))
    sms("lokalplan", "Kommer hvis jeg når hjem fra arbejde", RSVP("maybe"))
    sms("lokalplan", "Jaaa", RSVP("yes"))
    sms("lokalplan", "ja jeg kommer alene", RSVP("yes"))
    sms("lokalplan", "Jeg skal desværre arbejde", RSVP("no"))
    sms("lokalplan", "Ved ikke. Skriver senere", RSVP("maybe"))


def unsubscribes():
    sms("sundhed", "STOP", INTENT("unsubscribe"))
    sms("lokalplan", "Stop", INTENT("unsubscribe"))
    sms("bolig", "Afmeld", INTENT("unsubscribe"))
    sms("laegemoede", "meld mig ud", INTENT("unsubscribe"))
    sms("sundhed", "slet mig tak", INTENT("unsubscribe"))
    sms("bolig", "Gider ikke flere sms'er fra jer. Stop.", INTENT("unsubscribe"))
    sms("sundhed", "Jeg vil ikke være med i jeres panel længere", INTENT("unsubscribe"), awaiting="laege")

    mail("bolig", W("Torben Haslund", "torben.haslund@gmail.com"), INTENT("unsubscribe"),
         top="Meld mig ud af borgerpanelet.\n\nTorben")
    mail("sundhed", W("Gudrun Vestergaard", "gudrun.vestergaard@kirkeby-revision.dk"), INTENT("unsubscribe"),
         client="outlook", sendt=1, prefix="SV: ",
         top="Hej\n\nJeg har været med i panelet i tre år, men nu synes jeg det er nok. Vil I slette mig?\n\n"
             "Venlig hilsen\nGudrun Vestergaard")
    mail("laegemoede", W("Allan Fisker", "allan.fisker@icloud.com"), INTENT("unsubscribe"),
         client="iphone", top="Fjern mig fra jeres liste. Jeg har aldrig bedt om at være med.")
    mail("lokalplan", W("Line Hjort", "line.hjort@me.com"), INTENT("unsubscribe"),
         client="apple",
         top="Jeg har fået job i kommunens planafdeling og må derfor ikke deltage i panelet længere. "
             "Afmeld mig venligst panelet.\n\nMvh\nLine")
    mail("bolig", W("Orla Brøgger", "orla.brogger@yahoo.dk"), INTENT("unsubscribe"),
         client="yahoo", top="STOP STOP STOP")
    mail("sundhed", W("Hedvig Mikkelsen", "hedvig@mikkelsen-tekstil.dk"), INTENT("unsubscribe"),
         client="roundcube",
         bottom="Jeg ønsker ikke at modtage flere henvendelser fra Borgerpanelet.\n\nH. Mikkelsen")
    mail("laegemoede", W("Frode Gram", "frode.gram@post.tele.dk"), INTENT("unsubscribe"),
         client="outlook", cs="iso-8859-1", quote=False, thread=False, subject="Udmeldelse",
         top="Undertegnede ønsker hermed at udtræde af borgerpanelet.\n\nMed venlig hilsen\nFrode Gram")


def auto_replies():
    autoreply("bolig", W("Henrik Dalby", "hd@dalby-ejendomme.dk"),
              "Tak for din mail.\n\nJeg holder vinterferie i uge 7 og er tilbage mandag den 22. februar. "
              "Haster det, kan du ringe til kontoret på 86 44 55 66.\n\nVenlig hilsen\nHenrik Dalby\n"
              "Ejendomsadministrator",
              headers=(("Auto-Submitted", "auto-replied"), ("X-Auto-Response-Suppress", "All")),
              cte="base64")
    autoreply("sundhed", W("Pernille Staun", "pernille.staun@gmail.com"),
              "Hej!\n\nJeg er ude at rejse indtil 1. marts og læser kun mails en gang imellem.\n\nPernille",
              system="gmail", subject="Ferie indtil 1. marts",
              headers=(("Auto-Submitted", "auto-replied"),))
    autoreply("laegemoede", W("Ib Rosenkvist", "ib.rosenkvist@lystrup-vand.dk"),
              "Jeg er på kursus til og med fredag den 19. februar og har begrænset adgang til mail. "
              "Driftsforstyrrelser meldes til vagttelefonen 70 10 20 30.\n\nMed venlig hilsen\nIb Rosenkvist",
              subject_prefix="Fraværende: ", headers=(), cs="iso-8859-1", thread=False)
    autoreply("lokalplan", W("Sanne Gylling", "sanne.gylling@mail.dk"),
              "Jeg har fået ny mailadresse og læser ikke denne postkasse længere. Skriv i stedet til "
              "sannegylling@gmail.com.\n\nHilsen Sanne",
              system="webmail", subject_prefix="Autosvar: ",
              headers=(("X-Autoreply", "yes"), ("Precedence", "auto_reply")))
    autoreply("bolig", W("Kirkeby Boligservice", "info@kirkeby-boligservice.dk"),
              "Tak for din henvendelse til Kirkeby Boligservice.\n\nVi behandler din mail hurtigst muligt og "
              "senest inden for 3 arbejdsdage. Akut skade på lejemålet: ring 70 22 33 44 (døgnvagt).\n\n"
              "Dette er et automatisk genereret svar.",
              system="webmail", subject="Tak for din henvendelse",
              headers=(("Auto-Submitted", "auto-replied"), ("Precedence", "bulk")))
    autoreply("sundhed", W("Maja Søndergaard", "maja.sondergaard@kirkeby-skoler.dk"),
              "Jeg er på forældreorlov frem til 1. oktober 2027.\n\nSpørgsmål om sundhedsplejen kan rettes til "
              "Sundhedsplejen på 72 40 50 60.\n\nVenlig hilsen\nMaja Søndergaard\nSundhedsplejerske",
              headers=(("Auto-Submitted", "auto-replied"), ("X-Auto-Response-Suppress", "All")))
    autoreply("laegemoede", W("Thomas Kjærbye", "tkj@nordjysk-transport.dk"),
              "Thank you for your email. I am travelling until 22 February with limited access to email.\n\n"
              "Tak for din mail. Jeg er på rejse indtil 22. februar med begrænset adgang til mail.\n\n"
              "Kind regards / Venlig hilsen\nThomas Kjærbye",
              headers=(("Auto-Submitted", "auto-replied"), ("X-Auto-Response-Suppress", "All")),
              cs="windows-1252")
    autoreply("lokalplan", W("Gitte Aaen", "gitte.aaen@icloud.com"),
              "Tak for din besked. Jeg er i Spanien til den 5. april og svarer, når jeg er hjemme igen.\n\nGitte",
              system="icloud", subject_prefix="Re: ", headers=(("Auto-Submitted", "auto-replied"),))
    autoreply("bolig", W("Bent Lykkegaard", "bent.lykkegaard@youmail.dk"),
              "Jeg holder fri til og med den 10. februar. Din mail bliver ikke videresendt.\n\nMvh Bent",
              system="webmail", html_body=True, headers=(("Auto-Submitted", "auto-replied"),))
    autoreply("sundhed", W("Anders Bukh", "anders.bukh@bukh-arkitekter.dk"),
              "Jeg er sygemeldt og læser ikke mails i øjeblikket. Kontakt venligst kontoret på 86 77 88 99.\n\n"
              "Anders Bukh\nArkitekt MAA",
              subject_prefix="Fraværende: ", headers=(("X-Autoreply", "yes"), ("Precedence", "auto_reply")),
              cs="windows-1252", html_body=True)
    autoreply("laegemoede", W("Lægehuset Lystrup", "post@laegehuset-lystrup.dk"),
              "Tak for din mail til Lægehuset Lystrup.\n\nDenne postkasse bruges ikke til konsultationer. "
              "Bestil tid via app eller ring 86 99 00 11 hverdage kl. 8-10.\n\nMed venlig hilsen\nLægehuset Lystrup",
              system="webmail", subject="Tak for din mail",
              headers=(("Auto-Submitted", "auto-replied"),))
    autoreply("lokalplan", W("Jesper Mørk", "jesper.mork@kirkeby-el.dk"),
              "Jeg er på ferie fra den 15. til den 22. marts. Jeg ser din mail, når jeg er tilbage.\n\n"
              "Venlig hilsen\nJesper Mørk\nKirkeby El-service",
              headers=(("Auto-Submitted", "auto-replied"),), cte="base64")

    sms("sundhed", "Hej, jeg kan ikke tage telefonen lige nu. Jeg ringer tilbage hurtigst muligt. "
                   "(Automatisk besked)", INTENT("auto_reply"))
    sms("lokalplan", "Automatisk svar: Jeg er på barsel og tjekker ikke beskeder. Kontakt Kirkeby Tandklinik "
                     "på 86 12 12 12.", INTENT("auto_reply"))
    sms("bolig", "Jeg kører bil lige nu og ser din besked senere. (Sendt automatisk)",
        INTENT("auto_reply"), awaiting="tilfredshed")


def bounces():
    bounce("bolig", W("Lone Fischer", "lone.fischer1968@gmail.com"), "postfix-unknown")
    bounce("bolig", W("Poul Brandt", "poul.brandt@youmail.dk"), "postfix-quota")
    bounce("sundhed", W("Gunver Holm", "gunver.holm@mail.tele.dk"), "danish-isp", after_min=2)
    bounce("sundhed", W("Erik Sejr", "erik.sejr@hotmial.com"), "postfix-nxdomain")
    bounce("bolig", W("Annika Thrane", "annika_thrane@hotmail.com"), "outlookcom-unknown")
    bounce("laegemoede", W("Carl Berthelsen", "carl.berthelsen@lystrup-el.dk"), "exchange-quota", after_min=3)
    bounce("laegemoede", W("Birthe Kolding", "birthe@kolding-maling.dk"), "postfix-timeout",
           after_min=5 * 24 * 60 + 11)
    bounce("lokalplan", W("Keld Svane", "keld.svane@stofanet.dk"), "exim-unknown", after_min=1)
    bounce("lokalplan", W("Jette Bach", "jette.bach@kirkebynet.dk"), "sendmail-unknown")


def unclear_replies():
    mail("bolig", W("Ulrik Hammer", "ulrik.hammer@gmail.com"), UNCLEAR(),
         top="Det kommer an på så meget.\n\nUlrik")
    # more guests than the meeting allows: ask again
    mail("laegemoede", W("Bodil Stensgaard", "bodil@lystrup-lokalraad.dk"), UNCLEAR(),
         client="apple",
         top="Hej\n\nVi kommer 4 fra Lystrup Lokalråd.\n\nMed venlig hilsen\nBodil Stensgaard\nLystrup Lokalråd")
    mail("lokalplan", W("Erling Holm", "erling.holm@kirkeby-tomrer.dk"), UNCLEAR(),
         client="outlook", sendt=0,
         top="Jeg kommer og tager min kone med.\n\nMvh\nErling Holm")
    # a bare "afmeld mig" after a meeting: the meeting or the panel?
    mail("laegemoede", W("Kamilla Dyhr", "kamilla.dyhr@gmail.com"), UNCLEAR(), top="Afmeld mig")
    mail("sundhed", W("Viggo Leth", "viggo.leth@icloud.com"), UNCLEAR(), client="iphone", top="👍")
    mail("laegemoede", W("Hjalte Bro", "hjalte.bro@outlook.com"), UNCLEAR(),
         client="android", top="Ja, vi er et par stykker")

    sms("lokalplan", "afmeld mig pls", UNCLEAR())
    sms("bolig", "??", UNCLEAR())
    sms("sundhed", "ok", UNCLEAR())
    sms("lokalplan", "vi er 2", UNCLEAR())
    sms("bolig", "9", UNCLEAR("tilfredshed"), awaiting="tilfredshed")
    sms("bolig", "njaa, måske", UNCLEAR("flytte"), awaiting="flytte")
    sms("sundhed", "E", UNCLEAR("tilbud"), awaiting="tilbud")
    sms("bolig", "0", UNCLEAR("personer"), awaiting="personer")


def other_messages():
    mail("laegemoede", W("Ayse Demir", "ayse.demir@gmail.com"), INTENT("other"),
         top="Hej\n\nBliver der tolket til tyrkisk på mødet?\n\nMvh Ayse")
    mail("bolig", W("Jørn Brix", "joern.brix@brix-maskiner.dk"), INTENT("other"),
         client="outlook", sendt=1, prefix="SV: ",
         top="Hvorfor skal I vide, hvor mange der bor i min husstand? Det synes jeg er personlige oplysninger.\n\n"
             "Mvh\nJørn Brix")
    mail("sundhed", W("Karin Vad", "karin.vad@me.com"), INTENT("other"),
         client="apple", top="Jeg forstår ikke spørgsmål 1 – hvad mener I med \"nok\"?\n\nKarin")
    mail("lokalplan", W("Anton Riber", "anton.riber@icloud.com"), INTENT("other"),
         client="iphone", top="Hvor kan jeg se forslaget til lokalplanen inden workshoppen?")
    mail("bolig", W("Ib Korsgaard", "ib@korsgaard-foto.dk"), INTENT("other"),
         client="roundcube",
         bottom="Jeg er lejer hos Kirkeby Boligforening – skal jeg så svare, eller er det kun for husejere?\n\nHilsen Ib")
    mail("sundhed", W("Ellen Toft", "ellen.toft@post.tele.dk"), INTENT("other"),
         client="outlook", cs="iso-8859-1", sendt=2,
         top="Jeg er blevet opereret for nylig og vil gerne svare, men først om et par uger. Er det i orden?\n\n"
             "Venlig hilsen\nEllen Toft")
    mail("laegemoede", W("Benny Rask", "benny.rask@yahoo.dk"), INTENT("other"),
         client="yahoo", top="Koster det noget at deltage?\n\nBenny")

    mail("lokalplan", W("Signe Otte", "signe.otte@gmail.com"), INTENT("other"),
         top="Hej\n\nKan man sende sine bemærkninger til lokalplanen skriftligt i stedet for at møde op? "
             "Jeg arbejder i Aalborg på hverdage.\n\nMvh Signe")

    sms("laegemoede", "Hvor er det henne?", INTENT("other"))
    sms("lokalplan", "Er der parkering ved forsamlingshuset?", INTENT("other"))
    sms("bolig", "Hvem har givet jer mit nummer?", INTENT("other"))
    sms("sundhed", "Hvad er det for en undersøgelse?", INTENT("other"))
    sms("lokalplan", "Kan man komme selvom man ikke bor i Kirkeby?", INTENT("other"))
    sms("bolig", "Hvad hvis man bor i et bofællesskab?", INTENT("other"), awaiting="boligtype")


def build():
    survey_answers_by_email()
    survey_answers_by_sms()
    rsvps()
    unsubscribes()
    auto_replies()
    bounces()
    unclear_replies()
    other_messages()


# ===========================================================================
# Validation
# ===========================================================================

INTENTS = {"answers", "rsvp", "unsubscribe", "auto_reply", "bounce", "unclear", "other"}


def fold(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip().lower()


def html_to_text(s: str) -> str:
    s = re.sub(r"(?is)<(style|head)\b.*?</\1>", " ", s)
    s = re.sub(r"(?i)<br\s*/?>|</p>|</div>|</blockquote>", "\n", s)
    return html.unescape(re.sub(r"<[^>]+>", "", s))


def email_text(raw: str) -> str:
    """All text the message shows, decoded (both alternatives, HTML stripped)."""
    m = message_from_bytes(raw.encode("utf-8"), policy=policy.default)
    out = []
    for part in m.walk():
        if part.get_content_maintype() == "text":
            c = part.get_content()
            out.append(html_to_text(c) if part.get_content_subtype() == "html" else c)
    return "\n".join(out)


def check_value(q, v, where):
    t = q["type"]
    if t == "scale":
        assert type(v) is int and q["min"] <= v <= q["max"], (where, q["key"], v)
    elif t == "yes_no":
        assert v in ("yes", "no"), (where, q["key"], v)
    elif t == "choice":
        keys = [o["key"] for o in q["options"]]
        if q.get("multiple"):
            assert isinstance(v, list) and v and len(set(v)) == len(v), (where, q["key"], v)
            assert all(k in keys for k in v), (where, q["key"], v)
            assert v == sorted(v, key=keys.index), (where, q["key"], "list not in option order", v)
        else:
            assert isinstance(v, str) and v in keys, (where, q["key"], v)
    elif t == "number":
        assert type(v) is int, (where, q["key"], v)
        assert q.get("min", -10**9) <= v <= q.get("max", 10**9), (where, q["key"], v)
    elif t == "text":
        assert isinstance(v, dict) and set(v) == {"contains", "not_contains"}, (where, q["key"], v)
        assert v["contains"] and all(isinstance(s, str) and s.strip() for s in v["contains"]), (where, v)
        assert all(isinstance(s, str) and s.strip() for s in v["not_contains"]), (where, v)
    else:
        raise AssertionError((where, "unknown type", t))


def validate(case):
    where = case["id"]
    d = DEFS[case["definition"]]
    e = case["expected"]
    ch = case["channel"]
    assert ch in ("email", "sms"), where
    assert isinstance(case["message"], str) and case["message"].strip(), where
    assert e["intent"] in INTENTS, where
    assert set(e) <= {"intent", "answers", "unclear", "rsvp"}, where
    qs = {q["key"]: q for q in d.get("questions", [])}

    if case["awaiting"] is not None:
        assert ch == "sms" and d["kind"] == "survey" and case["awaiting"] in qs, where

    answers, unclear = e.get("answers", {}), e.get("unclear", [])
    if answers:
        assert d["kind"] == "survey" and e["intent"] == "answers", where
    if e["intent"] == "answers":
        assert answers, (where, "answers intent without answers")
    for k, v in answers.items():
        assert k in qs, (where, k)
        check_value(qs[k], v, where)
    assert len(set(unclear)) == len(unclear) and all(k in qs for k in unclear), (where, unclear)
    assert not set(unclear) & set(answers), (where, "key both answered and unclear")
    if unclear:
        assert e["intent"] in ("answers", "unclear"), where
    if case["awaiting"] and e["intent"] in ("answers", "unclear") and (answers or unclear):
        # a one-question SMS answers (or fails to answer) the awaited question
        assert set(answers) | set(unclear) == {case["awaiting"]}, where

    if e["intent"] == "rsvp":
        assert d["kind"] == "meeting", where
        r = e["rsvp"]
        assert set(r) == {"attending", "guests"} and r["attending"] in ("yes", "no", "maybe"), where
        assert type(r["guests"]) is int and 0 <= r["guests"] <= d["max_guests"], (where, r)
        if r["attending"] == "no":
            assert r["guests"] == 0, where
    else:
        assert "rsvp" not in e, where

    # ---- the message itself
    if ch == "sms":
        assert "\nFrom:" not in case["message"] and len(case["message"]) < 400, where
        visible = case["message"]
        own_words_source = ""
    else:
        raw = case["message"]
        meta = case["meta"]
        if meta.get("cte") != "8bit":
            assert raw.isascii(), (where, "non-8bit message must be 7-bit clean")
        em = message_from_bytes(raw.encode("utf-8"), policy=policy.default)
        for h in ("From", "To", "Subject", "Date", "Message-ID", "MIME-Version"):
            assert em[h] is not None, (where, "missing header", h)
        assert not em.defects, (where, em.defects)
        client = meta.get("client", "")
        human = not client.startswith(("auto:", "bounce:"))
        if human:
            if meta.get("thread", True):
                assert em["In-Reply-To"] and em["References"], (where, "reply without threading headers")
            if not meta.get("custom_subject"):
                assert re.match(r"(?i)^(re|sv): ", str(em["Subject"]).strip()), (where, em["Subject"])
            assert "svar+" in str(em["To"]), where
        if client.startswith("bounce:"):
            assert em.get_content_type() == "multipart/report", where
            assert em.get_param("report-type") == "delivery-status", where
            assert any(p.get_content_type() == "message/delivery-status" for p in em.walk()), where
        if client.startswith("auto:"):
            assert re.match(r"(?i)^(automatisk svar|autosvar|fraværende|re|ferie|tak for)", str(em["Subject"]).strip()), (where, str(em["Subject"]))
        visible = email_text(raw)
        lines, _ = invitation(case["definition"], "X")
        own_words_source = "\n".join(lines)

    # text answers: phrases present where they should be
    for k, v in answers.items():
        if qs[k]["type"] != "text":
            continue
        for s in v["contains"]:
            assert fold(s) in fold(visible), (where, "contains phrase not in message", s)
            if own_words_source:
                assert fold(s) not in fold(own_words_source), (where, "contains phrase is from the quote", s)
        for s in v["not_contains"]:
            assert fold(s) in fold(visible), (where, "not_contains phrase never occurs", s)
            assert not any(fold(s) in fold(c) for c in v["contains"]), (where, "contradiction", s)


# ===========================================================================
# Main
# ===========================================================================

def main():
    build()
    cases = list(CASES)
    random.Random(20270201).shuffle(cases)
    for i, c in enumerate(cases, 1):
        c["id"] = f"ho3-{i:03d}"
    seen = set()
    for c in cases:
        key = (c["definition"], c["channel"], c["message"])
        assert key not in seen, ("duplicate case", c["id"])
        seen.add(key)
        validate(c)

    with OUT.open("w", encoding="utf-8", newline="\n") as f:
        for c in cases:
            rec = {"id": c["id"], "definition": c["definition"], "channel": c["channel"],
                   "message": c["message"]}
            if c["awaiting"]:
                rec["awaiting"] = c["awaiting"]
            rec["expected"] = c["expected"]
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")

    # Re-read: every line must be one JSON object in the documented shape.
    n = 0
    with OUT.open(encoding="utf-8") as f:
        for line in f:
            obj = json.loads(line)
            assert set(obj) <= {"id", "definition", "channel", "message", "awaiting", "expected"}
            assert obj["definition"] in DEFS
            n += 1
    assert n == len(cases)

    def show(title, counter):
        total = sum(counter.values())
        print(f"\n{title}:")
        for k, v in sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0]))):
            print(f"  {str(k):<28} {v:4d}  {100 * v / total:5.1f}%")

    print(f"wrote {n} cases to {OUT}")
    show("by channel", collections.Counter(c["channel"] for c in cases))
    show("by intent", collections.Counter(c["expected"]["intent"] for c in cases))
    show("by definition", collections.Counter(c["definition"] for c in cases))
    show("intent x channel", collections.Counter(f"{c['expected']['intent']}/{c['channel']}" for c in cases))
    show("intent x definition",
         collections.Counter(f"{c['expected']['intent']}/{c['definition']}" for c in cases))
    emails = [c for c in cases if c["channel"] == "email"]
    show("email client", collections.Counter(c["meta"].get("client") for c in emails))
    show("email charset/encoding (human replies and auto-replies)",
         collections.Counter(f"{c['meta'].get('cs')}/{c['meta'].get('cte')}" for c in emails
                             if "cs" in c["meta"]))
    show("email body shape", collections.Counter(c["meta"].get("fmt") for c in emails if "fmt" in c["meta"]))
    smss = [c for c in cases if c["channel"] == "sms"]
    print(f"\nSMS with awaiting: {sum(1 for c in smss if c['awaiting'])} of {len(smss)}")
    print(f"cases with unclear keys: {sum(1 for c in cases if c['expected'].get('unclear'))}")
    print(f"cases with a text answer: "
          f"{sum(1 for c in cases if any(isinstance(v, dict) for v in c['expected'].get('answers', {}).values()))}")


if __name__ == "__main__":
    sys.exit(main())
