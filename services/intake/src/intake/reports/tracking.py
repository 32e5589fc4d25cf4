"""The tracking token: the secret that lets a reporter follow their report without an account.

Only its hash is kept. Checking a token takes the same time whether the reference exists or
not, so response times do not tell which references exist.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

_NO_SUCH_HASH = "0" * 64


def new_token() -> str:
    return secrets.token_urlsafe(24)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_matches(stored_hash: str | None, token: str) -> bool:
    """Whether ``token`` is the one whose hash is ``stored_hash`` (None: no such report)."""
    given = hash_token(token)
    if stored_hash is None:
        # Same work as a match, so response time does not tell which references exist.
        hmac.compare_digest(given, _NO_SUCH_HASH)
        return False
    return hmac.compare_digest(stored_hash, given)
