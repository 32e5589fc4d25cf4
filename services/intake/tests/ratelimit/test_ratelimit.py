"""Every public write is limited per client address, counted in intake's database (so every API
process shares the count), and the address is the one the trusted proxies vouch for."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
from asb_shared.service import create_api
from asb_shared.testing import TestEnvironment, migrated_database
from intake.main import definition
from intake_samples import ORG, report

CHAT_KEY = "chat-backend-secret"


@contextlib.asynccontextmanager
async def intake_from(
    test_env: TestEnvironment, address: str, **settings: Any
) -> AsyncIterator[httpx.AsyncClient]:
    """Intake's API (two requests a minute per group) as reached from ``address``."""
    await migrated_database(test_env, definition)
    values = {"public_rate_per_minute": 2, "webchat_api_key": CHAT_KEY, **settings}
    app = create_api(definition, test_env.settings(definition, **values))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, client=(address, 50000))
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            yield client


def an_address() -> str:
    """An address of the test's own: the counts live in the run's database."""
    return f"2001:db8::{uuid.uuid4().hex[:4]}:{uuid.uuid4().hex[:4]}"


def chat() -> dict[str, Any]:
    return {
        "organisation_id": str(ORG),
        "session_id": f"chat-{uuid.uuid4()}",
        "transcript": [
            {"speaker": "resident", "at": "2026-11-22T20:00:30Z", "text": "Drugs next door."}
        ],
        "categories": ["drugs"],
        "location": {"address": "Flat 9, Chat House", "postcode": "SK3 0AA"},
        "anonymous": True,
    }


def georeport() -> dict[str, str]:
    return {
        "jurisdiction_id": str(ORG),
        "service_code": "noise",
        "address_string": "12 Example Court, Stockport SK1 3XE",
        "description": "Loud music every night until 3am",
        "attribute[anonymous]": "true",
    }


async def test_the_web_form_answers_429_past_its_limit(test_env: TestEnvironment) -> None:
    async with intake_from(test_env, an_address()) as client:
        codes = [(await client.post("/v1/reports", json=report())).status_code for _ in range(3)]
        assert codes == [201, 201, 429]
        refused = await client.post("/v1/reports", json=report())
        assert refused.json()["error"]["code"] == "too_many_requests"
        # Until the first of the two counted slides out of the minute.
        assert 1 <= int(refused.headers["retry-after"]) <= 60


async def test_open311_posts_answer_429_past_their_limit_in_georeports_words(
    test_env: TestEnvironment,
) -> None:
    async with intake_from(test_env, an_address()) as client:
        codes = [
            (await client.post("/open311/v2/requests.json", data=georeport())).status_code
            for _ in range(3)
        ]
        assert codes == [200, 200, 429]
        refused = await client.post("/open311/v2/requests.json", data=georeport())
        assert refused.status_code == 429
        assert refused.json()[0]["code"] == 429
        assert int(refused.headers["retry-after"]) >= 1
        # Reading is not limited with the writes.
        assert (await client.get("/open311/v2/services.json")).status_code == 200


async def test_webchat_answers_429_past_its_limit_even_to_a_wrong_key(
    test_env: TestEnvironment,
) -> None:
    async with intake_from(test_env, an_address()) as client:
        made = await client.post(
            "/v1/webchat/transcripts", json=chat(), headers={"X-Api-Key": CHAT_KEY}
        )
        guessed = await client.post(
            "/v1/webchat/transcripts", json=chat(), headers={"X-Api-Key": "a-guessed-key"}
        )
        refused = await client.post(
            "/v1/webchat/transcripts", json=chat(), headers={"X-Api-Key": CHAT_KEY}
        )
    assert (made.status_code, guessed.status_code, refused.status_code) == (201, 401, 429)
    assert refused.json()["error"]["code"] == "too_many_requests"
    assert "retry-after" in refused.headers


async def test_a_spoofed_forwarded_address_from_an_untrusted_client_is_ignored(
    test_env: TestEnvironment,
) -> None:
    async with intake_from(test_env, an_address()) as client:
        codes = [
            (
                await client.post(
                    "/v1/reports", json=report(), headers={"X-Forwarded-For": an_address()}
                )
            ).status_code
            for _ in range(3)
        ]
    assert codes == [201, 201, 429]


async def test_behind_trusted_proxies_the_right_most_untrusted_address_is_the_clients(
    test_env: TestEnvironment,
) -> None:
    resident = an_address()
    # The ingress (10.9.0.7) appends the address it saw; whatever the client put before it,
    # however often it changes it, is not believed.
    async with intake_from(test_env, "10.9.0.7", trusted_proxies=["10.9.0.0/16"]) as client:
        codes = [
            (
                await client.post(
                    "/v1/reports",
                    json=report(),
                    headers={"X-Forwarded-For": f"{an_address()}, {resident}"},
                )
            ).status_code
            for _ in range(3)
        ]
        # Another resident behind the same ingress has a count of their own.
        other = await client.post(
            "/v1/reports", json=report(), headers={"X-Forwarded-For": an_address()}
        )
    assert codes == [201, 201, 429]
    assert other.status_code == 201
