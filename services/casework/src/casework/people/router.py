"""People and places across cases: histories, what a case shares, merging people."""

from __future__ import annotations

import uuid
from typing import Annotated

from asb_shared.auth.groups import CaseStaff
from asb_shared.service import WorkDep
from asb_shared.types import Line
from fastapi import APIRouter, Query

from ..api import CASE, CONFLICT, NOT_FOUND, STAFF_ERRORS
from ..cases.store import WhichCase
from . import usecases
from .schemas import CasePeopleOut, CaseSeenOut, MergeIn, MergeOut, PersonHistoryOut

router = APIRouter(tags=["people and places"], responses=STAFF_ERRORS)

Words = Annotated[Line | None, Query(min_length=1, max_length=200)]


@router.get(f"{CASE}/people", response_model=CasePeopleOut, responses=NOT_FOUND)
async def case_people(case_id: uuid.UUID, principal: CaseStaff, work: WorkDep) -> CasePeopleOut:
    """Repeat victims, repeat subjects and a hotspot address: what the case shares with others,
    and its flags."""
    async with work(principal) as uow:
        found = await usecases.case_people(uow, WhichCase(case_id))
    return CasePeopleOut.model_validate(found)


@router.get("/v1/people/{person_id}/history", response_model=PersonHistoryOut, responses=NOT_FOUND)
async def person_history(
    person_id: uuid.UUID, principal: CaseStaff, work: WorkDep
) -> PersonHistoryOut:
    """Every case the person was a complainant on, oldest first."""
    async with work(principal) as uow:
        found = await usecases.person_history(uow, usecases.PersonOf(person_id))
    return PersonHistoryOut(
        records=found.records, cases=[CaseSeenOut.model_validate(c) for c in found.cases]
    )


@router.get("/v1/places/history", response_model=list[CaseSeenOut])
async def place_history(
    principal: CaseStaff,
    work: WorkDep,
    uprn: Annotated[str | None, Query(pattern=r"^[0-9]{1,12}$")] = None,
    address: Words = None,
    postcode: Annotated[Line | None, Query(max_length=10)] = None,
) -> list[CaseSeenOut]:
    """Every case about one place (UPRN, or address and postcode), oldest first."""
    async with work(principal) as uow:
        found = await usecases.place_history(uow, usecases.PlaceOf(uprn, address, postcode))
    return [CaseSeenOut.model_validate(c) for c in found]


@router.get("/v1/subjects/history", response_model=list[CaseSeenOut])
async def subject_history(
    principal: CaseStaff,
    work: WorkDep,
    name: Annotated[Line, Query(min_length=1, max_length=200)],
    address: Words = None,
) -> list[CaseSeenOut]:
    """Every case about one subject, oldest first."""
    async with work(principal) as uow:
        found = await usecases.subject_history(uow, usecases.SubjectOf(name, address))
    return [CaseSeenOut.model_validate(c) for c in found]


@router.post("/v1/people/merges", status_code=201, response_model=MergeOut, responses=CONFLICT)
async def merge(body: MergeIn, principal: CaseStaff, work: WorkDep) -> MergeOut:
    """Two complainant records are the same person."""
    async with work(principal) as uow:
        row = await usecases.merge(uow, usecases.Merge(body.person_id, body.same_as, body.reason))
    return MergeOut.model_validate(row)


@router.post("/v1/people/merges/{merge_id}/unmerge", response_model=MergeOut, responses=CONFLICT)
async def unmerge(merge_id: uuid.UUID, principal: CaseStaff, work: WorkDep) -> MergeOut:
    """Undo a merge."""
    async with work(principal) as uow:
        row = await usecases.unmerge(uow, usecases.Unmerge(merge_id))
    return MergeOut.model_validate(row)
