"""Reports about one address arriving together end in one case, whichever worker takes each."""

from __future__ import annotations

import asyncio
import uuid

import httpx
from asb_shared.contracts.common import Location, Person
from asb_shared.messaging import Envelope
from asb_shared.testing import TestEnvironment, eventually, publish_event, service_worker
from casework.main import definition
from casework_samples import received, sql


async def test_twenty_reports_about_one_address_at_once_make_one_case(
    client: httpx.AsyncClient, test_env: TestEnvironment, seen: list[Envelope]
) -> None:
    org = uuid.uuid4()
    street = f"{uuid.uuid4().hex[:8]} Crowded Court"
    events = [
        received(
            f"ASB-2026-9{n:05d}-{street[:4]}",
            location=Location(address=street, postcode="SK2 6AB"),
            subjects=[Person(name="Flat Nine Resident")] if n % 2 else [],
        )
        for n in range(20)
    ]
    # Two more workers beside the one the module runs: three consumers, each on its own pool.
    async with service_worker(test_env, definition), service_worker(test_env, definition):
        await asyncio.gather(*(publish_event(test_env, e, organisation_id=org) for e in events))

        async def all_linked() -> bool:
            rows = await sql(
                test_env, "SELECT count(*) AS n FROM case_reports WHERE organisation_id = $1", org
            )
            return bool(rows[0]["n"] == 20)

        await eventually(all_linked, timeout=60)
    cases = await sql(test_env, "SELECT id FROM cases WHERE organisation_id = $1", org)
    assert len(cases) == 1
    [case] = cases
    on_case = await sql(
        test_env, "SELECT report_id FROM case_reports WHERE case_id = $1", case["id"]
    )
    assert {r["report_id"] for r in on_case} == {e.report_id for e in events}

    # Every reporter is acknowledged: the case's opening for one, a link for each of the others.
    wanted = {str(e.report_id) for e in events}

    async def acknowledged() -> set[str]:
        got = {
            str(e.data["report_id"])
            for e in seen
            if e.organisation_id == org
            and e.type in ("casework.case.opened", "casework.report.linked")
        }
        return got if got == wanted else set()

    await eventually(acknowledged, timeout=30)
    opened = [e for e in seen if e.organisation_id == org and e.type == "casework.case.opened"]
    assert len(opened) == 1
