"""Writing to the partner audit log: one function, called for every partner read and write and
for every refused attempt."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from .models import AuditEntry


@dataclass(frozen=True)
class Who:
    """The partner system acting, as far as it is known (nothing, for a token that failed)."""

    organisation_id: uuid.UUID | None = None
    partner_id: uuid.UUID | None = None
    client_id: str | None = None


async def record(
    session: AsyncSession,
    who: Who,
    *,
    action: str,
    resource: str,
    outcome: str,
    status_code: int,
    case_id: uuid.UUID | None = None,
    agreement_id: uuid.UUID | None = None,
    fields: Sequence[str] = (),
    reason: str | None = None,
) -> None:
    """Append one entry (in the caller's transaction: a refusal is written in its own)."""
    await session.execute(
        insert(AuditEntry).values(
            organisation_id=who.organisation_id,
            partner_id=who.partner_id,
            client_id=who.client_id,
            action=action,
            resource=resource[:200],
            outcome=outcome,
            status_code=status_code,
            case_id=case_id,
            agreement_id=agreement_id,
            fields=list(fields),
            reason=reason[:2000] if reason else None,
        )
    )
