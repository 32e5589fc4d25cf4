"""The development identity provider speaks the protocol the console relies on: discovery,
the authorization code with PKCE (S256, required), ID tokens with the nonce, access tokens the
services accept, refresh tokens used once, userinfo and RP-initiated logout."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import secrets
import threading
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import jwt
import pytest
import uvicorn
from asb_devtools.idp import (
    DEV_PASSWORD,
    Client,
    Provider,
    create_app,
    development_users,
    load_key,
)
from asb_shared.auth import TokenValidator
from asb_shared.auth.mint import generate_key_pair, key_id, mint_token
from asb_shared.settings import ServiceSettings
from asb_shared.testing import eventually, free_port

ISSUER = "http://127.0.0.1:8999"
CALLBACK = "http://127.0.0.1:8007/auth/callback"
SIGNED_OUT = "http://127.0.0.1:8007/signed-out"
ORG = uuid.uuid4()


@pytest.fixture
def keys(tmp_path: Path) -> tuple[Path, Path]:
    private, public = generate_key_pair()
    (tmp_path / "private.pem").write_bytes(private)
    (tmp_path / "public.pem").write_bytes(public)
    return tmp_path / "private.pem", tmp_path / "public.pem"


@pytest.fixture
async def idp(keys: tuple[Path, Path]) -> AsyncIterator[httpx.AsyncClient]:
    provider = Provider(
        issuer=ISSUER,
        access_token_issuer="asb-services",
        audience="asb-platform",
        key=load_key(keys[0]),
        users=development_users(ORG),
        client=Client("console", "console-secret", [CALLBACK], [SIGNED_OUT]),
    )
    transport = httpx.ASGITransport(app=create_app(provider))
    async with httpx.AsyncClient(transport=transport, base_url=ISSUER) as client:
        yield client


def _pkce() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode()).digest()
    return verifier, base64.urlsafe_b64encode(digest).decode().rstrip("=")


def _authorize_params(challenge: str | None, nonce: str | None = None) -> dict[str, str]:
    params = {
        "response_type": "code",
        "client_id": "console",
        "redirect_uri": CALLBACK,
        "scope": "openid profile offline_access",
        "state": "s-1",
        "nonce": nonce or secrets.token_urlsafe(8),
    }
    if challenge:
        params |= {"code_challenge": challenge, "code_challenge_method": "S256"}
    return params


async def _sign_in(
    idp: httpx.AsyncClient, challenge: str, user: str = "officer", nonce: str | None = None
) -> str:
    form = await idp.get("/authorize", params=_authorize_params(challenge, nonce))
    assert form.status_code == 200 and 'name="password"' in form.text
    query = urlsplit(str(form.request.url)).query
    signed = await idp.post(
        "/login", data={"username": user, "password": DEV_PASSWORD, "query": query}
    )
    assert signed.status_code == 303
    back = await idp.get(signed.headers["location"])
    assert back.status_code == 302
    location = urlsplit(back.headers["location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == CALLBACK
    answer = parse_qs(location.query)
    assert answer["state"] == ["s-1"]
    return answer["code"][0]


async def _tokens(idp: httpx.AsyncClient, code: str, verifier: str) -> httpx.Response:
    return await idp.post(
        "/token",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": CALLBACK,
            "code_verifier": verifier,
        },
        auth=("console", "console-secret"),
    )


async def test_discovery_names_every_endpoint_and_s256(idp: httpx.AsyncClient) -> None:
    found = (await idp.get("/.well-known/openid-configuration")).json()
    assert found["issuer"] == ISSUER
    for name in ("authorization", "token", "userinfo", "end_session"):
        assert found[f"{name}_endpoint"].startswith(ISSUER)
    assert found["code_challenge_methods_supported"] == ["S256"]
    jwks = (await idp.get("/jwks")).json()
    assert [k["kty"] for k in jwks["keys"]] == ["RSA"] and "d" not in jwks["keys"][0]


async def test_code_flow_gives_tokens_the_services_accept(
    idp: httpx.AsyncClient, keys: tuple[Path, Path]
) -> None:
    verifier, challenge = _pkce()
    code = await _sign_in(idp, challenge, "team-leader", nonce="n-1")
    answer = await _tokens(idp, code, verifier)
    assert answer.status_code == 200, answer.text
    tokens = answer.json()

    # The access token: what every service checks, by the public key file or the JWKS's kid.
    settings = ServiceSettings(
        jwt_issuer="asb-services", jwt_audience="asb-platform", jwt_public_key_file=keys[1]
    )
    principal = await TokenValidator(settings).validate(tokens["access_token"])
    assert principal.subject == "dev-team-leader"
    assert principal.organisation_id == ORG
    assert [r.value for r in principal.roles] == ["team_leader"]
    assert jwt.get_unverified_header(tokens["access_token"])["kid"] == key_id(keys[1].read_bytes())

    # The ID token: the provider's own issuer, the client as audience, the nonce given.
    id_claims = jwt.decode(
        tokens["id_token"], keys[1].read_bytes(), algorithms=["RS256"], audience="console"
    )
    assert id_claims["iss"] == ISSUER and id_claims["nonce"] == "n-1"

    info = await idp.get("/userinfo", headers={"Authorization": f"Bearer {tokens['access_token']}"})
    assert info.json()["sub"] == "dev-team-leader" and info.json()["roles"] == ["team_leader"]

    # A code is good once.
    assert (await _tokens(idp, code, verifier)).json()["error"] == "invalid_grant"


async def test_the_partner_user_carries_the_partner_once_it_is_set(
    idp: httpx.AsyncClient, keys: tuple[Path, Path]
) -> None:
    settings = ServiceSettings(
        jwt_issuer="asb-services", jwt_audience="asb-platform", jwt_public_key_file=keys[1]
    )
    verifier, challenge = _pkce()
    before = await _tokens(idp, await _sign_in(idp, challenge, "partner"), verifier)
    unset = await TokenValidator(settings).validate(before.json()["access_token"])
    assert [r.value for r in unset.roles] == ["partner_staff"] and unset.partner_id is None

    partner_id = uuid.uuid4()
    assert (
        await idp.put("/users/officer/partner", json={"partner_id": str(partner_id)})
    ).status_code == 404
    assert (await idp.put("/users/partner/partner", json={"partner_id": "x"})).status_code == 422
    assert (
        await idp.put("/users/partner/partner", json={"partner_id": str(partner_id)})
    ).status_code == 200
    # From the next token on (here the refresh's: the sign-in is still open).
    after = await idp.post(
        "/token",
        data={"grant_type": "refresh_token", "refresh_token": before.json()["refresh_token"]},
        auth=("console", "console-secret"),
    )
    assert after.status_code == 200, after.text
    principal = await TokenValidator(settings).validate(after.json()["access_token"])
    assert principal.partner_id == partner_id and principal.organisation_id == ORG
    info = await idp.get(
        "/userinfo", headers={"Authorization": f"Bearer {after.json()['access_token']}"}
    )
    assert info.json()["partner_id"] == str(partner_id)


async def test_pkce_is_required_and_checked(idp: httpx.AsyncClient) -> None:
    refused = await idp.get("/authorize", params=_authorize_params(None))
    assert refused.status_code == 400 and "PKCE" in refused.text
    plain = _authorize_params("x" * 43) | {"code_challenge_method": "plain"}
    assert (await idp.get("/authorize", params=plain)).status_code == 400

    _, challenge = _pkce()
    code = await _sign_in(idp, challenge)
    wrong = await _tokens(idp, code, secrets.token_urlsafe(48))
    assert wrong.status_code == 400 and wrong.json()["error"] == "invalid_grant"


async def test_a_wrong_password_signs_no_one_in(idp: httpx.AsyncClient) -> None:
    _, challenge = _pkce()
    form = await idp.get("/authorize", params=_authorize_params(challenge))
    query = urlsplit(str(form.request.url)).query
    refused = await idp.post(
        "/login", data={"username": "officer", "password": "guess", "query": query}
    )
    assert refused.status_code == 400 and "not right" in refused.text
    assert "asb_idp_session" not in refused.cookies


async def test_refresh_tokens_rotate_and_are_used_once(idp: httpx.AsyncClient) -> None:
    verifier, challenge = _pkce()
    tokens = (await _tokens(idp, await _sign_in(idp, challenge), verifier)).json()

    async def refresh(token: str) -> httpx.Response:
        return await idp.post(
            "/token",
            data={"grant_type": "refresh_token", "refresh_token": token},
            auth=("console", "console-secret"),
        )

    renewed = await refresh(tokens["refresh_token"])
    assert renewed.status_code == 200
    assert renewed.json()["refresh_token"] != tokens["refresh_token"]
    assert (await refresh(tokens["refresh_token"])).json()["error"] == "invalid_grant"


async def test_end_session_signs_out_and_returns_to_a_registered_address(
    idp: httpx.AsyncClient,
) -> None:
    verifier, challenge = _pkce()
    tokens = (await _tokens(idp, await _sign_in(idp, challenge), verifier)).json()
    # Still signed in at the provider: a new authorization needs no password.
    again = await idp.get("/authorize", params=_authorize_params(_pkce()[1]))
    assert again.status_code == 302

    unregistered = await idp.get(
        "/end-session",
        params={"id_token_hint": tokens["id_token"], "post_logout_redirect_uri": "http://evil"},
    )
    assert unregistered.status_code == 200 and "signed out" in unregistered.text

    verifier, challenge = _pkce()
    tokens = (await _tokens(idp, await _sign_in(idp, challenge), verifier)).json()
    out = await idp.get(
        "/end-session",
        params={
            "id_token_hint": tokens["id_token"],
            "post_logout_redirect_uri": SIGNED_OUT,
            "state": "bye",
        },
    )
    assert out.status_code == 302 and out.headers["location"] == f"{SIGNED_OUT}?state=bye"
    form = await idp.get("/authorize", params=_authorize_params(_pkce()[1]))
    assert form.status_code == 200 and 'name="password"' in form.text
    refused = await idp.post(
        "/token",
        data={"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]},
        auth=("console", "console-secret"),
    )
    assert refused.json()["error"] == "invalid_grant"


async def test_services_reading_its_jwks_accept_its_tokens_and_dev_tokens(
    keys: tuple[Path, Path],
) -> None:
    """As under ./dev up: the services find the key by the JWKS's kid, for the provider's
    access tokens and for ./dev token's (signed with the same key, the same kid)."""
    port = free_port()
    provider = Provider(
        issuer=f"http://127.0.0.1:{port}",
        access_token_issuer="asb-dev-test",
        audience="asb-platform",
        key=load_key(keys[0]),
        users=development_users(ORG),
        client=Client("console", "console-secret", [CALLBACK], [SIGNED_OUT]),
    )
    server = uvicorn.Server(
        uvicorn.Config(create_app(provider), host="127.0.0.1", port=port, log_config=None)
    )
    thread = threading.Thread(target=lambda: asyncio.run(server.serve()), daemon=True)
    thread.start()
    try:
        await eventually(lambda: _up(port), timeout=20)
        settings = ServiceSettings(
            jwt_issuer="asb-dev-test",
            jwt_audience="asb-platform",
            jwt_jwks_url=f"http://127.0.0.1:{port}/jwks",
        )
        validator = TokenValidator(settings)
        user = development_users(ORG)["officer"]
        from_provider = provider.access_token(user, "console", "openid")
        assert (await validator.validate(from_provider)).subject == "dev-officer"
        minted = mint_token(
            keys[0].read_bytes(),
            subject="dev-admin",
            organisation_id=ORG,
            roles=["admin"],
            issuer="asb-dev-test",
            audience="asb-platform",
            key_id=key_id(keys[1].read_bytes()),
        )
        assert (await validator.validate(minted)).subject == "dev-admin"
    finally:
        server.should_exit = True
        thread.join(10)


async def _up(port: int) -> bool:
    try:
        async with httpx.AsyncClient(timeout=1) as http:
            return (await http.get(f"http://127.0.0.1:{port}/healthz")).status_code == 200
    except httpx.HTTPError:
        return False
