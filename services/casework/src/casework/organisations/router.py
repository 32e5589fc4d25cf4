"""The organisations registry: only a platform admin registers, changes or reads it."""

from __future__ import annotations

import uuid
from typing import Annotated

from asb_shared.auth import Principal, require_platform_admin
from asb_shared.service import WorkDep
from fastapi import APIRouter, Depends

from ..api import CONFLICT, STAFF_ERRORS
from . import usecases
from .schemas import OrganisationChangeIn, OrganisationChangeOut, OrganisationIn, OrganisationOut

PlatformAdmin = Annotated[Principal, Depends(require_platform_admin)]

router = APIRouter(tags=["organisations"], responses=STAFF_ERRORS)

ORGANISATIONS = "/v1/organisations"
ORGANISATION = "/v1/organisations/{organisation_id}"


@router.post(ORGANISATIONS, status_code=201, response_model=OrganisationOut, responses=CONFLICT)
async def register_organisation(
    body: OrganisationIn, principal: PlatformAdmin, work: WorkDep
) -> OrganisationOut:
    """Register a landlord: every service learns of it by event."""
    async with work(principal) as uow:
        organisation = await usecases.register_organisation(
            uow,
            usecases.RegisterOrganisation(
                name=body.name,
                reference_prefix=body.reference_prefix,
                services=frozenset(body.services),
                active=body.active,
                id=body.id,
            ),
        )
    return OrganisationOut.of(organisation)


@router.get(ORGANISATIONS, response_model=list[OrganisationOut])
async def list_organisations(principal: PlatformAdmin, work: WorkDep) -> list[OrganisationOut]:
    """Every landlord on the platform, by name."""
    async with work(principal) as uow:
        found = await usecases.list_organisations(uow, usecases.ListOrganisations())
    return [OrganisationOut.of(o) for o in found]


@router.get(ORGANISATION, response_model=OrganisationOut, responses=CONFLICT)
async def read_organisation(
    organisation_id: uuid.UUID, principal: PlatformAdmin, work: WorkDep
) -> OrganisationOut:
    async with work(principal) as uow:
        return OrganisationOut.of(await usecases.read_organisation(uow, organisation_id))


@router.patch(ORGANISATION, response_model=OrganisationOut, responses=CONFLICT)
async def change_organisation(
    organisation_id: uuid.UUID, body: OrganisationChangeIn, principal: PlatformAdmin, work: WorkDep
) -> OrganisationOut:
    """Change its name or services, or deactivate it (``"active": false``): a new version."""
    async with work(principal) as uow:
        organisation = await usecases.change_organisation(
            uow,
            usecases.ChangeOrganisation(
                organisation_id,
                name=body.name,
                services=frozenset(body.services) if body.services is not None else None,
                active=body.active,
            ),
        )
    return OrganisationOut.of(organisation)


@router.get(
    f"{ORGANISATION}/changes", response_model=list[OrganisationChangeOut], responses=CONFLICT
)
async def organisation_changes(
    organisation_id: uuid.UUID, principal: PlatformAdmin, work: WorkDep
) -> list[OrganisationChangeOut]:
    """Every version, newest first, with who changed what."""
    async with work(principal) as uow:
        rows = await usecases.organisation_history(uow, organisation_id)
    return [
        OrganisationChangeOut(
            version=r.version,
            state=r.state,
            changes=r.changes,
            changed_by=r.changed_by,
            changed_at=r.changed_at,
        )
        for r in rows
    ]
