"""Referrals: Positive Engagement is announced; MARAC is for domestic abuse cases."""

from __future__ import annotations

import uuid

import httpx
from asb_shared.contracts.common import AsbCategory
from asb_shared.messaging import Envelope
from asb_shared.testing import TestEnvironment, eventually
from casework_samples import (
    OFFICER,
    REFERRAL,
    bearer,
    events_for,
    open_case,
    snapshot,
    sql,
)

SAFEGUARDING = "casework.safeguarding_referral.made"


async def test_referrals_to_engagement_are_announced_and_marac_needs_domestic_abuse(
    client: httpx.AsyncClient, test_env: TestEnvironment, seen: list[Envelope]
) -> None:
    case_id, _ = await open_case(client, test_env, status="investigating")
    headers = bearer(test_env, "officer")
    base = f"/v1/cases/{case_id}/referrals"
    engagement = await client.post(
        base,
        json={
            "kind": "engagement",
            "person_name": "Alex Subject",
            "reason": "Alcohol-related noise; keen to keep the tenancy",
            "details": {"consent": "verbal", "needs": ["alcohol", "debt"]},
        },
        headers=headers,
    )
    assert engagement.status_code == 201, engagement.text
    assert engagement.json()["details"] == {"consent": "verbal", "needs": ["alcohol", "debt"]}
    [event] = await eventually(events_for(seen, REFERRAL, case_id))
    assert event.data["referral_id"] == engagement.json()["id"]
    assert event.data["subject_name"] == "Alex Subject"
    assert event.data["requested_by"] == OFFICER

    mash = await client.post(
        base,
        json={"kind": "mash", "person_name": "A child at the flat", "reason": "Neglect seen"},
        headers=headers,
    )
    assert mash.status_code == 201

    before = await snapshot(test_env, case_id)
    marac = {"kind": "marac", "person_name": "Victim", "reason": "High risk DASH score"}
    refused = await client.post(base, json=marac, headers=headers)
    assert refused.status_code == 422
    assert refused.json()["error"]["details"][0]["field"] == "kind"
    assert await snapshot(test_env, case_id) == before

    abuse, _ = await open_case(client, test_env, categories=[AsbCategory.DOMESTIC_ABUSE])
    # MARAC takes high-risk domestic abuse: the victim was assessed as high risk.
    await sql(test_env, "UPDATE cases SET risk_level = 'high' WHERE id = $1", uuid.UUID(abuse))
    accepted = await client.post(f"/v1/cases/{abuse}/referrals", json=marac, headers=headers)
    assert accepted.status_code == 201, accepted.text

    listed = (await client.get(base, headers=headers)).json()["items"]
    assert [r["kind"] for r in listed] == ["mash", "engagement"]
    # Only the engagement referral is announced (to the engagement service).
    assert len(await events_for(seen, REFERRAL, case_id)()) == 1
    assert await events_for(seen, REFERRAL, abuse)() == []
    # MASH and MARAC go to the partner gateway, for the landlord's MASH or MARAC partner.
    [to_mash] = await eventually(events_for(seen, SAFEGUARDING, case_id))
    assert to_mash.data["kind"] == "mash"
    assert to_mash.data["person_name"] == "A child at the flat"
    [to_marac] = await eventually(events_for(seen, SAFEGUARDING, abuse))
    assert to_marac.data["kind"] == "marac"


async def test_a_victim_service_referral_goes_through_the_partner_gateway_and_its_news_comes_back(
    client: httpx.AsyncClient, test_env: TestEnvironment, seen: list[Envelope]
) -> None:
    from asb_shared.contracts.partner_gateway import SafeguardingReferralProgressed
    from asb_shared.testing import publish_event
    from casework_samples import ORG

    case_id, _ = await open_case(client, test_env, status="investigating")
    made = await client.post(
        f"/v1/cases/{case_id}/referrals",
        json={
            "kind": "victim_service",
            "person_name": "Sam Victim",
            "reason": "Harassed for months; agrees to support",
        },
        headers=bearer(test_env, "officer"),
    )
    assert made.status_code == 201, made.text
    [event] = await eventually(events_for(seen, SAFEGUARDING, case_id))
    assert event.data["kind"] == "victim_service"
    progressed = SafeguardingReferralProgressed(
        referral_id=uuid.UUID(made.json()["id"]),
        case_id=uuid.UUID(case_id),
        case_reference=event.data["case_reference"],
        kind="victim_service",
        stage="acknowledged",
        partner_name="Victim Support",
        at=event.occurred_at,
    )
    await publish_event(test_env, progressed, organisation_id=ORG)

    async def acknowledged() -> list[str]:
        rows = await sql(
            test_env,
            "SELECT summary FROM timeline WHERE case_id = $1 AND summary LIKE 'Victim service referral ack%'",
            uuid.UUID(case_id),
        )
        return [r["summary"] for r in rows]

    assert await eventually(acknowledged) == [
        "Victim service referral acknowledged by Victim Support"
    ]
