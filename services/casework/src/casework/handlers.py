"""Events casework consumes."""

from __future__ import annotations

from asb_shared.contracts import (
    CaseReviewRequested,
    FollowupReceived,
    MessageDelivered,
    MessageFailed,
    ReportReceived,
    SurveySubmitted,
)
from asb_shared.messaging.consumer import HandlerContext, Handlers

from .cases import handle_followup, handle_report, note_on_cases, record_acknowledgement

handlers = Handlers()


@handlers.on(ReportReceived)
async def report_received(ctx: HandlerContext, event: ReportReceived) -> None:
    await handle_report(ctx, event)


@handlers.on(MessageDelivered)
async def message_delivered(ctx: HandlerContext, event: MessageDelivered) -> None:
    await record_acknowledgement(ctx, event)


@handlers.on(MessageFailed)
async def message_failed(ctx: HandlerContext, event: MessageFailed) -> None:
    await record_acknowledgement(ctx, event)


@handlers.on(FollowupReceived)
async def followup_received(ctx: HandlerContext, event: FollowupReceived) -> None:
    await handle_followup(ctx, event)


@handlers.on(SurveySubmitted)
async def survey_submitted(ctx: HandlerContext, event: SurveySubmitted) -> None:
    """The complainant's satisfaction (TP12) goes on the case it was about."""
    await note_on_cases(
        ctx,
        [event.report_reference],
        kind="satisfaction_survey",
        summary=f"Satisfaction survey: handling {event.handling}/5, outcome {event.outcome}/5"
        + (f": {event.comments[:500]}" if event.comments else ""),
        data={"handling": event.handling, "outcome": event.outcome},
    )


@handlers.on(CaseReviewRequested)
async def case_review_requested(ctx: HandlerContext, event: CaseReviewRequested) -> None:
    """A Community Trigger application is recorded on every case its reports belong to."""
    who = event.applicant.name or "the complainant"
    if event.on_behalf_of:
        who += f" on behalf of {event.on_behalf_of}"
    await note_on_cases(
        ctx,
        event.report_references,
        kind="case_review_requested",
        summary=f"ASB case review (Community Trigger) requested by {who}",
        data={"application_id": str(event.application_id)},
    )
