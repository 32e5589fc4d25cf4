from asb_shared.settings import ServiceSettings, development_default
from pydantic import Field, SecretStr


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

    webhook_retry_delays_seconds: list[float] = Field(
        default_factory=lambda: [5.0, 300.0, 1800.0, 7200.0, 18000.0, 36000.0]
    )
    """Waits before each retry of a failed delivery; after the last, the endpoint is paused."""
    webhook_poll_seconds: float = 1.0
    webhook_batch_size: int = 50
    webhook_per_endpoint: int = 5
    """At most this many messages to one endpoint in a round: one slow endpoint cannot fill it."""
    webhook_timeout_seconds: float = 10.0
