"""What every service's OpenAPI document says about credentials and where it is served.

FastAPI documents a security dependency (the staff bearer, the partners' OAuth2 flow) as a
security scheme, but a credential read as a plain header (a reporter's ``X-Tracking-Token``, the
chat back end's ``X-Api-Key``, GOV.UK Notify's callback bearer) as a header parameter, and an
operation that needs no credential says nothing at all. :func:`document_security` makes the
document say it: each such header becomes the security scheme it is (and leaves the
parameters), and an operation needing no credential declares ``security: []``, so a reader and
a linter can tell a public operation from one whose credential was forgotten. The code that
checks the credentials is untouched: the document follows it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}

SERVED_HERE = {
    "url": "/",
    "description": "This service, at the address this document was fetched from.",
}


@dataclass(frozen=True)
class HeaderCredential:
    """A credential an operation reads from a header, documented as a security scheme."""

    header: str
    """The header as the operation's parameter names it (any case)."""
    scheme_name: str
    scheme: dict[str, Any] = field(default_factory=dict)

    @staticmethod
    def api_key(header: str, scheme_name: str, description: str) -> HeaderCredential:
        return HeaderCredential(
            header,
            scheme_name,
            {"type": "apiKey", "in": "header", "name": header, "description": description},
        )

    @staticmethod
    def bearer(scheme_name: str, description: str) -> HeaderCredential:
        return HeaderCredential(
            "authorization",
            scheme_name,
            {"type": "http", "scheme": "bearer", "description": description},
        )


def document_security(
    openapi: dict[str, Any],
    credentials: Sequence[HeaderCredential] = (),
    servers: Sequence[dict[str, str]] = (SERVED_HERE,),
) -> dict[str, Any]:
    """The document with its header credentials as security schemes, ``security: []`` on each
    operation that needs no credential, and its ``servers``."""
    by_header = {c.header.lower(): c for c in credentials}
    schemes: dict[str, Any] = {}
    for operations in openapi.get("paths", {}).values():
        for method, operation in operations.items():
            if method not in _METHODS:
                continue
            kept, found = [], []
            for parameter in operation.get("parameters", []):
                credential = by_header.get(str(parameter.get("name", "")).lower())
                if parameter.get("in") == "header" and credential is not None:
                    found.append(credential)
                else:
                    kept.append(parameter)
            if found:
                operation["parameters"] = kept
                if not kept:
                    del operation["parameters"]
                requirements = operation.setdefault("security", [])
                for credential in found:
                    requirements.append({credential.scheme_name: []})
                    schemes[credential.scheme_name] = credential.scheme
            operation.setdefault("security", [])
    if schemes:
        components = openapi.setdefault("components", {})
        components.setdefault("securitySchemes", {}).update(schemes)
    openapi.setdefault("servers", [dict(s) for s in servers])
    return openapi
