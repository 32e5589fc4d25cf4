"""The one way background loops back off and carry on."""

from __future__ import annotations

import asyncio
import logging

import pytest
from asb_shared.loops import Backoff, every


def test_backoff_doubles_to_a_ceiling_and_resets_after_success() -> None:
    backoff = Backoff(1.0, ceiling=8.0)
    assert [backoff.failed() for _ in range(5)] == [2.0, 4.0, 8.0, 8.0, 8.0]
    assert backoff.succeeded() == 1.0
    assert Backoff(0.1).failed() == 1.0  # a short interval still backs off meaningfully


async def test_every_runs_again_at_once_while_a_full_batch_comes_back_and_survives_failures() -> (
    None
):
    stop = asyncio.Event()
    results: list[int | Exception] = [RuntimeError("down"), 5, 5, 2]
    calls = 0

    async def work() -> int:
        nonlocal calls
        calls += 1
        outcome = results.pop(0) if results else 0
        if isinstance(outcome, Exception):
            raise outcome
        if not results:
            stop.set()
        return outcome

    # The failure waits ~1 s (backed off); the full batches (5) run back to back; then 2 stops.
    await asyncio.wait_for(every(0.01, work, stop, name="test", batch_size=5), timeout=10)
    assert calls == 4


async def test_a_loop_that_keeps_failing_says_so_once_and_once_more_when_it_recovers(
    caplog: pytest.LogCaptureFixture,
) -> None:
    stop = asyncio.Event()
    failures = 4

    async def work() -> int:
        nonlocal failures
        if failures:
            failures -= 1
            raise ConnectionRefusedError(111, "Connection refused")
        stop.set()
        return 0

    backoff = Backoff(0.01)
    waits = [backoff.failed() for _ in range(4)]
    assert max(waits) <= 2.0  # resumes within 2 s of the dependency's return
    with caplog.at_level(logging.INFO, logger="asb_shared.loops"):
        await asyncio.wait_for(every(0.01, work, stop, name="clock"), timeout=30)
    lines = [(r.levelname, r.getMessage()) for r in caplog.records if r.name == "asb_shared.loops"]
    assert [level for level, _ in lines] == ["WARNING", "INFO"], lines
    assert "ConnectionRefusedError" in lines[0][1]
    assert "(4 failures)" in lines[1][1]
