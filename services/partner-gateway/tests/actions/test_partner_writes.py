"""Partners post updates and referrals: each an event for the owning service, each write
idempotent, each audited."""

from __future__ import annotations

import uuid

from asb_shared.contracts.common import AsbCategory
from asb_shared.testing import captured_events, eventually
from gateway_samples import Gateway, complainant


async def _setup(gateway: Gateway, org: uuid.UUID):  # type: ignore[no-untyped-def]
    partner = await gateway.partner(org)
    agreement = await gateway.agreement(org, partner["id"], categories=["noise"])
    headers = await gateway.token(await gateway.credentials(org, partner["id"]))
    case_id = await gateway.open_case(org, [AsbCategory.NOISE], complainant=complainant())
    assert (await gateway.share(org, case_id, partner["id"], agreement["id"])).status_code == 201
    return partner, agreement, headers, case_id


UPDATE = {
    "kind": "action",
    "action": "warning_issued",
    "text": "Verbal warning given to the occupant of flat 12",
    "occurred_at": "2026-11-21T10:00:00Z",
    "posted_by": "PC 1234 Jones",
}


async def test_an_update_is_posted_once_however_often_it_is_retried(
    gateway: Gateway, org: uuid.UUID
) -> None:
    partner, agreement, headers, case_id = await _setup(gateway, org)
    async with captured_events(gateway.env, "partners.update.posted") as seen:
        write = {**headers, "Idempotency-Key": f"upd-{uuid.uuid4()}"}
        first = await gateway.api.post(
            f"/partner/v1/cases/{case_id}/updates", json=UPDATE, headers=write
        )
        again = await gateway.api.post(
            f"/partner/v1/cases/{case_id}/updates", json=UPDATE, headers=write
        )
        assert first.status_code == 201 and again.status_code == 201
        assert again.json() == first.json()
        changed = await gateway.api.post(
            f"/partner/v1/cases/{case_id}/updates",
            json={**UPDATE, "text": "Something else"},
            headers=write,
        )
        assert (
            changed.status_code == 422
            and changed.json()["error"]["code"] == "idempotency_key_reused"
        )
        await eventually(lambda: _at_least(seen, 1))
        missing = await gateway.api.post(
            f"/partner/v1/cases/{case_id}/updates", json=UPDATE, headers=headers
        )
        assert missing.status_code == 422
    [event] = [e for e in seen if e.organisation_id == org]
    assert event.data["partner_name"] == partner["name"]
    assert event.data["case_id"] == str(case_id)
    assert event.data["action"] == "warning_issued"
    assert event.data["agreement_id"] == agreement["id"]
    writes = [
        e for e in await gateway.audit(org, partner_id=partner["id"]) if e["action"] == "write"
    ]
    assert [w["outcome"] for w in writes if w["status_code"] == 201] == ["allowed"]


async def test_no_update_on_a_case_not_shared_and_none_half_written(
    gateway: Gateway, org: uuid.UUID
) -> None:
    _, _, headers, _ = await _setup(gateway, org)
    other = await gateway.open_case(org, [AsbCategory.NOISE])
    answer = await gateway.api.post(
        f"/partner/v1/cases/{other}/updates",
        json=UPDATE,
        headers={**headers, "Idempotency-Key": f"x-{uuid.uuid4()}"},
    )
    assert answer.status_code == 404
    refused = [e for e in await gateway.audit(org, case_id=str(other)) if e["action"] == "write"]
    assert refused and refused[0]["outcome"] == "refused"
    bad = {**UPDATE, "text": "nul\x00byte"}
    answer = await gateway.api.post(
        f"/partner/v1/cases/{other}/updates",
        json=bad,
        headers={**headers, "Idempotency-Key": f"y-{uuid.uuid4()}"},
    )
    assert answer.status_code == 422


async def test_referrals_become_events_for_intake_and_engagement(
    gateway: Gateway, org: uuid.UUID
) -> None:
    partner, _, headers, case_id = await _setup(gateway, org)
    async with captured_events(
        gateway.env, "partners.referral.received", "partners.engagement_referral.received"
    ) as seen:
        to_landlord = {
            "to": "landlord",
            "categories": ["drugs"],
            "description": "Suspected cuckooing at 4 Example Court",
            "location": {"address": "4 Example Court", "postcode": "SK1 3XE"},
            "referred_by": "PC 1234 Jones",
        }
        answer = await gateway.api.post(
            "/partner/v1/referrals",
            json=to_landlord,
            headers={**headers, "Idempotency-Key": f"r-{uuid.uuid4()}"},
        )
        assert answer.status_code == 201, answer.text
        to_peo = {
            "to": "engagement",
            "person_name": "Alex Subject",
            "description": "Alcohol misuse behind repeated noise",
            "criteria": ["alcohol"],
            "case_id": str(case_id),
            "referred_by": "PC 1234 Jones",
        }
        answer = await gateway.api.post(
            "/partner/v1/referrals",
            json=to_peo,
            headers={**headers, "Idempotency-Key": f"r-{uuid.uuid4()}"},
        )
        assert answer.status_code == 201, answer.text
        await eventually(lambda: _at_least(seen, 2))
    by_type = {e.type: e for e in seen if e.organisation_id == org}
    assert by_type["partners.referral.received"].data["partner_name"] == partner["name"]
    assert by_type["partners.referral.received"].data["categories"] == ["drugs"]
    assert by_type["partners.engagement_referral.received"].data["person_name"] == "Alex Subject"
    assert by_type["partners.engagement_referral.received"].data["case_id"] == str(case_id)


async def _at_least(items: list[object], n: int) -> bool:
    return len(items) >= n
