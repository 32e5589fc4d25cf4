"""The evidence register of a case."""

from __future__ import annotations

import uuid

from asb_shared.pagination import Cursor, Limit, Page, page_of
from asb_shared.service import WorkDep
from fastapi import APIRouter

from ..api import CASE, STAFF_ERRORS, Staff, errors
from ..cases.store import PageOnCase
from . import use_cases
from .schemas import EvidenceIn, EvidenceOut

router = APIRouter(tags=["case actions"], responses=STAFF_ERRORS | errors(404))


@router.post(f"{CASE}/evidence", status_code=201, response_model=EvidenceOut)
async def add_evidence(
    case_id: uuid.UUID, body: EvidenceIn, principal: Staff, work: WorkDep
) -> EvidenceOut:
    """Add an item to the evidence register, with its content hash."""
    async with work(principal) as uow:
        row = await use_cases.add_evidence(uow, use_cases.AddEvidence(case_id, body))
    return EvidenceOut.model_validate(row)


@router.get(f"{CASE}/evidence", response_model=Page[EvidenceOut])
async def evidence(
    case_id: uuid.UUID, principal: Staff, work: WorkDep, limit: Limit = 50, cursor: Cursor = None
) -> Page[EvidenceOut]:
    async with work(principal) as uow:
        rows = await use_cases.evidence_on(uow, PageOnCase(case_id, limit, cursor))
    return page_of(rows, limit, EvidenceOut.model_validate, lambda r: r.id)
