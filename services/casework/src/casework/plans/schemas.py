"""Request and response bodies of action plans."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from asb_shared.contracts.common import ContactChannel
from asb_shared.types import PastInstant
from pydantic import BaseModel, Field

from ..fields import Name, Record, Short, Strict


class PlannedAction(Strict):
    action: Short
    owner: Name
    due_date: date


class ActionPlanIn(Strict):
    actions: list[PlannedAction] = Field(min_length=1, max_length=50)
    contact_method: ContactChannel
    contact_frequency_days: int = Field(ge=1, le=60)
    agreed_with_complainant_at: PastInstant


class PlannedActionOut(BaseModel):
    action: str
    owner: str
    due_date: date


class ActionPlanOut(Record):
    id: uuid.UUID
    case_id: uuid.UUID
    actions: list[PlannedActionOut]
    contact_method: str
    contact_frequency_days: int
    agreed_with_complainant_at: datetime
    recorded_by: str
    recorded_at: datetime
