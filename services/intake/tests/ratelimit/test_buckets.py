"""Token buckets (pure): a burst, then one request per interval per client."""

from __future__ import annotations

from intake.ratelimit.buckets import TokenBuckets


def test_a_burst_then_a_wait_for_each_client_alone() -> None:
    buckets = TokenBuckets(per_minute=6, burst=2)
    assert buckets.take("a", now=0.0) == 0
    assert buckets.take("a", now=0.0) == 0
    assert buckets.take("a", now=0.0) == 10.0  # one token every 10 s
    assert buckets.take("b", now=0.0) == 0  # another address has its own bucket
    assert buckets.take("a", now=10.0) == 0
