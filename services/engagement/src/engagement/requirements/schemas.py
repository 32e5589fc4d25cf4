"""What the positive requirements API takes and gives."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..common import Reference, Short, Text
from .compliance import Compliance, OrderKind, RequirementKind


class RequirementIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: RequirementKind
    description: Text


class OrderIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: OrderKind
    court: Short
    made_on: date
    expires_on: date | None = None
    case_reference: Reference | None = None
    requirements: list[RequirementIn] = Field(min_length=1, max_length=20)

    @model_validator(mode="after")
    def _dates(self) -> OrderIn:
        if self.expires_on is not None and self.expires_on <= self.made_on:
            raise ValueError("expires_on must be after made_on")
        return self


class ComplianceIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    on: date
    status: Compliance
    note: Text | None = None


class ComplianceOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    requirement_id: uuid.UUID
    on: date
    status: str
    note: str | None
    recorded_by: str
    recorded_at: datetime


class RequirementOut(BaseModel):
    id: uuid.UUID
    kind: str
    description: str
    compliance: list[ComplianceOut]
    compliance_rate: float | None
    latest: str | None


class OrderOut(BaseModel):
    id: uuid.UUID
    kind: str
    court: str
    made_on: date
    expires_on: date | None
    case_reference: str | None
    requirements: list[RequirementOut]
