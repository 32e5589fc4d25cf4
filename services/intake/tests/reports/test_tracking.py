"""The tracking token: only its hash is kept, and only the right token matches."""

from __future__ import annotations

from intake.reports.tracking import hash_token, new_token, token_matches


def test_only_the_token_given_matches_its_hash() -> None:
    token = new_token()
    assert len(token) >= 32 and new_token() != token
    stored = hash_token(token)
    assert stored != token
    assert token_matches(stored, token)
    assert not token_matches(stored, token + "x")
    assert not token_matches(None, token)  # no such report: no match, same work
