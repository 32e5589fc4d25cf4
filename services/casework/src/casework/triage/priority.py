"""Priority routes, with no I/O: hate incidents, domestic abuse and safeguarding go their own way."""

from __future__ import annotations

from asb_shared.contracts import AsbCategory

from .harm import Harm, harms_in


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


_ROUTE_OF_HARM: list[tuple[Harm, str]] = [
    (Harm.DOMESTIC_ABUSE, PriorityRoute.DOMESTIC_ABUSE),
    (Harm.HATE, PriorityRoute.HATE),
    (Harm.EXPLOITATION, PriorityRoute.SAFEGUARDING),
]


def priority_route_of(categories: list[AsbCategory], description: str) -> str | None:
    """The priority route, from the categories chosen or else from the words of the report.

    A hate incident is one the victim perceives as motivated by hostility, whatever category
    they ticked: "shouting racist abuse" under "verbal abuse" still takes the hate route, and a
    report of a partner's violence the domestic abuse one.
    """
    route = priority_route(categories)
    if route is not None:
        return route
    found = set(harms_in(description))
    for harm, harm_route in _ROUTE_OF_HARM:
        if harm in found:
            return harm_route
    return None
