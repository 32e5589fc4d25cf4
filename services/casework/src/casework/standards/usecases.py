"""Use cases of the standards an officer meets by hand: the team leader's monthly review."""

from __future__ import annotations

from asb_shared.usecase import UnitOfWork

from ..casefile.store import CaseWithReports, with_reports
from ..cases.store import OnCase, case_for_update
from ..timeline.recording import acting, record
from . import timers


async def review_case(uow: UnitOfWork, command: OnCase[str]) -> CaseWithReports:
    """A team leader's monthly review (``body``: the notes): it meets the review standard and
    starts the next."""
    case = await case_for_update(uow, command.case_id)
    await record(
        uow,
        case,
        actor=acting(uow),
        kind="manager_review",
        summary=f"Manager review: {command.body}",
    )
    await timers.on_manager_review(uow.session, case, uow.now())
    return await with_reports(uow, case)
