"""What the outcomes API takes and gives."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from ..common import Text
from .measures import Outcome


class OutcomeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    outcome: Outcome
    recorded_on: date
    legal_action_avoided: bool = Field(
        default=False, description="the support avoided legal action (for the measures)"
    )
    note: Text | None = None


class OutcomeOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    client_id: uuid.UUID
    outcome: str
    recorded_on: date
    legal_action_avoided: bool
    note: str | None
    recorded_by: str
    recorded_at: datetime


class EstimateIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    cost_per_action: Annotated[Decimal, Field(ge=0, max_digits=10, decimal_places=2)]


class EstimateOut(BaseModel):
    cost_per_action: Decimal


class MeasuresOut(BaseModel):
    period_from: date
    period_to: date
    clients_supported: int
    cases_resolved: int
    cases_avoided_legal_action: int
    legal_spend_avoided: Decimal
    cost_per_action: Decimal
    outcomes: dict[str, int]
