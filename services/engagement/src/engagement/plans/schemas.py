"""What the support plan API takes and gives."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..common import Short, Text


class ActionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    description: Text
    owner: Short = Field(description="who does it: the client, the PEO, an agency")
    due_on: date


class GoalIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: Short
    actions: list[ActionIn] = Field(min_length=1, max_length=20)


class PlanIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    goals: list[GoalIn] = Field(min_length=1, max_length=20)
    review_every_days: int | None = Field(
        default=None,
        ge=1,
        le=180,
        description="the interval agreed with the client; the landlord's usual one if not given",
    )
    next_review_on: date


class ReviewIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    held_on: date
    notes: Text
    next_review_on: date | None = Field(
        default=None,
        description="agreed date of the next review; the interval from held_on if not given",
    )


class ActionDoneIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    done_on: date


class ActivityKind(StrEnum):
    ONE_TO_ONE = "one_to_one"
    ACCOMPANIED_APPOINTMENT = "accompanied_appointment"
    SPECIALIST_REFERRAL = "specialist_referral"


class SpecialistService(StrEnum):
    DRUG_AND_ALCOHOL = "drug_and_alcohol"
    MENTAL_HEALTH = "mental_health"
    DEBT_ADVICE = "debt_advice"
    ANGER_MANAGEMENT = "anger_management"
    HOUSING_SUPPORT = "housing_support"
    OTHER = "other"


class ActivityIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: ActivityKind
    occurred_on: date
    summary: Text
    specialist_service: SpecialistService | None = None
    provider: Short | None = None

    @model_validator(mode="after")
    def _service_for_referrals(self) -> ActivityIn:
        if self.kind is ActivityKind.SPECIALIST_REFERRAL and self.specialist_service is None:
            raise ValueError("a specialist referral names the specialist_service")
        return self


class ActionOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    description: str
    owner: str
    due_on: date
    done_on: date | None


class GoalOut(BaseModel):
    id: uuid.UUID
    title: str
    actions: list[ActionOut]


class ReviewOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    held_on: date
    notes: str
    next_review_on: date
    reviewed_by: str
    recorded_at: datetime


class PlanOut(BaseModel):
    id: uuid.UUID
    client_id: uuid.UUID
    number: int
    status: str
    review_every_days: int
    next_review_on: date
    review_warn_at: datetime
    review_due_at: datetime
    created_by: str
    created_at: datetime
    goals: list[GoalOut]
    reviews: list[ReviewOut]


class ActivityOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    kind: str
    occurred_on: date
    summary: str
    specialist_service: str | None
    provider: str | None
    recorded_by: str
    recorded_at: datetime
