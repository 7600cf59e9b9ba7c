#!/usr/bin/env python3
"""Build the held-out corpus of citizen replies (cases.jsonl).

Standard library only.  Usage:

    python3 make_heldout.py        # writes cases.jsonl next to this file

A second, independent labelled corpus in the format of
/work/shared/spec/reply-corpus.md, for other surveys and meetings
(definitions.json next to this file) and other writers than the development
corpus.  It was written without looking at the parser's rules: every reply
below is typed by hand as a real panelist would, and `expected` is what a
careful human reader records under the labelling conventions.

The invitation that an email answers is rendered the way the service renders
it (greeting, numbered questions, lettered options, hints, scale end labels,
"Sådan svarer du" with example lines, sign-off, footer) and quoted in the
style of the mail client (Gmail, Outlook, Apple Mail, iPhone, Thunderbird,
Outlook for Android, Samsung Email, a web mail sending HTML only).
"""
from __future__ import annotations

import base64
import hashlib
import html
import io
import json
import random
import re
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
DOMAIN = "borgerpanel.kalbyrup.dk"
PANEL = "Borgerpanelet i Kalbyrup Kommune"
PANEL_SHORT = "Borgerpanelet"

WD = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]
WD3 = ["man.", "tirs.", "ons.", "tors.", "fre.", "lør.", "søn."]
MON = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
       "september", "oktober", "november", "december"]
MON3 = ["jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."]

SENT = {
    "affald": datetime(2027, 2, 15, 9, 30, 2, tzinfo=CET),
    "aeldre": datetime(2027, 2, 1, 10, 0, 41, tzinfo=CET),
    "idraet": datetime(2027, 2, 22, 16, 5, 13, tzinfo=CET),
    "genbrugsmoede": datetime(2027, 2, 17, 12, 0, 5, tzinfo=CET),
    "ungeworkshop": datetime(2027, 2, 23, 15, 45, 30, tzinfo=CET),
    "dialogmoede": datetime(2027, 2, 8, 11, 20, 9, tzinfo=CET),
}
DEADLINE = {"affald": "søndag den 28. februar", "aeldre": "fredag den 12. februar",
            "idraet": "søndag den 7. marts", "genbrugsmoede": "mandag den 1. marts",
            "ungeworkshop": "fredag den 5. marts", "dialogmoede": "fredag den 19. februar"}


def subject_of(defn):
    d = DEFS[defn]
    if d["kind"] == "survey":
        return f"Vil du svare på et par spørgsmål om {d['title']}?"
    return f"Du er inviteret: {d['title']}"


def letter(i):
    return chr(ord("A") + i)


def hint(q):
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


def example(q):
    t = q["type"]
    if t == "scale":
        return str(max(q["min"], q["max"] - 1))
    if t == "yes_no":
        return "ja"
    if t == "choice":
        return "A og C" if q.get("multiple") and len(q["options"]) >= 3 else "B"
    if t == "number":
        return str(min(q["min"] + 2, q["max"]))
    return None


def meeting_time(d):
    s = datetime.fromisoformat(d["starts_at"])
    e = datetime.fromisoformat(d["ends_at"])
    return f"{WD[s.weekday()]} den {s.day}. {MON[s.month - 1]} {s.year} kl. {s:%H.%M}-{e:%H.%M}"


def invitation(defn, first, tok):
    """The invitation email as the service renders it: (lines, ends).

    ends maps a question number to the index of the last line of its block."""
    d = DEFS[defn]
    L = [f"Hej {first}", "", ""]
    ends = {}
    if d["kind"] == "survey":
        qs = d["questions"]
        L += [f"Vil du hjælpe os? Vi vil gerne høre, hvad du mener om: {d['title']}.",
              f"Der er {len(qs)} spørgsmål. Det tager kun få minutter.", ""]
        for q in qs:
            L.append(f"{q['number']}. {q['text']}")
            if q["type"] == "choice":
                for i, o in enumerate(q["options"]):
                    L.append(f"   {letter(i)}. {o['label']}")
            L.append("   " + hint(q))
            if q.get("labels"):
                L.append("   " + ", ".join(f"{k} = {v}" for k, v in
                                           sorted(q["labels"].items(), key=lambda kv: int(kv[0]))))
            ends[q["number"]] = len(L) - 1
            L.append("")
        L += ["Sådan svarer du:", "Svar på denne mail. Skriv nummeret på spørgsmålet og dit svar.",
              "Skriv et svar på hver linje.", "For eksempel:"]
        n = 0
        for q in qs:
            v = example(q)
            if v is not None and n < 3:
                L.append(f"{q['number']}: {v}")
                n += 1
        L += ["", f"Svar gerne senest {DEADLINE[defn]}.", "Tak for hjælpen!"]
    else:
        g = d["max_guests"]
        L += ["Du er inviteret til et møde. Vi vil gerne høre, hvad du mener.", "",
              d["title"], f"Tid: {meeting_time(d)}", f"Sted: {d['location']}", "",
              "Kommer du? Svar på denne mail med JA, NEJ eller MÅSKE."]
        if g == 0:
            L.append("Der er desværre ikke plads til gæster.")
        else:
            L.append("Du må gerne tage 1 gæst med." if g == 1 else f"Du må gerne tage op til {g} gæster med.")
            L.append("Tager du en gæst med, så skriv JA +1.")
        L += ["", f"Svar gerne senest {DEADLINE[defn]}.", "Vi håber, du kan komme."]
    L += ["", "", "Venlig hilsen", PANEL, "", "", "--",
          "Vil du ikke have flere mails fra os? Tryk her:",
          f"https://{DOMAIN}/frameld/{tok}"]
    return L, ends


# ---------------------------------------------------------------------------

def _h(*parts):
    return hashlib.sha256("|".join(map(str, parts)).encode()).digest()


def rng(*parts):
    return random.Random(int.from_bytes(_h(*parts)[:8], "big"))


def tok_for(defn, addr):
    return base64.b32encode(_h("t", defn, addr)).decode()[:12].lower()


def hexs(r, n):
    return "".join(r.choice("0123456789abcdef") for _ in range(n))


def reply_to(tok):
    return f"svar+{tok}@{DOMAIN}"


def inv_id(defn, tok):
    return f"<{SENT[defn]:%Y%m%d%H%M%S}.{defn}.{tok}@{DOMAIN}>"


def when_for(defn, addr, minutes=None):
    r = rng("when", defn, addr)
    m = minutes if minutes is not None else r.choice([r.uniform(4, 90), r.uniform(120, 900), r.uniform(1400, 5000)])
    t = SENT[defn] + timedelta(minutes=m)
    if t.hour < 7 or t.hour > 22:
        t = t.replace(hour=r.randint(8, 21))
    return t.replace(microsecond=0)


def esc(line):
    s = html.escape(line, quote=False)
    st = s.lstrip(" ")
    return "&nbsp;" * (len(s) - len(st)) + st


def br(lines):
    return "<br>\n".join(esc(l) for l in lines)


def divs(text):
    return "\n".join(f"<div>{esc(l)}</div>" if l.strip() else "<div><br></div>" for l in text.split("\n"))


def legacy(text, subtype, cs, cte):
    text.encode(cs)
    c = Charset(cs)
    c.body_encoding = {"quoted-printable": QP, "base64": BASE64}[cte]
    c.header_encoding = QP
    p = MIMEText(text, subtype, c)
    del p["MIME-Version"]
    return p


def serialize(msg):
    buf = io.BytesIO()
    BytesGenerator(buf, mangle_from_=False, policy=msg.policy.clone(linesep="\r\n")).flatten(msg)
    return buf.getvalue().decode("utf-8")


def reorder(msg, last=("mime-version", "content-type", "content-transfer-encoding")):
    keep = [(k, v) for k, v in msg._headers if k.lower() not in last]
    tail = sorted([(k, v) for k, v in msg._headers if k.lower() in last], key=lambda kv: last.index(kv[0].lower()))
    msg._headers = keep + tail


class Who:
    def __init__(self, name, addr):
        self.name, self.addr, self.first = name, addr, name.split()[0]


# ---------------------------------------------------------------------------
# Client renderings of a reply
# ---------------------------------------------------------------------------

def segments(lines, ends, inline):
    out, start = [], 0
    for qn in sorted(inline or {}):
        stop = ends[qn] + 1
        out.append(("q", lines[start:stop]))
        out.append(("own", inline[qn]))
        start = stop
    out.append(("q", lines[start:]))
    return out


