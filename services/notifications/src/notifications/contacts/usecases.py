"""Use cases of the contact projection: keep each complainant's latest contact record.

Casework owns the records; notifications keeps the highest ``version`` it has seen per
(case, person), so a late or repeated event never undoes an officer's later change.
"""

from __future__ import annotations

from asb_shared.usecase import UnitOfWork

from .store import (
    CASE_UPSERT,
    CONTACT_UPSERT,
    RecordCase,
    RecordContact,
    case_params,
    contact_params,
)


async def record_contact(uow: UnitOfWork, command: RecordContact) -> bool:
    """Keep the record if it is newer than the one held; True if it was kept."""
    connection = await uow.session.connection()
    params = contact_params(uow.envelope.organisation_id, command)
    return (await connection.execute(CONTACT_UPSERT, params)).first() is not None


async def record_case(uow: UnitOfWork, command: RecordCase) -> None:
    """Remember a case's reference and route; its officer once one is assigned."""
    connection = await uow.session.connection()
    await connection.execute(CASE_UPSERT, case_params(uow.envelope.organisation_id, command))
