"""Background loops, one way: run some work again and again, back off when it fails.

- :class:`NotifiedLoop`: woken by PostgreSQL LISTEN/NOTIFY, with a poll as the safety net.
- :func:`every`: on a fixed interval (timers, purges).

Both carry on at once while the work reports a full batch, and both back off the same way
(:class:`Backoff`) instead of spinning on a failure. The backoff stays short (at most 2 s) so
that a loop resumes within a moment of its database or broker coming back, and a loop that
keeps failing says so once (:class:`~asb_shared.outages.Outage`), not on every attempt.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

import asyncpg

from .db import asyncpg_dsn
from .errors import describe
from .outages import Outage

log = logging.getLogger(__name__)


class Backoff:
    """The wait before the next round: the interval normally, doubling after each failure up to
    ``ceiling`` seconds, and back to the interval after a success.

    The ceiling is low on purpose: a failure is nearly always a dependency that is down, and a
    round that fails costs one refused connection, so trying every 2 s costs nothing while it
    is down and resumes the work within 2 s of its return."""

    def __init__(self, interval: float, ceiling: float = 2.0) -> None:
        self.interval = interval
        self.ceiling = ceiling
        self.delay = interval

    def succeeded(self) -> float:
        self.delay = self.interval
        return self.delay

    def failed(self) -> float:
        self.delay = min(max(self.delay, 0.5) * 2, max(self.ceiling, self.interval))
        return self.delay


async def _sleep(stop: asyncio.Event, seconds: float) -> None:
    """Wait ``seconds``, or less if ``stop`` is set meanwhile."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), timeout=seconds)


async def every(
    seconds: float,
    work: Callable[[], Awaitable[int | None]],
    stop: asyncio.Event,
    *,
    name: str,
    batch_size: int | None = None,
) -> None:
    """Run ``work`` every ``seconds`` until ``stop`` is set.

    When ``work`` returns a count of at least ``batch_size``, more is waiting: it runs again at
    once. A failure is logged and backs off (see :class:`Backoff`).
    """
    backoff = Backoff(seconds)
    trouble = Outage(f"{name} failing; retrying", log)
    while not stop.is_set():
        try:
            done = await work()
            trouble.ended()
            delay = backoff.succeeded()
            if batch_size is not None and done is not None and done >= batch_size:
                continue
        except Exception as exc:
            trouble.failed(describe(exc))
            delay = backoff.failed()
        await _sleep(stop, delay)


class NotifiedLoop:
    """Runs ``work`` whenever ``channel`` is notified, or every ``poll_seconds`` regardless.

    ``work`` returns how many items it handled; while it returns a full ``batch_size`` it is
    run again at once. Failures back off (see :class:`Backoff`) instead of spinning;
    :meth:`wake` cuts a wait short (the broker is back). ``failing`` says why it is failing,
    while it is.
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
        self._trouble = Outage(f"{name} failing; retrying", log)
        self._listen_trouble = Outage(f"{name}: cannot listen, polling", log)

    def wake(self, *_: object) -> None:
        """Run the work now rather than at the end of the current wait."""
        self._wake.set()

    @property
    def failing(self) -> str | None:
        """Why the last rounds failed, while they do; None once one succeeds."""
        return self._trouble.cause

    async def _listen(self) -> None:
        if self._listener is not None and not self._listener.is_closed():
            return
        try:
            self._listener = await asyncpg.connect(self.dsn)
            await self._listener.add_listener(self.channel, lambda *_: self._wake.set())
            self._listen_trouble.ended()
        except (OSError, asyncpg.PostgresError) as exc:
            self._listener = None
            self._listen_trouble.failed(describe(exc))

    async def run(self, stop: asyncio.Event) -> None:
        """Loop until ``stop`` is set."""
        backoff = Backoff(self.poll_seconds)
        self.running = True
        try:
            while not stop.is_set():
                await self._listen()
                # Cleared before working, so a notification that lands mid-batch is not lost.
                self._wake.clear()
                try:
                    while await self.work() >= self.batch_size and not stop.is_set():
                        pass
                    self._trouble.ended()
                    delay = backoff.succeeded()
                except Exception as exc:
                    self._trouble.failed(describe(exc))
                    delay = backoff.failed()
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
