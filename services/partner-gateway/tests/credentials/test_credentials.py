"""Client credentials: tokens only for valid secrets, scopes from the agreements in force,
secrets shown once and kept only as argon2 hashes, rotation with an overlap, revocation."""

from __future__ import annotations

import time
import uuid

import asyncpg
from asb_shared.contracts.common import AsbCategory
from gateway_samples import TOKEN_KEY, Gateway, complainant
from joserfc import jwt
from joserfc.jwk import OctKey


async def _police(gateway: Gateway, org: uuid.UUID, scopes: list[str] | None = None):  # type: ignore[no-untyped-def]
    partner = await gateway.partner(org)
    agreement = await gateway.agreement(
        org, partner["id"], categories=["noise"], **({"scopes": scopes} if scopes else {})
    )
    creds = await gateway.credentials(org, partner["id"])
    return partner, agreement, creds


async def test_a_token_carries_the_scopes_of_the_agreements_in_force(
    gateway: Gateway, org: uuid.UUID
) -> None:
    partner, _, creds = await _police(gateway, org, scopes=["cases:read", "webhooks"])
    answer = await gateway.token_answer(creds["client_id"], creds["client_secret"])
    assert answer.status_code == 200
    body = answer.json()
    assert body["token_type"].lower() == "bearer"
    assert 0 < body["expires_in"] <= 300
    assert set(body["scope"].split()) == {"cases:read", "webhooks"}
    claims = jwt.decode(body["access_token"], OctKey.import_key(TOKEN_KEY.encode())).claims
    assert claims["partner_id"] == partner["id"] and claims["org"] == str(org)
    # Asking for a scope no agreement gives is refused (RFC 6749 invalid_scope).
    refused = await gateway.token_answer(creds["client_id"], creds["client_secret"], "cases:write")
    assert refused.status_code == 400 and refused.json()["error"] == "invalid_scope"


async def test_wrong_expired_and_revoked_credentials_get_401(
    gateway: Gateway, org: uuid.UUID
) -> None:
    partner, _, creds = await _police(gateway, org)
    wrong = await gateway.token_answer(creds["client_id"], creds["client_secret"] + "x")
    assert wrong.status_code == 401 and wrong.json()["error"] == "invalid_client"
    unknown = await gateway.token_answer("pgw_nobody", creds["client_secret"])
    assert unknown.status_code == 401

    headers = await gateway.token(creds)
    assert (await gateway.api.get("/partner/v1/cases", headers=headers)).status_code == 200
    # Expired: a token signed with the right key whose time is up.
    now = int(time.time())
    expired = jwt.encode(
        {"alg": "HS256", "typ": "at+jwt"},
        {
            "iss": "asb-partner-gateway",
            "aud": "asb-partner-api",
            "iat": now - 600,
            "exp": now - 300,
            "client_id": creds["client_id"],
            "sub": creds["client_id"],
            "org": str(org),
            "partner_id": partner["id"],
            "scope": "cases:read",
        },
        OctKey.import_key(TOKEN_KEY.encode()),
    )
    answer = await gateway.api.get(
        "/partner/v1/cases", headers={"Authorization": f"Bearer {expired}"}
    )
    assert answer.status_code == 401
    forged = jwt.encode(
        {"alg": "HS256", "typ": "at+jwt"},
        {
            "iss": "asb-partner-gateway",
            "aud": "asb-partner-api",
            "exp": now + 300,
            "client_id": creds["client_id"],
            "org": str(org),
            "partner_id": partner["id"],
            "scope": "cases:read",
        },
        OctKey.import_key(b"not-the-gateway-key-0123456789abcdef"),
    )
    assert (
        await gateway.api.get("/partner/v1/cases", headers={"Authorization": f"Bearer {forged}"})
    ).status_code == 401
    assert (await gateway.api.get("/partner/v1/cases")).status_code == 401

    # Revoked: the token already issued stops working at once, and no new one is given.
    revoked = await gateway.api.post(
        f"/v1/partner-clients/{creds['id']}/revocation", headers=gateway.staff(org)
    )
    assert revoked.status_code == 200
    assert (await gateway.api.get("/partner/v1/cases", headers=headers)).status_code == 401
    assert (
        await gateway.token_answer(creds["client_id"], creds["client_secret"])
    ).status_code == 401

    refusals = [
        e for e in await gateway.audit(org, outcome="refused") if e["partner_id"] == partner["id"]
    ]
    assert {e["status_code"] for e in refusals} == {401}
    assert {e["action"] for e in refusals} >= {"token", "read"}


