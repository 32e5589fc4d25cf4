"""Staff token validation: issuer, audience, expiry, signature, roles; PEM key and JWKS."""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Annotated

import httpx
import jwt
import pytest
from asb_shared.auth import Principal, Role, TokenValidator, require_roles
from asb_shared.auth.mint import generate_key_pair, mint_token
from asb_shared.errors import install_error_handlers
from asb_shared.settings import ServiceSettings
from fastapi import Depends, FastAPI

ORG = uuid.uuid4()


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, Path]:
    private, public = generate_key_pair()
    path = tmp_path_factory.mktemp("auth") / "public.pem"
    path.write_bytes(public)
    return private, path


def _settings(public: Path, **extra: object) -> ServiceSettings:
    return ServiceSettings(
        jwt_issuer="iss", jwt_audience="aud", jwt_public_key_file=public, **extra
    )  # type: ignore[arg-type]


def _token(private: bytes, roles: list[str] | None = None, **overrides: object) -> str:
    args: dict[str, object] = {
        "subject": "u1",
        "organisation_id": ORG,
        "roles": roles if roles is not None else ["officer"],
        "issuer": "iss",
        "audience": "aud",
    }
    args.update(overrides)
    return mint_token(private, **args)  # type: ignore[arg-type]


def _app(settings: ServiceSettings) -> FastAPI:
    app = FastAPI()
    install_error_handlers(app)
    app.state.token_validator = TokenValidator(settings)

    @app.get("/officers-only")
    async def officers_only(
        who: Annotated[Principal, Depends(require_roles(Role.OFFICER, Role.TEAM_LEADER))],
    ) -> dict[str, str]:
        return {"sub": who.subject, "org": str(who.organisation_id)}

    return app


async def _get(app: FastAPI, token: str | None) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://t"
    ) as client:
        return await client.get("/officers-only", headers=headers)


async def test_a_valid_token_of_the_right_role_passes(keys: tuple[bytes, Path]) -> None:
    private, public = keys
    response = await _get(_app(_settings(public)), _token(private))
    assert response.status_code == 200
    assert response.json() == {"sub": "u1", "org": str(ORG)}


@pytest.mark.parametrize(
    ("overrides", "why"),
    [
        ({"issuer": "someone-else"}, "issuer"),
        ({"audience": "another-api"}, "audience"),
        ({"ttl": timedelta(minutes=-5)}, "expired"),
    ],
)
async def test_tokens_with_wrong_claims_are_401(
    keys: tuple[bytes, Path], overrides: dict[str, object], why: str
) -> None:
    private, public = keys
    response = await _get(_app(_settings(public)), _token(private, **overrides))
    assert response.status_code == 401, why
    body = response.json()
    assert body["error"]["code"] == "unauthorized"
    assert response.headers["www-authenticate"] == "Bearer"


async def test_a_token_signed_by_another_key_is_401(keys: tuple[bytes, Path]) -> None:
    _, public = keys
    other_private, _ = generate_key_pair()
    response = await _get(_app(_settings(public)), _token(other_private))
    assert response.status_code == 401
    assert "Signature" in response.json()["error"]["message"]


async def test_an_unsigned_token_is_401(keys: tuple[bytes, Path]) -> None:
    _, public = keys
    forged = jwt.encode(
        {
            "sub": "u1",
            "org": str(ORG),
            "roles": ["admin"],
            "iss": "iss",
            "aud": "aud",
            "exp": 9999999999,
        },
        key=None,
        algorithm="none",
    )
    response = await _get(_app(_settings(public)), forged)
    assert response.status_code == 401


async def test_no_token_is_401_and_the_wrong_role_is_403(keys: tuple[bytes, Path]) -> None:
    private, public = keys
    app = _app(_settings(public))
    assert (await _get(app, None)).status_code == 401
    wrong_role = await _get(app, _token(private, roles=["peo"]))
    assert wrong_role.status_code == 403
    assert wrong_role.json()["error"]["code"] == "forbidden"


async def test_a_token_without_an_organisation_is_401(keys: tuple[bytes, Path]) -> None:
    private, public = keys
    token = jwt.encode(
        {"sub": "u1", "roles": ["officer"], "iss": "iss", "aud": "aud", "exp": 9999999999},
        private,
        algorithm="RS256",
    )
    assert (await _get(_app(_settings(public)), token)).status_code == 401


@pytest.fixture(scope="module")
def jwks_server() -> Iterator[tuple[str, bytes]]:
    """A local identity provider's JWKS endpoint, as an OpenID Connect provider serves it."""
    private, public = generate_key_pair()
    jwk = json.loads(
        jwt.algorithms.RSAAlgorithm.to_jwk(
            jwt.algorithms.RSAAlgorithm(jwt.algorithms.RSAAlgorithm.SHA256).prepare_key(public)
        )
    )
    jwk.update({"kid": "key-1", "use": "sig", "alg": "RS256"})
    body = json.dumps({"keys": [jwk]}).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/.well-known/jwks.json", private
    finally:
        server.shutdown()


async def test_keys_are_taken_from_the_providers_jwks(
    jwks_server: tuple[str, bytes], tmp_path: Path
) -> None:
    url, private = jwks_server
    settings = _settings(tmp_path / "absent.pem", jwt_jwks_url=url)
    app = _app(settings)
    assert (await _get(app, _token(private, key_id="key-1"))).status_code == 200
    other_private, _ = generate_key_pair()
    assert (await _get(app, _token(other_private, key_id="key-1"))).status_code == 401
    assert (await _get(app, _token(private, key_id="unknown-key"))).status_code == 401
