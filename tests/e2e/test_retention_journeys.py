"""Retention and erasure across the whole system, through the real bus.

A closed case past its retention date disappears from every service (the report and its
evidence file, the case's people and search rows, the contact record and messages, the partner
projection) while the measures for its month stay the same; a case under a legal hold stays; the
dry run lists exactly what the real run removes; an erasure leaves no trace of the person's
contact details in any column that holds text in any service's database.

Time is moved by asking casework for the run of a given day (the worker's own run asks for
today), never by sleeping.
"""

from __future__ import annotations

import struct
import uuid
import zlib
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from asb_devtools.runner import System, landlord, register_organisations
from asb_shared.db import Database
from asb_shared.messaging import Outbox
from asb_shared.settings import REPO_ROOT
from asb_shared.testing import TestEnvironment, eventually
from asb_shared.usecase import Transactions
from casework.retention.usecases import ApplyExpiries, apply_expiries

pytestmark = pytest.mark.e2e

ORG = uuid.uuid4()
"""A landlord of these journeys' own, so that a run of expiries touches no other journey."""

DATABASES = ("intake", "casework", "notifications", "partner-gateway", "engagement")


@pytest.fixture(scope="module")
def retention_landlord(system: System, test_env: TestEnvironment) -> Iterator[uuid.UUID]:
    platform = test_env.token("platform_admin", organisation_id=ORG, register=False)
    for answer in register_organisations(system.config, platform, [landlord(ORG, "RETN")]):
        test_env.remember_organisation(answer)
    yield ORG


def _headers(test_env: TestEnvironment, role: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {test_env.token(role, organisation_id=ORG)}"}


def _png() -> bytes:
    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xc8\x1e\x1e"))
        + chunk(b"IEND", b"")
    )


def _dsn(system: System, service: str) -> str:
    return str(system.env(service)["DATABASE_URL"]).replace("+asyncpg", "")


async def _fetch(system: System, service: str, query: str, *args: Any) -> list[asyncpg.Record]:
    conn = await asyncpg.connect(_dsn(system, service))
    try:
        return list(await conn.fetch(query, *args))
    finally:
        await conn.close()


class Person:
    def __init__(self) -> None:
        tag = uuid.uuid4().hex[:8]
        self.name = f"Quinn Tracewell{tag}"
        self.email = f"quinn.{tag}@example.org"
        self.phone = f"07700 9{int(tag, 16) % 100000:05d}"


async def _report_to_case(
    system: System, test_env: TestEnvironment, http: httpx.AsyncClient, who: Person
) -> dict[str, Any]:
    """A named report with a photo, its case open and known to every service."""
    cfg = system.config
    made = await http.post(
        f"{cfg.api_url('intake')}/v1/reports",
        json={
            "organisation_id": str(ORG),
            "categories": ["noise"],
            "description": "Very loud music from the flat below every night this month.",
            "location": {
                "address": f"{uuid.uuid4().hex[:6]} Retention Road, Stockport",
                "postcode": "SK4 1AA",
            },
            "occurred_at": "2026-11-21T00:15:00Z",
            "reporter": {
                "name": who.name,
                "email": who.email,
                "phone": who.phone,
                "preferred_channel": "email",
            },
        },
    )
    assert made.status_code == 201, made.text
    reference, token = made.json()["reference"], made.json()["tracking_token"]
    uploaded = await http.post(
        f"{cfg.api_url('intake')}/v1/reports/{reference}/evidence",
        headers={"X-Tracking-Token": token},
        files=[("files", ("stairs.png", _png(), "image/png"))],
        data={"description": "The stairwell last night"},
    )
    assert uploaded.status_code == 201, uploaded.text
    officer = _headers(test_env, "officer")

    async def case() -> dict[str, Any] | None:
        page = (
            await http.get(
                f"{cfg.api_url('casework')}/v1/cases",
                params={"report_reference": reference},
                headers=officer,
            )
        ).json()
        return page["items"][0] if page.get("items") else None

    found = await eventually(case, timeout=30)

    async def everywhere() -> bool:
        contacts = await _fetch(
            system,
            "notifications",
            "SELECT 1 FROM contact_records WHERE case_id = $1",
            uuid.UUID(found["id"]),
        )
        messages = await _fetch(
            system,
            "notifications",
            "SELECT 1 FROM messages WHERE case_id = $1 AND status = 'delivered'",
            uuid.UUID(found["id"]),
        )
        shared = await _fetch(
            system,
            "partner-gateway",
            "SELECT 1 FROM shared_cases WHERE case_id = $1",
            uuid.UUID(found["id"]),
        )
        return bool(contacts and messages and shared)

    await eventually(everywhere, timeout=30)
    return {"id": found["id"], "reference": found["reference"], "report": reference}