def compose(client, who, defn, tok, top, inline, quote, sig_mobile=True):
    lines, ends = invitation(defn, who.first, tok)
    segs = segments(lines, ends, inline) if quote else []
    s = SENT[defn]
    addr = reply_to(tok)
    P, H = [], []
    if client in ("gmail", "apple", "thunderbird", "webmail", "iphone"):
        if client == "gmail":
            attr = f"Den {WD3[s.weekday()]} {s.day}. {MON3[s.month - 1]} {s.year} kl. {s:%H.%M} skrev {PANEL_SHORT} <{addr}>:"
        elif client == "apple" or client == "iphone":
            attr = f"Den {s.day}. {MON3[s.month - 1]} {s.year} kl. {s:%H.%M} skrev {PANEL_SHORT} <{addr}>:"
        elif client == "thunderbird":
            attr = f"Den {s:%d.%m.%Y} kl. {s:%H.%M} skrev {PANEL_SHORT}:"
        else:
            attr = f"{PANEL_SHORT} <{addr}> skrev {WD[s.weekday()]} {s.day}. {MON[s.month - 1]} {s.year} {s:%H:%M}:"
        if top:
            P += top.split("\n") + [""]
        if client == "iphone" and sig_mobile:
            P += ["Sendt fra min iPhone", ""]
        if quote:
            if client == "iphone":
                P += ["> " + attr, ">"]
            else:
                P += [attr, ""]
            for kind, val in segs:
                if kind == "q":
                    P += [("> " + l) if l else ">" for l in val]
                else:
                    P += [""] + val.split("\n") + [""]
        H.append('<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body>')
        H.append(f'<div dir="ltr">{divs(top) if top else "<br>"}</div>')
        if client == "iphone" and sig_mobile:
            H.append('<div dir="ltr"><br></div><div dir="ltr">Sendt fra min iPhone</div>')
        if quote:
            cls = ' class="gmail_quote"' if client == "gmail" else ' type="cite"'
            H.append(f'<div><br></div><div class="quote-attr">{esc(attr)}</div>')
            for kind, val in segs:
                if kind == "q":
                    H.append(f'<blockquote{cls} style="margin:0 0 0 .8ex;border-left:1px #ccc solid;padding-left:1ex">'
                             f"{br(val)}</blockquote>")
                else:
                    H.append(divs(val))
        H.append("</body></html>")
    elif client in ("outlook", "android", "samsung"):
        if client == "outlook":
            hdr = [("Fra", f"{PANEL_SHORT} <{addr}>"),
                   ("Sendt", f"{WD[s.weekday()]} den {s.day}. {MON[s.month - 1]} {s.year} {s:%H.%M}"),
                   ("Til", f"{who.name} <{who.addr}>"), ("Emne", subject_of(defn))]
            sep = "_" * 32
            mob = []
        elif client == "android":
            h12 = s.hour % 12 or 12
            hdr = [("Fra", f"{PANEL_SHORT} <{addr}>"),
                   ("Sendt", f"{s.day}. {MON[s.month - 1]} {s.year} {h12}:{s:%M} {'AM' if s.hour < 12 else 'PM'}"),
                   ("Til", f"{who.name} <{who.addr}>"), ("Emne", subject_of(defn))]
            sep = "_" * 32
            mob = ["Hent Outlook til Android"] if sig_mobile else []
        else:
            hdr = [("Fra", f"{PANEL_SHORT} <{addr}>"), ("Dato", f"{s:%d.%m.%Y} {s:%H.%M} (GMT+01:00)"),
                   ("Til", f"{who.addr}"), ("Emne", subject_of(defn))]
            sep = "-------- Original meddelelse --------"
            mob = ["Sendt fra min Samsung Galaxy smartphone."] if sig_mobile else []
        if top:
            P += top.split("\n")
        if mob:
            P += [""] + mob
        if quote:
            P += ["", sep] + [f"{k}: {v}" for k, v in hdr] + [""]
            for kind, val in segs:
                P += list(val) if kind == "q" else val.split("\n")
        if client == "outlook":
            def para(l, own=False):
                if not l.strip():
                    return '<p class="MsoNormal"><o:p>&nbsp;</o:p></p>'
                if own:
                    return f'<p class="MsoNormal"><b><span style="color:#2F5597">{esc(l)}</span></b><o:p></o:p></p>'
                return f'<p class="MsoNormal">{esc(l)}<o:p></o:p></p>'
            H.append('<html xmlns:o="urn:schemas-microsoft-com:office:office" '
                     'xmlns="http://www.w3.org/TR/REC-html40"><head><meta http-equiv="Content-Type" '
                     'content="text/html; charset=windows-1252"><meta name="Generator" content="Microsoft '
                     'Word 15 (filtered medium)"></head><body lang="DA" link="#0563C1" vlink="#954F72">'
                     '<div class="WordSection1">')
            H += [para(l) for l in (top.split("\n") if top else [""])]
            if quote:
                H.append(para(""))
                info = "<br>".join(f"<b>{k}:</b> {esc(v)}" for k, v in hdr)
                H.append('<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">'
                         f'<p class="MsoNormal">{info}<o:p></o:p></p></div>')
                for kind, val in segs:
                    H += [para(l) for l in val] if kind == "q" else [para(l, True) for l in val.split("\n")]
            H.append("</div></body></html>")
        else:
            H.append('<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body>')
            H.append(divs(top) if top else "<div><br></div>")
            if mob:
                H.append(f"<div><br></div><div>{esc(mob[0])}</div>")
            if quote:
                info = "<br>".join(f"<b>{k}:</b> {esc(v)}" for k, v in hdr)
                H.append(f'<hr style="display:inline-block;width:98%"><div id="divRplyFwdMsg" dir="ltr">{info}</div>')
                for kind, val in segs:
                    H.append(f"<div>{br(val)}</div>" if kind == "q" else divs(val))
            H.append("</body></html>")
    else:
        raise ValueError(client)
    return "\n".join(P).rstrip("\n") + "\n", "\n".join(H) + "\n"


def flowed(text, width=72):
    out = []
    for line in text.split("\n"):
        if line.startswith(">") or len(line) <= width:
            out.append(line)
            continue
        cur = ""
        for w in line.split(" "):
            if cur and len(cur) + 1 + len(w) > width:
                out.append(cur + " ")
                cur = w
            else:
                cur = f"{cur} {w}" if cur else w
        out.append(cur)
    return "\n".join(out)


CASES = []


def add(defn, channel, message, expected, awaiting=None):
    c = {"id": f"ho-{len(CASES) + 1:03d}", "definition": defn, "channel": channel, "message": message}
    if awaiting:
        c["awaiting"] = awaiting
    c["expected"] = expected
    CASES.append(c)


def sms(defn, text, expected, awaiting=None):
    add(defn, "sms", text, expected, awaiting)


