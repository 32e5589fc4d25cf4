from typing import Self

from asb_shared.settings import (
    PRODUCTION,
    DevelopmentDefaultInProduction,
    ServiceSettings,
    development_default,
)
from pydantic import Field, SecretStr, model_validator


class PartnerGatewaySettings(ServiceSettings):
    service_name: str = "partner-gateway"
    http_port: int = 8005
    worker_port: int = 9005
    max_body_bytes: int = 65_536
    """Partner requests are small JSON documents: a tight body limit for the whole gateway."""

    partner_token_key: SecretStr = development_default(SecretStr(""))
    """HS256 key signing partner access tokens (the gateway issues and checks them itself).
    Empty in development: a random key per process (tokens do not survive a restart);
    production refuses to start without one."""
    partner_public_url: str = "http://127.0.0.1:8005"
    """Where partners reach the gateway (https in production, TLS ending at the ingress):
    OAuth2 requires the token endpoint over TLS, and Authlib checks this URL."""
    partner_token_issuer: str = "asb-partner-gateway"
    partner_token_audience: str = "asb-partner-api"
    partner_token_ttl_seconds: int = 300
    """Short-lived: the agreement and the credential are still checked on every call."""
    token_rate_per_address_per_minute: int = Field(default=40, ge=1)
    """Token requests in any minute from one client address, whatever client they
    name: past it, 429 with Retry-After, before any secret is checked."""
    token_rate_per_client_per_minute: int = Field(default=10, ge=1)
    """Token requests in any minute naming one client id, known or not, from any
    address. A partner system keeps its token for its lifetime (five minutes), so it needs
    far fewer."""

    webhook_retry_delays_seconds: list[float] = Field(
        default_factory=lambda: [5.0, 300.0, 1800.0, 7200.0, 18000.0, 36000.0]
    )
    """Waits before each retry of a failed delivery; after the last, the endpoint is paused."""
    webhook_poll_seconds: float = 1.0
    webhook_batch_size: int = 50
    webhook_per_endpoint: int = 5
    """At most this many messages to one endpoint in a round: one slow endpoint cannot fill it."""
    webhook_timeout_seconds: float = 10.0
    webhook_allow_private: bool | None = None
    """Webhooks may go to this machine and private networks, over plain http: for local
    development and tests only. Unset: allowed unless ``ENVIRONMENT=production``; production
    must not set it true (its partners' endpoints are on the internet, over https)."""
    webhook_egress_proxy: str | None = None
    """An HTTP proxy every webhook goes through (``http://egress.internal:3128``), when the
    cluster's egress is one; the addresses are checked and pinned all the same."""

    @model_validator(mode="after")
    def _webhooks_stay_public_in_production(self) -> Self:
        # Letting webhooks reach private networks is a development convenience: in
        # production it would hand partners a way into the cluster.
        if self.environment == PRODUCTION and self.webhook_allow_private:
            raise DevelopmentDefaultInProduction(["WEBHOOK_ALLOW_PRIVATE (unset, or false)"])
        return self

    @property
    def webhooks_may_reach_private(self) -> bool:
        """Whether webhooks may go to private addresses (and over http): see
        ``webhook_allow_private``."""
        if self.webhook_allow_private is not None:
            return self.webhook_allow_private
        return self.environment != "production"