async def _close(
    system: System, test_env: TestEnvironment, http: httpx.AsyncClient, case_id: str
) -> None:
    # The journey to closure is the lifecycle's own tests'; here it is the closure that counts.
    await _fetch(
        system,
        "casework",
        "UPDATE cases SET status = 'investigating' WHERE id = $1",
        uuid.UUID(case_id),
    )
    closed = await http.post(
        f"{system.config.api_url('casework')}/v1/cases/{case_id}/closure",
        json={
            "outcome": "resolved",
            "reason": "The noise stopped after the warning letter; nothing for six weeks.",
            "discussed_with_complainant_at": (datetime.now(UTC) - timedelta(minutes=5)).isoformat(),
        },
        headers=_headers(test_env, "officer"),
    )
    assert closed.status_code == 201, closed.text


async def _run(system: System, on: date) -> set[str]:
    """The real run of ``on`` for this landlord, batch after batch until nothing is due."""
    db = Database(system.env("casework")["DATABASE_URL"], pool_size=1)
    transactions = Transactions(db, Outbox("casework"))
    done: set[str] = set()
    try:
        while True:
            async with transactions() as uow:
                batch = await apply_expiries(uow, ApplyExpiries(on, batch=3, organisation_id=ORG))
            if not batch:
                return done
            done |= {str(d.case_id) for d in batch}
    finally:
        await db.dispose()


async def _holdings(system: System, case: dict[str, Any]) -> dict[str, int]:
    """How many rows of the case each service still holds that say who or what."""
    case_id = uuid.UUID(case["id"])
    report = case["report"]
    counts = {
        "intake reports": "SELECT count(*) FROM reports WHERE reference = $1",
        "intake evidence": "SELECT count(*) FROM evidence_files e JOIN reports r"
        " ON r.id = e.report_id WHERE r.reference = $1",
    }
    found = {
        name: int((await _fetch(system, "intake", q, report))[0][0]) for name, q in counts.items()
    }
    casework = {
        "casework people": "SELECT count(*) FROM complainants WHERE case_id = $1"
        " AND (name IS NOT NULL OR email IS NOT NULL)",
        "casework search": "SELECT count(*) FROM report_index WHERE case_id = $1",
        "casework summary": "SELECT count(*) FROM cases WHERE id = $1 AND summary <> ''",
        "casework timeline text": "SELECT count(*) FROM timeline WHERE case_id = $1"
        " AND summary <> ''",
    }
    for name, q in casework.items():
        found[name] = int((await _fetch(system, "casework", q, case_id))[0][0])
    found["notifications contact records"] = int(
        (
            await _fetch(
                system,
                "notifications",
                "SELECT count(*) FROM contact_records WHERE case_id = $1",
                case_id,
            )
        )[0][0]
    )
    found["notifications messages"] = int(
        (
            await _fetch(
                system,
                "notifications",
                "SELECT count(*) FROM messages WHERE case_id = $1",
                case_id,
            )
        )[0][0]
    )
    found["gateway projection"] = int(
        (
            await _fetch(
                system,
                "partner-gateway",
                "SELECT count(*) FROM shared_cases WHERE case_id = $1",
                case_id,
            )
        )[0][0]
    )
    return found


async def _evidence_files(system: System, report: str) -> list[Path]:
    root = Path(system.env("intake").get("EVIDENCE_DIR") or _default_evidence_dir())
    rows = await _fetch(
        system,
        "intake",
        "SELECT storage_key FROM evidence_files e JOIN reports r ON r.id = e.report_id"
        " WHERE r.reference = $1",
        report,
    )
    return [root / r["storage_key"] for r in rows]


def _default_evidence_dir() -> Path:
    """Intake's default (``.dev/evidence`` in the repository), which the system runs with."""
    return REPO_ROOT / ".dev" / "evidence"


