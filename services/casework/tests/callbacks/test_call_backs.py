"""Call-backs after closure: the landlord's share of closed cases becomes team leaders' tasks,
whose result is recorded; an anonymous complainant is never called back."""

from __future__ import annotations

import uuid

import httpx
from asb_shared.testing import TestEnvironment
from casework.policy.settings import PolicySettings
from casework_samples import bearer, closure_body, open_case, sql


async def _set_share(client: httpx.AsyncClient, test_env: TestEnvironment, org: uuid.UUID) -> None:
    settings = PolicySettings().model_dump(mode="json") | {"call_backs": {"sample_percent": 100}}
    changed = await client.put(
        f"/v1/organisations/{org}/policy",
        json={"reason": "NPH call-backs on every closure", "settings": settings},
        headers=bearer(test_env, "admin", org=org, subject="admin-1"),
    )
    assert changed.status_code == 200, changed.text


async def test_a_sampled_closure_is_a_team_leaders_task_with_its_result(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    org = uuid.uuid4()
    await _set_share(client, test_env, org)
    named, _ = await open_case(client, test_env, org=org, status="investigating")
    anonymous, _ = await open_case(
        client, test_env, org=org, status="investigating", anonymous=True
    )
    officer = bearer(test_env, "officer", org=org)
    for case_id in (named, anonymous):
        closed = await client.post(
            f"/v1/cases/{case_id}/closure",
            json=closure_body(
                **({"discussed_with_complainant_at": None} if case_id == anonymous else {})
            ),
            headers=officer,
        )
        assert closed.status_code == 201, closed.text

    leader = bearer(test_env, "team_leader", org=org, subject="leader-lee")
    assert (await client.get("/v1/call-backs", headers=officer)).status_code == 403
    due = (await client.get("/v1/call-backs", headers=leader)).json()
    assert [c["case_id"] for c in due] == [named]

    done = await client.post(
        f"/v1/call-backs/{due[0]['id']}/result",
        json={"result": "satisfied", "notes": "Happy with how quickly it was sorted"},
        headers=leader,
    )
    assert done.status_code == 200, done.text
    assert done.json()["done_by"] == "leader-lee"
    assert (await client.get("/v1/call-backs", headers=leader)).json() == []
    [entry] = await sql(
        test_env,
        "SELECT data->>'result' AS result FROM timeline WHERE case_id = $1 AND kind = 'call_back'",
        uuid.UUID(named),
    )
    assert entry["result"] == "satisfied"
