"""Designated officers and the patches they cover."""

from __future__ import annotations

import uuid

from sqlalchemy import Boolean, String, UniqueConstraint, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, organisation, primary_key


class Officer(Base):
    """A designated officer: the patches (areas) they cover, their skills and team, and whether
    they take new cases."""

    __tablename__ = "officers"
    __table_args__ = (UniqueConstraint("organisation_id", "subject"),)

    id: Mapped[uuid.UUID] = primary_key()
    organisation_id: Mapped[uuid.UUID] = organisation()
    subject: Mapped[str] = mapped_column(String(200), comment="the identity provider's subject")
    name: Mapped[str] = mapped_column(String(200))
    patches: Mapped[list[str]] = mapped_column(ARRAY(String(40)), server_default=text("'{}'"))
    active: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))
    skills: Mapped[list[str]] = mapped_column(
        ARRAY(String(40)), server_default=text("'{}'"), comment="e.g. domestic_abuse, hate_incident"
    )
    team: Mapped[str | None] = mapped_column(String(100))
