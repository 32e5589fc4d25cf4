"""Per-client rate limits on the public endpoints: 429 with Retry-After.

A token bucket per client address and endpoint group, in this process's memory: each API
replica limits on its own, which bounds abuse without a shared store on the request path.
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable

from asb_shared.errors import ApiError
from fastapi import Request

MAX_CLIENTS = 100_000


class TokenBuckets:
    """``per_minute`` requests a minute per client, with bursts up to ``burst``."""

    def __init__(self, per_minute: float, burst: int) -> None:
        self.rate = per_minute / 60.0
        self.burst = burst
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def take(self, client: str, now: float | None = None) -> float:
        """Take a token for ``client``; returns 0 if allowed, else seconds until one is free."""
        now = time.monotonic() if now is None else now
        tokens, last = self._buckets.pop(client, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - last) * self.rate)
        if tokens >= 1.0:
            self._buckets[client] = (tokens - 1.0, now)
            wait = 0.0
        else:
            self._buckets[client] = (tokens, now)
            wait = (1.0 - tokens) / self.rate
        while len(self._buckets) > MAX_CLIENTS:
            self._buckets.popitem(last=False)
        return wait


def rate_limited(group: str) -> Callable[[Request], Awaitable[None]]:
    """FastAPI dependency: refuse with 429 when the caller exceeds the group's limit.

    The limit comes from the settings ``public_rate_per_minute`` and ``public_rate_burst``
    (0 switches it off, e.g. for load tests).
    """

    async def dependency(request: Request) -> None:
        settings = request.app.state.settings
        per_minute = float(getattr(settings, "public_rate_per_minute", 0))
        if per_minute <= 0:
            return
        state = request.app.state
        buckets: dict[str, TokenBuckets] = getattr(state, "rate_buckets", None) or {}
        state.rate_buckets = buckets
        if group not in buckets:
            buckets[group] = TokenBuckets(
                per_minute, int(getattr(settings, "public_rate_burst", 10))
            )
        client = request.client.host if request.client else "unknown"
        wait = buckets[group].take(client)
        if wait > 0:
            raise ApiError(
                429,
                "too_many_requests",
                "Too many requests from this address; please wait and try again.",
                headers={"Retry-After": str(max(1, math.ceil(wait)))},
            )

    return dependency
