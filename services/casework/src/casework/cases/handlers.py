"""Events from intake that open cases or add to them."""

from __future__ import annotations

from asb_shared.contracts import (
    CaseReviewRequested,
    FollowupReceived,
    ReportReceived,
    ReportReceivedV2,
    SurveySubmitted,
)
from asb_shared.usecase import UnitOfWork

from ..trigger.reviews import receive_application
from .followups import NoteOnCases, note_on_cases, record_followup
from .opening import receive_report, report_v2


async def report_received(uow: UnitOfWork, event: ReportReceivedV2) -> None:
    await receive_report(uow, event)


async def report_received_v1(uow: UnitOfWork, event: ReportReceived) -> None:
    """Version 1, in flight during a deploy: the reporter's wishes count as unknown."""
    await receive_report(uow, report_v2(event))


async def followup_received(uow: UnitOfWork, event: FollowupReceived) -> None:
    await record_followup(uow, event)


async def survey_submitted(uow: UnitOfWork, event: SurveySubmitted) -> None:
    """The complainant's satisfaction (TP12) goes on the case it was about."""
    await note_on_cases(
        uow,
        NoteOnCases(
            [event.report_reference],
            kind="satisfaction_survey",
            summary=f"Satisfaction survey: handling {event.handling}/5, outcome {event.outcome}/5"
            + (f": {event.comments[:500]}" if event.comments else ""),
            data={"handling": event.handling, "outcome": event.outcome},
        ),
    )


async def case_review_requested(uow: UnitOfWork, event: CaseReviewRequested) -> None:
    """A Community Trigger application is recorded as an application, its eligibility checked,
    on every case its reports belong to."""
    await receive_application(uow, event)