def mail(defn, who, expected, *, client="gmail", top="", inline=None, quote=True, fmt=None,
         cs=None, cte=None, subject=None, sig_mobile=True):
    tok = tok_for(defn, who.addr)
    r = rng("mail", defn, who.addr)
    when = when_for(defn, who.addr)
    plain, htm = compose(client, who, defn, tok, top, inline, quote, sig_mobile)
    to = reply_to(tok)
    iid = inv_id(defn, tok)
    subj = subject if subject is not None else ("SV: " if client == "outlook" else "Re: ") + subject_of(defn)
    defaults = {"gmail": ("utf-8", "quoted-printable", "alt"), "apple": ("utf-8", "quoted-printable", "alt"),
                "iphone": ("utf-8", "quoted-printable", "alt"), "thunderbird": ("utf-8", "8bit", "plain"),
                "webmail": ("utf-8", "quoted-printable", "html"), "outlook": ("windows-1252", "quoted-printable", "alt"),
                "android": ("utf-8", "base64", "alt"), "samsung": ("utf-8", "base64", "alt")}[client]
    cs = cs or defaults[0]
    cte = cte or defaults[1]
    fmt = fmt or defaults[2]
    if client == "thunderbird":
        plain = flowed(plain)
    if cs != "utf-8":
        parts = []
        if fmt in ("plain", "alt"):
            parts.append(legacy(plain, "plain", cs, cte))
        if fmt in ("html", "alt"):
            parts.append(legacy(htm.replace("charset=utf-8", f"charset={cs}"), "html", cs, cte))
        if len(parts) == 1:
            msg = parts[0]
        else:
            msg = MIMEMultipart("alternative", boundary=f"_000_{hexs(r, 32).upper()}_")
            for p in parts:
                msg.attach(p)
        msg["From"] = formataddr((who.name, who.addr), charset=cs)
        msg["To"] = to
        msg["Subject"] = Header(subj, cs) if not subj.isascii() else subj
        msg["Thread-Topic"] = Header(subject_of(defn), cs) if not subject_of(defn).isascii() else subject_of(defn)
        msg["Thread-Index"] = base64.b64encode(_h("ti", who.addr)[:22]).decode()
    else:
        msg = EmailMessage()
        if fmt == "html":
            msg.set_content(htm, subtype="html", charset=cs, cte=cte)
        else:
            msg.set_content(plain, charset=cs, cte=cte)
            if client == "thunderbird":
                msg.set_param("format", "flowed")
                msg.set_param("delsp", "no")
            if fmt == "alt":
                msg.add_alternative(htm, subtype="html", charset=cs, cte=cte)
                msg.set_boundary(f"{'Apple-Mail=' if client in ('apple', 'iphone') else '0000000000'}{hexs(r, 24)}")
        for p in msg.walk():
            if p is not msg and "MIME-Version" in p:
                del p["MIME-Version"]
        msg["From"] = f"{who.name} <{who.addr}>"
        msg["To"] = f"{PANEL_SHORT} <{to}>"
        msg["Subject"] = subj
    host = {"gmail": "mail-wr1-f54.google.com", "apple": "mr85p00im-ztdg06021101.me.com",
            "iphone": "st43p00im-zteg10063501.me.com", "thunderbird": "smtp.fullrate.dk",
            "webmail": "mail.webmail.dk", "outlook": "EUR02-DB5-obe.outbound.protection.outlook.com",
            "android": "EUR05-AM6-obe.outbound.protection.outlook.com", "samsung": "smtp.yousee.dk"}[client]
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = f"<{hexs(r, 20)}@{who.addr.split('@')[1]}>"
    msg["In-Reply-To"] = iid
    msg["References"] = iid
    msg["X-Mailer" if client not in ("thunderbird", "webmail") else "User-Agent"] = {
        "gmail": "Google Gmail", "apple": "Apple Mail (2.3774.500.171.1.1)", "iphone": "iPhone Mail (21D61)",
        "thunderbird": "Mozilla Thunderbird", "webmail": "Roundcube Webmail/1.6.6",
        "outlook": "Microsoft Outlook 16.0", "android": "Outlook for Android", "samsung": "Samsung Email"}[client]
    if "MIME-Version" not in msg:
        msg["MIME-Version"] = "1.0"
    msg._headers.insert(0, ("Received", f"from {host} ({host} [198.51.100.{r.randint(2, 250)}]) by "
                                        f"mx.{DOMAIN} (Postfix) with ESMTPS id {hexs(r, 10).upper()} for <{to}>; "
                                        f"{format_datetime(when)}"))
    msg._headers.insert(0, ("Return-Path", f"<{who.addr}>"))
    reorder(msg)
    add(defn, "email", serialize(msg), expected)


def autoreply(defn, who, body, *, subject=None, headers=(("Auto-Submitted", "auto-replied"),),
              cs="utf-8", cte="quoted-printable", html_body=False):
    tok = tok_for(defn, who.addr)
    r = rng("auto", defn, who.addr)
    when = when_for(defn, who.addr, r.uniform(0.1, 2))
    subj = subject if subject is not None else "Automatisk svar: " + subject_of(defn)
    text = body
    sub = "plain"
    if html_body:
        sub = "html"
        text = ("<html><body><div style=\"font-family:Calibri\">"
                + "".join(f"<p>{esc(l)}</p>" if l else "<p>&nbsp;</p>" for l in body.split("\n"))
                + "</div></body></html>")
    if cs == "utf-8":
        msg = EmailMessage()
        msg.set_content(text, subtype=sub, charset=cs, cte=cte)
        msg["From"] = f"{who.name} <{who.addr}>"
        msg["Subject"] = subj
    else:
        msg = legacy(text, sub, cs, cte)
        msg["From"] = formataddr((who.name, who.addr), charset=cs)
        msg["Subject"] = Header(subj, cs)
    msg["To"] = reply_to(tok)
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = f"<{hexs(r, 24)}@{who.addr.split('@')[1]}>"
    msg["In-Reply-To"] = inv_id(defn, tok)
    msg["References"] = inv_id(defn, tok)
    for k, v in headers:
        msg[k] = v
    if "MIME-Version" not in msg:
        msg["MIME-Version"] = "1.0"
    msg._headers.insert(0, ("Received", f"from mail.{who.addr.split('@')[1]} (mail.{who.addr.split('@')[1]} "
                                        f"[203.0.113.{r.randint(2, 250)}]) by mx.{DOMAIN} (Postfix) with ESMTPS; "
                                        f"{format_datetime(when)}"))
    msg._headers.insert(0, ("Return-Path", "<>" if dict(headers).get("Auto-Submitted") else f"<{who.addr}>"))
    reorder(msg)
    add(defn, "email", serialize(msg), INTENT("auto_reply"))


def original(defn, who, tok):
    lines, _ = invitation(defn, who.first, tok)
    m = EmailMessage()
    m["From"] = f"{PANEL_SHORT} <{reply_to(tok)}>"
    m["To"] = f"{who.name} <{who.addr}>"
    m["Subject"] = subject_of(defn)
    m["Date"] = format_datetime(SENT[defn])
    m["Message-ID"] = inv_id(defn, tok)
    m.set_content("\n".join(lines) + "\n", charset="utf-8", cte="quoted-printable")
    return message_from_bytes(m.as_bytes(policy=policy.SMTP), policy=policy.compat32)


def bounce(defn, who, style):
    tok = tok_for(defn, who.addr)
    r = rng("bounce", defn, who.addr)
    when = SENT[defn] + timedelta(seconds=r.randint(5, 200))
    rcpt = who.addr
    dom = rcpt.split("@")[1]
    bto = f"bounce+{tok}@{DOMAIN}"
    orig = original(defn, who, tok)

    def dsn(per_msg, per_rcpt):
        p = MIMEBase("message", "delivery-status")
        blocks = []
        for f in (per_msg, per_rcpt):
            b = Message()
            for k, v in f:
                b[k] = v
            blocks.append(b)
        p.set_payload(blocks)
        del p["MIME-Version"]
        return p

    rep = MIMEMultipart("report", report_type="delivery-status", boundary=f"{hexs(r, 16)}/{DOMAIN}")
    if style == "postfix":
        txt = (f"This is the mail system at host mail.{DOMAIN}.\n\n"
               "I'm sorry to have to inform you that your message could not\n"
               "be delivered to one or more recipients. It's attached below.\n\n"
               "                   The mail system\n\n"
               f"<{rcpt}>: host mx.{dom}[203.0.113.9] said: 550 5.1.1 <{rcpt}>:\n"
               "    Recipient address rejected: User unknown in virtual mailbox table (in\n"
               "    reply to RCPT TO command)\n")
        p = MIMEText(txt, "plain", "us-ascii")
        del p["MIME-Version"]
        p["Content-Description"] = "Notification"
        rep.attach(p)
        rep.attach(dsn([("Reporting-MTA", f"dns; mail.{DOMAIN}"), ("Arrival-Date", format_datetime(SENT[defn]))],
                       [("Final-Recipient", f"rfc822; {rcpt}"), ("Action", "failed"), ("Status", "5.1.1"),
                        ("Remote-MTA", f"dns; mx.{dom}"),
                        ("Diagnostic-Code", f"smtp; 550 5.1.1 <{rcpt}>: Recipient address rejected: User unknown")]))
        h = MIMEText("".join(f"{k}: {v}\n" for k, v in orig.items()), "rfc822-headers", "us-ascii")
        del h["MIME-Version"]
        rep.attach(h)
        rep["From"] = f"MAILER-DAEMON@mail.{DOMAIN} (Mail Delivery System)"
        rep["Subject"] = "Undelivered Mail Returned to Sender"
    elif style == "exchange":
        txt = (f"Levering til disse modtagere eller grupper mislykkedes:\n\n{rcpt}\n"
               "Den mailadresse, du angav, blev ikke fundet. Kontrollér modtagerens mailadresse, og prøv "
               "at sende meddelelsen igen. Kontakt din mailadministrator, hvis problemet fortsætter.\n\n"
               "Diagnosticeringsoplysninger til administratorer:\n\n"
               f"Genererer server: AM0PR04MB{r.randint(1000, 9999)}.eurprd04.prod.outlook.com\n\n{rcpt}\n"
               "Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'\n")
        rep.attach(legacy(txt, "plain", "utf-8", "base64"))
        rep.attach(dsn([("Reporting-MTA", "dns;AM0PR04MB1234.eurprd04.prod.outlook.com"),
                        ("Received-From-MTA", f"dns;mail.{DOMAIN}"), ("Arrival-Date", format_datetime(SENT[defn]))],
                       [("Original-Recipient", f"rfc822;{rcpt}"), ("Final-Recipient", f"rfc822;{rcpt}"),
                        ("Action", "failed"), ("Status", "5.1.10"),
                        ("Diagnostic-Code", "smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found")]))
        p = MIMEMessage(orig)
        del p["MIME-Version"]
        rep.attach(p)
        rep["From"] = f"postmaster@{dom}"
        rep["Subject"] = Header("Kan ikke leveres: " + subject_of(defn), "utf-8")
    elif style == "gmail":
        txt = (f"** Adressen blev ikke fundet **\n\nDin meddelelse blev ikke leveret til {rcpt}, fordi "
               "adressen ikke blev fundet, eller fordi den ikke kan modtage mails.\n\n"
               "Svaret var:\n\n550 5.1.1 The email account that you tried to reach does not exist.\n")
        rep.attach(legacy(txt, "plain", "utf-8", "quoted-printable"))
        rep.attach(dsn([("Reporting-MTA", "dns; googlemail.com"), ("Arrival-Date", format_datetime(SENT[defn]))],
                       [("Final-Recipient", f"rfc822; {rcpt}"), ("Action", "failed"), ("Status", "5.1.1"),
                        ("Diagnostic-Code", "smtp; 550-5.1.1 The email account that you tried to reach does not exist.")]))
        p = MIMEMessage(orig)
        del p["MIME-Version"]
        rep.attach(p)
        rep["From"] = "Mail Delivery Subsystem <mailer-daemon@googlemail.com>"
        rep["Subject"] = "Delivery Status Notification (Failure)"
    else:  # quota, Danish ISP
        txt = (f"Din besked til {rcpt} kunne ikke afleveres.\n\nModtagerens postkasse er fuld.\n\n"
               f"<{rcpt}>: 552 5.2.2 Mailbox full\n")
        rep.attach(legacy(txt, "plain", "iso-8859-1", "quoted-printable"))
        rep.attach(dsn([("Reporting-MTA", f"dns; mx.{dom}")],
                       [("Final-Recipient", f"rfc822; {rcpt}"), ("Action", "failed"), ("Status", "5.2.2"),
                        ("Diagnostic-Code", "smtp; 552 5.2.2 Mailbox full")]))
        h = MIMEText("".join(f"{k}: {v}\n" for k, v in orig.items()), "rfc822-headers", "us-ascii")
        del h["MIME-Version"]
        rep.attach(h)
        rep["From"] = f"Mail Delivery System <MAILER-DAEMON@mx.{dom}>"
        rep["Subject"] = Header("Returneret post: Kunne ikke afleveres", "iso-8859-1")
    rep["To"] = bto
    rep["Date"] = format_datetime(when)
    rep["Message-ID"] = f"<{hexs(r, 20)}@{DOMAIN}>"
    rep["Auto-Submitted"] = "auto-replied"
    rep._headers.insert(0, ("Return-Path", "<>"))
    reorder(rep)
    add(defn, "email", serialize(rep), INTENT("bounce"))


