"""The rate limit rule (pure): at most ``limit`` requests in any ``window`` seconds.

A sliding window, counted as two fixed ones (the previous and the current window, the previous
one weighed by how much of it the sliding window still covers): a key's whole state is three
numbers, whatever its limit, so a store can keep it in one row. A refused request is not
counted (it did nothing), so a caller that waits as told is let in. The clock is passed in.

So "the 41st request within a minute is refused" holds for requests in one fixed window, and,
to the estimate's precision, for requests straddling two.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Rate:
    """At most ``limit`` requests per key in any ``window`` seconds."""

    limit: int
    window: float = 60.0

    def __post_init__(self) -> None:
        if self.limit < 1 or self.window <= 0:
            raise ValueError("a rate needs limit >= 1 and window > 0")


@dataclass(frozen=True)
class WindowState:
    start: float
    """Where the current fixed window starts (a multiple of the window, on the store's clock)."""
    previous: int
    """Requests counted in the window before it."""
    current: int
    """Requests counted in it so far."""


@dataclass(frozen=True)
class Decision:
    state: WindowState
    """What the store keeps after this request (unchanged when it is refused)."""
    wait: float
    """0 when the request may go ahead, else the seconds until it would be let in."""
    forget_at: float
    """When the state no longer counts (both its windows are past): it may then be dropped,
    a missing state being an empty one."""

    @property
    def allowed(self) -> bool:
        return self.wait == 0.0


def _estimate(previous: int, current: int, covered: float) -> float:
    """Requests in the sliding window: all of the current window's and the part of the previous
    one's it still covers (``covered``: 1 at the window's start, 0 at its end)."""
    return previous * covered + current


def hit(rate: Rate, state: WindowState | None, now: float) -> Decision:
    """Count one request at ``now`` against ``state`` (None: never seen), or refuse it."""
    start = math.floor(now / rate.window) * rate.window
    if state is None or state.start < start - rate.window:
        previous, current = 0, 0
    elif state.start < start:
        previous, current = state.current, 0
    else:
        previous, current = state.previous, state.current
    elapsed = now - start
    covered = 1.0 - elapsed / rate.window
    forget_at = start + 2 * rate.window
    if _estimate(previous, current, covered) + 1 <= rate.limit:
        return Decision(WindowState(start, previous, current + 1), 0.0, forget_at)
    kept = state if state is not None else WindowState(start, previous, current)
    return Decision(kept, _wait(rate, previous, current, elapsed), forget_at)


def _wait(rate: Rate, previous: int, current: int, elapsed: float) -> float:
    """Seconds until one more request fits, if nothing else is counted meanwhile."""
    room = rate.limit - 1 - current
    if room >= 0:
        # This window: the previous one's share must fall to ``room``.
        until = rate.window * (1.0 - room / previous)
        return max(until - elapsed, 0.0) or math.ulp(rate.window)
    # The next window, where this one is the previous: its share must fall to limit - 1.
    until = rate.window * (1.0 - (rate.limit - 1) / current)
    return rate.window - elapsed + max(until, 0.0)
