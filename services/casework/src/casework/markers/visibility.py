"""Who sees a warning marker and its reason, with no I/O.

A warning marker protects staff and contractors visiting a person or an address (Livv:
protection of staff and contractors). Every member of the landlord's case staff who sees the
person or the address sees that a marker is there, what to take care about in outline (its
label) and when it is to be reviewed; its reason only if their role is among those the marker
names. Residents never see a marker (no resident answer carries one); partners see its label
and review date only under an agreement naming markers (the partner gateway's redaction), and
its reason never leaves casework.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class MarkerAbout(StrEnum):
    ADDRESS = "address"
    PERSON = "person"


REASON_ROLES = frozenset({"officer", "team_leader", "admin"})
"""The roles a marker may let see its reason."""


@dataclass(frozen=True)
class MarkerView:
    """A marker as one member of staff sees it."""

    reason: str | None
    reason_withheld: bool
    review_due: bool


def reason_visible(visible_to: Collection[str], roles: Collection[str]) -> bool:
    """Whether someone holding ``roles`` may read the reason of a marker shown to
    ``visible_to``."""
    return bool(set(visible_to) & set(roles))


def seen_by(
    reason: str, visible_to: Collection[str], review_on: date, roles: Collection[str], today: date
) -> MarkerView:
    """The marker as someone holding ``roles`` sees it on ``today``."""
    shown = reason_visible(visible_to, roles)
    return MarkerView(
        reason=reason if shown else None,
        reason_withheld=not shown,
        review_due=review_on <= today,
    )


def keys_of_case(address_key: str | None, subject_keys: Collection[str]) -> list[str]:
    """The keys a case's markers are found by: its address and each subject it names (the
    same keys a further report is linked by)."""
    return sorted({*([address_key] if address_key else []), *subject_keys})
