"""Bytes to text in a declared charset, with fallbacks that cannot fail."""
from __future__ import annotations

from .model import Problems

# Names mail programs write that Python's codecs do not know, or know too strictly:
# ISO-8859-1 and ASCII are read as windows-1252 (its superset), as browsers do.
CHARSET_ALIASES = {
    "iso-8859-1": "windows-1252", "iso8859-1": "windows-1252", "latin-1": "windows-1252",
    "latin1": "windows-1252", "us-ascii": "windows-1252", "ascii": "windows-1252",
    "utf8": "utf-8", "unicode-1-1-utf-8": "utf-8", "x-unknown": "", "unknown-8bit": "",
    "x-user-defined": "", "default": "", "": "",
}


def decode_bytes(data: bytes, charset: str | None, problems: Problems, where: str) -> str:
    """Bytes to text in `charset`, else UTF-8, else windows-1252; never fails."""
    name = (charset or "").strip().strip("\"'").lower()
    name = CHARSET_ALIASES.get(name, name)
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
