"""Telling the applicant of a case review's steps: their contact record and the event that
asks notifications to write to them, under the same contact rules as every complainant."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from asb_shared.contracts.casework import CaseReviewProgressed, ContactRecord
from asb_shared.contracts.common import ContactPreferences
from asb_shared.usecase import UnitOfWork

from ..cases.models import Case
from ..contacts.complainant import CAREFUL_ROUTES, preferences_on_route
from .models import CaseReview


def applicant_record(review: CaseReview, cases: Sequence[Case]) -> ContactRecord:
    """The applicant as notifications is to reach them: their own wishes (most careful when an
    older application carried none), careful when any of the cases is on the domestic-abuse or
    safeguarding route."""
    preferences = (
        ContactPreferences.model_validate(review.applicant_preferences)
        if review.applicant_preferences is not None
        else ContactPreferences(careful=True)
    )
    route = next((c.priority_route for c in cases if c.priority_route in CAREFUL_ROUTES), None)
    return ContactRecord(
        person_id=review.id,
        name=review.applicant_name,
        email=review.applicant_email,
        phone=review.applicant_phone,
        report_reference=review.report_references[0] if review.report_references else None,
        preferences=preferences_on_route(preferences, route),
        version=1,
    )


async def tell_applicant(
    uow: UnitOfWork,
    review: CaseReview,
    cases: Sequence[Case],
    step: str,
    text: str,
    *,
    decision: str | None = None,
    appeal_by: datetime | None = None,
    due_by: datetime | None = None,
) -> None:
    """Ask notifications to tell the applicant of ``step`` (in their language, by a channel
    their wishes allow, or a task for the team)."""
    case = next((c for c in cases if c.id == review.case_id), None)
    await uow.emit(
        CaseReviewProgressed(
            application_id=review.id,
            step=step,
            decision=decision,
            text=text,
            case_id=review.case_id,
            case_reference=case.reference if case is not None else None,
            applicant=applicant_record(review, cases),
            appeal_by=appeal_by,
            due_by=due_by,
        ),
        organisation_id=review.organisation_id,
    )
