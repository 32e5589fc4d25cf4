"""A development identity provider: OpenID Connect as a landlord's Entra ID or Keycloak speaks
it, with the development users, for ``./dev up`` and the tests.

Authlib's server side does the protocol: the authorization code grant with PKCE (S256 only, and
required of every request), OpenID Connect's code flow (ID tokens with the nonce), the refresh
token grant (each refresh token used once, a new one issued), and RP-initiated logout (the
end-session endpoint, back to a registered ``post_logout_redirect_uri``). Around it: the
discovery document (``/.well-known/openid-configuration``), the JWKS, userinfo, and a plain
sign-in form with the development users.

Its access tokens are what the platform's services verify (``iss``, ``aud``, ``exp``, ``sub``,
``org``, ``roles``, ``name``, and for the partner's member of staff the partner claim), signed with the development key pair that ``./dev token`` signs
with, published in the JWKS under the key id :func:`asb_shared.auth.mint.key_id` gives it: the
services may check either kind of token by the JWKS or by the public key file. The access
tokens' issuer is the one the services are configured with (``asb-dev`` by default); the ID
tokens' is the provider's own address, as OpenID Connect requires.

The partner's member of staff (``partner``) belongs to the partner ``--partner`` names, or to
the one set later at ``PUT /users/partner/partner`` (``{"partner_id": ...}``), as a landlord's
identity provider administrator sets a user's attribute once the partner is registered in the
gateway (whose ids the gateway makes): until then their tokens carry no partner, and the partner
gateway refuses them.

Everything is kept in memory: a restart signs everyone out. Never for production.
"""

from __future__ import annotations

import argparse
import html
import secrets
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import uvicorn
from asb_shared.auth.mint import (
    DEV_CONSOLE_CLIENT_ID,
    DEV_CONSOLE_CLIENT_SECRET,
    DEV_IDP_PORT,
    DEV_ORGANISATION_ID,
    ensure_dev_keys,
    key_id,
)
from asb_shared.settings import ServiceSettings
from authlib.oauth2.rfc6749 import (
    AuthorizationCodeMixin,
    AuthorizationServer,
    ClientMixin,
    OAuth2Request,
    TokenMixin,
)
from authlib.oauth2.rfc6749.errors import InvalidRequestError, OAuth2Error
from authlib.oauth2.rfc6749.grants import AuthorizationCodeGrant, RefreshTokenGrant
from authlib.oauth2.rfc6749.requests import BasicOAuth2Payload
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oidc.core import OpenIDCode, UserInfo
from authlib.oidc.rpinitiated import EndSessionEndpoint
from cryptography.hazmat.primitives import serialization
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey

DEV_PASSWORD = "development"
"""Every development user's password (printed in ``./dev up``'s banner)."""
COOKIE = "asb_idp_session"
ALGORITHM = "RS256"


@dataclass(frozen=True)
class User:
    username: str
    subject: str
    name: str
    roles: tuple[str, ...]
    organisation_id: uuid.UUID
    partner_id: uuid.UUID | None = None
    """The partner agency a partner's member of staff belongs to (their partner claim)."""


PARTNER_USER = "partner"
"""The development partner's member of staff, by user name."""


def development_users(
    organisation_id: uuid.UUID = DEV_ORGANISATION_ID, partner_id: uuid.UUID | None = None
) -> dict[str, User]:
    """The development landlord's staff, by user name: one of each role; and a partner
    agency's member of staff, of the partner ``partner_id`` (none yet, if not given)."""
    people = (
        ("officer", "dev-officer", "Development Officer", "officer"),
        ("team-leader", "dev-team-leader", "Development Team Leader", "team_leader"),
        ("peo", "dev-peo", "Development Engagement Officer", "peo"),
        ("admin", "dev-admin", "Development Administrator", "admin"),
        ("platform-admin", "dev-platform", "Development Platform Administrator", "platform_admin"),
    )
    users = {
        username: User(username, subject, name, (role,), organisation_id)
        for username, subject, name, role in people
    }
    users[PARTNER_USER] = User(
        PARTNER_USER,
        "dev-partner",
        "Development Partner Officer",
        ("partner_staff",),
        organisation_id,
        partner_id,
    )
    return users


