"""A victim-service referral (Victim Support or a local service) reaches the landlord's
victim-service partner under its agreement, and the partner's acknowledgement goes back to the
case."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from asb_shared.contracts.casework import SafeguardingReferralMade
from asb_shared.contracts.common import AsbCategory
from asb_shared.testing import captured_events, eventually, publish_event
from gateway_samples import Gateway

PROGRESS = "partners.safeguarding_referral.progressed"


async def test_a_victim_service_referral_is_acknowledged_by_the_partner(
    gateway: Gateway, org: uuid.UUID
) -> None:
    service = await gateway.partner(
        org, name="Victim Support Greater Manchester", kind="victim_service"
    )
    await gateway.agreement(
        org, service["id"], categories=["noise"], fields=["reference"], scopes=["safeguarding"]
    )
    # A MASH partner of the same landlord never receives it.
    mash = await gateway.partner(org, name="Stockport MASH", kind="mash")
    await gateway.agreement(org, mash["id"], categories=["noise"], scopes=["safeguarding"])
    headers = await gateway.token(await gateway.credentials(org, service["id"]))
    mash_headers = await gateway.token(await gateway.credentials(org, mash["id"]))
    case_id = await gateway.open_case(org, [AsbCategory.NOISE])
    made = SafeguardingReferralMade(
        referral_id=uuid.uuid4(),
        case_id=case_id,
        case_reference="CASE-2026-000778",
        kind="victim_service",
        person_name="Sam Victim",
        reason="Harassed for months; agrees to support",
        referred_by="Pat Officer",
        referred_at=datetime.now(UTC),
    )
    async with captured_events(gateway.env, PROGRESS) as seen:
        await publish_event(gateway.env, made, organisation_id=org)
        await eventually(lambda: _stages(seen, org, {"delivered"}))
        [item] = (
            await gateway.api.get("/partner/v1/safeguarding-referrals", headers=headers)
        ).json()
        assert item["kind"] == "victim_service" and item["person_name"] == "Sam Victim"
        assert (
            await gateway.api.get("/partner/v1/safeguarding-referrals", headers=mash_headers)
        ).json() == []
        ack = await gateway.api.post(
            f"/partner/v1/safeguarding-referrals/{item['id']}/acknowledgement",
            json={"acknowledged_by": "Victim Support caseworker"},
            headers={**headers, "Idempotency-Key": f"ack-{uuid.uuid4()}"},
        )
        assert ack.status_code == 200, ack.text
        await eventually(lambda: _stages(seen, org, {"delivered", "acknowledged"}))
    last = [e for e in seen if e.organisation_id == org][-1]
    assert last.data["stage"] == "acknowledged"
    assert last.data["kind"] == "victim_service"
    assert last.data["partner_name"] == "Victim Support Greater Manchester"


async def _stages(seen: list, org: uuid.UUID, wanted: set[str]) -> bool:  # type: ignore[type-arg]
    return {e.data["stage"] for e in seen if e.organisation_id == org} == wanted
