from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict


class MessageOut(BaseModel):
    """A message as staff see it: what was sent, to whom, and whether it arrived."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    template: str
    channel: str
    recipient: str
    subject: str
    case_id: uuid.UUID | None
    reference: str | None
    status: str
    attempts: int
    last_error: str | None
    created_at: datetime
    delivered_at: datetime | None
