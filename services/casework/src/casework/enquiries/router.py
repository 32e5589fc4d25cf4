"""Councillors' and MPs' enquiries about a case."""

from __future__ import annotations

import uuid

from asb_shared.auth.groups import CaseStaff
from asb_shared.service import WorkDep
from fastapi import APIRouter

from ..api import CASE, CONFLICT, STAFF_ERRORS, add_listing
from ..cases.store import OnCase
from . import usecases
from .models import Enquiry
from .schemas import AnswerIn, EnquiryIn, EnquiryOut

router = APIRouter(tags=["case actions"], responses=STAFF_ERRORS | CONFLICT)


@router.post(f"{CASE}/enquiries", status_code=201, response_model=EnquiryOut)
async def record_enquiry(
    case_id: uuid.UUID, body: EnquiryIn, principal: CaseStaff, work: WorkDep
) -> EnquiryOut:
    """Record a councillor's or an MP's enquiry; its response deadline starts."""
    async with work(principal) as uow:
        row = await usecases.record_enquiry(uow, OnCase(case_id, body))
    return EnquiryOut.model_validate(row)


@router.post(f"{CASE}/enquiries/{{enquiry_id}}/answer", response_model=EnquiryOut)
async def answer_enquiry(
    case_id: uuid.UUID, enquiry_id: uuid.UUID, body: AnswerIn, principal: CaseStaff, work: WorkDep
) -> EnquiryOut:
    """Record the answer to an enquiry (its deadline is met, or stays breached)."""
    async with work(principal) as uow:
        row = await usecases.answer_enquiry(uow, usecases.Answer(case_id, enquiry_id, body))
    return EnquiryOut.model_validate(row)


add_listing(router, "enquiries", Enquiry, EnquiryOut)
