"""Search across a landlord's cases: names (misspelt, initials), places, references, free text,
with the list's filters, never another landlord's case, never an anonymous reporter's name."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest
from asb_shared.contracts.common import AsbCategory, Location, Person
from asb_shared.contracts.intake import Reporter
from asb_shared.testing import TestEnvironment, eventually, publish_event
from casework_samples import bearer, received_v2, sql

ORG = uuid.uuid4()
"""A landlord of this module's own, so every hit is one of the cases below."""
THEIRS = uuid.uuid4()


async def _report(test_env: TestEnvironment, reference: str, org: uuid.UUID, **changes: Any) -> str:
    await publish_event(test_env, received_v2(reference, **changes), organisation_id=org)

    async def case_id() -> str | None:
        rows = await sql(
            test_env, "SELECT case_id FROM case_reports WHERE report_reference = $1", reference
        )
        return str(rows[0]["case_id"]) if rows else None

    return str(await eventually(case_id))


@pytest.fixture(scope="module")
async def cases(client: httpx.AsyncClient, test_env: TestEnvironment) -> dict[str, str]:
    drugs = await _report(
        test_env,
        "ASB-2026-510001",
        ORG,
        categories=[AsbCategory.DRUGS],
        description="Drug dealing from the car park behind the shops, most evenings.",
        location=Location(address="12 Mill Lane", postcode="sk2 6pl", uprn="100012345678"),
        reporter=Reporter(name="Johnathan Smith", email="js@example.org"),
        subjects=[Person(name="Kyle Brennan")],
    )
    anonymous = await _report(
        test_env,
        "ASB-2026-510002",
        ORG,
        description="Loud parties every weekend at number 3.",
        location=Location(address="3 Oak Road", postcode="SK3 0AB"),
        anonymous=True,
        reporter=Reporter(name="Wilhelmina Secretperson", email="w@example.org"),
    )
    theirs = await _report(
        test_env,
        "ASB-2026-510003",
        THEIRS,
        categories=[AsbCategory.DRUGS],
        description="Drug dealing on the stairs.",
        location=Location(address="14 Mill Lane", postcode="SK2 6PL", uprn="100012345678"),
        reporter=Reporter(name="John Smith", email="john@example.org"),
    )
    return {"drugs": drugs, "anonymous": anonymous, "theirs": theirs}


async def _search(
    client: httpx.AsyncClient, test_env: TestEnvironment, org: uuid.UUID = ORG, **params: Any
) -> list[str]:
    got = await client.get(
        "/v1/search/cases", params=params, headers=bearer(test_env, "officer", org=org)
    )
    assert got.status_code == 200, got.text
    return [c["id"] for c in got.json()["items"]]


@pytest.mark.parametrize(
    "name", ["Johnathan Smith", "Jonathan Smyth", "J Smith", "J. Smith", "smith", "Kyle Brenan"]
)
async def test_a_name_is_found_misspelt_or_by_initials(
    client: httpx.AsyncClient, test_env: TestEnvironment, cases: dict[str, str], name: str
) -> None:
    assert await _search(client, test_env, name=name) == [cases["drugs"]]


@pytest.mark.parametrize("name", ["Brown", "P Smith", "Jones", "Smith Jones"])
async def test_a_different_name_or_initial_is_not_found(
    client: httpx.AsyncClient, test_env: TestEnvironment, cases: dict[str, str], name: str
) -> None:
    assert await _search(client, test_env, name=name) == []


async def test_an_anonymous_reporters_name_is_never_found(
    client: httpx.AsyncClient, test_env: TestEnvironment, cases: dict[str, str]
) -> None:
    assert await _search(client, test_env, name="Wilhelmina Secretperson") == []
    assert await _search(client, test_env, text="Wilhelmina") == []
    # ...while the case itself is found by its place.
    assert await _search(client, test_env, address="oak road") == [cases["anonymous"]]


@pytest.mark.parametrize(
    ("params", "which"),
    [
        ({"address": "mill lane"}, ["drugs"]),
        ({"address": "12 Mill"}, ["drugs"]),
        ({"postcode": "sk26pl"}, ["drugs"]),
        ({"postcode": "SK2 6"}, ["drugs"]),
        ({"postcode": "SK2"}, ["drugs"]),
        ({"postcode": "SK3"}, ["anonymous"]),
        ({"uprn": "100012345678"}, ["drugs"]),
        ({"reference": "asb-2026-510002"}, ["anonymous"]),
        ({"text": "drugs car park"}, ["drugs"]),
        ({"text": "parties"}, ["anonymous"]),
        ({"text": "drugs", "category": "noise"}, []),
        ({"text": "drugs", "category": "drugs", "postcode": "SK2"}, ["drugs"]),
        ({"name": "smith", "text": "parties"}, []),
    ],
)
async def test_places_references_text_and_filters(
    client: httpx.AsyncClient,
    test_env: TestEnvironment,
    cases: dict[str, str],
    params: dict[str, str],
    which: list[str],
) -> None:
    assert await _search(client, test_env, **params) == [cases[w] for w in which]


async def test_a_case_is_found_by_its_own_reference(
    client: httpx.AsyncClient, test_env: TestEnvironment, cases: dict[str, str]
) -> None:
    [row] = await sql(
        test_env, "SELECT reference FROM cases WHERE id = $1", uuid.UUID(cases["drugs"])
    )
    assert await _search(client, test_env, reference=row["reference"]) == [cases["drugs"]]


async def test_staff_of_another_landlord_never_see_a_hit(
    client: httpx.AsyncClient, test_env: TestEnvironment, cases: dict[str, str]
) -> None:
    for params in (
        {"name": "John Smith"},
        {"uprn": "100012345678"},
        {"postcode": "SK2 6PL"},
        {"text": "drug dealing"},
    ):
        assert await _search(client, test_env, THEIRS, **params) == [cases["theirs"]]
        assert cases["theirs"] not in await _search(client, test_env, ORG, **params)
    assert await _search(client, test_env, THEIRS, reference="ASB-2026-510001") == []
    assert await _search(client, test_env, ORG, reference="ASB-2026-510003") == []


async def test_pages_in_the_shared_shape(
    client: httpx.AsyncClient, test_env: TestEnvironment, cases: dict[str, str]
) -> None:
    headers = bearer(test_env, "officer", org=ORG)
    first = (await client.get("/v1/search/cases", params={"limit": 1}, headers=headers)).json()
    assert len(first["items"]) == 1 and first["next_cursor"]
    second = (
        await client.get(
            "/v1/search/cases", params={"limit": 1, "cursor": first["next_cursor"]}, headers=headers
        )
    ).json()
    ids = {first["items"][0]["id"], second["items"][0]["id"]}
    assert ids == {cases["drugs"], cases["anonymous"]}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"postcode": "not a postcode"}, "postcode"),
        ({"name": "Jo\x00hn"}, "name"),
        ({"name": "..."}, "name"),
        ({"uprn": "12ab"}, "uprn"),
        ({"reference": "x" * 40}, "reference"),
        ({"text": "a" * 501}, "text"),
        ({"limit": 0}, "limit"),
    ],
)
async def test_bad_input_is_a_422_naming_the_field(
    client: httpx.AsyncClient, test_env: TestEnvironment, params: dict[str, Any], field: str
) -> None:
    got = await client.get(
        "/v1/search/cases", params=params, headers=bearer(test_env, "officer", org=ORG)
    )
    assert got.status_code == 422, got.text
    assert field in [d["field"].split(".")[-1] for d in got.json()["error"]["details"]]
