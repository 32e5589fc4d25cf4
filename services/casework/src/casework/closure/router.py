"""Closing a case, and reopening it."""

from __future__ import annotations

import uuid

from asb_shared.service import WorkDep
from fastapi import APIRouter

from ..api import CASE, STAFF_ERRORS, STATUS_CONFLICT, Staff, errors
from ..cases.store import OnCase
from . import use_cases
from .schemas import ClosureIn, ClosureOut, ReopenIn, ReopenOut

router = APIRouter(tags=["case actions"], responses=STAFF_ERRORS | errors(404))


@router.post(
    f"{CASE}/closure", status_code=201, response_model=ClosureOut, responses=STATUS_CONFLICT
)
async def close(case_id: uuid.UUID, body: ClosureIn, principal: Staff, work: WorkDep) -> ClosureOut:
    """Close the case with an outcome, after discussing it with the complainant (not anonymous).

    Announces ``casework.case.closed``, which asks for the satisfaction survey.
    """
    async with work(principal) as uow:
        return await use_cases.close_case(uow, OnCase(case_id, body))


@router.post(f"{CASE}/reopen", status_code=201, response_model=ReopenOut, responses=STATUS_CONFLICT)
async def reopen(case_id: uuid.UUID, body: ReopenIn, principal: Staff, work: WorkDep) -> ReopenOut:
    """Take a closed case up again; it behaves like an open one and keeps its officer."""
    async with work(principal) as uow:
        return await use_cases.reopen_case(uow, OnCase(case_id, body.reason))
