"""Community Trigger (ASB, Crime and Policing Act 2014 s104): an application is recorded and
passed to casework, which the landlord and its partners must consider."""

from __future__ import annotations

from dataclasses import dataclass

from asb_shared.contracts.common import Contact
from asb_shared.contracts.intake import CaseReviewRequested
from asb_shared.organisations import require_for_request
from asb_shared.usecase import UnitOfWork
from sqlalchemy import insert

from ..idempotency.keys import Replay, Retryable, once
from ..reports.contact import preferences_of
from .models import CaseReviewApplication
from .schemas import CaseReviewAccepted, CaseReviewIn


@dataclass(frozen=True)
class ApplyForCaseReview:
    application: CaseReviewIn
    retry: Retryable | None = None
    """The submission's Idempotency-Key (None: none given)."""


async def apply_for_case_review(
    uow: UnitOfWork, command: ApplyForCaseReview
) -> CaseReviewAccepted | Replay:
    """Record the application and announce it, once per Idempotency-Key; refused (422) for an
    unknown or inactive organisation."""
    application, retry = command.application, command.retry
    await require_for_request(
        uow.session, application.organisation_id, service="intake", field="organisation_id"
    )

    async def make() -> CaseReviewAccepted:
        return await _record(uow, application)

    return await once(uow, retry, make)


async def _record(uow: UnitOfWork, application: CaseReviewIn) -> CaseReviewAccepted:
    applicant = application.applicant
    references = list(dict.fromkeys(application.report_references))
    row = (
        await uow.session.execute(
            insert(CaseReviewApplication)
            .values(
                organisation_id=application.organisation_id,
                applicant_name=applicant.name,
                applicant_email=str(applicant.email) if applicant.email else None,
                applicant_phone=applicant.phone,
                on_behalf_of=application.on_behalf_of,
                consent_given=application.consent_given,
                report_references=references,
                description=application.description,
            )
            .returning(CaseReviewApplication.id, CaseReviewApplication.submitted_at)
        )
    ).one()
    await uow.emit(
        CaseReviewRequested(
            application_id=row.id,
            applicant=Contact(
                name=applicant.name,
                email=str(applicant.email) if applicant.email else None,
                phone=applicant.phone,
                preferred_channel=applicant.wishes().preferred,
                safe_contact=applicant.officer_note(),
            ),
            on_behalf_of=application.on_behalf_of,
            consent_given=application.consent_given,
            report_references=references,
            description=application.description,
            applicant_preferences=preferences_of(
                applicant.wishes(), changed_at=uow.now(), changed_by="applicant"
            ),
        ),
        organisation_id=application.organisation_id,
    )
    return CaseReviewAccepted(id=row.id, submitted_at=row.submitted_at)