# ---------------------------------------------------------------------------
# Expected-value helpers
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


# ---------------------------------------------------------------------------
# The hand-written cases
# ---------------------------------------------------------------------------

def build():
    # ===================== SMS: Affald og genbrug =====================
    A = "affald"
    sms(A, "1) 7 2) ja 3) A 4) B, D 5) 3 6) pant på syltetøjsglas",
        ANS(tilfreds=7, sorterer="yes", aflevering="genbrugsstation", forbedring=["aabningstider", "info"],
            beholdere=3, ide=TXT("pant på syltetøjsglas", no=["5) 3"])))
    sms(A, "8 ud af 10", ANS(tilfreds=8), awaiting="tilfreds")
    sms(A, "syv", ANS(tilfreds=7), awaiting="tilfreds")
    sms(A, "en 9'er", ANS(tilfreds=9), awaiting="tilfreds")
    sms(A, "11!!! I gør det super godt", UNCLEAR("tilfreds"), awaiting="tilfreds")
    sms(A, "5, nej 6", ANS(tilfreds=6), awaiting="tilfreds")
    sms(A, "Meget tilfreds", ANS(tilfreds=10), awaiting="tilfreds")
    sms(A, "4-5", UNCLEAR("tilfreds"), awaiting="tilfreds")
    sms(A, "👍", UNCLEAR("tilfreds"), awaiting="tilfreds")
    sms(A, "jah", ANS(sorterer="yes"), awaiting="sorterer")
    sms(A, "næh, ikke endnu", ANS(sorterer="no"), awaiting="sorterer")
    sms(A, "Det gør vi sgu da", ANS(sorterer="yes"), awaiting="sorterer")
    sms(A, "nogle gange", UNCLEAR("sorterer"), awaiting="sorterer")
    sms(A, "genbrugspladsen", ANS(aflevering="genbrugsstation"), awaiting="aflevering")
    sms(A, "E", ANS(aflevering="ingen"), awaiting="aflevering")
    sms(A, "2", UNCLEAR("aflevering"), awaiting="aflevering")
    sms(A, "Vi kører selv på genbrugen med trailer", ANS(aflevering="genbrugsstation"), awaiting="aflevering")
    sms(A, "flere glascontainere og bedre info", ANS(forbedring=["glas", "info"]), awaiting="forbedring")
    sms(A, "alle fire", ANS(forbedring=["toemning", "aabningstider", "glas", "info"]), awaiting="forbedring")
    sms(A, "4 stk", ANS(beholdere=4), awaiting="beholdere")
    sms(A, "ingen, vi har fælles container", ANS(beholdere=0), awaiting="beholdere")
    sms(A, "aner det ikke", UNCLEAR("beholdere"), awaiting="beholdere")
    sms(A, "Gør det nemmere at komme af med gamle møbler uden bil",
        ANS(ide=TXT("nemmere at komme af med gamle møbler uden bil")), awaiting="ide")
    sms(A, "7 ja A BD 3",
        ANS(tilfreds=7, sorterer="yes", aflevering="genbrugsstation", forbedring=["aabningstider", "info"], beholdere=3))
    sms(A, "spm. 1: 4\nspm. 2: nej\nspm. 3: B",
        ANS(tilfreds=4, sorterer="no", aflevering="storskrald"))
    sms(A, "1 - syv\n2 - ja\n3 - genbrugsstationen\n4 - hyppigere tømning\n5 - 2",
        ANS(tilfreds=7, sorterer="yes", aflevering="genbrugsstation", forbedring=["toemning"], beholdere=2))
    sms(A, "1. 10 2. Ja 3. A 4. C 5. 3 6. Flere loppemarkeder i weekenden 😊",
        ANS(tilfreds=10, sorterer="yes", aflevering="genbrugsstation", forbedring=["glas"], beholdere=3,
            ide=TXT("flere loppemarkeder i weekenden", no=["5. 3"])))
    sms(A, "hvornår bliver der hentet storskrald i Vestervang?", INTENT("other"))
    sms(A, "STOP", INTENT("unsubscribe"))
    sms(A, "Hvad betyder spm 4? forstår det ikke", INTENT("other"))
    sms(A, "meld mig ud tak", INTENT("unsubscribe"))
    sms(A, "STOP med at tømme skraldespanden kl 6 om morgenen, det larmer!", INTENT("other"))
    sms(A, "hæ?", INTENT("unclear"))

    # ===================== SMS: Ældreplejen =====================
    E = "aeldre"
    sms(E, "delvist enig", ANS(tid=4), awaiting="tid")
    sms(E, "hverken enig eller uenig", ANS(tid=3), awaiting="tid")
    sms(E, "meget uenig!! de løber stærkt hele tiden", ANS(tid=1), awaiting="tid")
    sms(E, "4, nej vent 3", ANS(tid=3), awaiting="tid")
    sms(E, "6", UNCLEAR("tid"), awaiting="tid")
    sms(E, "uenig", ANS(kontakt=2), awaiting="kontakt")
    sms(E, "enig", ANS(kontakt=4), awaiting="kontakt")
    sms(E, "ved ikke, har aldrig prøvet", UNCLEAR("kontakt"), awaiting="kontakt")
    sms(E, "ja min mor", ANS(paaroerende="yes"), awaiting="paaroerende")
    sms(E, "Nej. Ikke længere, min far døde i foråret", ANS(paaroerende="no"), awaiting="paaroerende")
    sms(E, "faste hjælpere", ANS(vigtigst="faste"), awaiting="vigtigst")
    sms(E, "at de har mere tid", ANS(vigtigst="tid"), awaiting="vigtigst")
    sms(E, "B og A", UNCLEAR("vigtigst"), awaiting="vigtigst")
    sms(E, "Maden på Solgården er kold når den kommer frem",
        ANS(andet=TXT("Maden på Solgården er kold når den kommer frem")), awaiting="andet")
    sms(E, "1: 2, 2: 1, 3: ja, 4: A", ANS(tid=2, kontakt=1, paaroerende="yes", vigtigst="faste"))
    sms(E, "enig, uenig, nej, D", ANS(tid=4, kontakt=2, paaroerende="no", vigtigst="aktiviteter"))
    sms(E, "1) helt enig 2) hverken enig eller uenig 3) nej 4) mad",
        ANS(tid=5, kontakt=3, paaroerende="no", vigtigst="mad"))
    sms(E, "HELT ENIG\nENIG\nJA\nA", ANS(tid=5, kontakt=4, paaroerende="yes", vigtigst="faste"))
    sms(E, "Slet mine oplysninger", INTENT("unsubscribe"))
    sms(E, "Afmeld", INTENT("unsubscribe"))
    sms(E, "Er det anonymt det her?", INTENT("other"))

    # ===================== SMS: Idræt og fritid =====================
    I = "idraet"
    sms(I, "0", ANS(haller=0), awaiting="haller")
    sms(I, "7/10", ANS(haller=7), awaiting="haller")
    sms(I, "8 men omklædningsrummene er ulækre", ANS(haller=8), awaiting="haller")
    sms(I, "halvdårlige", UNCLEAR("haller"), awaiting="haller")
    sms(I, "3-4 dage", UNCLEAR("dage"), awaiting="dage")
    sms(I, "hver dag", ANS(dage=7), awaiting="dage")
    sms(I, "7, nej 5", ANS(dage=5), awaiting="dage")
    sms(I, "Ja, i badminton", ANS(forening="yes"), awaiting="forening")
    sms(I, "svømmehal og stierne", ANS(bruger=["svoemmehal", "stier"]), awaiting="bruger")
    sms(I, "A, C, E", ANS(bruger=["svoemmehal", "stier", "skaterbane"]), awaiting="bruger")
    sms(I, "JA det er umuligt om lørdagen", ANS(parkering="yes"), awaiting="parkering")
    sms(I, "det er ik noget problem", ANS(parkering="no"), awaiting="parkering")
    sms(I, "Flere bænke på stierne ved søen", ANS(oenske=TXT("Flere bænke på stierne ved søen")), awaiting="oenske")
    sms(I, "1: 6\n2: 3\n3: ja\n4: a,b\n5: nej\n6: en kunstgræsbane i Østerby",
        ANS(haller=6, dage=3, forening="yes", bruger=["svoemmehal", "kunstgraes"], parkering="no",
            oenske=TXT("en kunstgræsbane i Østerby", no=["5: nej"])))
    sms(I, "5 2 nej C nej", ANS(haller=5, dage=2, forening="no", bruger=["stier"], parkering="no"))
    sms(I, "rettelse: spm 2 skal være 4", ANS(dage=4))
    sms(I, "stop", INTENT("unsubscribe"))
    sms(I, "jeg har ikke tid til det her, stop med at skrive til mig", INTENT("unsubscribe"))
    sms(I, "Jeg kører bil med Fokus slået til. Jeg ser din besked, når jeg er fremme.",
        INTENT("auto_reply"), awaiting="haller")

    # ===================== SMS: meetings =====================
    G = "genbrugsmoede"  # max 2 guests
    sms(G, "ja +2", RSVP("yes", 2))
    sms(G, "Vi kommer 3", RSVP("yes", 2))
    sms(G, "vi er fire", INTENT("unclear"))
    sms(G, "Ja 2", INTENT("unclear"))
    sms(G, "Kommer med min mand og min svigerfar", RSVP("yes", 2))
    sms(G, "næh, det har jeg ikke tid til", RSVP("no"))
    sms(G, "Måske, og så tager jeg min nabo med", RSVP("maybe", 1))
    sms(G, "JA TAK vi kommer hele familien", INTENT("unclear"))
    sms(G, "afmeld mig", INTENT("unclear"))
    sms(G, "jeg og min kæreste + hendes bror", RSVP("yes", 2))
    sms(G, "Kommer ikke, men skal genbrugsstationen ha åbent om søndagen?", RSVP("no"))
    sms(G, "jaaa 👍👍", RSVP("yes"))

    W = "ungeworkshop"  # no guests
    sms(W, "Ja +1", INTENT("unclear"))
    sms(W, "kan desværre ikke, er til træning", RSVP("no"))
    sms(W, "Jeg kommer sammen med min søn", INTENT("unclear"))
    sms(W, "STOP", INTENT("unsubscribe"))
    sms(W, "Kan man komme lidt senere? Har først fri kl 17", INTENT("other"))
    sms(W, "jeg stopper på arbejde kl 16 så jeg når det fint 👍", RSVP("yes"))

    D = "dialogmoede"  # max 1 guest
    sms(D, "Ja, jeg kommer med min datter", RSVP("yes", 1))
    sms(D, "Vi kommer 2", RSVP("yes", 1))
    sms(D, "vi er 3", INTENT("unclear"))
    sms(D, "frameld mig", INTENT("unclear"))
    sms(D, "Ved ikke om jeg kan, min mand er syg", RSVP("maybe"))
    sms(D, "Ja 1", INTENT("unclear"))
    sms(D, "Jeg tager min hjemmehjælper med", RSVP("yes", 1))
    sms(D, "Jeg kommer i kørestol, er der adgang?", RSVP("yes"))

    # ===================== Email: Affald og genbrug =====================
    QA = "Har du en idé til, hvordan vi kan genbruge mere"
    mail(A, Who("Mette Kjær", "mette.kjaer98@gmail.com"),
         ANS(tilfreds=8, sorterer="yes", aflevering="genbrugsstation", forbedring=["aabningstider", "glas"],
             beholdere=3, ide=TXT("Byttehylde på genbrugsstationen", no=["Mvh Mette", QA])),
         client="gmail",
         top="1: 8\n2: ja\n3: A\n4: B og C\n5: 3\n6: Byttehylde på genbrugsstationen, så man kan tage ting med hjem\n\nMvh Mette")
    mail(A, Who("Jørgen Sørensen", "js@soerensens-toemrer.dk"),
         ANS(tilfreds=4, sorterer="no", aflevering="storskrald", forbedring=["toemning"], beholdere=2,
             ide=TXT("lukker låget efter sig", no=["Tømrermester", "40 12 34 56", QA])),
         client="outlook",
         top="Hej\n\nHer er mine svar:\n1) 4\n2) Nej\n3) Storskrald\n4) A\n5) 2\n6) At skraldemændene lukker låget efter sig.\n\n"
             "Med venlig hilsen\nJørgen Sørensen\nTømrermester\nSørensens Tømrerforretning ApS\nTlf. 40 12 34 56")
    mail(A, Who("Lise Bjerre", "lisebjerre@icloud.com"),
         ANS(tilfreds=7, sorterer="yes", aflevering="genbrugsstation", forbedring=["toemning", "glas"], beholdere=2),
         client="iphone", top="7\nJa\nGenbrugsstationen\nHyppigere tømning og flere glascontainere\n2")
    mail(A, Who("Torben Hviid", "torben.hviid@fullrate.dk"),
         ANS(tilfreds=8, sorterer="yes", aflevering="genbrugsstation", forbedring=["info"], beholdere=3,
             ide=TXT("Pant på flere ting end flasker og dåser", no=[QA])),
         client="thunderbird",
         inline={1: "8", 2: "Ja, selvfølgelig", 3: "A", 4: "D - hvad hører til i hvilken spand??", 5: "3",
                 6: "Pant på flere ting end flasker og dåser."},
         top="Svar nedenfor.\n\n/Torben")
    mail(A, Who("Nanna Friis", "nannafriis@hotmail.com"),
         ANS(tilfreds=9, sorterer="yes", aflevering="storskrald"),
         client="gmail", inline={1: "9", 2: "jep", 3: "B"})
    mail(A, Who("Kurt Mikkelsen", "kurt.mikkelsen@kalbyrup-vand.dk"),
         ANS(tilfreds=6, sorterer="no", aflevering="container", forbedring=["glas", "info"], beholdere=1),
         client="outlook",
         inline={1: "SVAR: 6", 2: "SVAR: Nej", 3: "SVAR: D", 4: "SVAR: C og D", 5: "SVAR: 1"},
         top="Se mine svar med blåt nedenfor.\n\nMvh Kurt Mikkelsen\nDriftstekniker | Kalbyrup Vand A/S")
    mail(A, Who("Bent Overgaard", "bent.overgaard@mac.com"),
         ANS(tilfreds=6, sorterer="no", aflevering="genbrugsstation", forbedring=["toemning"], beholdere=2),
         client="apple",
         top="1: 5\n2: nej\n3: A\n4: A\n5: 2\n\nRettelse: 1 skal være 6, jeg trykkede forkert\n\nHilsen Bent")
    mail(A, Who("Hanne Vestergaard", "hanne.v@webmail.dk"),
         ANS(tilfreds=10, sorterer="yes", aflevering="container", forbedring=["glas"], beholdere=0),
         client="webmail",
         top="1. ti\n2. ja\n3. container i boligforeningen\n4. glas\n5. 0 – vi har fælles i gården")
    mail(A, Who("Rasmus Krogh", "rasmus.krogh@outlook.dk"),
         ANS(tilfreds=8, sorterer="yes", aflevering="genbrugsstation", forbedring=["aabningstider"], beholdere=4),
         client="android", top="8, ja, A, B, 4")
    mail(A, Who("Pia Thomsen", "pia.thomsen@gmail.com"),
         ANS(tilfreds=7, sorterer="yes", aflevering="genbrugsstation", beholdere=4),
         client="gmail",
         top="Hej\n\nJeg synes det fungerer fint, jeg vil give det en 7'er. Vi sorterer alt, også madaffald. "
             "Store ting kører vi selv på genbrugsstationen med trailer. Vi har 4 beholdere ved huset.\n\nPia")
    mail(A, Who("Ole Damgaard", "ole.damgaard@mail.tele.dk"),
         ANS(tilfreds=3, sorterer="no", aflevering="ingen", beholdere=1,
             ide=TXT("for besværligt med 10 forskellige spande i køkkenet", no=["Ole Damgaard", QA])),
         client="outlook",
         top="1: 3\n2: nej\n3: E\n5: 1\n6: Jeg bor alene i lejlighed og synes det er for besværligt med 10 forskellige "
             "spande i køkkenet.\n\nOle Damgaard")
    mail(A, Who("Camilla Brandt", "cbrandt@gmail.com"),
         ANS(unclear=["tilfreds", "aflevering"], sorterer="yes", forbedring=["toemning"]),
         client="gmail", top="1: 5 eller 6\n2: ja\n3: A eller B, det kommer an på hvad det er\n4: A")
    mail(A, Who("Finn Laursen", "finn@laursen-el.dk"),
         ANS(unclear=["tilfreds"], sorterer="yes"),
         client="thunderbird", top="1: 0\n2: ja\n\nFinn")
    mail(A, Who("Sara Holt", "sara.holt@icloud.com"),
         ANS(tilfreds=2, sorterer="yes", aflevering="storskrald", forbedring=["toemning"]),
         client="iphone",
         top="Spm 1: 2 (!!) skraldebilen har ikke været her i 3 uger\nSpm 2: ja\nSpm 3: B\nSpm 4: A")
    mail(A, Who("Preben Kjeldsen", "preben.kjeldsen@gmail.com"), INTENT("other"), client="gmail",
         top="Hvorfor skal jeg betale for en ekstra beholder, når jeg aldrig har bedt om den?\n\nPreben Kjeldsen")
    mail(A, Who("Karen Lund", "karen.lund@kalbyrup-skole.dk"), INTENT("unsubscribe"), client="outlook",
         top="Jeg vil gerne afmeldes borgerpanelet. Jeg har ikke tid til det længere.\n\nMvh\nKaren")
    mail(A, Who("Jannik Storm", "jannik.storm@yousee.dk"),
         ANS(tilfreds=9, sorterer="yes", aflevering="genbrugsstation", forbedring=["aabningstider", "info"], beholdere=2),
         client="samsung", top="1 9 2 ja 3 a 4 bd 5 2")
    mail(A, Who("Sofie Laursen", "sofie.laursen@gmail.com"),
         ANS(tilfreds=7, sorterer="yes", aflevering="container", forbedring=["toemning", "info"], beholdere=5,
             ide=TXT("En app der fortæller hvornår der bliver tømt", "sms dagen før",
                     no=["Sofie Laursen", QA])),
         client="gmail",
         top="1: 7\n2: ja\n3: D\n4: A, D\n5: 5\n6: En app der fortæller hvornår der bliver tømt.\nOg gerne en sms dagen før.\n\n"
             "Venlig hilsen\nSofie Laursen")
    mail(A, Who("Aksel Winther", "aksel.winther@mail.dk"), INTENT("unclear"), client="thunderbird", top="")
    mail(A, Who("Grete Mogensen", "grete.mogensen@outlook.dk"),
         ANS(tilfreds=5, sorterer="yes", aflevering="genbrugsbutik", forbedring=["glas"], beholdere=3),
         client="outlook",
         top="Kære Borgerpanel\n\nMine svar:\nNr. 1 = 5\nNr. 2 = Ja\nNr. 3 = Genbrugsbutik\nNr. 4 = Flere glascontainere\n"
             "Nr. 5 = 3\n\nVenlig hilsen\nGrete Mogensen")
    mail(A, Who("Lukas Bach", "lukas.bach02@gmail.com"),
         ANS(tilfreds=4, sorterer="no", aflevering="genbrugsstation", forbedring=["toemning", "aabningstider", "glas", "info"],
             beholdere=2, ide=TXT("gratis trailerudlejning", no=[QA])),
         client="gmail", top="1: 4\n2: nix\n3: A\n4: alle\n5: 2\n6: gratis trailerudlejning 🙏")
    mail(A, Who("Winnie Jakobsen", "winnie.j@webmail.dk"), INTENT("unsubscribe"), client="webmail",
         top="STOP")
    mail(A, Who("Henrik Bæk", "henrik.baek@gmail.com"), INTENT("other"), client="gmail",
         top="Jeg er flyttet til Aarhus. Kan jeg stadig være med i panelet?\n\nHenrik")

    # ===================== Email: Ældreplejen =====================
    QE = "Er der andet, du vil fortælle os om ældreplejen"
    mail(E, Who("Birthe Holm", "birthe.holm@mail.dk"),
         ANS(tid=1, kontakt=2, paaroerende="yes", vigtigst="faste",
             andet=TXT("14 forskellige hjælpere", no=["Birthe Holm", QE])),
         client="outlook",
         top="1. Helt uenig\n2. Uenig\n3. Ja\n4. A\n5. Min mor får besøg af 14 forskellige hjælpere på en måned. "
             "Det er utrygt for hende.\n\nVenlig hilsen\nBirthe Holm")
    mail(E, Who("Jens Peter Krag", "jpkrag@gmail.com"),
         ANS(tid=2, kontakt=3, paaroerende="no", vigtigst="mad"),
         client="gmail", inline={1: "Delvist uenig", 2: "3", 3: "Nej", 4: "Bedre mad!"})
    mail(E, Who("Lone Hedegaard", "lone.hedegaard@icloud.com"),
         ANS(tid=4, kontakt=4, paaroerende="yes", vigtigst="tid"),
         client="iphone", top="1: 4, 2: 4, 3: ja, 4: B")
    mail(E, Who("Anna Margrethe Dahl", "amdahl@mail.tele.dk"),
         ANS(unclear=["tid", "kontakt"], paaroerende="no", vigtigst="faste"),
         client="thunderbird",
         top="Kære Borgerpanel\n\nJeg er 84 år og har selv hjemmehjælp. Jeg synes ikke, de har tid nok, de er altid "
             "forjagede. Men de er søde. Kommunen er svær at få fat i, man sidder i telefonkø. Jeg er ikke "
             "pårørende, det er mig selv der får hjælp. Det vigtigste for mig er faste hjælpere, så det er de "
             "samme, der kommer.\n\nVenlig hilsen\nAnna Margrethe Dahl")
    mail(E, Who("Svend Aage Poulsen", "sap@webmail.dk"),
         ANS(tid=3, kontakt=1, paaroerende="yes", vigtigst="aktiviteter",
             andet=TXT("Besøgsvenner ville hjælpe", no=[QE])),
         client="webmail",
         top="1: 3\n2: 1\n3: ja\n4: D\n5: Min far savner nogen at snakke med. Besøgsvenner ville hjælpe.")
    mail(E, Who("Tove Riis", "tove.riis@kalbyrup.dk"),
         ANS(unclear=["vigtigst"], tid=2, kontakt=2, paaroerende="yes"),
         client="outlook",
         inline={1: "SVAR: 2", 2: "SVAR: 2", 3: "SVAR: Ja, min mor på Solgården", 4: "SVAR: A og B"},
         top="Svarene står med fed under spørgsmålene.\n\nMvh Tove")
    mail(E, Who("Henrik Nørgaard", "henrik.noergaard@gmail.com"),
         ANS(tid=5, kontakt=5, paaroerende="no", vigtigst="mad",
             andet=TXT("Stop ikke madudbringningen", no=["/Henrik", QE])),
         client="gmail", top="1) 5\n2) 5\n3) nej\n4) C\n5) Stop ikke madudbringningen, den er vigtig for mange!\n\n/Henrik")
    mail(E, Who("Poul Erik Thygesen", "pe.thygesen@mac.com"), INTENT("unsubscribe"), client="apple",
         top="Jeg vil ikke længere være med i panelet. Slet venligst mine oplysninger.\n\nMvh Poul Erik")
    mail(E, Who("Dorthe Kirk", "dorthe.kirk@gmail.com"), INTENT("other"), client="gmail",
         top="Hvem står bag undersøgelsen? Bliver mine svar delt med plejecentret, hvor min mor bor?\n\nDorthe")
    mail(E, Who("Malene Juhl", "malene.juhl@outlook.dk"),
         ANS(tid=5, kontakt=1, paaroerende="yes", vigtigst="faste"),
         client="android", top="Helt enig\nHelt uenig\nJa\nFaste hjælpere")
    mail(E, Who("Erling Bonde", "erling.bonde@stofanet.dk"),
         ANS(tid=4, kontakt=3, paaroerende="yes", vigtigst="tid"),
         client="outlook", top="1: enig 2: hverken enig eller uenig 3: ja 4: mere tid")
    mail(E, Who("Ingrid Bak", "ingrid.bak@yousee.dk"),
         ANS(tid=2, paaroerende="no"),
         client="samsung", top="1 uenig\n3 nej\nResten ved jeg ikke noget om.")
    mail(E, Who("Vibeke Schou", "vibeke.schou@gmail.com"),
         ANS(unclear=["tid"], kontakt=4, paaroerende="yes", vigtigst="faste"),
         client="gmail", top="1: 2 eller 3?\n2: 4\n3: ja\n4: a")
    mail(E, Who("Kaj Frandsen", "kaj.frandsen@mail.dk"), INTENT("unclear"), client="outlook", top="Ok")

    # ===================== Email: Idræt og fritid =====================
    QI = "Hvad mangler du mest i dit lokalområde"
    mail(I, Who("Kasper Brix", "kasperbrix@gmail.com"),
         ANS(haller=7, dage=3, forening="yes", bruger=["svoemmehal", "stier"], parkering="yes",
             oenske=TXT("Lys på motionsstien rundt om søen", no=["Vh Kasper", QI])),
         client="gmail", top="1: 7\n2: 3\n3: ja\n4: A, C\n5: ja\n6: Lys på motionsstien rundt om søen\n\nVh Kasper")
    mail(I, Who("Helle Gram", "helle.gram@kalbyrup.dk"),
         ANS(haller=4, dage=0, forening="no", bruger=["stier"], parkering="no",
             oenske=TXT("Et sted hvor de unge kan være om aftenen", no=["Helle Gram", QI])),
         client="outlook",
         top="1. 4\n2. 0\n3. Nej\n4. C\n5. Nej\n6. Et sted hvor de unge kan være om aftenen\n\n"
             "Med venlig hilsen\n\nHelle Gram\nSagsbehandler\nBørn og Familie, Kalbyrup Kommune")
    mail(I, Who("Emil Skov", "emil.skov@icloud.com"),
         ANS(haller=8, dage=2, forening="yes", bruger=["kunstgraes"], parkering="yes"),
         client="iphone", top="8\n2 dage\nJa, fodbold\nKunstgræs\nJa")
    mail(I, Who("Line Kristoffersen", "line.kristoffersen@gmail.com"),
         ANS(unclear=["dage"], haller=6, forening="yes", bruger=["svoemmehal", "fitness"], parkering="no"),
         client="gmail", inline={1: "6", 2: "4-5", 3: "ja", 4: "A og D", 5: "nej"})
    mail(I, Who("Morten Lind", "morten.lind@webmail.dk"),
         ANS(unclear=["haller"], dage=2, forening="no", bruger=["skaterbane"], parkering="no"),
         client="webmail", top="1: 11\n2: 2\n3: nej\n4: E\n5: nej")
    mail(I, Who("Grethe Fog", "grethe.fog@mail.tele.dk"), INTENT("other"), client="outlook",
         top="Hej\n\nJeg dyrker ikke sport, så jeg ved ikke, hvad jeg skal svare. Skal jeg stadig udfylde det?\n\nMvh\nGrethe")
    mail(I, Who("Jonas Winther", "jonas@winther.dk"),
         ANS(haller=5, dage=7, forening="no", bruger=["kunstgraes", "skaterbane"], parkering="yes",
             oenske=TXT("En skaterbane der ikke er fyldt med glasskår", no=[QI])),
         client="thunderbird", top="1: 5\n2: syv\n3: nej\n4: B, E\n5: ja\n6: En skaterbane der ikke er fyldt med glasskår")
    mail(I, Who("Charlotte Munk", "charlotte.munk@mac.com"),
         ANS(haller=8, dage=3, forening="yes"),
         client="apple", top="1: 9 - nej vent, 8\n2: 3\n3: ja")
    mail(I, Who("Niels Østergaard", "niels.oestergaard@outlook.dk"),
         ANS(haller=6, dage=4, forening="no", bruger=["stier"], parkering="no"),
         client="android",
         top="Jeg giver hallerne 6. Jeg løber 4 dage om ugen og er ikke med i nogen forening. Jeg bruger mest "
             "motionsstierne. Parkering er ikke noget problem.")
    mail(I, Who("Julie Agger", "julie.agger@gmail.com"),
         ANS(haller=3, dage=1, forening="no", bruger=["fitness"], parkering="no",
             oenske=TXT("overdækket legeplads", no=["Julie", QI])),
         client="gmail",
         top="1) 3\n2) 1\n3) nej\n4) D\n5) nej\n6) En overdækket legeplads til småbørn, så man kan være ude når det regner\n\nJulie")
    mail(I, Who("Bo Ravn", "bo.ravn@stofanet.dk"),
         ANS(haller=10, forening="yes"), client="samsung", top="1: 10\n3: Ja, håndbold i KIF")
    mail(I, Who("Tina Lauridsen", "tina.lauridsen@gmail.com"), INTENT("unsubscribe"), client="gmail",
         top="Meld mig ud af borgerpanelet, tak.")

    # ===================== Email: meetings =====================
    mail(G, Who("Lars Holm", "lars.holm@gmail.com"), RSVP("yes"), client="gmail", top="Ja tak, jeg kommer.\n\nMvh Lars")
    mail(G, Who("Susanne Winther", "susanne.winther@kalbyrup.dk"), RSVP("yes", 1), client="outlook",
         top="Hej\n\nVi kommer 2 personer.\n\nVenlig hilsen\nSusanne Winther\nØkonomimedarbejder")
    mail(G, Who("Michael Berg", "michael.berg@icloud.com"), RSVP("yes", 2), client="iphone", top="JA +2")
    mail(G, Who("Anette Bundgaard", "anette.bundgaard@mac.com"), INTENT("unclear"), client="apple",
         top="Jeg kommer med min mand og vores to teenagere.\n\nAnette")
    mail(G, Who("Erik Lund", "erik.lund@fullrate.dk"), RSVP("no"), client="thunderbird",
         top="Nej tak, det interesserer mig ikke.\n\nHilsen\nErik")
    mail(G, Who("Signe Kruse", "signe.kruse@gmail.com"), RSVP("maybe"), client="gmail",
         top="Måske, det afhænger af om jeg kan få en babysitter")
    mail(G, Who("Frank Hald", "frank.hald@webmail.dk"), RSVP("no"), client="webmail",
         top="Jeg kan ikke komme den 4., men kan I sende materialet bagefter?")
    mail(G, Who("Ulla Bech", "ulla.bech@mail.tele.dk"), INTENT("unclear"), client="outlook", top="Afmeld")
    mail(G, Who("Carsten Wulff", "carsten.wulff@outlook.dk"), RSVP("yes", 2), client="android",
         top="Vi er 3 fra grundejerforeningen der kommer.")
    mail(G, Who("Mona Ebbesen", "mona.ebbesen@gmail.com"), RSVP("yes", 1), client="gmail",
         top="Ja, vi kommer to. Er der handicapparkering ved Medborgerhuset?\n\nMona")
    mail(G, Who("Allan Kirk", "allan.kirk@gmail.com"), INTENT("unclear"), client="gmail", top="👍")

    mail(W, Who("Freja Nygaard", "freja.nygaard10@gmail.com"), RSVP("yes"), client="gmail",
         top="Hej! Jeg kommer gerne 😊\n\nKh Freja (16)")
    mail(W, Who("Oliver Dam", "oliver.dam@icloud.com"), INTENT("other"), client="iphone", top="Kan jeg tage en ven med?")
    mail(W, Who("Per Mortensen", "per.mortensen@kalbyrupif.dk"), INTENT("unclear"), client="outlook",
         top="Jeg kommer, og min kollega Morten vil også gerne med.\n\nMvh Per Mortensen\nKalbyrup IF")
    mail(W, Who("Sebastian Lykke", "sebastian.lykke@yousee.dk"), RSVP("no"), client="samsung",
         top="Nej desværre, jeg har træning om tirsdagen")
    mail(W, Who("Mads Holm", "mads@kalbyrupskate.dk"), RSVP("yes"), client="thunderbird",
         top="Jeg deltager.\n\n-- \nMads Holm\nFormand, Kalbyrup Skateklub")
    mail(W, Who("Ida Brink", "ida.brink@gmail.com"), RSVP("maybe"), client="gmail", top="Ved ikke endnu, vender tilbage")
    mail(W, Who("Anders Vinther", "anders.vinther@outlook.dk"), INTENT("unsubscribe"), client="android",
         top="Jeg ønsker ikke at modtage flere henvendelser fra borgerpanelet. Slet mig.")

    mail(D, Who("Ruth Bech", "ruth.bech@mail.dk"), RSVP("yes", 1), client="outlook",
         top="Jeg kommer sammen med min søster, hvis det er i orden.\n\nMed venlig hilsen\nRuth Bech")
    mail(D, Who("Kirsten Holst", "kirsten.holst@gmail.com"), RSVP("yes", 1), client="gmail", top="Vi kommer 2")
    mail(D, Who("Inge Lauritsen", "inge.lauritsen@mac.com"), INTENT("unclear"), client="apple",
         top="Ja, og min mand og min datter vil også gerne med")
    mail(D, Who("Bjarne Sloth", "bjarne.sloth@icloud.com"), RSVP("no"), client="iphone",
         top="Nej tak. Jeg har ikke overskud til det lige nu.")
    mail(D, Who("Gitte Eriksen", "gitte.eriksen@gmail.com"), INTENT("unclear"), client="gmail", top="frameld mig venligst")
    mail(D, Who("Else Marie Krog", "elsemarie.krog@webmail.dk"), RSVP("yes"), client="webmail",
         top="Jeg kommer. Husk at der skal være kaffe 😄")
    mail(D, Who("Hans Jørgen Buus", "hj.buus@stofanet.dk"), RSVP("maybe"), client="outlook",
         top="Kommer måske. Det afhænger af, om min mor har en god dag.\n\nHans Jørgen")
    mail(D, Who("Lilly Vang", "lilly.vang@fullrate.dk"), INTENT("unsubscribe"), client="thunderbird",
         top="Jeg vil gerne meldes ud af borgerpanelet. Jeg kommer heller ikke til mødet.\n\nLilly Vang")
    mail(D, Who("Kim Thorsen", "kim.thorsen@gmail.com"), RSVP("yes"), client="gmail",
         top="jeg kommer, stopper først på arbejde 13.30 men det kan nok nås\n\nKim")

    # ===================== Auto-replies and bounces =====================
    autoreply(A, Who("Marianne Høj", "mhoj@kalbyrup-tandlaege.dk"),
              "Tak for din mail.\n\nJeg er på ferie frem til og med mandag den 1. marts og har ikke adgang til "
              "min mail. Ved akutte henvendelser kan klinikken kontaktes på 75 12 34 56.\n\n"
              "Venlig hilsen\nMarianne Høj",
              headers=(("Auto-Submitted", "auto-replied"), ("X-Auto-Response-Suppress", "All")),
              cs="windows-1252")
    autoreply(E, Who("Niels Krarup", "niels.krarup@gmail.com"),
              "Hej\n\nJeg er på barsel indtil 1. august og læser ikke mails. Kontakt evt. min kollega Pernille.\n\n"
              "Niels", subject="Re: " + subject_of(E))
    autoreply(I, Who("Susanne Bro", "susanne.bro@kalbyrup.dk"),
              "Jeg er ikke på kontoret. Jeg er tilbage torsdag den 25. februar.\n\nI am out of the office until "
              "Thursday 25 February.", subject="Fraværende: " + subject_of(I),
              headers=(("X-Autoreply", "yes"), ("Precedence", "auto_reply")), html_body=True)
    autoreply(G, Who("Kalbyrup Tømrer ApS", "kontakt@kalbyrup-toemrer.dk"),
              "Vi har modtaget din henvendelse og svarer hurtigst muligt, normalt inden for 2 hverdage.\n\n"
              "Dit sagsnummer er 2027-04471.\n\nMed venlig hilsen\nKalbyrup Tømrer ApS",
              subject="[Sag 2027-04471] Vi har modtaget din henvendelse",
              headers=(("Auto-Submitted", "auto-generated"), ("Precedence", "bulk")))
    autoreply(D, Who("Bodil Hansen", "bodil.hansen@mail.dk"),
              "Jeg holder vinterferie og er tilbage den 22. februar.\nMvh Bodil",
              subject="Autosvar: " + subject_of(D), headers=())
    autoreply(W, Who("Thomas Kragh", "thomas.kragh@kalbyrup-gym.dk"),
              "Tak for din besked. Jeg er på studietur med 2.g til og med fredag og svarer, når jeg er tilbage.\n\n"
              "Venlig hilsen\nThomas Kragh\nLektor",
              headers=(("Auto-Submitted", "auto-replied"),))
    bounce(A, Who("Gammel Adresse", "p.jensen@tdcadsl.dk"), "postfix")
    bounce(E, Who("Inga Sørensen", "inga.soerensen@kalbyrup.dk"), "exchange")
    bounce(G, Who("Carl Friis", "carl.friis.1957@gmail.com"), "gmail")
    bounce(D, Who("Asta Lind", "asta.lind@mail.dk"), "quota")


