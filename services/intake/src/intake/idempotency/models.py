"""A client's Idempotency-Key, kept with the answer its first request got."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, Integer, LargeBinary, String, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base


class IdempotencyKey(Base):
    """A client's Idempotency-Key and the answer its first request got, replayed for retries."""

    __tablename__ = "idempotency_keys"

    scope: Mapped[str] = mapped_column(String(100), primary_key=True)
    key: Mapped[str] = mapped_column(
        String(200), primary_key=True, comment="SHA-256 of the scope and the client's key"
    )
    request_hash: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int] = mapped_column(Integer)
    response: Mapped[dict[str, Any]] = mapped_column(
        JSONB, comment="the answer, without its secrets"
    )
    sealed: Mapped[bytes | None] = mapped_column(
        LargeBinary, comment="the answer's secrets (a tracking token), encrypted: see keys.py"
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
