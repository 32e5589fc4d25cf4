"""A person's request to erase or rectify their data, and the officer's decision on it."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import DateTime, String, Text, Uuid
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, created_now, organisation, primary_key


class DataRequest(Base):
    """An erasure or rectification request: who asked about which records, the decision, the
    reason, and the lawful basis for refusing where the law allows (never changed once made)."""

    __tablename__ = "data_requests"

    id: Mapped[uuid.UUID] = primary_key()
    organisation_id: Mapped[uuid.UUID] = organisation()
    kind: Mapped[str] = mapped_column(String(20), comment="erasure or rectification")
    person_ids: Mapped[list[uuid.UUID]] = mapped_column(
        ARRAY(Uuid), comment="the complainants' contact records the request is about"
    )
    case_ids: Mapped[list[uuid.UUID]] = mapped_column(ARRAY(Uuid))
    decision: Mapped[str] = mapped_column(String(20), comment="granted or refused")
    reason: Mapped[str] = mapped_column(Text)
    refusal_basis: Mapped[str | None] = mapped_column(
        String(40), comment="the lawful basis for refusing (UK GDPR art. 17(3), 12(5))"
    )
    decided_by: Mapped[str] = mapped_column(String(200))
    decided_at: Mapped[datetime] = created_now()
    carried_out_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
