"""Use case of tenure: an officer records the tenure of the home a case is about."""

from __future__ import annotations

from asb_shared.usecase import UnitOfWork

from ..cases.models import Case
from ..cases.store import OnCase, case_for_update
from ..timeline.recording import acting, record
from .schemas import TenureIn


async def record_tenure(uow: UnitOfWork, command: OnCase[TenureIn]) -> Case:
    case = await case_for_update(uow, command.case_id)
    before, case.tenure = case.tenure, command.body.tenure.value
    await record(
        uow,
        case,
        actor=acting(uow),
        kind="tenure",
        summary=f"Tenure recorded: {case.tenure}",
        data={"from": before, "to": case.tenure},
    )
    return case
