"""Tenures grouped as the measures report them (pure rules)."""

from __future__ import annotations

from casework.tenure.kinds import tenure_group


def test_social_tenures_are_reported_together_and_private_apart() -> None:
    assert tenure_group("social_rent") == tenure_group("starter_tenancy") == "social"
    assert tenure_group("private_rent") == "private_rent"
    assert tenure_group("owner_occupier") == "owner_occupier"
    assert tenure_group(None) == "unknown"
