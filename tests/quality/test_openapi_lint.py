"""Every OpenAPI document the platform serves is clean under Redocly CLI's recommended ruleset:
0 errors and 0 warnings, with only the rules tools/openapi/redocly.yaml switches off (each with
its reason). Redocly CLI is pinned in tools/openapi/package-lock.json (./dev runs npm ci).

The documents are the five services' (/openapi.json) and the partner API's
(/partner/v1/openapi.json), as their apps serve them; the partner API's docs pages load nothing
from elsewhere, like the services' own.
"""

from __future__ import annotations

import asyncio
import importlib
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from asb_shared.service import create_api

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ROOT / "tools" / "openapi"
REDOCLY = TOOLS / "node_modules" / ".bin" / "redocly"
SERVICES = {
    "intake": "intake",
    "casework": "casework",
    "engagement": "engagement",
    "notifications": "notifications",
    "partner-gateway": "partner_gateway",
}
SWITCHED_OFF = {"info-license"}
"""The rules redocly.yaml switches off; a new one is a decision to write down there and here."""


def _app(service: str) -> Any:
    definition = importlib.import_module(f"{SERVICES[service]}.main").definition
    return create_api(definition, definition.settings())


async def _get(app: Any, path: str) -> httpx.Response:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://docs") as client:
        return await client.get(path)


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("openapi")
    found: dict[str, Path] = {}

    async def fetch() -> None:
        for service in SERVICES:
            app = _app(service)
            answers = {service: await _get(app, "/openapi.json")}
            if service == "partner-gateway":
                answers["partner"] = await _get(app, "/partner/v1/openapi.json")
            for name, answer in answers.items():
                assert answer.status_code == 200, name
                found[name] = folder / f"{name}.json"
                found[name].write_text(answer.text)

    asyncio.run(fetch())
    return found


def lint(paths: list[Path]) -> subprocess.CompletedProcess[str]:
    if not REDOCLY.exists():
        pytest.fail("Redocly CLI is not installed: run ./dev test (npm ci in tools/openapi)")
    return subprocess.run(
        [str(REDOCLY), "lint", "--config", str(TOOLS / "redocly.yaml"), "--format", "stylish"]
        + [str(p) for p in paths],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "REDOCLY_TELEMETRY": "off", "NO_COLOR": "1"},
    )


def test_every_document_is_clean_under_the_recommended_rules(documents: dict[str, Path]) -> None:
    assert set(documents) == {*SERVICES, "partner"}
    linted = lint(list(documents.values()))
    out = linted.stdout + linted.stderr
    assert linted.returncode == 0, out
    problems = re.findall(r"\b(error|warning)\b\s+\S+", out)
    assert problems == [], out


def test_the_rules_switched_off_are_the_documented_ones() -> None:
    config = yaml.safe_load((TOOLS / "redocly.yaml").read_text())
    assert config["extends"] == ["recommended"]
    off = {rule for rule, level in config.get("rules", {}).items() if level == "off"}
    assert off == SWITCHED_OFF


def test_a_document_with_a_forgotten_credential_fails(
    documents: dict[str, Path], tmp_path: Path
) -> None:
    broken = json.loads(documents["intake"].read_text())
    del broken["paths"]["/v1/reports"]["post"]["security"]
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(broken))
    linted = lint([path])
    assert linted.returncode != 0 and "security-defined" in linted.stdout + linted.stderr


def test_every_credential_is_a_security_scheme_and_public_operations_say_so(
    documents: dict[str, Path],
) -> None:
    intake = json.loads(documents["intake"].read_text())
    schemes = intake["components"]["securitySchemes"]
    assert schemes["trackingToken"] == {
        "type": "apiKey",
        "in": "header",
        "name": "X-Tracking-Token",
        "description": schemes["trackingToken"]["description"],
    }
    assert schemes["webchatKey"]["name"] == "X-Api-Key"
    status = intake["paths"]["/v1/reports/{reference}/status"]["get"]
    assert status["security"] == [{"trackingToken": []}]
    assert all(p["name"].lower() != "x-tracking-token" for p in status.get("parameters", []))
    assert intake["paths"]["/v1/reports"]["post"]["security"] == []
    assert intake["paths"]["/open311/v2/requests.{format}"]["post"]["security"] == []

    notifications = json.loads(documents["notifications"].read_text())
    callback = notifications["paths"]["/v1/notify/callbacks"]["post"]
    assert callback["security"] == [{"notifyCallback": []}]
    assert notifications["components"]["securitySchemes"]["notifyCallback"]["scheme"] == "bearer"

    for name, path in documents.items():
        document = json.loads(path.read_text())
        assert document["servers"], name
        for operations in document["paths"].values():
            for operation in operations.values():
                assert "security" in operation, name


def test_the_partner_api_names_its_scopes_and_describes_its_webhooks(
    documents: dict[str, Path],
) -> None:
    partner = json.loads(documents["partner"].read_text())
    assert partner["openapi"].startswith("3.1")
    flow = partner["components"]["securitySchemes"]["partnerClientCredentials"]["flows"]
    scopes = flow["clientCredentials"]["scopes"]
    assert {"cases:read", "cases:write", "webhooks"} <= set(scopes)
    assert all(scopes.values())
    cases = partner["paths"]["/partner/v1/cases"]["get"]
    assert cases["security"] == [{"partnerClientCredentials": ["cases:read"]}]
    assert partner["paths"]["/partner/oauth/token"]["post"]["security"] == []
    assert {"case.shared", "case.updated", "case.closed", "case.unshared"} <= set(
        partner["webhooks"]
    )
    shared = partner["webhooks"]["case.shared"]["post"]
    assert {p["name"] for p in shared["parameters"]} == {
        "webhook-id",
        "webhook-timestamp",
        "webhook-signature",
    }


async def test_the_gateway_publishes_its_authorization_server_metadata() -> None:
    app = _app("partner-gateway")
    answer = await _get(app, "/.well-known/oauth-authorization-server")
    assert answer.status_code == 200
    metadata = answer.json()
    issuer = metadata["issuer"]
    assert metadata["token_endpoint"] == f"{issuer}/partner/oauth/token"
    assert metadata["grant_types_supported"] == ["client_credentials"]
    assert set(metadata["token_endpoint_auth_methods_supported"]) == {
        "client_secret_basic",
        "client_secret_post",
    }
    assert "cases:read" in metadata["scopes_supported"]


@pytest.mark.parametrize("page", ["/partner/v1/docs", "/partner/v1/redoc"])
async def test_the_partner_docs_load_nothing_from_elsewhere(page: str) -> None:
    answer = await _get(_app("partner-gateway"), page)
    assert answer.status_code == 200
    sources = re.findall(r'(?:src|href)="([^"]+)"', answer.text)
    assert sources, page
    assert all(s.startswith("/") for s in sources), sources
