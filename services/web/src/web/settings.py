"""The web site's settings, read from plain environment variables like every service's."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, ClassVar, Literal

from asb_shared.service import settings_dependency
from asb_shared.settings import ServiceSettings, development_default
from fastapi import Depends
from pydantic import SecretStr, model_validator

DEV_SESSION_SECRET = "dev-session-secret-change-me"
_SERVICE_DIR = Path(__file__).resolve().parents[2]


class WebSettings(ServiceSettings):
    not_used: ClassVar[frozenset[str]] = frozenset({"AMQP_URL", "JWT_ISSUER", "JWT_JWKS_URL"})
    """The resident site publishes no events and verifies no staff tokens."""

    service_name: str = "web"
    http_port: int = 8006
    worker_port: int = 9006
    database_pool_size: int = 3
    """Sessions only: a read and a write a page at most."""

    public_base_url: str = ""
    """The site's address as residents reach it (``https://asb.example``), for the links it
    shows; empty: the address of the request."""
    intake_url: str = "http://127.0.0.1:8001"
    """Base URL of intake's API: reports, the reporter's view, evidence, case reviews."""
    casework_url: str = "http://127.0.0.1:8002"
    """Base URL of casework's API: the landlord's public details."""
    engagement_url: str = "http://127.0.0.1:8003"
    """Base URL of the Positive Engagement Service's API (the console's engagement and admin
    pages)."""
    notifications_url: str = "http://127.0.0.1:8004"
    """Base URL of notifications' API (readiness only, today)."""
    partner_gateway_url: str = "http://127.0.0.1:8005"
    """Base URL of the partner gateway's staff API (the console: sharing, case conferences)."""
    api_timeout_seconds: float = 10.0

    landlord_by: Literal["path", "host"] = "path"
    """How the landlord is chosen: by the path prefix ``/{slug}/`` (the landlord's reference
    prefix in lower case), or by the request's host name through ``landlord_hosts``."""
    landlord_hosts: dict[str, str] = {}
    """Host name to slug, when ``landlord_by`` is ``host`` (``{"asb.etoe.example": "etoe"}``)."""

    session_secret: SecretStr = development_default(SecretStr(DEV_SESSION_SECRET))
    """Keys the session cookie's signature; a long random value outside development."""
    session_idle_minutes: int = 60
    session_cookie: str = "asb_session"

    frontend_dir: Path = _SERVICE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"
    """govuk-frontend's built files (``npm ci`` in services/web puts them there)."""

    leaflet_dir: Path = _SERVICE_DIR / "node_modules" / "leaflet" / "dist"
    """Leaflet's built files, for the console's hotspots map (served by the service itself)."""
    map_tiles_url: str = ""
    """The console map's tile server (``https://tiles.example/{z}/{x}/{y}.png``, of the
    service's own origin or allowed by its CSP); empty: the hotspots are drawn on a blank map."""

    exit_url: str = "https://www.bbc.co.uk/weather"
    """Where "Exit this page" goes: a neutral site."""
    evidence_max_file_mb: int = 20
    evidence_max_files: int = 10
    """The limits intake applies, explained to residents before they choose files."""

    @property
    def development(self) -> bool:
        return self.environment in ("development", "test")

    @model_validator(mode="after")
    def _no_development_secret_in_production(self) -> WebSettings:
        if not self.development and self.session_secret.get_secret_value() == DEV_SESSION_SECRET:
            raise ValueError("SESSION_SECRET must be set outside development")
        if len(self.session_secret.get_secret_value()) < 16:
            raise ValueError("SESSION_SECRET must be at least 16 characters")
        return self


Settings = Annotated[WebSettings, Depends(settings_dependency(WebSettings))]
"""Route parameter: the site's settings, typed."""
