"""What the budget API takes and gives. Money is Decimal (JSON: a string like "12.50")."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from ..common import Short, Text
from .rules import Category

Amount = Annotated[Decimal, Field(gt=0, max_digits=10, decimal_places=2, allow_inf_nan=False)]
Pounds = Annotated[Decimal, Field(ge=0, max_digits=10, decimal_places=2, allow_inf_nan=False)]


class BudgetIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    total: Pounds
    approval_threshold: Pounds | None = Field(
        default=None,
        description="a spend above this needs a team leader (service default if not set)",
    )
    allocations: dict[Category, Pounds] = {}


class SpendIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    category: Category
    amount: Amount
    supplier: Short
    description: Text
    spent_on: date


class SpendDecisionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    approve: bool
    note: Text | None = None


class SpendOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    client_id: uuid.UUID
    category: str
    amount: Decimal
    supplier: str
    description: str
    spent_on: date
    status: str
    requested_by: str
    approved_by: str | None
    decided_at: datetime | None
    decision_note: str | None


class CategoryOut(BaseModel):
    category: str
    allocated: Decimal | None
    committed: Decimal
    remaining: Decimal | None


class BudgetOut(BaseModel):
    year: int
    starts_on: date
    ends_on: date
    total: Decimal
    committed: Decimal
    remaining: Decimal
    awaiting_approval: Decimal
    approval_threshold: Decimal
    closed: bool
    categories: list[CategoryOut]
