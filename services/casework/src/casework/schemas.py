from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict


class CaseReportOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    report_id: uuid.UUID
    report_reference: str
    channel: str
    description: str
    occurred_at: datetime
    received_at: datetime


class CaseSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    reference: str
    status: str
    categories: list[str]
    summary: str
    location: str | None
    opened_at: datetime
    acknowledged_at: datetime | None
    acknowledgement_failed: bool
    updated_at: datetime


class ComplainantOut(BaseModel):
    name: str | None
    email: str | None
    phone: str | None
    preferred_channel: str | None
    anonymous: bool


class CaseDetail(CaseSummary):
    complainant: ComplainantOut
    reports: list[CaseReportOut]
