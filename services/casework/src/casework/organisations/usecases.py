"""Use cases of the organisations registry: a platform admin registers a landlord, changes it
(name, services, active), and reads it with its history. Every change is a new version, kept in
the audit and announced with ``casework.organisation.updated``."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace

from asb_shared.contracts.casework import PlatformService
from asb_shared.db import uuid7
from asb_shared.organisations import (
    Organisation,
    find_organisation,
    organisations,
    save_organisation,
)
from asb_shared.usecase import Conflict, NotFound, Problem, UnitOfWork
from sqlalchemy import insert, select

from ..cases.store import staff
from ..db import hold_locks
from .models import OrganisationChange
from .registry import changes, state

NO_SUCH_ORGANISATION = "No such organisation."
REFERENCE_KINDS = ("case",)
"""The references casework numbers per organisation: cases (``<PREFIX>-C-2026-000045``)."""


async def _record(uow: UnitOfWork, before: Organisation | None, after: Organisation) -> None:
    await uow.session.execute(
        insert(OrganisationChange).values(
            organisation_id=after.id,
            version=after.version,
            state=state(after),
            changes=changes(before, after),
            changed_by=staff(uow).subject,
        )
    )
    await save_organisation(uow.session, after, reference_kinds=REFERENCE_KINDS)
    await uow.emit(after.event(), organisation_id=after.id)


@dataclass(frozen=True)
class RegisterOrganisation:
    name: str
    reference_prefix: str
    services: frozenset[PlatformService] = frozenset()
    active: bool = True
    id: uuid.UUID | None = None


async def register_organisation(uow: UnitOfWork, command: RegisterOrganisation) -> Organisation:
    """A new landlord on the platform, version 1. Its id and its prefix are its own."""
    # Registrations are rare: one at a time, so the prefix check cannot race.
    await hold_locks(uow.session, ["organisations-registry"])
    organisation_id = command.id or uuid7()
    if await find_organisation(uow.session, organisation_id) is not None:
        raise Conflict(
            "The organisation is already registered.",
            [Problem("id", "is already registered", "duplicate")],
        )
    taken = await uow.session.scalar(
        select(organisations.c.id).where(
            organisations.c.reference_prefix == command.reference_prefix
        )
    )
    if taken is not None:
        raise Conflict(
            "Another organisation has that reference prefix.",
            [Problem("reference_prefix", "is another organisation's", "duplicate")],
        )
    organisation = Organisation(
        id=organisation_id,
        name=command.name,
        reference_prefix=command.reference_prefix,
        services=frozenset(s.value for s in command.services),
        active=command.active,
        version=1,
        updated_at=uow.now(),
    )
    await _record(uow, None, organisation)
    return organisation


@dataclass(frozen=True)
class ChangeOrganisation:
    organisation_id: uuid.UUID
    name: str | None = None
    services: frozenset[PlatformService] | None = None
    active: bool | None = None


async def change_organisation(uow: UnitOfWork, command: ChangeOrganisation) -> Organisation:
    """The next version, if anything changes (else the current one, unannounced)."""
    await hold_locks(uow.session, [f"organisation:{command.organisation_id}"])
    before = await find_organisation(uow.session, command.organisation_id)
    if before is None:
        raise NotFound(NO_SUCH_ORGANISATION)
    after = replace(
        before,
        name=command.name if command.name is not None else before.name,
        services=frozenset(s.value for s in command.services)
        if command.services is not None
        else before.services,
        active=command.active if command.active is not None else before.active,
    )
    if state(after) == state(before):
        return before
    after = replace(after, version=before.version + 1, updated_at=uow.now())
    await _record(uow, before, after)
    return after


async def read_organisation(uow: UnitOfWork, organisation_id: uuid.UUID) -> Organisation:
    found = await find_organisation(uow.session, organisation_id)
    if found is None:
        raise NotFound(NO_SUCH_ORGANISATION)
    return found


@dataclass(frozen=True)
class ListOrganisations:
    """Every landlord registered, by name."""


async def list_organisations(uow: UnitOfWork, query: ListOrganisations) -> list[Organisation]:
    rows = (
        await uow.session.execute(select(organisations.c.id).order_by(organisations.c.name))
    ).all()
    found = [await find_organisation(uow.session, r.id) for r in rows]
    return [o for o in found if o is not None]


async def organisation_history(
    uow: UnitOfWork, organisation_id: uuid.UUID
) -> list[OrganisationChange]:
    """Every version, newest first: the audit of who changed what."""
    await read_organisation(uow, organisation_id)
    return list(
        (
            await uow.session.scalars(
                select(OrganisationChange)
                .where(OrganisationChange.organisation_id == organisation_id)
                .order_by(OrganisationChange.version.desc())
            )
        ).all()
    )
