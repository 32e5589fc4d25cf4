"""What the confidentiality API takes and gives."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from ..common import Short, Text
from .policy import Concern


class OverrideIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    concern: Concern
    reason: Text = Field(description="why the record must be read: recorded in the audit log")


class LeadIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Short


class LeadOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    subject: str
    name: str
    added_by: str
    added_at: datetime


class ReadOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    client_id: uuid.UUID | None
    resource: str
    view: str
    actor: str
    actor_roles: str
    override: bool
    concern: str | None
    reason: str | None
    at: datetime
