"""The evidence register of a case."""

from __future__ import annotations

import uuid

from asb_shared.auth.groups import CaseStaff
from asb_shared.service import WorkDep
from fastapi import APIRouter

from ..api import CASE, STAFF_ERRORS, add_listing, errors
from ..cases.store import OnCase
from . import usecases
from .models import Evidence
from .schemas import EvidenceIn, EvidenceOut

router = APIRouter(tags=["case actions"], responses=STAFF_ERRORS | errors(404))


@router.post(f"{CASE}/evidence", status_code=201, response_model=EvidenceOut)
async def add_evidence(
    case_id: uuid.UUID, body: EvidenceIn, principal: CaseStaff, work: WorkDep
) -> EvidenceOut:
    """Add an item to the evidence register, with its content hash."""
    async with work(principal) as uow:
        row = await usecases.add_evidence(uow, OnCase(case_id, body))
    return EvidenceOut.model_validate(row)


add_listing(router, "evidence", Evidence, EvidenceOut)
