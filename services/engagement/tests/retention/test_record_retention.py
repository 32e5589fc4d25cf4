"""Engagement applies the retention schedule to Positive Engagement records: six years after
the outcome the client's names and free text go, unless a case of theirs is under a legal hold
(announced by casework through the bus)."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import date

import asyncpg
import httpx
from asb_shared.contracts.casework import LegalHoldChanged
from asb_shared.db import Database
from asb_shared.messaging import Outbox
from asb_shared.testing import TestEnvironment, count_rows, eventually, publish_event
from asb_shared.usecase import Transactions
from engagement.retention.usecases import ExpireRecords, expire_records

NewClient = Callable[..., Awaitable[dict[str, object]]]


async def _sql(test_env: TestEnvironment, query: str, *args: object) -> list[asyncpg.Record]:
    conn = await asyncpg.connect(test_env.database_url("engagement").replace("+asyncpg", ""))
    try:
        return list(await conn.fetch(query, *args))
    finally:
        await conn.close()


async def _outcome(test_env: TestEnvironment, client_id: object, org: uuid.UUID, on: date) -> None:
    await _sql(
        test_env,
        "INSERT INTO outcomes (id, organisation_id, client_id, outcome, recorded_on, note,"
        " recorded_by, legal_action_avoided, recorded_at) VALUES ($1, $2, $3,"
        " 'engaged_positively', $4, 'Doing well at work now.', 'peo-1', true, now())",
        uuid.uuid4(),
        org,
        uuid.UUID(str(client_id)),
        on,
    )


async def test_a_record_six_years_past_its_outcome_is_pseudonymised_unless_held(
    api: httpx.AsyncClient, test_env: TestEnvironment, new_client: NewClient, org: uuid.UUID
) -> None:
    old = await new_client(org, name="Morgan Oldcase")
    held = await new_client(org, name="Riley Heldcase")
    recent = await new_client(org, name="Sasha Recent")
    case_id = uuid.uuid4()
    await _sql(
        test_env,
        "INSERT INTO client_cases (client_id, case_id) VALUES ($1, $2)",
        uuid.UUID(str(held["id"])),
        case_id,
    )
    await publish_event(
        test_env,
        LegalHoldChanged(
            case_id=case_id,
            case_reference="CASE-2024-000009",
            version=7,
            status="resolved",
            held=True,
            reason="Appeal against the injunction pending.",
        ),
        organisation_id=org,
    )
    url = test_env.database_url("engagement")

    async def projected() -> bool:
        return await count_rows(url, "legal_holds", f"case_id = '{case_id}'") == 1

    await eventually(projected)
    # The outcomes that make the records due come after the hold is in place: the worker's own
    # retention run (at its start, then hourly) may come at any moment of this test, and must
    # find the held record held.
    for client, on in (
        (old, date(2019, 5, 1)),
        (held, date(2019, 5, 1)),
        (recent, date(2024, 1, 1)),
    ):
        await _outcome(test_env, client["id"], org, on)

    db = Database(url, pool_size=1)
    try:
        async with Transactions(db, Outbox("engagement"))() as uow:
            done = await expire_records(uow, ExpireRecords(date(2026, 12, 7)))
    finally:
        await db.dispose()
    # Pseudonymised by this call, or by the worker's own run just before it: never the others.
    ours = {str(c["id"]) for c in (old, held, recent)}
    assert {str(d) for d in done} & ours <= {str(old["id"])}
    rows = {
        str(r["id"]): r
        for r in await _sql(
            test_env,
            "SELECT id, name, pseudonymised_at, outcome FROM clients WHERE organisation_id = $1",
            org,
        )
    }
    assert rows[str(old["id"])]["name"] == "" and rows[str(old["id"])]["pseudonymised_at"]
    assert rows[str(held["id"])]["name"] == "Riley Heldcase"
    assert rows[str(recent["id"])]["name"] == "Sasha Recent"
    notes = await _sql(
        test_env, "SELECT note FROM outcomes WHERE client_id = $1", uuid.UUID(str(old["id"]))
    )
    assert [n["note"] for n in notes] == [None]
    referral = await _sql(
        test_env,
        "SELECT subject_name FROM referrals WHERE client_id = $1",
        uuid.UUID(str(old["id"])),
    )
    assert [r["subject_name"] for r in referral] == [""]
