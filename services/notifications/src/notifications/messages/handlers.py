"""The events that ask for messages; each handler calls one use case."""

from __future__ import annotations

from asb_shared.contracts import (
    CaseAssigned,
    CaseClosed,
    CaseClosedV2,
    CaseOpened,
    CaseOpenedV2,
    CommunityTriggerEligible,
    ContactPreferencesChanged,
    PlanReviewDue,
    ReportLinked,
    ReportLinkedV2,
    StandardBreached,
    StandardWarning,
    UpdateShared,
    WebhookEndpointPaused,
)
from asb_shared.messaging.consumer import HandlerContext, Handlers

from . import usecases

handlers = Handlers()


@handlers.on(CaseOpenedV2)
async def on_case_opened(ctx: HandlerContext, event: CaseOpenedV2) -> None:
    await usecases.case_opened(ctx, event)


@handlers.on(CaseOpened)
async def on_case_opened_v1(ctx: HandlerContext, event: CaseOpened) -> None:
    await usecases.case_opened(ctx, event)


@handlers.on(ReportLinkedV2)
async def on_report_linked(ctx: HandlerContext, event: ReportLinkedV2) -> None:
    await usecases.report_linked(ctx, event)


@handlers.on(ReportLinked)
async def on_report_linked_v1(ctx: HandlerContext, event: ReportLinked) -> None:
    await usecases.report_linked(ctx, event)


@handlers.on(ContactPreferencesChanged)
async def on_contact_changed(ctx: HandlerContext, event: ContactPreferencesChanged) -> None:
    await usecases.contact_changed(ctx, event)


@handlers.on(CaseAssigned)
async def on_case_assigned(ctx: HandlerContext, event: CaseAssigned) -> None:
    await usecases.case_assigned(ctx, event)


@handlers.on(UpdateShared)
async def on_update_shared(ctx: HandlerContext, event: UpdateShared) -> None:
    await usecases.update_shared(ctx, event)


@handlers.on(CaseClosedV2)
async def on_case_closed(ctx: HandlerContext, event: CaseClosedV2) -> None:
    await usecases.case_closed(ctx, event)


@handlers.on(CaseClosed)
async def on_case_closed_v1(ctx: HandlerContext, event: CaseClosed) -> None:
    await usecases.case_closed(ctx, event)


@handlers.on(CommunityTriggerEligible)
async def on_community_trigger(ctx: HandlerContext, event: CommunityTriggerEligible) -> None:
    await usecases.community_trigger_eligible(ctx, event)


@handlers.on(StandardWarning)
async def on_standard_warning(ctx: HandlerContext, event: StandardWarning) -> None:
    await usecases.standard_alert(ctx, event)


@handlers.on(StandardBreached)
async def on_standard_breached(ctx: HandlerContext, event: StandardBreached) -> None:
    await usecases.standard_alert(ctx, event)


@handlers.on(PlanReviewDue)
async def on_plan_review_due(ctx: HandlerContext, event: PlanReviewDue) -> None:
    await usecases.plan_review_due(ctx, event)


@handlers.on(WebhookEndpointPaused)
async def on_webhook_paused(ctx: HandlerContext, event: WebhookEndpointPaused) -> None:
    await usecases.webhook_paused(ctx, event)
