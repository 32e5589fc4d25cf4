"""Priority routes do something: domestic abuse goes to an officer with the skill (then patch,
then caseload); a flagged report still gets an officer; hate incidents record what was targeted."""

from __future__ import annotations

import uuid

import httpx
from asb_shared.contracts.common import AsbCategory, Location
from asb_shared.testing import TestEnvironment, publish_event
from casework_samples import bearer, case_of, received


async def register(
    client: httpx.AsyncClient,
    test_env: TestEnvironment,
    org: uuid.UUID,
    officers: list[tuple[str, list[str], list[str]]],
) -> None:
    leader = bearer(test_env, "team_leader", org=org)
    for subject, patches, skills in officers:
        put = await client.put(
            f"/v1/officers/{subject}",
            json={"name": subject.title(), "patches": patches, "skills": skills, "team": "North"},
            headers=leader,
        )
        assert put.status_code == 200, put.text
        assert put.json()["skills"] == sorted(skills)


async def test_domestic_abuse_goes_to_the_da_skilled_officer_then_patch_then_caseload(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    org = uuid.uuid4()
    await register(
        client,
        test_env,
        org,
        [
            ("ann", ["SK1"], []),  # covers the patch, no DA skill
            ("dee", ["M1"], ["domestic_abuse"]),  # DA skill, another patch
            ("dan", ["SK1"], ["domestic_abuse"]),  # DA skill and the patch
        ],
    )
    sk1 = Location(address=f"{uuid.uuid4().hex[:6]} Skill Street", postcode="SK1 2AA")

    async def officer_for(
        ref: str, categories: list[AsbCategory], description: str, loc: Location
    ) -> str:
        await publish_event(
            test_env,
            received(ref, categories=categories, description=description, location=loc),
            organisation_id=org,
        )
        case = await case_of(client, test_env, ref, org)
        return str(case["officer_id"])

    da = [AsbCategory.DOMESTIC_ABUSE]
    assert await officer_for("ASB-2026-660001", da, "My partner hit me", sk1) == "dan"
    # Dan now has one case: the next DA case in SK1 still prefers the skilled officer in the
    # patch over an unskilled one with fewer cases.
    other = Location(address=f"{uuid.uuid4().hex[:6]} Other Road", postcode="SK1 3AA")
    assert await officer_for("ASB-2026-660002", da, "Ex-partner threatening me", other) == "dan"
    # Outside any skilled officer's patch: a skilled officer, the one with the fewest cases.
    far = Location(address=f"{uuid.uuid4().hex[:6]} Far Lane", postcode="WA1 1AA")
    assert await officer_for("ASB-2026-660003", da, "Domestic abuse next door", far) == "dee"
    # An ordinary case in SK1 goes by patch and caseload: Ann has none.
    noise = Location(address=f"{uuid.uuid4().hex[:6]} Noise Row", postcode="SK1 4AA")
    assert await officer_for("ASB-2026-660004", [AsbCategory.NOISE], "Music at 3am", noise) == "ann"


async def test_a_flagged_report_still_gets_an_officer_and_hate_records_the_characteristic(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    org = uuid.uuid4()
    await register(client, test_env, org, [("fay", ["SK3"], ["hate_incident"])])
    loc = Location(address=f"{uuid.uuid4().hex[:6]} Garden Way", postcode="SK3 1AA")
    await publish_event(
        test_env,
        received("ASB-2026-660101", description="Cats keep coming into my garden", location=loc),
        organisation_id=org,
    )
    flagged = await case_of(client, test_env, "ASB-2026-660101", org)
    assert flagged["may_not_be_asb"] is True
    assert flagged["officer_id"] == "fay"  # advice for the officer, not a dead end
    assert flagged["status"] == "triaged"  # until they confirm it as ASB or close it
    confirmed = await client.post(
        f"/v1/cases/{flagged['id']}/confirm-asb",
        json={"reason": "The cat is being used to intimidate: see the diary"},
        headers=bearer(test_env, "officer", org=org, subject="fay"),
    )
    assert confirmed.json()["status"] == "open"

    loc2 = Location(address=f"{uuid.uuid4().hex[:6]} Hate Street", postcode="SK3 2AA")
    await publish_event(
        test_env,
        received(
            "ASB-2026-660102",
            categories=[AsbCategory.VERBAL_ABUSE],
            description="Shouting racist abuse about my hijab and staring at me",
            location=loc2,
        ),
        organisation_id=org,
    )
    hate = await case_of(client, test_env, "ASB-2026-660102", org)
    assert hate["priority_route"] == "hate_incident"
    assert hate["may_not_be_asb"] is False
    assert hate["protected_characteristics"] == ["race", "religion_or_belief"]
    assert hate["officer_id"] == "fay"
