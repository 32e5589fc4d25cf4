"""What the equality monitoring API takes and gives."""

from __future__ import annotations

from datetime import date
from typing import Literal

from asb_shared.contracts.intake import EqualityAnswers
from pydantic import BaseModel, ConfigDict, Field


class AnswersIn(BaseModel):
    """What a complainant or a subject answered (every question optional)."""

    model_config = ConfigDict(extra="forbid")

    role: Literal["complainant", "subject"]
    answers: EqualityAnswers


class GroupOut(BaseModel):
    """One group's figures; a suppressed group shows none."""

    role: str
    characteristic: str
    value: str
    people: int | None
    suppressed: bool
    closed: int | None
    outcomes: dict[str, int]
    resolved_percent: float | None
    average_days_to_resolve: float | None
    satisfaction_responses: int | None
    satisfied_percent: float | None


class FairHandlingOut(BaseModel):
    """The fair-handling report for cases opened from ``from`` to ``to`` (inclusive days)."""

    model_config = ConfigDict(populate_by_name=True)

    from_: date = Field(alias="from")
    to: date
    min_group_size: int
    groups: list[GroupOut]
