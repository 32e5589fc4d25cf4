"""What partner agencies do on a shared case reaches its timeline, in their name."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import httpx
from asb_shared.contracts.partner_gateway import (
    ConferenceActionUpdated,
    PartnerUpdatePosted,
    SafeguardingReferralProgressed,
)
from asb_shared.testing import TestEnvironment, eventually, publish_event
from casework.partners import news
from casework_samples import ORG, OTHER_ORG, bearer, open_case, sql

POLICE = uuid.uuid4()


def _progress(stage: str, **changes: object) -> SafeguardingReferralProgressed:
    values: dict[str, object] = {
        "referral_id": uuid.uuid4(),
        "case_id": uuid.uuid4(),
        "case_reference": "CASE-2026-000001",
        "kind": "mash",
        "stage": stage,
        "partner_name": "Stockport MASH",
        "at": datetime.now(UTC),
    }
    return SafeguardingReferralProgressed.model_validate(values | changes)


def test_an_undeliverable_referral_tells_the_officer_to_act() -> None:
    assert news.safeguarding_progressed(_progress("undeliverable", partner_name=None)) == (
        "MASH referral could not be delivered: no MASH partner has an agreement in force."
        " Make the referral another way today."
    )
    assert news.safeguarding_progressed(_progress("acknowledged")) == (
        "MASH referral acknowledged by Stockport MASH"
    )
    assert news.safeguarding_progressed(
        _progress("outcome_recorded", kind="marac", outcome="safety plan agreed")
    ) == ("MARAC referral outcome from Stockport MASH: safety plan agreed")


async def test_partner_updates_safeguarding_progress_and_conference_actions_reach_the_case(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    case_id, _ = await open_case(client, test_env, status="investigating")
    other_id, _ = await open_case(client, test_env, org=OTHER_ORG)
    now = datetime.now(UTC)
    await publish_event(
        test_env,
        PartnerUpdatePosted(
            update_id=uuid.uuid4(),
            case_id=uuid.UUID(case_id),
            case_reference="CASE-X",
            partner_id=POLICE,
            partner_name="Greater Manchester Police",
            agreement_id=uuid.uuid4(),
            kind="action",
            action="warning_issued",
            text="Verbal warning given to the occupier of flat 12.",
            occurred_at=now,
            posted_at=now,
        ),
        organisation_id=ORG,
    )
    await publish_event(
        test_env,
        _progress("undeliverable", case_id=uuid.UUID(case_id), partner_name=None),
        organisation_id=ORG,
    )
    # Claiming another landlord's case changes nothing there.
    elsewhere = await publish_event(
        test_env,
        ConferenceActionUpdated(
            action_id=uuid.uuid4(),
            conference_id=uuid.uuid4(),
            case_id=uuid.UUID(other_id),
            case_reference="CASE-Y",
            partner_id=POLICE,
            partner_name="Greater Manchester Police",
            description="Joint visit",
            status="done",
            due_on=date(2026, 12, 1),
            updated_at=now,
        ),
        organisation_id=ORG,
    )

    async def recorded() -> list[dict[str, object]] | None:
        response = await client.get(
            f"/v1/cases/{case_id}/timeline", headers=bearer(test_env, "officer")
        )
        entries = [e for e in response.json() if str(e["kind"]).startswith(("partner", "safeg"))]
        return entries if len(entries) == 2 else None

    entries = {str(e["kind"]): e for e in await eventually(recorded)}
    action = entries["partner_action"]
    assert action["actor"] == "Greater Manchester Police"
    assert action["summary"] == (
        "Greater Manchester Police: warning issued. Verbal warning given to the occupier of flat 12."
    )
    assert "could not be delivered" in str(
        entries["safeguarding_referral_undeliverable"]["summary"]
    )
    handled = "SELECT count(*) AS n FROM inbox WHERE event_id = $1"
    await eventually(lambda: _one(test_env, handled, elsewhere.id))
    untouched = await sql(
        test_env,
        "SELECT count(*) AS n FROM timeline WHERE case_id = $1 AND kind = 'conference_action'",
        uuid.UUID(other_id),
    )
    assert untouched[0]["n"] == 0


async def _one(test_env: TestEnvironment, query: str, *args: object) -> bool:
    return bool((await sql(test_env, query, *args))[0]["n"] == 1)
