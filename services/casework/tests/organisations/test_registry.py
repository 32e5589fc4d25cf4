"""The organisations registry: a platform admin registers and changes landlords, every change
is audited and announced, and a landlord's staff are refused once it is inactive. Case
references are numbered per landlord with its prefix."""

from __future__ import annotations

import asyncio
import re
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from asb_shared.contracts.common import Location
from asb_shared.messaging import Envelope
from asb_shared.organisations import CASE_REFERENCE
from asb_shared.testing import TestEnvironment, captured_events, eventually, publish_event
from casework_samples import cases_for, received_v2, sql

ORGANISATION_EVENT = "casework.organisation.updated"


@pytest.fixture(scope="module")
async def announced(test_env: TestEnvironment) -> AsyncIterator[list[Envelope]]:
    async with captured_events(test_env, ORGANISATION_EVENT) as events:
        yield events


def platform(test_env: TestEnvironment) -> dict[str, str]:
    token = test_env.token(
        "platform_admin", organisation_id=uuid.uuid4(), subject="plat-1", register=False
    )
    return {"Authorization": f"Bearer {token}"}


def staff(test_env: TestEnvironment, org: uuid.UUID, role: str = "officer") -> dict[str, str]:
    return {"Authorization": f"Bearer {test_env.token(role, organisation_id=org, register=False)}"}


def prefix() -> str:
    return "".join(chr(ord("A") + int(c, 16) % 26) for c in uuid.uuid4().hex[:5])


async def register(
    client: httpx.AsyncClient, test_env: TestEnvironment, **body: Any
) -> dict[str, Any]:
    body = {"name": "Northfield Homes", "reference_prefix": prefix()} | body
    response = await client.post("/v1/organisations", json=body, headers=platform(test_env))
    assert response.status_code == 201, response.text
    return dict(response.json())


async def test_a_platform_admin_registers_a_landlord_and_it_is_announced(
    client: httpx.AsyncClient, test_env: TestEnvironment, announced: list[Envelope]
) -> None:
    org = uuid.uuid4()
    created = await register(
        client, test_env, id=str(org), reference_prefix="NFH", services=["engagement"]
    )
    assert created["id"] == str(org)
    assert created["services"] == ["engagement"]
    assert created["active"] is True and created["version"] == 1

    def mine() -> list[Envelope]:
        return [e for e in announced if e.data["organisation_id"] == str(org)]

    [event] = await eventually(lambda: asyncio.sleep(0, mine()))
    assert event.organisation_id == org
    assert event.data["reference_prefix"] == "NFH"
    assert event.data["services"] == ["engagement"] and event.data["version"] == 1

    changed = await client.patch(
        f"/v1/organisations/{org}",
        json={"services": ["engagement", "partner-gateway"], "name": "Northfield Homes Ltd"},
        headers=platform(test_env),
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["version"] == 2
    events = await eventually(lambda: asyncio.sleep(0, len(mine()) == 2 and mine()))
    assert [e.data["version"] for e in events] == [1, 2]
    assert events[1].data["name"] == "Northfield Homes Ltd"

    # Nothing changes: no new version, nothing announced.
    same = await client.patch(
        f"/v1/organisations/{org}", json={"active": True}, headers=platform(test_env)
    )
    assert same.json()["version"] == 2

    history = (
        await client.get(f"/v1/organisations/{org}/changes", headers=platform(test_env))
    ).json()
    assert [h["version"] for h in history] == [2, 1]
    assert history[0]["changed_by"] == "plat-1"
    assert {c["field"] for c in history[0]["changes"]} == {"name", "services"}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"reference_prefix": "ab"}, "reference_prefix"),
        ({"reference_prefix": "A"}, "reference_prefix"),
        ({"reference_prefix": "ABCDEFG"}, "reference_prefix"),
        ({"reference_prefix": "AB1"}, "reference_prefix"),
        ({"reference_prefix": "ASB"}, "reference_prefix"),
        ({"reference_prefix": "CASE"}, "reference_prefix"),
        ({"services": ["casework-plus"]}, "services"),
        ({"name": ""}, "name"),
        ({"name": "Bad\x00name"}, "name"),
        ({"id": "not-a-uuid"}, "id"),
        ({"colour": "blue"}, "colour"),
    ],
)
async def test_a_bad_registration_is_refused_naming_the_field(
    client: httpx.AsyncClient, test_env: TestEnvironment, body: dict[str, Any], field: str
) -> None:
    full = {"name": "Southgate Housing", "reference_prefix": prefix()} | body
    response = await client.post("/v1/organisations", json=full, headers=platform(test_env))
    assert response.status_code == 422, response.text
    assert any(field in d["field"].split(".") for d in response.json()["error"]["details"])


