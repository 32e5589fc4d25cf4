"""Benchmark of the main journey on the local stack: report in, acknowledgement email out.

Measures and PRINTS (never asserts):

  (a) ceiling  - the raw ceiling: a minimal FastAPI endpoint (bench/ceiling_app.py, uvicorn,
                 one worker, its own process) that inserts one row plus one outbox row in one
                 transaction; max accepted requests/s under a closed loop of N clients.
  (b) intake   - the real ``POST /v1/reports`` under the same closed loop; reports accepted/s,
                 and the ratio (b)/(a). The backlog it leaves downstream is then drained (and
                 the rate at which acknowledgements came out is reported).
  (c) latency  - open loop at a fixed arrival rate: for each report, from sending the POST to
                 the mail sink receiving its acknowledgement email (sink ``received_at`` minus
                 the client's ``time.time()`` at send). p50/p95/p99/max, how many arrived, and
                 where the time went, stage by stage, from the services' own timestamps.

For each phase it also prints how many cores each process used (from /proc), and it samples
once a second the PostgreSQL connections, outbox backlogs and queue depths.

The whole system runs on its own databases (``asbbench_*``), RabbitMQ vhost (``asbbench``) and
ports (18000-18005, 19001-19005, 11025, 18025), all removed again at the end, even on error or
Ctrl-C. Logs go to bench/results/logs/, figures to bench/results/journey-<timestamp>.json.

    uv run python bench/journey.py [--rate 200] [--duration 20] [--concurrency 64]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aio_pika
import asyncpg
from asb_devtools.runner import SERVICES, System, SystemConfig
from asb_shared.auth.mint import DEV_ORGANISATION_ID, ensure_dev_keys
from asb_shared.db import asyncpg_dsn, create_database_if_missing, drop_database

BENCH_DIR = Path(__file__).resolve().parent
RESULTS_DIR = BENCH_DIR / "results"
LOG_DIR = RESULTS_DIR / "logs"

HOST = "127.0.0.1"
POSTGRES = "postgresql+asyncpg://postgres@127.0.0.1:5432"
AMQP_BASE = "amqp://guest:guest@127.0.0.1:5672"
PREFIX = "asbbench"
VHOST = "asbbench"
ACK_SUBJECT = "We have received your report "
QUEUES = ("intake", "casework", "notifications", "partner-gateway", "engagement")


# --------------------------------------------------------------------------------------------
# Small helpers


def db_url(name: str) -> str:
    return f"{POSTGRES}/{PREFIX}_{name.replace('-', '_')}"


def pct(values: list[float], p: float) -> float | None:
    """Nearest-rank percentile; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, math.ceil(p / 100 * len(ordered)) - 1))
    return ordered[k]


def summary_ms(values_s: list[float]) -> dict[str, Any]:
    """p50/p95/p99/max (and mean) in milliseconds of values in seconds."""
    ms = [v * 1000 for v in values_s]
    out: dict[str, Any] = {"n": len(ms)}
    for name, p in (("p50", 50), ("p95", 95), ("p99", 99)):
        v = pct(ms, p)
        out[name] = None if v is None else round(v, 1)
    out["max"] = round(max(ms), 1) if ms else None
    out["mean"] = round(sum(ms) / len(ms), 1) if ms else None
    return out


def fmt_ms(v: float | None) -> str:
    return "-" if v is None else (f"{v:.0f}" if v >= 10 else f"{v:.1f}")


def iso_to_epoch(value: str) -> float:
    return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()


def port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((HOST, port))
        except OSError:
            return False
    return True


def rabbitmqctl(*args: str) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("rabbitmqctl") or "/usr/sbin/rabbitmqctl"
    return subprocess.run([exe, *args], capture_output=True, text=True, timeout=120, check=False)


def run_async(coro: Awaitable[Any]) -> Any:
    """Run on uvloop when it is installed (it comes with uvicorn[standard])."""
    try:
        import uvloop

        factory: Callable[[], asyncio.AbstractEventLoop] | None = uvloop.new_event_loop
    except ImportError:  # pragma: no cover
        factory = None
    with asyncio.Runner(loop_factory=factory) as runner:
        return runner.run(coro)  # type: ignore[arg-type]


