"""Warning markers on a case's address or subjects."""

from __future__ import annotations

import uuid

from asb_shared.auth.groups import CaseStaff, Managers
from asb_shared.service import WorkDep
from fastapi import APIRouter

from ..api import CASE, NOT_FOUND, STAFF_ERRORS, ConfirmAsbIn
from ..cases.store import OnCase, WhichCase
from . import usecases
from .schemas import MarkerIn, MarkerOut

router = APIRouter(tags=["warning markers"], responses=STAFF_ERRORS | NOT_FOUND)


@router.post(f"{CASE}/warning-markers", status_code=201, response_model=MarkerOut)
async def raise_marker(
    case_id: uuid.UUID, body: MarkerIn, principal: CaseStaff, work: WorkDep
) -> MarkerOut:
    """Put a warning marker on the case's address or one of its subjects."""
    async with work(principal) as uow:
        return await usecases.raise_marker(uow, OnCase(case_id, body))


@router.get(f"{CASE}/warning-markers", response_model=list[MarkerOut])
async def markers_of_case(
    case_id: uuid.UUID, principal: CaseStaff, work: WorkDep
) -> list[MarkerOut]:
    """The markers on the case's address and subjects, wherever they were raised (the reason
    only for the roles each names)."""
    async with work(principal) as uow:
        return await usecases.markers_of_case(uow, WhichCase(case_id))


@router.post("/v1/warning-markers/{marker_id}/removal", response_model=MarkerOut)
async def remove_marker(
    marker_id: uuid.UUID, body: ConfirmAsbIn, principal: Managers, work: WorkDep
) -> MarkerOut:
    """A team leader takes a marker off after its review."""
    async with work(principal) as uow:
        return await usecases.remove_marker(uow, usecases.Removal(marker_id, body.reason))
