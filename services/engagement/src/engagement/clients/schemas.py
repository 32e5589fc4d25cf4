"""What the clients API takes and gives."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from ..common import Short, Text
from .engagement import Change, ConsentMethod


class ConsentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    given_by: Short = Field(description="the client, or who consented for them")
    method: ConsentMethod
    at: AwareDatetime | None = Field(default=None, description="when; now if not given")
    note: Text | None = None


class WithdrawalIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    given_by: Short = Field(description="who withdrew consent (usually the client)")
    method: ConsentMethod
    at: AwareDatetime | None = None
    note: Text | None = None


class ContactLevelIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    level: Short = Field(description="the level agreed with the client, in words")
    every_days: int = Field(ge=1, le=90, description="at least one contact every N days")


class EngagementIn(BaseModel):
    """A disengagement or a re-engagement, dated."""

    model_config = ConfigDict(extra="forbid")

    change: Change = Field(description="disengaged or re_engaged")
    effective_on: date
    reason: Text | None = None


class ClientOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    reference: str
    name: str
    status: str
    peo_id: str
    peo_name: str
    contact_level: str | None
    contact_every_days: int | None
    outcome: str | None
    engaged_on: date | None
    closed_on: date | None
    created_at: datetime
    version: int


class CaseLinkOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    case_id: uuid.UUID
    case_reference: str | None


class ConsentOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    given: bool
    given_by: str
    method: str
    at: datetime
    note: str | None
    recorded_by: str
    recorded_at: datetime


class ChangeOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    change: str
    status: str
    effective_on: date
    reason: str | None
    recorded_by: str
    recorded_at: datetime


class ClientRecord(BaseModel):
    """A client's engagement record as the PEO sees it."""

    client: ClientOut
    cases: list[CaseLinkOut]
    consents: list[ConsentOut]
    engagement: list[ChangeOut]
    changes_allowed: list[str]


class ClientStatus(BaseModel):
    """What casework and officers may know: status and outcome, nothing else."""

    id: uuid.UUID
    reference: str
    status: str
    outcome: str | None