@dataclass
class Client(ClientMixin):  # type: ignore[misc]
    """The console, registered with its redirect and post-logout addresses."""

    client_id: str
    client_secret: str
    redirect_uris: list[str]
    post_logout_redirect_uris: list[str]

    @property
    def client_metadata(self) -> dict[str, Any]:
        return {"post_logout_redirect_uris": self.post_logout_redirect_uris}

    def get_client_id(self) -> str:
        return self.client_id

    def get_default_redirect_uri(self) -> str | None:
        return self.redirect_uris[0] if self.redirect_uris else None

    def get_allowed_scope(self, scope: str | None) -> str:
        wanted = (scope or "").split()
        return " ".join(s for s in wanted if s in ("openid", "profile", "offline_access"))

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return redirect_uri in self.redirect_uris

    def check_client_secret(self, client_secret: str) -> bool:
        return secrets.compare_digest(client_secret.encode(), self.client_secret.encode())

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return method in ("client_secret_basic", "client_secret_post")

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code"

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type in ("authorization_code", "refresh_token")


@dataclass
class Code(AuthorizationCodeMixin):  # type: ignore[misc]
    code: str
    client_id: str
    redirect_uri: str
    scope: str
    username: str
    nonce: str | None
    code_challenge: str
    code_challenge_method: str
    auth_time: int
    expires_at: float

    def get_redirect_uri(self) -> str:
        return self.redirect_uri

    def get_scope(self) -> str:
        return self.scope

    def get_nonce(self) -> str | None:
        return self.nonce

    def get_auth_time(self) -> int:
        return self.auth_time

    def get_acr(self) -> None:
        return None

    def get_amr(self) -> list[str]:
        return ["pwd"]


@dataclass
class Refresh(TokenMixin):  # type: ignore[misc]
    refresh_token: str
    client_id: str
    scope: str
    username: str
    expires_at: float
    revoked: bool = False

    def check_client(self, client: Client) -> bool:
        return client.client_id == self.client_id

    def get_scope(self) -> str:
        return self.scope

    def get_expires_in(self) -> int:
        return int(self.expires_at - time.time())

    def is_expired(self) -> bool:
        return time.time() >= self.expires_at

    def is_revoked(self) -> bool:
        return self.revoked


