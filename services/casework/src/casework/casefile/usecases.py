"""Reading one case in full."""

from __future__ import annotations

from asb_shared.usecase import UnitOfWork

from ..cases.store import case_to_read
from ..reads.recording import ReadingCase, read_of
from ..reads.sensitivity import Resource
from .store import CaseWithReports, with_reports


async def read_case(uow: UnitOfWork, query: ReadingCase) -> CaseWithReports:
    """One case with its reports. Another organisation's case is simply not found. A read of
    a case on the domestic-abuse, hate or safeguarding route is audited."""
    case = await case_to_read(uow, query.case_id)
    read_of(uow, case, Resource.CASE, query.reason)
    return await with_reports(uow, case)
