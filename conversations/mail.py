"""Read one whole email (RFC 5322 bytes) into what the person wrote.

`read_message(raw)` is a pure function: no network, no database, and it
never raises, whatever the bytes (if the body cannot be read, the headers
still are, and `problems` says why).  It reads in this order:

1. **Parse.**  Large non-text parts (attachments) are cut out of the bytes
   first, by a scan for boundary lines, so a 30 MB attachment is never
   parsed or decoded.  The standard `email` package then gives the MIME
   structure.  It runs with the `compat32` policy: `policy.default`'s header
   registry parses every Content-Type it meets (about 5 ms a message, and a
   malformed header can raise), whereas compat32 keeps headers as raw
   strings, which are decoded here (RFC 2047 encoded words, raw 8-bit UTF-8
   or windows-1252) with fallbacks that cannot fail.
2. **Envelope.**  Subject, sender, recipients (To, Cc, Delivered-To,
   X-Original-To: where the service finds its `svar+TOKEN@` address),
   Message-ID, In-Reply-To and References.
3. **Body.**  The readable text: text/plain preferred, else text/html
   converted (blockquotes become '>' lines; Outlook's reply header block
   becomes a marker line after which the original follows); format=flowed
   joined; unknown charsets read best-effort; attachments never read.
4. **Machine mail**, as the best reply-by-email systems decide it: a bounce
   by structure first (`multipart/report` with a `message/delivery-status`
   part), then the usual non-standard bounces (MAILER-DAEMON / postmaster
   senders, NDR subjects in Danish and English, Exchange NDR headers, with
   status and recipient found in the text); then an auto-reply
   (`Auto-Submitted` other than `no`, `Precedence: bulk/junk/list/auto_reply`,
   `X-Autoreply` / `X-Autorespond`, an out-of-office subject).
   `X-Auto-Response-Suppress` is not a sign: Exchange puts it on ordinary
   human replies.
5. **Quotes.**  Each line becomes own words, quoted text or dropped:
   '>' lines are quoted; attributions ("Den ... kl. 10.15 skrev ...:",
   "On ... wrote:") are dropped when a quote follows them; a header block
   ("Fra:/Sendt:/Til:/Emne:", three header lines at least), "-----Oprindelig
   meddelelse-----" or a forwarding separator starts the un-prefixed
   original, which is quoted to the end, except lines typed right under a
   question's indented hints (Outlook users answer inside the original).
   Answers typed between '>' blocks simply stay own words, so the blocks
   show each answer under the question it answers.
6. **Signatures.**  From each own block: mobile boilerplate ("Sendt fra min
   iPhone", "Hent Outlook til Android", ...), the "-- " delimiter and what
   follows, and a closing ("Venlig hilsen", "Mvh", ...) with the few short
   lines after it (never lines that look like numbered answers, and never a
   PS).  "Ja tak" and "Nej tak" are answers, never closings.
"""
from __future__ import annotations

import binascii
import email
import email.parser
import html
import quopri
import re
from dataclasses import dataclass
from email import policy
from email.message import Message
from html.parser import HTMLParser
from typing import Iterator, Literal

__all__ = ["Block", "Bounce", "MailReading", "read_message"]


@dataclass(frozen=True)
class Block:
    text: str        # plain text, quote markers ('>' etc.) removed
    quoted: bool     # True: quoted from an earlier message; False: the person's own words


@dataclass(frozen=True)
class Bounce:
    recipient: str | None   # the address that failed
    status: str | None      # e.g. "5.1.1" or "4.2.2"
    is_hard: bool           # 5.x.x (or permanent wording) -> True; 4.x.x -> False
    diagnostic: str | None


@dataclass(frozen=True)
class MailReading:
    kind: Literal["reply", "auto_reply", "bounce"]
    subject: str
    text: str
    blocks: tuple[Block, ...]
    sender: str | None
    recipients: tuple[str, ...]
    message_id: str | None
    in_reply_to: str | None
    references: tuple[str, ...]
    auto_reason: str | None
    bounce: Bounce | None
    problems: tuple[str, ...]
    # An iTIP calendar answer (text/calendar METHOD:REPLY): "yes" | "no" | "maybe", else None.
    calendar_reply: str | None = None


def read_message(raw: bytes) -> MailReading:
    """Read a whole RFC 5322 message; never raises."""
    try:
        return _read(raw)
    except Exception as exc:  # a bug or a pathological message: fall back to the headers
        problem = f"body not read ({type(exc).__name__})"
        try:
            return _read_headers_only(raw, problem)
        except Exception:
            return MailReading(kind="reply", subject="", text="", blocks=(), sender=None, recipients=(),
                               message_id=None, in_reply_to=None, references=(), auto_reason=None,
                               bounce=None, problems=(problem, "headers not read"))


