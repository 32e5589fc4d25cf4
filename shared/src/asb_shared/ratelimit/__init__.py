"""Rate limits shared by every process of a service: the sliding window rule (pure,
:mod:`.windows`), its counts in the service's PostgreSQL database (:mod:`.store`) and the
FastAPI dependency that answers 429 (:mod:`.edge`)."""

from .edge import check, client_address, per_address, too_many
from .store import (
    RateLimiter,
    create_rate_limit_table,
    drop_rate_limit_table,
    purge_past_windows,
    rate_limit_table,
)
from .windows import Decision, Rate, WindowState, hit

__all__ = [
    "Decision",
    "Rate",
    "RateLimiter",
    "WindowState",
    "check",
    "client_address",
    "create_rate_limit_table",
    "drop_rate_limit_table",
    "hit",
    "per_address",
    "purge_past_windows",
    "rate_limit_table",
    "too_many",
]
