"""Events intake consumes: case changes that update what a reporter sees (see
:mod:`intake.reporter.projection` for what they are told)."""

from __future__ import annotations

from asb_shared.contracts import (
    CaseAssigned,
    CaseClosed,
    CaseClosedV2,
    CaseOpened,
    CaseOpenedV2,
    CaseStatusChanged,
    InAppMessagePosted,
    ReportLinked,
    ReportLinkedV2,
)
from asb_shared.messaging.consumer import HandlerContext, Handlers

from . import projection
from .usecases import (
    CaseMoved,
    FollowCase,
    PostInAppMessage,
    case_moved,
    follow_case,
    post_in_app_message,
)

handlers = Handlers()


async def _follow(
    ctx: HandlerContext,
    event: CaseOpened | CaseOpenedV2 | ReportLinked | ReportLinkedV2,
    update: projection.Update,
) -> None:
    command = FollowCase(event.report_id, event.case_reference, event.version, event.status, update)
    await follow_case(ctx, command)


async def _moved(
    ctx: HandlerContext,
    event: CaseAssigned | CaseStatusChanged | CaseClosed | CaseClosedV2,
    update: projection.Update | None,
    officer_name: str | None = None,
) -> None:
    await case_moved(
        ctx, CaseMoved(event.case_reference, event.version, event.status, update, officer_name)
    )


@handlers.on(CaseOpenedV2)
@handlers.on(CaseOpened)
async def case_opened(ctx: HandlerContext, event: CaseOpened | CaseOpenedV2) -> None:
    """The report now has a case: the reporter sees it as open, with the case reference."""
    await _follow(ctx, event, projection.case_opened_update(event.case_reference))


@handlers.on(ReportLinkedV2)
@handlers.on(ReportLinked)
async def report_linked(ctx: HandlerContext, event: ReportLinked | ReportLinkedV2) -> None:
    """The report joined an existing case: the reporter follows that case."""
    await _follow(ctx, event, projection.report_linked_update(event.case_reference))


@handlers.on(CaseAssigned)
async def case_assigned(ctx: HandlerContext, event: CaseAssigned) -> None:
    await _moved(ctx, event, projection.ASSIGNED_UPDATE, event.officer_name)


@handlers.on(CaseStatusChanged)
async def status_changed(ctx: HandlerContext, event: CaseStatusChanged) -> None:
    await _moved(ctx, event, projection.status_changed_update(event.command))


@handlers.on(CaseClosedV2)
@handlers.on(CaseClosed)
async def case_closed(ctx: HandlerContext, event: CaseClosed | CaseClosedV2) -> None:
    await _moved(ctx, event, projection.closed_update(event.outcome))


@handlers.on(InAppMessagePosted)
async def in_app_message_posted(ctx: HandlerContext, event: InAppMessagePosted) -> None:
    """Notifications sent a message by the in-app channel: the reporter reads it in their view."""
    command = PostInAppMessage(
        organisation_id=ctx.envelope.organisation_id,
        report_reference=event.report_reference,
        message_id=event.message_id,
        subject=event.subject,
        body=event.body,
        posted_at=event.posted_at,
    )
    await post_in_app_message(ctx, command)
