"""Officer actions on a case: contacts, action plans, interventions, evidence, referrals, closure.

Every action is one transaction on the caller's organisation's case (another landlord's case is
404), validated before anything is written, recorded on the case's timeline, and answered with
the record it created (201).
"""

from __future__ import annotations

import uuid
from typing import Annotated

from asb_shared.auth import Principal, Role, require_roles
from asb_shared.errors import ErrorResponse
from asb_shared.pagination import Cursor, Limit, Page, page_of
from asb_shared.service import DbDep, OutboxDep
from fastapi import APIRouter, Depends, Query

from .. import actions
from ..models import ActionPlan, Contact, Evidence, Intervention, Referral
from ..schemas_actions import (
    ActionPlanIn,
    ActionPlanOut,
    ClosureIn,
    ClosureOut,
    ContactIn,
    ContactOut,
    EvidenceIn,
    EvidenceOut,
    InterventionIn,
    InterventionOut,
    InterventionOutcomeIn,
    LegalCount,
    ReferralIn,
    ReferralOut,
    ReopenIn,
    ReopenOut,
)

_errors: dict[int | str, dict[str, object]] = {
    code: {"model": ErrorResponse} for code in (401, 403, 404, 422)
}
_conflict: dict[int | str, dict[str, object]] = {
    409: {"model": ErrorResponse, "description": "not allowed in the case's status"}
}

router = APIRouter(tags=["case actions"], responses=_errors)

Staff = Annotated[Principal, Depends(require_roles(Role.OFFICER, Role.TEAM_LEADER, Role.ADMIN))]
CASE = "/v1/cases/{case_id}"


# --- contacts ---------------------------------------------------------------------------------


@router.post(f"{CASE}/contacts", status_code=201, response_model=ContactOut)
async def add_contact(
    case_id: uuid.UUID, body: ContactIn, principal: Staff, db: DbDep
) -> ContactOut:
    """Record a contact with someone on the case (meets first contact, restarts the clock)."""
    async with db.transaction() as session:
        row = await actions.add_contact(session, principal, case_id, body)
    return ContactOut.model_validate(row)


@router.get(f"{CASE}/contacts", response_model=Page[ContactOut])
async def contacts(
    case_id: uuid.UUID, principal: Staff, db: DbDep, limit: Limit = 50, cursor: Cursor = None
) -> Page[ContactOut]:
    async with db.sessions() as session:
        rows = await actions.records_of(
            session, principal, case_id, Contact, limit=limit, cursor=cursor
        )
    return page_of(rows, limit, ContactOut.model_validate, lambda r: r.id)


# --- action plans -----------------------------------------------------------------------------


@router.post(
    f"{CASE}/action-plans", status_code=201, response_model=ActionPlanOut, responses=_conflict
)
async def agree_action_plan(
    case_id: uuid.UUID, body: ActionPlanIn, principal: Staff, db: DbDep, outbox: OutboxDep
) -> ActionPlanOut:
    """Record the action plan agreed with the complainant, and how often they are contacted."""
    async with db.transaction() as session:
        row = await actions.agree_action_plan(session, outbox, principal, case_id, body)
    return ActionPlanOut.model_validate(row)


@router.get(f"{CASE}/action-plans", response_model=Page[ActionPlanOut])
async def action_plans(
    case_id: uuid.UUID, principal: Staff, db: DbDep, limit: Limit = 50, cursor: Cursor = None
) -> Page[ActionPlanOut]:
    async with db.sessions() as session:
        rows = await actions.records_of(
            session, principal, case_id, ActionPlan, limit=limit, cursor=cursor
        )
    return page_of(rows, limit, ActionPlanOut.model_validate, lambda r: r.id)


# --- interventions ----------------------------------------------------------------------------


@router.post(
    f"{CASE}/interventions", status_code=201, response_model=InterventionOut, responses=_conflict
)
async def record_intervention(
    case_id: uuid.UUID, body: InterventionIn, principal: Staff, db: DbDep, outbox: OutboxDep
) -> InterventionOut:
    """Record an intervention; legal ones are flagged. A working case moves to interventions."""
    async with db.transaction() as session:
        return await actions.record_intervention(session, outbox, principal, case_id, body)


