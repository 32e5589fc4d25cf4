"""A message that cannot be delivered is retried, then marked failed and announced.

In a module of its own, so that no other notifications worker (one that could deliver) is
consuming the same queue while it runs.
"""

from __future__ import annotations

import uuid

from asb_shared.messaging import Envelope
from asb_shared.testing import (
    TestEnvironment,
    captured_events,
    count_rows,
    eventually,
    free_port,
    publish_event,
    service_worker,
)
from notification_samples import opened
from notifications.main import definition

ORG = uuid.uuid4()


async def test_a_message_the_relay_refuses_is_retried_then_failed(
    test_env: TestEnvironment,
) -> None:
    """With no SMTP server listening, the message is attempted, then marked failed and announced."""
    dead_port = free_port()
    async with (
        captured_events(test_env, "notifications.message.failed") as delivered,
        service_worker(
            test_env, definition, smtp_port=dead_port, max_attempts=1, smtp_timeout_seconds=2
        ),
    ):
        await publish_event(test_env, opened("ASB-2026-300004"), organisation_id=ORG)
        url = test_env.database_url("notifications")
        await eventually(
            lambda: count_rows(
                url, "messages", "reference = 'ASB-2026-300004' AND status = 'failed'"
            ),
            timeout=15,
        )

        async def failure_announced() -> list[Envelope]:
            return [e for e in delivered if e.type == "notifications.message.failed"]

        [failed] = await eventually(failure_announced)
    assert (
        await count_rows(
            url,
            "messages",
            "reference = 'ASB-2026-300004' AND attempts = 1 AND last_error IS NOT NULL",
        )
        == 1
    )
    assert "connect" in failed.data["error"].lower()
