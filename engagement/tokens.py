"""Signed, unguessable tokens for links and reply addresses (itsdangerous).

Each purpose has its own salt, so a token made for one purpose is refused for
another.  Tokens that name a panelist carry the panelist's ``token_version``;
bumping it (erasure, leaving) voids every link sent before.

Rotating the secret key must not break the links already in people's
mailboxes: tokens are signed with ``SECRET_KEY`` and accepted under it or any
key in ``SECRET_KEY_FALLBACKS`` (``verification_keys``), the same rule Flask
3.1 applies to the session cookie.  Dropping an old key from the fallbacks
voids what it signed.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Sequence

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer


class TokenError(Exception):
    """A token is malformed, forged, for another purpose, or expired."""


class ExpiredToken(TokenError):
    pass


def verification_keys() -> list[str]:
    """The keys a signature may have been made with: the fallbacks, then the current key last
    (Flask's order for the session; itsdangerous signs with the last key and accepts any)."""
    fallbacks = current_app.config.get("SECRET_KEY_FALLBACKS") or []
    return [*fallbacks, current_app.config["SECRET_KEY"]]


def _serializer(purpose: str, secret_key: str | Sequence[str] | None = None) -> URLSafeTimedSerializer:
    keys = (secret_key,) if isinstance(secret_key, str) else tuple(secret_key or verification_keys())
    return _made_serializer(purpose, keys)


@lru_cache(maxsize=64)
def _made_serializer(purpose: str, keys: tuple[str, ...]) -> URLSafeTimedSerializer:
    # Made once per purpose and keys (a campaign signs a link per message); it keeps no state.
    return URLSafeTimedSerializer(list(keys), salt=f"borgerpanel.{purpose}")


def make_token(purpose: str, payload: Any, *, secret_key: str | None = None) -> str:
    return _serializer(purpose, secret_key).dumps(payload)


def read_token(purpose: str, token: str, *, max_age: int | None = None,
               secret_key: str | Sequence[str] | None = None) -> Any:
    try:
        return _serializer(purpose, secret_key).loads(token, max_age=max_age)
    except SignatureExpired as exc:
        raise ExpiredToken("the link has expired") from exc
    except BadSignature as exc:
        raise TokenError("the link is not valid") from exc
