"""A scored questionnaire, the shape casework's risk matrix and engagement's needs assessment
share: questions whose answers carry points, and the totals at which the level is medium or high.

Each service publishes versions of its own (per organisation, never changing an old one) and
scores answers by its own rules; what a valid questionnaire is has this one home. Text is one
line without control characters and points are bounded, since a set is stored as JSON where
PostgreSQL refuses a NUL.
"""

from __future__ import annotations

from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from .types import Line

AnswerText = Annotated[Line, StringConstraints(min_length=1, max_length=100)]
Points = Annotated[int, Field(ge=0, le=1000)]


class ScoredQuestion(BaseModel):
    """One question: its id, its wording, and the points each answer carries."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9_]{1,40}$")
    text: Line = Field(min_length=5, max_length=300)
    answers: dict[AnswerText, Points] = Field(
        min_length=2, max_length=20, description="answer -> points"
    )


class Thresholds(BaseModel):
    """The totals from which the level is medium, and high; the questions' ids are unique.

    Subclasses declare ``questions`` (their own question type and how many)."""

    model_config = ConfigDict(extra="forbid")

    medium_from: int = Field(ge=1, le=100_000)
    high_from: int = Field(ge=1, le=100_000)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.high_from <= self.medium_from:
            raise ValueError("high_from must be above medium_from")
        questions: list[ScoredQuestion] = getattr(self, "questions", [])
        ids = [q.id for q in questions]
        if len(ids) != len(set(ids)):
            raise ValueError("question ids must be unique")
        return self