class _Problems:
    """Non-fatal trouble met while reading, in order, without repeats."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, text: str) -> None:
        if text not in self.items:
            self.items.append(text)


def _read(raw: bytes) -> MailReading:
    problems = _Problems()
    if isinstance(raw, str):
        raw = raw.encode("utf-8", "surrogateescape")
    elif not isinstance(raw, bytes):
        raw = bytes(raw)
    raw = _cut_large_parts(raw, problems)
    msg = email.message_from_bytes(raw, policy=policy.compat32)
    headers = _Headers(msg, problems)
    subject = headers.text("subject")
    body = _read_body(msg, problems)
    bounce, bounce_reason = _find_bounce(msg, headers, body)
    if bounce is not None:
        kind, reason = "bounce", bounce_reason
    else:
        reason = bounce_reason or _auto_reason(headers, subject)
        kind = "auto_reply" if reason else "reply"
    return _reading(kind, headers, subject, _read_blocks(body), reason, bounce, problems)


def _reading(kind: str, headers: "_Headers", subject: str, blocks: list[Block], reason: str | None,
             bounce: Bounce | None, problems: "_Problems") -> MailReading:
    return MailReading(
        kind=kind,
        subject=subject,
        text="\n\n".join(b.text for b in blocks if not b.quoted),
        blocks=tuple(blocks),
        sender=_first(headers.addresses("from") or headers.addresses("sender")),
        recipients=_unique(a for name in ("to", "cc", "delivered-to", "x-original-to", "envelope-to")
                           for a in headers.addresses(name)),
        message_id=_first(_msg_ids(headers.text("message-id"))),
        in_reply_to=_first(_msg_ids(headers.text("in-reply-to"))),
        references=tuple(_msg_ids(headers.text("references"))),
        auto_reason=reason if kind != "reply" else None,
        bounce=bounce,
        problems=tuple(problems.items),
    )


def _read_headers_only(raw: bytes, problem: str) -> MailReading:
    problems = _Problems()
    problems.add(problem)
    if isinstance(raw, str):
        raw = raw.encode("utf-8", "surrogateescape")
    msg = email.parser.BytesHeaderParser(policy=policy.compat32).parsebytes(bytes(raw))
    headers = _Headers(msg, problems)
    subject = headers.text("subject")
    reason = _auto_reason(headers, subject)
    return _reading("auto_reply" if reason else "reply", headers, subject, [], reason, None, problems)


def _first(items):
    return items[0] if items else None


def _unique(items) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


# ---------------------------------------------------------------------------
# Parsing: huge attachments, charsets, headers
# ---------------------------------------------------------------------------

_LARGE = 1_000_000
_PART_HEADERS_END = re.compile(rb"\r?\n\r?\n")
_NON_TEXT_TYPE = re.compile(rb"(?im)^content-type:[ \t]*(?!text/|multipart/|message/)[a-z]")
_LONG_BASE64 = re.compile(rb"((?:[A-Za-z0-9+/=]{40,100}\r?\n){2000})(?:[A-Za-z0-9+/=]{40,100}\r?\n)+")


def _cut_large_parts(raw: bytes, problems: _Problems) -> bytes:
    """Drop the bodies of large non-text MIME parts before parsing: they are never read.

    Parts are found from their boundary lines ("\n--"), which base64 and
    quoted-printable never produce; only a part whose own headers name a
    non-text type loses its body.  A huge single-part body falls back to
    cutting long base64 runs.
    """
    if len(raw) < _LARGE:
        return raw
    top = _PART_HEADERS_END.search(raw, 0, 65536)
    if top and _NON_TEXT_TYPE.search(raw, 0, top.start()):
        problems.add("large attachment not read")
        return raw[:top.end()]
    marks = []
    at = raw.find(b"\n--")
    while at != -1:
        marks.append(at)
        at = raw.find(b"\n--", at + 3)
    marks.append(len(raw))
    pieces, kept_until = [], 0
    for begin, end in zip(marks, marks[1:]):
        if end - begin < _LARGE // 4:
            continue
        head = raw[begin:begin + 8192]
        m = _PART_HEADERS_END.search(head, 3)
        if not m or not _NON_TEXT_TYPE.search(head, 0, m.start()):
            continue
        pieces += [raw[kept_until:begin + m.end()]]
        kept_until = end
    if pieces:
        problems.add("large attachment not read")
        raw = b"".join(pieces) + raw[kept_until:]
    if len(raw) >= _LARGE:
        cut = _LONG_BASE64.sub(rb"\1", raw)
        if len(cut) != len(raw):
            problems.add("large base64 part cut short (not read)")
            raw = cut
    return raw


_CHARSET_ALIASES = {
    "iso-8859-1": "windows-1252", "iso8859-1": "windows-1252", "latin-1": "windows-1252",
    "latin1": "windows-1252", "us-ascii": "windows-1252", "ascii": "windows-1252",
    "utf8": "utf-8", "unicode-1-1-utf-8": "utf-8", "x-unknown": "", "unknown-8bit": "",
    "x-user-defined": "", "default": "", "": "",
}


def _decode_bytes(data: bytes, charset: str | None, problems: _Problems, where: str) -> str:
    """Bytes to text in `charset`, else UTF-8, else windows-1252; never fails."""
    name = (charset or "").strip().strip("\"'").lower()
    name = _CHARSET_ALIASES.get(name, name)
    if name:
        try:
            return data.decode(name)
        except LookupError:
            problems.add(f"unknown charset {charset!r} in {where}; read best-effort")
        except UnicodeError:
            problems.add(f"{where} is not valid {charset}; read best-effort")
        except Exception:  # exotic codecs may fail in their own ways
            problems.add(f"unusable charset {charset!r} in {where}; read best-effort")
    for fallback in ("utf-8", "windows-1252"):
        if fallback != name:
            try:
                return data.decode(fallback)
            except UnicodeError:
                pass
    return data.decode("latin-1")


_FOLD = re.compile(r"\r?\n(?=[ \t])")
_SURROGATE = re.compile("[\udc80-\udcff]")
_ENCODED_WORD = re.compile(r"=\?([^?\s]+)\?([QqBb])\?([^?\s]*)\?=")
_BETWEEN_WORDS = re.compile(r"(=\?[^?\s]+\?[QqBb]\?[^?\s]*\?=)\s+(?==\?[^?\s]+\?[QqBb]\?[^?\s]*\?=)")


def _decode_header_value(value: str, problems: _Problems, name: str) -> str:
    """A raw header value to text: raw 8-bit bytes, folding and RFC 2047 words."""
    if _SURROGATE.search(value):
        value = _decode_bytes(value.encode("ascii", "surrogateescape"), "utf-8", problems,
                              f"header {name}")
    value = _FOLD.sub("", value).replace("\r", "").replace("\n", " ")
    if "=?" in value:
        value = _BETWEEN_WORDS.sub(r"\1", value)
        value = _ENCODED_WORD.sub(lambda m: _decode_word(m, problems, name), value)
    return value.strip()


def _decode_word(m: re.Match, problems: _Problems, name: str) -> str:
    charset, enc, text = m.group(1), m.group(2).upper(), m.group(3)
    charset = charset.split("*")[0]  # RFC 2231 language suffix
    try:
        if enc == "B":
            data = binascii.a2b_base64(text + "=" * (-len(text) % 4))
        else:
            data = quopri.decodestring(text.replace("_", " ").encode("ascii", "replace"), header=True)
    except (binascii.Error, ValueError):
        problems.add(f"undecodable encoded word in header {name}")
        return m.group(0)
    return _decode_bytes(data, charset, problems, f"header {name}")


class _Headers:
    """Decoded header values, read from the raw source so a bad header cannot raise."""

    def __init__(self, msg: Message, problems: _Problems):
        self._values: dict[str, list[str]] = {}
        self._problems = problems
        try:
            items = list(msg.raw_items())
        except Exception:
            problems.add("undecodable headers")
            items = []
        for name, value in items:
            key = str(name).strip().lower()
            if not isinstance(value, str):
                value = str(value)
            self._values.setdefault(key, []).append(value)
        self._decoded: dict[str, list[str]] = {}
        self._addresses: dict[str, list[str]] = {}

    def has(self, name: str) -> bool:
        return name in self._values

    def all(self, name: str) -> list[str]:
        if name not in self._decoded:
            self._decoded[name] = [_decode_header_value(v, self._problems, name)
                                   for v in self._values.get(name, [])]
        return self._decoded[name]

    def text(self, name: str) -> str:
        values = self.all(name)
        return values[0] if values else ""

    def addresses(self, name: str) -> list[str]:
        if name not in self._addresses:
            self._addresses[name] = _unique_list(a for v in self.all(name) for a in _addresses(v))
        return self._addresses[name]


def _unique_list(items) -> list[str]:
    return list(dict.fromkeys(items))


_ADDR_SPEC = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?")


_ANGLE_ADDR = re.compile(r"<\s*(?:mailto:)?([^<>\s@]+@[^<>\s@]+?)\s*>")


def _addresses(value: str) -> list[str]:
    """Addr-specs of an address list, lower-cased: '<...>' where given, else the bare address."""
    found = []
    for segment in value.split(","):
        m = _ANGLE_ADDR.search(segment) or _ADDR_SPEC.search(segment)
        if m:
            found.append(m.group(m.lastindex or 0).strip(".").lower())
    return found


_MSG_ID = re.compile(r"<([^<>\s]+)>")


def _msg_ids(value: str) -> list[str]:
    ids = _MSG_ID.findall(value)
    if not ids and value.strip():
        ids = [t.strip("<>,") for t in value.split() if t.strip("<>,")]
    return ids


# ---------------------------------------------------------------------------
# The body: which parts, decoded how
# ---------------------------------------------------------------------------

_DEFECT_TEXT = {
    "StartBoundaryNotFoundDefect": "broken MIME boundary",
    "CloseBoundaryNotFoundDefect": "broken MIME boundary (no closing boundary)",
    "MultipartInvariantViolationDefect": "broken MIME structure",
    "NoBoundaryInMultipartDefect": "broken MIME boundary (multipart without boundary)",
    "InvalidBase64PaddingDefect": "invalid base64 in a body part",
    "InvalidBase64CharactersDefect": "invalid base64 in a body part",
    "InvalidBase64LengthDefect": "invalid base64 in a body part",
    "MissingHeaderBodySeparatorDefect": "malformed headers",
    "FirstHeaderLineIsContinuationDefect": "malformed headers",
    "MisplacedEnvelopeHeaderDefect": "malformed headers",
}


def _note_defects(part: Message, problems: _Problems) -> None:
    for defect in getattr(part, "defects", ()) or ():
        name = type(defect).__name__
        if name in _DEFECT_TEXT:
            problems.add(_DEFECT_TEXT[name])


def _content_type(part: Message) -> str:
    try:
        return part.get_content_type()
    except Exception:
        return "text/plain"


def _param(part: Message, name: str) -> str:
    try:
        value = part.get_param(name)
    except Exception:
        return ""
    if isinstance(value, tuple):  # RFC 2231
        value = value[2]
    return str(value or "").strip().lower()


def _is_attachment(part: Message) -> bool:
    try:
        disposition = (part.get_content_disposition() or "").lower()
    except Exception:
        return False
    return disposition == "attachment"


def _read_body(msg: Message, problems: _Problems) -> str:
    """The readable text: text/plain parts, or text/html converted when there is no plain text."""
    pieces = _collect_text(msg, problems, 0)
    if not pieces:
        problems.add("no text part")
        return ""
    has_plain = any(kind == "plain" and text.strip() for kind, text in pieces)
    out = []
    for kind, text in pieces:
        if kind == "html":
            if has_plain:
                continue
            text = html_to_text(text, problems)
        out.append(text)
    text = "\n".join(out)
    return _normalise_text(text)


def _normalise_text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\x00", "").replace("\ufeff", "").replace("\u200b", "").replace("\xa0", " ")


def _collect_text(part: Message, problems: _Problems, depth: int) -> list[tuple[str, str]]:
    """[(kind, text)] of the readable text parts in reading order."""
    if depth > 30:
        problems.add("MIME nested too deeply")
        return []
    _note_defects(part, problems)
    ctype = _content_type(part)
    main, _, sub = ctype.partition("/")
    if main == "multipart":
        subparts = part.get_payload()
        if not isinstance(subparts, list):
            salvaged = _salvage_multipart(part, problems)
            if salvaged is None:
                return _decoded_as_text(part, problems, "plain")
            return _collect_text(salvaged, problems, depth + 1)
        if sub == "alternative":
            return _choose_alternative(subparts, problems, depth)
        if sub == "report":
            subparts = subparts[:1]
        pieces = []
        for p in subparts:
            if isinstance(p, Message):
                pieces += _collect_text(p, problems, depth + 1)
        return pieces
    if main == "text" and sub in ("plain", "html") and not _is_attachment(part):
        return _decoded_as_text(part, problems, sub)
    return []


def _choose_alternative(subparts, problems: _Problems, depth: int) -> list[tuple[str, str]]:
    options = [_collect_text(p, problems, depth + 1) for p in subparts if isinstance(p, Message)]
    for pieces in options:
        if any(kind == "plain" and text.strip() for kind, text in pieces):
            return pieces
    for pieces in options:
        if any(text.strip() for _, text in pieces):
            return pieces
    return []


def _decoded_as_text(part: Message, problems: _Problems, kind: str) -> list[tuple[str, str]]:
    try:
        data = part.get_payload(decode=True)
    except Exception:
        problems.add("undecodable body part")
        payload = part.get_payload()
        data = payload.encode("utf-8", "surrogateescape") if isinstance(payload, str) else b""
    _note_defects(part, problems)
    if data is None:
        data = b""
    try:
        charset = part.get_content_charset()
    except Exception:
        charset = None
    text = _decode_bytes(data, charset, problems, f"text/{kind} part").replace("\ue000", "")
    if kind == "plain" and _param(part, "format") == "flowed":
        text = _unflow(text, _param(part, "delsp") == "yes")
    return [(kind, text)]


_BOUNDARY_LINE = re.compile(r"(?m)^--([^\s\"][^\r\n\"]{0,200}?)[ \t]*\r?\n(?=[Cc]ontent-)")


def _salvage_multipart(part: Message, problems: _Problems) -> Message | None:
    """A multipart whose boundary was not found: guess the boundary from the body."""
    body = part.get_payload()
    if not isinstance(body, str):
        return None
    problems.add("broken MIME boundary")
    m = _BOUNDARY_LINE.search(body)
    if not m:
        return None
    head = f'Content-Type: {_content_type(part)}; boundary="{m.group(1)}"\n\n'
    try:
        fixed = email.message_from_bytes((head + body).encode("utf-8", "surrogateescape"),
                                         policy=policy.compat32)
    except Exception:
        return None
    if not isinstance(fixed.get_payload(), list):
        return None
    return fixed


def _unflow(text: str, delsp: bool) -> str:
    """Join format=flowed (RFC 3676) soft line breaks."""
    out: list[str] = []
    current: str | None = None
    current_depth = 0
    for line in text.split("\n"):
        line = line.rstrip("\r")
        depth = len(line) - len(line.lstrip(">"))
        content = line[depth:]
        if content.startswith(" "):
            content = content[1:]  # space-stuffing
        if current is not None and depth != current_depth:
            out.append(_quote_prefix(current_depth) + current)
            current = None
        if current is None:
            current, current_depth = content, depth
        else:
            current += content
        if content.endswith(" ") and content != "-- ":
            if delsp:
                current = current[:-1]
            continue
        out.append(_quote_prefix(current_depth) + current)
        current = None
    if current is not None:
        out.append(_quote_prefix(current_depth) + current)
    return "\n".join(out)


def _quote_prefix(depth: int) -> str:
    return "> " * depth if depth else ""


# ---------------------------------------------------------------------------
# HTML to text
# ---------------------------------------------------------------------------

#: A line put where Outlook's reply header block starts: the original follows.
ORIGINAL_FOLLOWS = "\ue000original follows\ue000"  # a private-use character, removed from all input

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
         "source", "track", "wbr", "basefont", "frame", "keygen"}
_BLOCK = {"p", "div", "li", "ul", "ol", "tr", "table", "tbody", "thead", "h1", "h2", "h3", "h4",
          "h5", "h6", "blockquote", "hr", "pre", "section", "article", "header", "footer",
          "center", "dl", "dt", "dd", "address", "form", "fieldset", "figure", "main", "nav"}
_SKIP = {"head", "style", "script", "title", "xml", "template", "noscript", "svg", "object"}
_SPACES = re.compile(r"[ \t\r\n\f]+")


class _HtmlText(HTMLParser):
    """HTML to lines; blockquotes become '> ' lines, Outlook headers a marker line."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._buf: list[str] = []
        self._buf_depth = 0
        self._stack: list[tuple[str, frozenset[str]]] = []
        self._skip = 0
        self._depth = 0

    # state -----------------------------------------------------------------
    def _push_line(self) -> None:
        text = "".join(self._buf).replace("\xa0", " ").rstrip()
        depth = self._buf_depth if self._buf else self._depth
        self.lines.append(("> " * depth) + text if depth else text)
        self._buf = []

    def _break(self) -> None:
        if self._buf:
            self._push_line()

    def _emit(self, line: str) -> None:
        self._break()
        self.lines.append(line)

    # parser callbacks ------------------------------------------------------
    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        if tag == "br":
            if not self._skip:
                self._push_line()
            return
        if tag in _BLOCK:
            self._break()
        elif tag in ("td", "th") and self._buf:
            self._buf.append(" ")
        a = {k.lower(): (v or "") for k, v in attrs}
        cls, ident = a.get("class", "").lower(), a.get("id", "").lower()
        style = a.get("style", "").lower().replace(" ", "")
        if not self._skip:
            if _is_original_marker(tag, ident, cls, style):
                self._emit(ORIGINAL_FOLLOWS)
            elif "gmail_signature" in cls or "moz-signature" in cls:
                self._emit("-- ")
        if tag in _VOID:
            return
        flags = set()
        if tag in _SKIP or "display:none" in style:
            flags.add("skip")
        if tag == "blockquote" or "yahoo_quoted" in cls:
            flags.add("quote")
        self._stack.append((tag, frozenset(flags)))
        self._skip += "skip" in flags
        self._depth += "quote" in flags

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag.lower() not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        tag = tag.lower()
        if tag == "br":
            if not self._skip:
                self._push_line()
            return
        if tag in _BLOCK:
            self._break()
        if not any(t == tag for t, _ in self._stack):
            return
        while self._stack:
            t, flags = self._stack.pop()
            self._skip -= "skip" in flags
            self._depth -= "quote" in flags
            if t == tag:
                break

    def handle_data(self, data):
        if self._skip:
            return
        data = _SPACES.sub(" ", data)
        if not self._buf:
            data = data.lstrip(" ")
            if not data:
                return
            self._buf_depth = self._depth
        self._buf.append(data)

    def close(self):
        super().close()
        self._break()


