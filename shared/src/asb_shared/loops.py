"""A background loop woken by PostgreSQL LISTEN/NOTIFY, with a poll as the safety net."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

import asyncpg

from .db import asyncpg_dsn

log = logging.getLogger(__name__)


class NotifiedLoop:
    """Runs ``work`` whenever ``channel`` is notified, or every ``poll_seconds`` regardless.

    ``work`` returns how many items it handled; while it returns a full ``batch_size`` it is
    run again at once. Failures back off (doubling, up to 30 s) instead of spinning.
    """

    def __init__(
        self,
        database_url: str,
        channel: str,
        work: Callable[[], Awaitable[int]],
        *,
        name: str,
        batch_size: int,
        poll_seconds: float = 1.0,
    ) -> None:
        self.dsn = asyncpg_dsn(database_url)
        self.channel = channel
        self.work = work
        self.name = name
        self.batch_size = batch_size
        self.poll_seconds = poll_seconds
        self.running = False
        self._wake = asyncio.Event()
        self._listener: asyncpg.Connection | None = None

    def wake(self) -> None:
        self._wake.set()

    async def _listen(self) -> None:
        if self._listener is not None and not self._listener.is_closed():
            return
        try:
            self._listener = await asyncpg.connect(self.dsn)
            await self._listener.add_listener(self.channel, lambda *_: self._wake.set())
        except (OSError, asyncpg.PostgresError) as exc:
            self._listener = None
            log.warning("%s: cannot listen, polling", self.name, extra={"error": str(exc)})

    async def run(self, stop: asyncio.Event) -> None:
        """Loop until ``stop`` is set."""
        delay = self.poll_seconds
        self.running = True
        try:
            while not stop.is_set():
                await self._listen()
                # Cleared before working, so a notification that lands mid-batch is not lost.
                self._wake.clear()
                try:
                    while await self.work() >= self.batch_size and not stop.is_set():
                        pass
                    delay = self.poll_seconds
                except Exception as exc:
                    log.warning("%s failed; backing off", self.name, extra={"error": repr(exc)})
                    delay = min(max(delay, 0.5) * 2, 30.0)
                wake = asyncio.ensure_future(self._wake.wait())
                stopping = asyncio.ensure_future(stop.wait())
                await asyncio.wait(
                    {wake, stopping}, timeout=delay, return_when=asyncio.FIRST_COMPLETED
                )
                wake.cancel()
                stopping.cancel()
        finally:
            self.running = False
            if self._listener is not None:
                await self._listener.close()
                self._listener = None
