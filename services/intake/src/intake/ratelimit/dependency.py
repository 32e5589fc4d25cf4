"""Per-client rate limits on the public endpoints: 429 with Retry-After.

A token bucket per client address and endpoint group, in this process's memory: each API
replica limits on its own, which bounds abuse without a shared store on the request path.
A 429 is an HTTP concern, so it is answered here, at the edge.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Awaitable, Callable
from typing import Any

from asb_shared.errors import ApiError
from fastapi import Request

from ..settings import IntakeSettings, Settings
from .buckets import TokenBuckets

# Each app (API instance) has its own buckets, made from its own settings.
_BUCKETS: weakref.WeakKeyDictionary[Any, dict[str, TokenBuckets]] = weakref.WeakKeyDictionary()


def _buckets(request: Request, group: str, settings: IntakeSettings) -> TokenBuckets:
    groups = _BUCKETS.setdefault(request.app, {})
    if group not in groups:
        groups[group] = TokenBuckets(settings.public_rate_per_minute, settings.public_rate_burst)
    return groups[group]


def rate_limited(group: str) -> Callable[..., Awaitable[None]]:
    """FastAPI dependency: refuse with 429 when the caller exceeds the group's limit.

    The limit comes from the settings ``public_rate_per_minute`` and ``public_rate_burst``
    (0 switches it off, e.g. for load tests).
    """

    async def dependency(request: Request, settings: Settings) -> None:
        if settings.public_rate_per_minute <= 0:
            return
        client = request.client.host if request.client else "unknown"
        wait = _buckets(request, group, settings).take(client)
        if wait > 0:
            raise ApiError(
                429,
                "too_many_requests",
                "Too many requests from this address; please wait and try again.",
                headers={"Retry-After": str(max(1, math.ceil(wait)))},
            )

    return dependency
