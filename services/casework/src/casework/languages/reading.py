"""The rows of reports and language needs, as the pure rule reads them."""

from __future__ import annotations

from collections.abc import Sequence

from ..cases.models import CaseReport
from .models import LanguageNeed
from .people import Need, PersonOnCase, ReportPeople, people_on_case


def need_of(row: LanguageNeed) -> Need:
    return Need(
        row.report_id, row.role, row.position, row.language, row.interpreter, row.bsl, row.notes
    )


def report_people(report: CaseReport) -> ReportPeople:
    return ReportPeople(report.report_id, report.report_reference, report.payload)


def people_of(reports: Sequence[CaseReport], needs: Sequence[LanguageNeed]) -> list[PersonOnCase]:
    """The subjects and witnesses of the case's reports, with their language needs."""
    return people_on_case([report_people(r) for r in reports], [need_of(n) for n in needs])