async def test_a_scope_the_agreement_does_not_give_is_403_and_an_unshared_case_404(
    gateway: Gateway, org: uuid.UUID
) -> None:
    partner, agreement, creds = await _police(gateway, org, scopes=["cases:read"])
    headers = await gateway.token(creds)
    case_id = await gateway.open_case(org, [AsbCategory.NOISE], complainant=complainant())
    update = {
        "kind": "update",
        "text": "Officers attended",
        "occurred_at": "2026-11-21T10:00:00Z",
        "posted_by": "PC Jones",
    }
    answer = await gateway.api.post(
        f"/partner/v1/cases/{case_id}/updates",
        json=update,
        headers={**headers, "Idempotency-Key": "k-0000001"},
    )
    assert answer.status_code == 403 and answer.json()["error"]["code"] == "insufficient_scope"
    # Not shared with this partner: 404, whether or not the case exists.
    assert (
        await gateway.api.get(f"/partner/v1/cases/{case_id}", headers=headers)
    ).status_code == 404
    assert (
        await gateway.api.get(f"/partner/v1/cases/{uuid.uuid4()}", headers=headers)
    ).status_code == 404
    assert (await gateway.share(org, case_id, partner["id"], agreement["id"])).status_code == 201
    assert (
        await gateway.api.get(f"/partner/v1/cases/{case_id}", headers=headers)
    ).status_code == 200


async def test_secrets_are_shown_once_and_kept_only_hashed(
    gateway: Gateway, org: uuid.UUID
) -> None:
    partner, _, creds = await _police(gateway, org)
    secret = creds["client_secret"]
    listed = await gateway.api.get(
        f"/v1/partners/{partner['id']}/clients", headers=gateway.staff(org)
    )
    assert secret not in listed.text and "client_secret" not in listed.text
    conn = await asyncpg.connect(gateway.db_url.replace("+asyncpg", ""))
    try:
        stored = await conn.fetch(
            "SELECT s.secret_hash, row_to_json(s)::text AS r, row_to_json(c)::text AS c FROM client_secrets s "
            "JOIN partner_clients c ON c.id = s.client_pk WHERE c.client_id = $1",
            creds["client_id"],
        )
    finally:
        await conn.close()
    assert len(stored) == 1
    assert stored[0]["secret_hash"].startswith("$argon2id$")
    assert secret not in stored[0]["r"] and secret not in stored[0]["c"]


async def test_rotation_keeps_the_old_secret_for_the_overlap_only(
    gateway: Gateway, org: uuid.UUID
) -> None:
    _, _, creds = await _police(gateway, org)
    old = creds["client_secret"]
    rotated = await gateway.api.post(
        f"/v1/partner-clients/{creds['id']}/secrets",
        json={"overlap_hours": 24},
        headers=gateway.staff(org),
    )
    assert rotated.status_code == 201
    new = rotated.json()["client_secret"]
    assert new != old and rotated.json()["client_id"] == creds["client_id"]
    assert (await gateway.token_answer(creds["client_id"], old)).status_code == 200
    assert (await gateway.token_answer(creds["client_id"], new)).status_code == 200
    # A rotation with no overlap ends every earlier secret now.
    again = await gateway.api.post(
        f"/v1/partner-clients/{creds['id']}/secrets",
        json={"overlap_hours": 0},
        headers=gateway.staff(org),
    )
    newest = again.json()["client_secret"]
    assert (await gateway.token_answer(creds["client_id"], old)).status_code == 401
    assert (await gateway.token_answer(creds["client_id"], new)).status_code == 401
    assert (await gateway.token_answer(creds["client_id"], newest)).status_code == 200


