"""Contacts with the people on a case."""

from __future__ import annotations

import uuid

from asb_shared.pagination import Cursor, Limit, Page, page_of
from asb_shared.service import WorkDep
from fastapi import APIRouter

from ..api import CASE, STAFF_ERRORS, Staff, errors
from ..cases.store import PageOnCase
from . import use_cases
from .schemas import ContactIn, ContactOut

router = APIRouter(tags=["case actions"], responses=STAFF_ERRORS | errors(404))


@router.post(f"{CASE}/contacts", status_code=201, response_model=ContactOut)
async def add_contact(
    case_id: uuid.UUID, body: ContactIn, principal: Staff, work: WorkDep
) -> ContactOut:
    """Record a contact with someone on the case (meets first contact, restarts the clock)."""
    async with work(principal) as uow:
        row = await use_cases.record_contact(uow, use_cases.RecordContact(case_id, body))
    return ContactOut.model_validate(row)


@router.get(f"{CASE}/contacts", response_model=Page[ContactOut])
async def contacts(
    case_id: uuid.UUID, principal: Staff, work: WorkDep, limit: Limit = 50, cursor: Cursor = None
) -> Page[ContactOut]:
    async with work(principal) as uow:
        rows = await use_cases.contacts_on(uow, PageOnCase(case_id, limit, cursor))
    return page_of(rows, limit, ContactOut.model_validate, lambda r: r.id)
