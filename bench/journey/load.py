"""The load: a closed loop (throughput) and an open loop (latency at a fixed arrival rate)."""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass, field
from typing import Any

from .client import HttpConn, PostFactory
from .common import summary_ms
from .cpu import cpu_snapshot, cpu_usage
from .probes import pg_sessions, sessions_delta

# --------------------------------------------------------------------------------------------
# Closed loop (throughput) and open loop (latency at a fixed arrival rate)


@dataclass
class ClosedLoopResult:
    concurrency: int
    warmup: float
    duration: float
    ok_in_window: int = 0
    other_in_window: int = 0
    errors_in_window: int = 0
    ok_total: int = 0
    other_total: int = 0
    errors_total: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    latencies: list[float] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    cpu: dict[str, Any] = field(default_factory=dict)
    new_pg_connections: dict[str, int] = field(default_factory=dict)
    first_error: str | None = None

    @property
    def rate(self) -> float:
        return self.ok_in_window / self.duration

    def as_dict(self) -> dict[str, Any]:
        return {
            "concurrency": self.concurrency,
            "warmup_seconds": self.warmup,
            "duration_seconds": self.duration,
            "accepted_per_second": round(self.rate, 1),
            "accepted_in_window": self.ok_in_window,
            "rejected_in_window": self.other_in_window,
            "errors_in_window": self.errors_in_window,
            "accepted_total_incl_warmup": self.ok_total,
            "statuses": self.statuses,
            "response_ms": summary_ms(self.latencies),
            "first_error": self.first_error,
            "cpu": self.cpu,
            "new_pg_connections_in_window": self.new_pg_connections,
        }


async def closed_loop(
    host: str,
    port: int,
    factory: PostFactory,
    *,
    concurrency: int,
    warmup: float,
    duration: float,
    ok_status: int = 201,
    keep_reference: bool = False,
    labels: dict[int, str],
) -> ClosedLoopResult:
    """N clients each send a request, wait for the answer, send the next; count the window."""
    result = ClosedLoopResult(concurrency, warmup, duration)
    loop = asyncio.get_running_loop()
    start = loop.time()
    window_start = start + warmup
    stop_at = window_start + duration

    async def client() -> None:
        conn = HttpConn(host, port)
        try:
            while (sent := loop.time()) < stop_at:
                try:
                    async with asyncio.timeout(60):
                        status, body = await conn.request(factory.next())
                except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as exc:
                    done = loop.time()
                    result.errors_total += 1
                    if window_start <= sent and done <= stop_at:
                        result.errors_in_window += 1
                    result.first_error = result.first_error or repr(exc)
                    await asyncio.sleep(0.05)
                    continue
                done = loop.time()
                in_window = window_start <= sent and done <= stop_at
                key = str(status)
                result.statuses[key] = result.statuses.get(key, 0) + 1
                if status == ok_status:
                    result.ok_total += 1
                    if keep_reference:
                        result.references.append(json.loads(body)["reference"])
                    if in_window:
                        result.ok_in_window += 1
                        result.latencies.append(done - sent)
                else:
                    result.other_total += 1
                    if in_window:
                        result.other_in_window += 1
                    if result.first_error is None:
                        result.first_error = f"HTTP {status}: {body[:300]!r}"
        finally:
            conn.close()

    async def measure_cpu() -> None:
        await asyncio.sleep(max(0.0, window_start - loop.time()))
        sessions = await pg_sessions()
        before = cpu_snapshot()
        await asyncio.sleep(max(0.0, stop_at - loop.time()))
        result.cpu = cpu_usage(before, cpu_snapshot(), labels)
        result.new_pg_connections = sessions_delta(sessions, await pg_sessions())

    await asyncio.gather(measure_cpu(), *(client() for _ in range(concurrency)))
    return result


@dataclass
class Sent:
    index: int
    scheduled: float  # wall clock
    sent: float  # wall clock, just before writing the request
    answered: float = 0.0
    status: int = 0
    reference: str | None = None
    error: str | None = None


async def open_loop(
    host: str,
    port: int,
    factory: PostFactory,
    *,
    rate: float,
    duration: float,
    max_connections: int = 10_000,
) -> tuple[list[Sent], dict[str, Any]]:
    """Send at ``rate`` per second for ``duration`` seconds whatever the answers do.

    A send never waits for an earlier answer: it takes an idle keep-alive connection or opens
    a new one (up to ``max_connections`` at once).
    """
    loop = asyncio.get_running_loop()
    idle: list[HttpConn] = []
    opened = 0
    slot = asyncio.Semaphore(max_connections)
    # A warm pool, so the first sends do not pay for connecting.
    for _ in range(min(16, max_connections)):
        c = HttpConn(host, port)
        await c.connect()
        idle.append(c)
        opened += 1
    records: list[Sent] = []
    tasks: list[asyncio.Task[None]] = []
    peak_in_flight = 0
    in_flight = 0

    async def one(rec: Sent, raw: bytes) -> None:
        nonlocal opened, in_flight, peak_in_flight
        async with slot:
            conn = None
            while idle and conn is None:
                conn = idle.pop()
                if time.monotonic() - conn.last_used > 3.0:  # the server may be closing it
                    conn.close()
                    conn = None
            if conn is None:
                conn = HttpConn(host, port)
                opened += 1
            in_flight += 1
            peak_in_flight = max(peak_in_flight, in_flight)
            rec.sent = time.time()
            try:
                async with asyncio.timeout(120):
                    rec.status, body = await conn.request(raw)
                rec.answered = time.time()
                if rec.status == 201:
                    rec.reference = json.loads(body)["reference"]
                else:
                    rec.error = f"HTTP {rec.status}: {body[:300]!r}"
                if conn.writer is not None:
                    idle.append(conn)
            except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as exc:
                rec.answered = time.time()
                rec.error = repr(exc)
                conn.close()
            finally:
                in_flight -= 1

    total = int(rate * duration)
    wall0 = time.time() + 0.05
    mono0 = loop.time() + 0.05
    for i in range(total):
        target = mono0 + i / rate
        delay = target - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        rec = Sent(i, wall0 + i / rate, 0.0)
        records.append(rec)
        tasks.append(asyncio.create_task(one(rec, factory.next())))
    await asyncio.gather(*tasks)
    for c in idle:
        c.close()
    lags = [max(0.0, r.sent - r.scheduled) for r in records]
    sent_times = [r.sent for r in records]
    span = max(sent_times) - min(sent_times) if len(sent_times) > 1 else 0.0
    stats = {
        "target_rate": rate,
        "duration_seconds": duration,
        "scheduled": total,
        "achieved_send_rate": round((total - 1) / span, 1) if span > 0 else None,
        "connections_opened": opened,
        "peak_in_flight": peak_in_flight,
        "send_lag_ms": summary_ms(lags),
    }
    return records, stats
