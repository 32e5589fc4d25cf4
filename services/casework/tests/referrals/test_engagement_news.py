"""What the case learns of Positive Engagement: status and outcome, on its timeline, only its own."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import httpx
from asb_shared.contracts.engagement import (
    EngagementOutcomeRecorded,
    EngagementReferralDecided,
    EngagementStatusChanged,
)
from asb_shared.testing import TestEnvironment, eventually, publish_event
from casework.referrals import engagement_news
from casework_samples import ORG, OTHER_ORG, bearer, open_case, sql


def test_the_words_on_the_timeline_say_status_and_outcome_in_plain_english() -> None:
    declined = EngagementReferralDecided(
        referral_id=uuid.uuid4(),
        decision="declined",
        decline_reason="client_declined",
        decided_at=datetime(2026, 11, 20, 10, tzinfo=UTC),
        within_standard=False,
    )
    assert engagement_news.referral_decided(declined) == (
        "Positive Engagement declined the referral: the person declined support"
        " (decided later than its service standard)"
    )
    changed = EngagementStatusChanged(
        client_id=uuid.uuid4(),
        client_reference="ENG-2026-000001",
        change="disengaged",
        status="disengaged",
        effective_on=date(2026, 11, 21),
        version=3,
    )
    assert engagement_news.engagement_changed(changed) == (
        "Positive Engagement: the subject disengaged on 21 Nov 2026"
    )
    outcome = EngagementOutcomeRecorded(
        client_id=uuid.uuid4(),
        client_reference="ENG-2026-000001",
        outcome="tenancy_sustained",
        recorded_on=date(2026, 11, 22),
        legal_action_avoided=True,
        version=4,
    )
    assert engagement_news.outcome_recorded(outcome) == (
        "Positive Engagement outcome: tenancy sustained (22 Nov 2026); legal action avoided"
    )


async def _timeline(
    client: httpx.AsyncClient, test_env: TestEnvironment, case_id: str
) -> list[dict[str, object]]:
    response = await client.get(
        f"/v1/cases/{case_id}/timeline", headers=bearer(test_env, "officer")
    )
    assert response.status_code == 200, response.text
    return list(response.json())


async def test_engagement_news_reaches_the_cases_of_its_organisation_and_no_other(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    case_id, _ = await open_case(client, test_env, status="investigating")
    other_id, _ = await open_case(client, test_env, org=OTHER_ORG)
    client_id = uuid.uuid4()
    await publish_event(
        test_env,
        EngagementReferralDecided(
            referral_id=uuid.uuid4(),
            case_id=uuid.UUID(case_id),
            decision="accepted",
            decided_at=datetime.now(UTC),
            within_standard=True,
            client_reference="ENG-2026-000007",
        ),
        organisation_id=ORG,
    )
    # Sent under this landlord, naming both cases: only this landlord's case hears of it.
    await publish_event(
        test_env,
        EngagementOutcomeRecorded(
            client_id=client_id,
            client_reference="ENG-2026-000007",
            case_ids=[uuid.UUID(case_id), uuid.UUID(other_id)],
            outcome="behaviour_stopped",
            recorded_on=date(2026, 11, 27),
            legal_action_avoided=False,
            version=5,
        ),
        organisation_id=ORG,
    )

    async def both_recorded() -> list[dict[str, object]] | None:
        entries = await _timeline(client, test_env, case_id)
        kinds = {e["kind"] for e in entries}
        return entries if {"engagement_referral_decided", "engagement_outcome"} <= kinds else None

    entries = await eventually(both_recorded)
    summaries = [e["summary"] for e in entries if str(e["kind"]).startswith("engagement")]
    assert "Positive Engagement accepted the referral" in summaries
    assert "Positive Engagement outcome: behaviour stopped (27 Nov 2026)" in summaries
    assert all(
        e["actor"] == "Positive Engagement Service"
        for e in entries
        if str(e["kind"]).startswith("engagement")
    )
    other = await sql(
        test_env,
        "SELECT count(*) AS n FROM timeline WHERE case_id = $1 AND kind LIKE 'engagement%'",
        uuid.UUID(other_id),
    )
    assert other[0]["n"] == 0
