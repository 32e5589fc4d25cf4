"""A report from intake opens a case or joins one."""

from __future__ import annotations

from asb_shared.contracts.intake import ReportReceived, ReportReceivedV2
from asb_shared.usecase import UnitOfWork

from .reports import report_v2
from .usecases import receive_report


async def report_received(uow: UnitOfWork, event: ReportReceivedV2) -> None:
    await receive_report(uow, event)


async def report_received_v1(uow: UnitOfWork, event: ReportReceived) -> None:
    """Version 1, in flight during a deploy: the reporter's wishes count as unknown."""
    await receive_report(uow, report_v2(event))
