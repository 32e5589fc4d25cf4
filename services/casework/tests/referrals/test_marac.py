"""MARAC referrals need a high-risk assessment, or a team leader's override with a reason."""

from __future__ import annotations

import uuid

import httpx
from asb_shared.contracts.common import AsbCategory
from asb_shared.testing import TestEnvironment
from casework.referrals.rules import MARAC_NEEDS_HIGH_RISK, marac_refusal
from casework_samples import bearer, open_case, snapshot, sql

MARAC = {"kind": "marac", "person_name": "Victim", "reason": "Repeat incidents, escalating"}


def test_the_marac_rule() -> None:
    assert marac_refusal("high", None, by_team_leader=False) is None
    assert marac_refusal("medium", None, by_team_leader=True) == MARAC_NEEDS_HIGH_RISK
    assert marac_refusal("standard", "Third incident in a month", by_team_leader=False)
    assert marac_refusal("standard", "Third incident in a month", by_team_leader=True) is None


async def test_marac_needs_high_risk_or_a_team_leaders_override(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    case_id, _ = await open_case(client, test_env, categories=[AsbCategory.DOMESTIC_ABUSE])
    url = f"/v1/cases/{case_id}/referrals"
    officer, leader = bearer(test_env, "officer"), bearer(test_env, "team_leader")
    before = await snapshot(test_env, case_id)
    refused = await client.post(url, json=MARAC, headers=officer)
    assert refused.status_code == 409, refused.text
    assert refused.json()["error"]["code"] == "marac_needs_high_risk"
    assert "high-risk assessment" in refused.json()["error"]["message"]
    # An officer cannot override; a team leader without a reason is refused too.
    override = MARAC | {"override_reason": "Third call-out this month, escalating threats"}
    assert (await client.post(url, json=override, headers=officer)).status_code == 403
    assert (await client.post(url, json=MARAC, headers=leader)).status_code == 409
    assert await snapshot(test_env, case_id) == before
    accepted = await client.post(url, json=override, headers=leader)
    assert accepted.status_code == 201, accepted.text
    assert accepted.json()["details"]["override_reason"].startswith("Third call-out")
    timeline = await sql(
        test_env,
        "SELECT summary FROM timeline WHERE case_id = $1 AND kind = 'referral'",
        uuid.UUID(case_id),
    )
    assert "override" in timeline[0]["summary"]
    # Assessed high risk: an officer refers without an override.
    other, _ = await open_case(client, test_env, categories=[AsbCategory.DOMESTIC_ABUSE])
    await sql(test_env, "UPDATE cases SET risk_level = 'high' WHERE id = $1", uuid.UUID(other))
    ok = await client.post(f"/v1/cases/{other}/referrals", json=MARAC, headers=officer)
    assert ok.status_code == 201, ok.text
