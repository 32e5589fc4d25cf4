"""One settings pattern for every service: environment variables with working local defaults.

Some defaults serve local development only: a development key or secret, the broker's guest
account, the development key pair for staff tokens. Such a field is declared with
:func:`development_default`; with ``ENVIRONMENT=production`` a service refuses to start while
one of them still has its development value (or a deployment's ``PLACEHOLDER...`` one), and
the message names each setting to set.
"""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path
from typing import Any, ClassVar, Self

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# The repository root, for the development key pair's default location.
REPO_ROOT = Path(__file__).resolve().parents[3]
DEV_KEY_DIR = REPO_ROOT / ".dev"
PRODUCTION = "production"
_DEVELOPMENT_DEFAULT = "development_default"
_PLACEHOLDER = "PLACEHOLDER"


def development_default(value: Any) -> Any:
    """A setting's default that serves local development only (a development key or secret,
    a local address with a well-known account): production refuses to start with it."""
    return Field(default=value, json_schema_extra={_DEVELOPMENT_DEFAULT: True})


def development_defaults_in_use(settings: BaseSettings) -> list[str]:
    """The environment variables of ``settings`` still at their development default (or a
    deployment's placeholder), by name."""
    found = []
    for name, info in type(settings).model_fields.items():
        extra = info.json_schema_extra
        if not isinstance(extra, dict) or not extra.get(_DEVELOPMENT_DEFAULT):
            continue
        value = getattr(settings, name)
        plain = value.get_secret_value() if isinstance(value, SecretStr) else value
        if value == info.default or (isinstance(plain, str) and plain.startswith(_PLACEHOLDER)):
            found.append(name.upper())
    return found


class DevelopmentDefaultInProduction(ValueError):
    """Production was started with a development default: the message names the settings."""

    def __init__(self, names: list[str]) -> None:
        super().__init__(
            "ENVIRONMENT=production refuses development defaults; set "
            + ", ".join(names)
            + " (a real value of your own, never the development one)"
        )
        self.names = names


SECRETS_DIR = Path(os.environ.get("SECRETS_DIR", "/run/secrets/asb"))
"""Where a deployment mounts its secrets as files, one file a setting, named as its environment
variable (``DATABASE_URL``, ``IDEMPOTENCY_SECRET``...; any case): read when the folder exists.
An environment variable of the same name wins over the file."""


