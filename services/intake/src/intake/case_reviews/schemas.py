"""A Community Trigger (ASB case review) application, and the answer to it."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from asb_shared.organisations import REPORT_REFERENCE
from asb_shared.types import Line, Text
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from ..reports.schemas import ReporterIn

Reference = Annotated[
    str,
    # Upper-cased before the pattern is checked: people type "asb-2026-000123".
    BeforeValidator(lambda v: v.strip().upper() if isinstance(v, str) else v),
    StringConstraints(pattern=REPORT_REFERENCE),
]


class CaseReviewIn(BaseModel):
    """An application for an ASB case review. Not anonymous: the applicant is named and reachable.
    Someone applying for another person needs that person's consent."""

    model_config = ConfigDict(extra="forbid")

    organisation_id: uuid.UUID
    applicant: ReporterIn
    on_behalf_of: (
        Annotated[Line, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
        | None
    ) = None
    consent_given: bool | None = None
    report_references: list[Reference] = Field(min_length=1, max_length=50)
    description: Annotated[
        Text, StringConstraints(strip_whitespace=True, min_length=20, max_length=10_000)
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
