"""Community Trigger (ASB case review) applications, from complainants or on their behalf."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from asb_shared.contracts import CaseReviewRequested, Contact
from asb_shared.errors import ErrorResponse
from asb_shared.service import DbDep, OutboxDep
from fastapi import APIRouter, Depends
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)
from sqlalchemy import insert

from ..models import CaseReviewApplication
from ..ratelimit import rate_limited
from ..schemas import ReporterIn

router = APIRouter(prefix="/v1/case-reviews", tags=["case reviews"])

Reference = Annotated[
    str,
    # Upper-cased before the pattern is checked: people type "asb-2026-000123".
    BeforeValidator(lambda v: v.strip().upper() if isinstance(v, str) else v),
    StringConstraints(pattern=r"^ASB-\d{4}-\d{6}$"),
]


class CaseReviewIn(BaseModel):
    """An application for an ASB case review. Not anonymous: the applicant is named and reachable.
    Someone applying for another person needs that person's consent."""

    model_config = ConfigDict(extra="forbid")

    organisation_id: uuid.UUID
    applicant: ReporterIn
    on_behalf_of: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
        | None
    ) = None
    consent_given: bool | None = None
    report_references: list[Reference] = Field(min_length=1, max_length=50)
    description: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=20, max_length=10_000)
    ]

    @model_validator(mode="after")
    def _consent(self) -> CaseReviewIn:
        if self.on_behalf_of and self.consent_given is not True:
            raise ValueError(
                "an application on someone's behalf needs their consent (consent_given: true)"
            )
        return self


class CaseReviewAccepted(BaseModel):
    id: uuid.UUID
    submitted_at: datetime


@router.post(
    "",
    status_code=201,
    response_model=CaseReviewAccepted,
    responses={422: {"model": ErrorResponse}, 429: {"model": ErrorResponse}},
    dependencies=[Depends(rate_limited("case-reviews"))],
)
async def apply(body: CaseReviewIn, db: DbDep, outbox: OutboxDep) -> CaseReviewAccepted:
    """Apply for a case review: the landlord and its partners must consider it."""
    applicant = body.applicant
    async with db.transaction() as session:
        row = (
            await session.execute(
                insert(CaseReviewApplication)
                .values(
                    organisation_id=body.organisation_id,
                    applicant_name=applicant.name,
                    applicant_email=str(applicant.email) if applicant.email else None,
                    applicant_phone=applicant.phone,
                    on_behalf_of=body.on_behalf_of,
                    consent_given=body.consent_given,
                    report_references=list(dict.fromkeys(body.report_references)),
                    description=body.description,
                )
                .returning(CaseReviewApplication.id, CaseReviewApplication.submitted_at)
            )
        ).one()
        await outbox.add(
            session,
            CaseReviewRequested(
                application_id=row.id,
                applicant=Contact(**applicant.model_dump(mode="json")),
                on_behalf_of=body.on_behalf_of,
                consent_given=body.consent_given,
                report_references=list(dict.fromkeys(body.report_references)),
                description=body.description,
            ),
            organisation_id=body.organisation_id,
        )
    return CaseReviewAccepted(id=row.id, submitted_at=row.submitted_at)
