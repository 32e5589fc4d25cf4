"""A partner agency's referral to the landlord becomes a report, through the real bus."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import httpx
from asb_shared.contracts.common import AsbCategory, Location, Person
from asb_shared.contracts.partner_gateway import PartnerReferralReceived
from asb_shared.messaging import Envelope
from asb_shared.testing import TestEnvironment, eventually, publish_event
from intake_samples import ORG


def _referral(**changes: object) -> PartnerReferralReceived:
    values: dict[str, object] = {
        "referral_id": uuid.uuid4(),
        "partner_id": uuid.uuid4(),
        "partner_name": "Greater Manchester Police",
        "agreement_id": uuid.uuid4(),
        "categories": [AsbCategory.DRUGS],
        "description": "Repeated calls about drug dealing from the ground-floor flat at night.",
        "location": Location(address="3 Example Walk, Stockport", postcode="SK1 2AB"),
        "occurred_at": datetime.now(UTC) - timedelta(days=1),
        "subjects": [Person(name="J. Doe", description="male, 30s")],
        "referred_by": "PC 1234 Smith",
        "received_at": datetime.now(UTC),
    }
    return PartnerReferralReceived.model_validate(values | changes)


async def test_a_partner_referral_is_a_report_reached_only_through_the_officer(
    client: httpx.AsyncClient, test_env: TestEnvironment, seen: list[Envelope]
) -> None:
    referral = _referral()
    await publish_event(test_env, referral, organisation_id=ORG)

    async def received() -> list[Envelope]:
        return [
            e
            for e in seen
            if e.type == "intake.report.received"
            and e.data["channel"] == "partner"
            and e.data["description"] == referral.description
        ]

    [report] = await eventually(received)
    assert report.organisation_id == ORG
    assert report.data["received_by"] == "partner:Greater Manchester Police"
    assert report.data["subjects"] == [
        {"name": "J. Doe", "address": None, "description": "male, 30s"}
    ]
    reporter = report.data["reporter"]
    assert reporter["name"] == "PC 1234 Smith (Greater Manchester Police)"
    assert reporter["preferences"]["only_through_officer"] is True
    assert reporter["email"] is None and reporter["phone"] is None