_ORIGINAL_IDS = {"appendonsend", "divrplyfwdmsg", "mail-editor-reference-message-container", "stopspelling"}


def _is_original_marker(tag: str, ident: str, cls: str, style: str) -> bool:
    """Outlook's (and old Hotmail's) mark of the un-prefixed original below a reply."""
    if ident.removeprefix("x_") in _ORIGINAL_IDS or "outlookmessageheader" in cls:
        return True
    return tag == "div" and "border-top:solid" in style and "border:none" in style


_INVISIBLE_ELEMENTS = re.compile(r"(?is)<(style|script|head)\b.*?</\1\s*>")
_LINE_TAGS = re.compile(r"(?i)<br\s*/?>|</p\s*>|</div\s*>")
_ANY_TAG = re.compile(r"<[^>]*>")


def html_to_text(html_text: str, problems: _Problems | None = None) -> str:
    """Readable text of an HTML body, quoted parts as '> ' lines."""
    parser = _HtmlText()
    try:
        parser.feed(html_text)
        parser.close()
    except Exception:
        if problems is not None:
            problems.add("malformed HTML; tags stripped")
        text = _INVISIBLE_ELEMENTS.sub(" ", html_text)
        text = _LINE_TAGS.sub("\n", text)
        return html.unescape(_ANY_TAG.sub("", text))
    return "\n".join(parser.lines)


