"""Request and response bodies of legal action."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import Field

from ..fields import BriefReason, Reason, Record, Strict, Text
from ..interventions.catalogue import InterventionKind


class OptionTried(Strict):
    option: InterventionKind
    outcome: Text
    """What came of it (why it did not stop the behaviour)."""


class LegalActionIn(Strict):
    action: InterventionKind
    options_tried: list[OptionTried] = Field(max_length=30)
    reason: Reason


class DecisionIn(Strict):
    approved: bool
    reason: BriefReason


class ProceedingsIn(Strict):
    note: Text


class LegalActionOut(Record):
    id: uuid.UUID
    case_id: uuid.UUID
    action: str
    options_tried: list[dict[str, Any]]
    reason: str
    stage: str
    proposed_by: str
    proposed_at: datetime
    decided_by: str | None
    decided_at: datetime | None
    decision_reason: str | None
    proceedings_at: datetime | None
    proceedings_note: str | None
