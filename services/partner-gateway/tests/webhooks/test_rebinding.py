"""A webhook goes to the very address that was checked: a name rebound between the check and
the connection (a zero TTL) never reaches the inside, and registration checks what a name
resolves to, not only how it is written."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import pytest
from asb_shared.contracts.common import AsbCategory
from asb_shared.db import Database
from asb_shared.service import WorkerContext, create_api
from asb_shared.testing import TestEnvironment
from fastapi import FastAPI
from gateway_samples import TOKEN_KEY, Gateway, receiver
from httpx import ASGITransport, AsyncClient
from partner_gateway.main import definition
from partner_gateway.settings import PartnerGatewaySettings
from partner_gateway.webhooks.delivery import Dispatcher, Outgoing
from partner_gateway.webhooks.egress import webhook_client

NAME = "hooks.partner.test"
PUBLIC = "93.184.215.14"


class Resolver:
    """The machine's resolver for one name, answering from a script: whoever asks (our code or
    httpx underneath it) gets the next answer, and the last one from then on."""

    def __init__(self, *answers: str) -> None:
        self.answers = list(answers)
        self.asked = 0

    def __call__(self, real: Callable[..., Any]) -> Callable[..., Any]:
        def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
            if host != NAME:
                return real(host, port, *args, **kwargs)
            answer = self.answers[min(self.asked, len(self.answers) - 1)]
            self.asked += 1
            family = socket.AF_INET6 if ":" in answer else socket.AF_INET
            sockaddr = (answer, int(port or 0), 0, 0) if ":" in answer else (answer, int(port or 0))
            return [(family, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", sockaddr)]

        return getaddrinfo


@pytest.fixture
def dns(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., Resolver]]:
    def script(*answers: str) -> Resolver:
        resolver = Resolver(*answers)
        monkeypatch.setattr(socket, "getaddrinfo", resolver(socket.getaddrinfo))
        return resolver

    yield script


def _settings(test_env: TestEnvironment, **overrides: Any) -> PartnerGatewaySettings:
    settings = test_env.settings(
        definition, partner_token_key=TOKEN_KEY, webhook_timeout_seconds=2.0, **overrides
    )
    assert isinstance(settings, PartnerGatewaySettings)
    return settings


@contextlib.asynccontextmanager
async def dispatcher(settings: PartnerGatewaySettings) -> AsyncIterator[Dispatcher]:
    db = Database(settings.resolved_database_url(), pool_size=2)
    try:
        async with webhook_client(settings) as client:
            context = WorkerContext(settings, db, None, asyncio.Event())  # type: ignore[arg-type]
            yield Dispatcher(context, client)
    finally:
        await db.dispose()


def _message(url: str) -> Outgoing:
    return Outgoing(uuid.uuid4(), url, ("whsec_" + "A" * 32,), '{"type":"case.updated"}')


async def test_a_name_rebound_after_the_check_never_reaches_the_private_address(
    gateway: Gateway, test_env: TestEnvironment, dns: Callable[..., Resolver]
) -> None:
    async with receiver() as inside:
        url = f"http://{NAME}:{inside.port}/ok"
        # Public when checked, this machine (and then the metadata service) ever after.
        resolver = dns(PUBLIC, "127.0.0.1", "169.254.169.254")
        async with dispatcher(_settings(test_env, webhook_allow_private=False)) as sending:
            await sending._deliver(_message(url))
        assert inside.seen == []  # it went to the address checked, which does not answer here
        assert resolver.asked == 1  # resolved once: nothing underneath resolved it again

        # The same delivery, when the name resolves inside at the check: refused, not sent.
        resolver = dns("127.0.0.1")
        async with dispatcher(_settings(test_env, webhook_allow_private=False)) as sending:
            await sending._deliver(_message(url))
        assert inside.seen == []


async def test_the_connection_goes_to_the_resolved_address_with_the_partners_name_as_host(
    gateway: Gateway, test_env: TestEnvironment, dns: Callable[..., Resolver]
) -> None:
    # Where local webhooks are allowed (development), the pinned connection is seen arriving:
    # the test above could fail.
    async with receiver() as local:
        resolver = dns("127.0.0.1", PUBLIC)
        async with dispatcher(_settings(test_env, webhook_allow_private=True)) as sending:
            await sending._deliver(_message(f"http://{NAME}:{local.port}/ok"))
    assert resolver.asked == 1
    assert [r.path for r in local.seen] == ["/ok"]
    assert local.seen[0].headers["host"] == f"{NAME}:{local.port}"
    assert local.seen[0].headers["webhook-signature"].startswith("v1,")


@contextlib.asynccontextmanager
async def production_api(test_env: TestEnvironment) -> AsyncIterator[AsyncClient]:
    app: FastAPI = create_api(definition, _settings(test_env, webhook_allow_private=False))
    async with app.router.lifespan_context(app):
        async with AsyncClient(transport=ASGITransport(app=app), base_url="http://t") as client:
            yield client


@pytest.mark.parametrize(
    "answer",
    ["10.0.0.7", "169.254.169.254", "64:ff9b::a9fe:a9fe", "2002:7f00:1::1", "::ffff:127.0.0.1"],
)
async def test_registration_refuses_a_name_that_resolves_inside(
    gateway: Gateway,
    org: uuid.UUID,
    test_env: TestEnvironment,
    dns: Callable[..., Resolver],
    answer: str,
) -> None:
    partner = await gateway.partner(org)
    await gateway.agreement(org, partner["id"], categories=[AsbCategory.NOISE.value])
    headers = await gateway.token(await gateway.credentials(org, partner["id"]))
    dns(answer)
    async with production_api(test_env) as api:
        refused = await api.post(
            "/partner/v1/webhook-endpoints",
            json={"url": f"https://{NAME}/hooks", "event_types": ["case.updated"]},
            headers={**headers, "Idempotency-Key": f"endpoint-{uuid.uuid4()}"},
        )
        assert refused.status_code == 422, refused.text
        [detail] = refused.json()["error"]["details"]
        assert detail["field"] == "url"
        assert NAME in detail["message"]

        dns(PUBLIC)
        accepted = await api.post(
            "/partner/v1/webhook-endpoints",
            json={"url": f"https://{NAME}/hooks", "event_types": ["case.updated"]},
            headers={**headers, "Idempotency-Key": f"endpoint-{uuid.uuid4()}"},
        )
        assert accepted.status_code == 201, accepted.text
