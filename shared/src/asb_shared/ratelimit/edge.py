"""Rate limits at the HTTP edge: a FastAPI dependency answering 429 with ``Retry-After``.

The counts are the service's :class:`~asb_shared.ratelimit.store.RateLimiter` (made by
:func:`asb_shared.service.create_api`), so every process of the service shares them. The
client's address is the one :class:`uvicorn`'s proxy middleware derived: X-Forwarded-For is
believed only from ``TRUSTED_PROXIES``, and then the right-most address that is not a trusted
proxy is the client's (a client cannot put itself further right than its own proxy).
"""

from __future__ import annotations

import math
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import Request

from ..errors import ApiError
from .sliding_log import Decision, Rate
from .store import RateLimiter

TOO_MANY = "too_many_requests"


def client_address(request: Request) -> str:
    """The caller's address, as the trusted proxies tell it (see the module's docstring)."""
    return request.client.host if request.client else "unknown"


def limiter(request: Request) -> RateLimiter:
    found = request.app.state.rate_limiter
    if not isinstance(found, RateLimiter):
        raise TypeError("the app has no rate limiter")
    return found


def too_many(decision: Decision, message: str) -> ApiError:
    """The 429 for a refused decision, with the whole seconds to wait in ``Retry-After``."""
    return ApiError(
        429, TOO_MANY, message, headers={"Retry-After": str(max(1, math.ceil(decision.wait)))}
    )


async def check(request: Request, key: str, rate: Rate, message: str) -> None:
    """Count a request against ``key``, or raise the 429."""
    decision = await limiter(request).hit(key, rate)
    if not decision.allowed:
        raise too_many(decision, message)


def per_address(
    group: str, rate_of: Callable[[Any], Rate | None]
) -> Callable[[Request], Awaitable[None]]:
    """FastAPI dependency: each client address may call the endpoints of ``group`` at the rate
    ``rate_of(settings)`` gives (None: no limit, e.g. for load tests)."""

    async def dependency(request: Request) -> None:
        rate = rate_of(request.app.state.settings)
        if rate is None:
            return
        await check(
            request,
            f"{group}:{client_address(request)}",
            rate,
            "Too many requests from this address; please wait and try again.",
        )

    return dependency
