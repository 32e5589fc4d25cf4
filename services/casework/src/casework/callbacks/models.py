"""Call-backs after closure."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, CaseRecord, created_now


class CallBack(CaseRecord, Base):
    """A team leader's task to call a closed case's complainant back, and what came of it."""

    __tablename__ = "call_backs"

    sampled_at: Mapped[datetime] = created_now()
    result: Mapped[str | None] = mapped_column(String(20))
    notes: Mapped[str | None] = mapped_column(Text)
    done_by: Mapped[str | None] = mapped_column(String(200))
    done_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
