"""The landlord's identity provider, as the console talks to it: Authlib's OpenID Connect client.

Authlib does the protocol: the provider is found by its issuer URL (the discovery document), the
browser is sent to it with a state, a nonce and a PKCE challenge (S256), and the code that comes
back is exchanged for tokens, the ID token checked against the provider's JWKS, issuer, audience
and the nonce. The access token is then checked here as every service checks it (signature by a
key of the same JWKS, ``JWT_ISSUER``, ``JWT_AUDIENCE``, expiry), and the member of staff read from
its claims (the ID token's fill what it lacks).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx
from authlib.integrations.base_client import OAuthError
from authlib.integrations.starlette_client import OAuth
from fastapi import Request
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet
from starlette.responses import RedirectResponse

from .identity import ClaimNames, Identity, NotStaff, identity_of
from .sessions import StaffSession
from .settings import ConsoleSettings

NAME = "landlord"


class SignInFailed(Exception):
    """The provider refused, or what came back could not be trusted: sign in again."""


@dataclass(frozen=True)
class SignedIn:
    identity: Identity
    tokens: dict[str, Any]
    access_expires_at: datetime | None


def _expiry(token: Mapping[str, Any]) -> datetime | None:
    expires_at = token.get("expires_at")
    return datetime.fromtimestamp(int(expires_at), UTC) if expires_at else None


class Provider:
    def __init__(
        self, settings: ConsoleSettings, transport: httpx.AsyncBaseTransport | None = None
    ) -> None:
        """``transport``: how the provider is reached (tests: the provider in process)."""
        self.settings = settings
        self.oauth = OAuth()
        extra: dict[str, Any] = {"transport": transport} if transport is not None else {}
        self.client = self.oauth.register(
            NAME,
            client_id=settings.oidc_client_id,
            client_secret=settings.oidc_client_secret.get_secret_value(),
            server_metadata_url=settings.oidc_issuer.rstrip("/")
            + "/.well-known/openid-configuration",
            client_kwargs={
                "scope": settings.oidc_scopes,
                "code_challenge_method": "S256",
                "timeout": settings.oidc_timeout_seconds,
                **extra,
            },
        )
        self.names = ClaimNames(
            subject=settings.claim_subject,
            name=settings.claim_name,
            roles=settings.claim_roles,
            organisation=settings.claim_organisation,
        )

    async def metadata(self) -> dict[str, Any]:
        found: dict[str, Any] = await self.client.load_server_metadata()
        return found

    async def start(
        self, request: Request, session: StaffSession, callback: str
    ) -> RedirectResponse:
        """The browser's way to the provider's sign-in; the state, nonce and PKCE verifier are
        kept in the session (Authlib keeps them in ``request.session``)."""
        request.scope["session"] = session.data
        response: RedirectResponse = await self.client.authorize_redirect(request, callback)
        session.modified = True
        return response

    async def finish(self, request: Request, session: StaffSession) -> SignedIn:
        """The provider's answer at the callback: the code exchanged, everything checked."""
        request.scope["session"] = session.data
        try:
            token = await self.client.authorize_access_token(request)
        except (OAuthError, JoseError, KeyError, ValueError) as exc:
            raise SignInFailed(type(exc).__name__) from exc
        finally:
            session.modified = True
        if not token.get("userinfo"):
            raise SignInFailed("no ID token")
        return await self._signed_in(token, dict(token["userinfo"]))

    async def refresh(self, tokens: Mapping[str, Any]) -> SignedIn:
        """New tokens for the refresh token (the provider may rotate it)."""
        refresh_token = tokens.get("refresh_token")
        if not refresh_token:
            raise SignInFailed("no refresh token")
        try:
            token = await self.client.fetch_access_token(
                grant_type="refresh_token", refresh_token=refresh_token
            )
        except (OAuthError, JoseError, KeyError, ValueError) as exc:
            raise SignInFailed(type(exc).__name__) from exc
        token.setdefault("refresh_token", refresh_token)
        token.setdefault("id_token", tokens.get("id_token"))
        return await self._signed_in(dict(token), {})

    async def _signed_in(self, token: dict[str, Any], id_claims: dict[str, Any]) -> SignedIn:
        claims = {**id_claims, **await self._access_claims(str(token.get("access_token", "")))}
        try:
            identity = identity_of(
                claims,
                self.names,
                self.settings.role_values,
                self.settings.organisation_id,
            )
        except NotStaff as exc:
            raise SignInFailed(str(exc)) from exc
        kept = {k: token[k] for k in ("access_token", "refresh_token", "id_token") if token.get(k)}
        return SignedIn(identity, kept, _expiry(token))

    async def _access_claims(self, access_token: str) -> dict[str, Any]:
        """The access token's claims, checked as the services check them."""
        metadata = await self.metadata()
        algorithms = metadata.get("id_token_signing_alg_values_supported") or ["RS256"]
        try:
            keys = KeySet.import_key_set(await self.client.fetch_jwk_set())
            try:
                decoded = jwt.decode(access_token, keys, algorithms=algorithms)
            except JoseError:
                # A key rotated since the set was read: read it again, once.
                keys = KeySet.import_key_set(await self.client.fetch_jwk_set(force=True))
                decoded = jwt.decode(access_token, keys, algorithms=algorithms)
            jwt.JWTClaimsRegistry(
                leeway=30,
                iss={"essential": True, "value": self.settings.jwt_issuer},
                aud={"essential": True, "value": self.settings.jwt_audience},
                exp={"essential": True},
            ).validate(decoded.claims)
        except (JoseError, ValueError) as exc:
            raise SignInFailed(f"access token: {type(exc).__name__}") from exc
        return dict(decoded.claims)

    async def sign_out_url(self, tokens: Mapping[str, Any], signed_out: str) -> str | None:
        """The provider's end-session address, back to ``signed_out`` (None: it has none)."""
        metadata = await self.metadata()
        if not metadata.get("end_session_endpoint"):
            return None
        found = await self.client.create_logout_url(
            post_logout_redirect_uri=signed_out,
            id_token_hint=tokens.get("id_token"),
            client_id=self.settings.oidc_client_id,
        )
        return str(found["url"])
