"""Use cases of the standards an officer meets by hand: the team leader's monthly review."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from asb_shared.usecase import UnitOfWork

from ..cases.store import CaseWithReports, case_for_update, with_reports
from ..timeline.recording import acting, record
from . import timers


@dataclass(frozen=True)
class ReviewCase:
    case_id: uuid.UUID
    notes: str


async def review_case(uow: UnitOfWork, command: ReviewCase) -> CaseWithReports:
    """A team leader's monthly review: it meets the review standard and starts the next."""
    case = await case_for_update(uow, command.case_id)
    await record(
        uow,
        case,
        actor=acting(uow),
        kind="manager_review",
        summary=f"Manager review: {command.notes}",
    )
    await timers.on_manager_review(uow.session, case, uow.now())
    return await with_reports(uow, case)