@dataclass
class Provider:
    """The provider's configuration and its memory: codes, refresh tokens, sign-ins."""

    issuer: str
    access_token_issuer: str
    audience: str
    key: RSAKey
    users: dict[str, User]
    client: Client
    access_token_seconds: int = 600
    refresh_token_seconds: int = 8 * 3600
    partner_claim: str = "partner_id"
    """The claim that carries a partner's member of staff's partner (``JWT_PARTNER_CLAIM``)."""
    codes: dict[str, Code] = field(default_factory=dict)
    refresh_tokens: dict[str, Refresh] = field(default_factory=dict)
    sessions: dict[str, str] = field(default_factory=dict)
    """Sign-ins at the provider: cookie value to user name."""
    access_tokens: dict[str, str] = field(default_factory=dict)
    """Access tokens issued and not yet expired, to the user name (for userinfo)."""

    @property
    def jwks(self) -> dict[str, Any]:
        return {"keys": [self.key.as_dict(private=False)]}

    def discovery(self) -> dict[str, Any]:
        base = self.issuer.rstrip("/")
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{base}/authorize",
            "token_endpoint": f"{base}/token",
            "userinfo_endpoint": f"{base}/userinfo",
            "jwks_uri": f"{base}/jwks",
            "end_session_endpoint": f"{base}/end-session",
            "response_types_supported": ["code"],
            "grant_types_supported": ["authorization_code", "refresh_token"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": [ALGORITHM],
            "scopes_supported": ["openid", "profile", "offline_access"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "code_challenge_methods_supported": ["S256"],
            "claims_supported": [
                "sub",
                "name",
                "org",
                "roles",
                self.partner_claim,
                "iss",
                "aud",
                "exp",
                "iat",
            ],
        }

    def partner_claims(self, user: User) -> dict[str, str]:
        return {self.partner_claim: str(user.partner_id)} if user.partner_id else {}

    def user_info(self, user: User) -> UserInfo:
        return UserInfo(
            sub=user.subject,
            name=user.name,
            org=str(user.organisation_id),
            roles=list(user.roles),
            **self.partner_claims(user),
        )

    def access_token(self, user: User, client_id: str, scope: str) -> str:
        now = int(time.time())
        claims = {
            "iss": self.access_token_issuer,
            "aud": self.audience,
            "sub": user.subject,
            "org": str(user.organisation_id),
            "roles": list(user.roles),
            "name": user.name,
            "client_id": client_id,
            "scope": scope,
            "iat": now,
            "exp": now + self.access_token_seconds,
            "jti": secrets.token_urlsafe(16),
            **self.partner_claims(user),
        }
        header = {"alg": ALGORITHM, "kid": self.key.kid, "typ": "JWT"}
        return jwt.encode(header, claims, self.key, algorithms=[ALGORITHM])

    def forget_expired(self) -> None:
        now = time.time()
        for code in [c for c, v in self.codes.items() if v.expires_at < now]:
            del self.codes[code]
        for token in [t for t, v in self.refresh_tokens.items() if v.expires_at < now]:
            del self.refresh_tokens[token]


class _S256Required(CodeChallenge):  # type: ignore[misc]
    """PKCE on every authorization request, by S256 alone (no "plain")."""

    SUPPORTED_CODE_CHALLENGE_METHOD = ["S256"]
    DEFAULT_CODE_CHALLENGE_METHOD = "S256"

    def validate_code_challenge(self, grant: Any, redirect_uri: str) -> None:
        data = grant.request.payload.data
        if not data.get("code_challenge") or data.get("code_challenge_method") != "S256":
            raise InvalidRequestError("PKCE is required: code_challenge with method S256.")
        super().validate_code_challenge(grant, redirect_uri)

    def get_authorization_code_challenge(self, authorization_code: Code) -> str:
        return authorization_code.code_challenge

    def get_authorization_code_challenge_method(self, authorization_code: Code) -> str:
        return authorization_code.code_challenge_method


class _Request(OAuth2Request):  # type: ignore[misc]
    """A request whose query and form have been read already (the framework side of Authlib)."""

    def __init__(
        self,
        method: str,
        url: str,
        headers: Mapping[str, str],
        args: Mapping[str, str],
        form: Mapping[str, str],
        session: str | None = None,
    ) -> None:
        # Starlette's headers as they are: Authlib reads "Authorization" in any case.
        super().__init__(method, url, headers=headers)
        self._args, self._form = dict(args), dict(form)
        self.payload = BasicOAuth2Payload({**self._args, **self._form})
        self.idp_session = session

    @property
    def args(self) -> dict[str, str]:
        return self._args

    @property
    def form(self) -> dict[str, str]:
        return self._form


def build_server(provider: Provider) -> AuthorizationServer:
    """Authlib's authorization server, on the provider's memory."""

    class CodeGrant(AuthorizationCodeGrant):  # type: ignore[misc]
        TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"]

        def save_authorization_code(self, code: str, request: _Request) -> None:
            data = request.payload.data
            provider.codes[code] = Code(
                code=code,
                client_id=request.client.client_id,
                redirect_uri=data.get("redirect_uri", ""),
                scope=request.scope or "",
                username=request.user.username,
                nonce=data.get("nonce"),
                code_challenge=data.get("code_challenge", ""),
                code_challenge_method=data.get("code_challenge_method", "S256"),
                auth_time=int(time.time()),
                expires_at=time.time() + 60,
            )

        def query_authorization_code(self, code: str, client: Client) -> Code | None:
            found = provider.codes.get(code)
            if found and found.client_id == client.client_id and found.expires_at > time.time():
                return found
            return None

        def delete_authorization_code(self, authorization_code: Code) -> None:
            provider.codes.pop(authorization_code.code, None)

        def authenticate_user(self, authorization_code: Code) -> User | None:
            return provider.users.get(authorization_code.username)

    class IdToken(OpenIDCode):  # type: ignore[misc]
        def exists_nonce(self, nonce: str, request: _Request) -> bool:
            return any(c.nonce == nonce for c in provider.codes.values())

        def resolve_client_private_key(self, client: Client) -> RSAKey:
            return provider.key

        def get_client_algorithm(self, client: Client) -> str:
            return ALGORITHM

        def get_encode_header(self, client: Client) -> dict[str, str]:
            return {"alg": ALGORITHM, "kid": str(provider.key.kid)}

        def get_client_claims(self, client: Client) -> dict[str, Any]:
            return {
                "iss": provider.issuer,
                "aud": client.client_id,
                "exp": int(time.time()) + provider.access_token_seconds,
            }

        def generate_user_info(self, user: User, scope: str) -> UserInfo:
            return provider.user_info(user)

    class Refreshing(RefreshTokenGrant):  # type: ignore[misc]
        TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"]
        INCLUDE_NEW_REFRESH_TOKEN = True

        def authenticate_refresh_token(self, refresh_token: str) -> Refresh | None:
            found = provider.refresh_tokens.get(refresh_token)
            if found and not found.is_revoked() and not found.is_expired():
                return found
            return None

        def authenticate_user(self, refresh_token: Refresh) -> User | None:
            return provider.users.get(refresh_token.username)

        def revoke_old_credential(self, refresh_token: Refresh) -> None:
            refresh_token.revoked = True

    class EndSession(EndSessionEndpoint):  # type: ignore[misc]
        def get_server_jwks(self) -> KeySet:
            return KeySet([provider.key])

        def end_session(self, end_session_request: Any) -> None:
            session = getattr(end_session_request.request, "idp_session", None)
            if session:
                provider.sessions.pop(session, None)
            claims = end_session_request.id_token_claims or {}
            subject = claims.get("sub")
            if subject:
                # Every refresh token of the user ends too: the console cannot renew them.
                for token in provider.refresh_tokens.values():
                    user = provider.users.get(token.username)
                    if user is not None and user.subject == subject:
                        token.revoked = True

    class Server(AuthorizationServer):  # type: ignore[misc]
        def query_client(self, client_id: str) -> Client | None:
            return provider.client if client_id == provider.client.client_id else None

        def save_token(self, token: dict[str, Any], request: _Request) -> None:
            user: User = request.user
            provider.access_tokens[token["access_token"]] = user.username
            if token.get("refresh_token"):
                provider.refresh_tokens[token["refresh_token"]] = Refresh(
                    refresh_token=token["refresh_token"],
                    client_id=request.client.client_id,
                    scope=token.get("scope", ""),
                    username=user.username,
                    expires_at=time.time() + provider.refresh_token_seconds,
                )

        def send_signal(self, name: str, *args: Any, **kwargs: Any) -> None:
            return None

        def create_oauth2_request(self, request: _Request) -> _Request:
            return request

        def handle_response(
            self, status: int, body: Any, headers: list[tuple[str, str]]
        ) -> tuple[int, Any, list[tuple[str, str]]]:
            return status, body, headers

    def generate(
        grant_type: str,
        client: Client,
        user: User | None = None,
        scope: str | None = None,
        expires_in: int | None = None,
        include_refresh_token: bool = True,
    ) -> dict[str, Any]:
        assert user is not None
        token: dict[str, Any] = {
            "token_type": "Bearer",
            "access_token": provider.access_token(user, client.client_id, scope or ""),
            "expires_in": provider.access_token_seconds,
            "scope": scope or "",
        }
        if include_refresh_token:
            token["refresh_token"] = secrets.token_urlsafe(32)
        return token

    server = Server(scopes_supported=["openid", "profile", "offline_access"])
    server.register_grant(CodeGrant, [_S256Required(required=True), IdToken(require_nonce=True)])
    server.register_grant(Refreshing)
    server.register_endpoint(EndSession)
    server.register_token_generator("default", generate)
    return server


def _page(title: str, body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)} - development identity provider</title></head>"
        f"<body><main><h1>{html.escape(title)}</h1>{body}</main></body></html>",
        status_code=status,
        headers={"Cache-Control": "no-store", "X-Frame-Options": "DENY"},
    )


