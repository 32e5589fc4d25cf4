"""Where webhooks may go (pure rules)."""

from __future__ import annotations

from partner_gateway.webhooks.rules import unreachable_address


def test_webhooks_never_reach_this_machine_or_the_private_network() -> None:
    for inside in (
        "localhost",
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.9",
        "192.168.1.1",
        "169.254.169.254",  # the cloud's metadata service
        "[::1]",
        "fd00::1",
        "0.0.0.0",
        "db.internal",
    ):
        assert unreachable_address(inside) is not None, inside
    assert unreachable_address("partner.example.org") is None
    assert unreachable_address("93.184.215.14") is None
    # A public name that resolves inside is refused too (checked again at each delivery).
    assert unreachable_address("partner.example.org", ["10.0.0.7"]) is not None
    assert unreachable_address("partner.example.org", ["93.184.215.14"]) is None


def test_during_a_rotations_overlap_both_secrets_sign_and_after_it_only_the_new() -> None:
    from datetime import UTC, datetime, timedelta

    from partner_gateway.webhooks.rules import signing_secrets

    at = datetime(2026, 11, 30, 9, tzinfo=UTC)
    assert signing_secrets("new", None, None, at) == ("new",)
    assert signing_secrets("new", "old", at + timedelta(hours=1), at) == ("new", "old")
    assert signing_secrets("new", "old", at, at) == ("new",)  # the overlap has ended
    assert signing_secrets("new", "old", at - timedelta(seconds=1), at) == ("new",)
