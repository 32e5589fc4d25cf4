"""The console's service navigation: the pages a member of staff's roles may use.

A page is offered only to the roles its API serves (the console hides what the API would refuse,
and still handles the refusal), and only when the console serves it.
"""

from __future__ import annotations

from collections.abc import Collection, Set
from dataclasses import dataclass

from asb_shared.auth import Role
from asb_shared.auth.groups import ADMIN, CASE_STAFF, MANAGERS, PARTNER_STAFF, PEO, PEO_OR_LEADER


@dataclass(frozen=True)
class Item:
    key: str
    label: str
    href: str
    roles: frozenset[Role]


PAGES = (
    Item("my-cases", "My cases", "/", CASE_STAFF),
    Item("team", "Team", "/team", MANAGERS),
    Item("search", "Search", "/search", CASE_STAFF),
    Item("map", "Map", "/map", CASE_STAFF),
    Item("measures", "Measures", "/measures", CASE_STAFF),
    Item("reviews", "Reviews", "/reviews", CASE_STAFF),
    Item("engagement", "Positive engagement", "/engagement", PEO),
    Item("engagement-budget", "Support budget", "/engagement/budget", PEO_OR_LEADER),
    Item("partner-cases", "Shared cases", "/partner", PARTNER_STAFF),
    Item("partner-referrals", "Safeguarding referrals", "/partner/referrals", PARTNER_STAFF),
    Item("partner-conferences", "Case conferences", "/partner/conferences", PARTNER_STAFF),
    Item("admin", "Administration", "/admin", ADMIN),
    Item("landlords", "Landlords", "/platform/landlords", frozenset({Role.PLATFORM_ADMIN})),
)
"""Every page of the navigation, in its order, with the roles whose API answers it."""


@dataclass(frozen=True)
class Link:
    label: str
    href: str
    current: bool


def navigation(roles: Set[Role], served: Collection[str], path: str) -> list[Link]:
    """The links for ``roles``, among the paths the console ``served``; the one ``path`` is
    most closely under is current (``/engagement/budget`` is not also ``/engagement``)."""

    def under(href: str) -> bool:
        return path == href or (href != "/" and path.startswith(href + "/"))

    offered = [item for item in PAGES if roles & item.roles and item.href in served]
    current = max((item.href for item in offered if under(item.href)), key=len, default=None)
    return [Link(item.label, item.href, item.href == current) for item in offered]


def may_use(roles: Set[Role], key: str) -> bool:
    """Whether ``roles`` may use the page ``key`` (a page checks before calling its API)."""
    return any(item.key == key and bool(roles & item.roles) for item in PAGES)
