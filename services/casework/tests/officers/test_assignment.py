"""Officers are assigned by patch and caseload; team leaders reassign."""

from __future__ import annotations

import uuid

import httpx
from asb_shared.contracts.common import Location
from asb_shared.testing import TestEnvironment, publish_event
from casework_samples import (
    bearer,
    case_of,
    received,
)


async def test_officers_are_assigned_by_patch_and_caseload_and_team_leaders_reassign(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    org = uuid.uuid4()
    leader = bearer(test_env, "team_leader", org=org)
    for subject, name, patches in [
        ("o-ann", "Ann", ["SK1"]),
        ("o-bob", "Bob", ["SK1"]),
        ("o-cat", "Cat", ["M1"]),
    ]:
        put = await client.put(
            f"/v1/officers/{subject}", json={"name": name, "patches": patches}, headers=leader
        )
        assert put.status_code == 200, put.text
    officers = []
    for n in range(3):
        ref = f"ASB-2026-4001{n:02d}"
        await publish_event(
            test_env,
            received(ref, location=Location(address=f"{n} Patch Street", postcode="SK1 2AA")),
            organisation_id=org,
        )
        officers.append((await case_of(client, test_env, ref, org))["officer_id"])
    # Only the SK1 officers, shared by caseload: Ann, Bob, then the one with fewer.
    assert set(officers[:2]) == {"o-ann", "o-bob"}
    assert officers[2] in {"o-ann", "o-bob"}
    case = await case_of(client, test_env, "ASB-2026-400100", org)
    assert case["status"] == "open"
    moved = await client.post(
        f"/v1/cases/{case['id']}/assignment",
        json={"officer_id": "o-cat", "reason": "Ann is on leave for three weeks"},
        headers=leader,
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["officer_name"] == "Cat"
    officer_only = await client.post(
        f"/v1/cases/{case['id']}/assignment",
        json={"officer_id": "o-cat", "reason": "Trying to reassign myself"},
        headers=bearer(test_env, "officer", org=org),
    )
    assert officer_only.status_code == 403
    cats = (
        await client.get(
            "/v1/my-cases",
            headers={
                "Authorization": f"Bearer {test_env.token('officer', organisation_id=org, subject='o-cat')}"
            },
        )
    ).json()
    assert [c["id"] for c in cats] == [case["id"]]
    assert cats[0]["next_due"]["kind"] in {
        "first_contact",
        "action_plan",
        "case_update",
        "manager_review",
    }
