"""Development tokens: a local RSA key pair and a command that mints staff tokens with it.

Never used in production, where tokens come from the identity provider.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import uuid
from datetime import timedelta
from pathlib import Path

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from ..db import utcnow
from ..settings import DEV_KEY_DIR, ServiceSettings

DEV_ORGANISATION_ID = uuid.UUID("00000000-0000-7000-8000-000000000001")
"""The organisation the local runner and the examples use."""
DEV_IDP_PORT = 8008
DEV_IDP_ISSUER = f"http://127.0.0.1:{DEV_IDP_PORT}"
"""The development identity provider's address (``asb_devtools.idp``, started by ``./dev up``)."""
DEV_CONSOLE_CLIENT_ID = "asb-console"
DEV_CONSOLE_CLIENT_SECRET = "asb-console-development-secret"
"""The staff console as the development identity provider registers it."""


def generate_key_pair() -> tuple[bytes, bytes]:
    """A new RSA key pair as (private PEM, public PEM)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return private, public


def key_id(public_pem: bytes) -> str:
    """The key id of a public key (its SHA-256 digest, shortened): what a JWKS names it by, and
    what a token signed with the matching private key carries in its ``kid`` header."""
    public = serialization.load_pem_public_key(public_pem)
    der = public.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return base64.urlsafe_b64encode(hashlib.sha256(der).digest()[:16]).decode().rstrip("=")


def ensure_dev_keys(directory: Path = DEV_KEY_DIR) -> tuple[Path, Path]:
    """Create the development key pair in ``directory`` if absent; returns (private, public)."""
    private_path, public_path = directory / "jwt-private.pem", directory / "jwt-public.pem"
    if not private_path.exists() or not public_path.exists():
        directory.mkdir(parents=True, exist_ok=True)
        private, public = generate_key_pair()
        private_path.write_bytes(private)
        private_path.chmod(0o600)
        public_path.write_bytes(public)
    return private_path, public_path


def mint_token(
    private_key: bytes | str,
    *,
    subject: str,
    organisation_id: uuid.UUID,
    roles: list[str],
    issuer: str,
    audience: str,
    ttl: timedelta = timedelta(hours=8),
    name: str | None = None,
    key_id: str | None = None,
    claims: dict[str, str] | None = None,
) -> str:
    """Sign a staff token with the given private key (``claims``: any more, e.g. a partner's)."""
    now = utcnow()
    signed: dict[str, object] = {
        **(claims or {}),
        "sub": subject,
        "org": str(organisation_id),
        "roles": roles,
        "iss": issuer,
        "aud": audience,
        "iat": int(now.timestamp()),
        "exp": int((now + ttl).timestamp()),
    }
    if name:
        signed["name"] = name
    headers = {"kid": key_id} if key_id else None
    return jwt.encode(signed, private_key, algorithm="RS256", headers=headers)


def main() -> None:
    """``asb-token``: print a development token for the local stack."""
    parser = argparse.ArgumentParser(description="Mint a development staff token.")
    parser.add_argument(
        "--role",
        action="append",
        dest="roles",
        help="officer, team_leader, peo, admin or platform_admin (repeatable)",
    )
    parser.add_argument(
        "--org", type=uuid.UUID, default=DEV_ORGANISATION_ID, help="organisation id"
    )
    parser.add_argument("--sub", default="dev-officer", help="the user's subject id")
    parser.add_argument("--name", default="Development Officer")
    parser.add_argument("--hours", type=float, default=8.0)
    args = parser.parse_args()
    settings = ServiceSettings()
    private_path, public_path = ensure_dev_keys()
    # The key id lets services that read the keys from the development identity provider's
    # JWKS (as ./dev up's do) find the key; those given the public key file ignore it.
    print(
        mint_token(
            private_path.read_bytes(),
            subject=args.sub,
            organisation_id=args.org,
            roles=args.roles or ["officer"],
            issuer=settings.jwt_issuer,
            audience=settings.jwt_audience,
            ttl=timedelta(hours=args.hours),
            name=args.name,
            key_id=key_id(public_path.read_bytes()),
        )
    )
