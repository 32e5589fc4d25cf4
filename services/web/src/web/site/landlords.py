"""Which landlord's site a request is on, and what the site shows of it.

By path (the default) every page is under ``/{slug}/``, the slug being the landlord's
reference prefix in lower case (ETOE at ``/etoe/``); by host, ``LANDLORD_HOSTS`` maps a host
name to the slug and the pages sit at the root. Either way the landlord's public details come
from casework's public endpoint (kept a minute), and an unknown or inactive landlord is a plain
"page not found". Nothing of one landlord is ever shown on another's pages: every page is
rendered with the one landlord of its own request.
"""

from __future__ import annotations

import re
import time
import uuid
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request
from starlette.types import ASGIApp, Receive, Scope, Send

from .apis import ApiRefused, ApiUnavailable, apis

SLUG = re.compile(r"^[a-z]{2,6}$")
_CACHE_SECONDS = 60.0


@dataclass(frozen=True)
class Landlord:
    id: uuid.UUID
    name: str
    slug: str
    reference_prefix: str
    base: str
    """The site's path for this landlord: ``/etoe`` by path, empty by host."""
    details: dict[str, Any]
    """Casework's public answer: not-ASB advice, standards, Community Trigger, risk questions."""

    def url(self, path: str = "/") -> str:
        return f"{self.base}{path}"


class LandlordNotFound(Exception):
    pass


class LandlordDirectory:
    """Casework's public landlord details, kept a minute per slug (an unknown slug too)."""

    def __init__(self) -> None:
        self._kept: dict[str, tuple[float, dict[str, Any] | None]] = {}

    async def details(self, request: Request, slug: str) -> dict[str, Any] | None:
        now = time.monotonic()
        kept = self._kept.get(slug)
        if kept is not None and kept[0] > now:
            return kept[1]
        try:
            found = await apis(request).casework.call("GET", f"/v1/public/landlords/{slug}")
        except ApiRefused as refused:
            if refused.status not in (404, 422):
                raise
            found = None
        self._kept[slug] = (now + _CACHE_SECONDS, found)
        return found  # type: ignore[no-any-return]


def slug_of(request: Request) -> tuple[str, str]:
    """The landlord's slug and the site's base path for this request (by host, the
    :class:`LandlordHostMiddleware` has put the host's slug in front of the path)."""
    slug = str(request.path_params.get("slug", ""))
    if not SLUG.match(slug):
        raise LandlordNotFound(slug)
    by_host = request.app.state.settings.landlord_by == "host"
    return slug, "" if by_host else f"/{slug}"


class LandlordHostMiddleware:
    """By host: ``asb.etoe.example/report`` is routed as ``/etoe/report`` (an unknown host to a
    slug no landlord has, so its pages are "not found")."""

    def __init__(self, app: ASGIApp, hosts: dict[str, str], unprefixed: tuple[str, ...]) -> None:
        self.app = app
        self.hosts = {h.lower(): s for h, s in hosts.items()}
        self.unprefixed = unprefixed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not scope["path"].startswith(self.unprefixed):
            host = ""
            for name, value in scope.get("headers") or []:
                if name == b"host":
                    host = value.decode("latin-1").split(":")[0].lower()
            slug = self.hosts.get(host, "-")
            scope = dict(scope, path=f"/{slug}{scope['path']}", raw_path=None)
        await self.app(scope, receive, send)


async def current_landlord(request: Request) -> Landlord:
    try:
        slug, base = slug_of(request)
    except LandlordNotFound:
        raise HTTPException(404) from None
    directory: LandlordDirectory = request.app.state.landlords
    try:
        details = await directory.details(request, slug)
    except ApiUnavailable:
        raise HTTPException(503) from None
    if details is None:
        raise HTTPException(404)
    landlord = Landlord(
        id=uuid.UUID(details["organisation_id"]),
        name=details["name"],
        slug=slug,
        reference_prefix=details["reference_prefix"],
        base=base,
        details=details,
    )
    request.state.landlord = landlord
    return landlord


LandlordDep = Annotated[Landlord, Depends(current_landlord)]
