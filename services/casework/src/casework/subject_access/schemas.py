"""What the subject access API takes and gives."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from asb_shared.types import Line, Text
from pydantic import BaseModel, ConfigDict, EmailStr, Field


class PersonIn(BaseModel):
    """Who is asking: an email address, a phone number, or a name and postcode."""

    model_config = ConfigDict(extra="forbid")

    name: Line | None = Field(default=None, max_length=200)
    email: EmailStr | None = None
    phone: Line | None = Field(default=None, max_length=32)
    postcode: Line | None = Field(default=None, max_length=10)


class RequestIn(PersonIn):
    received_on: date = Field(description="the day the request was received (day one)")


class PersonFoundOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    case_id: uuid.UUID
    report_reference: str
    name: str | None
    email: str | None
    phone: str | None


class ItemOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    source: str
    kind: str
    reference: str | None
    at: datetime | None
    data: dict[str, Any]
    others: list[str] = Field(description="fields naming someone else: review before release")
    reviewed: bool
    redacted: list[str]


class RequestOut(BaseModel):
    id: uuid.UUID
    name: str | None
    emails: list[str]
    phones: list[str]
    received_on: date
    due_on: date
    extension_months: int
    contributed: list[str]
    waiting_for: list[str]
    complete: bool
    items: int
    to_review: int
    released_at: datetime | None
    released_by: str | None
    release_note: str | None


class ReviewIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    redact: list[Line] = Field(default_factory=list, max_length=60)


class ReleaseIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    note: Text | None = Field(default=None, max_length=2000)


class ExtensionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    months: int = Field(ge=0, le=2, description="further months beyond the first (0 to 2)")
