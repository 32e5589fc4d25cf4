"""What every service's app does the same way: readiness, forwarded addresses, its docs."""

from __future__ import annotations

import base64
import hashlib
import re
import uuid
from pathlib import Path

import httpx
import pytest
from asb_shared.auth import Principal, Role, require_roles
from asb_shared.db import create_database_if_missing
from asb_shared.openapi import SERVED_HERE
from asb_shared.service import ServiceDefinition, create_api
from asb_shared.settings import ServiceSettings
from asb_shared.testing import TestEnvironment, running_api
from fastapi import APIRouter, Depends, Request
from pydantic import ValidationError

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
    async with running_api(app):
        for client_host, forwarded_for, expected in (
            ("10.1.2.3", "203.0.113.9", "203.0.113.9"),
            # Not from a proxy: whatever it says of itself is ignored.
            ("198.51.100.7", "203.0.113.9", "198.51.100.7"),
            # Chained proxies: the right-most address that is not a trusted proxy is the
            # client's; what the client wrote to the left of it is not believed.
            ("10.1.2.3", "192.0.2.66, 203.0.113.9, 10.1.0.8", "203.0.113.9"),
        ):
            transport = httpx.ASGITransport(app=app, client=(client_host, 5000))
            async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
                seen = await client.get("/whoami", headers={"X-Forwarded-For": forwarded_for})
            assert seen.json() == {"client": expected}


def test_trusted_proxies_are_addresses_or_ranges_never_anyone() -> None:
    assert ServiceSettings(trusted_proxies=[" 10.1.0.0/16", "::1"]).trusted_proxies == [
        "10.1.0.0/16",
        "::1",
    ]
    for wrong in ("*", "ingress.local", "10.1.0.0/33"):
        with pytest.raises(ValidationError, match="trusted_proxies"):
            ServiceSettings(trusted_proxies=[wrong])


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
    # A public operation says so (no credential was forgotten), and the document its server.
    assert openapi["paths"]["/whoami"]["get"]["security"] == []
    assert openapi["servers"] == [SERVED_HERE]
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
    # Probes are for orchestrators: out of the document, like /metrics.
    assert "/healthz" not in openapi["paths"]


@router.get("/boom")
async def boom() -> dict[str, str]:
    raise RuntimeError("a bug")


async def test_every_answer_carries_the_security_headers(test_env: TestEnvironment) -> None:
    settings = await _settings(test_env)
    async with running_api(create_api(_definition(), settings)) as client:
        answers = [
            await client.get("/whoami"),
            await client.get("/staff-only"),  # 401
            await client.post("/echo", json={"a": 1}),  # 422
            await client.get("/boom"),  # 500
            await client.get("/healthz"),
        ]
    for answer in answers:
        assert answer.headers["x-content-type-options"] == "nosniff", answer.request.url
        assert answer.headers["cache-control"] == "no-store", answer.request.url
        assert answer.headers["content-security-policy"] == (
            "default-src 'none'; frame-ancestors 'none'"
        )
    assert [a.status_code for a in answers] == [200, 401, 422, 500, 200]


async def test_the_docs_pages_load_nothing_from_elsewhere(test_env: TestEnvironment) -> None:
    settings = await _settings(test_env)
    async with running_api(create_api(_definition(), settings)) as client:
        docs = await client.get("/docs")
        redoc = await client.get("/redoc")
        asset = await client.get("/static-offline-docs/swagger-ui-bundle.js")
    for page in (docs, redoc):
        policy = page.headers["content-security-policy"]
        assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
        assert "http" not in policy and "*" not in policy  # no other origin, no wildcard
        assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy.split(";")[1]
        assert page.headers["cache-control"] == "no-store"
    # Swagger UI's inline start-up script runs by its hash, and only it.
    [inline] = re.findall(r"<script>(.*?)</script>", docs.text, re.DOTALL)
    digest = base64.b64encode(hashlib.sha256(inline.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in docs.headers["content-security-policy"]
    assert asset.status_code == 200
    assert asset.headers["x-content-type-options"] == "nosniff"
    assert "no-store" not in asset.headers.get("cache-control", "")


async def test_docs_and_metrics_are_off_the_public_port_when_the_settings_say_so(
    test_env: TestEnvironment,
) -> None:
    settings = await _settings(
        test_env, api_docs=False, public_metrics=False, http_port=8000, http_own_port=9100
    )
    app = create_api(_definition(), settings)
    async with running_api(app):
        for base, metrics_status in (("http://api:8000", 404), ("http://api:9100", 200)):
            async with httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app), base_url=base
            ) as client:
                for path in (
                    "/docs",
                    "/redoc",
                    "/openapi.json",
                    "/static-offline-docs/redoc.standalone.js",
                ):
                    assert (await client.get(path)).status_code == 404, (base, path)
                assert (await client.get("/metrics")).status_code == metrics_status, base
                assert (await client.get("/healthz")).status_code == 200


def test_production_serves_neither_docs_nor_metrics_publicly_unless_told() -> None:
    real = {
        "environment": "production",
        "database_url": "postgresql+asyncpg://svc@db.internal/asb_svc",
        "amqp_url": "amqps://svc:s3cret@rabbit.internal/",
        "jwt_issuer": "https://identity.landlord.example/",
        "jwt_jwks_url": "https://identity.landlord.example/.well-known/jwks.json",
    }
    production = ServiceSettings(**real)
    assert not production.serves_docs and not production.metrics_on_public_port
    assert ServiceSettings(**real, api_docs=True).serves_docs
    development = ServiceSettings()
    assert development.serves_docs and development.metrics_on_public_port
