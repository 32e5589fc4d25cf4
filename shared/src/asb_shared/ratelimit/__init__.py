"""Rate limits shared by every process of a service: the exact sliding log rule (pure,
:mod:`.sliding_log`), its counts in the service's PostgreSQL database (:mod:`.store`) and the
FastAPI dependency that answers 429 (:mod:`.edge`)."""

from .edge import check, client_address, per_address, too_many
from .sliding_log import Decision, Rate, hit
from .store import (
    RateLimiter,
    create_rate_limit_table,
    drop_rate_limit_table,
    purge_past_windows,
    rate_limit_table,
)

__all__ = [
    "Decision",
    "Rate",
    "RateLimiter",
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
