"""Language and interpreter needs of a case's subjects and witnesses."""

from __future__ import annotations

import uuid

from asb_shared.auth.groups import CaseStaff
from asb_shared.service import WorkDep
from fastapi import APIRouter

from ..api import CASE, STAFF_ERRORS, errors
from ..cases.store import OnCase
from . import usecases
from .schemas import LanguageNeedIn, PersonOut

router = APIRouter(tags=["case actions"], responses=STAFF_ERRORS | errors(404))


@router.put(f"{CASE}/language-needs", response_model=PersonOut)
async def record_language_need(
    case_id: uuid.UUID, body: LanguageNeedIn, principal: CaseStaff, work: WorkDep
) -> PersonOut:
    """Record a subject's or witness's language and interpreter or BSL need (they show in the
    case's ``people``); replaces what was recorded for that person."""
    async with work(principal) as uow:
        person = await usecases.record_language_need(uow, OnCase(case_id, body))
    return PersonOut.model_validate(person)
