"""Reports are numbered per landlord with its prefix, and a landlord that is not on the platform
(unknown or inactive) cannot be reported to through any public channel."""

from __future__ import annotations

import asyncio
import re
import uuid
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from asb_shared.contracts.common import AsbCategory, Location
from asb_shared.contracts.partner_gateway import PartnerReferralReceived
from asb_shared.organisations import REPORT_REFERENCE
from asb_shared.testing import TestEnvironment, count_rows, eventually, publish_event
from intake_samples import report


def _numbers(references: list[str], prefix: str) -> list[int]:
    numbers = []
    for reference in references:
        assert re.match(REPORT_REFERENCE, reference), reference
        head, _year, number = reference.split("-")
        assert head == prefix
        numbers.append(int(number))
    return numbers


async def test_two_landlords_number_their_reports_independently_even_at_once(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    one = test_env.register_organisation(prefix="ONEH")
    two = test_env.register_organisation(prefix="TWOH")

    async def post(org: uuid.UUID) -> str:
        response = await client.post("/v1/reports", json=report(organisation_id=str(org)))
        assert response.status_code == 201, response.text
        return str(response.json()["reference"])

    first = await post(one.id)
    assert _numbers([first], "ONEH") == [1]
    together = await asyncio.gather(*(post(o.id) for o in (one, two) * 10))
    ones = [first] + [r for r in together if r.startswith("ONEH-")]
    twos = [r for r in together if r.startswith("TWOH-")]
    assert sorted(_numbers(ones, "ONEH")) == list(range(1, 12))
    assert sorted(_numbers(twos, "TWOH")) == list(range(1, 11))


async def test_the_references_from_before_prefixes_still_reach_their_reports(
    client: httpx.AsyncClient,
) -> None:
    # A reference of the old form is looked up (and not found here), not refused as malformed.
    old = await client.get(
        "/v1/reports/ASB-1999-000001/status", headers={"X-Tracking-Token": "x" * 20}
    )
    assert old.status_code == 404


def _unknown_or_inactive(test_env: TestEnvironment) -> list[tuple[uuid.UUID, str]]:
    inactive = test_env.register_organisation(active=False).id
    return [(uuid.uuid4(), "organisation_unknown"), (inactive, "organisation_inactive")]


def _refused_naming(response: httpx.Response, field: str, code: str) -> None:
    assert response.status_code == 422, response.text
    [detail] = response.json()["error"]["details"]
    assert (detail["field"], detail["type"]) == (field, code)


async def test_a_web_report_for_a_landlord_not_on_the_platform_is_refused(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    for org, code in _unknown_or_inactive(test_env):
        body = report(organisation_id=str(org))
        _refused_naming(await client.post("/v1/reports", json=body), "organisation_id", code)
        assert (
            await count_rows(
                test_env.database_url("intake"), "reports", f"organisation_id = '{org}'"
            )
            == 0
        )


async def test_a_webchat_transcript_for_a_landlord_not_on_the_platform_is_refused(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    for org, code in _unknown_or_inactive(test_env):
        body: dict[str, Any] = {
            "organisation_id": str(org),
            "session_id": f"chat-{uuid.uuid4()}",
            "transcript": [
                {
                    "speaker": "resident",
                    "at": "2026-11-22T20:00:30Z",
                    "text": "People are dealing drugs from the empty flat next door.",
                }
            ],
            "categories": ["drugs"],
            "location": {"address": "12 Example Road", "postcode": "SK1 3XE"},
            "anonymous": True,
        }
        answer = await client.post(
            "/v1/webchat/transcripts", json=body, headers={"X-Api-Key": "chat-backend-secret"}
        )
        _refused_naming(answer, "organisation_id", code)


async def test_a_case_review_for_a_landlord_not_on_the_platform_is_refused(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    for org, code in _unknown_or_inactive(test_env):
        body = {
            "organisation_id": str(org),
            "applicant": {"name": "Chris Complainant", "email": "chris@example.org"},
            "report_references": ["ASB-2026-000101", "HX-2026-000102", "ab-2026-000103"],
            "description": "I have reported the same noise three times since June.",
        }
        _refused_naming(await client.post("/v1/case-reviews", json=body), "organisation_id", code)


@pytest.mark.parametrize("reference", ["ASB-2026-000101", "hx-2026-000102", "NORTHF-2026-1234567"])
async def test_a_case_review_names_reports_by_either_form_of_reference(
    client: httpx.AsyncClient, test_env: TestEnvironment, reference: str
) -> None:
    body = report()  # the sample landlord, on the platform
    made = await client.post(
        "/v1/case-reviews",
        json={
            "organisation_id": body["organisation_id"],
            "applicant": {"name": "Chris Complainant", "email": "chris@example.org"},
            "report_references": [reference, "ASB-2026-000001", "DEV-2026-000002"],
            "description": "I have reported the same noise three times since June.",
        },
    )
    assert made.status_code == 201, made.text


async def test_a_partners_referral_for_a_landlord_not_heard_of_yet_is_still_taken(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    org = uuid.uuid4()  # events come in any order: the landlord's may not have arrived yet
    await publish_event(
        test_env,
        PartnerReferralReceived(
            referral_id=uuid.uuid4(),
            partner_id=uuid.uuid4(),
            partner_name="Police",
            agreement_id=uuid.uuid4(),
            categories=[AsbCategory.DRUGS],
            description="Drug dealing reported to us at the flats by several neighbours.",
            location=Location(address="3 Example Road", postcode="SK1 3XE"),
            referred_by="PC Example",
            received_at=datetime.now(UTC),
        ),
        organisation_id=org,
        producer="partner-gateway",
    )
    where = f"organisation_id = '{org}' AND reference LIKE 'ASB-%'"
    await eventually(
        lambda: count_rows(test_env.database_url("intake"), "reports", where), timeout=30
    )


async def test_a_refused_report_takes_no_number_and_a_referral_for_a_landlord_gone_keeps_its_prefix(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    landlord = test_env.register_organisation(prefix="GONEH")
    first = await client.post("/v1/reports", json=report(organisation_id=str(landlord.id)))
    assert _numbers([first.json()["reference"]], "GONEH") == [1]
    test_env.register_organisation(landlord.id, active=False)
    refused = await client.post("/v1/reports", json=report(organisation_id=str(landlord.id)))
    _refused_naming(refused, "organisation_id", "organisation_inactive")
    # An event is never refused: the referral is numbered in the landlord's own series, next
    # after the first report (the refused request took no number).
    await publish_event(
        test_env,
        PartnerReferralReceived(
            referral_id=uuid.uuid4(),
            partner_id=uuid.uuid4(),
            partner_name="Police",
            agreement_id=uuid.uuid4(),
            categories=[AsbCategory.DRUGS],
            description="Drug dealing reported to us at the flats by several neighbours.",
            location=Location(address="3 Example Road", postcode="SK1 3XE"),
            referred_by="PC Example",
            received_at=datetime.now(UTC),
        ),
        organisation_id=landlord.id,
        producer="partner-gateway",
    )
    where = f"organisation_id = '{landlord.id}' AND reference LIKE 'GONEH-____-000002'"
    await eventually(
        lambda: count_rows(test_env.database_url("intake"), "reports", where), timeout=30
    )
    assert (
        await count_rows(
            test_env.database_url("intake"), "reports", f"organisation_id = '{landlord.id}'"
        )
        == 2
    )
