"""The console's settings: the web service's own, and the landlord's identity provider.

The console runs from the same package and database as the resident site (its own entrypoint,
``python -m web console``, its own port), so it reads every setting of the site and adds those of
signing staff in. The access tokens it gets are checked as every service checks them: issuer
``JWT_ISSUER``, audience ``JWT_AUDIENCE``, signed by a key of the provider's JWKS (found through
its discovery document).
"""

from __future__ import annotations

import uuid
from typing import ClassVar

from asb_shared.auth.mint import (
    DEV_CONSOLE_CLIENT_ID,
    DEV_CONSOLE_CLIENT_SECRET,
    DEV_IDP_ISSUER,
)
from asb_shared.settings import development_default
from pydantic import SecretStr

from ..settings import WebSettings


class ConsoleSettings(WebSettings):
    not_used: ClassVar[frozenset[str]] = frozenset({"AMQP_URL", "JWT_JWKS_URL"})
    """The console publishes no events; the provider's keys come from its discovery document."""

    http_port: int = 8007
    worker_port: int = 9007

    public_base_url: str = ""
    """The console's address as staff reach it (``https://asb-console.landlord.example``): its
    sign-in callback and post-sign-out addresses are registered with the provider under it."""

    oidc_issuer: str = development_default(DEV_IDP_ISSUER)
    """The identity provider's issuer URL; its discovery document is read from
    ``{issuer}/.well-known/openid-configuration`` (Entra ID, Keycloak, Okta...)."""
    oidc_client_id: str = development_default(DEV_CONSOLE_CLIENT_ID)
    oidc_client_secret: SecretStr = development_default(SecretStr(DEV_CONSOLE_CLIENT_SECRET))
    oidc_scopes: str = "openid profile offline_access"
    """``offline_access`` asks for a refresh token; some providers also need the API's scope."""
    oidc_timeout_seconds: float = 10.0

    claim_subject: str = "sub"
    claim_name: str = "name"
    claim_roles: str = "roles"
    """The claim holding the member of staff's roles (a list, or a space-separated string)."""
    claim_organisation: str = "org"
    role_values: dict[str, str] = {}
    """The provider's role values, when they are not the platform's (``{"ASB.Officer":
    "officer"}``); values named nowhere are taken as they are."""
    organisation_id: uuid.UUID | None = None
    """The landlord, when the provider's tokens carry no organisation claim (one provider, one
    landlord)."""

    staff_session_cookie: str = "asb_staff_session"
    staff_session_idle_minutes: int = 30
    """A session not used for this long ends: the member of staff signs in again."""
    staff_session_absolute_minutes: int = 600
    """A session ends this long after its sign-in, however much it is used."""
    token_refresh_seconds: int = 60
    """The access token is renewed (with the refresh token) when it has less than this left."""