# ---------------------------------------------------------------------------
# Quotes: own words and quoted text
# ---------------------------------------------------------------------------

_QUOTE_MARK = re.compile(r"^[ \t]{0,3}((?:>[ \t]?)+)")
_ATTR_VERB = re.compile(r"\b(?:skrev|wrote|schrieb|a\s+écrit|escribió|scrisse|skrivit|kirjoitti|schreef)\b",
                        re.I)
_TIME = re.compile(r"(?<![\d./-])(?:[01]?\d|2[0-3])[:.][0-5]\d(?:[:.][0-5]\d)?(?!\d|\.\d)|\bkl\.?\s*\d", re.I)
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2}\b")
_ADDRESS = re.compile(r"[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+")
_SEPARATOR = re.compile(
    r"^\s*(?:-{2,}\s*(?:oprindelig\s+(?:meddelelse|besked|e-?mail)|original\s+(?:message|e-?mail)"
    r"|forwarded\s+message|videresendt(?:\s+(?:meddelelse|besked|e-?mail))?|weitergeleitete\s+nachricht"
    r"|urspr[üu]ngliche\s+nachricht|message\s+d'origine|message\s+transf[ée]r[ée])\s*-{2,}"
    r"|(?:start\s+på\s+videresendt\s+(?:besked|meddelelse|e-?mail)|begin\s+forwarded\s+message"
    r"|videresendt\s+(?:besked|meddelelse))\s*:?)\s*$", re.I)
