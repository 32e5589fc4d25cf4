"""Contacts with the people on a case, and the complainants' contact records."""

from __future__ import annotations

import uuid

from asb_shared.auth.groups import CaseStaff
from asb_shared.service import WorkDep
from fastapi import APIRouter

from ..api import CASE, CONFLICT, STAFF_ERRORS, add_listing, errors
from ..casefile.schemas import ComplainantOut
from ..cases.models import Contact
from ..cases.store import OnCase
from ..reads.recording import ReadingCase
from ..reads.router import ReadReason
from . import complainants, usecases
from .schemas import ContactChangeIn, ContactIn, ContactOut, UpdateIn, UpdateOut

router = APIRouter(tags=["case actions"], responses=STAFF_ERRORS | errors(404))


@router.post(f"{CASE}/contacts", status_code=201, response_model=ContactOut)
async def add_contact(
    case_id: uuid.UUID, body: ContactIn, principal: CaseStaff, work: WorkDep
) -> ContactOut:
    """Record a contact with someone on the case (meets first contact, restarts the clock)."""
    async with work(principal) as uow:
        row = await usecases.record_contact(uow, OnCase(case_id, body))
    return ContactOut.model_validate(row)


add_listing(router, "contacts", Contact, ContactOut)


@router.get(f"{CASE}/complainants", response_model=list[ComplainantOut])
async def list_complainants(
    case_id: uuid.UUID, principal: CaseStaff, work: WorkDep, reason: ReadReason = None
) -> list[ComplainantOut]:
    """The case's complainants' contact records (one per named report), with the officer-only
    note and code word. Anonymous reporters have none. Every read is audited."""
    async with work(principal) as uow:
        rows = await complainants.complainants_of(uow, ReadingCase(case_id, reason))
    return [ComplainantOut.model_validate(r) for r in rows]


@router.put(f"{CASE}/complainants/{{person_id}}/contact", response_model=ComplainantOut)
async def change_contact(
    case_id: uuid.UUID,
    person_id: uuid.UUID,
    body: ContactChangeIn,
    principal: CaseStaff,
    work: WorkDep,
) -> ComplainantOut:
    """Change how a complainant may be contacted (a new version of their record, on the
    timeline with who and why); it wins from now on, also for messages already scheduled."""
    async with work(principal) as uow:
        row = await complainants.change_contact(
            uow, complainants.ChangeContact(case_id, person_id, body)
        )
    return ComplainantOut.model_validate(row)


@router.post(f"{CASE}/updates", status_code=201, response_model=UpdateOut, responses=CONFLICT)
async def share_update(
    case_id: uuid.UUID, body: UpdateIn, principal: CaseStaff, work: WorkDep
) -> UpdateOut:
    """Record an update meant for the complainants (all, or ``person_id``): each gets it by
    their safe channel."""
    async with work(principal) as uow:
        return await complainants.share_update(uow, OnCase(case_id, body))
