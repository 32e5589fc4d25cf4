"""Use cases of retention in the partner gateway.

The partner audit log is kept under its own rule (six years by default, :func:`expire_audit`)
and names cases by id only, so it stays when a case goes.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from asb_shared.erasure import scrub
from asb_shared.organisations import organisations
from asb_shared.retention import RecordType, Trigger, latest_start
from asb_shared.retention_schedules import not_held, schedule_of
from asb_shared.usecase import UnitOfWork
from sqlalchemy import delete, select, text

from ..audit.models import AuditEntry

_FORGET_CASE = [
    "DELETE FROM conference_invitations WHERE conference_id IN"
    " (SELECT id FROM conferences WHERE case_id = :case_id)",
    "DELETE FROM conference_actions WHERE case_id = :case_id",
    "DELETE FROM conferences WHERE case_id = :case_id",
    "DELETE FROM case_shares WHERE case_id = :case_id",
    "DELETE FROM safeguarding_referrals WHERE case_id = :case_id",
    "DELETE FROM partner_updates WHERE case_id = :case_id",
    "DELETE FROM webhook_attempts WHERE delivery_id IN (SELECT id FROM webhook_deliveries"
    " WHERE payload -> 'data' ->> 'case_id' = :case_text)",
    "DELETE FROM webhook_deliveries WHERE payload -> 'data' ->> 'case_id' = :case_text",
    "DELETE FROM shared_cases WHERE case_id = :case_id",
]
"""Children first: the projection is the parent of shares and conferences."""


@dataclass(frozen=True)
class ForgetCase:
    """Casework says the case reached the end of its retention period."""

    case_id: uuid.UUID


async def forget_case(uow: UnitOfWork, command: ForgetCase) -> None:
    """Everything the gateway holds of the case goes (partners can no longer read it)."""
    for statement in _FORGET_CASE:
        # The payload names the case as text; the tables' columns hold it as a uuid.
        value: object = str(command.case_id) if ":case_text" in statement else command.case_id
        name = "case_text" if ":case_text" in statement else "case_id"
        await uow.session.execute(text(statement), {name: value})


@dataclass(frozen=True)
class ForgetPeople:
    """An officer granted these people's request to erase their personal data."""

    person_ids: list[uuid.UUID]
    case_ids: list[uuid.UUID]


async def forget_people(uow: UnitOfWork, command: ForgetPeople) -> None:
    """Their contact records go from the cases' projections (and so from what partners see),
    and any other text that quotes their details (webhook payloads, the published events)."""
    people = {str(p) for p in command.person_ids}
    rows = await uow.session.execute(
        text("SELECT complainants FROM shared_cases WHERE case_id = ANY(:cases)"),
        {"cases": command.case_ids},
    )
    details = [
        c.get(k)
        for (complainants,) in rows
        for c in complainants or []
        if str(c.get("person_id")) in people
        for k in ("name", "email", "phone", "address")
    ]
    await uow.session.execute(
        text(
            "UPDATE shared_cases SET complainants = COALESCE((SELECT jsonb_agg(c) FROM"
            " jsonb_array_elements(complainants) c WHERE NOT (c ->> 'person_id' = ANY(:people))),"
            " '[]'::jsonb) WHERE case_id = ANY(:cases)"
        ),
        {"people": [str(p) for p in command.person_ids], "cases": command.case_ids},
    )
    # The audit log names cases and partners, never a complainant's details, and no one may
    # change it: it is not searched.
    await scrub(uow.session, details, keep=("audit_log",))


@dataclass(frozen=True)
class ExpireAudit:
    """One batch of the partner audit entries whose period has ended on ``on``."""

    on: date
    batch: int = 500


async def expire_audit(uow: UnitOfWork, command: ExpireAudit) -> int:
    """Each landlord's partner audit entries older than its schedule's ``partner_audit``
    period go (an entry about a case under a legal hold stays); claimed
    ``FOR UPDATE SKIP LOCKED``. Returns how many."""
    done = 0
    for organisation_id in await uow.session.scalars(select(organisations.c.id)):
        schedule = await schedule_of(uow.session, organisation_id)
        if schedule.partner_audit.after is not Trigger.CREATED:
            continue  # an audit entry has no closure or outcome to count from
        edge = latest_start(schedule, RecordType.PARTNER_AUDIT, command.on)
        ids = list(
            await uow.session.scalars(
                select(AuditEntry.id)
                .where(
                    AuditEntry.organisation_id == organisation_id,
                    AuditEntry.at < datetime.combine(edge + timedelta(days=1), time(), UTC),
                    not_held(AuditEntry.case_id),
                )
                .limit(command.batch - done)
                .with_for_update(skip_locked=True)
            )
        )
        if ids:
            # The audit log refuses every other change; the retention run says who it is.
            await uow.session.execute(text("SELECT set_config('asb.retention_run', 'on', true)"))
            await uow.session.execute(delete(AuditEntry).where(AuditEntry.id.in_(ids)))
        done += len(ids)
        if done >= command.batch:
            break
    return done
