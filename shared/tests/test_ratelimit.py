"""Rate limits: the exact sliding log rule (pure, with properties), and its counts in
PostgreSQL shared by every process that counts against the same database."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Sequence

import pytest
from asb_shared.db import Database, create_database_if_missing, new_metadata
from asb_shared.ratelimit import Decision, Rate, RateLimiter, hit, purge_past_windows
from asb_shared.ratelimit.store import rate_limit_table
from asb_shared.testing import TestEnvironment
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import text


def _run(rate: Rate, times: Sequence[float]) -> list[tuple[float, Decision]]:
    """Each request in turn, the log kept as the store keeps it (only an allowed request saves)."""
    log: tuple[float, ...] = ()
    seen = []
    for now in times:
        decision = hit(rate, log, now)
        if decision.allowed:
            log = decision.kept
        seen.append((now, decision))
    return seen


def test_the_request_past_the_limit_is_refused_until_the_oldest_slides_out() -> None:
    rate = Rate(limit=40, window=60)
    seen = _run(rate, [600.0 + n * 0.5 for n in range(41)])
    assert [d.allowed for _, d in seen] == [True] * 40 + [False]
    log = seen[39][1].kept
    assert len(log) == 40 and seen[39][1].forget_at == 619.5 + 60
    refused = hit(rate, log, 620.5)
    assert not refused.allowed and refused.wait == 600.0 + 60 - 620.5
    # Waiting as told lets exactly one more in: the oldest has slid out, the next has not.
    let_in = hit(rate, log, 620.5 + refused.wait)
    assert let_in.allowed and len(let_in.kept) == 40
    assert not hit(rate, let_in.kept, 660.0).allowed


def test_requests_straddling_a_minute_boundary_count_in_the_same_minute() -> None:
    """30 wrong secrets late in one minute and 10 early in the next fill the limit of 40: the
    41st within the minute is refused wherever the clock's minute boundary falls."""
    rate = Rate(limit=40, window=60)
    late = [55.0 + n * 0.15 for n in range(30)]
    early = [60.5 + n * 0.15 for n in range(10)]
    seen = _run(rate, [*late, *early, 62.0])
    assert [d.allowed for _, d in seen] == [True] * 40 + [False]
    assert seen[-1][1].wait == pytest.approx(55.0 + 60 - 62.0)


def test_a_refused_request_is_not_counted() -> None:
    rate = Rate(limit=2, window=10)
    seen = _run(rate, [0.0, 1.0, 2.0, 3.0, 4.0, 10.0])
    assert [d.allowed for _, d in seen] == [True, True, False, False, False, True]


def test_a_lowered_limit_waits_for_enough_to_slide_out() -> None:
    """A log counted under a higher limit (a partner's limit lowered): refused until enough
    have slid out for one more to fit, not merely the oldest."""
    rate = Rate(limit=2, window=10)
    refused = hit(rate, (1.0, 2.0, 3.0, 4.0), 5.0)
    assert not refused.allowed and refused.wait == 3.0 + 10 - 5.0
    assert not hit(rate, refused.kept, 5.0 + refused.wait - 0.5).allowed
    assert hit(rate, refused.kept, 5.0 + refused.wait).allowed


def test_the_wait_told_lets_in_despite_the_floats_rounding() -> None:
    rate = Rate(limit=1, window=10)
    oldest, now = 0.7305002405158543, 1.8201229691682927
    # Here now + ((oldest + window) - now) falls one unit short of oldest + window.
    assert now + ((oldest + rate.window) - now) < oldest + rate.window
    refused = hit(rate, (oldest,), now)
    assert not refused.allowed
    assert hit(rate, (oldest,), now + refused.wait).allowed


def test_instants_from_a_clock_set_back_are_forgotten() -> None:
    assert hit(Rate(limit=1, window=60), (1000.0,), 900.0).kept == (900.0,)


