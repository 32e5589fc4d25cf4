"""A mail relay that cannot be reached is a temporary failure: retried, and after the last
attempt the message fails and the officer is told. In a module of its own: its worker sends
to a port where nothing listens."""

from __future__ import annotations

import uuid

from asb_shared.contracts.common import ContactChannel
from asb_shared.testing import TestEnvironment, free_port, publish_event
from notification_samples import opened_v2, record, running

ORG = uuid.uuid4()


async def test_a_relay_that_is_down_is_retried_then_the_officer_is_told(
    test_env: TestEnvironment,
) -> None:
    async with running(
        test_env, smtp_port=free_port(), max_attempts=3, smtp_timeout_seconds=2
    ) as svc:
        who = record(
            email="down@example.org", reference="ASB-2026-610001", preferred=ContactChannel.EMAIL
        )
        event = opened_v2("ASB-2026-610001", who)
        await publish_event(svc.env, event, organisation_id=ORG)
        messages = await svc.settled(event.case_id, ORG, 2)
    [ack] = [m for m in messages if m["template"] == "report_acknowledgement"]
    assert ack["status"] == "failed" and ack["attempts"] == 3
    assert [d["outcome"] for d in ack["decisions"]].count("retry") == 2
    assert "after 3 attempts" in ack["last_error"]
    assert [m for m in messages if m["template"] == "delivery_failed"]
