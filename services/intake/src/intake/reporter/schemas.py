"""What a reporter sends (incidents, survey answers) and sees (their own report, updates)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from asb_shared.types import PastInstant, Text
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from ..evidence.schemas import EvidenceOut

Description = Annotated[
    Text, StringConstraints(strip_whitespace=True, min_length=5, max_length=10_000)
]


class FollowupIn(BaseModel):
    """A new incident: what happened, and when."""

    model_config = ConfigDict(extra="forbid")

    description: Description
    occurred_at: PastInstant


class FollowupOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    kind: str
    description: str | None
    occurred_at: datetime | None
    received_at: datetime


class UpdateOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    at: datetime
    text: str


class MessageOut(BaseModel):
    """A message sent to the reporter through their status view (the in-app channel)."""

    model_config = ConfigDict(from_attributes=True)

    posted_at: datetime
    subject: str
    body: str


class EvidenceSummary(EvidenceOut):
    pass  # a file kept with the report, as stored (its own name in the API's schema)


class ReporterView(BaseModel):
    """A reporter's own report: theirs alone, in their own words, with updates meant for them."""

    reference: str
    status: str
    case_reference: str | None
    officer_name: str | None = Field(
        default=None, description="the officer responsible for the case, once assigned"
    )
    categories: list[str]
    description: str
    occurred_at: datetime
    received_at: datetime
    followups: list[FollowupOut]
    evidence: list[EvidenceSummary]
    updates: list[UpdateOut]
    messages: list[MessageOut] = Field(
        description="messages sent to the reporter here, oldest first (the in-app channel)"
    )
    survey_open: bool


class ReportStatusOut(BaseModel):
    """The reporter's view of their report: never staff notes or other people's details."""

    reference: str
    status: str
    received_at: datetime
    case_reference: str | None
    updated_at: datetime


class SurveyThanks(BaseModel):
    status: str = "thank you"


Rating = Annotated[int, Field(ge=1, le=5, description="1 very dissatisfied ... 5 very satisfied")]


class SurveyIn(BaseModel):
    """TP12: satisfaction with the landlord's approach to handling ASB, and with the outcome."""

    model_config = ConfigDict(extra="forbid")

    handling: Rating
    outcome: Rating
    comments: Annotated[Text, StringConstraints(strip_whitespace=True, max_length=5000)] | None = (
        None
    )
