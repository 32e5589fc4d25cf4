"""The partner audit log: append-only for every role, queryable and exportable as CSV."""

from __future__ import annotations

import csv
import io
import uuid

import asyncpg
import pytest
from asb_shared.contracts.common import AsbCategory
from gateway_samples import Gateway, complainant


async def test_entries_cannot_be_changed_or_removed(gateway: Gateway, org: uuid.UUID) -> None:
    partner = await gateway.partner(org)
    await gateway.agreement(org, partner["id"])
    headers = await gateway.token(await gateway.credentials(org, partner["id"]))
    await gateway.api.get(f"/partner/v1/cases/{uuid.uuid4()}", headers=headers)
    [entry] = [
        e for e in await gateway.audit(org, partner_id=partner["id"]) if e["action"] == "read"
    ]

    conn = await asyncpg.connect(gateway.db_url.replace("+asyncpg", ""))
    try:
        for statement in (
            "UPDATE audit_log SET outcome = 'allowed' WHERE id = $1",
            "DELETE FROM audit_log WHERE id = $1",
        ):
            with pytest.raises(asyncpg.InsufficientPrivilegeError, match="append-only"):
                await conn.execute(statement, uuid.UUID(entry["id"]))
        with pytest.raises(asyncpg.InsufficientPrivilegeError, match="append-only"):
            await conn.execute("TRUNCATE audit_log")
        # Appending still works, and the entry is as it was.
        assert (
            await conn.fetchval(
                "SELECT outcome FROM audit_log WHERE id = $1", uuid.UUID(entry["id"])
            )
            == "refused"
        )
    finally:
        await conn.close()


async def test_the_landlord_exports_its_log_as_csv(gateway: Gateway, org: uuid.UUID) -> None:
    partner = await gateway.partner(org)
    agreement = await gateway.agreement(org, partner["id"], categories=["noise"], fields=["status"])
    headers = await gateway.token(await gateway.credentials(org, partner["id"]))
    case_id = await gateway.open_case(org, [AsbCategory.NOISE], complainant=complainant())
    await gateway.share(org, case_id, partner["id"], agreement["id"])
    assert (
        await gateway.api.get(f"/partner/v1/cases/{case_id}", headers=headers)
    ).status_code == 200
    assert (
        await gateway.api.get(f"/partner/v1/cases/{uuid.uuid4()}", headers=headers)
    ).status_code == 404

    answer = await gateway.api.get(
        "/v1/audit/export.csv", params={"partner_id": partner["id"]}, headers=gateway.staff(org)
    )
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    reads = [r for r in rows if r["action"] == "read"]
    assert [(r["outcome"], r["status_code"]) for r in reads] == [
        ("allowed", "200"),
        ("refused", "404"),
    ]
    assert reads[0]["case_id"] == str(case_id) and reads[0]["fields"] == "status"
    assert reads[0]["agreement_id"] == agreement["id"]
    assert any(r["action"] == "token" and r["outcome"] == "allowed" for r in rows)
    # Officers cannot read the log; another landlord sees none of it.
    assert (
        await gateway.api.get("/v1/audit", headers=gateway.staff(org, "officer"))
    ).status_code == 403
    other = await gateway.api.get("/v1/audit/export.csv", headers=gateway.staff(uuid.uuid4()))
    assert len(list(csv.DictReader(io.StringIO(other.text)))) == 0