async def test_only_landlord_admins_manage_partners_and_credentials(
    gateway: Gateway, org: uuid.UUID
) -> None:
    officer = gateway.staff(org, "officer")
    body = {"name": "Police", "kind": "police", "admin_email": "a@b.example"}
    assert (await gateway.api.post("/v1/partners", json=body, headers=officer)).status_code == 403
    partner = await gateway.partner(org)
    answer = await gateway.api.post(
        f"/v1/partners/{partner['id']}/clients", json={"name": "x"}, headers=officer
    )
    assert answer.status_code == 403
    # Another landlord's admin cannot see or use this landlord's partner.
    other = gateway.staff(uuid.uuid4())
    assert (
        await gateway.api.get(f"/v1/partners/{partner['id']}", headers=other)
    ).status_code == 404


async def test_a_landlord_that_left_the_platform_or_the_gateway_shares_nothing(
    gateway: Gateway, org: uuid.UUID
) -> None:
    """The partner's token and agreement are still good, but their landlord's standing decides
    first: inactive, or no longer buying the gateway, and every partner call is refused (403,
    audited); restored, and the same token works again."""
    partner, agreement, creds = await _police(gateway, org, scopes=["cases:read"])
    headers = await gateway.token(creds)
    case_id = await gateway.open_case(org, [AsbCategory.NOISE], complainant=complainant())
    assert (await gateway.share(org, case_id, partner["id"], agreement["id"])).status_code == 201
    url = f"/partner/v1/cases/{case_id}"
    assert (await gateway.api.get(url, headers=headers)).status_code == 200

    for change, code in (
        ({"active": False}, "organisation_inactive"),
        ({"services": ["engagement"]}, "service_not_bought"),
    ):
        gateway.env.register_organisation(org, **change)  # type: ignore[arg-type]
        answer = await gateway.api.get(url, headers=headers)
        assert answer.status_code == 403, answer.text
        assert answer.json()["error"]["code"] == code
        gateway.env.register_organisation(org)
        assert (await gateway.api.get(url, headers=headers)).status_code == 200

    refused = [e for e in await gateway.audit(org) if e["outcome"] == "refused"]
    assert any("organisation_inactive" in (e.get("reason") or "") for e in refused)


async def test_a_retried_issue_or_rotation_gives_the_same_client_and_keeps_no_secret(
    gateway: Gateway, org: uuid.UUID
) -> None:
    partner, _, _ = await _police(gateway, org)
    url = f"/v1/partners/{partner['id']}/clients"
    key = {"Idempotency-Key": str(uuid.uuid4())}
    body = {"name": "Police RMS, second system"}
    first = await gateway.api.post(url, json=body, headers=gateway.staff(org) | key)
    assert first.status_code == 201 and first.json()["client_secret"]
    again = await gateway.api.post(url, json=body, headers=gateway.staff(org) | key)
    assert again.status_code == 201
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json() | {"client_secret": None}
    listed = (await gateway.api.get(url, headers=gateway.staff(org))).json()
    assert [c["id"] for c in listed if c["name"] == body["name"]] == [first.json()["id"]]
    # The same key for another request is refused; another landlord's key space is its own.
    other = await gateway.api.post(url, json={"name": "Other"}, headers=gateway.staff(org) | key)
    assert other.status_code == 422
    assert other.json()["error"]["code"] == "idempotency_key_reused"

    rotate = f"/v1/partner-clients/{first.json()['id']}/secrets"
    key = {"Idempotency-Key": str(uuid.uuid4())}
    rotated = await gateway.api.post(
        rotate, json={"overlap_hours": 0}, headers=gateway.staff(org) | key
    )
    replayed = await gateway.api.post(
        rotate, json={"overlap_hours": 0}, headers=gateway.staff(org) | key
    )
    assert rotated.status_code == replayed.status_code == 201
    assert replayed.json()["client_secret"] is None
    # Only one rotation happened: the secret of the first answer still works.
    new = rotated.json()["client_secret"]
    assert (await gateway.token_answer(first.json()["client_id"], new)).status_code == 200

    conn = await asyncpg.connect(gateway.db_url.replace("+asyncpg", ""))
    try:
        kept = await conn.fetch(
            "SELECT response::text AS r FROM idempotency_keys WHERE scope = $1", f"staff:{org}"
        )
    finally:
        await conn.close()
    assert len(kept) == 2
    for row in kept:
        assert first.json()["client_secret"] not in row["r"] and new not in row["r"]
