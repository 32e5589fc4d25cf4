"""Closing a case: discussed with the complainant first, unless the report was anonymous."""

from __future__ import annotations

import httpx
from asb_shared.messaging import Envelope
from asb_shared.testing import TestEnvironment, eventually
from casework_samples import (
    CLOSED,
    bearer,
    closure_body,
    corroboration_body,
    events_for,
    open_case,
    rows_on,
    snapshot,
)


async def test_closing_a_named_complainants_case_needs_the_discussion(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    case_id, _ = await open_case(client, test_env, status="investigating")
    before = await snapshot(test_env, case_id)
    body = closure_body()
    del body["discussed_with_complainant_at"]
    refused = await client.post(
        f"/v1/cases/{case_id}/closure", json=body, headers=bearer(test_env, "officer")
    )
    assert refused.status_code == 422
    error = refused.json()["error"]
    assert error["code"] == "validation_failed"
    assert [d["field"] for d in error["details"]] == ["discussed_with_complainant_at"]
    assert await snapshot(test_env, case_id) == before


async def test_an_anonymous_case_closes_without_a_discussion_and_no_complainant(
    client: httpx.AsyncClient, test_env: TestEnvironment, seen: list[Envelope]
) -> None:
    case_id, _ = await open_case(client, test_env, anonymous=True, status="open")
    tried = await client.post(
        f"/v1/cases/{case_id}/corroboration-attempts",
        json=corroboration_body(),
        headers=bearer(test_env, "officer"),
    )
    assert tried.status_code == 201, tried.text
    closed = await client.post(
        f"/v1/cases/{case_id}/closure",
        json={"outcome": "information_only", "reason": "Could not be confirmed with anyone."},
        headers=bearer(test_env, "team_leader"),
    )
    assert closed.status_code == 201, closed.text
    assert closed.json()["discussion_contact_id"] is None
    assert await rows_on(test_env, "contacts", case_id) == 0
    [event] = await eventually(events_for(seen, CLOSED, case_id))
    assert event.data["outcome"] == "information_only"
    assert event.data["anonymous"] is True and "complainant" not in event.data
