"""Evidence files as the reporter sees them: the type is the one detected from the content."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict


class EvidenceOut(BaseModel):
    """One file as stored: the type is the one detected from its content."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    filename: str
    content_type: str
    size: int
    sha256: str
    received_at: datetime


class EvidenceAdded(BaseModel):
    followup_id: uuid.UUID
    report_reference: str
    items: list[EvidenceOut]


class EvidenceList(BaseModel):
    items: list[EvidenceOut]
