"""The complainant's risk is scored from their answers and reassessed, with its history."""

from __future__ import annotations

import httpx
from asb_shared.testing import TestEnvironment, publish_event
from casework_samples import (
    ORG,
    bearer,
    case_of,
    received,
)


async def test_risk_is_scored_from_the_reporters_answers_and_reassessed_with_history(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    await publish_event(
        test_env,
        received(
            "ASB-2026-400041",
            risk_answers={"feels_unsafe": "yes", "health_affected": "yes", "not_a_question": "yes"},
        ),
        organisation_id=ORG,
    )
    case = await case_of(client, test_env, "ASB-2026-400041")
    assert case["risk_level"] == "medium"  # 2 + 2 = 4; the unknown answer is dropped
    headers = bearer(test_env, "officer")
    again = await client.post(
        f"/v1/cases/{case['id']}/risk-assessments",
        json={"answers": {"threatened": "yes"}},
        headers=headers,
    )
    assert again.status_code == 201, again.text
    assert again.json()["level"] == "high"
    bad = await client.post(
        f"/v1/cases/{case['id']}/risk-assessments",
        json={"answers": {"threatened": "perhaps"}},
        headers=headers,
    )
    assert bad.status_code == 422
    assert bad.json()["error"]["details"][0]["field"] == "answers.threatened"
    history = (await client.get(f"/v1/cases/{case['id']}/risk-assessments", headers=headers)).json()
    assert [h["level"] for h in history] == ["medium", "high"]
    high = (await client.get("/v1/cases", params={"risk": "high"}, headers=headers)).json()["items"]
    assert case["id"] in [c["id"] for c in high]
