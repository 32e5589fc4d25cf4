"""The case records whether the complainant's acknowledgement reached them."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import httpx
from asb_shared.contracts.common import ContactChannel
from asb_shared.contracts.notifications import MessageDelivered
from asb_shared.testing import TestEnvironment, eventually, publish_event
from casework_samples import (
    ORG,
    OTHER_ORG,
    bearer,
    cases_for,
    received,
)


async def test_the_case_records_whether_the_acknowledgement_reached_the_complainant(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    await publish_event(test_env, received("ASB-2026-100005"), organisation_id=ORG)
    await eventually(lambda: cases_for(test_env, "ASB-2026-100005"))
    headers = bearer(test_env, "officer")
    [case] = (
        await client.get(
            "/v1/cases", params={"report_reference": "ASB-2026-100005"}, headers=headers
        )
    ).json()["items"]
    assert case["acknowledged_at"] is None
    delivered_at = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
    # Another landlord's event naming this case changes nothing.
    for org in (OTHER_ORG, ORG):
        await publish_event(
            test_env,
            MessageDelivered(
                message_id=uuid.uuid4(),
                channel=ContactChannel.EMAIL,
                template="report_acknowledgement",
                case_id=uuid.UUID(case["id"]),
                delivered_at=delivered_at if org == ORG else datetime(2020, 1, 1, tzinfo=UTC),
            ),
            organisation_id=org,
        )

    async def acknowledged() -> str | None:
        got = (await client.get(f"/v1/cases/{case['id']}", headers=headers)).json()
        return got["acknowledged_at"]  # type: ignore[no-any-return]

    assert await eventually(acknowledged) == "2026-11-23T09:30:00Z"
