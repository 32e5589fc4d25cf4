"""The gateway's projection of cases follows casework's events, newest version winning."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import httpx
import pytest
from asb_shared.contracts import AsbCategory, CaseOpened
from asb_shared.testing import (
    TestEnvironment,
    count_rows,
    eventually,
    publish_event,
    service_api,
    service_worker,
)
from partner_gateway.main import definition

ORG = uuid.uuid4()


@pytest.fixture(scope="module")
async def client(test_env: TestEnvironment) -> AsyncIterator[httpx.AsyncClient]:
    async with service_api(test_env, definition) as client, service_worker(test_env, definition):
        yield client


def opened(case_id: uuid.UUID, version: int, status: str) -> CaseOpened:
    return CaseOpened(
        case_id=case_id,
        case_reference="CASE-2026-000300",
        version=version,
        status=status,
        categories=[AsbCategory.DRUGS],
        report_id=uuid.uuid4(),
        report_reference="ASB-2026-000300",
        opened_at=datetime.now(UTC),
        anonymous=True,
    )


async def test_the_projection_keeps_the_newest_version_of_a_case(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    case_id = uuid.uuid4()
    await publish_event(test_env, opened(case_id, 2, "open"), organisation_id=ORG)
    late = await publish_event(test_env, opened(case_id, 1, "received"), organisation_id=ORG)
    await eventually(
        lambda: count_rows(
            test_env.database_url("partner-gateway"), "inbox", f"event_id = '{late.id}'"
        )
    )

    admin = {"Authorization": f"Bearer {test_env.token('admin', organisation_id=ORG)}"}
    [case] = (await client.get("/v1/shared-cases", headers=admin)).json()["items"]
    assert case["case_id"] == str(case_id)
    assert case["version"] == 2
    assert case["status"] == "open"
    officer = {"Authorization": f"Bearer {test_env.token('officer', organisation_id=ORG)}"}
    assert (await client.get("/v1/shared-cases", headers=officer)).status_code == 403
