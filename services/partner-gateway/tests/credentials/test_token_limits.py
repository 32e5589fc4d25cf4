"""The token endpoint against guessing: limited per address and per client id (shared by every
API process), one answer for unknown and wrong clients, and no hash worked once refused."""

from __future__ import annotations

import base64
import contextlib
import uuid
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest
from asb_shared.service import create_api
from asb_shared.testing import TestEnvironment
from fastapi import FastAPI
from gateway_samples import TOKEN_KEY, Gateway
from partner_gateway.credentials import tokens
from partner_gateway.main import definition

TOKEN_URL = "/partner/oauth/token"


@contextlib.asynccontextmanager
async def gateway_app(test_env: TestEnvironment, **overrides: Any) -> AsyncIterator[FastAPI]:
    """Another API process of the gateway, on the same database, with the default limits."""
    app = create_api(
        definition, test_env.settings(definition, partner_token_key=TOKEN_KEY, **overrides)
    )
    async with app.router.lifespan_context(app):
        yield app


@contextlib.asynccontextmanager
async def caller(app: FastAPI, address: str) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app, client=(address, 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


def an_address() -> str:
    """An address of the test's own (the buckets live in the run's database)."""
    return f"2001:db8::{uuid.uuid4().hex[:4]}:{uuid.uuid4().hex[:4]}"


async def ask(client: httpx.AsyncClient, client_id: str, secret: str) -> httpx.Response:
    basic = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    return await client.post(
        TOKEN_URL,
        data={"grant_type": "client_credentials"},
        headers={"Authorization": f"Basic {basic}"},
    )


@pytest.fixture
def hashes_checked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every argon2 verification the token endpoint makes."""
    checked: list[str] = []
    verify: Callable[[str, str], bool] = tokens.verify_secret

    def counting(secret_hash: str, secret: str) -> bool:
        checked.append(secret_hash)
        return verify(secret_hash, secret)

    monkeypatch.setattr(tokens, "verify_secret", counting)
    return checked


@pytest.fixture
def wrong_guesses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every verification the token endpoint starts, each answered "wrong" at once: the
    guesses of these tests are wrong, and argon2's second each on a busy machine would
    spread forty of them over more than the minute under test."""
    checked: list[str] = []

    def wrong(secret_hash: str, secret: str) -> bool:
        checked.append(secret_hash)
        return False

    monkeypatch.setattr(tokens, "verify_secret", wrong)
    return checked


async def _credentials(gateway: Gateway, org: uuid.UUID) -> dict[str, Any]:
    partner = await gateway.partner(org)
    await gateway.agreement(org, partner["id"], categories=["noise"])
    return await gateway.credentials(org, partner["id"])


async def test_the_41st_wrong_secret_in_a_minute_from_one_address_gets_429_without_a_hash(
    gateway: Gateway, test_env: TestEnvironment, wrong_guesses: list[str]
) -> None:
    address = an_address()
    async with gateway_app(test_env) as app, caller(app, address) as client:
        # Guesses spread over many client ids: the per-client limit (10) never bites.
        answers = [await ask(client, f"pgw_guess_{n}", "pgs_wrong") for n in range(40)]
        assert {a.status_code for a in answers} == {401}
        checked = len(wrong_guesses)
        assert checked == 40  # an unknown client is checked against a hash too

        refused = await ask(client, "pgw_guess_40", "pgs_wrong")
        assert refused.status_code == 429
        assert refused.json()["error"]["code"] == "too_many_requests"
        assert 1 <= int(refused.headers["retry-after"]) <= 60
        assert len(wrong_guesses) == checked  # refused before any hash is worked

        # Another address is not held up by this one.
        async with caller(app, an_address()) as other:
            assert (await ask(other, "pgw_guess_0", "pgs_wrong")).status_code == 401


async def test_one_client_id_is_limited_whatever_address_asks(
    gateway: Gateway, org: uuid.UUID, test_env: TestEnvironment, wrong_guesses: list[str]
) -> None:
    creds = await _credentials(gateway, org)
    async with gateway_app(test_env) as app:
        for _ in range(10):
            async with caller(app, an_address()) as client:
                wrong = await ask(client, creds["client_id"], "pgs_wrong")
                assert wrong.status_code == 401
        checked = len(wrong_guesses)
        async with caller(app, an_address()) as client:
            # Past the client's limit even the right secret waits, and no hash is worked.
            refused = await ask(client, creds["client_id"], creds["client_secret"])
        assert refused.status_code == 429
        assert "retry-after" in refused.headers
        assert len(wrong_guesses) == checked


async def test_an_unknown_client_and_a_wrong_secret_get_the_same_answer(
    gateway: Gateway, org: uuid.UUID, test_env: TestEnvironment, hashes_checked: list[str]
) -> None:
    creds = await _credentials(gateway, org)
    revoked = await _credentials(gateway, org)
    answer = await gateway.api.post(
        f"/v1/partner-clients/{revoked['id']}/revocation", headers=gateway.staff(org)
    )
    assert answer.status_code == 200
    async with gateway_app(test_env) as app, caller(app, an_address()) as client:
        wrong = await ask(client, creds["client_id"], creds["client_secret"] + "x")
        unknown = await ask(client, "pgw_" + uuid.uuid4().hex, creds["client_secret"])
        was_revoked = await ask(client, revoked["client_id"], revoked["client_secret"])

    def seen(answer: httpx.Response) -> tuple[int, bytes, dict[str, str]]:
        headers = {k: v for k, v in answer.headers.items() if k != "x-correlation-id"}
        return answer.status_code, answer.content, headers

    assert wrong.status_code == 401
    assert seen(unknown) == seen(wrong)
    assert seen(was_revoked) == seen(wrong)
    assert len(hashes_checked) == 3  # one argon2 verification each: the same work


async def test_two_api_processes_share_the_limits(
    gateway: Gateway, test_env: TestEnvironment, wrong_guesses: list[str]
) -> None:
    address = an_address()
    limits = {"token_rate_per_address_per_minute": 6}
    async with (
        gateway_app(test_env, **limits) as one,
        gateway_app(test_env, **limits) as two,
        caller(one, address) as to_one,
        caller(two, address) as to_two,
    ):
        codes = []
        for n in range(3):
            codes.append((await ask(to_one, f"pgw_shared_{n}", "pgs_wrong")).status_code)
            codes.append((await ask(to_two, f"pgw_shared_{n}", "pgs_wrong")).status_code)
        assert codes == [401] * 6
        # Each process has seen three: in memory, each would allow three more.
        assert (await ask(to_one, "pgw_shared_9", "pgs_wrong")).status_code == 429
        assert (await ask(to_two, "pgw_shared_9", "pgs_wrong")).status_code == 429
