"""Casework's events that build the case projection, each version mapped to one shape."""

from __future__ import annotations

from asb_shared.contracts import (
    CaseAssigned,
    CaseClosed,
    CaseClosedV2,
    CaseOpened,
    CaseOpenedV2,
    CaseStatusChanged,
    ContactPreferencesChanged,
    EngagementReferralRequested,
    ReportLinked,
    ReportLinkedV2,
)
from asb_shared.messaging.consumer import HandlerContext, Handlers

from .projection import (
    CaseEvent,
    apply_case_event,
    complainant_from_record,
    complainant_from_v1,
)

handlers = Handlers()


@handlers.on(CaseOpened)
async def case_opened(ctx: HandlerContext, event: CaseOpened) -> None:
    await apply_case_event(
        ctx,
        CaseEvent(
            case_id=event.case_id,
            case_reference=event.case_reference,
            version=event.version,
            status=event.status,
            categories=[c.value for c in event.categories],
            opened_at=event.opened_at,
            anonymous=event.anonymous,
            report_references=(event.report_reference,),
            complainants=() if event.anonymous else complainant_from_v1(event.complainant),
        ),
    )


@handlers.on(CaseOpenedV2)
async def case_opened_v2(ctx: HandlerContext, event: CaseOpenedV2) -> None:
    await apply_case_event(
        ctx,
        CaseEvent(
            case_id=event.case_id,
            case_reference=event.case_reference,
            version=event.version,
            status=event.status,
            categories=[c.value for c in event.categories],
            opened_at=event.opened_at,
            anonymous=event.anonymous,
            route=event.route,
            report_references=(event.report_reference,),
            complainants=() if event.anonymous else complainant_from_record(event.complainant),
        ),
    )


@handlers.on(CaseStatusChanged)
async def status_changed(ctx: HandlerContext, event: CaseStatusChanged) -> None:
    await apply_case_event(
        ctx, CaseEvent(event.case_id, event.case_reference, event.version, event.status)
    )


@handlers.on(CaseAssigned)
async def assigned(ctx: HandlerContext, event: CaseAssigned) -> None:
    await apply_case_event(
        ctx,
        CaseEvent(
            event.case_id,
            event.case_reference,
            event.version,
            event.status,
            officer_name=event.officer_name,
        ),
    )


@handlers.on(ReportLinked)
async def report_linked(ctx: HandlerContext, event: ReportLinked) -> None:
    await apply_case_event(
        ctx,
        CaseEvent(
            event.case_id,
            event.case_reference,
            event.version,
            event.status,
            report_references=(event.report_reference,),
            complainants=() if event.anonymous else complainant_from_v1(event.reporter),
        ),
    )


@handlers.on(ReportLinkedV2)
async def report_linked_v2(ctx: HandlerContext, event: ReportLinkedV2) -> None:
    await apply_case_event(
        ctx,
        CaseEvent(
            event.case_id,
            event.case_reference,
            event.version,
            event.status,
            report_references=(event.report_reference,),
            complainants=() if event.anonymous else complainant_from_record(event.complainant),
        ),
    )


@handlers.on(ContactPreferencesChanged)
async def contact_changed(ctx: HandlerContext, event: ContactPreferencesChanged) -> None:
    await apply_case_event(
        ctx,
        CaseEvent(
            event.case_id,
            event.case_reference,
            event.version,
            event.status,
            complainants=complainant_from_record(event.complainant),
        ),
    )


@handlers.on(CaseClosed)
async def case_closed(ctx: HandlerContext, event: CaseClosed) -> None:
    # Version 1 carries the complainant's contact with its free-text note: not taken.
    await apply_case_event(
        ctx,
        CaseEvent(
            event.case_id,
            event.case_reference,
            event.version,
            event.status,
            outcome=event.outcome,
            closure_reason=event.reason,
            closed_at=event.closed_at,
            report_references=tuple(event.report_references),
        ),
    )


@handlers.on(CaseClosedV2)
async def case_closed_v2(ctx: HandlerContext, event: CaseClosedV2) -> None:
    await apply_case_event(
        ctx,
        CaseEvent(
            event.case_id,
            event.case_reference,
            event.version,
            event.status,
            outcome=event.outcome,
            closure_reason=event.reason,
            closed_at=event.closed_at,
            report_references=tuple(event.report_references),
            officer_name=event.officer_name,
        ),
    )


@handlers.on(EngagementReferralRequested)
async def engagement_referral(ctx: HandlerContext, event: EngagementReferralRequested) -> None:
    await apply_case_event(
        ctx,
        CaseEvent(
            event.case_id,
            event.case_reference,
            0,
            "received",
            versioned=False,
            engagement_referral={
                "referral_id": str(event.referral_id),
                "subject_name": event.subject_name,
                "reason": event.reason,
                "requested_by": event.requested_by,
            },
        ),
    )
