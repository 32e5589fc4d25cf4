"""Header credentials documented as the security schemes they are (pure, on a document)."""

from __future__ import annotations

from typing import Any

from asb_shared.openapi import HeaderCredential, document_security

TOKEN = HeaderCredential.api_key("X-Tracking-Token", "trackingToken", "a reporter's token")


def operation(*headers: str, security: list[Any] | None = None) -> dict[str, Any]:
    found: dict[str, Any] = {
        "parameters": [{"name": h, "in": "header", "schema": {"type": "string"}} for h in headers]
        + [{"name": "reference", "in": "path", "schema": {"type": "string"}}],
        "responses": {},
    }
    if security is not None:
        found["security"] = security
    return found


def test_a_header_credential_becomes_a_scheme_and_leaves_the_parameters() -> None:
    document = {
        "paths": {
            "/status": {"get": operation("x-tracking-token")},
            "/either": {"get": operation("X-Tracking-Token", security=[{"staff": []}])},
            "/public": {"post": operation("Idempotency-Key")},
            "/staff": {"get": operation(security=[{"staff": []}])},
        }
    }
    done = document_security(document, [TOKEN])
    paths = done["paths"]
    assert paths["/status"]["get"]["security"] == [{"trackingToken": []}]
    assert [p["name"] for p in paths["/status"]["get"]["parameters"]] == ["reference"]
    # Staff or the reporter: either requirement will do.
    assert paths["/either"]["get"]["security"] == [{"staff": []}, {"trackingToken": []}]
    assert paths["/public"]["post"]["security"] == []
    assert "Idempotency-Key" in [p["name"] for p in paths["/public"]["post"]["parameters"]]
    assert paths["/staff"]["get"]["security"] == [{"staff": []}]
    assert done["components"]["securitySchemes"]["trackingToken"]["name"] == "X-Tracking-Token"
    assert done["servers"][0]["url"] == "/"


def test_servers_already_given_are_kept() -> None:
    document = {"paths": {}, "servers": [{"url": "https://api.example"}]}
    assert document_security(document)["servers"] == [{"url": "https://api.example"}]
