"""The "often not ASB" flag, with no I/O: reports that are often not ASB get advice instead.

The list is the landlord's (its policy's ``not_asb``; by default the Livv Housing Group
policy's, :data:`casework.policy.lists.DEFAULT_NOT_ASB`): such reports are flagged with the advice to give
instead of an investigation, and an officer can override the flag. The flag is advice to the
officer the case still goes to, never a dead end, and it is never raised for a report of serious
harm (:mod:`casework.triage.harm`: threats, violence, hate, harassment, domestic abuse,
exploitation, drug dealing) nor for a priority category, nor for noise that persists.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from asb_shared.contracts.common import AsbCategory

from ..policy.lists import (
    DEFAULT_NOT_ASB,
    DEFAULT_PRIORITY_ROUTES,
    NotAsbEntry,
    PriorityRouteSetting,
    phrase_pattern,
)
from .harm import is_serious
from .priority import priority_route

_PERSISTENT = re.compile(
    r"\b(every\s+(?:night|day|evening|morning|weekend)|all\s+(?:night|day)|for\s+hours|hours\s+on\s+end"
    r"|non[- ]?stop|constant\w*|continu\w*|persistent\w*|nightly|daily|till\s+\d|until\s+\d"
    r"|(?:at|past|after)\s+(?:midnight|[1-5]\s*(?:am|a\.m\.))|\d+\s*(?:am|a\.m\.)|weeks|months|again\s+and\s+again)",
    re.IGNORECASE,
)


@lru_cache(maxsize=4096)
def _parts(phrase: str) -> tuple[re.Pattern[str], ...]:
    return tuple(phrase_pattern(part) for part in phrase.split(" & "))


def _says(entry: NotAsbEntry, description: str) -> bool:
    return any(all(part.search(description) for part in _parts(phrase)) for phrase in entry.words)


def not_asb_advice(
    categories: list[AsbCategory],
    description: str,
    entries: Sequence[NotAsbEntry] = DEFAULT_NOT_ASB,
    routes: Sequence[PriorityRouteSetting] = DEFAULT_PRIORITY_ROUTES,
) -> str | None:
    """Advice to give if the report looks like something on the landlord's list (``entries``,
    in order: the first that matches gives its advice), else None.

    Never for a category on a priority route (``routes``: a hate incident mentioning social
    media is still a hate incident) nor for any sign of serious harm in the words, whatever
    the category chosen.
    """
    if priority_route(categories, routes) is not None or is_serious(categories, description):
        return None
    persistent = _PERSISTENT.search(description) is not None
    for entry in entries:
        if entry.persistent_is_asb and persistent:
            continue
        if categories == [entry.only_category] or _says(entry, description):
            return entry.advice
    return None
