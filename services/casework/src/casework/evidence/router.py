"""The evidence register of a case."""

from __future__ import annotations

import uuid

from asb_shared.auth.groups import CaseStaff
from asb_shared.pagination import Cursor, Limit, Page, page_of
from asb_shared.service import WorkDep
from fastapi import APIRouter

from ..api import CASE, STAFF_ERRORS, errors
from ..cases.store import OnCase
from ..reads.router import ReadReason
from . import usecases
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


@router.get(f"{CASE}/evidence", response_model=Page[EvidenceOut])
async def evidence(
    case_id: uuid.UUID,
    principal: CaseStaff,
    work: WorkDep,
    reason: ReadReason = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[EvidenceOut]:
    """The case's evidence register, newest first. Every read is audited."""
    async with work(principal) as uow:
        rows = await usecases.evidence_on_case(
            uow, usecases.EvidencePage(case_id, limit, cursor, reason)
        )
    return page_of(rows, limit, EvidenceOut.model_validate, lambda r: r.id)
