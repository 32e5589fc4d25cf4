"""The rate limit rule (pure): at most ``limit`` requests in any ``window`` seconds.

An exact sliding log: a key's state is the instants of the requests it was allowed in the last
``window`` seconds (at most ``limit`` of them; limits here are tens, so a store keeps them in
one row). A request at ``now`` first forgets the instants that have slid out of the window
ending at ``now``; if fewer than ``limit`` remain it is allowed and its instant is kept, else it
is refused until the oldest instant in the way slides out. A refused request is not counted
(it did nothing), so a caller that waits as told is let in. The clock is passed in.

So "the 41st request within a minute is refused" holds for every minute, not only within one
fixed minute of the clock: the window is ``(now - window, now]`` wherever ``now`` falls.
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
class Decision:
    kept: tuple[float, ...]
    """The instants the store keeps after this request, oldest first (only those still in the
    window, and this request's own when it is allowed)."""
    wait: float
    """0 when the request may go ahead, else the seconds until it would be let in (at most the
    window, to the clock's precision)."""
    forget_at: float
    """When the newest kept instant slides out of the window: the state may then be dropped, a
    missing state being an empty one."""

    @property
    def allowed(self) -> bool:
        return self.wait == 0.0


def in_window(rate: Rate, instant: float, now: float) -> bool:
    """Whether a request at ``instant`` still counts at ``now``: it is in ``(now - window,
    now]`` (an instant past ``now``, from a clock set back, is forgotten: that only forgives)."""
    return instant <= now < instant + rate.window


def hit(rate: Rate, log: tuple[float, ...] | list[float] | None, now: float) -> Decision:
    """Count one request at ``now`` against the ``log`` of instants counted (None or empty:
    never seen, or forgotten), or refuse it."""
    kept = tuple(sorted(t for t in (log or ()) if in_window(rate, t, now)))
    if len(kept) < rate.limit:
        kept += (now,)
        return Decision(kept, 0.0, now + rate.window)
    # Refused until enough have slid out for one more to fit (the oldest, unless the limit was
    # lowered since the others were counted).
    blocking = kept[len(kept) - rate.limit]
    return Decision(kept, _until_out(rate, blocking, now), kept[-1] + rate.window)


def _until_out(rate: Rate, instant: float, now: float) -> float:
    """The seconds from ``now`` until ``instant`` no longer counts (> 0): exactly, so that a
    caller coming back ``now + wait`` later is let in despite the floats' rounding."""
    # Positive: the instant is in the window, so ``now < instant + window``. Off by a rounding
    # of the sum at most; each step moves the sum by one of its own units.
    wait = instant + rate.window - now
    while in_window(rate, instant, now + wait):
        wait += math.ulp(now + wait)
    return wait
