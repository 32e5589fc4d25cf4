"""The one way background loops back off and carry on."""

from __future__ import annotations

import asyncio

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
