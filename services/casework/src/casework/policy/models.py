"""A landlord's policy settings, one row per version: never changed, so they are the audit."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Integer, String, Text, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, created_now, organisation, primary_key


class PolicyVersion(Base):
    """One version of a landlord's policy settings: who set it, when, why and what changed.

    Version 0 is the built-in defaults and is not stored; each change adds the next version.
    """

    __tablename__ = "policy_versions"
    __table_args__ = (UniqueConstraint("organisation_id", "version"),)

    id: Mapped[uuid.UUID] = primary_key()
    organisation_id: Mapped[uuid.UUID] = organisation()
    version: Mapped[int] = mapped_column(Integer)
    settings: Mapped[dict[str, Any]] = mapped_column(JSONB)
    changes: Mapped[list[dict[str, Any]]] = mapped_column(
        JSONB, comment="field by field: from and to, against the previous version"
    )
    reason: Mapped[str] = mapped_column(Text)
    changed_by: Mapped[str] = mapped_column(String(200))
    changed_at: Mapped[datetime] = created_now()
