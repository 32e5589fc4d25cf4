"""The reporter's status view follows the case's events: open, closed, never an internal state,
and an older event changes nothing."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
from asb_shared.contracts.casework import CaseAssigned, CaseOpenedV2, CaseStatusChanged
from asb_shared.testing import (
    TestEnvironment,
    count_rows,
    eventually,
    publish_event,
    service_api,
    service_worker,
)
from intake.main import definition
from intake_samples import ORG, case_opened, case_resolved, report


@pytest.fixture(scope="module")
async def client(test_env: TestEnvironment) -> AsyncIterator[httpx.AsyncClient]:
    """The API alone: each test runs the worker while it sends case events."""
    async with service_api(test_env, definition, public_rate_per_minute=0) as client:
        yield client


async def test_a_case_opened_event_shows_the_report_as_open_and_older_events_are_ignored(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    body = (await client.post("/v1/reports", json=report())).json()
    headers = {"X-Tracking-Token": body["tracking_token"]}

    def opened(version: int, case_reference: str) -> CaseOpenedV2:
        return case_opened(body, case_reference, version, status="received")

    async with service_worker(test_env, definition):
        await publish_event(test_env, opened(2, "CASE-2026-999002"), organisation_id=ORG)

        async def is_open() -> bool:
            got = (
                await client.get(f"/v1/reports/{body['reference']}/status", headers=headers)
            ).json()
            return got["status"] == "open" and got["case_reference"] == "CASE-2026-999002"

        await eventually(is_open)
        stale = await publish_event(test_env, opened(1, "CASE-2026-999001"), organisation_id=ORG)
        await eventually(
            lambda: count_rows(test_env.database_url("intake"), "inbox", f"event_id = '{stale.id}'")
        )
    got = (await client.get(f"/v1/reports/{body['reference']}/status", headers=headers)).json()
    assert got["case_reference"] == "CASE-2026-999002"


async def test_the_reporter_follows_the_case_to_closure_without_seeing_internal_states(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    body = (await client.post("/v1/reports", json=report())).json()
    headers = {"X-Tracking-Token": body["tracking_token"]}
    case_id, case_reference = uuid.uuid4(), f"CASE-2026-{uuid.uuid4().int % 10**6:06d}"
    async with service_worker(test_env, definition):
        await publish_event(
            test_env,
            case_opened(body, case_reference, 3, case_id=case_id),
            organisation_id=ORG,
        )
        await publish_event(
            test_env,
            CaseStatusChanged(
                case_id=case_id,
                case_reference=case_reference,
                version=3,
                status="investigating",
                previous_status="open",
                command="start_investigation",
            ),
            organisation_id=ORG,
        )

        async def shown(expected: str) -> bool:
            got = (
                await client.get(f"/v1/reports/{body['reference']}/status", headers=headers)
            ).json()
            return bool(got["status"] == expected and got["case_reference"] == case_reference)

        await eventually(lambda: shown("open"))  # "investigating" is internal: still "open"
        await publish_event(
            test_env,
            case_resolved(case_id, case_reference, 6, "Behaviour stopped after a warning"),
            organisation_id=ORG,
        )
        await eventually(lambda: shown("closed"))


async def test_the_reporter_sees_their_officers_name_once_assigned(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    body = (await client.post("/v1/reports", json=report())).json()
    headers = {"X-Tracking-Token": body["tracking_token"]}
    case_id, case_reference = uuid.uuid4(), f"CASE-2026-{uuid.uuid4().int % 10**6:06d}"
    view_url = f"/v1/reports/{body['reference']}"
    async with service_worker(test_env, definition):
        await publish_event(
            test_env, case_opened(body, case_reference, 2, case_id=case_id), organisation_id=ORG
        )

        async def view() -> dict[str, object]:
            return dict((await client.get(view_url, headers=headers)).json())

        await eventually(lambda: _opened(view))
        assert (await view())["officer_name"] is None
        # Assigned as the case opened: casework announces both at the case's one version.
        await publish_event(
            test_env,
            CaseAssigned(
                case_id=case_id,
                case_reference=case_reference,
                version=2,
                status="open",
                officer_id="o-kim",
                officer_name="Kim Officer",
                reason="patch",
            ),
            organisation_id=ORG,
        )

        async def named() -> bool:
            return (await view())["officer_name"] == "Kim Officer"

        await eventually(named)
        # A later change that names no officer keeps the name.
        await publish_event(
            test_env,
            CaseStatusChanged(
                case_id=case_id,
                case_reference=case_reference,
                version=3,
                status="investigating",
                previous_status="open",
                command="start_investigation",
            ),
            organisation_id=ORG,
        )
        await eventually(lambda: _version_seen(test_env, case_reference, 3))
        assert (await view())["officer_name"] == "Kim Officer"


async def _opened(view: object) -> bool:
    got = await view()  # type: ignore[operator]
    return bool(got["case_reference"])


async def _version_seen(test_env: TestEnvironment, case_reference: str, version: int) -> bool:
    url = test_env.database_url("intake")
    where = f"case_reference = '{case_reference}' AND case_version = {version}"
    return await count_rows(url, "report_status", where) == 1


async def test_a_report_made_in_welsh_is_told_in_welsh(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    reporter = {
        "name": "Alun Resident",
        "email": "alun@example.org",
        "preferences": {"safe": ["email"], "preferred": "email", "language": "cy"},
    }
    welsh = (await client.post("/v1/reports", json=report(reporter=reporter))).json()
    english = (await client.post("/v1/reports", json=report())).json()
    case_id, case_reference = uuid.uuid4(), f"CASE-2026-{uuid.uuid4().int % 10**6:06d}"
    async with service_worker(test_env, definition):
        await publish_event(
            test_env, case_opened(welsh, case_reference, 2, case_id=case_id), organisation_id=ORG
        )
        await publish_event(
            test_env, case_opened(english, case_reference, 2, case_id=case_id), organisation_id=ORG
        )
        await publish_event(
            test_env,
            case_resolved(case_id, case_reference, 5, "Behaviour stopped after a warning"),
            organisation_id=ORG,
        )

        async def told(made: dict[str, str], words: str) -> bool:
            view = (
                await client.get(
                    f"/v1/reports/{made['reference']}",
                    headers={"X-Tracking-Token": made["tracking_token"]},
                )
            ).json()
            return any(words in u["text"] for u in view["updates"])

        await eventually(lambda: told(welsh, "Rydym wedi agor achos"))
        await eventually(lambda: told(welsh, "Mae eich achos wedi cau"))
        await eventually(lambda: told(english, "Your case has been closed"))
        assert not await told(english, "Mae eich achos wedi cau")
