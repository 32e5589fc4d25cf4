"""A case overview answers what the case's own endpoints answer one by one, audits what they
audit, and finds nothing of another landlord's."""

from __future__ import annotations

import uuid

import httpx
from asb_shared.testing import TestEnvironment
from casework_samples import (
    bearer,
    contact_body,
    evidence_body,
    intervention_body,
    open_case,
    plan_body,
    sql,
)

PARTS = {
    "timeline": "timeline",
    "risk_assessments": "risk-assessments",
    "action_plans": "action-plans",
    "contacts": "contacts",
    "interventions": "interventions",
    "evidence": "evidence",
    "referrals": "referrals",
    "corroboration_attempts": "corroboration-attempts",
    "people": "people",
    "community_trigger": "community-trigger",
}
"""The overview's parts, and the case's endpoint answering each alone."""


async def _evidence_reads(test_env: TestEnvironment, case_id: str) -> list[str]:
    rows = await sql(
        test_env,
        "SELECT reason FROM sensitive_reads WHERE case_id = $1 AND resource = 'evidence'",
        uuid.UUID(case_id),
    )
    return [r["reason"] for r in rows]


async def test_the_overview_is_what_the_cases_endpoints_answer(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    case_id, _ = await open_case(client, test_env, status="investigating")
    officer = bearer(test_env, "officer")
    base = f"/v1/cases/{case_id}"
    for path, body in (
        ("contacts", contact_body()),
        ("action-plans", plan_body()),
        ("interventions", intervention_body()),
        ("evidence", evidence_body()),
    ):
        added = await client.post(f"{base}/{path}", json=body, headers=officer)
        assert added.status_code == 201, added.text

    overview = await client.get(
        f"{base}/overview", headers={**officer, "X-Read-Reason": "Preparing the visit"}
    )
    assert overview.status_code == 200, overview.text
    found = overview.json()
    assert await _evidence_reads(test_env, case_id) == ["Preparing the visit"]

    assert found["case"] == (await client.get(base, headers=officer)).json()
    question_set = await client.get("/v1/risk-question-set", headers=officer)
    assert found["question_set"] == question_set.json()
    for part, path in PARTS.items():
        alone = (await client.get(f"{base}/{path}", headers=officer)).json()
        expected = alone["items"] if isinstance(alone, dict) and "items" in alone else alone
        assert found[part] == expected, part
    assert [len(found[p]) for p in ("contacts", "action_plans", "interventions", "evidence")] == [
        1,
        1,
        1,
        1,
    ]


async def test_another_landlords_case_has_no_overview_and_nothing_is_audited(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    case_id, _ = await open_case(client, test_env, status="investigating")
    added = await client.post(
        f"/v1/cases/{case_id}/evidence", json=evidence_body(), headers=bearer(test_env, "officer")
    )
    assert added.status_code == 201
    theirs = await client.get(
        f"/v1/cases/{case_id}/overview", headers=bearer(test_env, "admin", org=uuid.uuid4())
    )
    assert theirs.status_code == 404
    assert "Shouting" not in theirs.text
    assert await _evidence_reads(test_env, case_id) == []
    refused = await client.get(f"/v1/cases/{case_id}/overview", headers=bearer(test_env, "peo"))
    assert refused.status_code == 403
