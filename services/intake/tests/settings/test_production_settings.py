"""Production refuses every development default at start-up, naming the setting: intake's
development webchat key and idempotency secret, and the shared ones (the broker's guest
account, a local database, the development token issuer and key pair)."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest
from asb_shared.settings import DevelopmentDefaultInProduction
from intake.settings import IntakeSettings
from pydantic import ValidationError

PRODUCTION: dict[str, Any] = {
    "environment": "production",
    "database_url": "postgresql+asyncpg://intake@db.internal/asb_intake",
    "amqp_url": "amqps://intake:s3cret@rabbit.internal/",
    "jwt_issuer": "https://identity.landlord.example/",
    "jwt_jwks_url": "https://identity.landlord.example/.well-known/jwks.json",
    "idempotency_secret": "a-long-random-value-of-the-landlords-own-0123456789",
    "webchat_api_key": "the-chat-vendors-key-0123456789",
}


def _refused(**changes: Any) -> list[str]:
    with pytest.raises(ValidationError) as refused:
        IntakeSettings(**(PRODUCTION | changes))
    [error] = refused.value.errors()
    cause = error["ctx"]["error"]
    assert isinstance(cause, DevelopmentDefaultInProduction)
    return cause.names


def test_production_with_real_values_starts() -> None:
    assert IntakeSettings(**PRODUCTION).environment == "production"


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"idempotency_secret": "dev-idempotency-secret"}, "IDEMPOTENCY_SECRET"),
        ({"webchat_api_key": "dev-webchat-key"}, "WEBCHAT_API_KEY"),
        ({"webchat_api_key": "PLACEHOLDER-replace-me"}, "WEBCHAT_API_KEY"),
        ({"amqp_url": "amqp://guest:guest@127.0.0.1:5672/"}, "AMQP_URL"),
        ({"database_url": ""}, "DATABASE_URL"),
        ({"jwt_issuer": "asb-dev"}, "JWT_ISSUER"),
        ({"jwt_jwks_url": None}, "JWT_JWKS_URL"),
    ],
)
def test_each_development_default_is_refused_by_name(change: dict[str, Any], named: str) -> None:
    assert _refused(**change) == [named]


def test_development_keeps_its_defaults() -> None:
    settings = IntakeSettings()
    assert settings.webchat_api_key == "dev-webchat-key"


def test_intake_refuses_to_start_in_production_with_a_development_secret() -> None:
    environ = {k: v for k, v in os.environ.items() if k.upper() not in {"WEBCHAT_API_KEY"}}
    environ |= {k.upper(): str(v) for k, v in PRODUCTION.items() if k != "webchat_api_key"}
    started = subprocess.run(
        [sys.executable, "-m", "intake", "api"],
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert started.returncode != 0
    assert "WEBCHAT_API_KEY" in started.stderr
    assert "ENVIRONMENT=production refuses development defaults" in started.stderr
