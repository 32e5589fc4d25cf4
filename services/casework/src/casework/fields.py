"""The checked fields every feature's request bodies are built from.

Requests forbid unknown fields, and every value is checked by these types, so that a bad request
is a 422 with the field named and never reaches the database half-way (no NUL or other control
characters, no non-finite numbers in JSON, nothing longer than its column; an instant that has
happened is since 1990 and not in the future: :mod:`asb_shared.types`).
"""

from __future__ import annotations

import math
from typing import Annotated, Any

from asb_shared.types import Text as CheckedText
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    StringConstraints,
)


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


def _bounded(max_length: int, min_length: int = 1) -> StringConstraints:
    return StringConstraints(strip_whitespace=True, min_length=min_length, max_length=max_length)


# Text checked once for the platform (asb_shared.types: no NUL or other control characters),
# bounded here to casework's columns.
Name = Annotated[CheckedText, _bounded(200)]
Origin = Annotated[CheckedText, _bounded(100)]
Short = Annotated[CheckedText, _bounded(500)]
Text = Annotated[CheckedText, _bounded(20_000)]
Reason = Annotated[CheckedText, _bounded(5_000, min_length=10)]
BriefReason = Annotated[CheckedText, _bounded(5_000, min_length=3)]


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
    CheckedText, StringConstraints(strip_whitespace=True, min_length=5, max_length=2000)
]
"""Why a decision was taken (triage override, assignment, unlinking, a manager's review)."""
