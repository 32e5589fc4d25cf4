"""Webhook rules (pure): retries and the secrets signing during a rotation."""

from __future__ import annotations


def test_during_a_rotations_overlap_both_secrets_sign_and_after_it_only_the_new() -> None:
    from datetime import UTC, datetime, timedelta

    from partner_gateway.webhooks.rules import signing_secrets

    at = datetime(2026, 11, 30, 9, tzinfo=UTC)
    assert signing_secrets("new", None, None, at) == ("new",)
    assert signing_secrets("new", "old", at + timedelta(hours=1), at) == ("new", "old")
    assert signing_secrets("new", "old", at, at) == ("new",)  # the overlap has ended
    assert signing_secrets("new", "old", at - timedelta(seconds=1), at) == ("new",)
