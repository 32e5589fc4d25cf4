"""Each landlord's own lists in its versioned policy: what is often not ASB (and the advice),
the priority routes, the categories' published types, and the interventions catalogue; the
rules take the landlord's list, and every case keeps the version it was triaged under."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest
from asb_shared.contracts.common import AsbCategory
from asb_shared.testing import TestEnvironment, publish_event
from casework.policy.lists import (
    DEFAULT_CATEGORIES,
    DEFAULT_NOT_ASB,
    NotAsbEntry,
    PriorityRouteSetting,
    measure_type_of,
)
from casework.policy.settings import DEFAULT_POLICY, PolicySettings, problems
from casework.triage.not_asb import not_asb_advice
from casework.triage.priority import priority_route_of
from casework_samples import bearer, case_of, intervention_body, received
from pydantic import ValidationError

DOG_FOULING = "Dog fouling all over the path by the bins, left by the dog at number 4"
REASON = "NPH treats dog fouling as environmental ASB"


def test_the_default_list_is_livvs_and_a_landlord_may_take_an_entry_away() -> None:
    assert "dog_fouling" in {e.key for e in DEFAULT_NOT_ASB}
    assert not_asb_advice([AsbCategory.PETS_ANIMALS], DOG_FOULING) is not None
    nph = [e for e in DEFAULT_POLICY.not_asb if e.key != "dog_fouling"]
    assert not_asb_advice([AsbCategory.PETS_ANIMALS], DOG_FOULING, nph) is None


def test_a_landlords_own_entry_and_its_words() -> None:
    entry = NotAsbEntry(
        key="bins",
        label="bins left out",
        words=["bin|bins left out", "wheelie bin* & pavement"],
        advice="Bins left out are a matter for the council's waste team.",
    )
    assert not_asb_advice([AsbCategory.LITTER], "Their bins left out all week", [entry])
    assert not_asb_advice([AsbCategory.LITTER], "the pavement is blocked by wheelie bins", [entry])
    assert not_asb_advice([AsbCategory.LITTER], "wheelie bins in the garden", [entry]) is None
    # Serious harm is never "often not ASB", whatever the landlord lists.
    assert (
        not_asb_advice([AsbCategory.LITTER], "He threatened me by the bins left out", [entry])
        is None
    )


@pytest.mark.parametrize("words", ["(a+)+$", "bins.*", "a\\b", "[abc]"])
def test_a_landlords_words_are_never_a_regular_expression(words: str) -> None:
    with pytest.raises(ValidationError):
        NotAsbEntry(key="x_y", label="x", words=[words], advice="x")


def test_priority_routes_a_landlord_adds_to_but_never_takes_away() -> None:
    added = [
        *DEFAULT_POLICY.priority_routes,
        PriorityRouteSetting(category=AsbCategory.PHYSICAL_VIOLENCE, route="safeguarding"),
    ]
    assert priority_route_of([AsbCategory.PHYSICAL_VIOLENCE], "a fight", added) == "safeguarding"
    assert priority_route_of([AsbCategory.PHYSICAL_VIOLENCE], "a fight") is None
    without_da = PolicySettings(
        priority_routes=[r for r in DEFAULT_POLICY.priority_routes if r.route != "domestic_abuse"]
    )
    assert [p.field for p in problems(without_da)] == ["priority_routes"]


def test_categories_map_to_the_published_types() -> None:
    assert measure_type_of("graffiti", DEFAULT_CATEGORIES) == "damage"
    assert measure_type_of("vandalism", DEFAULT_CATEGORIES) == "damage"
    assert {c.category for c in DEFAULT_CATEGORIES} == set(AsbCategory)
    doubled = PolicySettings(categories=[*DEFAULT_CATEGORIES, *DEFAULT_CATEGORIES])
    fields = [p.field for p in problems(doubled)]
    assert fields[0] == f"categories.{len(DEFAULT_CATEGORIES)}"


async def _set_policy(
    client: httpx.AsyncClient, test_env: TestEnvironment, org: uuid.UUID, **parts: Any
) -> dict[str, Any]:
    answer = await client.put(
        f"/v1/organisations/{org}/policy",
        json={"reason": REASON, "settings": PolicySettings().model_dump(mode="json") | parts},
        headers=bearer(test_env, "admin", org=org, subject="admin-1"),
    )
    assert answer.status_code == 200, answer.text
    return answer.json()  # type: ignore[no-any-return]


async def test_a_landlord_that_removed_dog_fouling_gets_no_flag(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    livv, nph = uuid.uuid4(), uuid.uuid4()
    entries = [e.model_dump(mode="json") for e in DEFAULT_POLICY.not_asb if e.key != "dog_fouling"]
    version = (await _set_policy(client, test_env, nph, not_asb=entries))["version"]
    for org, reference in ((livv, "ASB-2026-470001"), (nph, "ASB-2026-470002")):
        await publish_event(
            test_env,
            received(reference, categories=[AsbCategory.PETS_ANIMALS], description=DOG_FOULING),
            organisation_id=org,
        )
    flagged = await case_of(client, test_env, "ASB-2026-470001", org=livv)
    assert flagged["may_not_be_asb"] is True
    assert "environmental services" in str(flagged["not_asb_advice"])
    kept = await case_of(client, test_env, "ASB-2026-470002", org=nph)
    assert (kept["may_not_be_asb"], kept["not_asb_advice"]) == (False, None)
    assert kept["policy_version"] == version

    # The resident site shows each landlord's own list.
    public = (await client.get(f"/v1/public/landlords/{_prefix(test_env, nph)}")).json()
    assert "dog fouling" not in [n["label"] for n in public["not_asb"]]
    assert "parking" in [n["label"] for n in public["not_asb"]]


def _prefix(test_env: TestEnvironment, org: uuid.UUID) -> str:
    return test_env.organisations[org].reference_prefix


async def test_an_intervention_outside_the_landlords_catalogue_is_refused(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    org = uuid.uuid4()
    catalogue = [i.model_dump() for i in DEFAULT_POLICY.interventions if i.kind != "lend_a_cam"]
    await _set_policy(client, test_env, org, interventions=catalogue)
    await publish_event(test_env, received("ASB-2026-470003"), organisation_id=org)
    case = await case_of(client, test_env, "ASB-2026-470003", org=org)
    officer = bearer(test_env, "officer", org=org)
    refused = await client.post(
        f"/v1/cases/{case['id']}/interventions",
        json=intervention_body("lend_a_cam"),
        headers=officer,
    )
    assert refused.status_code == 422, refused.text
    assert [d["field"] for d in refused.json()["error"]["details"]] == ["kind"]


async def test_a_list_that_breaks_the_rules_is_refused_naming_the_field(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    org = uuid.uuid4()
    admin = bearer(test_env, "admin", org=org, subject="admin-1")
    defaults = PolicySettings().model_dump(mode="json")

    async def refused(**parts: Any) -> list[str]:
        answer = await client.put(
            f"/v1/organisations/{org}/policy",
            json={"reason": REASON, "settings": defaults | parts},
            headers=admin,
        )
        assert answer.status_code == 422, answer.text
        return [d["field"] for d in answer.json()["error"]["details"]]

    regex = {"key": "x_y", "label": "x", "advice": "x", "words": ["(a+)+$"]}
    assert await refused(not_asb=[regex]) == ["settings.not_asb.0.words.0"]
    no_da = [r for r in defaults["priority_routes"] if r["route"] != "domestic_abuse"]
    assert await refused(priority_routes=no_da) == ["settings.priority_routes"]
    made_up = [*defaults["interventions"], {"kind": "stocks", "label": "The stocks"}]
    assert await refused(interventions=made_up) == [
        f"settings.interventions.{len(made_up) - 1}.kind"
    ]
    assert await refused(standards=defaults["standards"] | {"risk_reassessment_high": 15}) == [
        "settings.standards.risk_reassessment_high"
    ]
    current = await client.get(f"/v1/organisations/{org}/policy", headers=admin)
    assert current.json()["version"] == 0  # nothing half-written
