"""Client ids and secrets: generated with the operating system's randomness, secrets hashed
with argon2id (argon2-cffi's defaults, RFC 9106's recommended parameters)."""

from __future__ import annotations

import functools
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()


def new_client_id() -> str:
    return "pgw_" + secrets.token_urlsafe(18)


def new_secret() -> str:
    """A secret to show once: 256 bits, URL-safe."""
    return "pgs_" + secrets.token_urlsafe(32)


def hash_secret(secret: str) -> str:
    return _hasher.hash(secret)


def verify_secret(secret_hash: str, secret: str) -> bool:
    """Whether ``secret`` is the one hashed (constant time inside argon2)."""
    try:
        return _hasher.verify(secret_hash, secret)
    except (VerificationError, InvalidHashError):
        return False


@functools.cache
def dummy_hash() -> str:
    """A hash no secret matches (its secret is thrown away): an unknown client's secret is
    verified against it, so an unknown client costs what a known one does and is told the
    same (client ids cannot be found by timing or by the answer). Made once per process."""
    return hash_secret(new_secret())
