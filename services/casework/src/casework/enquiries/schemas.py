"""Request and response bodies of enquiries."""

from __future__ import annotations

import uuid
from datetime import datetime

from asb_shared.types import PastInstant

from ..fields import Name, Record, Strict, Text
from .deadlines import Enquirer


class EnquiryIn(Strict):
    enquirer: Enquirer
    enquirer_name: Name
    question: Text
    received_at: PastInstant | None = None
    """When it reached the landlord (now if not given)."""


class AnswerIn(Strict):
    answer: Text


class EnquiryOut(Record):
    id: uuid.UUID
    case_id: uuid.UUID
    enquirer: str
    enquirer_name: str
    question: str
    received_at: datetime
    due_at: datetime
    recorded_by: str
    answer: str | None
    answered_by: str | None
    answered_at: datetime | None