class ServiceSettings(BaseSettings):
    """Settings common to every service.

    Each process reads plain environment variables (``DATABASE_URL``, ``AMQP_URL``...): one
    process runs one service, so no prefix is needed; secrets may come as files instead
    (:data:`SECRETS_DIR`), so that they are never in a process's environment. A service
    subclasses this to add its own fields and to set ``service_name``.
    """

    model_config = SettingsConfigDict(
        env_file=None,
        extra="ignore",
        secrets_dir=SECRETS_DIR if SECRETS_DIR.is_dir() else None,
    )

    not_used: ClassVar[frozenset[str]] = frozenset()
    """Common settings a deployable never reads (a site that speaks to no broker): production
    does not ask for them."""

    service_name: str = "service"
    environment: str = "development"

    database_url: str = development_default("")
    """SQLAlchemy URL of this service's own database; derived from the service name if empty
    (a local database: not in production)."""
    database_pool_size: int = 8
    """Connections this process keeps. Ten processes share one local server (100 connections
    by default), so each keeps few; handlers and requests queue for them briefly instead."""

    organisation_cache_seconds: float = 5.0
    """How long an API process keeps an organisation it looked up, at most: a change is
    announced to every process at once (``asb_shared.organisations.OrganisationGate``), this
    bounds how long a change whose announcement was missed goes unseen."""

    amqp_url: str = development_default("amqp://guest:guest@127.0.0.1:5672/")
    events_exchange: str = "asb.events"
    consumer_prefetch: int = 32
    consumer_batch_size: int = 16
    """The most deliveries already waiting that one transaction handles together (1: one each)."""
    consumer_concurrency: int = 4
    """Transactions the consumer runs at once (each holds a pooled connection)."""
    retry_delays_ms: list[int] = Field(default_factory=lambda: [1_000, 5_000, 30_000])
    """Delays before each retry of a failing message; after the last one it is parked."""
    quorum_delivery_limit: int = 20
    """Broker-side cap on redeliveries (a message that crashes its consumer every time)."""

    outbox_batch_size: int = 200
    outbox_poll_seconds: float = 1.0

    jwt_issuer: str = development_default("asb-dev")
    jwt_audience: str = "asb-platform"
    jwt_jwks_url: str | None = None
    """Where the identity provider publishes its keys; when unset, the public key below is used
    (in production, one of the two must be set: the development key pair is refused)."""
    jwt_public_key_file: Path = DEV_KEY_DIR / "jwt-public.pem"
    jwt_algorithms: list[str] = Field(default_factory=lambda: ["RS256"])
    jwt_partner_claim: str = "partner_id"
    """The claim that carries, in a partner's member of staff's token, the partner they belong
    to (one partner id): as the landlord's identity provider is configured to send it."""

    http_host: str = "127.0.0.1"
    http_port: int = 8000
    worker_port: int = 9000
    """The worker's own health and metrics port."""
    share_ports: bool = False
    """Several processes of this service run on this machine: they listen on ``http_port`` (and
    intake's reporting mailbox) together, with ``SO_REUSEPORT``, and the kernel spreads the
    connections among them. Off, a port already taken is an error, as usual."""
    http_own_port: int = 0
    """An API process's own port as well (0: none): where one process's health and metrics are
    read when several share ``http_port``."""
    max_body_bytes: int = 1_048_576
    max_upload_bytes: int = 0
    """The body limit on a service's upload paths (0: none are larger than max_body_bytes)."""
    trusted_proxies: list[str] = Field(default_factory=lambda: ["127.0.0.1", "::1"])
    """Addresses (or CIDR ranges) of the proxies whose X-Forwarded-For is believed: name the
    ingress's own range, as narrow as it is. From a trusted proxy the client is the right-most
    address of X-Forwarded-For that is not a trusted proxy (what a client wrote further left
    is not believed); from anyone else the header is ignored. Rate limits count per client."""
    api_docs: bool | None = None
    """Serve the API's documents and pages (``/docs``, ``/redoc``, ``/openapi.json``, and a
    service's own such as the gateway's ``/partner/v1/docs``). Unset: served unless
    ``ENVIRONMENT=production``, where they are off unless this is set true."""
    public_metrics: bool | None = None
    """Answer ``/metrics`` on the API's public port (``http_port``). Unset: yes unless
    ``ENVIRONMENT=production``; there it is answered only on the API process's own port
    (``http_own_port``) and the worker's port, which the ingress does not route."""
    log_level: str = "INFO"
    log_json: bool = True

    otel_exporter_otlp_endpoint: str | None = None
    """OTLP/HTTP collector base URL (spans go to ``/v1/traces`` under it). Tracing is off unless
    this or ``otel_exporter_otlp_traces_endpoint`` is set; ``OTEL_SDK_DISABLED=true`` overrides."""
    otel_exporter_otlp_traces_endpoint: str | None = None
    """The full URL spans are posted to, when it is not ``<endpoint>/v1/traces``."""

    @field_validator("database_url")
    @classmethod
    def _asyncpg_url(cls, value: str) -> str:
        """A plain ``postgresql://`` URI (the one a database operator's Secret holds) names
        the same database for SQLAlchemy's asyncpg driver."""
        for scheme in ("postgresql://", "postgres://"):
            if value.startswith(scheme):
                return "postgresql+asyncpg://" + value.removeprefix(scheme)
        return value

    @field_validator("trusted_proxies")
    @classmethod
    def _addresses_only(cls, value: list[str]) -> list[str]:
        # uvicorn would take "*" as "believe anyone" and a typo as a name no peer ever has:
        # the first lets every client choose its address, the second fails silently.
        for entry in value:
            try:
                ipaddress.ip_network(entry.strip(), strict=False)
            except ValueError:
                raise ValueError(
                    f"{entry!r} is not an IP address or CIDR range (trusted_proxies)"
                ) from None
        return [entry.strip() for entry in value]

    @property
    def serves_docs(self) -> bool:
        """Whether the API's documents and pages are served (see ``api_docs``)."""
        return self.api_docs if self.api_docs is not None else self.environment != "production"

    @property
    def metrics_on_public_port(self) -> bool:
        """Whether ``/metrics`` is answered on ``http_port`` (see ``public_metrics``)."""
        if self.public_metrics is not None:
            return self.public_metrics
        return self.environment != "production"

    @model_validator(mode="after")
    def _no_development_defaults_in_production(self) -> Self:
        if self.environment != PRODUCTION:
            return self
        names = [n for n in development_defaults_in_use(self) if n not in self.not_used]
        default_key = type(self).model_fields["jwt_public_key_file"].default
        unverified = self.jwt_jwks_url is None and self.jwt_public_key_file == default_key
        if unverified and "JWT_JWKS_URL" not in self.not_used:
            names.append("JWT_JWKS_URL")
        if names:
            raise DevelopmentDefaultInProduction(names)
        return self

    def resolved_database_url(self) -> str:
        """The database URL, defaulting to a local database named after the service."""
        if self.database_url:
            return self.database_url
        name = "asb_" + self.service_name.replace("-", "_")
        return f"postgresql+asyncpg://postgres@127.0.0.1:5432/{name}"
