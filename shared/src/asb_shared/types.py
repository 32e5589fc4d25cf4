"""Text and time as every service takes them at its edge: checked once, here.

PostgreSQL refuses a NUL byte in text, and other control characters have no place in a name or
a description; an instant in year 1 with a positive offset overflows when made UTC. So each
field that takes text or time from outside uses one of these types, and bad input is a 422
naming the field, never a 500 deeper down::

    class ReportIn(BaseModel):
        description: Annotated[Text, Field(min_length=1, max_length=10_000)]
        reporter_name: Annotated[Line, Field(max_length=200)] | None = None
        occurred_at: PastInstant
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime

EARLIEST = datetime(1990, 1, 1, tzinfo=UTC)
"""Nothing the platform records happened before this (ASB casework records start in the 1990s)."""
LATEST = datetime(2100, 1, 1, tzinfo=UTC)
"""Nothing is planned or due after this."""
CLOCK_SKEW = timedelta(minutes=5)
"""How far ahead of our clock a sender's "now" may be."""

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL_OR_NEWLINE = re.compile(r"[\x00-\x1f\x7f]")


def _text(value: str) -> str:
    if _CONTROL.search(value):
        raise ValueError("must not contain NUL or other control characters")
    return value


def _line(value: str) -> str:
    if _CONTROL_OR_NEWLINE.search(value):
        raise ValueError("must be one line, without NUL or other control characters")
    return value


Text = Annotated[str, AfterValidator(_text)]
"""Free text (descriptions, notes): line breaks and tabs allowed, other control characters not."""
Line = Annotated[str, AfterValidator(_line)]
"""One line (names, addresses, references, query parameters): no control characters at all."""


def _naive_bounds(value: datetime) -> datetime:
    # Checked on the wall-clock value before any comparison in UTC, which is what overflows.
    if not (
        EARLIEST.replace(tzinfo=None) - timedelta(days=1)
        <= value.replace(tzinfo=None)
        <= LATEST.replace(tzinfo=None) + timedelta(days=1)
    ):
        raise ValueError(f"must be between {EARLIEST.year} and {LATEST.year}")
    return value


def _bounded(value: datetime) -> datetime:
    value = _naive_bounds(value)
    if not EARLIEST <= value <= LATEST:
        raise ValueError(f"must be between {EARLIEST.year} and {LATEST.year}")
    return value


def _not_future(value: datetime) -> datetime:
    value = _bounded(value)
    if value > datetime.now(UTC) + CLOCK_SKEW:
        raise ValueError("must not be in the future")
    return value


Instant = Annotated[AwareDatetime, AfterValidator(_bounded)]
"""A moment with its offset, between 1990 and 2100."""
PastInstant = Annotated[AwareDatetime, AfterValidator(_not_future)]
"""A moment that has happened (an incident, a contact): since 1990 and not in the future."""


def _date_bounds(value: date) -> date:
    if not EARLIEST.date() <= value <= LATEST.date():
        raise ValueError(f"must be between {EARLIEST.year} and {LATEST.year}")
    return value


Day = Annotated[date, AfterValidator(_date_bounds)]
"""A calendar date between 1990 and 2100."""
