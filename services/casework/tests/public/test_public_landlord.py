"""A landlord's public details: anyone may read them, without a token; only what the landlord
publishes; a changed policy shows at once; unknown and inactive landlords are not found."""

from __future__ import annotations

import uuid

import httpx
from asb_shared.testing import TestEnvironment
from casework.policy.settings import PolicySettings
from casework_samples import bearer


async def test_a_landlords_public_details_need_no_token(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    org = uuid.uuid4()
    test_env.register_organisation(org, prefix="PUBA", name="Public Homes")
    answer = await client.get("/v1/public/landlords/puba")
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["organisation_id"] == str(org)
    assert body["name"] == "Public Homes"
    assert body["reference_prefix"] == "PUBA"
    assert any("Cooking smells" in item["advice"] for item in body["not_asb"])
    assert body["standards"]["first_contact"] == PolicySettings().standards.first_contact
    assert {q["id"] for q in body["risk_questions"]} >= {"feels_unsafe", "threatened"}
    assert set(body) == {
        "organisation_id",
        "name",
        "reference_prefix",
        "phone",
        "out_of_hours_phone",
        "not_asb",
        "standards",
        "community_trigger",
        "risk_questions",
    }

    # A new policy shows at once: the standards are the landlord's own.
    settings = PolicySettings().model_dump(mode="json")
    settings["standards"]["case_update"] = 7
    settings["public_contact"] = {"phone": "0161 496 0000", "out_of_hours_phone": "0161 496 0999"}
    changed = await client.put(
        f"/v1/organisations/{org}/policy",
        json={"reason": "Board approved a faster update", "settings": settings},
        headers=bearer(test_env, "admin", org=org, subject="admin-1"),
    )
    assert changed.status_code == 200, changed.text
    again = await client.get("/v1/public/landlords/PUBA")
    assert again.json()["standards"]["case_update"] == 7
    assert again.json()["phone"] == "0161 496 0000"
    assert again.json()["out_of_hours_phone"] == "0161 496 0999"


async def test_unknown_and_inactive_landlords_are_not_found(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    test_env.register_organisation(uuid.uuid4(), prefix="PUBZ", active=False)
    for prefix in ("PUBZ", "NOSUCH", "puby"):
        answer = await client.get(f"/v1/public/landlords/{prefix}")
        assert answer.status_code == 404, prefix
    assert (await client.get("/v1/public/landlords/x1")).status_code == 422
