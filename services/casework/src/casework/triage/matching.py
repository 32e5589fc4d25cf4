"""Keys for "the same address" and "the same subject", with no I/O: how reports are linked to
an open case instead of opening another."""

from __future__ import annotations

import re

from asb_shared.contracts.common import Location, Person


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", text.lower()).split())


def address_key(location: Location) -> str | None:
    """A key for "the same address": the UPRN if known, else the normalised address and postcode."""
    if location.uprn:
        return f"uprn:{location.uprn}"
    if location.address:
        postcode = _norm(location.postcode or "").replace(" ", "")
        return f"addr:{_norm(location.address)}|{postcode}"
    return None


def subject_keys(subjects: list[Person]) -> list[str]:
    """Keys for "the same subject": normalised names (with their address when given)."""
    keys = []
    for person in subjects:
        if person.name and len(_norm(person.name)) >= 3:
            keys.append(
                _norm(person.name) + (f"@{_norm(person.address)}" if person.address else "")
            )
    return sorted(set(keys))
