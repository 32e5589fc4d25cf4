"""Production refuses to start without a partner token key of its own, naming the setting."""

from __future__ import annotations

from typing import Any

import pytest
from asb_shared.settings import DevelopmentDefaultInProduction
from partner_gateway.settings import PartnerGatewaySettings
from pydantic import ValidationError

PRODUCTION: dict[str, Any] = {
    "environment": "production",
    "database_url": "postgresql+asyncpg://gw@db.internal/asb_partner_gateway",
    "amqp_url": "amqps://gw:s3cret@rabbit.internal/",
    "jwt_issuer": "https://identity.landlord.example/",
    "jwt_jwks_url": "https://identity.landlord.example/.well-known/jwks.json",
    "partner_token_key": "a-long-random-signing-key-0123456789abcdef",
}


@pytest.mark.parametrize("key", ["", "PLACEHOLDER-replace-with-a-long-random-value"])
def test_production_without_a_real_token_key_is_refused_naming_it(key: str) -> None:
    assert PartnerGatewaySettings(**PRODUCTION).environment == "production"
    with pytest.raises(ValidationError) as refused:
        PartnerGatewaySettings(**(PRODUCTION | {"partner_token_key": key}))
    cause = refused.value.errors()[0]["ctx"]["error"]
    assert isinstance(cause, DevelopmentDefaultInProduction)
    assert cause.names == ["PARTNER_TOKEN_KEY"]


def test_production_refuses_webhooks_to_private_networks_naming_the_setting() -> None:
    assert not PartnerGatewaySettings(**PRODUCTION).webhooks_may_reach_private
    with pytest.raises(ValidationError) as refused:
        PartnerGatewaySettings(**(PRODUCTION | {"webhook_allow_private": True}))
    cause = refused.value.errors()[0]["ctx"]["error"]
    assert isinstance(cause, DevelopmentDefaultInProduction)
    assert cause.names == ["WEBHOOK_ALLOW_PRIVATE (unset, or false)"]
