"""The tenures a case can be about, with no I/O.

Stockport's service is tenure-neutral and reports social and private tenures apart; Livv
reviews starter (introductory) tenancies at months 1 and 9. A case starts ``unknown`` until an
officer records it.
"""

from __future__ import annotations

from enum import StrEnum


class Tenure(StrEnum):
    """The values are stored."""

    SOCIAL_RENT = "social_rent"
    STARTER_TENANCY = "starter_tenancy"
    """A social tenancy in its introductory (starter) period."""
    SHARED_OWNERSHIP = "shared_ownership"
    LEASEHOLD = "leasehold"
    PRIVATE_RENT = "private_rent"
    OWNER_OCCUPIER = "owner_occupier"
    UNKNOWN = "unknown"


SOCIAL = frozenset({Tenure.SOCIAL_RENT, Tenure.STARTER_TENANCY, Tenure.SHARED_OWNERSHIP})
"""The landlord's own homes: social tenures."""


def tenure_group(tenure: Tenure | str | None) -> str:
    """The group a measure reports a tenure in: ``social``, ``leasehold``, ``private_rent``,
    ``owner_occupier`` or ``unknown``."""
    if tenure is None:
        return Tenure.UNKNOWN.value
    found = Tenure(tenure)
    return "social" if found in SOCIAL else found.value
