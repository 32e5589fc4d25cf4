"""Notifications applies each landlord's retention schedule to its messages, as casework
announced it through the bus, and keeps the messages of a case under a legal hold."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta

import asyncpg
import pytest
from asb_shared.contracts.casework import LegalHoldChanged, RetentionScheduleChanged
from asb_shared.db import Database
from asb_shared.messaging import Outbox
from asb_shared.retention import Ending, Period, RetentionRule, RetentionSchedule, Trigger
from asb_shared.testing import TestEnvironment, count_rows, eventually, publish_event
from asb_shared.usecase import Transactions
from notification_samples import Running, running
from notifications.retention.usecases import ExpireMessages, expire_messages

SHORT = uuid.uuid4()
"""A landlord keeping messages 30 days."""
DEFAULTS = uuid.uuid4()
"""A landlord with the default schedule (two years)."""


@pytest.fixture(scope="module")
async def svc(test_env: TestEnvironment) -> AsyncIterator[Running]:
    test_env.register_organisation(SHORT)
    test_env.register_organisation(DEFAULTS)
    async with running(test_env) as r:
        yield r


async def _message(url: str, org: uuid.UUID, case_id: uuid.UUID, sent: datetime) -> uuid.UUID:
    conn = await asyncpg.connect(url.replace("+asyncpg", ""))
    try:
        message_id = uuid.uuid4()
        await conn.execute(
            "INSERT INTO messages (id, organisation_id, source_event_id, kind, recipient_type,"
            " recipient, person_id, case_id, values, status, channel, address, body, sent_at,"
            " created_at, decisions) VALUES ($1, $2, $3, 'case_update', 'complainant',"
            " 'complainant', $4, $5, '{}'::jsonb, 'delivered', 'email', 'kept@example.org',"
            " 'Your case was updated.', $6, $6, '[]'::jsonb)",
            message_id,
            org,
            uuid.uuid4(),
            uuid.uuid4(),
            case_id,
            sent,
        )
        return message_id
    finally:
        await conn.close()


async def test_messages_past_their_landlords_period_go_unless_their_case_is_held(
    svc: Running, test_env: TestEnvironment
) -> None:
    schedule = RetentionSchedule(
        message=RetentionRule(kept_for=Period(days=30), after=Trigger.SENT, then=Ending.DELETE)
    )
    await publish_event(
        test_env,
        RetentionScheduleChanged(organisation_id=SHORT, policy_version=3, schedule=schedule),
        organisation_id=SHORT,
    )
    held_case, other_case = uuid.uuid4(), uuid.uuid4()
    await publish_event(
        test_env,
        LegalHoldChanged(
            case_id=held_case,
            case_reference="CASE-2026-000001",
            version=4,
            status="resolved",
            held=True,
            reason="Injunction proceedings.",
        ),
        organisation_id=SHORT,
    )
    url = svc.database_url

    async def projected() -> bool:
        return (
            await count_rows(url, "retention_schedules", f"organisation_id = '{SHORT}'") == 1
            and await count_rows(url, "legal_holds", f"case_id = '{held_case}'") == 1
        )

    await eventually(projected)

    today = date(2026, 12, 7)
    at = datetime(2026, 10, 1, 12, tzinfo=UTC)
    old = await _message(url, SHORT, other_case, at)
    held = await _message(url, SHORT, held_case, at)
    recent = await _message(url, SHORT, other_case, datetime(2026, 11, 30, tzinfo=UTC))
    defaults = await _message(url, DEFAULTS, other_case, at)
    very_old = await _message(url, DEFAULTS, other_case, at - timedelta(days=3 * 365))

    db = Database(url, pool_size=1)
    try:
        transactions = Transactions(db, Outbox("notifications"))
        while True:
            async with transactions() as uow:
                if not await expire_messages(uow, ExpireMessages(today, batch=2)):
                    break
    finally:
        await db.dispose()

    def there(message_id: uuid.UUID) -> str:
        return f"id = '{message_id}'"

    assert await count_rows(url, "messages", there(old)) == 0
    assert await count_rows(url, "messages", there(very_old)) == 0
    for kept in (held, recent, defaults):
        assert await count_rows(url, "messages", there(kept)) == 1

    # Lifted, the held case's message goes with the next run.
    await publish_event(
        test_env,
        LegalHoldChanged(
            case_id=held_case,
            case_reference="CASE-2026-000001",
            version=5,
            status="resolved",
            held=False,
            reason="Proceedings ended.",
        ),
        organisation_id=SHORT,
    )

    async def lifted() -> bool:
        return await count_rows(url, "legal_holds", f"case_id = '{held_case}'") == 0

    await eventually(lifted)
    db = Database(url, pool_size=1)
    try:
        async with Transactions(db, Outbox("notifications"))() as uow:
            assert await expire_messages(uow, ExpireMessages(today)) == 1
    finally:
        await db.dispose()
    assert await count_rows(url, "messages", there(held)) == 0