async def test_a_prefix_or_an_id_is_one_landlords_and_the_prefix_never_changes(
    client: httpx.AsyncClient, test_env: TestEnvironment, announced: list[Envelope]
) -> None:
    first = await register(client, test_env)
    again = await client.post(
        "/v1/organisations",
        json={"name": "Copycat", "reference_prefix": first["reference_prefix"]},
        headers=platform(test_env),
    )
    assert again.status_code == 409
    assert again.json()["error"]["details"][0]["field"] == "reference_prefix"
    same_id = await client.post(
        "/v1/organisations",
        json={"id": first["id"], "name": "Copycat", "reference_prefix": prefix()},
        headers=platform(test_env),
    )
    assert same_id.status_code == 409
    renamed = await client.patch(
        f"/v1/organisations/{first['id']}",
        json={"reference_prefix": prefix()},
        headers=platform(test_env),
    )
    assert renamed.status_code == 422
    missing = await client.patch(
        f"/v1/organisations/{uuid.uuid4()}", json={"active": False}, headers=platform(test_env)
    )
    assert missing.status_code == 404


async def test_only_a_platform_admin_may_touch_the_registry(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    admin = {"Authorization": f"Bearer {test_env.token('admin', organisation_id=uuid.uuid4())}"}
    body = {"name": "Sneaky", "reference_prefix": prefix()}
    refused = await client.post("/v1/organisations", json=body, headers=admin)
    assert refused.status_code == 403
    assert (await client.get("/v1/organisations", headers=admin)).status_code == 403
    assert (await client.post("/v1/organisations", json=body)).status_code == 401


async def test_a_landlords_staff_are_refused_while_it_is_unknown_or_inactive(
    client: httpx.AsyncClient, test_env: TestEnvironment, announced: list[Envelope]
) -> None:
    org = uuid.uuid4()
    unknown = await client.get("/v1/cases", headers=staff(test_env, org))
    assert unknown.status_code == 403
    assert unknown.json()["error"]["code"] == "organisation_unknown"

    await register(client, test_env, id=str(org))
    assert (await client.get("/v1/cases", headers=staff(test_env, org))).status_code == 200

    off = await client.patch(
        f"/v1/organisations/{org}", json={"active": False}, headers=platform(test_env)
    )
    assert off.json()["active"] is False
    inactive = await client.get("/v1/cases", headers=staff(test_env, org))
    assert inactive.status_code == 403
    assert inactive.json()["error"]["code"] == "organisation_inactive"

    await client.patch(
        f"/v1/organisations/{org}", json={"active": True}, headers=platform(test_env)
    )
    assert (await client.get("/v1/cases", headers=staff(test_env, org))).status_code == 200


async def test_case_references_are_numbered_per_landlord_with_its_prefix(
    client: httpx.AsyncClient, test_env: TestEnvironment, announced: list[Envelope]
) -> None:
    one = await register(client, test_env)
    two = await register(client, test_env)
    refs: dict[str, list[str]] = {one["id"]: [], two["id"]: []}
    for n in range(3):
        for org in (one, two):
            report = f"{org['reference_prefix']}-2026-{n + 1:06d}"
            await publish_event(
                test_env,
                received_v2(report, location=Location(address=f"{n} Lane", postcode=f"SK{n} 1AA")),
                organisation_id=uuid.UUID(org["id"]),
            )
            await eventually(lambda report=report: cases_for(test_env, report), timeout=30)
            [row] = await sql(
                test_env,
                "SELECT c.reference FROM cases c JOIN case_reports r ON r.case_id = c.id"
                " WHERE r.report_reference = $1",
                report,
            )
            refs[org["id"]].append(row["reference"])
    for org in (one, two):
        numbers = []
        for reference in refs[org["id"]]:
            assert re.match(CASE_REFERENCE, reference)
            head, _year, number = reference.rsplit("-", 2)
            assert head == f"{org['reference_prefix']}-C"
            numbers.append(int(number))
        assert numbers == [1, 2, 3]  # each landlord's own sequence
