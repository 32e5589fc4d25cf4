"""The edge types refuse what PostgreSQL or the calendar would choke on, naming the field."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Annotated

import pytest
from asb_shared.types import Day, Instant, Line, PastInstant, Text
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, Field, ValidationError


class Probe(BaseModel):
    name: Annotated[Line, Field(max_length=50)] | None = None
    note: Text | None = None
    at: Instant | None = None
    happened: PastInstant | None = None
    on: Day | None = None


def _refused(**fields: object) -> str:
    with pytest.raises(ValidationError) as raised:
        Probe.model_validate(fields)
    (error,) = raised.value.errors()
    return ".".join(str(p) for p in error["loc"])


@pytest.mark.parametrize("bad", ["a\x00b", "\x00", "bell\x07", "esc\x1b[0m", "del\x7f"])
def test_nul_and_control_characters_are_refused_in_text_and_lines(bad: str) -> None:
    assert _refused(note=bad) == "note"
    assert _refused(name=bad) == "name"


def test_text_keeps_line_breaks_and_tabs_but_a_line_does_not() -> None:
    assert Probe(note="first\nsecond\r\n\tthird").note == "first\nsecond\r\n\tthird"
    assert _refused(name="two\nlines") == "name"


@pytest.mark.parametrize(
    "moment",
    [
        "0001-01-01T00:00:00+14:00",
        "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59-12:00",
        "1989-12-31T23:59:59Z",
    ],
)
def test_instants_outside_the_sane_range_are_refused_without_overflowing(moment: str) -> None:
    assert _refused(at=moment) == "at"
    assert _refused(happened=moment) == "happened"


def test_a_past_instant_cannot_be_in_the_future_but_clock_skew_is_tolerated() -> None:
    assert _refused(happened=(datetime.now(UTC) + timedelta(hours=1)).isoformat()) == "happened"
    assert Probe(happened=datetime.now(UTC) + timedelta(minutes=1)).happened is not None
    assert _refused(at="2026-11-29T10:00:00") == "at"  # an instant needs its offset


def test_days_are_bounded() -> None:
    assert Probe(on=date(2026, 11, 29)).on == date(2026, 11, 29)
    assert _refused(on="0001-01-01") == "on"


@given(st.datetimes(timezones=st.timezones()))
def test_any_instant_is_either_accepted_in_range_or_refused_never_an_overflow(
    moment: datetime,
) -> None:
    try:
        accepted = Probe(at=moment).at
    except ValidationError:
        return
    assert accepted is not None
    assert datetime(1990, 1, 1, tzinfo=UTC) <= accepted <= datetime(2100, 1, 1, tzinfo=UTC)
