"""The events that ask for messages; each handler calls one use case."""

from __future__ import annotations

from asb_shared.contracts.casework import (
    CaseAssigned,
    CaseClosedV2,
    CaseOpenedV2,
    CaseReviewProgressed,
    CommunityTriggerEligible,
    ContactPreferencesChanged,
    ReportLinkedV2,
    StandardBreached,
    StandardWarning,
    UpdateShared,
)
from asb_shared.contracts.engagement import PlanReviewDue
from asb_shared.contracts.partner_gateway import WebhookEndpointPaused
from asb_shared.usecase import UnitOfWork

from . import usecases


async def on_case_opened(uow: UnitOfWork, event: CaseOpenedV2) -> None:
    await usecases.case_opened(uow, event)


async def on_report_linked(uow: UnitOfWork, event: ReportLinkedV2) -> None:
    await usecases.report_linked(uow, event)


async def on_contact_changed(uow: UnitOfWork, event: ContactPreferencesChanged) -> None:
    await usecases.contact_changed(uow, event)


async def on_case_assigned(uow: UnitOfWork, event: CaseAssigned) -> None:
    await usecases.case_assigned(uow, event)


async def on_update_shared(uow: UnitOfWork, event: UpdateShared) -> None:
    await usecases.update_shared(uow, event)


async def on_case_closed(uow: UnitOfWork, event: CaseClosedV2) -> None:
    await usecases.case_closed(uow, event)


async def on_community_trigger(uow: UnitOfWork, event: CommunityTriggerEligible) -> None:
    await usecases.community_trigger_eligible(uow, event)


async def on_standard_warning(uow: UnitOfWork, event: StandardWarning) -> None:
    await usecases.standard_alert(uow, event)


async def on_standard_breached(uow: UnitOfWork, event: StandardBreached) -> None:
    await usecases.standard_alert(uow, event)


async def on_plan_review_due(uow: UnitOfWork, event: PlanReviewDue) -> None:
    await usecases.plan_review_due(uow, event)


async def on_webhook_paused(uow: UnitOfWork, event: WebhookEndpointPaused) -> None:
    await usecases.webhook_paused(uow, event)


async def on_case_review_progressed(uow: UnitOfWork, event: CaseReviewProgressed) -> None:
    await usecases.case_review_progressed(uow, event)
