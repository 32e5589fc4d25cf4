"""A landlord's policy settings: everyone reads them, an admin changes them."""

from __future__ import annotations

import uuid

from asb_shared.auth.groups import Admin, CaseStaff
from asb_shared.service import WorkDep
from fastapi import APIRouter

from ..api import NOT_FOUND, STAFF_ERRORS
from . import usecases
from .schemas import PolicyIn, PolicyOut

router = APIRouter(tags=["policy"], responses=STAFF_ERRORS | NOT_FOUND)

POLICY = "/v1/organisations/{organisation_id}/policy"


@router.get(POLICY, response_model=PolicyOut)
async def read_policy(organisation_id: uuid.UUID, principal: CaseStaff, work: WorkDep) -> PolicyOut:
    """The landlord's current policy settings (version 0: the defaults)."""
    async with work(principal) as uow:
        view = await usecases.read_policy(uow, usecases.ReadPolicy(organisation_id))
    return PolicyOut.of(view)


@router.put(POLICY, response_model=PolicyOut)
async def change_policy(
    organisation_id: uuid.UUID, body: PolicyIn, principal: Admin, work: WorkDep
) -> PolicyOut:
    """Set the landlord's policy: a new version for new cases; open cases keep theirs."""
    async with work(principal) as uow:
        view = await usecases.change_policy(
            uow, usecases.ChangePolicy(organisation_id, body.settings, body.reason)
        )
    return PolicyOut.of(view)


@router.get(f"{POLICY}/versions", response_model=list[PolicyOut])
async def policy_versions(
    organisation_id: uuid.UUID, principal: CaseStaff, work: WorkDep
) -> list[PolicyOut]:
    """Every change of the policy, newest first, with who made it, why and what changed."""
    async with work(principal) as uow:
        views = await usecases.list_policy_versions(
            uow, usecases.ListPolicyVersions(organisation_id)
        )
    return [PolicyOut.of(v) for v in views]


@router.get(f"{POLICY}/versions/{{version}}", response_model=PolicyOut)
async def policy_version(
    organisation_id: uuid.UUID, version: int, principal: CaseStaff, work: WorkDep
) -> PolicyOut:
    """The policy as it was at ``version`` (the one a case opened under, for instance)."""
    async with work(principal) as uow:
        view = await usecases.read_policy(uow, usecases.ReadPolicy(organisation_id, version))
    return PolicyOut.of(view)
