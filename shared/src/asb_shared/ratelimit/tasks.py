"""The worker task that forgets past counts, for a service that limits requests."""

from __future__ import annotations

from typing import Any

from ..loops import every
from ..service import WorkerContext
from .store import purge_past_windows


async def purge_rate_limits(ctx: WorkerContext[Any]) -> None:
    """Worker task: every ten minutes, delete the counts whose instants have all slid out
    of their window."""
    await every(600, lambda: purge_past_windows(ctx.db), ctx.stop, name="rate limit purge")
