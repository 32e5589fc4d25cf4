"""The gateway's projection follows casework's events, newest version winning, and never keeps
a complainant's free-text safe-contact note."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import asyncpg
from asb_shared.contracts.casework import (
    CaseAssigned,
    CaseClosedV2,
    CaseOpenedV2,
    CaseStatusChanged,
    ContactRecord,
)
from asb_shared.contracts.common import AsbCategory
from asb_shared.messaging import Outbox
from asb_shared.testing import count_rows, eventually, publish_event


def opened(case_id: uuid.UUID, version: int, status: str, named: bool = False) -> CaseOpenedV2:
    return CaseOpenedV2(
        case_id=case_id,
        case_reference="CASE-2026-000300",
        version=version,
        status=status,
        categories=[AsbCategory.DRUGS],
        report_id=uuid.uuid4(),
        report_reference="ASB-2026-000300",
        opened_at=datetime.now(UTC),
        anonymous=not named,
        complainant=ContactRecord(person_id=uuid.uuid4(), name="Jo Victim", phone="07700900999")
        if named
        else None,
    )


async def test_the_projection_keeps_the_newest_version_of_a_case(gateway, org) -> None:  # type: ignore[no-untyped-def]
    case_id = uuid.uuid4()
    await publish_event(gateway.env, opened(case_id, 2, "open"), organisation_id=org)
    late = await publish_event(gateway.env, opened(case_id, 1, "received"), organisation_id=org)
    await eventually(lambda: count_rows(gateway.db_url, "inbox", f"event_id = '{late.id}'"))

    [case] = (await gateway.api.get("/v1/shared-cases", headers=gateway.staff(org))).json()["items"]
    assert case["case_id"] == str(case_id)
    assert case["version"] == 2
    assert case["status"] == "open"
    officer = gateway.staff(org, "officer")
    assert (await gateway.api.get("/v1/shared-cases", headers=officer)).status_code == 403


async def test_events_arriving_before_the_opening_lose_nothing(gateway, org) -> None:  # type: ignore[no-untyped-def]
    case_id = uuid.uuid4()
    common = {"case_id": case_id, "case_reference": "CASE-2026-000301"}
    await publish_event(
        gateway.env,
        CaseStatusChanged(
            **common,
            version=3,
            status="investigating",
            previous_status="open",
            command="start_investigation",
        ),
        organisation_id=org,
    )
    await publish_event(
        gateway.env,
        CaseAssigned(
            **common,
            version=2,
            status="open",
            officer_id="o1",
            officer_name="Pat Officer",
            reason="new",
        ),
        organisation_id=org,
    )
    await gateway.open_case(org, [AsbCategory.NOISE])  # another case, to show isolation
    await publish_event(gateway.env, opened(case_id, 1, "received"), organisation_id=org)

    async def settled() -> bool:
        case = await gateway.projected(org, case_id, version=3)
        return bool(case["categories"] == ["drugs"])

    await eventually(settled)
    case = await gateway.projected(org, case_id, version=3)
    assert case["status"] == "investigating"  # the stale assignment and opening did not win
    closed = CaseClosedV2(
        **common,
        version=4,
        status="closed",
        outcome="resolved",
        reason="Behaviour stopped",
        closed_at=datetime.now(UTC),
        anonymous=True,
    )
    await publish_event(gateway.env, closed, organisation_id=org)
    assert (await gateway.projected(org, case_id, version=4))["status"] == "closed"


async def test_the_free_text_safe_contact_note_is_never_kept(gateway, org) -> None:  # type: ignore[no-untyped-def]
    note = "Never ring the landline: he listens in. Text only after 6pm"
    case_id = uuid.uuid4()
    event = opened(case_id, 1, "open", named=True)
    # The note has no place in the contract: sent all the same (as by a faulty producer), it is
    # an unknown field, dropped.
    sent = Outbox("casework").envelope(event, organisation_id=org)
    complainant = {**sent.data["complainant"], "note": note, "safe_contact": note}
    sent = sent.model_copy(update={"data": {**sent.data, "complainant": complainant}})
    await publish_event(gateway.env, event, organisation_id=org, envelope=sent)
    await gateway.projected(org, case_id)
    conn = await asyncpg.connect(gateway.db_url.replace("+asyncpg", ""))
    try:
        row = await conn.fetchval(
            "SELECT row_to_json(s)::text FROM shared_cases s WHERE case_id = $1", case_id
        )
    finally:
        await conn.close()
    assert "Jo Victim" in row  # the complainant is known...
    assert "Text only after 6pm" not in row and "landline" not in row  # ...but not the note


async def test_an_event_under_another_landlord_never_changes_the_case(gateway, org) -> None:  # type: ignore[no-untyped-def]
    case_id = uuid.uuid4()
    await publish_event(gateway.env, opened(case_id, 1, "received"), organisation_id=org)
    await gateway.projected(org, case_id)
    other = uuid.uuid4()
    stray = CaseAssigned(
        case_id=case_id,
        case_reference="CASE-2026-000300",
        version=2,
        status="open",
        officer_id="o9",
        officer_name="Someone Else",
        reason="not theirs",
    )
    sent = await publish_event(gateway.env, stray, organisation_id=other)
    await eventually(lambda: count_rows(gateway.db_url, "inbox", f"event_id = '{sent.id}'"))

    case = await gateway.projected(org, case_id)
    assert (case["version"], case["status"]) == (1, "received")
    assert "Someone Else" not in str(case)
    theirs = await gateway.api.get("/v1/shared-cases", headers=gateway.staff(other))
    assert theirs.json()["items"] == []