_RULE = re.compile(r"^\s*_{10,}\s*$")
_HEADER_ANY = re.compile(
    r"^\s*\*?(fra|from|von|de|afsender|sendt|sent|dato|date|til|to|emne|subject|cc|bcc|vigtighed"
    r"|importance|svar\s+til|reply-to|gesendet|an|betreff|datum|envoy[ée]|à|objet)\s*:", re.I)
_HEADER_KIND = {"fra": "from", "from": "from", "von": "from", "de": "from", "afsender": "from",
                "sendt": "date", "sent": "date", "dato": "date", "date": "date", "gesendet": "date",
                "datum": "date", "envoyé": "date", "envoye": "date",
                "emne": "subject", "subject": "subject", "betreff": "subject", "objet": "subject"}
_QUESTION = re.compile(r"^\s{0,3}\d{1,2}[.)]\s+\S")


@dataclass
class _Line:
    text: str    # without quote markers
    depth: int   # number of '>' markers
    role: str    # "own", "quoted" or "drop"


def _split_lines(text: str) -> list[_Line]:
    lines = []
    for raw in text.split("\n"):
        raw = raw.rstrip()
        m = _QUOTE_MARK.match(raw)
        if m:
            depth = m.group(1).count(">")
            lines.append(_Line(raw[m.end():], depth, "quoted"))
        else:
            lines.append(_Line(raw, 0, "own"))
    return lines


def _next_filled(lines: list[_Line], i: int) -> int | None:
    while i < len(lines):
        if lines[i].text.strip():
            return i
        i += 1
    return None


def _is_attribution(text: str) -> bool:
    text = text.strip()
    return (len(text) <= 300 and text.endswith(":") and bool(_ATTR_VERB.search(text))
            and bool(_TIME.search(text) or _ADDRESS.search(text)))


def _is_strong_attribution(text: str) -> bool:
    """An attribution that needs no quote after it: date, time, address and 'skrev'/'wrote'."""
    return (_is_attribution(text) and bool(_TIME.search(text)) and bool(_YEAR.search(text))
            and bool(_ADDRESS.search(text)))


def _attribution_at(lines: list[_Line], i: int) -> int:
    """Number of lines (1-3) of an attribution starting at i, or 0."""
    if not any(line.text.endswith(":") for line in lines[i:i + 3]):
        return 0
    joined = ""
    for k in range(3):
        if i + k >= len(lines) or lines[i + k].depth != lines[i].depth or not lines[i + k].text.strip():
            return 0
        joined = (joined + " " + lines[i + k].text.strip()).strip()
        if joined.endswith(":"):
            return k + 1 if _is_attribution(joined) else 0
    return 0


def _header_block_at(lines: list[_Line], i: int) -> int:
    """Number of lines of a quoted-message header block at i (Fra:/Sendt:/Til:/Emne:), or 0.

    At least three header lines in a row, one of them "Fra:"/"From:" and one
    a date or subject: a lone "Fra: ..." or "Til: ..." line is everyday text.
    """
    if lines[i].depth or not _HEADER_ANY.match(lines[i].text):
        return 0
    k, names = i, set()
    while k < len(lines) and k <= i + 10 and lines[k].depth == 0 and lines[k].text.strip():
        m = _HEADER_ANY.match(lines[k].text)
        if m:
            names.add(_HEADER_KIND.get(m.group(1).lower().split()[0], "other"))
        elif not lines[k].text.startswith((" ", "\t")):  # not a wrapped continuation
            break
        k += 1
    header_lines = sum(1 for j in range(i, k) if _HEADER_ANY.match(lines[j].text))
    return k - i if header_lines >= 3 and "from" in names and names & {"date", "subject"} else 0


def _starts_original(lines: list[_Line], i: int) -> bool:
    """Does the un-prefixed original of an Outlook-style reply start at line i?"""
    text = lines[i].text
    if lines[i].depth:
        return False
    if text == ORIGINAL_FOLLOWS or _SEPARATOR.match(text):
        return True
    if _RULE.match(text):
        k = _next_filled(lines, i + 1)
        return k is not None and k <= i + 2 and _header_block_at(lines, k) > 0
    return _header_block_at(lines, i) > 0


def _mark_quotes(lines: list[_Line]) -> None:
    """Set each line's role: own words, quoted text, or dropped (attributions, headers)."""
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.text.strip():
            i += 1
            continue
        if line.depth == 0 and _starts_original(lines, i):
            _mark_original(lines, i)
            return
        n = _attribution_at(lines, i)
        if n:
            after = _next_filled(lines, i + n)
            at_boundary = after is None or lines[after].depth > line.depth or (
                line.depth == 0 and _starts_original(lines, after))
            joined = " ".join(l.text.strip() for l in lines[i:i + n])
            if at_boundary or line.depth:
                for k in range(i, i + n):
                    lines[k].role = "drop"
                i += n
                continue
            if _is_strong_attribution(joined):
                for k in range(i, i + n):
                    lines[k].role = "drop"
                _mark_original(lines, i + n, header_done=True)
                return
        i += 1


