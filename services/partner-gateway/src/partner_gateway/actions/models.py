"""Updates and actions partners post on shared cases, and the referrals they make."""

from __future__ import annotations

import uuid
from datetime import datetime

from asb_shared.db import uuid7
from sqlalchemy import DateTime, ForeignKey, String, Text, Uuid, func
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base


class PartnerUpdate(Base):
    """What a partner posted: an update on a shared case, or a referral (to the landlord or to
    Positive Engagement). Kept so the partner can list what it sent; the owning service
    gets it as an event."""

    __tablename__ = "partner_updates"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid7)
    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    partner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("partners.id"), index=True)
    agreement_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agreements.id"))
    case_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    kind: Mapped[str] = mapped_column(String(30))
    """``update``, ``action``, ``referral_to_landlord``, ``referral_to_engagement``."""
    action: Mapped[str | None] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text)
    posted_by: Mapped[str] = mapped_column(String(200))
    posted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
