"""The dispatcher records a sent message's outcome in the transaction that claims the next one;
when that claim fails, the outcome is still recorded, so the message is never sent again."""

from __future__ import annotations

import uuid

import pytest
from asb_devtools.mailsink import create_app as create_mailsink
from asb_shared.db import Database
from asb_shared.messaging import Outbox
from asb_shared.testing import TestEnvironment, free_port, migrated_database, running_api
from asb_shared.usecase import Transactions, UnitOfWork
from notification_samples import opened_v2, record
from notifications.delivery.policy import policy_of
from notifications.main import definition
from notifications.messages.usecases import case_opened
from notifications.scheduling.dispatcher import dispatch_due
from notifications.scheduling.senders import Senders
from notifications.settings import NotificationsSettings
from sqlalchemy import text

ORG = uuid.uuid4()


async def test_a_claim_that_fails_after_a_send_leaves_that_send_recorded(
    test_env: TestEnvironment,
) -> None:
    env = test_env.derive(f"c{uuid.uuid4().hex[:6]}")
    url = await migrated_database(env, definition)
    db = Database(url, pool_size=2)
    outbox, port = Outbox("notifications"), free_port()
    try:
        who = record(email="claimed@example.org", reference="ASB-2026-700001")
        opened = opened_v2("ASB-2026-700001", who)
        cause = Outbox("casework").envelope(opened, organisation_id=ORG)
        async with db.transaction() as session:
            await case_opened(UnitOfWork(session, outbox, cause=cause), opened)
            await session.execute(text("UPDATE messages SET due_at = now() - interval '2 s'"))
            # Due after it: a message no dispatcher can decide (a kind it does not know).
            await session.execute(
                text(
                    "INSERT INTO messages (id, organisation_id, source_event_id, kind,"
                    " recipient_type, recipient, values, due_at)"
                    " VALUES (:id, :org, :id, 'no_such_kind', 'person', 'someone', '{}',"
                    " now() - interval '1 s')"
                ),
                {"id": uuid.uuid4(), "org": ORG},
            )
        settings = NotificationsSettings(smtp_port=port)
        async with running_api(create_mailsink("127.0.0.1", port)) as sink:
            transactions = Transactions(db, outbox)
            with pytest.raises(ValueError, match="no_such_kind"):
                await dispatch_due(transactions, Senders(settings), policy_of(settings), 10)
            [mail] = (await sink.get("/api/messages")).json()
        assert mail["to"] == ["claimed@example.org"]
        async with db.transaction() as session:
            rows = (
                await session.execute(text("SELECT kind, status, attempts FROM messages"))
            ).all()
        assert sorted(map(tuple, rows)) == [
            ("no_such_kind", "created", 0),
            ("report_acknowledgement", "delivered", 1),
        ]
    finally:
        await db.dispose()
