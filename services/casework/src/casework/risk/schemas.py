"""Request and response bodies of risk assessments and the risk matrix."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from .scoring import QuestionSet


class RiskAssessmentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    answers: dict[str, str] = Field(min_length=1, max_length=40)


class RiskAssessmentOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    question_set_version: int
    answers: dict[str, str]
    score: int
    level: str
    assessed_by: str
    assessed_at: datetime


class QuestionSetOut(BaseModel):
    version: int
    definition: QuestionSet
