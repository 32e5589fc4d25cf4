"""Patches, with no I/O: the area an address falls in, which officers cover."""

from __future__ import annotations

import re

_OUTWARD = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)")


def patch_of(postcode: str | None) -> str | None:
    """The patch of an address: its postcode district (the outward code, e.g. "SK1")."""
    if not postcode:
        return None
    match = _OUTWARD.match(postcode.replace(" ", "").upper()[:-3] or "")
    return match.group(1) if match else None
