"""Signed one-click RSVP links: ``/p/<panel_key>/moede/<token>/<choice>`` (yes, no, maybe).

The token names the panelist (with their ``token_version``: leaving voids
it) and the meeting; it has no fixed age, the page refuses answers once the
meeting has begun or is cancelled.  The choice is in the path, not in the
token, so one token serves the three links.  A GET shows the choice with a
button (link scanners fetch every link); only the POST records.
"""
from __future__ import annotations

from dataclasses import dataclass

from engagement.panel.links import public_url
from engagement.panel.models import Panel, Panelist
from engagement.tokens import TokenError, make_token, read_token

PURPOSE = "rsvp"
CHOICES = ("yes", "no", "maybe")
ENDPOINT = "meetings.rsvp"


class RsvpLinkError(Exception):
    """An RSVP link that cannot be used (forged, damaged or for another purpose)."""


@dataclass(frozen=True)
class RsvpClaim:
    panelist_id: int
    token_version: int
    definition_id: int


def make_rsvp_token(panelist: Panelist, definition_id: int) -> str:
    if panelist.id is None:
        raise ValueError("the panelist must be saved before a link can name them")
    return make_token(PURPOSE, {"p": panelist.id, "v": panelist.token_version, "m": definition_id})


def read_rsvp_token(token: str) -> RsvpClaim:
    try:
        payload = read_token(PURPOSE, token)
        return RsvpClaim(int(payload["p"]), int(payload["v"]), int(payload["m"]))
    except (TokenError, KeyError, TypeError, ValueError):
        raise RsvpLinkError("the link is not valid") from None


def rsvp_links(panelist: Panelist, panel: Panel, definition_id: int) -> dict[str, str]:
    """{"yes": url, "no": url, "maybe": url} on ``PUBLIC_BASE_URL`` (works without a request)."""
    token = make_rsvp_token(panelist, definition_id)
    return {choice: public_url(ENDPOINT, panel_key=panel.key, token=token, choice=choice) for choice in CHOICES}
