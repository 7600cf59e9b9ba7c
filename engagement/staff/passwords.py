"""Staff passwords: argon2id hashes (argon2-cffi), new passwords, a dummy hash.

``verify_password`` answers whether the password matches and whether the hash
should be replaced because the hashing parameters changed since it was made.
``verify_dummy`` spends the same time as a real check, so a login for an
unknown email takes as long as one with a wrong password.
"""
from __future__ import annotations

import secrets
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MIN_LENGTH = 12
_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> tuple[bool, bool]:
    """(matches, needs_rehash)."""
    try:
        _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False, False
    return True, _hasher.check_needs_rehash(password_hash)


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return _hasher.hash(secrets.token_urlsafe(24))


def verify_dummy(password: str) -> None:
    """Spend the time a real verification takes; always fails."""
    verify_password(_dummy_hash(), password)


def generate_password() -> str:
    """A strong random password (24 URL-safe characters, 144 bits)."""
    return secrets.token_urlsafe(18)


def is_strong_enough(password: str) -> bool:
    return len(password) >= MIN_LENGTH
