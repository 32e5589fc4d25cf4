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


class EvidenceReadOut(BaseModel):
    """A download of a stored evidence file by a member of staff."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    at: datetime
    actor: str
    actor_roles: str
    evidence_id: uuid.UUID
    report_id: uuid.UUID


EVIDENCE_READ_COLUMNS = list(EvidenceReadOut.model_fields)
