"""Bad input to any action is a 422 naming the fields, and nothing is written."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
import pytest
from asb_shared.testing import TestEnvironment
from casework_samples import (
    bearer,
    closure_body,
    contact_body,
    evidence_body,
    intervention_body,
    now,
    open_case,
    plan_body,
    snapshot,
)


@pytest.fixture(scope="module")
async def shared_case(client: httpx.AsyncClient, test_env: TestEnvironment) -> str:
    """One open case for the tests that only ever expect nothing to be written."""
    case_id, _ = await open_case(client, test_env)
    return case_id


@pytest.mark.parametrize(
    ("path", "body", "fields"),
    [
        (
            "contacts",
            contact_body(with_whom="neighbour", method="pigeon", contacted_at="yesterday"),
            {"with_whom", "method", "contacted_at"},
        ),
        ("contacts", contact_body(contacted_at="2026-01-01T10:00:00"), {"contacted_at"}),
        (
            "contacts",
            contact_body(contacted_at=(now() + timedelta(days=1)).isoformat()),
            {"contacted_at"},
        ),
        ("contacts", contact_body(summary="nul \u0000 byte"), {"summary"}),
        ("contacts", contact_body(mood="angry"), {"mood"}),
        (
            "action-plans",
            plan_body(actions=[], contact_frequency_days=61, contact_method="pigeon"),
            {"actions", "contact_frequency_days", "contact_method"},
        ),
        ("action-plans", plan_body(contact_frequency_days="weekly"), {"contact_frequency_days"}),
        (
            "action-plans",
            plan_body(actions=[{"action": "Diary", "owner": "me", "due_date": "soon"}]),
            {"actions.0.due_date"},
        ),
        ("interventions", intervention_body("asbo"), {"kind"}),
        ("interventions", intervention_body(legal=True), {"legal"}),
        ("interventions", intervention_body(on_date="31/12/2026"), {"on_date"}),
        ("evidence", evidence_body(sha256="not-a-hash", kind="smell"), {"sha256", "kind"}),
        ("evidence", evidence_body(origin="x" * 101), {"origin"}),
        (
            "referrals",
            {"kind": "police", "person_name": "", "reason": "r"},
            {"kind", "person_name"},
        ),
        (
            "referrals",
            {"kind": "mash", "person_name": "B", "reason": "r", "details": [1]},
            {"details"},
        ),
        ("closure", closure_body(outcome="not_asb", reason="short"), {"outcome", "reason"}),
        ("reopen", {}, {"reason"}),
    ],
)
async def test_bad_input_is_refused_with_the_fields_named(
    client: httpx.AsyncClient,
    test_env: TestEnvironment,
    shared_case: str,
    path: str,
    body: dict[str, Any],
    fields: set[str],
) -> None:
    case_id = shared_case
    before = await snapshot(test_env, case_id)
    answer = await client.post(
        f"/v1/cases/{case_id}/{path}", json=body, headers=bearer(test_env, "officer")
    )
    assert answer.status_code == 422, answer.text
    error = answer.json()["error"]
    assert error["code"] == "validation_failed"
    assert {d["field"] for d in error["details"]} == fields
    assert await snapshot(test_env, case_id) == before


async def test_json_the_database_cannot_hold_is_refused_not_a_server_error(
    client: httpx.AsyncClient, test_env: TestEnvironment, shared_case: str
) -> None:
    case_id = shared_case
    before = await snapshot(test_env, case_id)
    for details in ('{"score": NaN}', '{"note": "a\\u0000b"}', '{"deep": ' * 20 + "1" + "}" * 20):
        answer = await client.post(
            f"/v1/cases/{case_id}/referrals",
            content=f'{{"kind": "mash", "person_name": "C", "reason": "r", "details": {details}}}',
            headers={**bearer(test_env, "officer"), "Content-Type": "application/json"},
        )
        assert answer.status_code == 422, answer.text
        assert answer.json()["error"]["details"][0]["field"] == "details"
    assert await snapshot(test_env, case_id) == before