def _mark_original(lines: list[_Line], start: int, header_done: bool = False) -> None:
    """From `start` on everything is the quoted original, except answers typed into it."""
    i = start
    while i < len(lines) and not header_done:
        text = lines[i].text
        if not text.strip():
            lines[i].role = "quoted"
            i += 1
            continue
        if text == ORIGINAL_FOLLOWS or _SEPARATOR.match(text) or _RULE.match(text):
            lines[i].role = "drop"
            i += 1
            continue
        n = _header_block_at(lines, i)
        for k in range(i, i + n):
            lines[k].role = "drop"
        i += n
        break
    for k in range(i, len(lines)):
        if lines[k].role != "drop":
            lines[k].role = "quoted"
    _mark_inline_answers(lines, i)


def _mark_inline_answers(lines: list[_Line], start: int) -> None:
    """In an un-prefixed original: lines typed right under a question's indented hints are own.

    Invitations number their questions ("3. Hvordan ...") and indent the hints
    and options below them; an un-indented line right after those, before the
    blank line that ends the question, was typed there by the person.
    """
    in_question = hinted = answering = False
    for k in range(start, len(lines)):
        line = lines[k]
        if line.depth or line.role == "drop":
            in_question = hinted = answering = False
            continue
        text = line.text
        if not text.strip():
            in_question = hinted = answering = False
            continue
        if answering or (in_question and hinted and not text[0].isspace()):
            line.role = "own"
            answering = True
            continue
        if _QUESTION.match(text):
            in_question, hinted = True, False
        elif in_question and text[0].isspace():
            hinted = True
        else:
            in_question = hinted = False


# ---------------------------------------------------------------------------
# Signatures and client boilerplate
# ---------------------------------------------------------------------------

_MOBILE = re.compile(
    r"^\s*(?:(?:sendt|sent|send)\s+(?:fra|from|via|med|with|using)\s+(?:\S+\s+){0,3}?"
    r"(?:iphone|ipad|ipod|apple|samsung|galaxy|android|mobil|mobile|smartphone|telefon|phone|outlook|mail"
    r"|e-?mail|yahoo|gmail|aol|huawei|xiaomi|oneplus|pixel|fairphone|sony|nokia|motorola|blackberry"
    r"|windows|proton|tablet)\b"
    r"|(?:hent|get|download)\s+outlook\s+(?:til|for|på)\s+(?:ios|android)\b)", re.I)
_CLOSING = re.compile(
    r"^(?:(?:med|de|og|mange|with)\s+)*"
    r"(?:(?:(?:venlig|venlige|venligst|bedste|kærlig|kærlige|hjertelig|hjertelige|god|gode|glade|varme|"
    r"søde|sommer|jule|forårs|efterårs)\s+)*[\w-]*(?:hilsen|hilsener|hilsner)"
    r"|mvh|m\.v\.h|vh|v\.h|kh|k\.h|knus"
    r"|(?:best|kind|warm|warmest|many)\s+(?:regards|wishes)|regards|all\s+the\s+best|cheers"
    r"|sincerely|yours\s+(?:sincerely|truly))\b\.?,?(?P<rest>.*)$", re.I)
_DISCLAIMER = re.compile(r"fortrolig|confidential|tiltænkt|intended|modtager|recipient|disclaimer|"
                         r"virus|udskriv|print|miljø|privileged|gdpr|persondata|behandler", re.I)
_ANSWER_LIKE = re.compile(r"^\s*(?:spm\.?\s*)?\d{1,2}\s*[:.)\-]|^\s*ps\b|^\s*p\.s\.", re.I)
_PS = re.compile(r"^\s*(?:ps|p\.s)\b", re.I)
_SLASH_NAME = re.compile(r"^\s*/\s?[A-ZÆØÅ][\w.-]*(?:\s[A-ZÆØÅ][\w.-]*)?\s*$")


def _is_closing(text: str) -> bool:
    text = text.strip()
    if not text or len(text) > 60:
        return False
    m = _CLOSING.match(text)
    if not m:
        return False
    rest = m.group("rest").strip(" ,.!")
    return len(rest.split()) <= 4 and not any(c.isdigit() or c in ":?" for c in rest)


def _is_signature_tail(tail: list[str]) -> bool:
    filled = [t for t in tail if t.strip()]
    if len(filled) > 10:
        return False
    for t in filled:
        if _ANSWER_LIKE.match(t):
            return False
        if len(t.strip()) > 70 and not _DISCLAIMER.search(t):
            return False
    return True


def _cut_signature(lines: list[str]) -> list[str]:
    """Own lines without boilerplate, '-- ' signature or a closing with its short tail."""
    lines = [l for l in lines if not (len(l) <= 90 and _MOBILE.match(l))]
    for i, line in enumerate(lines):
        if line.strip() == "--":
            lines = lines[:i]
            break
    for i, line in enumerate(lines):
        if not _is_closing(line):
            continue
        end = next((k for k in range(i + 1, len(lines)) if _PS.match(lines[k])), len(lines))
        if _is_signature_tail(lines[i + 1:end]):
            lines = lines[:i] + lines[end:]
            break
    while lines and not lines[-1].strip():
        lines.pop()
    if lines and _SLASH_NAME.match(lines[-1]):
        lines.pop()
    return lines


# ---------------------------------------------------------------------------
# Blocks
# ---------------------------------------------------------------------------

def _read_blocks(body: str) -> list[Block]:
    """The body as own and quoted blocks, signatures cut, trailing quotes left out."""
    lines = _split_lines(body)
    _mark_quotes(lines)
    groups: list[tuple[bool, list[str]]] = []
    for line in lines:
        if line.role == "drop":
            continue
        if not line.text.strip():
            if groups:
                groups[-1][1].append("")
            continue
        quoted = line.role == "quoted"
        if groups and groups[-1][0] == quoted:
            groups[-1][1].append(line.text)
        else:
            groups.append((quoted, [line.text]))
    blocks: list[Block] = []
    for quoted, group in groups:
        if not quoted:
            group = _cut_signature(group)
        text = _tidy(group)
        if not text:
            continue
        if blocks and blocks[-1].quoted == quoted:
            blocks[-1] = Block(blocks[-1].text + "\n\n" + text, quoted)
        else:
            blocks.append(Block(text, quoted))
    while blocks and blocks[-1].quoted:
        blocks.pop()
    return blocks