def _sign_in_form(provider: Provider, query: str, error: str = "", username: str = "") -> str:
    users = "".join(
        f"<li><code>{html.escape(u.username)}</code>: {html.escape(u.name)} "
        f"({html.escape(', '.join(u.roles))})</li>"
        for u in provider.users.values()
    )
    problem = (
        f'<div role="alert"><h2>There is a problem</h2><p id="error">{html.escape(error)}</p></div>'
        if error
        else ""
    )
    return (
        f"{problem}<p>Development only: sign in as one of the development users "
        f"(every password is <code>{html.escape(DEV_PASSWORD)}</code>).</p>"
        f"<ul>{users}</ul>"
        '<form method="post" action="/login">'
        f'<input type="hidden" name="query" value="{html.escape(query)}">'
        '<p><label for="username">User name</label><br>'
        f'<input id="username" name="username" autocomplete="username" '
        f'value="{html.escape(username)}"></p>'
        '<p><label for="password">Password</label><br>'
        '<input id="password" name="password" type="password" autocomplete="current-password">'
        "</p>"
        '<p><button id="sign-in" type="submit">Sign in</button></p></form>'
    )


def _respond(status: int, body: Any, headers: list[tuple[str, str]]) -> Response:
    if isinstance(body, dict):
        return JSONResponse(body, status_code=status, headers=dict(headers))
    return Response(body or b"", status_code=status, headers=dict(headers))


