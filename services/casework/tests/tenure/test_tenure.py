"""An officer records the tenure of the home a case is about."""

from __future__ import annotations

import httpx
from asb_shared.testing import TestEnvironment
from casework_samples import bearer, open_case


async def test_tenure_is_unknown_until_recorded(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    case_id, _ = await open_case(client, test_env)
    officer = bearer(test_env, "officer")
    assert (await client.get(f"/v1/cases/{case_id}", headers=officer)).json()["tenure"] == "unknown"
    put = await client.put(
        f"/v1/cases/{case_id}/tenure", json={"tenure": "private_rent"}, headers=officer
    )
    assert put.status_code == 200, put.text
    assert (await client.get(f"/v1/cases/{case_id}", headers=officer)).json()["tenure"] == (
        "private_rent"
    )
    wrong = await client.put(
        f"/v1/cases/{case_id}/tenure", json={"tenure": "castle"}, headers=officer
    )
    assert wrong.status_code == 422
    assert wrong.json()["error"]["details"][0]["field"] == "tenure"
