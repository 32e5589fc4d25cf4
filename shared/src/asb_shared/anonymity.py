"""An anonymous reporter is never contacted nor identified: the one predicate every service asks.

A report made anonymously names nobody, whatever details came with it (a client that sent a
name anyway, an old event carrying a reporter): the reporter chose not to be identified, and
contacting them could expose them to the person they reported. Intake keeps no reporter for it,
casework keeps no complainant record, search indexes no name, notifications writes to nobody and
a partner is shown no complainant. No I/O happens here.
"""

from __future__ import annotations

from typing import TypeVar

T = TypeVar("T")


def identified(anonymous: bool, who: T | None) -> T | None:
    """Who a report (or the case it opened) names as its maker, to keep, show or write to:
    nobody at all when it is anonymous."""
    return None if anonymous else who