def create_app(provider: Provider) -> FastAPI:
    """The provider's HTTP endpoints."""
    server = build_server(provider)
    app = FastAPI(title="Development identity provider", docs_url=None, redoc_url=None)
    app.state.provider = provider

    def oauth_request(request: Request, form: Mapping[str, str] | None = None) -> _Request:
        return _Request(
            request.method,
            str(request.url),
            request.headers,
            request.query_params,
            form or {},
            request.cookies.get(COOKIE),
        )

    def signed_in(request: Request) -> User | None:
        username = provider.sessions.get(request.cookies.get(COOKIE) or "")
        return provider.users.get(username) if username else None

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/.well-known/openid-configuration")
    async def discovery() -> dict[str, Any]:
        return provider.discovery()

    @app.get("/jwks")
    async def jwks() -> dict[str, Any]:
        return provider.jwks

    @app.get("/authorize")
    async def authorize(request: Request) -> Response:
        provider.forget_expired()
        user = signed_in(request)
        oauth = oauth_request(request)
        try:
            grant = server.get_consent_grant(oauth, end_user=user)
        except OAuth2Error as error:
            return _page(
                "The sign-in request is not valid",
                f"<p>{html.escape(error.error)}: {html.escape(error.description or '')}</p>",
                400,
            )
        if user is None or "login" in (request.query_params.get("prompt") or "").split():
            return _page("Sign in", _sign_in_form(provider, request.url.query))
        oauth.user = user
        return _respond(*server.create_authorization_response(oauth, grant_user=user, grant=grant))

    @app.post("/login")
    async def login(request: Request) -> Response:
        form = await request.form()
        username = str(form.get("username") or "").strip()
        password = str(form.get("password") or "")
        query = str(form.get("query") or "")
        user = provider.users.get(username)
        if user is None or not secrets.compare_digest(password.encode(), DEV_PASSWORD.encode()):
            return _page(
                "Sign in",
                _sign_in_form(provider, query, "The user name or password is not right.", username),
                400,
            )
        session = secrets.token_urlsafe(32)
        provider.sessions[session] = user.username
        # Back to the authorization request, now signed in (no "prompt=login" twice).
        params = [(k, v) for k, v in _parse(query) if k != "prompt"]
        response = RedirectResponse(f"/authorize?{urlencode(params)}", status_code=303)
        response.set_cookie(COOKIE, session, httponly=True, samesite="lax", path="/")
        return response

    @app.post("/token")
    async def token(request: Request) -> Response:
        form = {k: str(v) for k, v in (await request.form()).items()}
        return _respond(*server.create_token_response(oauth_request(request, form)))

    @app.get("/userinfo")
    async def userinfo(request: Request) -> Response:
        scheme, _, value = request.headers.get("authorization", "").partition(" ")
        username = provider.access_tokens.get(value.strip()) if scheme.lower() == "bearer" else None
        user = provider.users.get(username or "")
        if user is None:
            return JSONResponse(
                {"error": "invalid_token"},
                status_code=401,
                headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
            )
        return JSONResponse(dict(provider.user_info(user)))

    @app.put("/users/{username}/partner")
    async def set_partner(username: str, request: Request) -> Response:
        """The partner a partner's member of staff belongs to, from their next sign-in (or
        token refresh) on: development's stand-in for the provider's user administration."""
        user = provider.users.get(username)
        if user is None or "partner_staff" not in user.roles:
            return JSONResponse({"error": "no partner's member of staff has this name"}, 404)
        try:
            partner_id = uuid.UUID(str((await request.json()).get("partner_id")))
        except (ValueError, AttributeError):
            return JSONResponse({"error": "partner_id must be a partner's id"}, 422)
        provider.users[username] = replace(user, partner_id=partner_id)
        return JSONResponse({"username": username, "partner_id": str(partner_id)})

    @app.api_route("/end-session", methods=["GET", "POST"])
    async def end_session(request: Request) -> Response:
        form = (
            {k: str(v) for k, v in (await request.form()).items()}
            if request.method == "POST"
            else {}
        )
        oauth = oauth_request(request, form)
        try:
            validated = server.validate_endpoint_request("end_session", oauth)
        except OAuth2Error as error:
            return _page("You could not be signed out", f"<p>{html.escape(error.error)}</p>", 400)
        answer = server.create_endpoint_response("end_session", validated)
        response = (
            _respond(*answer)
            if answer
            else _page("Signed out", "<p>You are signed out of the identity provider.</p>")
        )
        response.delete_cookie(COOKIE, path="/")
        return response

    return app