def _tidy(lines: list[str]) -> str:
    out: list[str] = []
    for line in lines:
        line = line.rstrip()
        if line == ORIGINAL_FOLLOWS:
            continue
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


# ---------------------------------------------------------------------------
# Machine mail: bounces and auto-replies
# ---------------------------------------------------------------------------

_STATUS = re.compile(r"(?<![\d.])([245])\.(\d{1,3})\.(\d{1,3})(?![\d.]\d)")
_DAEMON_LOCAL = re.compile(r"^(?:mailer-daemon|mailerdaemon|mail-daemon|postmaster|mdaemon|bounces?|"
                           r"mail-delivery-(?:system|subsystem)|nobody-ndr)$", re.I)
_DAEMON_NAME = re.compile(r"mail\s+delivery\s+(?:system|subsystem|service)|mailer-daemon|postmaster", re.I)
_BOUNCE_SUBJECT = re.compile(
    r"undeliver|undelivered\s+mail|delivery\s+status\s+notification|delivery\s+(?:has\s+)?fail|"
    r"mail\s+delivery\s+fail|returned\s+mail|returning\s+message|failure\s+notice|"
    r"message\s+not\s+delivered|delivery\s+notification|non[- ]?delivery|could\s+not\s+be\s+delivered|"
    r"kan\s+ikke\s+leveres|kunne\s+ikke\s+leveres|levering\s+mislykkedes|leveringen\s+mislykkedes|"
    r"uafleverbar|ikke\s+leveret|returneret\s+(?:post|mail|besked)|fejl\s+ved\s+levering|"
    r"unzustellbar|non\s+remis|delivery\s+(?:delayed|delay)|warning:\s+message|forsinket\s+levering",
    re.I)
_BOUNCE_BODY = re.compile(
    r"could\s+not\s+be\s+delivered|couldn't\s+be\s+delivered|delivery\s+(?:has\s+)?failed|"
    r"permanent\s+(?:fatal\s+)?error|user\s+unknown|no\s+such\s+user|mailbox\s+(?:unavailable|full)|"
    r"address\s+(?:not\s+found|couldn't\s+be\s+found)|does\s+not\s+exist|wasn't\s+able\s+to\s+deliver|"
    r"kunne\s+ikke\s+leveres|levering\s+til\s+.{0,40}mislykkedes|findes\s+ikke|postkasse.{0,20}fuld",
    re.I | re.S)
_PERMANENT = re.compile(r"permanent|does\s+not\s+exist|no\s+such|user\s+unknown|unknown\s+user|"
                        r"not\s+found|findes\s+ikke|ikke\s+længere|given\s+up|giving\s+up|"
                        r"ugyldig|invalid|rejected|afvist", re.I)
_TEMPORARY = re.compile(r"temporar|delayed|will\s+(?:retry|be\s+retried|keep\s+trying)|still\s+trying|"
                        r"midlertidig|forsinket|forsøger\s+igen", re.I)
_REMOTE_SAID = re.compile(r"Remote\s+Server\s+returned\s+'([^'\n]{1,300})'|"
                          r"(?:said|svarede|Remote\s+host\s+said):\s*([^\n]{1,300})", re.I)
_REPLY_PREFIX = re.compile(r"^\s*(?:re|sv|aw|vs|fw|fwd)\s*:", re.I)
_AUTO_PRECEDENCE = {"bulk", "junk", "list", "auto_reply", "auto-reply"}
_AUTO_SUBJECT = re.compile(
    r"^\s*\[?\s*(?:(?:autosvar|auto-svar|automatisk\s+svar|automatisk\s+besked|fraværende|fraværsbesked"
    r"|ikke\s+på\s+kontoret|ude\s+af\s+kontoret|out\s+of\s+(?:the\s+)?office|automatic\s+reply"
    r"|auto[\s-]?reply|auto[\s-]?response|abwesenheitsnotiz|automatische\s+antwort"
    r"|r[ée]ponse\s+automatique|respuesta\s+autom[áa]tica|frånvaro|vacation\s+reply)\b"
    r"|(?:fravær|ferie|auto|away|absent|abwesend)\s*:)", re.I)


def _auto_reason(h: _Headers, subject: str) -> str | None:
    """Why a message is an automatic reply, or None for a human one."""
    value = h.text("auto-submitted")
    if value and value.split(";")[0].strip().lower() != "no":
        return f"Auto-Submitted: {value}"
    value = h.text("precedence").strip().lower()
    if value in _AUTO_PRECEDENCE:
        return f"Precedence: {value}"
    for name in ("x-autoreply", "x-autorespond", "x-auto-reply", "x-autoresponder"):
        if h.has(name) and h.text(name).strip().lower() not in ("no", "false", "0"):
            return f"{_header_title(name)}: {h.text(name)}".rstrip(": ")
    if h.text("x-autogenerated").strip().lower() == "reply":
        return "X-Autogenerated: Reply"
    if _AUTO_SUBJECT.match(subject):
        return f"subject: {subject[:80]}"
    return None


def _header_title(name: str) -> str:
    return "-".join(p.capitalize() if p != "x" else "X" for p in name.split("-"))