# ---------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------

def body_text(raw):
    m = message_from_bytes(raw.encode("utf-8"), policy=policy.default)
    out = []
    for p in m.walk():
        if p.get_content_maintype() == "text":
            t = p.get_content()
            if p.get_content_subtype() == "html":
                t = html.unescape(re.sub(r"<[^>]+>", " ", t))
            out.append(t)
    return " ".join(out), m


def fold(s):
    return re.sub(r"\s+", " ", s).strip().casefold()


def validate(c):
    d = DEFS[c["definition"]]
    e = c["expected"]
    assert e["intent"] in ("answers", "rsvp", "unsubscribe", "auto_reply", "bounce", "unclear", "other"), c["id"]
    if c["channel"] == "email":
        text, m = body_text(c["message"])
        for h in ("From", "To", "Date", "Message-ID", "Subject"):
            assert m[h], (c["id"], h)
    else:
        text = c["message"]
    qs = {q["key"]: q for q in d.get("questions", [])}
    if c.get("awaiting"):
        assert c["awaiting"] in qs and c["channel"] == "sms", c["id"]
    if e["intent"] == "rsvp":
        assert d["kind"] == "meeting" and 0 <= e["rsvp"]["guests"] <= d["max_guests"], c["id"]
    else:
        assert "rsvp" not in e, c["id"]
    if e["answers"] or e["unclear"]:
        assert d["kind"] == "survey", c["id"]
    for k in e["unclear"]:
        assert k in qs and k not in e["answers"], (c["id"], k)
    for k, v in e["answers"].items():
        q = qs[k]
        t = q["type"]
        if t in ("scale", "number"):
            assert isinstance(v, int) and q.get("min", 0) <= v <= q.get("max", 10 ** 6), (c["id"], k, v)
        elif t == "yes_no":
            assert v in ("yes", "no"), (c["id"], k)
        elif t == "choice":
            keys = [o["key"] for o in q["options"]]
            if q.get("multiple"):
                assert isinstance(v, list) and v and all(x in keys for x in v), (c["id"], k, v)
            else:
                assert v in keys, (c["id"], k, v)
        else:
            assert isinstance(v, dict) and v["contains"], (c["id"], k)
            for p in v["contains"]:
                assert fold(p) in fold(text), (c["id"], "contains not in message", p)
                assert fold(p) not in fold(q["text"]), (c["id"], p)
            for p in v["not_contains"]:
                assert fold(p) in fold(text), (c["id"], "not_contains not in message", p)


def main():
    build()
    for c in CASES:
        validate(c)
    with OUT.open("w", encoding="utf-8") as f:
        for c in CASES:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    from collections import Counter
    print(len(CASES), "cases")
    print(Counter((c["expected"]["intent"], c["channel"]) for c in CASES))


if __name__ == "__main__":
    main()
