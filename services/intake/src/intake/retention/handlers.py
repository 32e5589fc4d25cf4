"""Casework's retention announcements, followed by intake."""

from __future__ import annotations

from asb_shared.contracts.casework import CaseExpired, PersonErased
from asb_shared.usecase import UnitOfWork

from .usecases import EraseReporter, RemoveReports, erase_reporter, remove_reports


async def case_expired(uow: UnitOfWork, event: CaseExpired) -> None:
    await remove_reports(uow, RemoveReports(uow.envelope.organisation_id, event.report_ids))


async def person_erased(uow: UnitOfWork, event: PersonErased) -> None:
    await erase_reporter(uow, EraseReporter(event.report_ids))
