"""What the assessments API takes and gives."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from ..common import Text
from .questions import QuestionSet

Key = Annotated[str, StringConstraints(min_length=1, max_length=60, pattern=r"^[a-z][a-z0-9_]*$")]


class AssessmentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    answers: dict[Key, dict[Key, Key]] = Field(
        min_length=1, max_length=20, description="area -> question id -> answer"
    )
    notes: dict[Key, Text] = Field(default={}, max_length=20, description="area -> the PEO's note")


class AreaScoreOut(BaseModel):
    score: int
    need: str


class AssessmentOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    client_id: uuid.UUID
    number: int
    question_set_version: int
    answers: dict[str, dict[str, str]]
    scores: dict[str, AreaScoreOut]
    notes: dict[str, str]
    assessed_by: str
    assessed_at: datetime


class QuestionSetOut(BaseModel):
    version: int
    definition: QuestionSet
