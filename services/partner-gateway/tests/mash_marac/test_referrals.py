"""Casework's MASH and MARAC referrals reach the partner as its agreement allows, and its
acknowledgement and outcome go back to the case as events."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from asb_shared.contracts.casework import SafeguardingReferralMade
from asb_shared.contracts.common import AsbCategory
from asb_shared.testing import captured_events, eventually, publish_event
from gateway_samples import Gateway, complainant

PROGRESS = "partners.safeguarding_referral.progressed"


def referral(case_id: uuid.UUID, kind: str) -> SafeguardingReferralMade:
    return SafeguardingReferralMade(
        referral_id=uuid.uuid4(),
        case_id=case_id,
        case_reference="CASE-2026-000777",
        kind=kind,
        person_name="Child A",
        reason="Neglect seen at a home visit",
        details="Two children, 4 and 7, alone overnight; mother's partner is the subject",
        referred_by="Pat Officer",
        referred_at=datetime.now(UTC),
    )


async def test_a_mash_referral_is_delivered_acknowledged_and_answered(
    gateway: Gateway, org: uuid.UUID
) -> None:
    mash = await gateway.partner(org, name="Stockport MASH", kind="mash")
    await gateway.agreement(
        org,
        mash["id"],
        categories=["noise"],
        fields=["reference", "status"],
        scopes=["safeguarding", "cases:read"],
    )
    headers = await gateway.token(await gateway.credentials(org, mash["id"]))
    case_id = await gateway.open_case(org, [AsbCategory.NOISE], complainant=complainant())
    made = referral(case_id, "mash")
    async with captured_events(gateway.env, PROGRESS) as seen:
        await publish_event(gateway.env, made, organisation_id=org)
        await eventually(lambda: _stages(seen, org, {"delivered"}))
        listed = (
            await gateway.api.get("/partner/v1/safeguarding-referrals", headers=headers)
        ).json()
        [item] = listed
        assert item["person_name"] == "Child A" and item["case_id"] == str(case_id)
        assert "details" not in item  # the agreement does not list the safeguarding field
        ack = await gateway.api.post(
            f"/partner/v1/safeguarding-referrals/{item['id']}/acknowledgement",
            json={"acknowledged_by": "MASH duty social worker"},
            headers={**headers, "Idempotency-Key": f"ack-{uuid.uuid4()}"},
        )
        assert ack.status_code == 200, ack.text
        outcome = await gateway.api.post(
            f"/partner/v1/safeguarding-referrals/{item['id']}/outcome",
            json={"outcome": "Strategy meeting held; child protection plan"},
            headers={**headers, "Idempotency-Key": f"out-{uuid.uuid4()}"},
        )
        assert outcome.status_code == 200
        await eventually(
            lambda: _stages(seen, org, {"delivered", "acknowledged", "outcome_recorded"})
        )
    last = [e for e in seen if e.organisation_id == org][-1]
    assert last.data["referral_id"] == str(made.referral_id)
    assert last.data["outcome"] == "Strategy meeting held; child protection plan"
    assert last.data["partner_name"] == "Stockport MASH"


async def test_with_no_marac_partner_in_force_the_case_is_told(
    gateway: Gateway, org: uuid.UUID
) -> None:
    marac = await gateway.partner(org, name="MARAC", kind="marac")
    agreement = await gateway.agreement(
        org, marac["id"], categories=["domestic_abuse"], scopes=["safeguarding"]
    )
    await gateway.withdraw(org, agreement["id"])
    case_id = await gateway.open_case(org, [AsbCategory.DOMESTIC_ABUSE])
    async with captured_events(gateway.env, PROGRESS) as seen:
        await publish_event(gateway.env, referral(case_id, "marac"), organisation_id=org)
        await eventually(lambda: _stages(seen, org, {"undeliverable"}))
    [event] = [e for e in seen if e.organisation_id == org]
    assert event.data["partner_id"] is None
    assert "MARAC" in event.data["note"]


async def _stages(seen: list, org: uuid.UUID, wanted: set[str]) -> bool:  # type: ignore[type-arg]
    return {e.data["stage"] for e in seen if e.organisation_id == org} == wanted
