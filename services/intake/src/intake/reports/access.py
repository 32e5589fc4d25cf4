"""A reporter's way in: the report's reference and its tracking token, nothing else."""

from __future__ import annotations

from dataclasses import dataclass

from asb_shared.usecase import NotFound, UnitOfWork
from sqlalchemy import select

from ..reporter.models import ReportStatus
from .models import Report
from .tracking import token_matches

NO_MATCH = "No report matches that reference and tracking token."


@dataclass(frozen=True)
class ReporterCredentials:
    reference: str
    tracking_token: str


async def reporters_report(
    uow: UnitOfWork, credentials: ReporterCredentials
) -> tuple[Report, ReportStatus]:
    """The report and its status if the token matches; NotFound alike for unknown and wrong."""
    row = (
        await uow.session.execute(
            select(Report, ReportStatus)
            .join(ReportStatus, ReportStatus.report_id == Report.id)
            .where(Report.reference == credentials.reference)
        )
    ).first()
    report, status = (row[0], row[1]) if row is not None else (None, None)
    stored = report.tracking_token_hash if report is not None else None
    if not token_matches(stored, credentials.tracking_token) or report is None or status is None:
        raise NotFound(NO_MATCH)
    return report, status
