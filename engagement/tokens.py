"""Signed, unguessable tokens for links and reply addresses (itsdangerous).

Each purpose has its own salt, so a token made for one purpose is refused for
another.  Tokens that name a panelist carry the panelist's ``token_version``;
bumping it (erasure, leaving) voids every link sent before.
"""
from __future__ import annotations

from typing import Any

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer


class TokenError(Exception):
    """A token is malformed, forged, for another purpose, or expired."""


class ExpiredToken(TokenError):
    pass


def _serializer(purpose: str, secret_key: str | None = None) -> URLSafeTimedSerializer:
    key = secret_key or current_app.config["SECRET_KEY"]
    return URLSafeTimedSerializer(key, salt=f"borgerpanel.{purpose}")


def make_token(purpose: str, payload: Any, *, secret_key: str | None = None) -> str:
    return _serializer(purpose, secret_key).dumps(payload)


def read_token(purpose: str, token: str, *, max_age: int | None = None,
               secret_key: str | None = None) -> Any:
    try:
        return _serializer(purpose, secret_key).loads(token, max_age=max_age)
    except SignatureExpired as exc:
        raise ExpiredToken("the link has expired") from exc
    except BadSignature as exc:
        raise TokenError("the link is not valid") from exc
