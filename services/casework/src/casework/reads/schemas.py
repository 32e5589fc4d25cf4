"""What the read audit API gives."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict


class ReadOut(BaseModel):
    """One sensitive read: who, when, what, on which case, and why if they were asked."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    at: datetime
    actor: str
    actor_roles: str
    resource: str
    case_id: uuid.UUID
    case_reference: str
    priority_route: str | None
    reason: str | None


COLUMNS = list(ReadOut.model_fields)
