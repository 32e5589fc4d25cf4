"""Where the bench runs (its databases, vhost, ports, result files) and small helpers."""

from __future__ import annotations

import asyncio
import math
import os
import shutil
import socket
import subprocess
from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parents[1]
RESULTS_DIR = BENCH_DIR / "results"
LOG_DIR = RESULTS_DIR / "logs"

HOST = "127.0.0.1"
POSTGRES = "postgresql+asyncpg://postgres@127.0.0.1:5432"
AMQP_BASE = "amqp://guest:guest@127.0.0.1:5672"
# Two benches on one machine (from two checkouts, say) need different names and ports.
PREFIX = os.environ.get("ASB_BENCH_NAME", "asbbench")
VHOST = PREFIX
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
