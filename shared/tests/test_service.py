"""What every service's app does the same way: readiness, forwarded addresses, its docs."""

from __future__ import annotations

import uuid
from pathlib import Path

import httpx
from asb_shared.auth import Principal, Role, require_roles
from asb_shared.db import create_database_if_missing
from asb_shared.service import ServiceDefinition, create_api
from asb_shared.settings import ServiceSettings
from asb_shared.testing import TestEnvironment, running_api
from fastapi import APIRouter, Depends, Request

router = APIRouter()


@router.get("/whoami")
async def whoami(request: Request) -> dict[str, str]:
    return {"client": request.client.host if request.client else ""}


@router.post("/echo")
async def echo(body: dict[str, str]) -> dict[str, str]:
    return body


@router.get("/staff-only")
async def staff_only(
    principal: Principal = Depends(require_roles(Role.OFFICER)),  # noqa: B008
) -> dict[str, str]:
    return {"subject": principal.subject}


def _definition() -> ServiceDefinition:
    return ServiceDefinition(
        name="probe",
        title="Probe",
        settings_cls=ServiceSettings,
        migrations_dir=Path("unused"),
        routers=[router],
    )


async def _settings(test_env: TestEnvironment, **overrides: object) -> ServiceSettings:
    url = test_env.database_url(f"probe_{uuid.uuid4().hex[:6]}")
    await create_database_if_missing(url)
    return ServiceSettings(
        service_name="probe",
        database_url=url,
        jwt_public_key_file=test_env.public_key_file,
        **overrides,  # type: ignore[arg-type]
    )


async def test_the_api_is_ready_with_its_database_while_the_broker_is_down(
    test_env: TestEnvironment,
) -> None:
    # Requests only write to the outbox: a broker outage must not take the API out of service.
    settings = await _settings(test_env, amqp_url="amqp://guest:guest@127.0.0.1:1/")
    async with running_api(create_api(_definition(), settings)) as client:
        ready = await client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["checks"] == {"database": "ok"}


async def test_forwarded_addresses_are_believed_only_from_trusted_proxies(
    test_env: TestEnvironment,
) -> None:
    settings = await _settings(test_env, trusted_proxies=["10.1.0.0/16"])
    app = create_api(_definition(), settings)
    forwarded = {"X-Forwarded-For": "203.0.113.9"}
    async with running_api(app):
        for client_host, expected in (
            ("10.1.2.3", "203.0.113.9"),
            ("198.51.100.7", "198.51.100.7"),
        ):
            transport = httpx.ASGITransport(app=app, client=(client_host, 5000))
            async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
                seen = await client.get("/whoami", headers=forwarded)
            assert seen.json() == {"client": expected}


async def test_docs_need_no_internet_and_declare_the_bearer_scheme(
    test_env: TestEnvironment,
) -> None:
    settings = await _settings(test_env)
    async with running_api(create_api(_definition(), settings)) as client:
        docs = await client.get("/docs")
        assert docs.status_code == 200
        assert "cdn" not in docs.text.lower()
        assert "swagger-ui-bundle.js" in docs.text
        openapi = (await client.get("/openapi.json")).json()
        unauthenticated = await client.get("/staff-only")
    assert openapi["components"]["securitySchemes"]["staff"]["scheme"] == "bearer"
    assert openapi["paths"]["/staff-only"]["get"]["security"] == [{"staff": []}]
    assert "security" not in openapi["paths"]["/whoami"]["get"]
    assert unauthenticated.status_code == 401
    assert unauthenticated.json()["error"]["code"] == "unauthorized"


async def test_a_body_that_is_not_utf8_json_or_too_big_gets_the_answer_the_document_declares(
    test_env: TestEnvironment,
) -> None:
    settings = await _settings(test_env, max_body_bytes=64)
    async with running_api(create_api(_definition(), settings)) as client:
        openapi = (await client.get("/openapi.json")).json()
        not_utf8 = await client.post(
            "/echo", content=b"\xff", headers={"Content-Type": "application/json"}
        )
        too_big = await client.post("/echo", json={"a": "x" * 100})
    assert not_utf8.status_code == 400 and too_big.status_code == 413
    documented = openapi["paths"]["/echo"]["post"]["responses"]
    assert {"400", "413", "503"} <= set(documented)
    assert "400" not in openapi["paths"]["/whoami"]["get"]["responses"]
    # Any operation may meet an unreachable database: 503, with Retry-After.
    unavailable = openapi["paths"]["/whoami"]["get"]["responses"]["503"]
    assert "Retry-After" in unavailable["headers"]
    assert "503" not in openapi["paths"]["/healthz"]["get"]["responses"]
