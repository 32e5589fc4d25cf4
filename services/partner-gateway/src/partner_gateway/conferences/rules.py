"""Conference action rules, pure."""

from __future__ import annotations

from datetime import date
from enum import StrEnum


class ActionStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"


def is_overdue(status: str, due_on: date, today: date) -> bool:
    """An action not done by the end of its due date is overdue."""
    return status != ActionStatus.DONE and due_on < today
