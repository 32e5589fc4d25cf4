"""Events intake consumes: case changes that update what a reporter sees (see
:mod:`intake.reporter.projection` for what they are told)."""

from __future__ import annotations

from asb_shared.contracts.casework import (
    CaseAssigned,
    CaseClosedV2,
    CaseOpenedV2,
    CaseStatusChanged,
    ReportLinkedV2,
)
from asb_shared.contracts.notifications import InAppMessagePosted
from asb_shared.usecase import UnitOfWork

from . import projection
from .usecases import (
    CaseMoved,
    FollowCase,
    PostInAppMessage,
    case_moved,
    follow_case,
    post_in_app_message,
)


async def _follow(
    uow: UnitOfWork,
    event: CaseOpenedV2 | ReportLinkedV2,
    update: projection.Update,
) -> None:
    command = FollowCase(event.report_id, event.case_reference, event.version, event.status, update)
    await follow_case(uow, command)


async def _moved(
    uow: UnitOfWork,
    event: CaseAssigned | CaseStatusChanged | CaseClosedV2,
    update: projection.Update | None,
    officer_name: str | None = None,
) -> None:
    await case_moved(
        uow, CaseMoved(event.case_reference, event.version, event.status, update, officer_name)
    )


async def case_opened(uow: UnitOfWork, event: CaseOpenedV2) -> None:
    """The report now has a case: the reporter sees it as open, with the case reference."""
    await _follow(uow, event, projection.case_opened_update(event.case_reference))


async def report_linked(uow: UnitOfWork, event: ReportLinkedV2) -> None:
    """The report joined an existing case: the reporter follows that case."""
    await _follow(uow, event, projection.report_linked_update(event.case_reference))


async def case_assigned(uow: UnitOfWork, event: CaseAssigned) -> None:
    await _moved(uow, event, projection.ASSIGNED_UPDATE, event.officer_name)


async def status_changed(uow: UnitOfWork, event: CaseStatusChanged) -> None:
    await _moved(uow, event, projection.status_changed_update(event.command))


async def case_closed(uow: UnitOfWork, event: CaseClosedV2) -> None:
    await _moved(uow, event, projection.closed_update(event.outcome))


async def in_app_message_posted(uow: UnitOfWork, event: InAppMessagePosted) -> None:
    """Notifications sent a message by the in-app channel: the reporter reads it in their view."""
    command = PostInAppMessage(
        organisation_id=uow.envelope.organisation_id,
        report_reference=event.report_reference,
        message_id=event.message_id,
        subject=event.subject,
        body=event.body,
        posted_at=event.posted_at,
    )
    await post_in_app_message(uow, command)
