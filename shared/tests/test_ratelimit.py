"""Rate limits: the sliding window rule (pure, with properties), and its counts in PostgreSQL
shared by every process that counts against the same database."""

from __future__ import annotations

import asyncio
import uuid

from asb_shared.db import Database, create_database_if_missing, new_metadata
from asb_shared.ratelimit import Rate, RateLimiter, WindowState, hit, purge_past_windows
from asb_shared.ratelimit.store import rate_limit_table
from asb_shared.testing import TestEnvironment
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import text


def _run(rate: Rate, times: list[float]) -> list[tuple[float, bool]]:
    state: WindowState | None = None
    seen = []
    for now in times:
        decision = hit(rate, state, now)
        state = decision.state
        seen.append((now, decision.allowed))
    return seen


def test_the_request_past_the_limit_in_a_window_is_refused_until_it_fits() -> None:
    rate = Rate(limit=40, window=60)
    seen = _run(rate, [600.0 + n * 0.5 for n in range(41)])
    assert [allowed for _, allowed in seen] == [True] * 40 + [False]
    state = hit(rate, None, 600.0).state
    for n in range(1, 40):
        state = hit(rate, state, 600.0 + n * 0.5).state
    refused = hit(rate, state, 620.5)
    # In the next window, the forty still weigh until enough of them have slid out.
    assert not refused.allowed and 40 < refused.wait < 60 + 2
    assert hit(rate, refused.state, 620.5 + refused.wait).allowed


def test_a_window_straddled_still_counts_the_one_before() -> None:
    rate = Rate(limit=10, window=60)
    seen = _run(rate, [55.0 + n * 0.5 for n in range(11)])  # 10 before 60 s, 1 after
    assert [allowed for _, allowed in seen][-1] is False


times = st.lists(st.floats(min_value=0, max_value=1_000), min_size=1, max_size=120).map(sorted)


@given(
    limit=st.integers(min_value=1, max_value=20),
    window=st.sampled_from([1.0, 10.0, 60.0]),
    times=times,
)
def test_no_fixed_window_lets_in_more_than_the_limit(
    limit: int, window: float, times: list[float]
) -> None:
    allowed: dict[int, int] = {}
    for now, ok in _run(Rate(limit, window), times):
        if ok:
            allowed[int(now // window)] = allowed.get(int(now // window), 0) + 1
    assert all(count <= limit for count in allowed.values())


@given(
    limit=st.integers(min_value=1, max_value=20),
    window=st.sampled_from([1.0, 10.0, 60.0]),
    times=times,
)
def test_a_caller_who_waits_as_told_is_let_in(
    limit: int, window: float, times: list[float]
) -> None:
    rate = Rate(limit, window)
    state: WindowState | None = None
    for now in times:
        decision = hit(rate, state, now)
        if not decision.allowed:
            assert decision.wait > 0
            assert hit(rate, decision.state, now + decision.wait + 1e-6).allowed
        state = decision.state


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
        # At most the rest of this window and the next one's share of a request (the estimate
        # weighs this window's count into the next): whenever in the minute the test runs.
        assert 0 < refused.wait <= rate.window * (1 + 1 / rate.limit)
        assert (await RateLimiter(one).hit("reports:198.51.100.1", rate)).allowed

        async with one.transaction() as session:
            await session.execute(
                text("UPDATE rate_limits SET forget_at = 0 WHERE key = :k"), {"k": key}
            )
        assert await purge_past_windows(two) == 1
        assert (await RateLimiter(two).hit(key, rate)).allowed
    finally:
        await one.dispose()
        await two.dispose()
