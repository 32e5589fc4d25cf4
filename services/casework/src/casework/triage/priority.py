"""Priority routes, with no I/O: hate incidents, domestic abuse and safeguarding go their own way."""

from __future__ import annotations

from asb_shared.contracts import AsbCategory


class PriorityRoute:
    HATE = "hate_incident"
    DOMESTIC_ABUSE = "domestic_abuse"
    SAFEGUARDING = "safeguarding"


# Priority categories have their own routes; exploitation (cuckooing) is a safeguarding matter.
_ROUTES: list[tuple[AsbCategory, str]] = [
    (AsbCategory.DOMESTIC_ABUSE, PriorityRoute.DOMESTIC_ABUSE),
    (AsbCategory.HATE_INCIDENT, PriorityRoute.HATE),
    (AsbCategory.CUCKOOING, PriorityRoute.SAFEGUARDING),
]


def priority_route(categories: list[AsbCategory]) -> str | None:
    """The priority route a case takes, if any (domestic abuse first, then hate, then safeguarding)."""
    for category, route in _ROUTES:
        if category in categories:
            return route
    return None
