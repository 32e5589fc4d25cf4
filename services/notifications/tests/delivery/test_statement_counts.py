"""What one acknowledgement costs the notifications database: the statements and transactions
of its handler (queueing it) and of the dispatcher (deciding, sending and recording it), counted
on a real database and sent to the real mail sink. The counts are upper bounds, so a change that
adds round trips to the hot path is noticed."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import Iterator
from typing import Any

import asyncpg
from asb_devtools.mailsink import create_app as create_mailsink
from asb_shared.db import Database, asyncpg_dsn
from asb_shared.messaging import Outbox
from asb_shared.testing import (
    TestEnvironment,
    count_rows,
    free_port,
    migrated_database,
    running_api,
)
from asb_shared.usecase import Transactions, UnitOfWork
from notification_samples import opened_v2, record
from notifications.delivery.policy import policy_of
from notifications.main import definition
from notifications.messages.usecases import MESSAGES_CHANNEL, case_opened
from notifications.scheduling.dispatcher import dispatch_due
from notifications.scheduling.senders import Senders
from notifications.settings import NotificationsSettings
from sqlalchemy import event

ORG = uuid.uuid4()
MESSAGES = 20


class Statements:
    """Every statement sent on ``db``'s connections, and the transactions begun."""

    def __init__(self) -> None:
        self.statements: list[str] = []
        self.transactions = 0

    @contextlib.contextmanager
    def counting(self, db: Database) -> Iterator[Statements]:
        engine = db.engine.sync_engine

        def on_statement(*args: Any) -> None:
            self.statements.append(args[2])

        def on_begin(*_: Any) -> None:
            self.transactions += 1

        event.listen(engine, "before_cursor_execute", on_statement)
        event.listen(engine, "begin", on_begin)
        try:
            yield self
        finally:
            event.remove(engine, "before_cursor_execute", on_statement)
            event.remove(engine, "begin", on_begin)


async def test_statements_per_acknowledgement(test_env: TestEnvironment) -> None:
    env = test_env.derive(f"s{uuid.uuid4().hex[:6]}")
    url = await migrated_database(env, definition)
    db = Database(url, pool_size=2)
    outbox = Outbox("notifications")
    port = free_port()
    try:
        handled = Statements()
        woken: asyncio.Queue[str] = asyncio.Queue()
        listener = await asyncpg.connect(asyncpg_dsn(url))
        await listener.add_listener(MESSAGES_CHANNEL, lambda *args: woken.put_nowait(args[2]))
        try:
            with handled.counting(db):
                for i in range(MESSAGES):
                    who = record(email=f"count-{i}@example.org", reference=f"ASB-2026-{i:06d}")
                    opened = opened_v2(f"ASB-2026-{i:06d}", who)
                    cause = Outbox("casework").envelope(opened, organisation_id=ORG)
                    async with db.transaction() as session:
                        await case_opened(UnitOfWork(session, outbox, cause=cause), opened)
                    # Each message queued wakes the dispatchers once it is committed.
                    assert await asyncio.wait_for(woken.get(), 5) == MESSAGES_CHANNEL
                # The same event again queues nothing, and wakes nobody.
                async with db.transaction() as session:
                    await case_opened(UnitOfWork(session, outbox, cause=cause), opened)
                await asyncio.sleep(0.2)
                assert woken.empty()
        finally:
            await listener.close()
        sent = Statements()
        settings = NotificationsSettings(smtp_port=port)
        async with running_api(create_mailsink("127.0.0.1", port)):
            transactions, senders = Transactions(db, outbox), Senders(settings)
            with sent.counting(db):
                # One message at a time, as they come when the system is not busy...
                one = await dispatch_due(transactions, senders, policy_of(settings), 1)
                # ... and the rest together, as when the dispatcher falls behind.
                rest = await dispatch_due(transactions, senders, policy_of(settings), MESSAGES)
        assert one + rest == MESSAGES
        assert await count_rows(url, "messages", "status = 'delivered'") == MESSAGES
        assert await count_rows(url, "cases") == MESSAGES
        assert await count_rows(url, "contact_records") == MESSAGES
    finally:
        await db.dispose()
    per_handled = len(handled.statements) / (MESSAGES + 1)
    per_sent = len(sent.statements) / MESSAGES
    per_sent_tx = sent.transactions / MESSAGES
    print(
        f"\nper acknowledgement: handler {per_handled:.2f} statements"
        f" (transaction and inbox not counted: the consumer's);"
        f" dispatcher {per_sent:.2f} statements in {per_sent_tx:.2f} transactions"
    )
    # The handler: the case, the contact record, the message and the NOTIFY in one statement.
    assert per_handled <= 1
    # The dispatcher, per message: the claim (with the contact record), the template, marking
    # it sending, recording the outcome with its event (and NOTIFY), in one transaction, and
    # one look that finds nothing due after each batch.
    assert per_sent <= 6.1
    assert per_sent_tx <= 1.1