async def test_a_closed_case_past_its_date_goes_everywhere_but_a_held_one_stays(
    system: System, test_env: TestEnvironment, retention_landlord: uuid.UUID
) -> None:
    cfg = system.config
    async with httpx.AsyncClient(timeout=20) as http:
        gone = await _report_to_case(system, test_env, http, Person())
        held = await _report_to_case(system, test_env, http, Person())
        files = await _evidence_files(system, gone["report"])
        assert files and all(f.is_file() for f in files)
        for case in (gone, held):
            await _close(system, test_env, http, case["id"])
        placed = await http.put(
            f"{cfg.api_url('casework')}/v1/cases/{held['id']}/legal-hold",
            json={"reason": "Possession proceedings at the county court."},
            headers=_headers(test_env, "team_leader"),
        )
        assert placed.status_code == 200, placed.text

        month = datetime.now(UTC).strftime("%Y-%m")
        measures = f"{cfg.api_url('casework')}/v1/measures"

        async def measured() -> Any:
            got = await http.get(
                measures, params={"from": month, "to": month}, headers=_headers(test_env, "officer")
            )
            assert got.status_code == 200, got.text
            return got.json()

        before = await measured()
        held_before = await _holdings(system, held)

        on = date.today() + timedelta(days=7 * 366)
        dry = await http.get(
            f"{cfg.api_url('casework')}/v1/retention/due",
            params={"on": on.isoformat()},
            headers=_headers(test_env, "admin"),
        )
        assert dry.status_code == 200, dry.text
        listed = {d["case_id"] for d in dry.json()}
        assert gone["id"] in listed and held["id"] not in listed

        assert await _run(system, on) == listed

        async def gone_everywhere() -> dict[str, int] | None:
            left = await _holdings(system, gone)
            return left if not any(left.values()) else None

        try:
            await eventually(gone_everywhere, timeout=30)
        except AssertionError:
            pytest.fail(f"still held: {await _holdings(system, gone)}")

        def files_gone() -> bool:
            return not any(f.exists() for f in files)

        async def no_files() -> bool:
            return files_gone()

        await eventually(no_files, timeout=60)
        # The held case loses nothing (its timers may still add to its timeline meanwhile).
        held_after = await _holdings(system, held)
        assert all(held_after.get(k, 0) >= n for k, n in held_before.items()), held_after
        assert await measured() == before


async def _traces(system: System, needles: list[str]) -> list[str]:
    """Every table and column, in every service's database, that holds one of ``needles``
    (every column whose values are text, JSON, arrays or search documents)."""
    found: list[str] = []
    for service in DATABASES:
        conn = await asyncpg.connect(_dsn(system, service))
        try:
            columns = await conn.fetch(
                "SELECT table_name, column_name FROM information_schema.columns"
                " WHERE table_schema = 'public' AND data_type IN"
                " ('text', 'character varying', 'json', 'jsonb', 'ARRAY', 'tsvector')"
            )
            for table, column in columns:
                for needle in needles:
                    hits = await conn.fetchval(
                        f'SELECT count(*) FROM "{table}"'
                        f' WHERE position(lower($1) in lower("{column}"::text)) > 0',
                        needle,
                    )
                    if hits:
                        found.append(f"{service}.{table}.{column}: {needle}")
        finally:
            await conn.close()
    return found


async def test_an_erasure_leaves_no_trace_of_the_persons_contact_details_anywhere(
    system: System, test_env: TestEnvironment, retention_landlord: uuid.UUID
) -> None:
    cfg = system.config
    who = Person()
    async with httpx.AsyncClient(timeout=20) as http:
        case = await _report_to_case(system, test_env, http, who)
        needles = [who.name, who.email, who.phone]
        assert await _traces(system, needles)  # the search finds them before
        people = await http.get(
            f"{cfg.api_url('casework')}/v1/cases/{case['id']}/complainants",
            headers=_headers(test_env, "officer"),
        )
        [person] = [p["person_id"] for p in people.json()]
        granted = await http.post(
            f"{cfg.api_url('casework')}/v1/data-requests",
            json={
                "kind": "erasure",
                "person_ids": [person],
                "decision": "granted",
                "reason": "The complainant asked in writing; nothing requires us to keep it.",
            },
            headers=_headers(test_env, "officer"),
        )
        assert granted.status_code == 201, granted.text

        async def clean() -> bool:
            return not await _traces(system, needles)

        try:
            await eventually(clean, timeout=60, interval=1.0)
        except AssertionError:
            pytest.fail(f"still found: {await _traces(system, needles)}")
