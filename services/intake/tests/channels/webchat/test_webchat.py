"""Finished webchats become reports with the resident's words."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
from asb_shared.testing import TestEnvironment
from intake_samples import ORG, reports_where


def transcript(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "organisation_id": str(ORG),
        "session_id": f"chat-{uuid.uuid4()}",
        "transcript": [
            {
                "speaker": "bot",
                "at": "2026-11-22T20:00:00Z",
                "text": "Hello, what would you like to report?",
            },
            {
                "speaker": "resident",
                "at": "2026-11-22T20:00:30Z",
                "text": "People are dealing drugs from the empty flat next door.",
            },
            {
                "speaker": "resident",
                "at": "2026-11-22T20:01:00Z",
                "text": "Cars come and go all night.",
            },
        ],
        "categories": ["drugs"],
        "location": {"address": "Flat 9, Chat House", "postcode": "SK3 0AA"},
        "anonymous": True,
    }
    body.update(changes)
    return body


async def test_a_webchat_transcript_becomes_a_report_with_the_residents_words(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    body = transcript()
    made = await client.post(
        "/v1/webchat/transcripts", json=body, headers={"X-Api-Key": "chat-backend-secret"}
    )
    assert made.status_code == 201, made.text
    reference = made.json()["reference"]
    assert (
        await reports_where(
            test_env,
            f"reference = '{reference}' AND channel = 'webchat' AND source_reference = 'webchat:{body['session_id']}' AND description LIKE 'People are dealing drugs%'",
        )
        == 1
    )
    assert (
        await client.post(
            "/v1/webchat/transcripts", json=transcript(), headers={"X-Api-Key": "not-the-secret"}
        )
    ).status_code == 401
    silent = transcript(
        transcript=[{"speaker": "bot", "at": "2026-11-22T20:00:00Z", "text": "Hello?"}]
    )
    refused = await client.post(
        "/v1/webchat/transcripts", json=silent, headers={"X-Api-Key": "chat-backend-secret"}
    )
    assert refused.status_code == 422


async def test_an_anonymous_chat_cannot_carry_the_residents_details(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    reporter = {"name": "Sam Resident", "email": "sam@example.org"}
    refused = await client.post(
        "/v1/webchat/transcripts",
        json=transcript(reporter=reporter),
        headers={"X-Api-Key": "chat-backend-secret"},
    )
    assert refused.status_code == 422
    assert refused.json()["error"]["details"][0]["field"] == "reporter"
    assert await reports_where(test_env, "reporter_email = 'sam@example.org'") == 0
    named = await client.post(
        "/v1/webchat/transcripts",
        json=transcript(anonymous=False, reporter=reporter),
        headers={"X-Api-Key": "chat-backend-secret"},
    )
    assert named.status_code == 201, named.text
