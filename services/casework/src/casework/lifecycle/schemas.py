"""Request and response bodies of lifecycle steps, closure, reopening and corroboration."""

from __future__ import annotations

import uuid
from datetime import datetime

from asb_shared.types import PastInstant
from pydantic import BaseModel, ConfigDict, Field

from ..cases.state_machine import CaseCommand
from ..contacts.schemas import ContactMethod
from ..fields import BriefReason, DecisionReason, Reason, Record, Short, Strict, Text
from .closing import ClosingOutcome, CorroborationMethod


class ClosureIn(Strict):
    outcome: ClosingOutcome
    reason: Reason
    discussed_with_complainant_at: PastInstant | None = Field(
        default=None, description="required unless the case is anonymous"
    )
    discussion_method: ContactMethod = Field(
        default=ContactMethod.PHONE, description="how the closure was discussed"
    )


class ReopenIn(Strict):
    reason: BriefReason


class ClosureOut(BaseModel):
    case_id: uuid.UUID
    case_reference: str
    status: str
    version: int
    outcome: str
    reason: str
    closed_at: datetime
    closed_by: str
    discussion_contact_id: uuid.UUID | None


class ReopenOut(BaseModel):
    case_id: uuid.UUID
    case_reference: str
    status: str
    version: int
    reason: str
    reopened_at: datetime
    reopened_by: str


class CorroborationIn(Strict):
    method: CorroborationMethod
    what: Short = Field(description="what was done, e.g. 'evening patrol of Park Road'")
    attempted_at: PastInstant
    result: Text = Field(description="what it found, also when it found nothing")


class CorroborationOut(Record):
    id: uuid.UUID
    case_id: uuid.UUID
    method: str
    what: str
    attempted_at: datetime
    result: str
    recorded_by: str
    recorded_at: datetime


class CommandIn(BaseModel):
    """A lifecycle step that needs nothing but a reason (others have their own endpoints)."""

    model_config = ConfigDict(extra="forbid")

    command: CaseCommand
    reason: DecisionReason | None = None
