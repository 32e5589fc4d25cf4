"""Every service's copy of the landlords' retention schedules and of the cases under a legal hold.

Casework keeps each landlord's schedule in its versioned policy and announces a change with
``casework.retention.schedule_changed``; it announces a legal hold placed or lifted with
``casework.case.legal_hold_changed``. A service that applies the schedule to records of its own
(notifications' messages, engagement's records, the gateway's audit log) keeps both here, from
those events: the tables' one definition, their projectors, and the two questions a purge asks
(which schedule, and is the case held). A landlord whose schedule was never changed has the
defaults (:data:`asb_shared.retention.DEFAULT_SCHEDULE`).
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import (
    Column,
    ColumnElement,
    DateTime,
    Integer,
    String,
    Table,
    Text,
    Uuid,
    delete,
    exists,
    func,
    select,
)
from sqlalchemy.dialects.postgresql import JSONB, insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import QueryableAttribute

from .contracts.casework import LegalHoldChanged, RetentionScheduleChanged
from .db import new_metadata
from .retention import DEFAULT_SCHEDULE, RetentionSchedule
from .usecase import UnitOfWork

retention_metadata = new_metadata()

retention_schedules = Table(
    "retention_schedules",
    retention_metadata,
    Column("organisation_id", Uuid, primary_key=True),
    Column("policy_version", Integer, nullable=False, comment="casework's policy version"),
    Column("schedule", JSONB, nullable=False, comment="asb_shared.retention.RetentionSchedule"),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

legal_holds = Table(
    "legal_holds",
    retention_metadata,
    Column("case_id", Uuid, primary_key=True),
    Column("organisation_id", Uuid, nullable=False),
    Column("case_reference", String(32), nullable=False, index=True),
    Column("version", Integer, nullable=False, comment="the case's version when placed"),
    Column("reason", Text, nullable=False),
    Column("held_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)


def create_retention_tables() -> None:
    """Create both tables in a service's migration: their one definition is above."""
    from alembic import op

    retention_metadata.create_all(op.get_bind())


def drop_retention_tables() -> None:
    from alembic import op

    retention_metadata.drop_all(op.get_bind())


async def schedule_changed(uow: UnitOfWork, event: RetentionScheduleChanged) -> None:
    """The ``casework.retention.schedule_changed`` handler: keep the newest version."""
    statement = insert(retention_schedules).values(
        organisation_id=event.organisation_id,
        policy_version=event.policy_version,
        schedule=event.schedule.model_dump(mode="json"),
    )
    await uow.session.execute(
        statement.on_conflict_do_update(
            index_elements=[retention_schedules.c.organisation_id],
            set_={
                "policy_version": statement.excluded.policy_version,
                "schedule": statement.excluded.schedule,
                "updated_at": func.now(),
            },
            where=retention_schedules.c.policy_version < statement.excluded.policy_version,
        )
    )


async def legal_hold_changed(uow: UnitOfWork, event: LegalHoldChanged) -> None:
    """The ``casework.case.legal_hold_changed`` handler: a hold placed is kept, a hold lifted
    goes (an older event than the one applied changes nothing)."""
    held = await uow.session.scalar(
        select(legal_holds.c.version).where(legal_holds.c.case_id == event.case_id)
    )
    if held is not None and held > event.version:
        return
    if event.held:
        statement = insert(legal_holds).values(
            case_id=event.case_id,
            organisation_id=uow.envelope.organisation_id,
            case_reference=event.case_reference,
            version=event.version,
            reason=event.reason,
        )
        await uow.session.execute(
            statement.on_conflict_do_update(
                index_elements=[legal_holds.c.case_id],
                set_={"version": statement.excluded.version, "reason": statement.excluded.reason},
            )
        )
    else:
        await uow.session.execute(delete(legal_holds).where(legal_holds.c.case_id == event.case_id))


async def schedule_of(session: AsyncSession, organisation_id: uuid.UUID) -> RetentionSchedule:
    """The landlord's retention schedule as casework last announced it (else the defaults)."""
    stored = await session.scalar(
        select(retention_schedules.c.schedule).where(
            retention_schedules.c.organisation_id == organisation_id
        )
    )
    return DEFAULT_SCHEDULE if stored is None else RetentionSchedule.model_validate(stored)


async def schedules(session: AsyncSession) -> dict[uuid.UUID, RetentionSchedule]:
    """Every landlord's schedule that differs from the defaults."""
    rows = await session.execute(
        select(retention_schedules.c.organisation_id, retention_schedules.c.schedule)
    )
    return {org: RetentionSchedule.model_validate(s) for org, s in rows}


def reference_not_held(
    case_reference: ColumnElement[Any] | QueryableAttribute[Any],
) -> ColumnElement[bool]:
    """A condition: the record's case, named by its reference, is under no legal hold."""
    return ~exists().where(legal_holds.c.case_reference == case_reference)


def not_held(case_id: ColumnElement[Any] | QueryableAttribute[Any]) -> ColumnElement[bool]:
    """A condition: the record's case (if any) is under no legal hold."""
    return ~exists().where(legal_holds.c.case_id == case_id)
