"""The registry's rules: what a valid reference prefix is, and what a change changed."""

from __future__ import annotations

from typing import Any

from asb_shared.organisations import REFERENCE_PREFIX, RESERVED_PREFIXES, Organisation


def prefix_problem(prefix: str) -> str | None:
    """Why ``prefix`` cannot start an organisation's references, or None."""
    if not REFERENCE_PREFIX.match(prefix):
        return "must be 2 to 6 capital letters (A-Z)"
    if prefix in RESERVED_PREFIXES:
        return f"{prefix} is reserved for the references issued before organisations had prefixes"
    return None


def state(organisation: Organisation) -> dict[str, Any]:
    """The state as the audit keeps it (JSON)."""
    return {
        "name": organisation.name,
        "reference_prefix": organisation.reference_prefix,
        "services": sorted(organisation.services),
        "active": organisation.active,
    }


def changes(before: Organisation | None, after: Organisation) -> list[dict[str, Any]]:
    """Field by field, from and to (everything, for a registration)."""
    old = state(before) if before is not None else {}
    new = state(after)
    return [
        {"field": key, "from": old.get(key), "to": value}
        for key, value in new.items()
        if old.get(key) != value
    ]
