"""Reading one case in full."""

from __future__ import annotations

from asb_shared.usecase import UnitOfWork

from ..cases.store import WhichCase, case_to_read
from .store import CaseWithReports, with_reports


async def read_case(uow: UnitOfWork, query: WhichCase) -> CaseWithReports:
    """One case with its reports. Another organisation's case is simply not found."""
    return await with_reports(uow, await case_to_read(uow, query.case_id))
