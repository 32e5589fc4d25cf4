"""Closing a case, as pure rules: the outcomes an officer may choose, and the discussion first.

No I/O happens here.
"""

from __future__ import annotations

from enum import StrEnum

from ..cases.models import Case
from ..contacts.complainant import may_contact_complainant
from ..lifecycle.state_machine import CaseCommand


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
