"""A Community Trigger application from intake."""

from __future__ import annotations

from asb_shared.contracts.intake import CaseReviewRequested
from asb_shared.usecase import UnitOfWork

from .usecases import receive_application


async def case_review_requested(uow: UnitOfWork, event: CaseReviewRequested) -> None:
    """A Community Trigger application is recorded as an application, its eligibility checked,
    on every case its reports belong to."""
    await receive_application(uow, event)
