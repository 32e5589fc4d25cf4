"""A report from intake opens a case or joins one."""

from __future__ import annotations

from asb_shared.contracts.intake import ReportReceivedV2
from asb_shared.usecase import UnitOfWork

from .usecases import receive_report


async def report_received(uow: UnitOfWork, event: ReportReceivedV2) -> None:
    await receive_report(uow, event)
