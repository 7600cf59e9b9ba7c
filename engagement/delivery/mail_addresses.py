"""Checking what goes into an email's address headers: one line, exactly one address, and the
``Name <addr>`` form written for From, To and Reply-To (IDNA domains, RFC 2047 names)."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from email.headerregistry import Address
from email.utils import formataddr, getaddresses, parseaddr

from engagement.delivery.mail_errors import InvalidEmail


def single_line(name: str, value: str) -> str:
    if "\r" in value or "\n" in value:
        raise InvalidEmail(f"{name} must be one line")
    return value


@dataclass(frozen=True)
class PlainAddress:
    """A plain address (``_PLAIN_ADDRESS``), as much of ``Address`` as ``mailbox`` reads."""
    display_name: str
    addr_spec: str


# A dot-atom local part and a hostname: nothing in it that parsing could read differently.
_PLAIN_ADDRESS = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                            r"@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+")


def parse_address(name: str, raw: str, display_name: str | None = None) -> Address | PlainAddress:
    """One address; refuses line breaks, lists and anything ``Address`` cannot hold.

    A plain ``local@host`` with its display name given apart (the usual case: a panelist's
    address, validated at signup) skips the parser, which costs a tenth of a millisecond
    for every message of a campaign.
    """
    single_line(name, raw)
    if display_name is not None:
        single_line(name, display_name)
        if _PLAIN_ADDRESS.fullmatch(raw):
            return PlainAddress(display_name=display_name, addr_spec=raw)
    elif _PLAIN_ADDRESS.fullmatch(raw):  # a bare local@host (a reply address): nothing to parse
        return PlainAddress(display_name="", addr_spec=raw)
    parsed_name, addr_spec = parseaddr(raw)
    if not addr_spec or "@" not in addr_spec or len(getaddresses([raw])) != 1:
        raise InvalidEmail(f"{name} must be one email address")
    try:
        return Address(display_name=display_name if display_name is not None else parsed_name,
                       addr_spec=addr_spec)
    except (ValueError, IndexError) as exc:
        raise InvalidEmail(f"{name} is not a valid address") from exc


@functools.lru_cache(maxsize=64)
@functools.lru_cache(maxsize=256)
def sender_address(mail_from: str, sender_name: str | None) -> Address | PlainAddress:
    """The From address (the same for every message of a panel: parsed once)."""
    return parse_address("From", mail_from, sender_name)


def mailbox(address: Address | PlainAddress) -> tuple[str, str]:
    """(``Name <addr>``, addr): the name quoted or RFC 2047-encoded (``formataddr``), never split.

    A non-ASCII domain becomes its IDNA form; a non-ASCII local part stays UTF-8
    (the sender then asks for SMTPUTF8).
    """
    local, _at, domain = address.addr_spec.rpartition("@")
    if not domain.isascii():
        try:
            domain = domain.encode("idna").decode("ascii")
        except UnicodeError:
            raise InvalidEmail("the address has a domain that cannot be encoded") from None
    spec = f"{local}@{domain}"
    if not address.display_name:
        return spec, spec
    shown = formataddr((address.display_name, "x@x"), charset="utf-8")[:-len("<x@x>")]
    return f"{shown}<{spec}>", spec


def msg_id(name: str, value: str) -> str:
    """A Message-ID for a header (``<id@domain>``; brackets added when missing), ASCII, one token."""
    value = single_line(name, value.strip())
    if not value.startswith("<"):
        value = f"<{value}>"
    inner = value[1:-1]
    if (not value.endswith(">") or not inner or not value.isascii() or "@" not in inner
            or any(c in inner for c in "<> \t\"(),;\\")):
        raise InvalidEmail(f"{name} must hold a Message-ID like <id@domain>")
    return value
