"""The machinery shared by the held-out corpus generators heldout3..5.

Each of heldout3/make_heldout3.py, heldout4/make_heldout4.py and
heldout5/make_heldout5.py holds only hand-written content: its surveys and
meetings (definitions.json beside it), the invitation texts, the quote
fragments that must stay out of a text answer, and the replies: what each
panelist typed, which mail client or phone sent it, and what a careful human
reader records as the truth (`expected`).  This module wraps those words into
a realistic SMS body or a real RFC 5322 message the same way for every set,
so a change to the machinery is made once.  It is the machinery of
/work/shared/corpus/make_corpus.py (clients, quoting, charsets, auto-replies,
bounces, validation, output), from which those sets were copied.  Standard
library only (Python 3.11); deterministic, so regenerating a set gives the
same bytes.  heldout/ and heldout2/ keep their own, older machinery (another
domain, the invitation as the service's template renders it), which differs
in nearly every function.

The invitation that is being answered is rendered from the definitions
(questions numbered 1..n, options lettered A, B, C ..., scales with their
range and end labels) and quoted the way the client quotes (Gmail, Outlook,
Apple Mail, iPhone, Outlook for Android, Samsung Email, Thunderbird,
Roundcube, Yahoo), with signatures, charsets and transfer encodings of that
client.  Auto-replies and delivery-status notifications are built the same
way.

Formats: /work/shared/spec/definitions.md and reply-corpus.md.  Before
writing, every case is validated (see `Corpus.validate`): expected values
must be valid for the definition, text-answer phrases must occur in the
message (and `contains` phrases must not come from the quoted invitation),
and every email must parse with the standard `email` package and carry the
usual headers.

A generator makes one `Corpus`, writes its cases with the corpus's `mail`,
`sms`, `autoreply` and `bounce` and the expected-value helpers (`ANS`,
`RSVP`, `UNCLEAR`, `INTENT`, `TXT`) in functions, one a group of cases, and
ends with `corpus.main(group, ...)`, which runs them in order.
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


def danish_long_date(dt: datetime) -> str:
    return f"{WD_FULL[dt.weekday()]} den {dt.day}. {MON_FULL[dt.month - 1]} {dt.year}"


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


def hexs(r: random.Random, n: int) -> str:
    return "".join(r.choice("0123456789abcdef") for _ in range(n))


def alnum(r: random.Random, n: int, chars="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") -> str:
    return "".join(r.choice(chars) for _ in range(n))


def uuid_like(r: random.Random, upper=True) -> str:
    s = f"{hexs(r, 8)}-{hexs(r, 4)}-{hexs(r, 4)}-{hexs(r, 4)}-{hexs(r, 12)}"
    return s.upper() if upper else s


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


# ===========================================================================
# One held-out set
# ===========================================================================

class Corpus:
    """One held-out set: what its generator wrote by hand, and the cases so far.

    `folder` holds definitions.json and receives cases.jsonl.  `invitations`
    maps a definition key to the invitation's subject, sending time (`sent`),
    intro lines and, for surveys, the deadline.  `quote_fragments` maps a
    survey to a phrase of its quoted invitation that a text answer must never
    contain.  `seed` shuffles the cases; `id_prefix` names them (ho3-001, ...).
    """

    def __init__(self, folder: Path, invitations: dict, quote_fragments: dict, *, seed: int,
                 id_prefix: str):
        self.defs = json.loads((folder / "definitions.json").read_text("utf-8"))
        self.out = folder / "cases.jsonl"
        self.inv = invitations
        self.quote_fragment = quote_fragments
        self.seed = seed
        self.id_prefix = id_prefix
        self.cases = []

    # -----------------------------------------------------------------------
    # The invitation being answered
    # -----------------------------------------------------------------------

    def invitation(self, defn: str, first: str):
        """Plain-text invitation as the panelist received it.

        Returns (lines, ends): ends maps a question number to the index of the
        last line of that question's block (where inline answers get typed).
        """
        d = self.defs[defn]
        inv = self.inv[defn]
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

    def inv_msgid(self, defn: str, tok: str) -> str:
        return f"<{self.inv[defn]['sent']:%Y%m%d%H%M%S}.{defn}.{tok}@{DOMAIN}>"

    def reply_time(self, defn: str, addr: str, after_min: float | None = None) -> datetime:
        r = rng_for("time", defn, addr)
        sent = self.inv[defn]["sent"]
        if after_min is None:
            after_min = r.choice([r.uniform(9, 180), r.uniform(180, 1500), r.uniform(1500, 6000)])
        t = sent + timedelta(minutes=after_min)
        if after_min > 60 and (t.hour < 7 or t.hour > 22):  # people sleep
            t = t.replace(hour=r.randint(7, 21))
            if t <= sent:
                t += timedelta(days=1)
        return t.replace(microsecond=0)

    # -----------------------------------------------------------------------
    # The cases: human replies
    # -----------------------------------------------------------------------

    def compose(self, client, who, defn, tok, top, inline, bottom, quote, sent, opts):
        """Return (plain_text, html_text) of a reply written in `client`."""
        inv_lines, ends = self.invitation(defn, who.first)
        segs = segments(inv_lines, ends, inline) if quote else []
        addr = reply_addr(tok)
        subj = self.inv[defn]["subject"]
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

    def add(self, defn, channel, message, expected, awaiting=None, meta=None):
        self.cases.append({"definition": defn, "channel": channel, "message": message,
                           "awaiting": awaiting, "expected": expected, "meta": meta or {}})

    def sms(self, defn, text, expected, awaiting=None):
        self.add(defn, "sms", text, expected, awaiting, {"kind": "sms"})

    def mail(self, defn, who, expected, *, client="gmail", top="", inline=None, bottom="", quote=True,
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
        sent = self.inv[defn]["sent"]
        when = self.reply_time(defn, who.addr, after_min)
        plain, htm = self.compose(client, who, defn, tok, top, inline, bottom, quote, sent, o)
        if flowed:
            plain = flow(plain)
        subj = subject if subject is not None else o["prefix"] + self.inv[defn]["subject"]
        to = reply_addr(tok)
        inv_id = self.inv_msgid(defn, tok)
        cs_, cte_, fmt_ = o["cs"], o["cte"], o["fmt"]

        # Text answers: the signature/quote must stay out of the extracted text.
        if quote and defn in self.quote_fragment:
            for v in expected.get("answers", {}).values():
                if isinstance(v, dict) and self.quote_fragment[defn] not in v["not_contains"]:
                    v["not_contains"].append(self.quote_fragment[defn])

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
            msg["Thread-Topic"] = hdr(self.inv[defn]["subject"], cs_)
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
            self.add(defn, "email", serialize(msg, crlf), expected,
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
        self.add(defn, "email", serialize(msg, crlf), expected,
                 meta={"client": client, "cs": cs_, "cte": cte_, "fmt": fmt_, "thread": thread,
                       "custom_subject": subject is not None})

    # -----------------------------------------------------------------------
    # Automatic replies and delivery-status notifications
    # -----------------------------------------------------------------------

    def autoreply(self, defn, who, body, *, subject_prefix="Automatisk svar: ", subject=None,
                  headers=(("Auto-Submitted", "auto-replied"),), system="exchange", cs="utf-8",
                  cte="quoted-printable", html_body=False, thread=True, to_bounce=False, after_min=None):
        tok = token_for(defn, who.addr)
        r = rng_for("auto", defn, who.addr)
        when = self.reply_time(defn, who.addr, after_min if after_min is not None else r.uniform(0.2, 3))
        to = bounce_addr(tok) if to_bounce else reply_addr(tok)
        subj = subject if subject is not None else subject_prefix + self.inv[defn]["subject"]
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
            msg["Thread-Topic"] = self.inv[defn]["subject"]
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
            msg["In-Reply-To"] = self.inv_msgid(defn, tok)
            msg["References"] = self.inv_msgid(defn, tok)
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
        self.add(defn, "email", serialize(msg), INTENT("auto_reply"),
                 meta={"client": "auto:" + system, "cs": cs, "cte": cte, "fmt": "html" if html_body else "plain"})

    def invitation_message(self, defn, who, tok):
        """The invitation as the service sent it (returned inside bounces)."""
        lines, _ = self.invitation(defn, who.first)
        text = "\n".join(lines) + "\n"
        m = EmailMessage()
        m["Return-Path"] = f"<{bounce_addr(tok)}>"
        m["From"] = f"{PANEL} <{reply_addr(tok)}>"
        m["To"] = f"{who.name} <{who.addr}>"
        m["Subject"] = self.inv[defn]["subject"]
        m["Date"] = format_datetime(self.inv[defn]["sent"])
        m["Message-ID"] = self.inv_msgid(defn, tok)
        m["List-Unsubscribe"] = f"<mailto:{reply_addr(tok)}?subject=STOP>"
        m.set_content(text, charset="utf-8", cte="quoted-printable")
        m.add_alternative("<html><body>" + br_lines(lines) + "</body></html>\n", subtype="html",
                          charset="utf-8", cte="quoted-printable")
        m.set_boundary(f"==panel-{tok}==")
        strip_part_mime_version(m)
        # Re-read as a compat32 message so that the headers stay exactly as sent
        # (RFC 2047 encoded) when the message is embedded in a report.
        return message_from_bytes(m.as_bytes(policy=policy.SMTP), policy=policy.compat32)

    def bounce(self, defn, who, style, *, after_min=None):
        """A multipart/report delivery-status notification for the invitation to `who`."""
        tok = token_for(defn, who.addr)
        r = rng_for("bounce", defn, who.addr)
        sent = self.inv[defn]["sent"]
        when = (sent + timedelta(minutes=after_min if after_min is not None else r.uniform(0.05, 2))).replace(microsecond=0)
        orig = self.invitation_message(defn, who, tok)
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
            rep["Subject"] = hdr("Kan ikke leveres: " + self.inv[defn]["subject"], "utf-8")
            rep["Message-ID"] = f"<{uuid_like(r)}@{host}.eurprd04.prod.outlook.com>"
            rep["In-Reply-To"] = self.inv_msgid(defn, tok)
            rep["References"] = self.inv_msgid(defn, tok)
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
            rep["Subject"] = hdr("Undeliverable: " + self.inv[defn]["subject"], "utf-8")
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
        self.add(defn, "email", serialize(rep), INTENT("bounce"), meta={"client": "bounce:" + style})

    # -----------------------------------------------------------------------
    # Validation and output
    # -----------------------------------------------------------------------

    def validate(self, case):
        where = case["id"]
        d = self.defs[case["definition"]]
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
            lines, _ = self.invitation(case["definition"], "X")
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

    def main(self, *groups) -> None:
        """Write every group of hand-written cases, in order; validate; write cases.jsonl."""
        for group in groups:
            group()
        cases = list(self.cases)
        random.Random(self.seed).shuffle(cases)
        for i, c in enumerate(cases, 1):
            c["id"] = f"{self.id_prefix}-{i:03d}"
        seen = set()
        for c in cases:
            key = (c["definition"], c["channel"], c["message"])
            assert key not in seen, ("duplicate case", c["id"])
            seen.add(key)
            self.validate(c)

        with self.out.open("w", encoding="utf-8", newline="\n") as f:
            for c in cases:
                rec = {"id": c["id"], "definition": c["definition"], "channel": c["channel"],
                       "message": c["message"]}
                if c["awaiting"]:
                    rec["awaiting"] = c["awaiting"]
                rec["expected"] = c["expected"]
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")

        # Re-read: every line must be one JSON object in the documented shape.
        n = 0
        with self.out.open(encoding="utf-8") as f:
            for line in f:
                obj = json.loads(line)
                assert set(obj) <= {"id", "definition", "channel", "message", "awaiting", "expected"}
                assert obj["definition"] in self.defs
                n += 1
        assert n == len(cases)

        def show(title, counter):
            total = sum(counter.values())
            print(f"\n{title}:")
            for k, v in sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0]))):
                print(f"  {str(k):<28} {v:4d}  {100 * v / total:5.1f}%")

        print(f"wrote {n} cases to {self.out}")
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
