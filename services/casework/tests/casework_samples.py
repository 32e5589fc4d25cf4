"""Samples and helpers for casework's tests: reports from intake, staff tokens, a case put in the
status a test needs, and what an action could have written."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

import asyncpg
import httpx
from asb_shared.calendar import LONDON
from asb_shared.contracts.common import (
    AsbCategory,
    Channel,
    Contact,
    ContactChannel,
    ContactPreferences,
    Location,
)
from asb_shared.contracts.intake import Reporter, ReportReceivedV2
from asb_shared.messaging import Envelope
from asb_shared.testing import TestEnvironment, count_rows, eventually, publish_event
from casework.contacts.complainant import reporter_of_v1

ORG = uuid.uuid4()


OTHER_ORG = uuid.uuid4()


OFFICER = "officer-ash"


SHA = "AB" * 32


_numbers = itertools.count(1)


CLOSED = "casework.case.closed"


REFERRAL = "casework.engagement.referral_requested"


def received(reference: str, **changes: object) -> ReportReceivedV2:
    """A report whose reporter gave their contact wishes in words (``Contact``): unknown, so
    the most careful, with their words for the officer only (as a report kept before version 2
    reads)."""
    values: dict[str, object] = {
        "report_id": uuid.uuid4(),
        "reference": reference,
        "channel": Channel.WEB,
        "categories": [AsbCategory.NOISE],
        "description": "Loud music every night from the flat above mine.",
        "location": Location(address=f"{reference[-4:]} Test Street", postcode="SK1 1AA"),
        "occurred_at": datetime(2026, 11, 20, 23, 0, tzinfo=UTC),
        "received_at": datetime.now(UTC),
        "anonymous": False,
        "reporter": Contact(name="Jo", email="jo@example.org", preferred_channel="email"),
    }
    values.update(changes)
    if isinstance(values["reporter"], Contact):
        values["reporter"] = reporter_of_v1(values["reporter"])
    return ReportReceivedV2(**values)  # type: ignore[arg-type]


def received_v2(reference: str, **changes: object) -> ReportReceivedV2:
    """A version-2 report: the reporter's contact wishes as data."""
    v1 = received(reference).model_dump(exclude={"reporter"})
    reporter = Reporter(
        name="Jo",
        email="jo@example.org",
        phone="07700 900123",
        preferences=ContactPreferences(safe=[ContactChannel.EMAIL], preferred=ContactChannel.EMAIL),
    )
    return ReportReceivedV2(**(v1 | {"reporter": reporter} | changes))


def now() -> datetime:
    return datetime.now(UTC)


def today() -> date:
    return now().astimezone(LONDON).date()


def bearer(
    test_env: TestEnvironment, *roles: str, org: uuid.UUID = ORG, subject: str = OFFICER
) -> dict[str, str]:
    token = test_env.token(*roles, organisation_id=org, subject=subject)
    return {"Authorization": f"Bearer {token}"}


async def sql(test_env: TestEnvironment, query: str, *args: Any) -> list[asyncpg.Record]:
    conn = await asyncpg.connect(test_env.database_url("casework").replace("+asyncpg", ""))
    try:
        return list(await conn.fetch(query, *args))
    finally:
        await conn.close()


async def cases_for(test_env: TestEnvironment, report_reference: str) -> int:
    return await count_rows(
        test_env.database_url("casework"),
        "case_reports",
        f"report_reference = '{report_reference}'",
    )


async def case_of(
    client: httpx.AsyncClient, test_env: TestEnvironment, reference: str, org: uuid.UUID = ORG
) -> dict[str, object]:
    await eventually(lambda: cases_for(test_env, reference))
    page = (
        await client.get(
            "/v1/cases",
            params={"report_reference": reference},
            headers=bearer(test_env, "officer", org=org),
        )
    ).json()
    [found] = page["items"]
    detail = await client.get(
        f"/v1/cases/{found['id']}", headers=bearer(test_env, "officer", org=org)
    )
    return detail.json()  # type: ignore[no-any-return]


