"""The reporter's status view follows casework's case events: opened, a report linked, closed."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import httpx
import pytest
from asb_shared.contracts.casework import CaseClosedV2, ContactRecord, ReportLinkedV2
from asb_shared.testing import (
    TestEnvironment,
    eventually,
    publish_event,
    service_api,
    service_worker,
)
from intake.main import definition
from intake_samples import ORG, case_opened, report


@pytest.fixture(scope="module")
async def client(test_env: TestEnvironment) -> AsyncIterator[httpx.AsyncClient]:
    async with service_api(test_env, definition, public_rate_per_minute=0) as client:
        yield client


async def test_version_2_case_events_move_the_reporters_status(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    first = (await client.post("/v1/reports", json=report())).json()
    second = (await client.post("/v1/reports", json=report())).json()
    case_id, case_reference = uuid.uuid4(), f"CASE-2026-{uuid.uuid4().int % 10**6:06d}"
    opened = case_opened(first, case_reference, 2, case_id=case_id).model_copy(
        update={"complainant": ContactRecord(person_id=uuid.uuid4(), name="Jo")}
    )
    linked = ReportLinkedV2(
        case_id=case_id,
        case_reference=case_reference,
        version=3,
        status="open",
        report_id=uuid.UUID(second["id"]),
        report_reference=second["reference"],
        reason="same address",
    )
    closed = CaseClosedV2(
        case_id=case_id,
        case_reference=case_reference,
        version=4,
        status="resolved",
        outcome="resolved",
        reason="Behaviour stopped after a warning",
        closed_at=datetime.now(UTC),
        anonymous=False,
    )

    async def shown(made: dict[str, str], expected: str) -> bool:
        headers = {"X-Tracking-Token": made["tracking_token"]}
        got = (await client.get(f"/v1/reports/{made['reference']}/status", headers=headers)).json()
        return bool(got["status"] == expected and got["case_reference"] == case_reference)

    async with service_worker(test_env, definition):
        await publish_event(test_env, opened, organisation_id=ORG)
        await publish_event(test_env, linked, organisation_id=ORG)
        await eventually(lambda: shown(first, "open"))
        await eventually(lambda: shown(second, "open"))
        await publish_event(test_env, closed, organisation_id=ORG)
        await eventually(lambda: shown(first, "closed"))
        await eventually(lambda: shown(second, "closed"))

    # Each report following the case tells its own reporter each step, in order.
    for made, joined in ((first, "We have opened case"), (second, "Your report has been added")):
        headers = {"X-Tracking-Token": made["tracking_token"]}
        view = (await client.get(f"/v1/reports/{made['reference']}", headers=headers)).json()
        told = [u["text"] for u in view["updates"]]
        assert len(told) == 2
        assert told[0].startswith(joined)
        assert told[1].startswith("Your case has been closed: the behaviour has stopped")
