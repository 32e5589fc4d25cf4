"""An organisation's history in the registry, one row per version: never changed, so it is the
audit. The current state is the ``organisations`` table every service shares
(:mod:`asb_shared.organisations`)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Integer, String, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, created_now, organisation, primary_key


class OrganisationChange(Base):
    """One version of an organisation: its whole state, what changed, who changed it and when."""

    __tablename__ = "organisation_changes"
    __table_args__ = (UniqueConstraint("organisation_id", "version"),)

    id: Mapped[uuid.UUID] = primary_key()
    organisation_id: Mapped[uuid.UUID] = organisation()
    version: Mapped[int] = mapped_column(Integer)
    state: Mapped[dict[str, Any]] = mapped_column(JSONB)
    changes: Mapped[list[dict[str, Any]]] = mapped_column(
        JSONB, comment="field by field: from and to, against the previous version"
    )
    changed_by: Mapped[str] = mapped_column(String(200))
    changed_at: Mapped[datetime] = created_now()
