"""Reports taken by phone, by letter or in person, keyed in by the member of staff who took
them (recorded as such)."""

from __future__ import annotations

from dataclasses import dataclass

from asb_shared.contracts.common import Channel
from asb_shared.usecase import Forbidden, Invalid, Problem, UnitOfWork

from ...idempotency.keys import Replay, Retryable
from ...reports.links import ReporterLinks
from ...reports.schemas import ReportAccepted
from ...reports.usecases import AcceptReport, IssueOnce, issue_once
from .schemas import StaffReportIn


@dataclass(frozen=True)
class KeyInReport:
    report: StaffReportIn
    links: ReporterLinks
    retry: Retryable | None = None
    """Set when the client sent an Idempotency-Key: a retry gets the first answer."""


async def key_in_report(uow: UnitOfWork, command: KeyInReport) -> ReportAccepted | Replay:
    """Accept a report for the acting member of staff's own organisation."""
    report = command.report
    if uow.actor is None:
        raise Forbidden("Only staff key in reports.")
    if report.organisation_id != uow.actor.organisation_id:
        raise Invalid(
            "Staff key reports for their own organisation.",
            [Problem("organisation_id", "must be your organisation", "wrong_organisation")],
        )
    accept = AcceptReport(report, Channel(report.channel), received_by=uow.actor.subject)
    return await issue_once(uow, IssueOnce(accept, command.links, command.retry))
