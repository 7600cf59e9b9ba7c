#!/usr/bin/env python3
"""Build held-out set 5 of labelled citizen replies (cases.jsonl).

Copied from ../shared/corpus/make_corpus.py with all of its machinery kept;
only the content is new: definitions.json (a survey on rainwater, sewers and
cloudbursts, a survey on volunteering and associations, a citizens' meeting
about a new bridge with max_guests 1 and a youth workshop on leisure with
max_guests 0), the invitation texts in INV and every reply below.

Standard library only (Python 3.11).  Usage:

    python3 make_heldout5.py          # writes cases.jsonl next to this file

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
    "vand": {
        "subject": "Borgerpanelet: Regnvand, kloak og skybrud",
        "sent": datetime(2027, 2, 2, 9, 45, 3, tzinfo=CET),
        "intro": [
            "Kommunen og Nørrevig Forsyning arbejder på at gøre byen bedre rustet til",
            "skybrud. Vi vil gerne høre om dine erfaringer med regnvand og kloak.",
            "Det tager kun et par minutter.",
            "",
            "Svar ved at besvare denne mail. Skriv spørgsmålets nummer og dit svar,",
            "fx \"1: 4\", eller skriv dine svar under hvert spørgsmål.",
        ],
        "deadline": "mandag den 15. februar 2027",
    },
    "frivillig": {
        "subject": "Borgerpanelet: Frivillighed og foreningsliv",
        "sent": datetime(2027, 2, 8, 14, 5, 41, tzinfo=CET),
        "intro": [
            "Foreningslivet i Nørrevig bygger på frivillige kræfter. Vi vil gerne vide,",
            "hvordan kommunen bedst kan støtte frivillige og foreninger.",
            "",
            "Svar ved at besvare denne mail. Skriv spørgsmålets nummer og dit svar,",
            "fx \"1: 4\", eller skriv dine svar under hvert spørgsmål.",
        ],
        "deadline": "søndag den 21. februar 2027",
    },
    "bromoede": {
        "subject": "Invitation: Borgermøde om ny bro over Vigen",
        "sent": datetime(2027, 2, 15, 11, 20, 17, tzinfo=CET),
        "intro": [
            "Kommunen vil bygge en ny bro over Vigen mellem Nørrevig og Søby.",
            "Ingeniørerne viser de tre forslag til broens placering, og der er god tid",
            "til spørgsmål og debat. Der serveres kaffe.",
        ],
    },
    "ungeworkshop": {
        "subject": "Invitation: Ungeworkshop om fritid",
        "sent": datetime(2027, 2, 22, 15, 30, 2, tzinfo=CET),
        "intro": [
            "Hvad skal der til, for at unge i Nørrevig får en bedre fritid? På",
            "workshoppen arbejder vi i små grupper med jeres idéer, og der er pizza",
            "og sodavand. Workshoppen er for panelets medlemmer mellem 15 og 25 år.",
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


QUOTE_FRAGMENT = {"vand": "Hvad kan kommunen gøre bedre, når det regner kraftigt",
                  "frivillig": "Hvad kan kommunen gøre for at hjælpe foreningerne"}

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
    # ------------------------------------------------------------------ vand
    mail("vand", W("Kasper Mølholm", "kasper.molholm@gmail.com"),
         ANS(tryghed=2, kaelder="yes", varsling="sms", tiltag=["bassiner", "kloakroer", "sandsaekke"], toender=1,
             forbedring=TXT("rens kloakristene oftere", no=["Mvh Kasper"])),
         top="1: 2\n2: ja\n3: A\n4: A, B og D\n5: 1\n"
             "6: Rens kloakristene oftere, især på Engvej hvor vandet står højt hver gang\n\nMvh Kasper")

    mail("vand", W("Poul Erik Kjærgaard", "pek@kjaergaard-raadgivning.dk"),
         ANS(tryghed=2, kaelder="yes", varsling="dmi", tiltag=["kloakroer", "raadgivning"], toender=0,
             forbedring=TXT("separatkloakering i den gamle bydel", no=["Kjærgaard Rådgivning", "98 76 54 32"])),
         client="outlook", sendt=0, prefix="SV: ",
         top="Hej Borgerpanel\n\nHermed mine svar:\n\n1) to\n2) Ja, i 2022 og igen sidste sommer\n3) DMI's app\n"
             "4) Renovering af gamle kloakrør og rådgivning om sikring af huset\n5) ingen\n"
             "6) Separatkloakering i den gamle bydel burde have været lavet for længe siden.\n\n"
             "Med venlig hilsen\n\nPoul Erik Kjærgaard\nIngeniør\nKjærgaard Rådgivning ApS\nTlf. 98 76 54 32")

    mail("vand", W("Sidsel Ravn", "sidsel.ravn@icloud.com"),
         ANS(tryghed=4, kaelder="no", varsling="dmi", tiltag=["regnbede"], toender=2,
             forbedring=TXT("plant flere træer", no=["Sendt fra min iPhone"])),
         client="iphone", top="4\nNej\nB\nC\n2\nPlant flere træer")

    mail("vand", W("Mogens Friis", "mogens.friis58@gmail.com"),
         ANS(tryghed=3, kaelder="no", varsling="naboer", tiltag=["bassiner", "regnbede"], toender=0),
         inline={1: "3", 2: "Nej heldigvis ikke", 3: "D - vi har en fb gruppe på vejen", 4: "A og C",
                 5: "0, men vi overvejer at købe en"})

    mail("vand", W("Henny Ravnkilde", "henny.ravnkilde@me.com"),
         ANS(tryghed=1, kaelder="yes", varsling="radio",
             tiltag=["bassiner", "kloakroer", "regnbede", "sandsaekke", "raadgivning"], toender=0,
             forbedring=TXT("brønden på hjørnet løber over", no=["Henny Ravnkilde"])),
         client="apple",
         top="Hej\n\n1. Slet ikke tryg. Vi har haft vand i kælderen tre gange!\n2. Ja\n3. Radio\n4. Alle sammen\n"
             "5. 0\n6. Kom ud og se på det selv, når det regner. Brønden på hjørnet løber over hver gang.\n\n"
             "Venlig hilsen\nHenny Ravnkilde")

    mail("vand", W("Jakob Thorup", "jakob.thorup@outlook.dk"),
         ANS(tryghed=5, kaelder="no", varsling="sms", tiltag=["raadgivning"], toender=3,
             forbedring=TXT("I gør det godt", no=["Sendt fra Outlook til Android"])),
         client="android", top="1: 5\n2: nej\n3: a\n4: e\n5: 3\n6: Ikke noget, I gør det godt")

    mail("vand", W("Conni Westergaard", "conni.w@hotmail.com"),
         ANS(tryghed=3, kaelder="no", varsling="sms", tiltag=["bassiner", "regnbede"], toender=2),
         client="samsung",
         top="Jeg er nogenlunde tryg så 3. Vi har aldrig haft vand i kælderen. Jeg får besked via sms fra "
             "kommunen. Pengene skal bruges på regnvandsbassiner og regnbede. Vi har 2 tønder.")

    mail("vand", W("Ole Brøndum", "ole@broendum.net"),
         ANS(tryghed=5, kaelder="no", varsling="dmi", tiltag=["kloakroer", "sandsaekke"], toender=4,
             forbedring=TXT("låne sandsække gratis", no=["Venlig hilsen\nOle"])),
         client="thunderbird",
         inline={1: "Meget tryg", 2: "Nej", 3: "B", 4: "B og D", 5: "4",
                 6: "Lad folk låne sandsække gratis ved genbrugspladsen, inden det går løs."},
         bottom="Venlig hilsen\nOle")

    mail("vand", W("Birgitte Lykkegaard", "birgitte@lykkegaard-tegnestue.dk"),
         ANS(tryghed=2, kaelder="yes", varsling="naboer", tiltag=["bassiner"], toender=1,
             forbedring=TXT("bedre varsling om natten", no=["Birgitte"])),
         client="roundcube", fmt="html", entities=True,
         bottom="1: 2\n2: ja\n3: D\n4: A\n5: 1\n6: Bedre varsling om natten – jeg sov, da kælderen blev "
                "oversvømmet\n\nBirgitte")

    mail("vand", W("Frank Vestergaard", "frank.vestergaard@yahoo.dk"),
         ANS(tryghed=4, kaelder="no", varsling="sms", tiltag=["regnbede"], toender=0),
         client="yahoo", top="Hej. 1) 4 2) nej 3) SMS 4) grønne tage 5) 0 6) -")

    mail("vand", W("Jørn Tastesen", "jorn.tastesen@gmail.com"),
         ANS(tryghed=3, kaelder="yes", varsling="sms", tiltag=["kloakroer"], toender=3),
         top="1: 3\n2: ja\n3: A\n4: B\n5: 2 - nej vent, det er 3, vi fik en ny i sommer\n\nHilsen Jørn")

    mail("vand", W("Lisbeth Kirkegaard", "lisbeth.kirkegaard@gmail.com"),
         ANS(unclear=["toender"], tryghed=4, kaelder="no", varsling="dmi", tiltag=["regnbede", "raadgivning"]),
         top="1: 4\n2: nej\n3: B\n4: C og E\n5: 12 (vi samler regnvand til drivhuset)\n\nLisbeth")

    mail("vand", W("Arne Bisgaard", "arne.bisgaard@mail.dk"),
         ANS(unclear=["varsling"], tryghed=2, kaelder="yes", tiltag=["bassiner"], toender=0),
         client="outlook", cs="iso-8859-1", sendt=2, prefix="Sv: ",
         top="1: 2\n2: ja\n3: A og B\n4: A\n5: 0\n\nMvh Arne Bisgaard")

    mail("vand", W("Anja Mikkelsen", "anja.mikkelsen@gmail.com"),
         ANS(tryghed=1, kaelder="yes", varsling="sms", tiltag=["bassiner", "kloakroer"], toender=0),
         top="1: 1\n2: ja\n3: A\n4: A og B\n5: 0\n\nHvornår kan man se resultaterne af undersøgelsen?\n\n"
             "Mvh Anja og Peter")

    mail("vand", W("Claus Høeg", "claus.hoeg@icloud.com"),
         ANS(kaelder="yes"),
         client="iphone",
         top="Jeg springer de fleste over. Men til spm 2: ja, vi havde 20 cm vand i kælderen i august.")

    mail("vand", W("Inger Lund", "inger.lund@post.tele.dk"),
         ANS(tryghed=2, kaelder="yes", varsling="radio", tiltag=["sandsaekke"], toender=0,
             forbedring=TXT("husk de ældre", no=["Inger Lund", "Mange hilsner"])),
         client="outlook", cs="iso-8859-1", sendt=1, prefix="SV: ",
         top="Kære Borgerpanel\n\n1. Jeg er ikke særlig tryg, vil sige 2\n2. Ja desværre\n3. Radioen\n4. Sandsække\n"
             "5. ingen\n6. Husk de ældre, vi kan ikke selv bære sandsække ned i kælderen.\n\n"
             "Mange hilsner\nInger Lund")

    mail("vand", W("Rasmus Kold", "rasmus.kold@gmail.com"),
         ANS(tryghed=4, kaelder="no", varsling="dmi", tiltag=["bassiner", "kloakroer"], toender=1),
         quote=False, top="tryghed: 4, kælder: nej, varsling: DMI, tiltag: bassiner + kloakrør, tønder: 1")

    mail("vand", W("Tanja Holt", "tanja.holt@icloud.com"),
         ANS(tryghed=2, kaelder="yes", varsling="sms", tiltag=["bassiner", "kloakroer", "sandsaekke"], toender=0,
             forbedring=TXT("tøm rendestenene", no=["ABD 0"])),
         client="iphone", mobile_sig=False, top="2 ja A ABD 0 Tøm rendestenene")

    mail("vand", W("Bjarne Isaksen", "bjarne.isaksen@gmail.com"),
         ANS(tryghed=2, kaelder="yes", varsling="sms", tiltag=["bassiner", "regnbede"], toender=0,
             forbedring=TXT("stop med at give byggetilladelser", no=["Hilsen Bjarne"])),
         top="1: 2\n2: ja\n3: A\n4: A og C\n5: 0\n6: Stop med at give byggetilladelser i lavningerne ved åen!\n\n"
             "Hilsen Bjarne")

    mail("vand", W("Lene Dahl", "lene.dahl@dahl-fysioterapi.dk"),
         ANS(tryghed=5, kaelder="no", varsling="sms", tiltag=["sandsaekke", "raadgivning"], toender=0),
         client="outlook", sendt=2,
         top="Svar:\n1 - 5 Meget tryg\n2 - Nej\n3 - A\n4 - D & E\n5 - 0\n\nMvh Lene\nDahl Fysioterapi")

    mail("vand", W("Kaj Overby", "kaj.overby@gmail.com"),
         ANS(tryghed=3, kaelder="yes", varsling="radio", tiltag=["kloakroer"], toender=2),
         top="1: 3\n2: nej... jo faktisk, der kom lidt vand i kælderen i 2021\n3: C\n4: B\n5: 2\n\nKaj")

    mail("vand", W("Gitte Brandt", "gitte.brandt@outlook.com"),
         ANS(tryghed=3, kaelder="no", varsling="naboer", tiltag=["bassiner", "sandsaekke"], toender=0),
         client="android", top="1 3\n2 nej\n3 naboerne\n4 flere bassiner og gratis sandsække\n5 0")

    mail("vand", W("Tove Lindberg", "tove.lindberg@gmail.com"),
         ANS(tryghed=2, kaelder="no", varsling="dmi", tiltag=["kloakroer"], toender=0),
         top="Hej, jeg synes ikke helt, at kommunen er klar - 2 ud af 5. Vi har ikke haft vand i kælderen, men "
             "naboen har. Jeg hører om det på DMI. Brug pengene på kloakrørene. Vi har ingen regnvandstønde.\n\n"
             "Mvh Tove")

    mail("vand", W("Erik Damgaard", "erik.damgaard@me.com"),
         ANS(forbedring=TXT("grøften langs Skovvejen skal renses op", no=["Erik"])),
         client="apple",
         top="Jeg har kun ét svar, til nr. 6: Grøften langs Skovvejen skal renses op, den er groet helt til.\n\n"
             "Erik")

    mail("vand", W("Dorte Würtz", "dorte.wurtz@gmail.com"),
         ANS(unclear=["tryghed"], kaelder="no", varsling="dmi", tiltag=["regnbede"], toender=1),
         top="1: 2 eller 3\n2: nej\n3: B\n4: C\n5: 1\n\nDorte")

    mail("vand", W("Hussein Ali", "hussein.ali@hotmail.com"),
         ANS(tryghed=1, kaelder="yes", varsling="naboer", tiltag=["kloakroer", "raadgivning"], toender=0,
             forbedring=TXT("svar på telefonen", no=["Sendt fra min Galaxy"])),
         client="samsung",
         top="1. 1\n2. Ja, to gange\n3. Naboer\n4. Kloakrør og rådgivning\n5. Ingen\n"
             "6. Svar på telefonen når vi ringer til forsyningen om natten")

    # ------------------------------------------------------------- frivillig
    mail("frivillig", W("Louise Brask", "louise.brask@gmail.com"),
         ANS(anbefal=8, stoette=4, aktiv="yes", omraade="boernunge", timer=12,
             hjaelp=TXT("gratis lokaler til møder", no=["Mvh Louise"])),
         top="1: 8\n2: 4\n3: ja\n4: B\n5: 12\n6: Gratis lokaler til møder\n\nMvh Louise")

    mail("frivillig", W("Torben Mikkelsen", "torben.mikkelsen@nrv-spejder.dk"),
         ANS(anbefal=10, stoette=4, aktiv="yes", omraade="boernunge", timer=20,
             hjaelp=TXT("mindre bureaukrati", no=["Kasserer", "1. Nørrevig Gruppe"])),
         client="outlook", sendt=1, prefix="SV: ",
         top="Hej\n\n1) 10\n2) Delvist enig\n3) Ja, i spejderne\n4) Børn og unge\n5) 20\n"
             "6) Mindre bureaukrati, når man søger tilskud.\n\nVenlig hilsen\nTorben Mikkelsen\n"
             "Kasserer, 1. Nørrevig Gruppe")

    mail("frivillig", W("Pia Sommer", "pia.sommer@icloud.com"),
         ANS(anbefal=7, stoette=2, aktiv="no", omraade="social", timer=0),
         client="iphone", top="7\nUenig\nNej\nA\n0")

    mail("frivillig", W("Jens Peder Hviid", "jp.hviid@gmail.com"),
         ANS(anbefal=0, stoette=1, aktiv="no", omraade="lokalraad", timer=0,
             hjaelp=TXT("betal de frivillige trænere", no=["JP"])),
         top="1: 0 – jeg ville aldrig anbefale det, man bliver brændt ud\n2: helt uenig\n3: ikke længere\n4: D\n"
             "5: 0\n6: Betal de frivillige trænere lidt, så de bliver\n\nJP")

    mail("frivillig", W("Vivi Clausen", "vivi.clausen@mail.dk"),
         ANS(anbefal=7, stoette=3, aktiv="yes", omraade="social", timer=8),
         client="outlook", cs="iso-8859-1", sendt=0, prefix="SV: ",
         top="Hej\n\n1: syv\n2: hverken enig eller uenig\n3: ja\n4: socialt arbejde\n5: otte\n\nVenlig hilsen\nVivi")

    mail("frivillig", W("Nikolaj Bruun", "nikolaj.bruun@gmail.com"),
         ANS(unclear=["anbefal"], stoette=4, aktiv="yes", omraade="natur", timer=5),
         top="1: 11!! Det er det bedste jeg har gjort\n2: 4\n3: ja\n4: C\n5: 5\n\nNikolaj")

    mail("frivillig", W("Karen Margrethe Due", "km.due@gmail.com"),
         ANS(unclear=["stoette"], anbefal=6, aktiv="no", omraade="lokalraad"),
         top="1. 6\n2. 0 - de gør ingenting\n3. nej\n4. D\n\nKaren Margrethe")

    mail("frivillig", W("Martin Skov", "martin.skov@outlook.com"),
         ANS(unclear=["anbefal"], stoette=3, aktiv="yes", omraade="boernunge", timer=10),
         client="android", top="1: 6-7\n2: 3\n3: Ja\n4: B\n5: 10")

    mail("frivillig", W("Hanne Bøgelund", "hanne.bogelund@gmail.com"),
         ANS(anbefal=9, stoette=4, aktiv="yes", omraade="natur", timer=6),
         top="1: 9\n2: 4\n3: ja\n4: A\n5: 6\n\nRettelse: spm 4 skal være C, ikke A.\n\nHanne")

    mail("frivillig", W("Søren Aaskov", "soren.aaskov@gmail.com"),
         ANS(unclear=["timer"], anbefal=8, stoette=2, aktiv="yes", omraade="social"),
         top="1: 8\n2: 2\n3: ja\n4: A\n5: 2 om ugen\n\nSøren")

    mail("frivillig", W("Lone Qvist", "lone.qvist@me.com"),
         ANS(anbefal=9, stoette=2, aktiv="yes", omraade="social", timer=10),
         client="apple",
         top="Hej\n\nJeg er selv frivillig i Røde Kors, så ja. Jeg bruger 10 timer om måneden. Jeg vil helst "
             "arbejde med det sociale. Anbefale det til en ven? Klart, 9 ud af 10. Om kommunen støtter nok: "
             "delvist uenig.\n\nVenlig hilsen\nLone")

    mail("frivillig", W("Mehmet Yilmaz", "mehmet.yilmaz@gmail.com"),
         ANS(anbefal=8, stoette=4, aktiv="yes", omraade="boernunge", timer=15,
             hjaelp=TXT("børneattester", no=["Mehmet"])),
         top="1) 8\n2) enig\n3) det er jeg\n4) B\n5) 15\n"
             "6) Gør det nemmere at få børneattester, det tager alt for lang tid\n\nMvh Mehmet")

    mail("frivillig", W("Birthe Aagaard", "birthe.aagaard@gmail.com"),
         ANS(anbefal=5, stoette=3, aktiv="no", omraade="natur", timer=0),
         top="1: 5\n2: 3\n3: nej, ikke endnu\n4: C\n5: 0\n\nHvor kan jeg læse mere om Frivilligcentret?\n\n"
             "Mvh Birthe")

    mail("frivillig", W("Carl Emil Lund", "carlemil.lund@nrv-lokalraad.dk"),
         ANS(hjaelp=TXT("fast kontaktperson på rådhuset", no=["Formand for Søby Lokalråd", "20 30 40 50"])),
         client="outlook", sendt=2,
         top="Jeg springer tallene over, men til spørgsmål 6:\n\nVi har brug for en fast kontaktperson på "
             "rådhuset. Hver gang vi ringer, bliver vi sendt videre.\n\nMed venlig hilsen\nCarl Emil Lund\n"
             "Formand for Søby Lokalråd\nTlf. 20 30 40 50")

    mail("frivillig", W("Ulla Bech", "ulla.bech@gmail.com"),
         ANS(anbefal=10, stoette=5, aktiv="yes", omraade="social", timer=30,
             hjaelp=TXT("flere penge til besøgsvennerne", no=["Ulla"])),
         client="thunderbird",
         inline={1: "10", 2: "Helt enig", 3: "Ja", 4: "A", 5: "30",
                 6: "Flere penge til besøgsvennerne, så vi kan tage de ældre med på tur."},
         bottom="Venlig hilsen\nUlla")

    mail("frivillig", W("Frederik Hald", "frederik.hald@outlook.com"),
         ANS(anbefal=6, stoette=2, aktiv="no", omraade="lokalraad", timer=0,
             hjaelp=TXT("bedre information om hvilke foreninger", no=["Sendt fra Outlook til Android"])),
         client="android",
         top="1. 6\n2. Uenig\n3. Nej\n4. Beboer- og lokalråd\n5. 0\n"
             "6. Bedre information om hvilke foreninger der mangler hjælp")

    mail("frivillig", W("Susanne Lauritsen", "sus.lauritsen@hotmail.com"),
         ANS(anbefal=9, stoette=4, aktiv="yes", omraade="natur", timer=6,
             hjaelp=TXT("flere penge til materialer", no=["Sendt fra min Galaxy"])),
         client="samsung", top="9, enig, ja, natur og miljø, 6, flere penge til materialer")

    mail("frivillig", W("Preben Juul", "preben.juul@yahoo.dk"),
         ANS(anbefal=3, stoette=1, aktiv="no", timer=0),
         client="yahoo",
         top="1: 3\n2: Meget uenig. Vores forening fik afslag tre år i træk\n3: Nej, jeg stoppede sidste år\n"
             "5: 0\n\nPreben")

    mail("frivillig", W("Amalie Storm", "amalie.storm@gmail.com"),
         ANS(anbefal=8, stoette=3, aktiv="yes", omraade="boernunge", timer=4),
         top="1: 8 tror jeg\n2: 3\n3: ja, i lektiecaféen\n4: Børn og unge\n5: 4\n\nAmalie")

    mail("frivillig", W("Klaus Winther", "klaus@winther-vvs.dk"),
         ANS(anbefal=7, stoette=4, aktiv="yes", omraade="lokalraad", timer=3),
         client="roundcube", bottom="1: 7\n2: 4\n3: Ja\n4: D\n5: 3\n\nKlaus Winther\nWinther VVS")

    mail("frivillig", W("Else Fog", "else.fog@icloud.com"),
         ANS(anbefal=10, aktiv="yes", timer=40),
         client="iphone",
         top="Jeg er frivillig i genbrugsbutikken 40 timer om måneden og kan varmt anbefale det, 10!")

    mail("frivillig", W("Rikke Thygesen", "rikke.thygesen@gmail.com"),
         ANS(anbefal=4, stoette=3, aktiv="no", omraade="natur", timer=0,
             hjaelp=TXT("kortere møder", no=["Rikke"])),
         inline={1: "4", 2: "Hverken enig eller uenig", 3: "Nej", 4: "Natur", 5: "Ingen",
                 6: "Kortere møder og mere handling"},
         bottom="Rikke")

    mail("frivillig", W("Ib Kristoffersen", "ib.kristoffersen@post.tele.dk"),
         ANS(anbefal=8, stoette=2, aktiv="yes", omraade="social", timer=16),
         client="outlook", cs="iso-8859-1", sep="orig", sendt=1, prefix="SV: ",
         top="1 = 8\n2 = 2\n3 = Ja, i Ældresagen\n4 = A\n5 = 16\n\nIb")


def survey_answers_by_sms():
    # ---- vand, one question at a time
    sms("vand", "2", ANS(tryghed=2), awaiting="tryghed")
    sms("vand", "slet ikke tryg", ANS(tryghed=1), awaiting="tryghed")
    sms("vand", "Meget tryg 😊", ANS(tryghed=5), awaiting="tryghed")
    sms("vand", "4 ud af 5", ANS(tryghed=4), awaiting="tryghed")
    sms("vand", "3 nej vent 2", ANS(tryghed=2), awaiting="tryghed")
    sms("vand", "ja desværre", ANS(kaelder="yes"), awaiting="kaelder")
    sms("vand", "Nej, heldigvis", ANS(kaelder="no"), awaiting="kaelder")
    sms("vand", "Det har vi, to gange", ANS(kaelder="yes"), awaiting="kaelder")
    sms("vand", "B", ANS(varsling="dmi"), awaiting="varsling")
    sms("vand", "dmi appen", ANS(varsling="dmi"), awaiting="varsling")
    sms("vand", "Det er tit naboerne der fortæller det", ANS(varsling="naboer"), awaiting="varsling")
    sms("vand", "A+C", ANS(tiltag=["bassiner", "regnbede"]), awaiting="tiltag")
    sms("vand", "sandsække og rådgivning", ANS(tiltag=["sandsaekke", "raadgivning"]), awaiting="tiltag")
    sms("vand", "ingen", ANS(toender=0), awaiting="toender")
    sms("vand", "1 stk", ANS(toender=1), awaiting="toender")
    sms("vand", "Tøm rendestenene for blade om efteråret",
        ANS(forbedring=TXT("tøm rendestenene for blade")), awaiting="forbedring")
    # ---- vand, all in one
    sms("vand", "3 ja A AB 1 flere regnbede i byen",
        ANS(tryghed=3, kaelder="yes", varsling="sms", tiltag=["bassiner", "kloakroer"], toender=1,
            forbedring=TXT("flere regnbede i byen", no=["AB 1"])))
    sms("vand", "1:2 2:nej 3:b 4:c,d 5:0",
        ANS(tryghed=2, kaelder="no", varsling="dmi", tiltag=["regnbede", "sandsaekke"], toender=0))
    sms("vand", "4, nej, radio, bassiner, 2",
        ANS(tryghed=4, kaelder="no", varsling="radio", tiltag=["bassiner"], toender=2))
    sms("vand", "1) 1 2) ja 3) D 4) ABCDE 5) 0 6) I må gerne komme og rense brønden på Vestergade",
        ANS(tryghed=1, kaelder="yes", varsling="naboer",
            tiltag=["bassiner", "kloakroer", "regnbede", "sandsaekke", "raadgivning"], toender=0,
            forbedring=TXT("rense brønden på Vestergade", no=["5) 0"])))
    sms("vand", "5 nej B E 3\nrettelse: spm 1 er 4",
        ANS(tryghed=4, kaelder="no", varsling="dmi", tiltag=["raadgivning"], toender=3))
    sms("vand", "1: 2 og 2: ja", ANS(tryghed=2, kaelder="yes"))
    sms("vand", "Fire. Nej. SMS. Bassiner og kloakrør. To.",
        ANS(tryghed=4, kaelder="no", varsling="sms", tiltag=["bassiner", "kloakroer"], toender=2))
    sms("vand", "6 ja A A 1",
        ANS(unclear=["tryghed"], kaelder="yes", varsling="sms", tiltag=["bassiner"], toender=1))

    # ---- frivillig, one question at a time
    sms("frivillig", "8", ANS(anbefal=8), awaiting="anbefal")
    sms("frivillig", "10/10", ANS(anbefal=10), awaiting="anbefal")
    sms("frivillig", "nul", ANS(anbefal=0), awaiting="anbefal")
    sms("frivillig", "hverken enig eller uenig", ANS(stoette=3), awaiting="stoette")
    sms("frivillig", "delvist uenig", ANS(stoette=2), awaiting="stoette")
    sms("frivillig", "Meget enig!", ANS(stoette=5), awaiting="stoette")
    sms("frivillig", "Ja, i 12 år", ANS(aktiv="yes"), awaiting="aktiv")
    sms("frivillig", "nej ikke p.t.", ANS(aktiv="no"), awaiting="aktiv")
    sms("frivillig", "børn og unge", ANS(omraade="boernunge"), awaiting="omraade")
    sms("frivillig", "natur", ANS(omraade="natur"), awaiting="omraade")
    sms("frivillig", "4 timer", ANS(timer=4), awaiting="timer")
    sms("frivillig", "ingen lige nu", ANS(timer=0), awaiting="timer")
    sms("frivillig", "Hjælp til regnskab og bestyrelsesarbejde. Hilsen Bodil",
        ANS(hjaelp=TXT("hjælp til regnskab og bestyrelsesarbejde", no=["Hilsen Bodil"])), awaiting="hjaelp")
    sms("frivillig", "Stop med at skære i tilskuddene til de små foreninger",
        ANS(hjaelp=TXT("stop med at skære i tilskuddene")), awaiting="hjaelp")
    # ---- frivillig, all in one
    sms("frivillig", "8 4 ja B 10",
        ANS(anbefal=8, stoette=4, aktiv="yes", omraade="boernunge", timer=10))
    sms("frivillig", "1: 9 2: enig 3: ja 4: A 5: 15 6: Flere frivillige til lektiehjælp",
        ANS(anbefal=9, stoette=4, aktiv="yes", omraade="social", timer=15,
            hjaelp=TXT("flere frivillige til lektiehjælp", no=["5: 15"])))
    sms("frivillig", "10, helt enig, ja, børn og unge, 30, gratis haller om aftenen",
        ANS(anbefal=10, stoette=5, aktiv="yes", omraade="boernunge", timer=30,
            hjaelp=TXT("gratis haller om aftenen", no=["30"])))
    sms("frivillig", "5 uenig nej C 0",
        ANS(anbefal=5, stoette=2, aktiv="no", omraade="natur", timer=0))
    sms("frivillig", "1. 7\n2. 3\n3. Nej\n4. D\n5. 0\n6. Mere synlighed om hvilke foreninger der mangler folk",
        ANS(anbefal=7, stoette=3, aktiv="no", omraade="lokalraad", timer=0,
            hjaelp=TXT("mere synlighed om hvilke foreninger der mangler folk", no=["5. 0"])))
    sms("frivillig", "0 helt uenig nej", ANS(anbefal=0, stoette=1, aktiv="no"))
    sms("frivillig", "7 eller 8, enig, ja", ANS(unclear=["anbefal"], stoette=4, aktiv="yes"))
    sms("frivillig", "8 4 ja E 5", ANS(unclear=["omraade"], anbefal=8, stoette=4, aktiv="yes", timer=5))


def rsvps():
    # -------------------------------------------------------- bromoede, email
    mail("bromoede", W("Lars Mortensen", "lars.mortensen@gmail.com"), RSVP("yes"),
         top="Jeg kommer gerne.\n\nHilsen Lars")
    mail("bromoede", W("Jette Rasmussen", "jette.rasmussen@mail.dk"), RSVP("yes", 1),
         client="outlook", sendt=1, prefix="SV: ",
         top="Hej\n\nJeg deltager sammen med min mand.\n\nVenlig hilsen\nJette Rasmussen\nStrandvejen 41, Søby")
    mail("bromoede", W("Mikael Dyhr", "mikael.dyhr@icloud.com"), RSVP("yes", 1),
         client="iphone", top="Vi er to der kommer 👍")
    mail("bromoede", W("Annette Fabricius", "annette.fabricius@me.com"), RSVP("no"),
         client="apple",
         top="Kære Borgerpanel\n\nDesværre, vi er ude at rejse hele marts.\n\nVenlig hilsen\nAnnette Fabricius")
    mail("bromoede", W("Brian Kjeldgaard", "brian.kjeldgaard@outlook.com"), RSVP("no"),
         client="android", top="Kan ikke den dag")
    mail("bromoede", W("Stine Lauesen", "stine.lauesen@gmail.com"), RSVP("maybe"),
         top="Måske – jeg har aftenvagt i den uge og kender ikke vagtplanen endnu.\n\nStine")
    mail("bromoede", W("Erling Haahr", "erling.haahr@post.tele.dk"), RSVP("yes", 1),
         client="outlook", cs="iso-8859-1", sendt=0,
         top="Ja tak. Jeg tager min nabo med, han bor helt ude ved vandet og er meget berørt af broen.\n\n"
             "Mvh Erling Haahr")
    mail("bromoede", W("Dennis Krogh", "dennis@krogh-maler.dk"), RSVP("yes"),
         client="roundcube", bottom="Jeg kommer alene.\n\nDennis")
    mail("bromoede", W("Maja Lindholm", "maja@lindholm.net"), RSVP("maybe"),
         client="thunderbird",
         bottom="Jeg kommer, hvis jeg kan få passet børnene. Jeg giver besked i næste uge.\n\nMaja")
    mail("bromoede", W("Allan Bech", "allan.bech@hotmail.com"), RSVP("yes", 1),
         client="samsung", top="Ja + 1")
    mail("bromoede", W("Hanne Skou", "hanne.skou@gmail.com"), RSVP("yes", 1),
         top="Ja - 2 personer.\n\nHanne Skou")
    mail("bromoede", W("Per Falkenberg", "per.falkenberg@gmail.com"), RSVP("yes"),
         top="Jeg kommer. Bliver der mulighed for at se tegningerne af de tre forslag før mødet?\n\nPer")
    mail("bromoede", W("Bodil Kragh", "bodil.kragh@nrv-advokat.dk"), RSVP("no"),
         client="outlook", sendt=2,
         top="Jeg må desværre melde fra, da jeg er til møde i Aarhus. Men send gerne materialet.\n\n"
             "Med venlig hilsen\nBodil Kragh\nAdvokat")
    mail("bromoede", W("Viggo Holst", "viggo.holst@gmail.com"), RSVP("no"),
         top="Jeg vil gerne afmelde mig mødet, jeg skal på sygehuset den dag.\n\nViggo")
    mail("bromoede", W("Grete Munch", "grete.munch@icloud.com"), RSVP("yes", 1),
         client="iphone", top="Min mand og jeg kommer")
    mail("bromoede", W("Tommy Sand", "tommy.sand@gmail.com"), RSVP("yes"),
         top="Jeg kommer, men min kone bliver hjemme med børnene.\n\nTommy")
    mail("bromoede", W("Ruth Bonde", "ruth.bonde@me.com"), RSVP("no"),
         client="apple", top="Hverken jeg eller min mand kan desværre komme.\n\nRuth")
    mail("bromoede", W("Jesper Olsen", "jesper.olsen@soeby-baadlaug.dk"), RSVP("yes", 1),
         client="outlook", sendt=0,
         top="Tilmelder mig hermed. Jeg kommer sammen med en kollega fra Søby Bådlaug.\n\nMvh\nJesper Olsen\n"
             "Formand, Søby Bådlaug")
    mail("bromoede", W("Yvonne Frandsen", "yvonne.frandsen@yahoo.dk"), RSVP("maybe"),
         client="yahoo", top="Kommer nok, men kan ikke love noget.\n\nYvonne")
    mail("bromoede", W("Kurt Bach", "kurt.bach@gmail.com"), RSVP("yes"),
         top="Ja. Men stop nu det projekt, broen er alt for dyr og ingen har bedt om den!\n\nKurt Bach")

    # ---------------------------------------------------- ungeworkshop, email
    mail("ungeworkshop", W("Emma Lykke", "emma.lykke07@gmail.com"), RSVP("yes"),
         top="Ja jeg kommer!!")
    mail("ungeworkshop", W("Mathias Holm", "mathias.holm@icloud.com"), RSVP("no"),
         client="iphone", top="Jeg kan ikke, har håndbold den dag")
    mail("ungeworkshop", W("Sara Nielsen", "sara.nielsen@outlook.dk"), RSVP("maybe"),
         client="android", top="Måske hvis jeg kan bytte min vagt i Netto")
    mail("ungeworkshop", W("Oliver Kjær", "oliver.kjaer@gmail.com"), RSVP("yes"),
         top="Jeg kommer, er det ok at jeg går kl. 19?\n\n/Oliver")
    mail("ungeworkshop", W("Freja Dam", "freja.dam@gmail.com"), RSVP("yes"),
         top="Jeg deltager 😊 Er der også vegetarpizza?\n\nFreja")
    mail("ungeworkshop", W("Noah Andersen", "noah.andersen@hotmail.com"), RSVP("no"),
         client="samsung", top="Nej tak, det er ikke lige mig.")
    mail("ungeworkshop", W("Ida Marie Sørensen", "idamarie.s@me.com"), RSVP("yes"),
         client="apple", top="Kommer alene 🙂")
    mail("ungeworkshop", W("Jonas Winther", "jonas.winther@nrv-gym.dk"), RSVP("no"),
         client="outlook", sendt=1,
         top="Hej\n\nJeg kan desværre ikke deltage. Held og lykke med workshoppen.\n\nJonas Winther\n3.g, Nørrevig Gymnasium")
    mail("ungeworkshop", W("Alberte Kock", "alberte.kock@gmail.com"), RSVP("no"),
         top="Jeg må desværre afmelde, jeg er på skiferie med min familie i uge 11.\n\nAlberte")

    # ---------------------------------------------------------- bromoede, SMS
    sms("bromoede", "ja", RSVP("yes"))
    sms("bromoede", "Ja tak, vi er 2", RSVP("yes", 1))
    sms("bromoede", "kommer m. min kæreste", RSVP("yes", 1))
    sms("bromoede", "Nej", RSVP("no"))
    sms("bromoede", "Kan ikke desværre", RSVP("no"))
    sms("bromoede", "måske", RSVP("maybe"))
    sms("bromoede", "Jeg + 1", RSVP("yes", 1))
    sms("bromoede", "Kommer, men må stoppe kl 20.30", RSVP("yes"))
    sms("bromoede", "ikke denne gang", RSVP("no"))
    sms("bromoede", "det ved jeg ikke endnu", RSVP("maybe"))
    sms("bromoede", "JEP", RSVP("yes"))
    sms("bromoede", "Jeg kommer, men ikke min mand", RSVP("yes"))
    sms("bromoede", "Ja og min bror", RSVP("yes", 1))
    sms("bromoede", "nej tak, er på ferie", RSVP("no"))
    sms("bromoede", "Måske, afhænger af vejret 🌧", RSVP("maybe"))
    sms("bromoede", "Selvfølgelig kommer jeg. Broen skal ligge ved Kalkværket! /Søren", RSVP("yes"))

    # ------------------------------------------------------ ungeworkshop, SMS
    sms("ungeworkshop", "ja", RSVP("yes"))
    sms("ungeworkshop", "jaaa kommer 🙌", RSVP("yes"))
    sms("ungeworkshop", "nej", RSVP("no"))
    sms("ungeworkshop", "kan ik", RSVP("no"))
    sms("ungeworkshop", "måske", RSVP("maybe"))
    sms("ungeworkshop", "deltager gerne", RSVP("yes"))
    sms("ungeworkshop", "nope", RSVP("no"))
    sms("ungeworkshop", "Ved ikk endnu, skal se om jeg har træning", RSVP("maybe"))
    sms("ungeworkshop", "ja men kommer lidt senere", RSVP("yes"))


def unsubscribes():
    sms("vand", "STOP", INTENT("unsubscribe"))
    sms("frivillig", "afmeld", INTENT("unsubscribe"))
    sms("ungeworkshop", "meld mig ud", INTENT("unsubscribe"))
    sms("vand", "Slet mig", INTENT("unsubscribe"), awaiting="toender")
    sms("frivillig", "Jeg gider ikke flere af de her beskeder. Fjern mit nummer", INTENT("unsubscribe"))
    sms("bromoede", "Stop. Ønsker ikke flere beskeder", INTENT("unsubscribe"))
    sms("vand", "stop stop stop", INTENT("unsubscribe"))

    mail("vand", W("Gert Lorentzen", "gert.lorentzen@gmail.com"), INTENT("unsubscribe"),
         top="Meld mig ud af borgerpanelet tak.\n\nGert")
    mail("frivillig", W("Lisbet Harder", "lisbet.harder@nrv-tandlaege.dk"), INTENT("unsubscribe"),
         client="outlook", sendt=1, prefix="SV: ",
         top="Hej\n\nJeg ønsker ikke længere at deltage i borgerpanelet. Venligst slet mine oplysninger.\n\n"
             "Med venlig hilsen\nLisbet Harder\nTandlæge")
    mail("bromoede", W("Kenneth Boye", "kenneth.boye@icloud.com"), INTENT("unsubscribe"),
         client="iphone", top="Jeg er flyttet til Odense, så I kan fjerne mig fra panelet.")
    mail("ungeworkshop", W("Victor Juhl", "victor.juhl@gmail.com"), INTENT("unsubscribe"),
         top="Jeg er 26 nu og gider ikke være med i panelet mere. Slet mig")
    mail("vand", W("Ruth Kirkebæk", "ruth.kirkebaek@post.tele.dk"), INTENT("unsubscribe"),
         client="outlook", cs="iso-8859-1", sep="orig", sendt=0, prefix="SV: ",
         top="Til Borgerpanelet\n\nMin mor, Ruth Kirkebæk, er flyttet på plejehjem og kan ikke længere svare. "
             "Vil I venligst fjerne hende fra listen?\n\nVenlig hilsen\nAnne Kirkebæk (datter)")
    mail("frivillig", W("Henrik Dall", "henrik.dall@yahoo.dk"), INTENT("unsubscribe"),
         client="yahoo", top="AFMELD")
    mail("bromoede", W("Karl Aagesen", "karl.aagesen@gmail.com"), INTENT("unsubscribe"),
         quote=False, thread=False, subject="Udmeldelse",
         top="Hej, jeg vil gerne udmeldes af borgerpanelet. Tak for nu.\n\nKarl Aagesen")
    mail("vand", W("Dorthe Quist", "dorthe.quist@hotmail.com"), INTENT("unsubscribe"),
         client="samsung", top="Jeg trækker mig fra panelet. Der sker alligevel ikke noget med det vi svarer.")


def auto_replies():
    autoreply("vand", W("Torben Ladefoged", "tl@ladefoged-entreprise.dk"),
              "Tak for din mail.\n\nJeg er på vinterferie til og med 14. februar og har ikke adgang til mail. I "
              "akutte sager kan du kontakte Susanne Kring på sk@ladefoged-entreprise.dk eller 70 44 55 66.\n\n"
              "Venlig hilsen\nTorben Ladefoged\nProjektleder",
              headers=(("Auto-Submitted", "auto-replied"), ("X-Auto-Response-Suppress", "All"),
                       ("X-MS-Exchange-Inbox-Rules-Loop", "tl@ladefoged-entreprise.dk")),
              cte="base64")
    autoreply("frivillig", W("Marianne Holt", "marianne.holt@gmail.com"),
              "Hej\n\nJeg er på ferie i Thailand og er tilbage den 1. marts. Jeg læser ikke mails imens.\n\nMarianne",
              system="gmail", subject="Ferie – tilbage 1. marts",
              headers=(("Auto-Submitted", "auto-replied"),))
    autoreply("bromoede", W("Steffen Bay", "steffen.bay@nrv-forsyning.dk"),
              "Jeg er på kursus til og med 19. februar og har begrænset adgang til mail. Henvendelser om "
              "vandforsyning kan rettes til kundeservice på 72 10 20 30.\n\nMed venlig hilsen\nSteffen Bay",
              subject_prefix="Fraværende: ", headers=(), cs="iso-8859-1", thread=False)
    autoreply("ungeworkshop", W("Laura Friis", "laura.friis@mail.dk"),
              "Jeg er på udveksling og tjekker ikke denne mail før i juni.\n\nHilsen Laura",
              system="webmail", subject_prefix="Autosvar: ",
              headers=(("X-Autoreply", "yes"), ("Precedence", "auto_reply")))
    autoreply("vand", W("Nørrevig VVS", "kontakt@nrv-vvs.dk"),
              "Tak for din henvendelse til Nørrevig VVS.\n\nVi besvarer mails inden for 2 hverdage. Ved akut "
              "vandskade ring døgnvagten på 75 99 88 77.\n\nDette er et automatisk svar.",
              system="webmail", subject="Tak for din henvendelse",
              headers=(("Auto-Submitted", "auto-replied"), ("Precedence", "bulk")))
    autoreply("frivillig", W("Anne-Mette Krarup", "amk@nrv-skoler.dk"),
              "Jeg er på barsel frem til 1. januar 2028.\n\nHenvendelser om skolebestyrelsen kan rettes til "
              "skolens kontor på 72 55 66 77.\n\nVenlig hilsen\nAnne-Mette Krarup",
              headers=(("Auto-Submitted", "auto-replied"), ("X-Auto-Response-Suppress", "All")))
    autoreply("bromoede", W("Thomas Riber", "thr@baltic-shipping.dk"),
              "I am out of the office until 22 February with limited access to email.\n\n"
              "Jeg er ikke på kontoret før 22. februar og har begrænset adgang til mail.\n\n"
              "Best regards / Venlig hilsen\nThomas Riber",
              headers=(("Auto-Submitted", "auto-replied"), ("X-Auto-Response-Suppress", "All")),
              cs="windows-1252")
    autoreply("vand", W("Jytte Lund", "jytte.lund@youmail.dk"),
              "Ja tak for din mail. Jeg er bortrejst til og med den 10. februar og svarer, når jeg er hjemme "
              "igen.\n\nMvh Jytte",
              system="webmail", subject_prefix="Autosvar: ", headers=(), thread=False)
    autoreply("ungeworkshop", W("Magnus Toft", "magnus.toft@nrv-ungdomsskole.dk"),
              "Denne mailadresse lukkes, da jeg er stoppet på Ungdomsskolen. Skriv fremover til "
              "magnus.toft@gmail.com.\n\nDenne mail er genereret automatisk.",
              system="webmail", headers=(("Auto-Submitted", "auto-replied"),))
    autoreply("frivillig", W("Eva Rosendahl", "eva.rosendahl@nrv-bank.dk"),
              "Jeg er syg i dag og læser ikke mails. Jeg forventer at være tilbage på mandag.\n\n"
              "Venlig hilsen\nEva Rosendahl",
              headers=(("Auto-Submitted", "auto-replied"),), cs="windows-1252")
    autoreply("bromoede", W("Kirsten Bro", "kirsten.bro@icloud.com"),
              "Tak for din mail. Jeg er på vandreferie uden netadgang frem til 5. marts.\n\nKirsten",
              system="icloud", subject_prefix="Re: ", headers=(("Auto-Submitted", "auto-replied"),))
    autoreply("vand", W("Niels Ebbesen", "niels.ebbesen@ebbesen-landinspektoer.dk"),
              "Jeg har fri til og med 12. februar. Mails bliver ikke læst i perioden – kontakt venligst "
              "kontoret på 86 33 22 11.\n\nNiels Ebbesen\nLandinspektør",
              subject_prefix="Fraværende: ", headers=(("X-Autoreply", "yes"), ("Precedence", "auto_reply")),
              cs="windows-1252", html_body=True)

    sms("frivillig", "Jeg kører bil med Fokus slået til. Jeg ser din besked, når jeg er fremme.",
        INTENT("auto_reply"), awaiting="anbefal")
    sms("bromoede", "Tak for din sms. Dette er et automatisk svar: Klinikken har lukket i vinterferien og "
                    "åbner igen mandag. Mvh Søby Fysioterapi", INTENT("auto_reply"))
    sms("vand", "Autosvar: Jeg er på ferie til og med 14/2 og læser ikke sms. Ring til kontoret på 70 20 30 40.",
        INTENT("auto_reply"))


def bounces():
    bounce("vand", W("Mette Skov", "mette.skov1969@gmail.com"), "postfix-unknown")
    bounce("vand", W("Poul Kirk", "poul.kirk@youmail.dk"), "postfix-quota")
    bounce("vand", W("Gudrun Hald", "gudrun.hald@mail.tele.dk"), "danish-isp", after_min=2)
    bounce("frivillig", W("Sune Bak", "sune.bak@gmial.com"), "postfix-nxdomain")
    bounce("frivillig", W("Tina Lynge", "tina_lynge@hotmail.com"), "outlookcom-unknown")
    bounce("bromoede", W("Hans Jørgen Friis", "hjf@friis-byg.dk"), "exchange-quota", after_min=3)
    bounce("bromoede", W("Knud Aabo", "knud@aabo-el.dk"), "postfix-timeout", after_min=5 * 24 * 60 + 11)
    bounce("ungeworkshop", W("Jonathan Krag", "jonathan.krag@stofanet.dk"), "exim-unknown", after_min=1)
    bounce("ungeworkshop", W("Asta Lund", "asta.lund@nrvnet.dk"), "sendmail-unknown")


def unclear_replies():
    mail("vand", W("Bent Ulrik", "bent.ulrik@gmail.com"), UNCLEAR(), top="?")
    mail("frivillig", W("Vagn Elmer", "vagn.elmer@elmer-auto.dk"), UNCLEAR(),
         client="outlook", sendt=0, top="Det har jeg ingen mening om.\n\nMvh\nVagn")
    mail("vand", W("Lillian Berg", "lillian.berg@icloud.com"), UNCLEAR(), client="iphone", top="")
    # more guests than the meeting allows: ask again
    mail("bromoede", W("Ove Rask", "ove.rask@soeby-grundejer.dk"), UNCLEAR(),
         client="yahoo",
         top="Hej\n\nVi kommer 3 fra bestyrelsen i Søby Grundejerforening.\n\nMvh Ove Rask\nFormand")
    mail("bromoede", W("Jan Helmer", "jan.helmer@outlook.com"), UNCLEAR(),
         client="android", top="Jeg kommer med min svigerfar og min søn")
    mail("ungeworkshop", W("Lærke Bendixen", "laerke.bendixen@gmail.com"), UNCLEAR(),
         top="Jeg kommer og tager min kæreste med, han er også 19.\n\nLærke")

    sms("bromoede", "Afmeld mig", UNCLEAR())
    sms("ungeworkshop", "frameld mig", UNCLEAR())
    sms("bromoede", "Ja, 2", UNCLEAR())
    sms("bromoede", "Vi kommer 4", UNCLEAR())
    sms("ungeworkshop", "Kommer med min veninde", UNCLEAR())
    sms("vand", "15", UNCLEAR("toender"), awaiting="toender")
    sms("vand", "nr. 2", UNCLEAR("varsling"), awaiting="varsling")
    sms("frivillig", "7-8", UNCLEAR("anbefal"), awaiting="anbefal")
    sms("frivillig", "Både ja og nej", UNCLEAR("aktiv"), awaiting="aktiv")
    sms("frivillig", "20 timer om ugen", UNCLEAR("timer"), awaiting="timer")


def other_messages():
    mail("bromoede", W("Hans Otto Dreyer", "ho.dreyer@gmail.com"), INTENT("other"),
         top="Hej\n\nHvor præcis skal broen ligge? Jeg kan ikke se det på kortet på jeres hjemmeside.\n\n"
             "Mvh Hans Otto")
    mail("bromoede", W("Agnes Riis", "agnes.riis@icloud.com"), INTENT("other"),
         client="iphone", top="Er der parkering ved Medborgerhuset? Jeg går dårligt.")
    mail("ungeworkshop", W("William Berg", "william.berg@gmail.com"), INTENT("other"),
         top="Må jeg tage min ven med? Han er ikke med i panelet.")
    mail("vand", W("Signe Udsen", "signe.udsen@nrv-revision.dk"), INTENT("other"),
         client="outlook", cs="iso-8859-1", sendt=2,
         top="Jeg bor i lejlighed på 3. sal. Giver det mening, at jeg svarer?\n\nVenlig hilsen\nSigne Udsen")
    mail("frivillig", W("Anders Lund", "anders.lund@me.com"), INTENT("other"),
         client="apple", top="Kan jeg få resultaterne tilsendt, når I er færdige?\n\nAnders")
    mail("frivillig", W("Birgit Holmsted", "birgit.holmsted@gmail.com"), INTENT("other"),
         top="Hvordan afmelder jeg mig nyhedsbrevet fra Frivilligcentret? Jeg vil gerne blive i panelet.\n\n"
             "Birgit")
    mail("vand", W("Mads Kvist", "mads.kvist@gmail.com"), INTENT("other"),
         top="Tak for en god undersøgelse. Jeg svarer i weekenden, når jeg har tjekket kælderen.\n\nMads")
    mail("ungeworkshop", W("Laura Vinding", "laura.vinding@hotmail.com"), INTENT("other"),
         client="samsung", top="Jeg er 31, er jeg ikke for gammel til en ungeworkshop? 😅")

    sms("bromoede", "Hvad tid er det?", INTENT("other"))
    sms("vand", "Hvem står bag det her?", INTENT("other"))
    sms("frivillig", "Hvad menes der med frivillig? Tæller det at hjælpe i kirken?", INTENT("other"),
        awaiting="aktiv")
    sms("ungeworkshop", "Hvor er lokale 12?", INTENT("other"))
    sms("vand", "Kan I ringe til mig i stedet? Jeg er ikke god til sms", INTENT("other"))
    sms("bromoede", "Bliver mødet optaget, så man kan se det bagefter?", INTENT("other"))


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
    random.Random(20270202).shuffle(cases)
    for i, c in enumerate(cases, 1):
        c["id"] = f"ho5-{i:03d}"
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
