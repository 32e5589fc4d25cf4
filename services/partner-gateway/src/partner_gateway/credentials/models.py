"""OAuth2 clients of partner systems and their hashed secrets."""

from __future__ import annotations

import uuid
from datetime import datetime

from asb_shared.db import uuid7
from sqlalchemy import DateTime, ForeignKey, String, Uuid, func
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base


class PartnerClient(Base):
    """One partner system (a police force's case system, a council's CRM) that calls the API."""

    __tablename__ = "partner_clients"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid7)
    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    partner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("partners.id"), index=True)
    client_id: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ClientSecret(Base):
    """A client's secret, argon2-hashed; the secret itself is shown once and never stored.

    Rotation adds a secret and gives the older ones an ``expires_at`` (the overlap period in
    which both work, so the partner can change its configuration without an outage)."""

    __tablename__ = "client_secrets"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid7)
    client_pk: Mapped[uuid.UUID] = mapped_column(ForeignKey("partner_clients.id"), index=True)
    secret_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
