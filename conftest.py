"""What the whole test command shares.

- How the tests are shared between xdist's workers (``./dev test`` runs two): every test that
  starts the whole system, or servers of its own, as processes runs in one worker, one after
  another and before anything else there, so no two systems hold connections at once and the
  longest work starts first; the other worker takes the rest, a module at a time (a module's
  fixtures are set up once).
- PostgreSQL's connection count, sampled through the run (the project must live within a server
  left at its default 100 connections, the test command within 60).
- Where the browser journeys' screenshots are.

The last two are printed at the end of the run."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from asb_shared.testing import POSTGRES_URL

ROOT = Path(__file__).resolve().parent
SYSTEMS = ("tests/e2e/", "tests/faults/", "tests/readme/")
"""Where the tests that start processes of the whole system (or servers of their own) are."""
SCREENSHOTS = ROOT / ".artefacts" / "screenshots"
STARTED = time.time()


class ConnectionPeak:
    """PostgreSQL's client connections, counted once a second on a connection of its own (which
    is counted too) from a thread of its own, for as long as the run lasts."""

    def __init__(self, url: str) -> None:
        self.url = url.replace("postgresql+asyncpg://", "postgresql://")
        self.peak = 0
        self.at_peak: list[tuple[str, int]] = []
        self.samples = 0
        self.error: str | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="connection-peak", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        asyncio.run(self._sample())

    async def _sample(self) -> None:
        try:
            connection = await asyncpg.connect(self.url + "/postgres", timeout=10)
        except (OSError, asyncpg.PostgresError) as exc:
            self.error = type(exc).__name__
            return
        try:
            while not self._stop.is_set():
                rows = await connection.fetch(
                    "SELECT coalesce(datname, '') AS db, count(*) AS n FROM pg_stat_activity"
                    " WHERE backend_type = 'client backend' GROUP BY 1 ORDER BY 2 DESC"
                )
                count = sum(int(row["n"]) for row in rows)
                if count > self.peak:
                    # Which databases held them, so a peak can be traced to what ran then.
                    self.peak = count
                    self.at_peak = [(str(row["db"]), int(row["n"])) for row in rows]
                self.samples += 1
                await asyncio.sleep(1)
        except (OSError, asyncpg.PostgresError) as exc:
            self.error = type(exc).__name__
        finally:
            await connection.close()


_peak_key = pytest.StashKey[ConnectionPeak]()


def _starts_systems(nodeid: str) -> bool:
    return nodeid.startswith(SYSTEMS)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Stable: each module's tests stay together and in their order.
    items.sort(key=lambda item: not _starts_systems(item.nodeid))


def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    from xdist.scheduler import LoadScopeScheduling

    class SystemsApart(LoadScopeScheduling):
        """One work unit for every test that starts systems, one per module for the rest, handed
        out in the collection's order (the systems' unit first)."""

        def _split_scope(self, nodeid: str) -> str:
            return "systems" if _starts_systems(nodeid) else nodeid.split("::", 1)[0]

    config.option.loadscopereorder = False
    return SystemsApart(config, log)


def pytest_configure(config: pytest.Config) -> None:
    # Once for the run: in the controlling process, not again in each of xdist's workers.
    if hasattr(config, "workerinput"):
        return
    peak = ConnectionPeak(POSTGRES_URL)
    peak.start()
    config.stash[_peak_key] = peak


def pytest_unconfigure(config: pytest.Config) -> None:
    peak = config.stash.get(_peak_key, None)
    if peak is not None:
        peak.stop()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    peak = terminalreporter.config.stash.get(_peak_key, None)
    if peak is not None:
        terminalreporter.write_sep("-", "PostgreSQL connections")
        if peak.error and not peak.samples:
            terminalreporter.write_line(f"not sampled: {peak.error}")
        else:
            terminalreporter.write_line(
                f"peak {peak.peak} client connections on the server "
                f"(sampled every second, {peak.samples} samples, this sampler's own included)"
            )
            terminalreporter.write_line(
                "at the peak, by database: "
                + ", ".join(f"{db or '-'} {n}" for db, n in peak.at_peak)
            )
    if not SCREENSHOTS.is_dir():
        return
    journeys = [p for p in SCREENSHOTS.iterdir() if p.is_dir() and p.stat().st_mtime >= STARTED]
    if journeys:
        pages = sum(len(list(p.glob("*.png"))) for p in journeys)
        terminalreporter.write_sep("-", "screenshots of every page the browser journeys saw")
        terminalreporter.write_line(f"{SCREENSHOTS}/  ({len(journeys)} journeys, {pages} pages)")