async def open_case(
    client: httpx.AsyncClient,
    test_env: TestEnvironment,
    *,
    org: uuid.UUID = ORG,
    status: str = "open",
    anonymous: bool = False,
    categories: Sequence[AsbCategory] = (AsbCategory.NOISE,),
) -> tuple[str, str]:
    """Open a case through intake's event and put it in ``status``; returns (id, report ref)."""
    reference = f"ASB-2026-{700000 + next(_numbers)}-{uuid.uuid4().hex[:6]}"
    event = ReportReceivedV2(
        report_id=uuid.uuid4(),
        reference=reference,
        channel=Channel.WEB,
        categories=list(categories),
        description="Shouting and slammed doors on the landing every night.",
        # A street of its own, so the report never joins another test's case.
        location=Location(address=f"{uuid.uuid4().hex[:8]} Action Road", postcode="SK4 1AA"),
        occurred_at=now() - timedelta(days=2),
        received_at=now(),
        anonymous=anonymous,
        reporter=None
        if anonymous
        else reporter_of_v1(
            Contact(
                name="Sam Reporter",
                email="sam@example.org",
                preferred_channel=ContactChannel.EMAIL,
            )
        ),
    )
    await publish_event(test_env, event, organisation_id=org)

    async def case_id() -> str | None:
        rows = await sql(
            test_env, "SELECT case_id FROM case_reports WHERE report_reference = $1", reference
        )
        return str(rows[0]["case_id"]) if rows else None

    found = await eventually(case_id)
    got = await client.get(f"/v1/cases/{found}", headers=bearer(test_env, "officer", org=org))
    assert got.status_code == 200
    if got.json()["status"] != status:
        # The opening flow decides the first status (triage, officers); tests pick their own.
        await sql(test_env, "UPDATE cases SET status = $2 WHERE id = $1", uuid.UUID(found), status)
    return found, reference


async def status_of(test_env: TestEnvironment, case_id: str) -> str:
    rows = await sql(test_env, "SELECT status FROM cases WHERE id = $1", uuid.UUID(case_id))
    return str(rows[0]["status"])


async def rows_on(test_env: TestEnvironment, table: str, case_id: str) -> int:
    return await count_rows(test_env.database_url("casework"), table, f"case_id = '{case_id}'")


async def snapshot(test_env: TestEnvironment, case_id: str) -> dict[str, Any]:
    """Everything an action could have written about a case."""
    tables = ["contacts", "action_plans", "interventions", "evidence", "referrals", "timeline"]
    [case] = await sql(
        test_env,
        "SELECT status, version, outcome, closed_at, contact_frequency_days FROM cases"
        " WHERE id = $1",
        uuid.UUID(case_id),
    )
    outbox = await count_rows(
        test_env.database_url("casework"),
        "outbox",
        f"payload::jsonb->'data'->>'case_id' = '{case_id}'",
    )
    return {
        **dict(case),
        "outbox": outbox,
        **{t: await rows_on(test_env, t, case_id) for t in tables},
    }


def events_for(seen: list[Envelope], event_type: str, case_id: str) -> Any:
    async def matching() -> list[Envelope]:
        return [e for e in seen if e.type == event_type and e.data.get("case_id") == case_id]

    return matching


def contact_body(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "with_whom": "complainant",
        "method": "phone",
        "contacted_at": (now() - timedelta(hours=1)).isoformat(),
        "summary": "Spoke to Sam; the noise carried on until 2am on Saturday.",
    }
    return body | changes


def plan_body(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "actions": [
            {"action": "Keep a noise diary", "owner": "complainant", "due_date": "2026-12-15"},
            {"action": "Visit the subject", "owner": OFFICER, "due_date": "2026-12-10"},
        ],
        "contact_method": "phone",
        "contact_frequency_days": 14,
        "agreed_with_complainant_at": (now() - timedelta(minutes=30)).isoformat(),
    }
    return body | changes


def intervention_body(kind: str = "warning_letter", **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"kind": kind, "on_date": today().isoformat(), "owner": OFFICER}
    return body | changes


def evidence_body(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "kind": "audio",
        "origin": "officer upload",
        "description": "Noise app recording, Saturday 01:40",
        "sha256": SHA,
    }
    return body | changes


def closure_body(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "outcome": "resolved",
        "reason": "The music stopped after the warning letter; no reports for six weeks.",
        "discussed_with_complainant_at": (now() - timedelta(minutes=10)).isoformat(),
    }
    return body | changes


def corroboration_body(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "method": "patrol",
        "what": "Evening patrol of the landing and the car park",
        "attempted_at": (now() - timedelta(days=1)).isoformat(),
        "result": "Nothing seen or heard between 21:00 and 23:00.",
    }
    return body | changes
