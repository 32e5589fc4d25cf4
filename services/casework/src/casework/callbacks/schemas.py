"""Request and response bodies of call-backs."""

from __future__ import annotations

import uuid
from datetime import datetime

from ..fields import Record, Strict, Text
from .sampling import CallBackResult


class CallBackResultIn(Strict):
    result: CallBackResult
    notes: Text | None = None


class CallBackOut(Record):
    id: uuid.UUID
    case_id: uuid.UUID
    sampled_at: datetime
    result: str | None
    notes: str | None
    done_by: str | None
    done_at: datetime | None
