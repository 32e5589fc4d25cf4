"""The building blocks every officer action uses: find the case, record what happened, announce it.

Every change to a case goes through :func:`case_for_update` (scoped to the caller's
organisation, locked for the transaction), :func:`record` (a timeline entry and a new case
version) and, where other services care, :func:`announce` (an event in the outbox, in the same
transaction).
"""

from __future__ import annotations

import uuid
from typing import Any

from asb_shared.auth import Principal
from asb_shared.contracts import CaseStatusChanged, Contact, ContactChannel
from asb_shared.db import utcnow, uuid7
from asb_shared.errors import ApiError, ErrorDetail
from asb_shared.messaging import Event, Outbox
from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from .lifecycle import CaseCommand, CaseStatus, IllegalTransition, apply
from .models import Case, TimelineEntry

SYSTEM = "system"


def not_found() -> ApiError:
    return ApiError(404, "not_found", "No such case.")


async def case_for_update(session: AsyncSession, principal: Principal, case_id: uuid.UUID) -> Case:
    """The caller's organisation's case, locked until the transaction ends; 404 otherwise.

    Another landlord's case is reported as missing, not forbidden: its existence is not theirs
    to know.
    """
    case = await session.scalar(
        select(Case)
        .where(Case.id == case_id, Case.organisation_id == principal.organisation_id)
        .with_for_update()
    )
    if case is None:
        raise not_found()
    return case


async def record(
    session: AsyncSession,
    case: Case,
    *,
    actor: str,
    kind: str,
    summary: str,
    data: dict[str, Any] | None = None,
) -> None:
    """Add an entry to the case's timeline and move the case to its next version."""
    case.version += 1
    case.updated_at = utcnow()
    # A Core insert: entries are written, never read back in the same transaction.
    await session.execute(
        insert(TimelineEntry.__table__).values(
            id=uuid7(),
            case_id=case.id,
            organisation_id=case.organisation_id,
            at=case.updated_at,
            actor=actor,
            kind=kind,
            summary=summary,
            data=data or {},
        )
    )


async def announce(session: AsyncSession, outbox: Outbox, case: Case, event: Event) -> None:
    """Put a case event in the outbox, in the transaction that made the change."""
    await outbox.add(session, event, organisation_id=case.organisation_id)


async def transition(
    session: AsyncSession,
    outbox: Outbox,
    case: Case,
    command: CaseCommand,
    *,
    actor: str,
    reason: str | None = None,
) -> CaseStatus:
    """Move the case through its lifecycle, or answer 409 listing the commands allowed now."""
    previous = CaseStatus(case.status)
    try:
        status = apply(previous, command)
    except IllegalTransition as exc:
        allowed = ", ".join(c.value for c in exc.allowed) or "none"
        raise ApiError(
            409,
            "illegal_transition",
            str(exc),
            details=[
                ErrorDetail(
                    field="command", message=f"allowed now: {allowed}", type="allowed_commands"
                )
            ],
        ) from exc
    case.status = status.value
    await record(
        session,
        case,
        actor=actor,
        kind="status",
        summary=f"{previous.value} -> {status.value}" + (f": {reason}" if reason else ""),
        data={
            "command": command.value,
            "from": previous.value,
            "to": status.value,
            "reason": reason,
        },
    )
    await announce(
        session,
        outbox,
        case,
        CaseStatusChanged(
            case_id=case.id,
            case_reference=case.reference,
            version=case.version,
            status=case.status,
            previous_status=previous.value,
            command=command.value,
            reason=reason,
        ),
    )
    return status


def actor_of(principal: Principal) -> str:
    """Who did it, as recorded on the case (the name from the token, else its subject)."""
    return (principal.name or principal.subject)[:200]


def complainant_of(case: Case) -> Contact | None:
    """The complainant's contact details as other services receive them (none if anonymous)."""
    if case.anonymous:
        return None
    preferred = case.complainant_preferred_channel
    return Contact(
        name=case.complainant_name,
        email=case.complainant_email,
        phone=case.complainant_phone,
        preferred_channel=ContactChannel(preferred)
        if preferred in ContactChannel._value2member_map_
        else None,
    )
