"""Token buckets: ``per_minute`` requests a minute per client, with bursts up to ``burst``.

Pure bookkeeping (the clock is passed in); :mod:`intake.ratelimit.dependency` applies it to
requests.
"""

from __future__ import annotations

import time
from collections import OrderedDict

MAX_CLIENTS = 100_000
"""Clients remembered at most; the least recently seen are forgotten first."""


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
