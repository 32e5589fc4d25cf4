"""The reporting mailbox as staff see it."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel

MailStatus = Literal["needs_attention", "received", "converted", "duplicate"]


class InboundMailOut(BaseModel):
    """An email the listener received; the whole message is at ``/v1/inbound-mail/{id}/raw``."""

    id: uuid.UUID
    received_at: datetime
    mail_from: str
    subject: str | None
    message_id: str | None
    status: str
    problem: str | None
    report_id: uuid.UUID | None
    report_reference: str | None
    size: int
