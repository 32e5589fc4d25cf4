"""A chat transcript read as a report (pure rules)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from asb_shared.usecase import Invalid
from intake.channels.webchat.schemas import ChatLine
from intake.channels.webchat.transcript import description_of

AT = datetime(2026, 11, 22, 20, 0, tzinfo=UTC)


def test_the_residents_words_come_first_then_the_whole_chat() -> None:
    lines = [
        ChatLine(speaker="bot", at=AT, text="What happened?"),
        ChatLine(speaker="resident", at=AT, text="Dealing from the empty flat next door."),
    ]
    description = description_of(lines)
    assert description.startswith("Dealing from the empty flat next door.\n\n--- chat transcript")
    assert "bot: What happened?" in description


def test_a_resident_who_said_too_little_makes_no_report() -> None:
    with pytest.raises(Invalid) as refused:
        description_of([ChatLine(speaker="resident", at=AT, text="hi")])
    assert [(p.field, p.type) for p in refused.value.problems] == [("transcript", "too_short")]
