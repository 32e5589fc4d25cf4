"""The case list's due-soon filter: cases with a running standard the clock has warned of."""

from __future__ import annotations

import uuid

import httpx
from asb_shared.testing import TestEnvironment
from casework_samples import bearer, open_case, sql


async def _warn(test_env: TestEnvironment, case_id: str, status: str = "running") -> None:
    """One of the case's running standards warned by the clock (then, if said, met or
    breached), as the clock and the case's actions would leave it."""
    await sql(
        test_env,
        "UPDATE standards SET warned_at = now(), status = $2 WHERE id = ("
        " SELECT id FROM standards WHERE case_id = $1 AND status = 'running'"
        " ORDER BY due_at LIMIT 1)",
        uuid.UUID(case_id),
        status,
    )


async def test_the_list_finds_the_cases_due_soon(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    org = uuid.uuid4()
    due_soon, _ = await open_case(client, test_env, org=org)
    met, _ = await open_case(client, test_env, org=org)
    breached, _ = await open_case(client, test_env, org=org)
    quiet, _ = await open_case(client, test_env, org=org)
    await _warn(test_env, due_soon)
    await _warn(test_env, met, "met")  # warned, then done in time: no longer due
    await _warn(test_env, breached, "breached")  # past due: a breach, not a warning

    async def listed(**params: str) -> set[str]:
        answer = await client.get(
            "/v1/cases",
            params={"open_only": "true", **params},
            headers=bearer(test_env, "team_leader", org=org),
        )
        assert answer.status_code == 200
        return {c["id"] for c in answer.json()["items"]}

    assert await listed(warned="true") == {due_soon}
    assert await listed(warned="false") == {met, breached, quiet}
    assert await listed(warned="true", breached="true") == set()
    assert await listed(breached="true") == {breached}
    bad = await client.get(
        "/v1/cases", params={"warned": "soon"}, headers=bearer(test_env, "team_leader", org=org)
    )
    assert bad.status_code == 422
    assert bad.json()["error"]["details"][0]["field"] == "query.warned"
