"""Events from intake that add to open cases: follow-ups and survey answers."""

from __future__ import annotations

from asb_shared.contracts.intake import FollowupReceived, SurveySubmitted
from asb_shared.usecase import UnitOfWork

from .usecases import NoteOnCases, note_on_cases, record_followup


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
