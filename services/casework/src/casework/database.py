"""Casework's one metadata: every feature's tables are declared on :class:`Base`.

Alembic (``migrations/env.py``) and the migration-versus-models test read it through
:mod:`casework.models`, which imports every feature's tables.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from asb_shared.db import Base as SharedBase
from asb_shared.db import new_metadata, uuid7
from sqlalchemy import DateTime, ForeignKey, Table, Uuid, func
from sqlalchemy.orm import Mapped, mapped_column


class Base(SharedBase):
    __abstract__ = True
    metadata = new_metadata()


def primary_key() -> Mapped[uuid.UUID]:
    return mapped_column(Uuid, primary_key=True, default=uuid7)


def organisation() -> Mapped[uuid.UUID]:
    """The landlord a row belongs to, indexed: every query is scoped by it."""
    return mapped_column(Uuid, index=True)


def created_now() -> Mapped[datetime]:
    return mapped_column(DateTime(timezone=True), server_default=func.now())


class CaseRecord:
    """A record kept on one case (a contact, a plan, an intervention...): its id, its case and
    the case's landlord."""

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid7)
    case_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("cases.id"), index=True)
    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid)


def table_of(model: type[Base]) -> Table:
    """A model's table, for Core statements (cheaper than the ORM where nothing is read back)."""
    table = model.__table__
    if not isinstance(table, Table):
        raise TypeError(f"{model.__name__} is not mapped to a table")
    return table
