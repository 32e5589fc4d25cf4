"""Contacts with the people on a case."""

from __future__ import annotations

import uuid

from asb_shared.service import WorkDep
from fastapi import APIRouter

from ..api import CASE, STAFF_ERRORS, Staff, add_listing, errors
from ..cases.store import OnCase
from . import use_cases
from .models import Contact
from .schemas import ContactIn, ContactOut

router = APIRouter(tags=["case actions"], responses=STAFF_ERRORS | errors(404))


@router.post(f"{CASE}/contacts", status_code=201, response_model=ContactOut)
async def add_contact(
    case_id: uuid.UUID, body: ContactIn, principal: Staff, work: WorkDep
) -> ContactOut:
    """Record a contact with someone on the case (meets first contact, restarts the clock)."""
    async with work(principal) as uow:
        row = await use_cases.record_contact(uow, OnCase(case_id, body))
    return ContactOut.model_validate(row)


add_listing(router, "contacts", Contact, ContactOut)
