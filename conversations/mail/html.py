"""HTML to text, keeping what the structure says about quotes.

- A `<blockquote>` (Gmail's `gmail_quote`, Thunderbird's and Apple's
  `type="cite"`) or Yahoo's `yahoo_quoted` becomes '> ' lines.
- An element the mail program made for the attribution line (Gmail's
  `gmail_attr`, Thunderbird's `moz-cite-prefix`) has its lines marked
  `ATTRIBUTION`: the quote reader drops them whatever words they use.
- Outlook's reply header block (and old Hotmail's) becomes the
  `ORIGINAL_FOLLOWS` line: the un-prefixed original follows.
- A signature element (`gmail_signature`, `moz-signature`, Outlook's and
  Yahoo's mobile signatures) starts with a "-- " line.

Every element that is not shown (head, style, script, display:none) is left
out.  Malformed HTML falls back to stripping tags.
"""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from .model import ATTRIBUTION, ORIGINAL_FOLLOWS, Problems

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
         "source", "track", "wbr", "basefont", "frame", "keygen"}
_BLOCK = {"p", "div", "li", "ul", "ol", "tr", "table", "tbody", "thead", "h1", "h2", "h3", "h4",
          "h5", "h6", "blockquote", "hr", "pre", "section", "article", "header", "footer",
          "center", "dl", "dt", "dd", "address", "form", "fieldset", "figure", "main", "nav"}
_SKIP = {"head", "style", "script", "title", "xml", "template", "noscript", "svg", "object"}
_SPACES = re.compile(r"[ \t\r\n\f]+")

# What mail programs name their parts of a reply (class or id, lower case).
_QUOTE_CLASSES = ("yahoo_quoted",)
_ATTRIBUTION_CLASSES = ("gmail_attr", "moz-cite-prefix")
_SIGNATURE_CLASSES = ("gmail_signature", "moz-signature")
_SIGNATURE_IDS = {"ms-outlook-mobile-signature", "ymail_android_signature", "ymail_ios_signature"}
_ORIGINAL_IDS = {"appendonsend", "divrplyfwdmsg", "mail-editor-reference-message-container", "stopspelling",
                 "olk_src_body_section"}
_ORIGINAL_CLASSES = ("outlookmessageheader",)


class _HtmlText(HTMLParser):
    """HTML to lines; see the module's docstring."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._buf: list[str] = []
        self._buf_depth = 0
        self._buf_attr = False
        self._stack: list[tuple[str, frozenset[str]]] = []
        self._skip = 0
        self._depth = 0
        self._attr = 0

    # state -----------------------------------------------------------------
    def _push_line(self) -> None:
        text = "".join(self._buf).replace("\xa0", " ").rstrip()
        depth = self._buf_depth if self._buf else self._depth
        attr = self._buf_attr if self._buf else self._attr > 0
        if attr and text.strip():
            text = ATTRIBUTION + text
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
        cls, ident = a.get("class", "").lower(), a.get("id", "").lower().removeprefix("x_")
        style = a.get("style", "").lower().replace(" ", "")
        if not self._skip:
            if _is_original_marker(tag, ident, cls, style):
                if not self._depth:  # inside a quote all is quoted already
                    self._emit(ORIGINAL_FOLLOWS)
            elif ident in _SIGNATURE_IDS or any(c in cls for c in _SIGNATURE_CLASSES):
                self._emit("-- ")
        if tag in _VOID:
            return
        flags = set()
        if tag in _SKIP or "display:none" in style:
            flags.add("skip")
        if tag == "blockquote" or any(c in cls for c in _QUOTE_CLASSES):
            flags.add("quote")
        if any(c in cls for c in _ATTRIBUTION_CLASSES):
            flags.add("attr")
            self._break()
        self._stack.append((tag, frozenset(flags)))
        self._skip += "skip" in flags
        self._depth += "quote" in flags
        self._attr += "attr" in flags

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
            if "attr" in flags:
                self._break()
            self._skip -= "skip" in flags
            self._depth -= "quote" in flags
            self._attr -= "attr" in flags
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
            self._buf_attr = self._attr > 0
        self._buf.append(data)

    def close(self):
        super().close()
        self._break()


def _is_original_marker(tag: str, ident: str, cls: str, style: str) -> bool:
    """Outlook's (and old Hotmail's) mark of the un-prefixed original below a reply."""
    if ident in _ORIGINAL_IDS or any(c in cls for c in _ORIGINAL_CLASSES):
        return True
    return tag == "div" and "border-top:solid" in style and "border:none" in style


_INVISIBLE_ELEMENTS = re.compile(r"(?is)<(style|script|head)\b.*?</\1\s*>")
_LINE_TAGS = re.compile(r"(?i)<br\s*/?>|</p\s*>|</div\s*>")
_ANY_TAG = re.compile(r"<[^>]*>")


def html_to_text(html_text: str, problems: Problems | None = None) -> str:
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