def _find_bounce(msg: Message, h: _Headers, body: str):
    """(Bounce, reason) for a delivery failure; (None, reason) for a success report; else (None, None)."""
    reports = _delivery_status_fields(msg)
    if reports:
        return _bounce_from_report(reports, body)
    sender = _first(h.addresses("from")) or ""
    local = sender.split("@")[0]
    from_daemon = bool(_DAEMON_LOCAL.match(local)) or bool(_DAEMON_NAME.search(h.text("from")))
    subject = h.text("subject")
    bounce_subject = bool(_BOUNCE_SUBJECT.search(subject)) and not _REPLY_PREFIX.match(subject)
    if not (from_daemon or bounce_subject or h.has("x-ms-exchange-message-is-ndr")
            or h.has("x-failed-recipients")):
        return None, None
    null_sender = h.has("return-path") and h.text("return-path").strip() in ("<>", "")
    automatic = h.text("auto-submitted").strip().lower() not in ("", "no")
    body_says = bool(_BOUNCE_BODY.search(body[:20000]))
    if h.has("x-ms-exchange-message-is-ndr"):
        reason = "X-MS-Exchange-Message-Is-Ndr"
    elif h.has("x-failed-recipients"):
        reason = "X-Failed-Recipients"
    elif from_daemon and (bounce_subject or body_says or local.lower() != "postmaster"):
        reason = f"sender {local.lower()}, subject: {subject[:60]}"
    elif bounce_subject and (null_sender or automatic or (body_says and _STATUS.search(body))):
        reason = f"subject: {subject[:60]}"
    else:
        return None, None
    return _bounce_from_text(h, body, sender), reason


def _delivery_status_fields(msg: Message) -> list[dict[str, str]]:
    """Per-recipient fields of every message/delivery-status part (not inside attachments)."""
    found: list[dict[str, str]] = []
    for part in _walk(msg, 0):
        if _content_type(part) not in ("message/delivery-status", "message/global-delivery-status"):
            continue
        payload = part.get_payload()
        blocks: list[dict[str, str]] = []
        if isinstance(payload, list):
            for block in payload:
                try:
                    blocks.append({str(k).lower(): _unfold(str(v)) for k, v in block.raw_items()})
                except Exception:
                    continue
        elif isinstance(payload, str):
            blocks = _parse_status_text(payload)
        found += [b for b in blocks if "action" in b or "status" in b or "final-recipient" in b]
        if not found and blocks:
            found.append({k: v for b in blocks for k, v in b.items()})
    return found


def _walk(part: Message, depth: int) -> Iterator[Message]:
    yield part
    if depth > 30 or not part.is_multipart():
        return
    if _content_type(part).startswith("message/"):
        return
    for sub in part.get_payload():
        if isinstance(sub, Message):
            yield from _walk(sub, depth + 1)


_FOLDED_FIELD = re.compile(r"\s*\r?\n\s+")
_TYPE_PREFIX = re.compile(r"^[\w-]+\s*;\s*")


def _unfold(value: str) -> str:
    return _FOLDED_FIELD.sub(" ", value).strip()


def _parse_status_text(text: str) -> list[dict[str, str]]:
    blocks, current = [], {}
    key = None
    for line in text.replace("\r\n", "\n").split("\n"):
        if not line.strip():
            if current:
                blocks.append(current)
            current, key = {}, None
        elif line[0] in " \t" and key:
            current[key] += " " + line.strip()
        elif ":" in line:
            key, _, value = line.partition(":")
            key = key.strip().lower()
            current[key] = value.strip()
    if current:
        blocks.append(current)
    return blocks


def _bounce_from_report(reports: list[dict[str, str]], body: str):
    failed = [r for r in reports if r.get("action", "").lower().startswith(("failed", "delayed"))]
    if not failed:
        statuses = [r for r in reports if r.get("status", "")[:1] in ("4", "5")]
        if not statuses:
            action = next((r.get("action") for r in reports if r.get("action")), "unknown")
            return None, f"delivery-status report: Action: {action}"
        failed = statuses
    r = failed[0]
    status_match = _STATUS.search(r.get("status", "")) or _STATUS.search(r.get("diagnostic-code", ""))
    status = status_match.group(0) if status_match else None
    action = r.get("action", "").lower()
    recipient = None
    for key in ("final-recipient", "original-recipient", "x-actual-recipient"):
        addr = _ADDR_SPEC.search(r.get(key, ""))
        if addr:
            recipient = addr.group(0).lower()
            break
    diagnostic = _strip_type(r.get("diagnostic-code", "")) or None
    if diagnostic is None:
        diagnostic = _diagnostic_in_text(body[:50000], None, recipient)
    if status:
        is_hard = status.startswith("5")
    else:
        is_hard = not action.startswith("delayed") and not _TEMPORARY.search(diagnostic or "")
    bounce = Bounce(recipient=recipient, status=status, is_hard=is_hard, diagnostic=diagnostic)
    return bounce, f"delivery-status report: Action: {action or 'failed'}" + (
        f", Status: {status}" if status else "")


def _strip_type(value: str) -> str:
    """'smtp; 550 5.1.1 ...' -> '550 5.1.1 ...'."""
    value = _unfold(value)
    m = _TYPE_PREFIX.match(value)
    return value[m.end():] if m else value


def _diagnostic_in_text(text: str, status_match: re.Match | None, recipient: str | None) -> str | None:
    """The remote server's words, the line with the status code, or the indented reason
    under the failed address (Exim: "  ane@example.dk\\n    No Such User Here")."""
    m = _REMOTE_SAID.search(text)
    if m:
        return (m.group(1) or m.group(2)).strip()
    if status_match:
        start = text.rfind("\n", 0, status_match.start()) + 1
        end = text.find("\n", status_match.end())
        return text[start:end if end >= 0 else None].strip()[:300] or None
    if recipient:
        m = re.search(r"(?im)^[ \t]*<?" + re.escape(recipient) + r">?:?[ \t]*\n([ \t]+\S[^\n]{0,300})", text)
        if m:
            return m.group(1).strip()
    return None


def _bounce_from_text(h: _Headers, text: str, sender: str) -> Bounce:
    """Status, recipient and diagnostic found in a non-standard bounce's text."""
    text = text[:50000]
    status_match = _STATUS.search(text)
    status = status_match.group(0) if status_match else None
    own = set(h.addresses("to")) | set(h.addresses("from")) | {sender}
    recipient = None
    failed = h.addresses("x-failed-recipients")
    if failed:
        recipient = failed[0]
    else:
        for addr in _ADDR_SPEC.findall(text):
            addr = addr.lower().rstrip(".")
            if addr not in own and not _DAEMON_LOCAL.match(addr.split("@")[0]):
                recipient = addr
                break
    diagnostic = _diagnostic_in_text(text, status_match, recipient)
    if status:
        is_hard = status.startswith("5")
    else:
        is_hard = not (_TEMPORARY.search(text) and not _PERMANENT.search(text))
    return Bounce(recipient=recipient, status=status, is_hard=is_hard, diagnostic=diagnostic)
