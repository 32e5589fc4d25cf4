from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict

from .models import Message


class Decision(BaseModel):
    """One decision about a message: what happened, when, and why in words."""

    model_config = ConfigDict(extra="allow")

    at: datetime
    outcome: str
    """``sending``, ``deferred``, ``withheld``, ``retry``, ``delivered``, ``failed``..."""
    reasons: list[str]


class MessageOut(BaseModel):
    """A message as staff see it: what, to whom, by which channel and why, and its status."""

    id: uuid.UUID
    template: str
    recipient_type: str
    recipient: str
    """Where it went (email address, number, postal address, report reference) once sent;
    before that, the person's id or the member of staff."""
    person_id: uuid.UUID | None
    case_id: uuid.UUID | None
    case_reference: str | None
    reference: str | None
    status: str
    channel: str | None
    language: str | None
    template_version: int | None
    subject: str | None
    body: str | None
    task: str | None
    """The officer's task when the message was withheld."""
    decisions: list[Decision]
    attempts: int
    last_error: str | None
    created_at: datetime
    due_at: datetime
    sent_at: datetime | None
    delivered_at: datetime | None
    failed_at: datetime | None

    @classmethod
    def of(cls, m: Message) -> MessageOut:
        values: dict[str, Any] = {
            k: getattr(m, k) for k in cls.model_fields if k not in ("template", "recipient")
        }
        return cls(template=m.kind, recipient=m.address or m.recipient, **values)
