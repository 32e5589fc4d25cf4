"""An officer's own case, with what is due next on it and what has breached."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from ..casefile.schemas import CaseSummary


class NextDue(BaseModel):
    kind: str
    due_at: datetime
    warned: bool


class MyCase(CaseSummary):
    next_due: NextDue | None
    breached: list[str]