def _parse(query: str) -> list[tuple[str, str]]:
    from urllib.parse import parse_qsl

    return parse_qsl(query, keep_blank_values=True)


def load_key(private_key_file: Path) -> RSAKey:
    """The signing key from a PEM file, with the key id the development tokens carry."""
    pem = private_key_file.read_bytes()
    private = serialization.load_pem_private_key(pem, password=None)
    public = private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return RSAKey.import_key(
        pem, parameters={"kid": key_id(public), "use": "sig", "alg": ALGORITHM}
    )


def main() -> None:
    """``asb-idp``: run the development identity provider."""
    parser = argparse.ArgumentParser(description="A development OpenID Connect provider.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=DEV_IDP_PORT)
    parser.add_argument("--issuer", help="its address (default http://HOST:PORT)")
    parser.add_argument(
        "--access-token-issuer",
        help="the iss of access tokens, as the services check it (default JWT_ISSUER's)",
    )
    parser.add_argument("--audience", help="the aud of access tokens (default JWT_AUDIENCE's)")
    parser.add_argument("--private-key", type=Path, help="PEM (default: the development key)")
    parser.add_argument("--organisation", type=uuid.UUID, default=DEV_ORGANISATION_ID)
    parser.add_argument(
        "--partner",
        type=uuid.UUID,
        help="the partner (its id in the gateway) the partner's member of staff belongs to",
    )
    parser.add_argument("--client-id", default=DEV_CONSOLE_CLIENT_ID)
    parser.add_argument("--client-secret", default=DEV_CONSOLE_CLIENT_SECRET)
    parser.add_argument("--redirect-uri", action="append", default=[])
    parser.add_argument("--post-logout-redirect-uri", action="append", default=[])
    parser.add_argument("--access-token-seconds", type=int, default=600)
    args = parser.parse_args()
    defaults = ServiceSettings()
    private_key = args.private_key or ensure_dev_keys()[0]
    provider = Provider(
        issuer=args.issuer or f"http://{args.host}:{args.port}",
        access_token_issuer=args.access_token_issuer or defaults.jwt_issuer,
        audience=args.audience or defaults.jwt_audience,
        key=load_key(private_key),
        users=development_users(args.organisation, args.partner),
        partner_claim=defaults.jwt_partner_claim,
        client=Client(
            args.client_id, args.client_secret, args.redirect_uri, args.post_logout_redirect_uri
        ),
        access_token_seconds=args.access_token_seconds,
    )
    uvicorn.run(
        create_app(provider), host=args.host, port=args.port, access_log=False, log_level="warning"
    )


if __name__ == "__main__":
    main()
