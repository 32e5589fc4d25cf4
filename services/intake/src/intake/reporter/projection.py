"""What a reporter is told of the case behind their report: the rules of the status projection.

The reporter sees three states: received (no case yet), open and closed, and short updates in
plain words, never staff notes or the case's internal states. Every report of a case follows
the case; an event older than the version already held changes nothing.
"""

from __future__ import annotations

from typing import NamedTuple

from ..reports.anonymity import may_be_contacted

RECEIVED = "received"
OPEN = "open"
CLOSED = "closed"

_CLOSED_CASE_STATUSES = {"resolved", "closed", "information_only", "not_asb", "referred_on"}


class Update(NamedTuple):
    """An update in English and in Welsh: each reporter is told in their report's language."""

    en: str
    cy: str


_OUTCOME_WORDS = {
    "resolved": Update("the behaviour has stopped", "mae'r ymddygiad wedi dod i ben"),
    "unresolved": Update(
        "we could not take it further for now", "ni allem fynd â hyn ymhellach am y tro"
    ),
    "information_only": Update(
        "we have kept your report on record for information",
        "rydym wedi cadw eich adroddiad ar gofnod er gwybodaeth",
    ),
    "not_asb": Update(
        "this is not something we can treat as anti-social behaviour; we have given advice",
        "nid yw hyn yn rhywbeth y gallwn ei drin fel ymddygiad gwrthgymdeithasol; rydym wedi rhoi"
        " cyngor",
    ),
    "referred_on": Update(
        "it has been passed to the agency best placed to deal with it",
        "mae wedi cael ei drosglwyddo i'r asiantaeth orau i ddelio ag ef",
    ),
}


def reporter_status(case_status: str) -> str:
    """What a reporter is told of a case's status: open or closed, nothing internal."""
    return CLOSED if case_status in _CLOSED_CASE_STATUSES else OPEN


def case_opened_update(case_reference: str) -> Update:
    return Update(
        f"We have opened case {case_reference} for your report.",
        f"Rydym wedi agor achos {case_reference} ar gyfer eich adroddiad.",
    )


def report_linked_update(case_reference: str) -> Update:
    return Update(
        f"Your report has been added to case {case_reference}, which is about the same problem.",
        f"Mae eich adroddiad wedi'i ychwanegu at achos {case_reference}, sydd am yr un broblem.",
    )


ASSIGNED_UPDATE = Update(
    "An officer is now responsible for your case and will be your contact.",
    "Mae swyddog bellach yn gyfrifol am eich achos a bydd yn gyswllt i chi.",
)
REOPENED_UPDATE = Update("Your case has been reopened.", "Mae eich achos wedi cael ei ailagor.")


def status_changed_update(command: str) -> Update | None:
    """Only a reopening is news to the reporter; other moves inside an open case are not."""
    return REOPENED_UPDATE if command == "reopen" else None


def closed_update(outcome: str) -> Update:
    plain = outcome.replace("_", " ")
    words = _OUTCOME_WORDS.get(outcome, Update(plain, plain))
    return Update(
        f"Your case has been closed: {words.en}. Please tell us how we did.",
        f"Mae eich achos wedi cau: {words.cy}. Dywedwch wrthym sut wnaethom ni.",
    )


def survey_open(status: str, answered: bool, anonymous: bool) -> bool:
    """The satisfaction survey is offered once the case is closed, until it is answered, and
    never to an anonymous reporter (who is never contacted)."""
    return status == CLOSED and not answered and may_be_contacted(anonymous)
