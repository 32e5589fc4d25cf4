"""The reporting mailbox: every email received, kept whole."""

from __future__ import annotations

import uuid
from datetime import datetime

from asb_shared.db import uuid7
from sqlalchemy import DateTime, ForeignKey, LargeBinary, String, Text, Uuid, func
from sqlalchemy.orm import Mapped, mapped_column

from ...db import Base


class InboundMail(Base):
    """Every email the listener received, kept whole; mail it could not turn into a report waits
    here for staff, never dropped."""

    __tablename__ = "inbound_mail"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid7)
    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    received_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    mail_from: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str | None] = mapped_column(Text)
    message_id: Mapped[str | None] = mapped_column(String(300))
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    status: Mapped[str] = mapped_column(String(20), comment="converted, or needs_attention")
    problem: Mapped[str | None] = mapped_column(Text)
    report_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("reports.id"), index=True)
    reply_status: Mapped[str | None] = mapped_column(
        String(20),
        comment="awaiting_route, owed, sent, refused or withheld; none when no reply is owed "
        "(automatic mail)",
    )
    reply_after: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True),
        comment="a decided reply is sent from then on (the reporter's next safe window)",
    )
    reply_note: Mapped[str | None] = mapped_column(
        Text, comment="why the contact rules withheld the reply"
    )
