"""Community Trigger applications: named, and consented when made for someone else."""

from __future__ import annotations

from typing import Any

import httpx
from asb_shared.messaging import Envelope
from asb_shared.testing import eventually
from intake_samples import ORG


def review(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "organisation_id": str(ORG),
        "applicant": {"name": "Chris Complainant", "email": "chris@example.org"},
        "report_references": ["ASB-2026-000101", "asb-2026-000102", "ASB-2026-000103"],
        "description": "I have reported the same noise three times since June and nothing has changed.",
    }
    body.update(changes)
    return body


async def test_a_case_review_application_is_named_and_consented(
    client: httpx.AsyncClient, seen: list[Envelope]
) -> None:
    made = await client.post("/v1/case-reviews", json=review())
    assert made.status_code == 201, made.text

    async def requested() -> list[Envelope]:
        return [
            e
            for e in seen
            if e.type == "intake.case_review.requested"
            and e.data["application_id"] == made.json()["id"]
        ]

    [event] = await eventually(requested)
    assert event.data["report_references"] == [
        "ASB-2026-000101",
        "ASB-2026-000102",
        "ASB-2026-000103",
    ]
    anonymous = review()
    del anonymous["applicant"]
    assert (await client.post("/v1/case-reviews", json=anonymous)).status_code == 422
    no_consent = await client.post("/v1/case-reviews", json=review(on_behalf_of="My mother, Pat"))
    assert no_consent.status_code == 422
    assert (
        await client.post(
            "/v1/case-reviews", json=review(on_behalf_of="My mother, Pat", consent_given=True)
        )
    ).status_code == 201
    assert (await client.post("/v1/case-reviews", json=review(report_references=["12345"]))).json()[
        "error"
    ]["details"][0]["field"] == "report_references.0"


async def test_a_retried_application_is_recorded_once(client: httpx.AsyncClient) -> None:
    body = review(description="Sent twice by a double click: the noise has gone on since June.")
    headers = {"Idempotency-Key": "case-review-double-click-1"}
    first = await client.post("/v1/case-reviews", json=body, headers=headers)
    again = await client.post("/v1/case-reviews", json=body, headers=headers)
    assert first.status_code == again.status_code == 201, again.text
    assert again.json()["id"] == first.json()["id"]
    other = await client.post(
        "/v1/case-reviews",
        json=review(description="Another application altogether, not a retry."),
        headers=headers,
    )
    assert other.status_code == 422  # the same key for a different application
