"""An anonymous report is closed as "information only" only after an attempt to corroborate it."""

from __future__ import annotations

import httpx
import pytest
from asb_shared.testing import TestEnvironment
from casework.lifecycle.closing import ClosingOutcome, information_only_refusal
from casework_samples import (
    OTHER_ORG,
    bearer,
    closure_body,
    corroboration_body,
    open_case,
    snapshot,
    sql,
)

ANONYMOUS_CLOSURE = {
    "outcome": "information_only",
    "reason": "Nobody else has seen it and the reporter cannot be asked.",
}


@pytest.mark.parametrize(
    ("outcome", "anonymous", "attempts", "refused"),
    [
        (ClosingOutcome.INFORMATION_ONLY, True, 0, True),
        (ClosingOutcome.INFORMATION_ONLY, True, 1, False),
        (ClosingOutcome.INFORMATION_ONLY, True, 3, False),
        (ClosingOutcome.INFORMATION_ONLY, False, 0, False),
        (ClosingOutcome.RESOLVED, True, 0, False),
        (ClosingOutcome.UNRESOLVED, True, 0, False),
        (ClosingOutcome.REFERRED_ON, True, 0, False),
    ],
)
def test_the_rule_asks_for_an_attempt_only_of_an_anonymous_information_only_closure(
    outcome: ClosingOutcome, anonymous: bool, attempts: int, refused: bool
) -> None:
    reason = information_only_refusal(outcome, anonymous=anonymous, corroboration_attempts=attempts)
    assert (reason is not None) is refused
    if reason:
        assert "corroborate" in reason


async def test_an_anonymous_case_without_a_corroboration_attempt_is_not_closed_as_information_only(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    case_id, _ = await open_case(client, test_env, anonymous=True, status="investigating")
    officer = bearer(test_env, "officer")
    before = await snapshot(test_env, case_id)
    refused = await client.post(
        f"/v1/cases/{case_id}/closure", json=ANONYMOUS_CLOSURE, headers=officer
    )
    assert refused.status_code == 409, refused.text
    error = refused.json()["error"]
    assert error["code"] == "corroboration_needed"
    assert "corroborate" in error["message"] and "anonymous" in error["message"]
    assert await snapshot(test_env, case_id) == before

    # Another landlord cannot record an attempt on it, so that does not open the way either.
    foreign = await client.post(
        f"/v1/cases/{case_id}/corroboration-attempts",
        json=corroboration_body(),
        headers=bearer(test_env, "officer", org=OTHER_ORG),
    )
    assert foreign.status_code == 404
    assert (
        await client.post(f"/v1/cases/{case_id}/closure", json=ANONYMOUS_CLOSURE, headers=officer)
    ).status_code == 409

    # Bad input is a 422 naming the field, and writes nothing.
    bad = await client.post(
        f"/v1/cases/{case_id}/corroboration-attempts",
        json=corroboration_body(method="psychic", result=""),
        headers=officer,
    )
    assert bad.status_code == 422
    assert {d["field"] for d in bad.json()["error"]["details"]} == {"method", "result"}
    assert await snapshot(test_env, case_id) == before


async def test_with_a_recorded_attempt_the_anonymous_case_closes_as_information_only(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    case_id, _ = await open_case(client, test_env, anonymous=True, status="investigating")
    officer = bearer(test_env, "officer")
    attempt = await client.post(
        f"/v1/cases/{case_id}/corroboration-attempts",
        json=corroboration_body(
            method="cctv", what="Asked for the block's CCTV for 3 to 5 May", result="No one seen"
        ),
        headers=officer,
    )
    assert attempt.status_code == 201, attempt.text
    assert attempt.json()["method"] == "cctv"
    listed = await client.get(f"/v1/cases/{case_id}/corroboration-attempts", headers=officer)
    assert [a["id"] for a in listed.json()["items"]] == [attempt.json()["id"]]
    timeline = await sql(
        test_env,
        "SELECT summary FROM timeline WHERE case_id = $1::uuid AND kind = 'corroboration'",
        case_id,
    )
    assert ["CCTV" in row["summary"] for row in timeline] == [True]

    closed = await client.post(
        f"/v1/cases/{case_id}/closure", json=ANONYMOUS_CLOSURE, headers=officer
    )
    assert closed.status_code == 201, closed.text
    assert closed.json()["outcome"] == "information_only"


async def test_a_named_complainants_case_closes_as_information_only_after_the_discussion(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    # The complainant can be asked: the discussion is what the policy asks, not corroboration.
    case_id, _ = await open_case(client, test_env, status="investigating")
    closed = await client.post(
        f"/v1/cases/{case_id}/closure",
        json=closure_body(outcome="information_only"),
        headers=bearer(test_env, "officer"),
    )
    assert closed.status_code == 201, closed.text
