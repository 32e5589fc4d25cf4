"""Triage flags what is often not ASB, with advice, and an officer can override it."""

from __future__ import annotations

import httpx
from asb_shared.contracts.common import AsbCategory
from asb_shared.testing import TestEnvironment, publish_event
from casework_samples import (
    ORG,
    bearer,
    case_of,
    received,
)


async def test_often_not_asb_is_flagged_with_advice_and_an_officer_can_override(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    await publish_event(
        test_env,
        received(
            "ASB-2026-400031", description="The children playing football outside every afternoon"
        ),
        organisation_id=ORG,
    )
    case = await case_of(client, test_env, "ASB-2026-400031")
    assert case["may_not_be_asb"] is True
    assert "Children playing" in case["not_asb_advice"]  # type: ignore[operator]
    override = await client.post(
        f"/v1/cases/{case['id']}/confirm-asb",
        json={"reason": "Ball games aimed at windows, damage caused"},
        headers=bearer(test_env, "officer"),
    )
    assert override.json()["may_not_be_asb"] is False
    await publish_event(
        test_env,
        received(
            "ASB-2026-400032",
            categories=[AsbCategory.HATE_INCIDENT],
            description="Abuse shouted about my religion, posted on Facebook too",
        ),
        organisation_id=ORG,
    )
    hate = await case_of(client, test_env, "ASB-2026-400032")
    assert hate["priority_route"] == "hate_incident"
    assert hate["may_not_be_asb"] is False
