"""Engagement records referrals casework asks for; only PEOs and admins see them."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
from asb_shared.contracts import EngagementReferralRequested
from asb_shared.testing import (
    TestEnvironment,
    count_rows,
    eventually,
    publish_event,
    service_api,
    service_worker,
)
from engagement.main import definition

ORG = uuid.uuid4()


@pytest.fixture(scope="module")
async def client(test_env: TestEnvironment) -> AsyncIterator[httpx.AsyncClient]:
    async with service_api(test_env, definition) as client, service_worker(test_env, definition):
        yield client


async def test_a_referral_request_is_recorded_once_awaiting_a_decision(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    event = EngagementReferralRequested(
        referral_id=uuid.uuid4(),
        case_id=uuid.uuid4(),
        case_reference="CASE-2026-000200",
        subject_name="R. Subject",
        reason="Repeated noise linked to alcohol; open to support.",
        requested_by="officer-7",
    )
    await publish_event(test_env, event, organisation_id=ORG)
    again = await publish_event(test_env, event, organisation_id=ORG)  # sent twice by its producer
    await eventually(
        lambda: count_rows(test_env.database_url("engagement"), "inbox", f"event_id = '{again.id}'")
    )

    peo = {"Authorization": f"Bearer {test_env.token('peo', organisation_id=ORG)}"}
    [referral] = (await client.get("/v1/referrals", headers=peo)).json()["items"]
    assert referral["id"] == str(event.referral_id)
    assert referral["status"] == "awaiting_decision"
    assert referral["case_reference"] == "CASE-2026-000200"

    officer = {"Authorization": f"Bearer {test_env.token('officer', organisation_id=ORG)}"}
    assert (await client.get("/v1/referrals", headers=officer)).status_code == 403
    other_peo = {"Authorization": f"Bearer {test_env.token('peo', organisation_id=uuid.uuid4())}"}
    assert (await client.get("/v1/referrals", headers=other_peo)).json()["items"] == []