def test_a_rate_needs_a_limit_and_a_window() -> None:
    with pytest.raises(ValueError):
        Rate(limit=0)
    with pytest.raises(ValueError):
        Rate(limit=1, window=0)


# Instants on a grid of 1/1024 s: exact in binary floating point, so the properties below
# speak of exact windows, and ties and boundaries come up often.
on_a_grid = st.integers(min_value=0, max_value=1_024_000).map(lambda n: n / 1024)
grid_times = st.lists(on_a_grid, min_size=1, max_size=120).map(sorted)
any_times = st.lists(
    st.floats(min_value=0, max_value=1e9, allow_nan=False), min_size=1, max_size=120
).map(sorted)
limits = st.integers(min_value=1, max_value=20)
windows = st.sampled_from([0.5, 1.0, 10.0, 60.0])


@given(limit=limits, window=windows, times=grid_times)
def test_no_window_of_the_rates_length_lets_in_more_than_the_limit(
    limit: int, window: float, times: list[float]
) -> None:
    allowed = [now for now, d in _run(Rate(limit, window), times) if d.allowed]
    # The most crowded window (t - window, t] ends at an allowed request.
    for end in allowed:
        assert sum(1 for t in allowed if end - window < t <= end) <= limit


@given(limit=limits, window=windows, times=grid_times)
def test_a_request_is_refused_only_when_its_window_is_full(
    limit: int, window: float, times: list[float]
) -> None:
    allowed: list[float] = []
    for now, decision in _run(Rate(limit, window), times):
        full = sum(1 for t in allowed if now - window < t <= now) >= limit
        assert decision.allowed is not full
        if decision.allowed:
            allowed.append(now)
            assert decision.forget_at == now + window
        else:
            assert 0 < decision.wait <= window


@given(limit=limits, window=windows, times=grid_times | any_times)
def test_a_caller_who_waits_as_told_is_let_in(
    limit: int, window: float, times: list[float]
) -> None:
    rate = Rate(limit, window)
    log: tuple[float, ...] = ()
    for now in times:
        decision = hit(rate, log, now)
        if decision.allowed:
            log = decision.kept
            assert len(log) <= limit
        else:
            assert decision.wait > 0
            assert hit(rate, log, now + decision.wait).allowed


async def test_processes_on_one_database_share_the_counts(test_env: TestEnvironment) -> None:
    url = test_env.database_url(f"ratelimit_{uuid.uuid4().hex[:6]}")
    await create_database_if_missing(url)
    one, two = Database(url, pool_size=4), Database(url, pool_size=4)
    try:
        async with one.engine.begin() as connection:
            await connection.run_sync(rate_limit_table(new_metadata()).create)
        rate = Rate(limit=6, window=60)
        key = "reports:203.0.113.9"
        decisions = await asyncio.gather(*(RateLimiter(db).hit(key, rate) for db in (one, two) * 4))
        assert sorted(d.allowed for d in decisions) == [False, False] + [True] * 6
        refused = next(d for d in decisions if not d.allowed)
        # Until the first of the six slides out of the minute: never more than the minute.
        assert 0 < refused.wait <= rate.window
        assert (await RateLimiter(one).hit("reports:198.51.100.1", rate)).allowed
        async with one.transaction() as session:
            kept = (
                await session.execute(
                    text("SELECT instants FROM rate_limits WHERE key = :k"), {"k": key}
                )
            ).scalar_one()
        # The six instants counted, oldest first, on the database's clock.
        assert len(kept) == 6 and kept == sorted(kept)
        assert refused.forget_at == kept[-1] + rate.window

        async with one.transaction() as session:
            await session.execute(
                text("UPDATE rate_limits SET forget_at = 0 WHERE key = :k"), {"k": key}
            )
        assert await purge_past_windows(two) == 1
        assert (await RateLimiter(two).hit(key, rate)).allowed
    finally:
        await one.dispose()
        await two.dispose()
