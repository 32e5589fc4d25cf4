"""Priority routes, with no I/O: hate incidents, domestic abuse and safeguarding go their own way."""

from __future__ import annotations

from collections.abc import Sequence

from asb_shared.contracts.common import AsbCategory

from ..policy.lists import DEFAULT_PRIORITY_ROUTES, PriorityRouteSetting
from .harm import Harm, harms_in


class PriorityRoute:
    HATE = "hate_incident"
    DOMESTIC_ABUSE = "domestic_abuse"
    SAFEGUARDING = "safeguarding"


def priority_route(
    categories: list[AsbCategory], routes: Sequence[PriorityRouteSetting] = DEFAULT_PRIORITY_ROUTES
) -> str | None:
    """The priority route a case takes, if any: the first of the landlord's ``routes`` whose
    category was chosen (by default domestic abuse first, then hate, then safeguarding for
    exploitation; a landlord's policy always keeps those three and may add its own)."""
    for setting in routes:
        if setting.category in categories:
            return setting.route
    return None


_ROUTE_OF_HARM: list[tuple[Harm, str]] = [
    (Harm.DOMESTIC_ABUSE, PriorityRoute.DOMESTIC_ABUSE),
    (Harm.HATE, PriorityRoute.HATE),
    (Harm.EXPLOITATION, PriorityRoute.SAFEGUARDING),
]


def priority_route_of(
    categories: list[AsbCategory],
    description: str,
    routes: Sequence[PriorityRouteSetting] = DEFAULT_PRIORITY_ROUTES,
) -> str | None:
    """The priority route, from the categories chosen or else from the words of the report.

    A hate incident is one the victim perceives as motivated by hostility, whatever category
    they ticked: "shouting racist abuse" under "verbal abuse" still takes the hate route, and a
    report of a partner's violence the domestic abuse one.
    """
    route = priority_route(categories, routes)
    if route is not None:
        return route
    found = set(harms_in(description))
    for harm, harm_route in _ROUTE_OF_HARM:
        if harm in found:
            return harm_route
    return None
