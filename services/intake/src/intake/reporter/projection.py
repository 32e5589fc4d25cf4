"""What a reporter is told of the case behind their report: the rules of the status projection.

The reporter sees three states: received (no case yet), open and closed, and short updates in
plain words, never staff notes or the case's internal states. Every report of a case follows
the case; an event older than the version already held changes nothing.
"""

from __future__ import annotations

from ..reports.anonymity import may_be_contacted

RECEIVED = "received"
OPEN = "open"
CLOSED = "closed"

_CLOSED_CASE_STATUSES = {"resolved", "closed", "information_only", "not_asb", "referred_on"}
_OUTCOME_WORDS = {
    "resolved": "the behaviour has stopped",
    "unresolved": "we could not take it further for now",
    "information_only": "we have kept your report on record for information",
    "not_asb": "this is not something we can treat as anti-social behaviour; we have given advice",
    "referred_on": "it has been passed to the agency best placed to deal with it",
}


def reporter_status(case_status: str) -> str:
    """What a reporter is told of a case's status: open or closed, nothing internal."""
    return CLOSED if case_status in _CLOSED_CASE_STATUSES else OPEN


def case_opened_update(case_reference: str) -> str:
    return f"We have opened case {case_reference} for your report."


def report_linked_update(case_reference: str) -> str:
    return f"Your report has been added to case {case_reference}, which is about the same problem."


ASSIGNED_UPDATE = "An officer is now responsible for your case and will be your contact."
REOPENED_UPDATE = "Your case has been reopened."


def status_changed_update(command: str) -> str | None:
    """Only a reopening is news to the reporter; other moves inside an open case are not."""
    return REOPENED_UPDATE if command == "reopen" else None


def closed_update(outcome: str) -> str:
    words = _OUTCOME_WORDS.get(outcome, outcome.replace("_", " "))
    return f"Your case has been closed: {words}. Please tell us how we did."


def survey_open(status: str, answered: bool, anonymous: bool) -> bool:
    """The satisfaction survey is offered once the case is closed, until it is answered, and
    never to an anonymous reporter (who is never contacted)."""
    return status == CLOSED and not answered and may_be_contacted(anonymous)