@router.patch(f"{CASE}/interventions/{{intervention_id}}", response_model=InterventionOut)
async def record_intervention_outcome(
    case_id: uuid.UUID,
    intervention_id: uuid.UUID,
    body: InterventionOutcomeIn,
    principal: Staff,
    db: DbDep,
) -> InterventionOut:
    """Record (or correct) the outcome of an intervention."""
    async with db.transaction() as session:
        return await actions.record_intervention_outcome(
            session, principal, case_id, intervention_id, body
        )


@router.get(f"{CASE}/interventions", response_model=Page[InterventionOut])
async def interventions(
    case_id: uuid.UUID, principal: Staff, db: DbDep, limit: Limit = 50, cursor: Cursor = None
) -> Page[InterventionOut]:
    async with db.sessions() as session:
        rows = await actions.records_of(
            session, principal, case_id, Intervention, limit=limit, cursor=cursor
        )
    return page_of(rows, limit, InterventionOut.model_validate, lambda r: r.id)


@router.get("/v1/interventions/legal-count", response_model=LegalCount)
async def legal_count(
    principal: Staff,
    db: DbDep,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
) -> LegalCount:
    """Legal actions year to date for the caller's organisation (the published measure)."""
    async with db.sessions() as session:
        return await actions.legal_count(session, principal, year or actions.this_year())


# --- evidence ---------------------------------------------------------------------------------


@router.post(f"{CASE}/evidence", status_code=201, response_model=EvidenceOut)
async def add_evidence(
    case_id: uuid.UUID, body: EvidenceIn, principal: Staff, db: DbDep
) -> EvidenceOut:
    """Add an item to the evidence register, with its content hash."""
    async with db.transaction() as session:
        row = await actions.add_evidence(session, principal, case_id, body)
    return EvidenceOut.model_validate(row)


@router.get(f"{CASE}/evidence", response_model=Page[EvidenceOut])
async def evidence(
    case_id: uuid.UUID, principal: Staff, db: DbDep, limit: Limit = 50, cursor: Cursor = None
) -> Page[EvidenceOut]:
    async with db.sessions() as session:
        rows = await actions.records_of(
            session, principal, case_id, Evidence, limit=limit, cursor=cursor
        )
    return page_of(rows, limit, EvidenceOut.model_validate, lambda r: r.id)


# --- referrals --------------------------------------------------------------------------------


@router.post(f"{CASE}/referrals", status_code=201, response_model=ReferralOut)
async def refer(
    case_id: uuid.UUID, body: ReferralIn, principal: Staff, db: DbDep, outbox: OutboxDep
) -> ReferralOut:
    """Refer to Positive Engagement (announced), MASH (safeguarding) or MARAC (domestic abuse)."""
    async with db.transaction() as session:
        row = await actions.refer(session, outbox, principal, case_id, body)
    return ReferralOut.model_validate(row)


@router.get(f"{CASE}/referrals", response_model=Page[ReferralOut])
async def referrals(
    case_id: uuid.UUID, principal: Staff, db: DbDep, limit: Limit = 50, cursor: Cursor = None
) -> Page[ReferralOut]:
    async with db.sessions() as session:
        rows = await actions.records_of(
            session, principal, case_id, Referral, limit=limit, cursor=cursor
        )
    return page_of(rows, limit, ReferralOut.model_validate, lambda r: r.id)


# --- closure and reopening --------------------------------------------------------------------


@router.post(f"{CASE}/closure", status_code=201, response_model=ClosureOut, responses=_conflict)
async def close(
    case_id: uuid.UUID, body: ClosureIn, principal: Staff, db: DbDep, outbox: OutboxDep
) -> ClosureOut:
    """Close the case with an outcome, after discussing it with the complainant (not anonymous).

    Announces ``casework.case.closed``, which asks for the satisfaction survey.
    """
    async with db.transaction() as session:
        return await actions.close(session, outbox, principal, case_id, body)


@router.post(f"{CASE}/reopen", status_code=201, response_model=ReopenOut, responses=_conflict)
async def reopen(
    case_id: uuid.UUID, body: ReopenIn, principal: Staff, db: DbDep, outbox: OutboxDep
) -> ReopenOut:
    """Take a closed case up again; it behaves like an open one and keeps its officer."""
    async with db.transaction() as session:
        return await actions.reopen(session, outbox, principal, case_id, body)
