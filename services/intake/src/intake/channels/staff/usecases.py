"""Reports taken by phone, by letter or in person, keyed in by the member of staff who took
them (recorded as such)."""

from __future__ import annotations

from asb_shared.contracts import Channel
from asb_shared.usecase import Forbidden, Invalid, Problem, UnitOfWork

from ...reports.usecases import Accepted, AcceptReport, accept_report
from .schemas import StaffReportIn


async def key_in_report(uow: UnitOfWork, report: StaffReportIn) -> Accepted:
    """Accept a report for the acting member of staff's own organisation."""
    if uow.actor is None:
        raise Forbidden("Only staff key in reports.")
    if report.organisation_id != uow.actor.organisation_id:
        raise Invalid(
            "Staff key reports for their own organisation.",
            [Problem("organisation_id", "must be your organisation", "wrong_organisation")],
        )
    return await accept_report(
        uow, AcceptReport(report, Channel(report.channel), received_by=uow.actor.subject)
    )