def git_state() -> dict[str, Any]:
    """The commit measured, and whether the work tree differed from it (read-only git)."""

    def git(*args: str) -> str:
        try:
            return subprocess.run(
                ["git", *args], cwd=BENCH_DIR.parent, capture_output=True, text=True, timeout=10
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""

    changed = [line[3:] for line in git("status", "--porcelain").splitlines()]
    return {"commit": git("rev-parse", "HEAD"), "uncommitted_changes": changed}


def log(msg: str) -> None:
    print(f"[{datetime.now().strftime('%H:%M:%S')}] {msg}", flush=True)


# --------------------------------------------------------------------------------------------
# CPU accounting from /proc: who used the two cores during each phase


CLK_TCK = os.sysconf("SC_CLK_TCK")


@dataclass
class CpuSnapshot:
    at: float
    per_pid: dict[int, tuple[str, float]]  # pid -> (comm, cpu seconds)
    total: float  # all cores, seconds (from /proc/stat)
    idle: float


def cpu_snapshot() -> CpuSnapshot:
    per_pid: dict[int, tuple[str, float]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat") as f:
                raw = f.read()
        except OSError:
            continue
        head, _, rest = raw.rpartition(")")
        comm = head.partition("(")[2]
        fields = rest.split()
        # fields[0] is state (field 3); utime, stime are fields 14, 15
        per_pid[int(entry.name)] = (comm, (int(fields[11]) + int(fields[12])) / CLK_TCK)
    with open("/proc/stat") as f:
        values = [int(v) for v in f.readline().split()[1:]]
    total = sum(values[:8]) / CLK_TCK
    idle = (values[3] + values[4]) / CLK_TCK
    return CpuSnapshot(time.time(), per_pid, total, idle)


def _cmdline(pid: int) -> list[str]:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return [a.decode(errors="replace") for a in f.read().split(b"\0") if a]
    except OSError:
        return []


def _group(pid: int, comm: str, labels: dict[int, str]) -> str:
    """Who a process is: ours by name, PostgreSQL by database, anything else as other:<name>."""
    if pid in labels:
        return labels[pid]
    if comm == "postgres":
        # A backend's title is "postgres: 15/main: <user> <database> <client> <state>".
        title = " ".join(_cmdline(pid)).split(": ")
        if len(title) >= 3:
            words = title[2].split()
            if len(words) >= 2 and words[1].startswith(f"{PREFIX}_"):
                return f"pg:{words[1][len(PREFIX) + 1 :]}"
            if len(words) >= 4 and words[1] == "postgres":
                return "pg:(postgres db)"
            if len(words) >= 4:
                return f"other:pg:{words[1]}"
        return "pg:server"
    if comm.startswith(("beam", "erl", "epmd", "inet_gethost")):
        return "rabbitmq"
    args = _cmdline(pid)
    if not args:
        return "kernel"  # kernel threads (I/O writeback and the like)
    if os.path.basename(args[0]).startswith("python") and len(args) > 1:
        name = args[2] if args[1] == "-m" and len(args) > 2 else os.path.basename(args[1])
        return f"other:{name}"
    return f"other:{comm}"


def cpu_usage(before: CpuSnapshot, after: CpuSnapshot, labels: dict[int, str]) -> dict[str, Any]:
    """Cores used per process group between two snapshots (1.0 = one core busy).

    Processes that ran and exited between the snapshots are not seen (short-lived
    connections, for instance), so the groups may add up to a little less than the machine.
    """
    wall = max(after.at - before.at, 1e-6)
    groups: dict[str, float] = {}
    for pid, (comm, cpu) in after.per_pid.items():
        prev = before.per_pid.get(pid)
        used = cpu - prev[1] if prev is not None and prev[0] == comm else cpu  # else: new process
        if used <= 0:
            continue
        group = _group(pid, comm, labels)
        groups[group] = groups.get(group, 0.0) + used
    busy = (after.total - before.total) - (after.idle - before.idle)
    cores = (after.total - before.total) / wall
    others = sum(v for k, v in groups.items() if k.startswith("other:"))
    postgres = sum(v for k, v in groups.items() if k.startswith("pg:"))
    unseen = max(0.0, busy - sum(groups.values()))
    ours = sum(v for k, v in groups.items() if not k.startswith("other:"))
    return {
        "wall_seconds": round(wall, 2),
        "cores_used": {
            k: round(v / wall, 3) for k, v in sorted(groups.items(), key=lambda kv: -kv[1])
        },
        "postgres_cores": round(postgres / wall, 3),
        "other_cores": round(others / wall, 3),
        # The bench's processes, PostgreSQL, RabbitMQ and the kernel: the system's own cost.
        "system_cores": round(ours / wall, 3),
        # Busy time of processes that started and ended between the two snapshots.
        "short_lived_cores": round(unseen / wall, 3),
        "machine_busy_cores": round(busy / wall, 3),
        "machine_cores": round(cores, 2),
    }


def print_cpu(title: str, usage: dict[str, Any]) -> None:
    parts = [
        f"{k} {v:.2f}"
        for k, v in usage["cores_used"].items()
        if v >= 0.01 and not k.startswith("other:")
    ]
    others = [f"{k[6:]} {v:.2f}" for k, v in usage["cores_used"].items() if k.startswith("other:")]
    print(
        f"    CPU during {title}, cores (machine busy {usage['machine_busy_cores']:.2f} of "
        f"{usage['machine_cores']:.0f}; PostgreSQL {usage['postgres_cores']:.2f} in all): "
        + ", ".join(parts),
        flush=True,
    )
    if usage["short_lived_cores"] >= 0.1:
        print(
            f"    NOTE: {usage['short_lived_cores']:.2f} cores used by processes that came and "
            "went during the window (not attributable)",
            flush=True,
        )
    if usage["other_cores"] >= 0.05:
        print(
            f"    WARNING: {usage['other_cores']:.2f} cores used by processes outside the bench: "
            + ", ".join(others[:4]),
            flush=True,
        )


def wait_for_quiet(limit: float, timeout: float) -> dict[str, Any]:
    """Wait (up to ``timeout``) until the machine is nearly idle; returns the last reading."""
    deadline = time.monotonic() + timeout
    while True:
        before = cpu_snapshot()
        time.sleep(2.0)
        usage = cpu_usage(before, cpu_snapshot(), {os.getpid(): "loadgen (this process)"})
        if usage["machine_busy_cores"] <= limit or time.monotonic() > deadline:
            return usage
        log(
            f"machine busy ({usage['machine_busy_cores']:.2f} cores: "
            + ", ".join(f"{k} {v:.2f}" for k, v in list(usage["cores_used"].items())[:3])
            + "); waiting for it to quieten"
        )


# --------------------------------------------------------------------------------------------
# A lean HTTP/1.1 keep-alive client (the load generator shares the two cores with the system)


class HttpError(Exception):
    pass


class HttpConn:
    """One keep-alive connection; one request at a time."""

    def __init__(self, host: str, port: int) -> None:
        self.host = host
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.last_used = 0.0  # monotonic; uvicorn closes keep-alive connections idle for 5 s

    async def connect(self) -> None:
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)

    def close(self) -> None:
        if self.writer is not None:
            with contextlib.suppress(Exception):
                self.writer.close()
        self.reader = self.writer = None

    async def request(self, raw: bytes) -> tuple[int, bytes]:
        if self.writer is None:
            await self.connect()
        assert self.reader is not None and self.writer is not None
        try:
            self.writer.write(raw)
            head = await self.reader.readuntil(b"\r\n\r\n")
            status = int(head[9:12])
            length = 0
            close = chunked = False
            for line in head.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                name = name.strip().lower()
                if name == b"content-length":
                    length = int(value)
                elif name == b"connection" and value.strip().lower() == b"close":
                    close = True
                elif name == b"transfer-encoding" and b"chunked" in value.lower():
                    chunked = True
            if chunked:
                chunks = []
                while True:
                    size = int((await self.reader.readuntil(b"\r\n")).strip().split(b";")[0], 16)
                    data = await self.reader.readexactly(size + 2)
                    if size == 0:
                        break
                    chunks.append(data[:-2])
                body = b"".join(chunks)
            else:
                body = await self.reader.readexactly(length)
        except BaseException:
            self.close()
            raise
        if close:
            self.close()
        self.last_used = time.monotonic()
        return status, body


def get_request(host: str, port: int, path: str) -> bytes:
    return f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode()


class PostFactory:
    """Builds POST requests whose JSON body has a unique value spliced in at each ``{n}``."""

    def __init__(self, host: str, port: int, path: str, body_template: str) -> None:
        self.head = (
            f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\n"
            "Content-Type: application/json\r\nContent-Length: "
        ).encode()
        self.parts = body_template.split("{n}")
        self.counter = 0
        self.tag = f"{int(time.time())}"

    def next(self) -> bytes:
        self.counter += 1
        body = f"{self.tag}.{self.counter}".join(self.parts).encode()
        return self.head + str(len(body)).encode() + b"\r\n\r\n" + body


REPORT_BODY = json.dumps(
    {
        "organisation_id": str(DEV_ORGANISATION_ID),
        "categories": ["noise"],
        "description": "Loud music every night until 3am from flat 12",
        # A different address each time: casework links a report about the same address as an
        # open case to that case (and locks it), so identical reports would all join one case.
        "location": {"address": "Flat NNN, Example Court", "postcode": "SK1 3XE"},
        "occurred_at": "2026-11-20T23:30:00Z",
        "reporter": {
            "name": "Sam Resident",
            "email": "sam+NNN@example.org",
            "preferred_channel": "email",
        },
    },
    separators=(",", ":"),
).replace("NNN", "{n}")

CEILING_BODY = json.dumps(
    {
        "organisation_id": str(DEV_ORGANISATION_ID),
        "description": "Loud music every night until 3am from flat 12 ({n})",
    },
    separators=(",", ":"),
)


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


# --------------------------------------------------------------------------------------------
# The mail sink, read incrementally


class MailWatcher:
    """Polls the sink's ``/api/messages?since_id=N`` and remembers acknowledgements by reference."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.conn = HttpConn(host, port)
        self.since = 0
        self.acks: dict[str, float] = {}  # reference -> received_at (epoch) of the first one
        self.copies: dict[str, int] = {}
        self.other = 0

    async def poll(self) -> int:
        status, body = await self.conn.request(
            get_request(self.host, self.port, f"/api/messages?since_id={self.since}")
        )
        if status != 200:
            raise HttpError(f"mail sink answered {status}")
        found = json.loads(body)
        for m in found:
            self.since = max(self.since, int(m["id"]))
            subject = m["subject"]
            if subject.startswith(ACK_SUBJECT):
                ref = subject[len(ACK_SUBJECT) :].strip()
                self.copies[ref] = self.copies.get(ref, 0) + 1
                self.acks.setdefault(ref, iso_to_epoch(m["received_at"]))
            else:
                self.other += 1
        return len(found)

    async def wait_for(
        self, references: Iterable[str], timeout: float, interval: float = 0.5
    ) -> bool:
        wanted = set(references)
        deadline = time.monotonic() + timeout
        while True:
            await self.poll()
            if wanted.issubset(self.acks.keys()):
                return True
            if time.monotonic() > deadline:
                return False
            await asyncio.sleep(interval)

    def close(self) -> None:
        self.conn.close()


# --------------------------------------------------------------------------------------------
# Once-a-second samples of connections, outbox backlogs and queue depths


async def pg_connect(database: str, patience: float = 60.0) -> asyncpg.Connection:
    """A connection for the bench's own queries, retried while the server is full.

    The system under load can take every connection PostgreSQL allows (100 by default); the
    bench then waits for a free one rather than failing the run.
    """
    deadline = time.monotonic() + patience
    while True:
        try:
            return await asyncpg.connect(asyncpg_dsn(f"{POSTGRES}/{database}"), timeout=5)
        except (asyncpg.TooManyConnectionsError, asyncpg.CannotConnectNowError):
            if time.monotonic() > deadline:
                raise
            await asyncio.sleep(0.2)


class HeldConnections:
    """The bench's own PostgreSQL connections, opened BEFORE the system starts.

    Each service's pool may grow to ``DATABASE_POOL_SIZE`` connections and keeps them, so under
    load the system can fill PostgreSQL's ``max_connections``; a connection opened later by
    the bench would then be refused. These few are held from the start (and counted in the
    printed connection figures) so that sampling and the final queries always work.
    """

    def __init__(self) -> None:
        self.conns: dict[str, asyncpg.Connection] = {}
        self.locks: dict[str, asyncio.Lock] = {}

    async def open(self, databases: Iterable[str]) -> None:
        for name in databases:
            self.conns[name] = await pg_connect(name)
            self.locks[name] = asyncio.Lock()

    async def close(self) -> None:
        for conn in self.conns.values():
            with contextlib.suppress(Exception):
                await conn.close()
        self.conns.clear()


HELD = HeldConnections()


async def pg_fetch(database: str, sql: str, *args: Any) -> list[Any]:
    """Rows of one query: on a held connection if there is one, else a short-lived one."""
    if database in HELD.conns:
        async with HELD.locks[database]:
            return list(await HELD.conns[database].fetch(sql, *args))
    conn = await pg_connect(database, patience=10.0)
    try:
        return list(await conn.fetch(sql, *args))
    finally:
        await conn.close()


async def pg_query(database: str, sql: str, *args: Any) -> Any:
    """The first row of one query."""
    rows = await pg_fetch(database, sql, *args)
    return rows[0] if rows else None


async def pg_sessions() -> dict[str, int]:
    """Connections ever opened to each bench database (pg_stat_database.sessions); {} if unknown."""
    try:
        rows = await pg_fetch(
            "postgres",
            "SELECT datname, sessions FROM pg_stat_database WHERE datname LIKE $1",
            f"{PREFIX}_%",
        )
    except Exception:
        return {}
    return {r["datname"][len(PREFIX) + 1 :]: int(r["sessions"] or 0) for r in rows}


def sessions_delta(before: dict[str, int], after: dict[str, int]) -> dict[str, int]:
    if not before or not after:
        return {}
    return {k: v - before.get(k, 0) for k, v in after.items() if v - before.get(k, 0)}


class Sampler:
    """Once a second: PostgreSQL connections, outbox backlogs, queued messages, queue depths.

    It queries over the :data:`HELD` connections (one to ``postgres`` and one to each of intake,
    casework and notifications), which are opened before the system starts.
    """

    def __init__(self, amqp_url: str) -> None:
        self.amqp_url = amqp_url
        self.samples: list[dict[str, Any]] = []
        self.phase = ""
        self._task: asyncio.Task[None] | None = None
        self._amqp: aio_pika.abc.AbstractConnection | None = None

    async def start(self) -> None:
        self._task = asyncio.create_task(self._run())

    async def _queue_depths(self) -> dict[str, int]:
        """Messages ready in each service's main queue (a passive declare tells).

        A plain connection and a fresh channel each time: a robust channel remembers the
        queues declared on it, and answered the first count again and again.
        """
        if self._amqp is None or self._amqp.is_closed:
            self._amqp = await aio_pika.connect(
                self.amqp_url, client_properties={"connection_name": "bench-sampler"}
            )
        depths: dict[str, int] = {}
        channel = await self._amqp.channel()
        try:
            for name in QUEUES:
                try:
                    q = await channel.declare_queue(name, passive=True)
                    depths[name] = int(q.declaration_result.message_count or 0)
                except Exception:  # a missing queue closes the channel
                    channel = await self._amqp.channel()
        finally:
            with contextlib.suppress(Exception):
                await channel.close()
        return depths

    async def sample(self) -> dict[str, Any]:
        row = await pg_query(
            "postgres",
            "SELECT count(*) FILTER (WHERE datname LIKE $1) AS bench,"
            " count(*) FILTER (WHERE backend_type = 'client backend') AS clients,"
            " count(*) FILTER (WHERE datname LIKE $1 AND state = 'active') AS active,"
            " count(*) FILTER (WHERE datname LIKE $1 AND wait_event_type = 'Lock') AS lock_waits,"
            " count(*) FILTER (WHERE datname LIKE $1 AND state = 'idle in transaction')"
            " AS idle_in_tx,"
            " current_setting('max_connections')::int AS max_connections"
            " FROM pg_stat_activity",
            f"{PREFIX}_%",
        )
        s: dict[str, Any] = {
            "t": round(time.time(), 2),
            "phase": self.phase,
            "pg_connections_bench": row["bench"],
            "pg_connections_all": row["clients"],
            "pg_max_connections": row["max_connections"],
            "pg_active": row["active"],
            "pg_lock_waits": row["lock_waits"],
            "pg_idle_in_transaction": row["idle_in_tx"],
        }
        # What the bench's active backends are doing (waiting on), right now.
        s["pg_active_by_wait"] = {
            r[0]: r[1]
            for r in await pg_fetch(
                "postgres",
                "SELECT coalesce(wait_event_type || ':' || wait_event, 'running'), count(*)"
                " FROM pg_stat_activity WHERE datname LIKE $1 AND state = 'active'"
                " AND pid <> pg_backend_pid() GROUP BY 1",
                f"{PREFIX}_%",
            )
        }
        for service in ("intake", "casework", "notifications"):
            s[f"outbox_pending_{service}"] = (
                await pg_query(
                    f"{PREFIX}_{service}", "SELECT count(*) FROM outbox WHERE published_at IS NULL"
                )
            )[0]
        s["messages_queued"] = (
            await pg_query(
                f"{PREFIX}_notifications", "SELECT count(*) FROM messages WHERE status = 'queued'"
            )
        )[0]
        s["queues"] = await self._queue_depths()
        return s

    async def _run(self) -> None:
        while True:
            started = time.monotonic()
            try:
                self.samples.append(await self.sample())
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # a sample missed is not worth stopping the run for
                self.samples.append({"t": time.time(), "phase": self.phase, "error": repr(exc)})
            await asyncio.sleep(max(0.0, 1.0 - (time.monotonic() - started)))

    def peaks(self, phase: str) -> dict[str, Any]:
        rows = [s for s in self.samples if s.get("phase") == phase and "error" not in s]
        if not rows:
            return {}
        out: dict[str, Any] = {}
        for key in rows[0]:
            if key in ("t", "phase", "queues", "pg_active_by_wait"):
                continue
            out[key] = max(r[key] for r in rows)
        for name in QUEUES:
            out[f"queue_{name}"] = max(r["queues"].get(name, 0) for r in rows)
        waits: dict[str, int] = {}
        for r in rows:
            for k, v in r.get("pg_active_by_wait", {}).items():
                waits[k] = waits.get(k, 0) + v
        out["pg_active_backend_samples_by_wait"] = dict(
            sorted(waits.items(), key=lambda kv: -kv[1])
        )
        out["failed_samples"] = sum(
            1 for s in self.samples if s.get("phase") == phase and "error" in s
        )
        return out

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task
        if self._amqp is not None:
            with contextlib.suppress(Exception):
                await self._amqp.close()


def print_peaks(title: str, peaks: dict[str, Any]) -> None:
    if not peaks:
        return
    queues = ", ".join(f"{q} {peaks[f'queue_{q}']}" for q in QUEUES if peaks.get(f"queue_{q}"))
    print(
        f"    peaks during {title}: PG connections to the bench databases "
        f"{peaks['pg_connections_bench']} (3 of them the bench's own) "
        f"(server-wide {peaks['pg_connections_all']} of {peaks['pg_max_connections']}), "
        f"active {peaks['pg_active']}, idle in transaction {peaks['pg_idle_in_transaction']}, "
        f"waiting on locks {peaks['pg_lock_waits']}; outbox pending intake "
        f"{peaks['outbox_pending_intake']} casework {peaks['outbox_pending_casework']} "
        f"notifications {peaks['outbox_pending_notifications']}; messages queued "
        f"{peaks['messages_queued']}; queue depth {queues or 'all 0'}"
        + (f"; {peaks['failed_samples']} sample(s) failed" if peaks["failed_samples"] else ""),
        flush=True,
    )
    waits = peaks.get("pg_active_backend_samples_by_wait") or {}
    if waits:
        total = sum(waits.values())
        print(
            "    active PostgreSQL backends were: "
            + ", ".join(f"{k} {100 * v / total:.0f}%" for k, v in list(waits.items())[:5]),
            flush=True,
        )


# --------------------------------------------------------------------------------------------
# Where the time went: each stage of the journey from the services' own timestamps


STAGES = [
    ("sent", "intake_tx", "POST sent -> intake transaction began"),
    ("intake_tx", "answered", "intake tx began -> 201 back at client"),
    ("intake_tx", "intake_relayed", "intake tx began -> intake relay claimed the event"),
    ("intake_relayed", "case_tx", "intake relay -> casework consumer tx began"),
    ("case_tx", "case_relayed", "casework tx began -> casework relay claimed"),
    ("case_relayed", "notif_tx", "casework relay -> notifications consumer tx began"),
    ("notif_tx", "mail", "notifications tx began -> mail sink received"),
    ("sent", "mail", "total: POST sent -> mail sink received"),
]


async def stage_breakdown(records: list[Sent], acks: dict[str, float]) -> dict[str, Any]:
    """Join each report's timestamps across the three databases and the mail sink."""
    refs = [r.reference for r in records if r.reference]
    t: dict[str, dict[str, float]] = {
        r.reference: {"sent": r.sent, "answered": r.answered} for r in records if r.reference
    }
    for ref, at in acks.items():
        if ref in t:
            t[ref]["mail"] = at

    async def fetch(db: str, sql: str, key: str) -> None:
        for row in await pg_fetch(f"{PREFIX}_{db}", sql, refs):
            if row[0] in t and row[1] is not None:
                t[row[0]][key] = float(row[1])

    await fetch(
        "intake",
        "SELECT reference, extract(epoch FROM received_at) FROM reports WHERE reference = ANY($1)",
        "intake_tx",
    )
    await fetch(
        "intake",
        "SELECT payload::jsonb->'data'->>'reference' AS ref, extract(epoch FROM published_at)"
        " FROM outbox WHERE routing_key = 'intake.report.received'"
        " AND payload::jsonb->'data'->>'reference' = ANY($1)",
        "intake_relayed",
    )
    await fetch(
        "casework",
        "SELECT cr.report_reference, extract(epoch FROM c.opened_at)"
        " FROM case_reports cr JOIN cases c ON c.id = cr.case_id"
        " WHERE cr.report_reference = ANY($1)",
        "case_tx",
    )
    await fetch(
        "casework",
        "SELECT payload::jsonb->'data'->>'report_reference', extract(epoch FROM published_at)"
        " FROM outbox WHERE routing_key = 'casework.case.opened'"
        " AND payload::jsonb->'data'->>'report_reference' = ANY($1)",
        "case_relayed",
    )
    await fetch(
        "notifications",
        "SELECT reference, extract(epoch FROM created_at) FROM messages WHERE reference = ANY($1)",
        "notif_tx",
    )
    out: dict[str, Any] = {}
    for a, b, label in STAGES:
        deltas = [v[b] - v[a] for v in t.values() if a in v and b in v]
        out[label] = summary_ms(deltas)
    return out


# --------------------------------------------------------------------------------------------
# The run


@dataclass
class Ports:
    ceiling: int
    services: dict[str, tuple[int, int]]
    smtp: int
    mail_http: int

    @classmethod
    def from_base(cls, api_base: int, worker_base: int, smtp: int, mail_http: int) -> Ports:
        services = {
            name: (api_base + i, worker_base + i) for i, name in enumerate(SERVICES, start=1)
        }
        return cls(api_base, services, smtp, mail_http)

    def all(self) -> list[int]:
        return [self.ceiling, self.smtp, self.mail_http] + [
            p for pair in self.services.values() for p in pair
        ]


class Bench:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.ports = Ports.from_base(
            args.api_port_base, args.worker_port_base, args.smtp_port, args.mail_http_port
        )
        self.amqp_url = f"{AMQP_BASE}/{VHOST}"
        self.databases = [db_url(s) for s in SERVICES] + [db_url("ceiling")]
        self.system: System | None = None
        self.ceiling: subprocess.Popen[bytes] | None = None
        self.vhost_created = False
        self.results: dict[str, Any] = {
            "started_at": datetime.now(UTC).isoformat(),
            "config": {
                "rate": args.rate,
                "duration_seconds": args.duration,
                "concurrency": args.concurrency,
                "warmup_seconds": args.warmup,
                "ack_wait_seconds": args.ack_wait,
                "cpu_count": os.cpu_count(),
                "python": sys.version.split()[0],
            },
            "code": git_state(),
        }

    # -- setup and teardown ------------------------------------------------------------------

    def prepare(self) -> None:
        busy = [p for p in self.ports.all() if not port_free(p)]
        if busy:
            raise RuntimeError(f"ports already in use: {busy} (another bench still running?)")
        LOG_DIR.mkdir(parents=True, exist_ok=True)
        for old in LOG_DIR.glob("*.log"):
            old.unlink()
        log(f"RabbitMQ vhost {VHOST} (recreated)")
        rabbitmqctl("delete_vhost", VHOST)  # a leftover from an interrupted run
        for args in (
            ("add_vhost", VHOST),
            ("set_permissions", "-p", VHOST, "guest", ".*", ".*", ".*"),
        ):
            res = rabbitmqctl(*args)
            if res.returncode != 0:
                raise RuntimeError(
                    f"rabbitmqctl {' '.join(args)} failed: {res.stderr or res.stdout}"
                )
            self.vhost_created = True
        log(f"databases {', '.join(u.rsplit('/', 1)[1] for u in self.databases)} (recreated)")

        async def recreate() -> None:
            for url in self.databases:
                await drop_database(url)
                await create_database_if_missing(url)

        run_async(recreate())

    def cleanup(self) -> None:
        log("cleaning up: stopping processes, dropping databases, deleting the vhost")
        if self.ceiling is not None:
            stop_process(self.ceiling)
            self.ceiling = None
        if self.system is not None:
            try:
                self.system.stop()
            except Exception as exc:
                print(f"  stopping the system failed: {exc!r}", file=sys.stderr)
            self.system = None

        async def drop() -> None:
            for url in self.databases:
                try:
                    await drop_database(url)
                except Exception as exc:
                    print(f"  dropping {url} failed: {exc!r}", file=sys.stderr)

        try:
            run_async(drop())
        except Exception as exc:
            print(f"  dropping databases failed: {exc!r}", file=sys.stderr)
        if self.vhost_created:
            res = rabbitmqctl("delete_vhost", VHOST)
            if res.returncode != 0:
                print(f"  deleting vhost failed: {res.stderr or res.stdout}", file=sys.stderr)

    def labels(self) -> dict[int, str]:
        labels = {os.getpid(): "loadgen (this process)"}
        if self.ceiling is not None:
            labels[self.ceiling.pid] = "ceiling-app"
        if self.system is not None:
            for name, proc in self.system.processes.items():
                labels[proc.pid] = name
        return labels

    # -- (a) the ceiling -----------------------------------------------------------------------

    def phase_ceiling(self) -> None:
        from ceiling_app import create_schema

        url = db_url("ceiling")
        run_async(create_schema(url))
        env = dict(os.environ) | {
            "DATABASE_URL": url,
            "HTTP_HOST": HOST,
            "HTTP_PORT": str(self.ports.ceiling),
        }
        log_file = (LOG_DIR / "ceiling-app.log").open("ab")
        self.ceiling = subprocess.Popen(
            [sys.executable, str(BENCH_DIR / "ceiling_app.py")],
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_ready(f"http://{HOST}:{self.ports.ceiling}/readyz", self.ceiling, "ceiling-app")
        a = self.args
        log(f"(a) ceiling: {a.concurrency} clients, {a.warmup:g}s warm-up + {a.duration:g}s")
        factory = PostFactory(HOST, self.ports.ceiling, "/items", CEILING_BODY)
        res: ClosedLoopResult = run_async(
            closed_loop(
                HOST,
                self.ports.ceiling,
                factory,
                concurrency=a.concurrency,
                warmup=a.warmup,
                duration=a.duration,
                labels=self.labels(),
            )
        )
        self.results["ceiling"] = res.as_dict()
        print_closed("ceiling", res)
        stop_process(self.ceiling)
        self.ceiling = None

    # -- the system ------------------------------------------------------------------------------

    def start_system(self) -> None:
        _, public_key = ensure_dev_keys()
        config = SystemConfig(
            ports=dict(self.ports.services),
            smtp_port=self.ports.smtp,
            mail_http_port=self.ports.mail_http,
            service_env=lambda service: {
                "DATABASE_URL": db_url(service),
                "AMQP_URL": self.amqp_url,
                "JWT_PUBLIC_KEY_FILE": str(public_key),
                # All the load comes from one address: intake's per-client rate limit is off.
                "PUBLIC_RATE_PER_MINUTE": "0",
            },
            log_dir=LOG_DIR,
            host=HOST,
        )
        self.system = System(config)
        log("migrating the five databases")
        self.system.migrate()
        log("starting the mail sink, five APIs and five workers")
        started = time.monotonic()
        self.system.start(timeout=120)
        log(f"system ready in {time.monotonic() - started:.1f}s")

    # -- (b) intake throughput and (c) acknowledgement latency --------------------------------

    async def system_phases(self) -> None:
        """Hold the bench's own connections, start the system, then (b), drain and (c)."""
        await HELD.open(
            ["postgres"] + [f"{PREFIX}_{s}" for s in ("intake", "casework", "notifications")]
        )
        try:
            await asyncio.to_thread(self.start_system)
            await self.phases_on_system()
        finally:
            await HELD.close()

    async def phases_on_system(self) -> None:
        a = self.args
        intake_port = self.ports.services["intake"][0]
        mail = MailWatcher(HOST, self.ports.mail_http)
        sampler = Sampler(self.amqp_url)
        await sampler.start()
        try:
            # (b)
            sampler.phase = "intake"
            log(
                f"(b) intake POST /v1/reports: {a.concurrency} clients, {a.warmup:g}s warm-up + {a.duration:g}s"
            )
            b_started = time.time()
            journey_cpu0 = cpu_snapshot()
            res = await closed_loop(
                HOST,
                intake_port,
                PostFactory(HOST, intake_port, "/v1/reports", REPORT_BODY),
                concurrency=a.concurrency,
                warmup=a.warmup,
                duration=a.duration,
                keep_reference=True,
                labels=self.labels(),
            )
            b_ended = time.time()
            self.results["intake"] = res.as_dict()
            print_closed("intake", res)
            ceiling = self.results.get("ceiling", {}).get("accepted_per_second")
            if ceiling:
                self.results["intake"]["ratio_to_ceiling"] = round(res.rate / ceiling, 3)
                print(f"    ratio intake/ceiling: {res.rate / ceiling:.2f}", flush=True)
            print_peaks("(b)", sampler.peaks("intake"))

            # Drain the backlog (b) left downstream before measuring latency.
            sampler.phase = "drain"
            log(f"draining: waiting for the {len(res.references)} acknowledgements of (b)")
            sessions = await pg_sessions()
            before = cpu_snapshot()
            drained = await mail.wait_for(res.references, timeout=a.drain_timeout, interval=1.0)
            after = cpu_snapshot()
            drain_cpu = cpu_usage(before, after, self.labels())
            journey = cpu_usage(journey_cpu0, after, self.labels())
            drain_sessions = sessions_delta(sessions, await pg_sessions())
            got = [mail.acks[r] for r in res.references if r in mail.acks]
            drain: dict[str, Any] = {
                "reports": len(res.references),
                "acknowledged": len(got),
                "complete": drained,
                "seconds_after_load_ended": round(max(got) - b_ended, 1) if got else None,
                "cpu": drain_cpu,
                "new_pg_connections": drain_sessions,
            }
            if got:
                span = max(got) - b_started
                drain["end_to_end_acks_per_second"] = (
                    round(len(got) / span, 1) if span > 0 else None
                )
                backlog = [x for x in got if x > b_ended]
                if len(backlog) > 1:
                    drain["acks_per_second_while_draining"] = round(
                        len(backlog) / (max(backlog) - b_ended), 1
                    )
            if got:
                # Every report of (b) went the whole way in this window: CPU per report.
                scale = journey["wall_seconds"] * 1000 / len(got)
                drain["cpu_ms_per_report"] = {
                    "system": round(journey["system_cores"] * scale, 1),
                    "machine_busy": round(journey["machine_busy_cores"] * scale, 1),
                    **{k: round(v * scale, 2) for k, v in journey["cores_used"].items()},
                }
            self.results["drain"] = drain
            log(
                f"drain: {len(got)}/{len(res.references)} acknowledged, last "
                f"{drain['seconds_after_load_ended']}s after the load ended; acknowledgements "
                f"came out at {drain.get('acks_per_second_while_draining', '-')}/s while draining "
                f"({drain.get('end_to_end_acks_per_second', '-')}/s over the whole of (b))"
            )
            print_cpu("drain", drain_cpu)
            if "cpu_ms_per_report" in drain:
                per = drain["cpu_ms_per_report"]
                print(
                    f"    CPU per report, whole journey ((b) + drain): {per['system']:.0f} ms used "
                    f"by the system's processes ({per['machine_busy']:.0f} ms of all machine "
                    "time): "
                    + ", ".join(
                        f"{k} {v:.1f}"
                        for k, v in per.items()
                        if k not in ("system", "machine_busy")
                        and v >= 0.3
                        and not k.startswith("other:")
                    ),
                    flush=True,
                )
            if drain_sessions:
                print(f"    new PostgreSQL connections opened while draining: {drain_sessions}")
            print_peaks("drain", sampler.peaks("drain"))
            await self.quiesce(sampler)

            # (c)
            sampler.phase = "latency"
            log(f"(c) acknowledgement latency: open loop at {a.rate:g}/s for {a.duration:g}s")
            poller_stop = asyncio.Event()

            async def poll_mail() -> None:
                while not poller_stop.is_set():
                    with contextlib.suppress(Exception):
                        await mail.poll()
                    with contextlib.suppress(asyncio.TimeoutError):
                        await asyncio.wait_for(poller_stop.wait(), 0.5)

            poller = asyncio.create_task(poll_mail())
            sessions = await pg_sessions()
            before = cpu_snapshot()
            records, send_stats = await open_loop(
                HOST,
                intake_port,
                PostFactory(HOST, intake_port, "/v1/reports", REPORT_BODY),
                rate=a.rate,
                duration=a.duration,
            )
            load_cpu = cpu_usage(before, cpu_snapshot(), self.labels())
            load_sessions = sessions_delta(sessions, await pg_sessions())
            last_send = max(r.sent for r in records) if records else time.time()
            poller_stop.set()
            await poller
            accepted = [r for r in records if r.status == 201 and r.reference]
            refs = [r.reference for r in accepted if r.reference]
            remaining = max(0.0, last_send + a.ack_wait - time.time())
            log(f"all sent; waiting up to {remaining:.0f}s more for acknowledgements")
            await mail.wait_for(refs, timeout=remaining, interval=0.5)
            latencies = [
                mail.acks[r.reference] - r.sent for r in accepted if r.reference in mail.acks
            ]
            errors: dict[str, int] = {}
            error_after: dict[str, list[float]] = {}
            for r in records:
                if r.status != 201:
                    key = r.error.split(":")[0] if r.error else str(r.status)
                    errors[key] = errors.get(key, 0) + 1
                    error_after.setdefault(key, []).append(r.answered - r.sent)
            first_errors = [r.error for r in records if r.error][:3]
            missing = [ref for ref in refs if ref not in mail.acks]
            dupes = sum(1 for ref in refs if mail.copies.get(ref, 0) > 1)
            latency: dict[str, Any] = {
                **send_stats,
                "sent": len(records),
                "accepted": len(accepted),
                "errors": errors,
                "errors_came_after_ms": {k: summary_ms(v) for k, v in error_after.items()},
                "first_errors": first_errors,
                "post_response_ms": summary_ms([r.answered - r.sent for r in accepted]),
                "acknowledged": len(latencies),
                "acknowledged_more_than_once": dupes,
                "missing_references_sample": missing[:20],
                "ack_latency_ms": summary_ms(latencies),
                # The same from when each POST was due: differs only if the sender fell behind.
                "ack_latency_from_schedule_ms": summary_ms(
                    [
                        mail.acks[r.reference] - r.scheduled
                        for r in accepted
                        if r.reference in mail.acks
                    ]
                ),
                "cpu_while_sending": load_cpu,
                "new_pg_connections_while_sending": load_sessions,
            }
            # Where the time went.
            latency["stages_ms"] = await stage_breakdown(accepted, mail.acks)
            self.results["latency"] = latency
            print_latency(latency)
            print_cpu("(c) sending", load_cpu)
            if load_sessions:
                print(f"    new PostgreSQL connections opened while sending: {load_sessions}")
            print_peaks("(c)", sampler.peaks("latency"))
            if missing:
                await self.explain_missing(missing)
            await self.after_run_checks()
        finally:
            self.results["samples"] = sampler.samples
            await sampler.close()
            mail.close()

    async def quiesce(self, sampler: Sampler, timeout: float = 120.0) -> None:
        """Wait until the queues are empty and intake/casework have nothing left to relay."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                s = await sampler.sample()
            except Exception:  # the server may be full for a moment
                await asyncio.sleep(1.0)
                continue
            busy = (
                any(s["queues"].get(q, 0) for q in QUEUES)
                or any(s[f"outbox_pending_{x}"] for x in ("intake", "casework"))
                or s["messages_queued"]
            )
            if not busy:
                break
            await asyncio.sleep(1.0)
        else:
            log("system still busy after the drain; (c) starts anyway")
        await asyncio.sleep(2.0)

    async def explain_missing(self, missing: list[str]) -> None:
        rows = await pg_fetch(
            f"{PREFIX}_notifications",
            "SELECT status, count(*) AS n, max(last_error) AS err FROM messages"
            " WHERE reference = ANY($1) GROUP BY status",
            missing,
        )
        known = sum(r["n"] for r in rows)
        print(
            f"    {len(missing)} acknowledgement(s) missing; notifications has "
            + (", ".join(f"{r['n']} {r['status']}" for r in rows) or "no message")
            + f" for them ({len(missing) - known} with no message at all)",
            flush=True,
        )
        self.results["latency"]["missing_by_status"] = {r["status"]: r["n"] for r in rows}

    async def after_run_checks(self) -> None:
        """Things worth knowing that the figures do not show: stuck outbox rows, parked messages."""
        checks: dict[str, Any] = {}
        for service in ("intake", "casework", "notifications"):
            row = await pg_query(
                f"{PREFIX}_{service}",
                "SELECT count(*) FILTER (WHERE published_at IS NULL) AS pending,"
                " count(*) FILTER (WHERE published_at IS NULL AND attempts > 0) AS failing,"
                " max(attempts) AS max_attempts,"
                " (array_agg(routing_key) FILTER (WHERE last_error IS NOT NULL))[1] AS failing_type,"
                " (array_agg(last_error) FILTER (WHERE last_error IS NOT NULL))[1] AS last_error"
                " FROM outbox",
            )
            checks[f"outbox_{service}"] = dict(row)
        conn2 = await aio_pika.connect(self.amqp_url)
        try:
            ch = await conn2.channel()
            for q in QUEUES:
                try:
                    dq = await ch.declare_queue(f"{q}.parked", passive=True)
                    checks[f"parked_{q}"] = dq.declaration_result.message_count
                except Exception:
                    ch = await conn2.channel()
        finally:
            await conn2.close()
        self.results["checks"] = checks
        for service in ("intake", "casework", "notifications"):
            c = checks[f"outbox_{service}"]
            if c["pending"]:
                print(
                    f"    NOTE {service} outbox: {c['pending']} event(s) not published "
                    f"({c['failing']} failing, up to {c['max_attempts']} attempts; "
                    f"{c['failing_type']}: {str(c['last_error'])[:160]})",
                    flush=True,
                )
        parked = {k: v for k, v in checks.items() if k.startswith("parked_") and v}
        if parked:
            print(f"    NOTE parked messages: {parked}", flush=True)


def stop_process(proc: subprocess.Popen[bytes], timeout: float = 15.0) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def wait_ready(url: str, proc: subprocess.Popen[bytes], name: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{name} exited with {proc.returncode}; see {LOG_DIR / name}.log")
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{name} not ready after {timeout}s")


# --------------------------------------------------------------------------------------------
# Printing


def print_closed(name: str, res: ClosedLoopResult) -> None:
    r = summary_ms(res.latencies)
    print(
        f"    {name}: {res.rate:.0f} accepted/s ({res.ok_in_window} in {res.duration:g}s; "
        f"rejected {res.other_in_window}, errors {res.errors_in_window}); response p50 "
        f"{fmt_ms(r['p50'])} ms p99 {fmt_ms(r['p99'])} ms",
        flush=True,
    )
    if res.first_error:
        print(f"    first error: {res.first_error}", flush=True)
    if res.cpu:
        print_cpu(f"({'a' if name == 'ceiling' else 'b'})", res.cpu)
    if res.new_pg_connections:
        print(f"    new PostgreSQL connections opened in the window: {res.new_pg_connections}")


def print_latency(lat: dict[str, Any]) -> None:
    ack = lat["ack_latency_ms"]
    print(
        f"    sent {lat['sent']} at {lat['achieved_send_rate']}/s (send lag p99 "
        f"{fmt_ms(lat['send_lag_ms']['p99'])} ms), accepted {lat['accepted']}, errors "
        f"{lat['errors'] or 'none'}; POST p50 {fmt_ms(lat['post_response_ms']['p50'])} ms p99 "
        f"{fmt_ms(lat['post_response_ms']['p99'])} ms",
        flush=True,
    )
    print(
        f"    acknowledged {lat['acknowledged']}/{lat['accepted']} (duplicates "
        f"{lat['acknowledged_more_than_once']}); ack latency p50 {fmt_ms(ack['p50'])} ms p95 "
        f"{fmt_ms(ack['p95'])} ms p99 {fmt_ms(ack['p99'])} ms max {fmt_ms(ack['max'])} ms",
        flush=True,
    )
    if (lat["send_lag_ms"]["p99"] or 0) > 50:
        sched = lat["ack_latency_from_schedule_ms"]
        print(
            f"    the sender fell behind its schedule; from when each POST was due: p50 "
            f"{fmt_ms(sched['p50'])} ms p99 {fmt_ms(sched['p99'])} ms",
            flush=True,
        )
    for kind, after in lat["errors_came_after_ms"].items():
        print(
            f"    {lat['errors'][kind]} x {kind}, answered {fmt_ms(after['p50'])} ms (p50) after "
            f"sending, {fmt_ms(after['max'])} ms at most",
            flush=True,
        )
    if lat["first_errors"]:
        print(f"    first errors: {lat['first_errors']}", flush=True)
    print("    where the time went (ms):", flush=True)
    for label, s in lat["stages_ms"].items():
        print(
            f"      {label:<52} p50 {fmt_ms(s['p50']):>6}  p95 {fmt_ms(s['p95']):>6}  "
            f"max {fmt_ms(s['max']):>6}  (n={s['n']})",
            flush=True,
        )


def print_summary(results: dict[str, Any]) -> None:
    cfg = results["config"]
    print("\n" + "=" * 100)
    code = results.get("code") or {}
    dirty = len(code.get("uncommitted_changes") or [])
    print(
        f"Journey benchmark, {cfg['cpu_count']} CPUs, {cfg['concurrency']} clients closed loop; "
        f"code {str(code.get('commit', '?'))[:10]}"
        + (f" + {dirty} uncommitted file(s)" if dirty else "")
    )
    c, i, lat = results.get("ceiling"), results.get("intake"), results.get("latency")
    if c:
        print(f"  ceiling (row + outbox row):   {c['accepted_per_second']:>7.0f} req/s")
    if i:
        ratio = f"   ratio {i['ratio_to_ceiling']:.2f}" if "ratio_to_ceiling" in i else ""
        print(f"  intake POST /v1/reports:      {i['accepted_per_second']:>7.0f} req/s{ratio}")
    d = results.get("drain")
    if d and d.get("cpu_ms_per_report"):
        per = d["cpu_ms_per_report"]["system"]
        print(
            f"  CPU per report, whole journey: {per:>5.0f} ms"
            f"        (so at most ~{1000 * (cfg['cpu_count'] or 1) / per:.0f}"
            " reports/s on these cores)"
        )
    if d and d.get("acks_per_second_while_draining"):
        print(
            f"  acks out while draining (b):  {d['acks_per_second_while_draining']:>7.0f} /s"
            f"      ({d['acknowledged']}/{d['reports']} acknowledged, last "
            f"{d['seconds_after_load_ended']}s after (b) ended)"
        )
    if lat:
        a = lat["ack_latency_ms"]
        print(
            f"  ack latency @{cfg['rate']:g}/s for {cfg['duration_seconds']:g}s:   "
            f"p50 {fmt_ms(a['p50'])} ms  p95 {fmt_ms(a['p95'])} ms  p99 {fmt_ms(a['p99'])} ms  "
            f"max {fmt_ms(a['max'])} ms  ({lat['acknowledged']}/{lat['sent']} acknowledged"
            + (f", {sum(lat['errors'].values())} POST errors" if lat["errors"] else "")
            + ")"
        )
    disturbed = []
    for phase, usage in (
        ("(a)", (c or {}).get("cpu")),
        ("(b)", (i or {}).get("cpu")),
        ("drain", (d or {}).get("cpu")),
        ("(c)", (lat or {}).get("cpu_while_sending")),
    ):
        if usage:
            foreign = usage.get("other_cores", 0) + usage.get("short_lived_cores", 0)
            if foreign >= 0.15:
                disturbed.append(f"{phase} {foreign:.2f}")
    if disturbed:
        print(
            "  WARNING: processes outside the bench, or short-lived ones, used CPU (cores) during "
            + ", ".join(disturbed)
            + "; these figures are disturbed"
        )
    if results.get("interrupted"):
        print("  (interrupted: figures are partial)")
    if results.get("error"):
        print(f"  (failed: {results['error'][:300]})")
    print("=" * 100, flush=True)


# --------------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--rate", type=float, default=200.0, help="(c) reports per second (default 200)")
    p.add_argument(
        "--duration", type=float, default=20.0, help="seconds of each phase (default 20)"
    )
    p.add_argument("--concurrency", type=int, default=64, help="(a)/(b) clients (default 64)")
    p.add_argument(
        "--warmup", type=float, default=2.0, help="(a)/(b) seconds not counted (default 2)"
    )
    p.add_argument(
        "--ack-wait",
        type=float,
        default=30.0,
        help="(c) seconds to wait for acknowledgements after the last send (default 30)",
    )
    p.add_argument(
        "--drain-timeout",
        type=float,
        default=600.0,
        help="seconds to wait for (b)'s backlog to drain (default 600)",
    )
    p.add_argument(
        "--quiet-limit",
        type=float,
        default=0.3,
        help="wait until the machine uses fewer cores than this before starting (0: do not wait)",
    )
    p.add_argument("--quiet-timeout", type=float, default=300.0, help="...but at most this long")
    p.add_argument("--skip-ceiling", action="store_true", help="do not measure (a)")
    p.add_argument("--api-port-base", type=int, default=18000, help="ceiling on it, APIs on +1..+5")
    p.add_argument("--worker-port-base", type=int, default=19000, help="workers on +1..+5")
    p.add_argument("--smtp-port", type=int, default=11025)
    p.add_argument("--mail-http-port", type=int, default=18025)
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    bench = Bench(args)

    # Ctrl-C (and SIGTERM, made the same) must reach us even if a parent ignored SIGINT (a
    # background job of a non-interactive shell does): asyncio then cancels the run cleanly.
    signal.signal(signal.SIGINT, signal.default_int_handler)

    def on_sigterm(*_: object) -> None:
        os.kill(os.getpid(), signal.SIGINT)

    signal.signal(signal.SIGTERM, on_sigterm)
    status = 0
    try:
        if args.quiet_limit > 0:
            quiet = wait_for_quiet(args.quiet_limit, args.quiet_timeout)
            bench.results["machine_before_start"] = quiet
            log(f"machine busy {quiet['machine_busy_cores']:.2f} cores before the start")
        bench.prepare()
        if not args.skip_ceiling:
            bench.phase_ceiling()
        run_async(bench.system_phases())
    except KeyboardInterrupt:
        bench.results["interrupted"] = True
        log("interrupted")
        status = 130
    except Exception as exc:
        bench.results["error"] = repr(exc)
        log(f"failed: {exc!r}")
        import traceback

        traceback.print_exc()
        status = 1
    finally:
        # Nothing may interrupt the clean-up itself.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        bench.cleanup()
    bench.results["finished_at"] = datetime.now(UTC).isoformat()
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    out = RESULTS_DIR / f"journey-{datetime.now().strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(bench.results, indent=2, default=str))
    print_summary(bench.results)
    print(
        f"Figures: {out.relative_to(BENCH_DIR.parent)}   Logs: {LOG_DIR.relative_to(BENCH_DIR.parent)}/"
    )
    return status


if __name__ == "__main__":
    sys.exit(main())
