"""Bytes to MIME, and the MIME structure to the readable body text.

Large non-text parts are cut out of the bytes before parsing, so a 30 MB
attachment is never parsed or decoded.  The standard `email` package then
gives the structure, with the `compat32` policy: `policy.default`'s header
registry parses every Content-Type it meets (about 5 ms a message, and a
malformed header can raise), whereas compat32 keeps headers as raw strings,
which `headers.py` decodes with fallbacks that cannot fail.

The body is text/plain where there is one, else text/html converted
(`html.py`); format=flowed is joined; unknown charsets are read best-effort;
attachments are never read as the body.
"""
from __future__ import annotations

import email
import email.parser
import re
from email import policy
from email.message import Message
from typing import Iterator

from .charsets import decode_bytes
from .html import html_to_text
from .model import Problems, without_markers

_LARGE = 1_000_000
_PART_HEADERS_END = re.compile(rb"\r?\n\r?\n")
_NON_TEXT_TYPE = re.compile(rb"(?im)^content-type:[ \t]*(?!text/|multipart/|message/)[a-z]")
_LONG_BASE64 = re.compile(rb"((?:[A-Za-z0-9+/=]{40,100}\r?\n){2000})(?:[A-Za-z0-9+/=]{40,100}\r?\n)+")


def parse_bytes(raw, problems: Problems) -> Message:
    """The MIME structure of a message given as bytes (or, leniently, str)."""
    return email.message_from_bytes(cut_large_parts(as_bytes(raw), problems), policy=policy.compat32)


def parse_headers(raw) -> Message:
    """Only the header section (the fallback when the body cannot be read)."""
    return email.parser.BytesHeaderParser(policy=policy.compat32).parsebytes(as_bytes(raw))


def as_bytes(raw) -> bytes:
    if isinstance(raw, str):
        return raw.encode("utf-8", "surrogateescape")
    return raw if isinstance(raw, bytes) else bytes(raw)


def cut_large_parts(raw: bytes, problems: Problems) -> bytes:
    """Drop the bodies of large non-text MIME parts before parsing: they are never read.

    Parts are found from their boundary lines ("\\n--"), which base64 and
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


# ---------------------------------------------------------------------------
# Parts
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


def _note_defects(part: Message, problems: Problems) -> None:
    for defect in getattr(part, "defects", ()) or ():
        name = type(defect).__name__
        if name in _DEFECT_TEXT:
            problems.add(_DEFECT_TEXT[name])


def content_type(part: Message) -> str:
    try:
        return part.get_content_type()
    except Exception:
        return "text/plain"


def param(part: Message, name: str) -> str:
    """A Content-Type parameter, lower-cased ("" when absent or unreadable)."""
    try:
        value = part.get_param(name)
    except Exception:
        return ""
    if isinstance(value, tuple):  # RFC 2231
        value = value[2]
    return str(value or "").strip().lower()


def filename(part: Message) -> str:
    try:
        return str(part.get_filename() or "").strip().lower()
    except Exception:
        return ""


def is_attachment(part: Message) -> bool:
    try:
        disposition = (part.get_content_disposition() or "").lower()
    except Exception:
        return False
    return disposition == "attachment"


def payload_bytes(part: Message, problems: Problems) -> bytes:
    """The decoded (base64, quoted-printable) body of a leaf part; b"" when there is none."""
    try:
        data = part.get_payload(decode=True)
    except Exception:
        problems.add("undecodable body part")
        payload = part.get_payload()
        data = payload.encode("utf-8", "surrogateescape") if isinstance(payload, str) else b""
    _note_defects(part, problems)
    return data if isinstance(data, bytes) else b""


def walk(part: Message, depth: int = 0) -> Iterator[Message]:
    """Every part, depth first, not looking inside attached messages (message/*)."""
    yield part
    if depth > 30 or not part.is_multipart():
        return
    if content_type(part).startswith("message/"):
        return
    payload = part.get_payload()
    if not isinstance(payload, list):
        return
    for sub in payload:
        if isinstance(sub, Message):
            yield from walk(sub, depth + 1)


# ---------------------------------------------------------------------------
# The body text
# ---------------------------------------------------------------------------

def read_body(msg: Message, problems: Problems) -> str:
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
    return _normalise_text("\n".join(out))


def _normalise_text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\x00", "").replace("\ufeff", "").replace("\u200b", "").replace("\xa0", " ")


def _collect_text(part: Message, problems: Problems, depth: int) -> list[tuple[str, str]]:
    """[(kind, text)] of the readable text parts in reading order."""
    if depth > 30:
        problems.add("MIME nested too deeply")
        return []
    _note_defects(part, problems)
    main, _, sub = content_type(part).partition("/")
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
    if main == "text" and sub in ("plain", "html") and not is_attachment(part):
        return _decoded_as_text(part, problems, sub)
    return []


def _choose_alternative(subparts, problems: Problems, depth: int) -> list[tuple[str, str]]:
    options = [_collect_text(p, problems, depth + 1) for p in subparts if isinstance(p, Message)]
    for pieces in options:
        if any(kind == "plain" and text.strip() for kind, text in pieces):
            return pieces
    for pieces in options:
        if any(text.strip() for _, text in pieces):
            return pieces
    return []


def _decoded_as_text(part: Message, problems: Problems, kind: str) -> list[tuple[str, str]]:
    data = payload_bytes(part, problems)
    try:
        charset = part.get_content_charset()
    except Exception:
        charset = None
    text = without_markers(decode_bytes(data, charset, problems, f"text/{kind} part"))
    if kind == "plain" and param(part, "format") == "flowed":
        text = _unflow(text, param(part, "delsp") == "yes")
    return [(kind, text)]


_BOUNDARY_LINE = re.compile(r"(?m)^--([^\s\"][^\r\n\"]{0,200}?)[ \t]*\r?\n(?=[Cc]ontent-)")


def _salvage_multipart(part: Message, problems: Problems) -> Message | None:
    """A multipart whose boundary was not found: guess the boundary from the body."""
    body = part.get_payload()
    if not isinstance(body, str):
        return None
    problems.add("broken MIME boundary")
    m = _BOUNDARY_LINE.search(body)
    if not m:
        return None
    head = f'Content-Type: {content_type(part)}; boundary="{m.group(1)}"\n\n'
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
