"""The signed links a citizen gets by email: confirm, profile, leave, new address.

Every token names the panelist and carries their ``token_version``; leaving
(or erasure) bumps the version, so every link sent before stops working.

=============  ====================  =========================================
purpose        lives                 payload
=============  ====================  =========================================
confirm        7 days                panelist id, token version
profile        30 days               panelist id, token version
leave          no expiry             panelist id, token version
email-change   7 days                panelist id, token version, new address
=============  ====================  =========================================

The email-change token carries the new address (signed, not encrypted): it is
only ever sent to that very address.

URLs are built from ``PUBLIC_BASE_URL`` (``settings.public_base_url``), never
from the request: messages are also sent by jobs with no request, and behind
a TLS proxy ``request.url`` is wrong.  ``leave_url`` and ``profile_url`` are
what every later message (campaigns, reminders) puts in its footer.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from flask import current_app
from sqlalchemy.orm import object_session

from engagement import get_settings
from engagement.panel.models import Panel, Panelist
from engagement.tokens import ExpiredToken, TokenError, make_token, read_token

CONFIRM = "confirm"
PROFILE = "profile"
LEAVE = "leave"
EMAIL_CHANGE = "email-change"

CONFIRM_LIFETIME = timedelta(days=7)
PROFILE_LIFETIME = timedelta(days=30)
EMAIL_CHANGE_LIFETIME = timedelta(days=7)
MAX_AGE = {
    CONFIRM: int(CONFIRM_LIFETIME.total_seconds()),
    PROFILE: int(PROFILE_LIFETIME.total_seconds()),
    LEAVE: None,
    EMAIL_CHANGE: int(EMAIL_CHANGE_LIFETIME.total_seconds()),
}
ENDPOINTS = {
    CONFIRM: "panel.confirm",
    PROFILE: "panel.profile",
    LEAVE: "panel.leave",
    EMAIL_CHANGE: "panel.confirm_email_change",
}


class LinkError(Exception):
    """A link from an email cannot be used."""


class InvalidLink(LinkError):
    """Forged, damaged, for another purpose, or for another panel."""


class ExpiredLink(LinkError):
    """Genuine, but older than its purpose allows."""


class StaleLink(LinkError):
    """Genuine, but made before the panelist's token version was bumped (e.g. they left)."""

    def __init__(self, purpose: str, panelist: Panelist):
        super().__init__(purpose)
        self.panelist = panelist


@dataclass(frozen=True)
class LinkClaim:
    """What a genuine token says; the caller still checks the version against the row."""

    purpose: str
    panelist_id: int
    token_version: int
    email: str | None = None


def first_token_version() -> int:
    """The ``token_version`` a new signup starts at: random, not 1.

    SQLite gives a deleted row's id to the next new row when it was the
    highest; deleted signups (expired, or left before confirming) would then
    lend their links to a newcomer.  A random start makes those links stale.
    Leaves room below 2**31 for the bumps of a lifetime.
    """
    return secrets.randbelow(2**30) + 1


def make_link_token(purpose: str, panelist: Panelist, *, email: str | None = None) -> str:
    if panelist.id is None:
        raise ValueError("the panelist must be saved before a link can name it")
    payload: dict[str, object] = {"p": panelist.id, "v": panelist.token_version}
    if purpose == EMAIL_CHANGE:
        if not email:
            raise ValueError("an email-change link needs the new address")
        payload["e"] = email
    return make_token(purpose, payload)


def read_link_token(purpose: str, token: str) -> LinkClaim:
    """Check signature, purpose and age; raises ``InvalidLink`` or ``ExpiredLink``."""
    try:
        payload = read_token(purpose, token, max_age=MAX_AGE[purpose])
    except ExpiredToken:
        raise ExpiredLink(purpose) from None
    except TokenError:
        raise InvalidLink(purpose) from None
    try:
        panelist_id, version = int(payload["p"]), int(payload["v"])
        email = str(payload["e"]) if purpose == EMAIL_CHANGE else None
    except (KeyError, TypeError, ValueError):
        raise InvalidLink(purpose) from None
    return LinkClaim(purpose, panelist_id, version, email)


def _panel_key(panelist: Panelist, panel: Panel | None) -> str:
    if panel is not None:
        return panel.key
    session = object_session(panelist)
    if session is None:
        from engagement.db import get_session

        session = get_session()
    found = session.get(Panel, panelist.panel_id)
    if found is None:
        raise ValueError("the panelist's panel does not exist")
    return found.key


def public_url(endpoint: str, **values: object) -> str:
    """An absolute URL for a route, on ``PUBLIC_BASE_URL`` (works without a request)."""
    base_url = get_settings().public_base_url
    adapters = current_app.extensions.setdefault("borgerpanel.url_adapters", {})
    adapter = adapters.get(base_url)
    if adapter is None:  # bound once per base URL (building with it changes nothing in it)
        base = urlsplit(base_url)
        adapter = adapters[base_url] = current_app.url_map.bind(
            base.netloc, script_name=base.path.rstrip("/") or "/", url_scheme=base.scheme)
    return adapter.build(endpoint, values, force_external=True)


def link_url(purpose: str, panelist: Panelist, panel: Panel | None = None, *, email: str | None = None) -> str:
    token = make_link_token(purpose, panelist, email=email)
    return public_url(ENDPOINTS[purpose], panel_key=_panel_key(panelist, panel), token=token)


def confirm_url(panelist: Panelist, panel: Panel | None = None) -> str:
    return link_url(CONFIRM, panelist, panel)


def profile_url(panelist: Panelist, panel: Panel | None = None) -> str:
    """The citizen's own profile page; valid for 30 days, until they leave."""
    return link_url(PROFILE, panelist, panel)


def leave_url(panelist: Panelist, panel: Panel | None = None) -> str:
    """One-click leaving (GET shows a button, POST leaves); never expires, dies on leaving."""
    return link_url(LEAVE, panelist, panel)


def privacy_url(panel: Panel) -> str:
    """The panel's privacy notice (public; every email's footer links to it)."""
    return public_url("panel.privacy", panel_key=panel.key)


def privacy_url_beside(leave_url: str | None) -> str | None:
    """The privacy notice of the panel a leave link belongs to ('/p/demo/frameld/T' -> '/p/demo/privatliv').

    Every email to a citizen carries their leave link, so its footer can name the notice without each
    sender having to pass the panel along."""
    if not leave_url or "/frameld/" not in leave_url:
        return None
    return leave_url.rsplit("/frameld/", 1)[0] + "/privatliv"


def email_change_url(panelist: Panelist, new_email: str, panel: Panel | None = None) -> str:
    return link_url(EMAIL_CHANGE, panelist, panel, email=new_email)
