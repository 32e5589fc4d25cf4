"""A case with everything officers read on it, loaded in four statements."""

from __future__ import annotations

from dataclasses import dataclass, field

from asb_shared.usecase import UnitOfWork
from sqlalchemy import select

from ..cases.models import Case, CaseReport, Complainant
from ..cases.store import reports_of
from ..languages.models import LanguageNeed
from ..markers.schemas import MarkerOut
from ..markers.store import markers_on


@dataclass(frozen=True)
class CaseWithReports:
    """A case as officers read it: with the reports it collects and its complainants."""

    case: Case
    reports: list[CaseReport]
    complainants: list[Complainant]
    language_needs: list[LanguageNeed] = field(default_factory=list)
    """Of the subjects and witnesses the reports name."""
    warning_markers: list[MarkerOut] = field(default_factory=list)
    """On the case's address and subjects, as the member of staff reading sees them."""


async def with_reports(uow: UnitOfWork, case: Case) -> CaseWithReports:
    complainants = await uow.session.scalars(
        select(Complainant)
        .where(Complainant.case_id == case.id)
        .order_by(Complainant.added_at, Complainant.id)
    )
    reports = await reports_of(uow.session, case.id)
    needs = await uow.session.scalars(
        select(LanguageNeed).where(
            LanguageNeed.report_id.in_([r.report_id for r in reports]),
            LanguageNeed.organisation_id == case.organisation_id,
        )
    )
    markers = await markers_on(uow, case)
    return CaseWithReports(case, reports, list(complainants), list(needs), markers)
