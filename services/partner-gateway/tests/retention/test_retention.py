"""The gateway follows casework's retention announcements through the bus (an expired case's
projection goes, an erased complainant goes from it) and applies the schedule to its audit log,
keeping the entries of a case under a legal hold."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import asyncpg
from asb_shared.contracts.casework import CaseExpired, LegalHoldChanged, PersonErased
from asb_shared.contracts.common import AsbCategory
from asb_shared.db import Database
from asb_shared.messaging import Outbox
from asb_shared.testing import count_rows, eventually, publish_event
from asb_shared.usecase import Transactions
from gateway_samples import Gateway, complainant
from partner_gateway.retention.usecases import ExpireAudit, expire_audit


async def test_an_expired_case_leaves_the_projection_and_an_erased_person_leaves_the_case(
    gateway: Gateway, org: uuid.UUID
) -> None:
    gateway.staff(org)  # the landlord is on the platform
    erased = complainant(name="Avery Erasable")
    kept = complainant(name="Blake Kept")
    case_id = await gateway.open_case(org, [AsbCategory.NOISE], complainant=erased)
    other = await gateway.open_case(org, [AsbCategory.NOISE], complainant=kept)
    await publish_event(
        gateway.env,
        PersonErased(
            request_id=uuid.uuid4(),
            person_ids=[erased.person_id],
            case_ids=[case_id],
            report_ids=[uuid.uuid4()],
            erased_at=datetime.now(UTC),
        ),
        organisation_id=org,
    )
    url = gateway.db_url

    async def gone_from_the_case() -> bool:
        return (
            await count_rows(url, "shared_cases", "complainants::text LIKE '%Avery Erasable%'") == 0
        )

    await eventually(gone_from_the_case)
    assert await count_rows(url, "shared_cases", "complainants::text LIKE '%Blake Kept%'") == 1

    await publish_event(
        gateway.env,
        CaseExpired(
            case_id=other,
            case_reference="CASE-2019-000002",
            action="pseudonymise",
            record_type="closed_case",
            report_ids=[],
            person_ids=[kept.person_id],
            due_on=date(2025, 1, 1),
            applied_on=date(2026, 12, 7),
        ),
        organisation_id=org,
    )

    async def projection_gone() -> bool:
        return await count_rows(url, "shared_cases", f"case_id = '{other}'") == 0

    await eventually(projection_gone)
    assert await count_rows(url, "shared_cases", f"case_id = '{case_id}'") == 1


async def test_audit_entries_past_six_years_go_unless_their_case_is_held(
    gateway: Gateway, org: uuid.UUID
) -> None:
    gateway.staff(org)
    held_case, other_case = uuid.uuid4(), uuid.uuid4()
    await publish_event(
        gateway.env,
        LegalHoldChanged(
            case_id=held_case,
            case_reference="CASE-2019-000003",
            version=9,
            status="resolved",
            held=True,
            reason="Judicial review of the closure.",
        ),
        organisation_id=org,
    )
    url = gateway.db_url

    async def projected() -> bool:
        return await count_rows(url, "legal_holds", f"case_id = '{held_case}'") == 1

    await eventually(projected)
    conn = await asyncpg.connect(url.replace("+asyncpg", ""))
    entries: dict[str, uuid.UUID] = {}
    try:
        for name, case, at in (
            ("old", other_case, datetime(2019, 6, 1, tzinfo=UTC)),
            ("held", held_case, datetime(2019, 6, 1, tzinfo=UTC)),
            ("recent", other_case, datetime(2024, 6, 1, tzinfo=UTC)),
        ):
            entries[name] = uuid.uuid4()
            await conn.execute(
                "INSERT INTO audit_log (id, at, organisation_id, action, resource, case_id,"
                " fields, outcome, status_code) VALUES ($1, $2, $3, 'read', 'shared_case', $4,"
                " '{}', 'allowed', 200)",
                entries[name],
                at,
                org,
                case,
            )
    finally:
        await conn.close()
    db = Database(url, pool_size=1)
    try:
        async with Transactions(db, Outbox("partner-gateway"))() as uow:
            await expire_audit(uow, ExpireAudit(date(2026, 12, 7)))
    finally:
        await db.dispose()
    left = {
        name
        for name, entry in entries.items()
        if await count_rows(url, "audit_log", f"id = '{entry}'")
    }
    assert left == {"held", "recent"}
