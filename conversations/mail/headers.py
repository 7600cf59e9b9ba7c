"""Header values read from the raw source: RFC 2047 words, raw 8-bit bytes,
folding; address lists and message ids.  Nothing here can raise on bad input."""
from __future__ import annotations

import binascii
import quopri
import re
from email.message import Message

from .charsets import decode_bytes
from .model import Problems

_FOLD = re.compile(r"\r?\n(?=[ \t])")
_SURROGATE = re.compile("[\udc80-\udcff]")
_ENCODED_WORD = re.compile(r"=\?([^?\s]+)\?([QqBb])\?([^?\s]*)\?=")
_BETWEEN_WORDS = re.compile(r"(=\?[^?\s]+\?[QqBb]\?[^?\s]*\?=)\s+(?==\?[^?\s]+\?[QqBb]\?[^?\s]*\?=)")


def decode_header_value(value: str, problems: Problems, name: str) -> str:
    """A raw header value to text: raw 8-bit bytes, folding and RFC 2047 words."""
    if _SURROGATE.search(value):
        value = decode_bytes(value.encode("ascii", "surrogateescape"), "utf-8", problems, f"header {name}")
    value = _FOLD.sub("", value).replace("\r", "").replace("\n", " ")
    if "=?" in value:
        value = _BETWEEN_WORDS.sub(r"\1", value)
        value = _ENCODED_WORD.sub(lambda m: _decode_word(m, problems, name), value)
    return value.strip()


def _decode_word(m: re.Match, problems: Problems, name: str) -> str:
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
    return decode_bytes(data, charset, problems, f"header {name}")


class Headers:
    """Decoded header values, read from the raw source so a bad header cannot raise."""

    def __init__(self, msg: Message, problems: Problems):
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
            self._decoded[name] = [decode_header_value(v, self._problems, name)
                                   for v in self._values.get(name, [])]
        return self._decoded[name]

    def text(self, name: str) -> str:
        values = self.all(name)
        return values[0] if values else ""

    def addresses(self, name: str) -> list[str]:
        if name not in self._addresses:
            self._addresses[name] = unique_list(a for v in self.all(name) for a in addresses(v))
        return self._addresses[name]


def unique_list(items) -> list[str]:
    return list(dict.fromkeys(items))


ADDR_SPEC = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?")
_ANGLE_ADDR = re.compile(r"<\s*(?:mailto:)?([^<>\s@]+@[^<>\s@]+?)\s*>")


def addresses(value: str) -> list[str]:
    """Addr-specs of an address list, lower-cased: '<...>' where given, else the bare address."""
    found = []
    for segment in value.split(","):
        m = _ANGLE_ADDR.search(segment) or ADDR_SPEC.search(segment)
        if m:
            found.append(m.group(m.lastindex or 0).strip(".").lower())
    return found


_NAME_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")


def display_name_words(value: str) -> tuple[str, ...]:
    """The words of a From header's display name ("Ida Holm <ida@x.dk>" -> ("ida", "holm")),
    or of its local part when it has no name ("ida.holm@x.dk" -> ("ida", "holm"))."""
    name = value.split("<", 1)[0] if "<" in value else ""
    if not name.strip() or "@" in name:
        m = ADDR_SPEC.search(value)
        name = re.sub(r"[._+-]+", " ", m.group(0).split("@")[0]) if m else ""
    return tuple(w.lower() for w in _NAME_WORD.findall(name))


_MSG_ID = re.compile(r"<([^<>\s]+)>")


def msg_ids(value: str) -> list[str]:
    ids = _MSG_ID.findall(value)
    if not ids and value.strip():
        ids = [t.strip("<>,") for t in value.split() if t.strip("<>,")]
    return ids
