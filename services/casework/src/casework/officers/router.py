"""Officers, their patches, and who a case is assigned to."""

from __future__ import annotations

import uuid

from asb_shared.auth.groups import CaseStaff, Managers
from asb_shared.service import WorkDep
from fastapi import APIRouter

from ..api import CONFLICT, STAFF_ERRORS
from ..casefile.schemas import CaseDetail
from ..cases.store import OnCase
from . import usecases
from .schemas import AssignmentIn, OfficerIn, OfficerOut

router = APIRouter(tags=["cases"], responses=STAFF_ERRORS)


@router.post("/v1/cases/{case_id}/assignment", response_model=CaseDetail, responses=CONFLICT)
async def assign(
    case_id: uuid.UUID, body: AssignmentIn, principal: Managers, work: WorkDep
) -> CaseDetail:
    """A team leader assigns or reassigns the case's designated officer, with the reason kept."""
    async with work(principal) as uow:
        assigned = await usecases.assign_case(uow, OnCase(case_id, body))
    return CaseDetail.of(assigned)


@router.put("/v1/officers/{subject}", response_model=OfficerOut)
async def put_officer(
    subject: str, body: OfficerIn, principal: Managers, work: WorkDep
) -> OfficerOut:
    """Register an officer, or change their patches or whether they take new cases."""
    async with work(principal) as uow:
        await usecases.register_officer(uow, usecases.RegisterOfficer(subject, body))
    return OfficerOut(
        subject=subject,
        name=body.name,
        patches=body.patches,
        active=body.active,
        skills=sorted(set(body.skills)),
        team=body.team,
    )


@router.get("/v1/officers", response_model=list[OfficerOut])
async def officers(principal: CaseStaff, work: WorkDep) -> list[OfficerOut]:
    async with work(principal) as uow:
        rows = await usecases.list_officers(uow, usecases.ListOfficers())
    return [OfficerOut.model_validate(r) for r in rows]
