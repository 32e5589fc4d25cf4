"""The OAuth2 client credentials token endpoint (Authlib) and the check of its tokens.

Authlib does the protocol: client authentication (HTTP Basic or form), grant validation, the
error responses of RFC 6749 and JWT access tokens as RFC 9068 profiles them. The gateway gives
it the client as loaded from the database and the scopes the agreements in force grant. Tokens
are short-lived and self-contained, but a token is never enough on its own: every call checks
the client is not revoked and the agreements are still in force (``caller``).
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from authlib.oauth2.rfc6749 import AuthorizationServer, ClientMixin, OAuth2Request
from authlib.oauth2.rfc6749.errors import InvalidScopeError
from authlib.oauth2.rfc6749.grants import ClientCredentialsGrant
from authlib.oauth2.rfc6749.requests import BasicOAuth2Payload
from authlib.oauth2.rfc6749.util import (
    extract_basic_authorization,
    list_to_scope,
    scope_to_list,
)
from authlib.oauth2.rfc9068 import JWTBearerTokenGenerator
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import OctKey

from ..settings import PartnerGatewaySettings
from .secrets import verify_secret

ALGORITHM = "HS256"


def signing_key(settings: PartnerGatewaySettings) -> OctKey:
    """The key tokens are signed with: the configured one, or a random one for development."""
    configured = settings.partner_token_key.get_secret_value()
    if not configured and settings.environment == "production":
        raise RuntimeError("PARTNER_TOKEN_KEY must be set in production")
    if configured and len(configured) < 32:
        raise RuntimeError("PARTNER_TOKEN_KEY needs at least 32 characters")
    raw = configured.encode() if configured else secrets.token_bytes(32)
    return OctKey.import_key(raw)


@dataclass
class TokenClient(ClientMixin):  # type: ignore[misc]
    """A partner system as Authlib sees it."""

    client_id: str
    secret_hashes: list[str]
    granted: frozenset[str]
    claims: dict[str, str] = field(default_factory=dict)
    """Extra claims for its tokens: the landlord (``org``) and the partner."""

    def get_client_id(self) -> str:
        return self.client_id

    def get_default_redirect_uri(self) -> None:
        return None

    def get_allowed_scope(self, scope: str | None) -> str:
        wanted = set(scope_to_list(scope) or self.granted)
        return str(list_to_scope(sorted(wanted & self.granted)))

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return False

    def check_client_secret(self, client_secret: str) -> bool:
        # Every secret not past its overlap period may be used (rotation without an outage).
        return any(verify_secret(h, client_secret) for h in self.secret_hashes)

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return endpoint == "token" and method in ("client_secret_basic", "client_secret_post")

    def check_response_type(self, response_type: str) -> bool:
        return False

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type == "client_credentials"


class _Grant(ClientCredentialsGrant):  # type: ignore[misc]
    TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"]

    def validate_requested_scope(self) -> None:
        client: TokenClient = self.request.client
        if not client.granted:
            raise InvalidScopeError(
                "No information sharing agreement is in force for this partner."
            )
        wanted = set(scope_to_list(self.request.payload.scope) or [])
        if not wanted <= client.granted:
            raise InvalidScopeError(
                "The agreements in force do not give: " + " ".join(sorted(wanted - client.granted))
            )


class _Generator(JWTBearerTokenGenerator):  # type: ignore[misc]
    def __init__(self, key: OctKey, settings: PartnerGatewaySettings) -> None:
        ttl = settings.partner_token_ttl_seconds
        super().__init__(
            issuer=settings.partner_token_issuer,
            alg=ALGORITHM,
            expires_generator=lambda client, grant_type: ttl,
        )
        self._key = key
        self._audience = settings.partner_token_audience

    def get_jwks(self) -> OctKey:
        return self._key

    def get_audiences(self, client: TokenClient, user: object, scope: str) -> str:
        return self._audience

    def get_extra_claims(
        self, client: TokenClient, grant_type: str, user: object, scope: str
    ) -> dict[str, str]:
        return dict(client.claims)


class _Server(AuthorizationServer):  # type: ignore[misc]
    def __init__(self, client: TokenClient | None, generator: _Generator) -> None:
        super().__init__()
        self._client = client
        self.register_grant(_Grant)
        self.register_token_generator("default", generator)

    def query_client(self, client_id: str) -> TokenClient | None:
        if self._client is not None and self._client.client_id == client_id:
            return self._client
        return None

    def save_token(self, token: dict[str, Any], request: OAuth2Request) -> None:
        """Nothing to keep: tokens are self-contained and their issue is audited."""

    def send_signal(self, name: str, *args: Any, **kwargs: Any) -> None:
        return None

    def create_oauth2_request(self, request: OAuth2Request) -> OAuth2Request:
        return request

    def handle_response(
        self, status: int, body: Any, headers: list[tuple[str, str]]
    ) -> tuple[int, Any, list[tuple[str, str]]]:
        return status, body, headers

    def generate_token(
        self,
        grant_type: str,
        client: TokenClient,
        user: object = None,
        scope: str | None = None,
        expires_in: int | None = None,
        include_refresh_token: bool = True,
    ) -> dict[str, Any]:
        # Without a requested scope the token gets every scope the agreements give.
        return dict(
            super().generate_token(
                grant_type,
                client,
                user,
                client.get_allowed_scope(scope),
                expires_in,
                include_refresh_token=False,
            )
        )


class _FormRequest(OAuth2Request):  # type: ignore[misc]
    """A token request whose form has already been read (the framework side of Authlib)."""

    def __init__(self, url: str, headers: Mapping[str, str], form: Mapping[str, str]) -> None:
        super().__init__("POST", url, headers=headers)
        self._form = dict(form)
        self.payload = BasicOAuth2Payload(self._form)

    @property
    def form(self) -> dict[str, str]:
        return self._form

    @property
    def args(self) -> dict[str, str]:
        return {}


@dataclass(frozen=True)
class TokenResponse:
    status: int
    body: dict[str, Any]
    headers: list[tuple[str, str]]


def token_response(
    *,
    url: str,
    headers: Mapping[str, str],
    form: Mapping[str, str],
    client: TokenClient | None,
    key: OctKey,
    settings: PartnerGatewaySettings,
) -> TokenResponse:
    """Run the token endpoint (blocking: argon2 verification; call it in a thread)."""
    request = _FormRequest(url, headers, form)
    server = _Server(client, _Generator(key, settings))
    status, body, out_headers = server.create_token_response(request)
    return TokenResponse(status, dict(body), list(out_headers))


def client_id_of(headers: Mapping[str, str], form: Mapping[str, str]) -> str | None:
    """The client id a token request names (HTTP Basic first, then the form)."""
    client_id, _ = extract_basic_authorization(headers)
    return client_id or form.get("client_id") or None


class InvalidToken(Exception):
    """The access token is not one this gateway issued, or it has expired."""


def verify_access_token(
    token: str, key: OctKey, settings: PartnerGatewaySettings
) -> dict[str, Any]:
    """The claims of a valid access token (signature, type, issuer, audience, expiry)."""
    try:
        decoded = jwt.decode(token, key, algorithms=[ALGORITHM])
        if decoded.header.get("typ") != "at+jwt":
            raise InvalidToken("not an access token")
        jwt.JWTClaimsRegistry(
            iss={"essential": True, "value": settings.partner_token_issuer},
            aud={"essential": True, "value": settings.partner_token_audience},
            exp={"essential": True},
            client_id={"essential": True},
            org={"essential": True},
            partner_id={"essential": True},
        ).validate(decoded.claims)
    except (JoseError, ValueError) as exc:
        raise InvalidToken(str(exc) or type(exc).__name__) from exc
    return dict(decoded.claims)
