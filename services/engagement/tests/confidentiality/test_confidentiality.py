"""Confidentiality, tried from every side: roles, organisations, the override and the log."""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Callable
from typing import Any

import asyncpg
import httpx
import pytest
from asb_shared.testing import TestEnvironment

Headers = Callable[..., dict[str, str]]


async def _assessed_client(
    api: httpx.AsyncClient, as_: Headers, org: uuid.UUID, new_client: Any
) -> str:
    client = await new_client(org, name="Casey Confidential")
    made = await api.post(
        f"/v1/clients/{client['id']}/assessments",
        headers=as_("peo", org=org),
        json={
            "answers": {"mental_health": {"concerns": "yes"}},
            "notes": {"mental_health": "Private."},
        },
    )
    assert made.status_code == 201
    return str(client["id"])


async def test_an_officer_reading_an_assessment_is_403_and_sees_status_only(
    api: httpx.AsyncClient, as_: Headers, org: uuid.UUID, new_client: Any
) -> None:
    client_id = await _assessed_client(api, as_, org, new_client)
    for role in ("officer", "team_leader", "admin"):
        staff = as_(role, org=org)
        for path in ("assessments", "plan", "orders", "reports", "activities", ""):
            answer = await api.get(f"/v1/clients/{client_id}/{path}".rstrip("/"), headers=staff)
            assert answer.status_code == 403, (role, path)
        status = await api.get(f"/v1/clients/{client_id}/status", headers=staff)
        assert status.json() == {
            "id": client_id,
            "reference": status.json()["reference"],
            "status": "engaged",
            "outcome": None,
        }
    # No role at all (a partner or a complainant never holds a staff role here): nothing.
    assert (
        await api.get(f"/v1/clients/{client_id}/status", headers=as_(org=org))
    ).status_code == 403


async def test_a_peo_of_another_organisation_gets_404_everywhere(
    api: httpx.AsyncClient, as_: Headers, org: uuid.UUID, new_client: Any
) -> None:
    client_id = await _assessed_client(api, as_, org, new_client)
    stranger = as_("peo", org=uuid.uuid4())
    for path in ("", "/assessments", "/status", "/orders", "/reports"):
        assert (
            await api.get(f"/v1/clients/{client_id}{path}", headers=stranger)
        ).status_code == 404
    writes = {
        "/assessments": {"answers": {"alcohol": {"use": "daily"}}},
        "/consent/withdrawal": {"given_by": "x", "method": "phone"},
        "/outcome": {"outcome": "escalated", "recorded_on": "2026-01-01"},
    }
    for path, body in writes.items():
        assert (
            await api.post(f"/v1/clients/{client_id}{path}", headers=stranger, json=body)
        ).status_code == 404


async def test_an_override_read_is_for_named_staff_and_is_in_the_audit_log_with_its_reason(
    api: httpx.AsyncClient, as_: Headers, org: uuid.UUID, new_client: Any
) -> None:
    client_id = await _assessed_client(api, as_, org, new_client)
    officer = as_("officer", org=org, subject="sg-officer")
    url = f"/v1/clients/{client_id}/safeguarding-override"
    body = {"concern": "child_at_risk", "reason": "MASH referral: child in the household at risk."}
    assert (await api.post(url, headers=officer, json=body)).status_code == 403
    admin = as_("admin", org=org)
    named = await api.put(
        "/v1/safeguarding-leads/sg-officer", headers=admin, json={"name": "S. Guard"}
    )
    assert named.status_code == 200
    assert (
        await api.post(url, headers=officer, json={"concern": "child_at_risk"})
    ).status_code == 422
    read = await api.post(url, headers=officer, json=body)
    assert read.status_code == 200
    assert read.json()["client"]["name"] == "Casey Confidential"
    stranger = as_("officer", org=uuid.uuid4(), subject="sg-officer")
    assert (await api.post(url, headers=stranger, json=body)).status_code == 403

    log = (await api.get(f"/v1/audit/reads?client_id={client_id}", headers=admin)).json()["items"]
    overrides = [r for r in log if r["override"]]
    assert len(overrides) == 1
    assert overrides[0]["actor"] == "sg-officer"
    assert overrides[0]["reason"] == body["reason"]
    assert overrides[0]["concern"] == "child_at_risk"
    # Every read is there, the PEO's too (the PEO read the record making the client).
    assert {r["resource"] for r in log} >= {"client"}
    assert (await api.get("/v1/audit/reads", headers=as_("peo", org=org))).status_code == 403
    other_admin = as_("admin", org=uuid.uuid4())
    assert (await api.get(f"/v1/audit/reads?client_id={client_id}", headers=other_admin)).json()[
        "items"
    ] == []
    # Removing the lead ends their override.
    assert (await api.delete("/v1/safeguarding-leads/sg-officer", headers=admin)).status_code == 204
    assert (await api.post(url, headers=officer, json=body)).status_code == 403


async def test_every_read_is_logged_and_the_log_cannot_be_changed(
    api: httpx.AsyncClient,
    test_env: TestEnvironment,
    as_: Headers,
    org: uuid.UUID,
    new_client: Any,
) -> None:
    client_id = await _assessed_client(api, as_, org, new_client)
    peo = as_("peo", org=org, subject="peo-reader")
    for path in ("", "/assessments", "/orders"):
        assert (await api.get(f"/v1/clients/{client_id}{path}", headers=peo)).status_code == 200
    await api.get(
        f"/v1/clients/{client_id}/status", headers=as_("officer", org=org, subject="off-1")
    )
    log = (
        await api.get(f"/v1/audit/reads?client_id={client_id}", headers=as_("admin", org=org))
    ).json()["items"]
    mine = [
        (r["actor"], r["resource"], r["view"]) for r in log if r["actor"] in ("peo-reader", "off-1")
    ]
    assert mine == [
        ("off-1", "status", "status"),
        ("peo-reader", "requirements", "full"),
        ("peo-reader", "assessments", "full"),
        ("peo-reader", "client", "full"),
    ]
    # The same reads as CSV, oldest first, in the platform's one read-audit export.
    exported = await api.get(
        "/v1/audit/reads/export.csv", params={"client_id": client_id}, headers=as_("admin", org=org)
    )
    assert exported.status_code == 200 and exported.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    ours = [(r["actor"], r["resource"]) for r in rows if r["actor"] in ("peo-reader", "off-1")]
    assert ours == [
        ("peo-reader", "client"),
        ("peo-reader", "assessments"),
        ("peo-reader", "requirements"),
        ("off-1", "status"),
    ]
    assert (
        await api.get("/v1/audit/reads/export.csv", headers=as_("peo", org=org))
    ).status_code == 403
    conn = await asyncpg.connect(test_env.database_url("engagement").replace("+asyncpg", ""))
    try:
        with pytest.raises(asyncpg.RaiseError, match="append-only"):
            await conn.execute("UPDATE record_reads SET reason = 'edited'")
        with pytest.raises(asyncpg.RaiseError, match="append-only"):
            await conn.execute("DELETE FROM record_reads")
    finally:
        await conn.close()
