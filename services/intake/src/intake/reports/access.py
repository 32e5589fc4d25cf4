"""A reporter's way in: the report's reference and its tracking token, nothing else."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from asb_shared.types import Line
from asb_shared.usecase import NotFound, UnitOfWork
from fastapi import Header, Path
from sqlalchemy import select

from .models import Report, ReportStatus
from .tracking import token_matches

NO_MATCH = "No report matches that reference and tracking token."

ReferencePath = Annotated[Line, Path(min_length=1, max_length=32)]
"""A report's reference in a reporter's URL (``HX-2026-000123``, or ``ASB-2026-000123`` before
organisations had prefixes)."""
TrackingTokenHeader = Annotated[Line, Header(min_length=8, max_length=200)]
"""The tracking token, in the ``X-Tracking-Token`` header."""


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
