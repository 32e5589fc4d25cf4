"""Intake follows casework's retention announcements through the bus: an expired case's reports
and evidence files go (the files from the disk too), an erased reporter's details go."""

from __future__ import annotations

import struct
import uuid
import zlib
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from pathlib import Path

import asyncpg
import httpx
import pytest
from asb_shared.contracts.casework import CaseExpired, LegalHoldChanged, PersonErased
from asb_shared.db import Database
from asb_shared.messaging import Outbox
from asb_shared.testing import (
    TestEnvironment,
    count_rows,
    eventually,
    publish_event,
    service_api,
    service_worker,
)
from asb_shared.usecase import Transactions
from intake.main import definition
from intake.retention.usecases import ForgetTrackingSecrets, forget_tracking_secrets

ORG = uuid.UUID("00000000-0000-7000-8000-00000000e0a1")


def tiny_png() -> bytes:
    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xc8\x1e\x1e"))
        + chunk(b"IEND", b"")
    )


def files_under(root: Path) -> int:
    return len([p for p in root.rglob("*") if p.is_file()])


@pytest.fixture(scope="module")
def evidence_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("evidence")


@pytest.fixture(scope="module")
async def client(test_env: TestEnvironment, evidence_dir: Path) -> AsyncIterator[httpx.AsyncClient]:
    test_env.register_organisation(ORG)
    async with (
        service_api(test_env, definition, evidence_dir=evidence_dir, public_rate_per_minute=0) as c,
        service_worker(
            test_env, definition, evidence_dir=evidence_dir, evidence_erasure_seconds=1.0
        ),
    ):
        yield c


async def _report(client: httpx.AsyncClient, test_env: TestEnvironment) -> tuple[uuid.UUID, str]:
    made = await client.post(
        "/v1/reports",
        json={
            "organisation_id": str(ORG),
            "categories": ["vandalism"],
            "description": "Someone keeps smashing the glass of the door to block C at night.",
            "location": {"description": "Block C entrance"},
            "occurred_at": "2026-11-20T23:30:00Z",
            "reporter": {"name": "Robin Erasable", "email": "robin.erasable@example.org"},
        },
    )
    assert made.status_code == 201, made.text
    body = made.json()
    uploaded = await client.post(
        f"/v1/reports/{body['reference']}/evidence",
        headers={"X-Tracking-Token": body["tracking_token"]},
        files=[("files", ("door.png", tiny_png(), "image/png"))],
        data={"description": "The door this morning"},
    )
    assert uploaded.status_code == 201, uploaded.text
    conn = await asyncpg.connect(test_env.database_url("intake").replace("+asyncpg", ""))
    try:
        report_id = await conn.fetchval(
            "SELECT id FROM reports WHERE reference = $1", body["reference"]
        )
    finally:
        await conn.close()
    return report_id, body["reference"]


async def test_an_expired_case_takes_its_reports_and_evidence_files_with_it(
    client: httpx.AsyncClient, test_env: TestEnvironment, evidence_dir: Path
) -> None:
    gone, _ = await _report(client, test_env)
    kept, _ = await _report(client, test_env)
    url = test_env.database_url("intake")
    assert files_under(evidence_dir) == 2
    event = CaseExpired(
        case_id=uuid.uuid4(),
        case_reference="CASE-2019-000001",
        action="pseudonymise",
        record_type="closed_case",
        report_ids=[gone],
        person_ids=[],
        due_on=date(2025, 3, 14),
        applied_on=date(2026, 12, 7),
    )
    await publish_event(test_env, event, organisation_id=ORG)
    # Twice: the second delivery has no effect.
    await publish_event(test_env, event, organisation_id=ORG)

    async def reports_gone() -> bool:
        return await count_rows(url, "reports", f"id = '{gone}'") == 0

    await eventually(reports_gone)
    assert await count_rows(url, "evidence_files", f"report_id = '{gone}'") == 0
    assert await count_rows(url, "followups", f"report_id = '{gone}'") == 0
    assert await count_rows(url, "reports", f"id = '{kept}'") == 1

    async def one_file_left() -> bool:
        return files_under(evidence_dir) == 1

    await eventually(one_file_left, timeout=30)
    assert await count_rows(url, "evidence_erasures") == 0


async def test_an_erased_reporter_leaves_no_contact_details(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    report_id, _ = await _report(client, test_env)
    await publish_event(
        test_env,
        PersonErased(
            request_id=uuid.uuid4(),
            person_ids=[uuid.uuid4()],
            case_ids=[uuid.uuid4()],
            report_ids=[report_id],
            erased_at=datetime.now(UTC),
        ),
        organisation_id=ORG,
    )
    url = test_env.database_url("intake")

    async def erased() -> bool:
        return (
            await count_rows(url, "reports", f"id = '{report_id}' AND reporter_email IS NULL") == 1
        )

    await eventually(erased)
    assert await count_rows(url, "reports", f"id = '{report_id}' AND reporter_name IS NULL") == 1


async def test_a_tracking_secret_is_forgotten_after_its_period_unless_the_case_is_held(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    url = test_env.database_url("intake")
    await publish_event(
        test_env,
        LegalHoldChanged(
            case_id=uuid.uuid4(),
            case_reference="CASE-2026-777001",
            version=3,
            status="resolved",
            held=True,
            reason="Possession proceedings.",
        ),
        organisation_id=ORG,
    )

    async def projected() -> bool:
        return await count_rows(url, "legal_holds", "case_reference = 'CASE-2026-777001'") == 1

    await eventually(projected)
    followed: dict[str, tuple[str, str]] = {}
    conn = await asyncpg.connect(url.replace("+asyncpg", ""))
    try:
        for name, case_reference in (("held", "CASE-2026-777001"), ("free", "CASE-2026-777002")):
            made = await client.post(
                "/v1/reports",
                json={
                    "organisation_id": str(ORG),
                    "categories": ["noise"],
                    "description": "Music through the wall until three in the morning.",
                    "location": {"description": "Flat 9"},
                    "occurred_at": "2026-11-20T23:30:00Z",
                    "reporter": {"name": "Dana Follower", "email": "dana@example.org"},
                },
            )
            assert made.status_code == 201, made.text
            body = made.json()
            followed[name] = (body["reference"], body["tracking_token"])
            await conn.execute(
                "INSERT INTO report_status (report_id, status, case_reference, case_version,"
                " updated_at) SELECT id, 'closed', $2, 9, $3 FROM reports WHERE reference = $1"
                " ON CONFLICT (report_id) DO UPDATE SET status = 'closed',"
                " case_reference = $2, updated_at = $3",
                body["reference"],
                case_reference,
                datetime(2026, 6, 1, tzinfo=UTC),
            )
    finally:
        await conn.close()

    db = Database(url, pool_size=1)
    try:
        async with Transactions(db, Outbox("intake"))() as uow:
            forgotten = await forget_tracking_secrets(uow, ForgetTrackingSecrets(date(2026, 12, 7)))
    finally:
        await db.dispose()
    assert forgotten >= 1

    async def status(name: str) -> int:
        reference, token = followed[name]
        got = await client.get(
            f"/v1/reports/{reference}/status", headers={"X-Tracking-Token": token}
        )
        return got.status_code

    assert await status("free") == 404
    assert await status("held") == 200
