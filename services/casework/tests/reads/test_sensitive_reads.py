"""The audit of sensitive reads: a domestic-abuse case's read is in it, an ordinary case's is
not; contact records and the evidence register always are; team leaders see who read a case
and export it; the database refuses to change or remove an entry."""

from __future__ import annotations

import csv
import io

import asyncpg
import httpx
import pytest
from asb_shared.contracts.common import AsbCategory
from asb_shared.testing import TestEnvironment
from casework.reads.sensitivity import Resource, is_sensitive
from casework_samples import OTHER_ORG, bearer, open_case, sql


def test_the_careful_routes_and_the_contact_records_are_sensitive() -> None:
    assert is_sensitive(Resource.CASE, "domestic_abuse")
    assert is_sensitive(Resource.CASE, "hate_incident")
    assert is_sensitive(Resource.CASE, "safeguarding")
    assert not is_sensitive(Resource.CASE, None)
    assert is_sensitive(Resource.CONTACT_RECORD, None)
    assert is_sensitive(Resource.EVIDENCE, None)


async def _reads(test_env: TestEnvironment, case_id: str) -> list[tuple[str, str, str | None]]:
    rows = await sql(
        test_env,
        "SELECT actor, resource, reason FROM sensitive_reads WHERE case_id = $1 ORDER BY id",
        case_id,
    )
    return [(r["actor"], r["resource"], r["reason"]) for r in rows]


async def test_an_officers_read_of_a_domestic_abuse_case_is_audited(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    abuse, _ = await open_case(client, test_env, categories=(AsbCategory.DOMESTIC_ABUSE,))
    ordinary, _ = await open_case(client, test_env)
    opened_reads = len(await _reads(test_env, abuse))  # open_case's own read of each
    officer = bearer(test_env, "officer", subject="officer-reading")
    read = await client.get(
        f"/v1/cases/{abuse}", headers=officer | {"X-Read-Reason": "planning a home visit"}
    )
    assert read.status_code == 200
    assert (await client.get(f"/v1/cases/{ordinary}", headers=officer)).status_code == 200

    assert (await _reads(test_env, abuse))[opened_reads:] == [
        ("officer-reading", "case", "planning a home visit")
    ]
    assert await _reads(test_env, ordinary) == []

    # Contact records and the evidence register are sensitive on every case.
    assert (await client.get(f"/v1/cases/{ordinary}/complainants", headers=officer)).is_success
    assert (await client.get(f"/v1/cases/{ordinary}/evidence", headers=officer)).is_success
    assert await _reads(test_env, ordinary) == [
        ("officer-reading", "contact_record", None),
        ("officer-reading", "evidence", None),
    ]

    # Who has read this case: team leaders, not officers; another landlord finds no case.
    assert (await client.get(f"/v1/cases/{abuse}/reads", headers=officer)).status_code == 403
    who = await client.get(f"/v1/cases/{abuse}/reads", headers=bearer(test_env, "team_leader"))
    assert who.status_code == 200
    [latest, *_] = who.json()["items"]
    assert (latest["actor"], latest["resource"], latest["priority_route"]) == (
        "officer-reading",
        "case",
        "domestic_abuse",
    )
    theirs = bearer(test_env, "team_leader", org=OTHER_ORG)
    assert (await client.get(f"/v1/cases/{abuse}/reads", headers=theirs)).status_code == 404

    exported = await client.get(
        "/v1/audit/reads/export.csv",
        params={"case_id": abuse},
        headers=bearer(test_env, "team_leader"),
    )
    assert exported.status_code == 200
    assert exported.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert rows[-1]["actor"] == "officer-reading"
    assert rows[-1]["reason"] == "planning a home visit"
    assert {r["case_id"] for r in rows} == {abuse}
    elsewhere = await client.get("/v1/audit/reads/export.csv", headers=theirs)
    assert abuse not in elsewhere.text


async def test_the_audit_refuses_update_and_delete(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    abuse, _ = await open_case(client, test_env, categories=(AsbCategory.HATE_INCIDENT,))
    assert await _reads(test_env, abuse)
    conn = await asyncpg.connect(test_env.database_url("casework").replace("+asyncpg", ""))
    try:
        for statement in (
            "UPDATE sensitive_reads SET actor = 'someone-else'",
            "DELETE FROM sensitive_reads",
            "TRUNCATE sensitive_reads",
        ):
            with pytest.raises(asyncpg.PostgresError, match="append-only"):
                await conn.execute(statement)
    finally:
        await conn.close()
    assert await _reads(test_env, abuse)
