"""Closing a case, as pure rules: the outcomes an officer may choose, the discussion first, and
an anonymous report's corroboration before it is closed as "information only".

No I/O happens here.
"""

from __future__ import annotations

from enum import StrEnum

from ..cases.models import Case
from ..cases.parties import may_contact_complainant
from ..cases.state_machine import CaseCommand


class ClosingOutcome(StrEnum):
    """The outcomes an officer may close a working case with (not ASB is a triage decision)."""

    RESOLVED = "resolved"
    UNRESOLVED = "unresolved"
    INFORMATION_ONLY = "information_only"
    REFERRED_ON = "referred_on"


CLOSING_COMMANDS: dict[ClosingOutcome, CaseCommand] = {
    ClosingOutcome.RESOLVED: CaseCommand.RESOLVE,
    ClosingOutcome.UNRESOLVED: CaseCommand.CLOSE_UNRESOLVED,
    ClosingOutcome.INFORMATION_ONLY: CaseCommand.CLOSE_INFORMATION_ONLY,
    ClosingOutcome.REFERRED_ON: CaseCommand.REFER_ON,
}
"""The lifecycle command each closing outcome applies."""


def discussion_required(case: Case) -> bool:
    """An officer discusses the closure with the complainant first, unless there is nobody
    casework may contact (an anonymous report)."""
    return may_contact_complainant(case)


class CorroborationMethod(StrEnum):
    """How an officer tried to corroborate a report nobody can be asked about."""

    PATROL = "patrol"
    CCTV = "cctv"
    OTHER_REPORTS = "other_reports"
    DOOR_KNOCKING = "door_knocking"
    OTHER = "other"


def information_only_refusal(
    outcome: ClosingOutcome, *, anonymous: bool, corroboration_attempts: int
) -> str | None:
    """Why the case may not close with ``outcome`` yet, or None if it may.

    An anonymous report cannot be discussed with its maker, so before it is filed as
    "information only" an officer must have tried to corroborate it (a patrol, CCTV, other
    reports, door-knocking): otherwise a real problem is closed on nobody's word.
    """
    if outcome is ClosingOutcome.INFORMATION_ONLY and anonymous and corroboration_attempts < 1:
        return (
            "An anonymous report is closed as information only after at least one attempt to "
            "corroborate it (patrol, CCTV, other reports, door-knocking) is recorded."
        )
    return None
