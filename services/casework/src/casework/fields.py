"""The checked fields every feature's request bodies are built from.

Requests forbid unknown fields, and every value is checked by these types, so that a bad request
is a 422 with the field named and never reaches the database half-way (no NUL characters, no
non-finite numbers in JSON, nothing longer than its column).
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Annotated, Any

from asb_shared.db import utcnow
from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    StringConstraints,
)

# A client's clock may run a little ahead of ours; "not in the future" allows for that.
CLOCK_SKEW = timedelta(minutes=5)


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


def _not_future(value: datetime) -> datetime:
    if value > utcnow() + CLOCK_SKEW:
        raise ValueError("must not be in the future")
    return value


def _bounded(max_length: int, min_length: int = 1) -> StringConstraints:
    return StringConstraints(strip_whitespace=True, min_length=min_length, max_length=max_length)


Name = Annotated[str, _bounded(200), AfterValidator(_no_nul)]
Origin = Annotated[str, _bounded(100), AfterValidator(_no_nul)]
Short = Annotated[str, _bounded(500), AfterValidator(_no_nul)]
Text = Annotated[str, _bounded(20_000), AfterValidator(_no_nul)]
Reason = Annotated[str, _bounded(5_000, min_length=10), AfterValidator(_no_nul)]
BriefReason = Annotated[str, _bounded(5_000, min_length=3), AfterValidator(_no_nul)]
PastInstant = Annotated[AwareDatetime, AfterValidator(_not_future)]


def _lower(value: str) -> str:
    return value.lower()


Sha256 = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=r"^[0-9a-fA-F]{64}$"),
    AfterValidator(_lower),
]


def clean_json(value: Any, depth: int = 0) -> Any:
    """Reject what JSONB cannot hold (NUL in strings, NaN, infinities) and absurd nesting."""
    if depth > 10:
        raise ValueError("is nested too deeply (at most 10 levels)")
    if isinstance(value, str):
        return _no_nul(value)
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("must hold finite numbers only")
    if isinstance(value, dict):
        return {_no_nul(str(k)): clean_json(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_json(v, depth + 1) for v in value]
    return value


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Record(BaseModel):
    model_config = ConfigDict(from_attributes=True)


DecisionReason = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=5, max_length=2000)
]
"""Why a decision was taken (triage override, assignment, unlinking, a manager's review)."""
