"""Open311 GeoReport v2, driven as FixMyStreet and other GeoReport clients drive it.

Real database and broker; each test reports under its own jurisdiction (organisation), so what
one test lists is only what it made.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import uuid
import xml.etree.ElementTree as ET
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg
import httpx
import pytest
from asb_shared.contracts.common import AsbCategory
from asb_shared.service import ServiceDefinition, create_api
from asb_shared.testing import TestEnvironment, count_rows, migrated_database, running_api
from intake.main import definition
from intake.open311.router import router as open311_router
from intake_samples import ORG, jpeg_with_gps, png_bomb, report, tiny_jpeg

BASE = "/open311/v2"
JSON_TYPE = "application/json; charset=utf-8"
XML_TYPE = "text/xml; charset=utf-8"
XML_DECLARATION = b'<?xml version="1.0" encoding="utf-8"?>'
SERVICE_FIELDS = [
    "service_code",
    "service_name",
    "description",
    "metadata",
    "type",
    "keywords",
    "group",
]
REQUEST_FIELDS = [
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
]


def with_open311() -> ServiceDefinition:
    """Intake with the Open311 router, whether or not main.py includes it yet."""
    if open311_router in definition.routers:
        return definition
    return dataclasses.replace(definition, routers=[*definition.routers, open311_router])


@pytest.fixture(scope="module")
async def client(test_env: TestEnvironment) -> AsyncIterator[httpx.AsyncClient]:
    service = with_open311()
    await migrated_database(test_env, service)
    # No rate limit: these tests post many requests (the limit has its tests in ratelimit/).
    settings = test_env.settings(service, public_rate_per_minute=0)
    async with running_api(create_api(service, settings)) as client:
        yield client


def ago(**delta: float) -> datetime:
    return datetime.now(UTC) - timedelta(**delta)


def w3(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def fms_form(org: uuid.UUID, **changes: str | None) -> dict[str, str]:
    """A service request as FixMyStreet sends it (its description layout, api_key and all)."""
    form: dict[str, str | None] = {
        "api_key": "fixmystreet-key",
        "jurisdiction_id": str(org),
        "service_code": "noise",
        "lat": "53.41234567",
        "long": "-2.15876543",
        "email": "sam@example.org",
        "first_name": "Sam",
        "last_name": "Resident",
        "phone": "07700 900123",
        "description": "title:  Loud music every night\n\n"
        "detail: Music from the flat below until 3am, every night this week.\n\n"
        "url: https://fixmystreet.example/report/77\n\nSubmitted via FixMyStreet",
        "media_url": "https://fixmystreet.example/photo/77.0.jpeg",
        "attribute[occurred_at]": w3(ago(days=2)),
        "attribute[subject_description]": "A man in his forties from number 12",
    }
    form.update(changes)
    return {k: v for k, v in form.items() if v is not None}


async def post_request(client: httpx.AsyncClient, org: uuid.UUID, **changes: str | None) -> str:
    response = await client.post(f"{BASE}/requests.json", data=fms_form(org, **changes))
    assert response.status_code == 200, response.text
    return str(response.json()[0]["service_request_id"])


async def sql(test_env: TestEnvironment, query: str, *args: Any) -> list[asyncpg.Record]:
    conn = await asyncpg.connect(test_env.database_url("intake").replace("+asyncpg", ""))
    try:
        return list(await conn.fetch(query, *args))
    finally:
        await conn.close()


async def stored_report(test_env: TestEnvironment, reference: str) -> asyncpg.Record:
    rows = await sql(test_env, "SELECT * FROM reports WHERE reference = $1", reference)
    assert len(rows) == 1
    return rows[0]


async def set_status(
    test_env: TestEnvironment, reference: str, status: str, updated_at: datetime
) -> None:
    await sql(
        test_env,
        "UPDATE report_status SET status = $1, updated_at = $2 FROM reports "
        "WHERE report_status.report_id = reports.id AND reports.reference = $3",
        status,
        updated_at,
        reference,
    )


async def set_received_at(test_env: TestEnvironment, reference: str, when: datetime) -> None:
    await sql(
        test_env,
        "UPDATE reports SET received_at = $1 WHERE reference = $2",
        when,
        reference,
    )
    await sql(
        test_env,
        "UPDATE report_status SET updated_at = $1 FROM reports "
        "WHERE report_status.report_id = reports.id AND reports.reference = $2",
        when,
        reference,
    )


async def stored(test_env: TestEnvironment) -> tuple[int, int]:
    url = test_env.database_url("intake")
    return await count_rows(url, "reports"), await count_rows(url, "outbox")


def xml_root(response: httpx.Response, tag: str) -> ET.Element:
    assert response.headers["content-type"] == XML_TYPE
    assert response.content.startswith(XML_DECLARATION)
    root = ET.fromstring(response.content)
    assert root.tag == tag
    return root


def xml_records(root: ET.Element, item: str) -> list[dict[str, str | None]]:
    assert all(child.tag == item for child in root)
    return [{field.tag: field.text for field in child} for child in root]


def json_body(response: httpx.Response) -> Any:
    assert response.headers["content-type"] == JSON_TYPE
    return response.json()


def georeport_errors(response: httpx.Response, status: int) -> list[str]:
    """The descriptions of a GeoReport error response, in whichever format it came."""
    assert response.status_code == status, response.text
    if response.headers["content-type"] == XML_TYPE:
        errors = xml_records(xml_root(response, "errors"), "error")
        assert all(e["code"] == str(status) for e in errors)
        return [str(e["description"]) for e in errors]
    body = json_body(response)
    assert isinstance(body, list) and body
    assert all(set(e) == {"code", "description"} and e["code"] == status for e in body)
    return [e["description"] for e in body]


# --- services ----------------------------------------------------------------------------------


async def test_the_service_list_offers_every_asb_category_in_json(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get(
        f"{BASE}/services.json", params={"jurisdiction_id": str(uuid.uuid4())}
    )
    assert response.status_code == 200
    services = json_body(response)
    assert [s["service_code"] for s in services] == [c.value for c in AsbCategory]
    for service in services:
        assert list(service) == SERVICE_FIELDS
        assert service["metadata"] is True
        assert service["type"] == "realtime"
        assert service["group"] == "Anti-social behaviour"
        assert service["service_name"] and "_" not in service["service_name"]
        assert service["description"] and service["keywords"]
    noise = next(s for s in services if s["service_code"] == "noise")
    assert noise["service_name"] == "Noise"
    domestic = next(s for s in services if s["service_code"] == "domestic_abuse")
    assert "999" in domestic["description"]


async def test_the_service_list_in_xml(client: httpx.AsyncClient) -> None:
    response = await client.get(f"{BASE}/services.xml")
    assert response.status_code == 200
    services = xml_records(xml_root(response, "services"), "service")
    assert [s["service_code"] for s in services] == [c.value for c in AsbCategory]
    for service in services:
        assert list(service) == SERVICE_FIELDS
        assert service["metadata"] == "true"
        assert service["type"] == "realtime"
        assert service["group"] == "Anti-social behaviour"
    assert services[0]["service_name"] == "Noise"


async def test_a_service_definition_lists_its_attributes(client: httpx.AsyncClient) -> None:
    response = await client.get(f"{BASE}/services/noise.json")
    assert response.status_code == 200
    definition_ = json_body(response)
    assert definition_["service_code"] == "noise"
    attributes = {a["code"]: a for a in definition_["attributes"]}
    assert list(attributes) == ["occurred_at", "subject_description", "anonymous"]
    for attribute in attributes.values():
        fields = ["variable", "code", "datatype", "required", "datatype_description", "order"]
        lists = attribute["datatype"] in {"singlevaluelist", "multivaluelist"}
        assert list(attribute) == [*fields, "description", *(["values"] if lists else [])]
        assert attribute["variable"] is True
        assert attribute["required"] is False
        assert attribute["datatype_description"]
    assert attributes["occurred_at"]["datatype"] == "datetime"
    assert attributes["subject_description"]["datatype"] == "text"
    assert attributes["anonymous"]["datatype"] == "singlevaluelist"
    assert {v["key"] for v in attributes["anonymous"]["values"]} == {"true", "false"}
    assert [a["order"] for a in attributes.values()] == [1, 2, 3]

    xml = xml_root(await client.get(f"{BASE}/services/noise.xml"), "service_definition")
    assert xml.findtext("service_code") == "noise"
    anonymous = next(
        a for a in xml.iterfind("attributes/attribute") if a.findtext("code") == "anonymous"
    )
    assert anonymous.findtext("datatype") == "singlevaluelist"
    assert anonymous.findtext("required") == "false"
    assert anonymous.findtext("order") == "3"
    assert {v.findtext("key") for v in anonymous.iterfind("values/value")} == {"true", "false"}


async def test_an_unknown_service_is_404_in_georeport_format(client: httpx.AsyncClient) -> None:
    (json_error,) = georeport_errors(await client.get(f"{BASE}/services/potholes.json"), 404)
    assert "potholes" in json_error
    (xml_error,) = georeport_errors(await client.get(f"{BASE}/services/potholes.xml"), 404)
    assert "service_code" in xml_error


# --- POST requests -----------------------------------------------------------------------------


async def test_a_service_request_becomes_an_open311_report(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    org = test_env.register_organisation().id
    occurred = ago(days=2)
    response = await client.post(
        f"{BASE}/requests.json", data=fms_form(org, **{"attribute[occurred_at]": w3(occurred)})
    )
    assert response.status_code == 200, response.text
    (created,) = json_body(response)
    assert list(created) == ["token", "service_request_id", "service_notice", "account_id"]
    reference = created["service_request_id"]
    prefix = test_env.organisations[org].reference_prefix
    assert reference.startswith(f"{prefix}-{datetime.now(UTC).year}-")
    assert "999" in created["service_notice"]
    assert created["account_id"] is None

    report = await stored_report(test_env, reference)
    assert report["channel"] == "open311"
    assert report["organisation_id"] == org
    assert report["categories"] == ["noise"]
    assert report["location_latitude"] == pytest.approx(53.41234567)
    assert report["location_longitude"] == pytest.approx(-2.15876543)
    assert report["anonymous"] is False
    assert report["reporter_name"] == "Sam Resident"
    assert report["reporter_email"] == "sam@example.org"
    assert report["reporter_phone"] == "07700 900123"
    assert report["preferred_channel"] == "email"
    assert report["description"].startswith("title:  Loud music every night")
    # The photo's address is kept for staff, in the description; we never fetch it.
    assert "https://fixmystreet.example/photo/77.0.jpeg" in report["description"]
    assert report["occurred_at"] == occurred.replace(microsecond=0)
    assert json.loads(report["people"]) == [
        {
            "role": "subject",
            "name": None,
            "address": None,
            "description": "A man in his forties from number 12",
        }
    ]
    url = test_env.database_url("intake")
    assert (
        await count_rows(
            url,
            "reports",
            f"reference = '{reference}' AND channel = 'open311' AND organisation_id = '{org}'",
        )
        == 1
    )
    assert (
        await count_rows(
            url,
            "outbox",
            f"payload::jsonb->'data'->>'reference' = '{reference}' "
            "AND payload::jsonb->'data'->>'channel' = 'open311' "
            "AND routing_key = 'intake.report.received'",
        )
        == 1
    )


async def test_a_service_request_answered_in_xml(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    response = await client.post(f"{BASE}/requests.xml", data=fms_form(ORG))
    assert response.status_code == 200, response.text
    (created,) = xml_records(xml_root(response, "service_requests"), "request")
    assert list(created) == ["token", "service_request_id", "service_notice", "account_id"]
    assert created["account_id"] is None
    assert (await stored_report(test_env, str(created["service_request_id"])))["channel"] == (
        "open311"
    )


async def test_an_address_instead_of_a_point(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    org = test_env.register_organisation().id
    reference = await post_request(
        client,
        org,
        lat=None,
        long=None,
        address_string="Flat 3, 10 Example Road, Stockport, sk1 3xe",
        address_id="100012345678",
        **{"attribute[occurred_at]": None},
    )
    report = await stored_report(test_env, reference)
    assert report["location_address"] == "Flat 3, 10 Example Road, Stockport, sk1 3xe"
    assert report["location_postcode"] == "SK1 3XE"
    assert report["location_uprn"] == "100012345678"
    assert report["location_latitude"] is None
    # Without attribute[occurred_at] it is taken to be happening now.
    assert abs(report["occurred_at"] - datetime.now(UTC)) < timedelta(minutes=1)

    shown = json_body(
        await client.get(f"{BASE}/requests/{reference}.json", params={"jurisdiction_id": str(org)})
    )[0]
    assert shown["address"] == shown["zipcode"] == "SK1"
    assert shown["address_id"] is None
    assert shown["lat"] is None and shown["long"] is None


async def test_jurisdiction_id_may_come_in_the_query_string(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    org = test_env.register_organisation().id
    response = await client.post(
        f"{BASE}/requests.json",
        params={"jurisdiction_id": str(org)},
        data=fms_form(org, jurisdiction_id=None),
    )
    assert response.status_code == 200, response.text
    reference = response.json()[0]["service_request_id"]
    assert (await stored_report(test_env, reference))["organisation_id"] == org


async def test_an_anonymous_request_keeps_no_contact_details(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    response = await client.post(
        f"{BASE}/requests.json", data=fms_form(ORG, **{"attribute[anonymous]": "true"})
    )
    assert response.status_code == 200, response.text
    (created,) = response.json()
    assert "anonymous" in created["service_notice"]
    report = await stored_report(test_env, created["service_request_id"])
    assert report["anonymous"] is True
    assert report["reporter_name"] is None
    assert report["reporter_email"] is None
    assert report["reporter_phone"] is None


async def test_a_request_with_no_way_to_reach_the_reporter_is_anonymous(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    reference = await post_request(client, ORG, email=None, phone=None)
    report = await stored_report(test_env, reference)
    assert report["anonymous"] is True
    assert report["reporter_name"] is None


async def test_a_phone_only_reporter_without_a_name(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    # FixMyStreet sends no first_name or last_name for a one-word name.
    reference = await post_request(client, ORG, email=None, first_name=None, last_name="")
    report = await stored_report(test_env, reference)
    assert report["anonymous"] is False
    assert report["reporter_name"] == "Name not given"
    assert report["reporter_phone"] == "07700 900123"
    assert report["preferred_channel"] == "phone"


def _future() -> str:
    return w3(datetime.now(UTC) + timedelta(days=1))


BAD_REQUESTS: list[tuple[str, dict[str, str | None], str]] = [
    ("unknown service_code", {"service_code": "potholes"}, "service_code 'potholes'"),
    ("no service_code", {"service_code": None}, "service_code was not provided"),
    ("no jurisdiction_id", {"jurisdiction_id": None}, "jurisdiction_id was not provided"),
    ("blank jurisdiction_id", {"jurisdiction_id": " "}, "jurisdiction_id was not provided"),
    ("jurisdiction_id not a uuid", {"jurisdiction_id": "stockport.gov.uk"}, "jurisdiction_id"),
    ("no location", {"lat": None, "long": None}, "location was not provided"),
    ("lat without long", {"long": None}, "lat and long go together"),
    ("lat outside the UK", {"lat": "40.7"}, "lat: is outside the area we cover"),
    ("long outside the UK", {"long": "12.5"}, "long: is outside the area we cover"),
    ("lat not a number", {"lat": "north"}, "lat: "),
    ("no description", {"description": None}, "description"),
    ("short description", {"description": "noisy"}, "at least 10 characters"),
    ("long description", {"description": "x" * 10_001}, "description: "),
    ("bad email", {"email": "not-an-email"}, "email: "),
    ("bad phone", {"email": None, "phone": "call me"}, "phone: is not a phone number"),
    ("occurred in the future", {"attribute[occurred_at]": _future()}, "attribute[occurred_at]"),
    (
        "occurred_at without a timezone",
        {"attribute[occurred_at]": "2026-11-20T23:30:00"},
        "attribute[occurred_at]: needs a timezone",
    ),
    ("occurred_at not a date", {"attribute[occurred_at]": "last night"}, "attribute[occurred_at]"),
    ("anonymous not true/false", {"attribute[anonymous]": "maybe"}, "attribute[anonymous]"),
    ("media_url not http", {"media_url": "javascript:alert(1)"}, "media_url"),
    ("address_id not a UPRN", {"address_id": "12-A", "lat": None, "long": None}, "address_id"),
]


@pytest.mark.parametrize(
    ("case", "changes", "expected"), BAD_REQUESTS, ids=[b[0] for b in BAD_REQUESTS]
)
async def test_a_bad_service_request_is_400_in_georeport_format_and_nothing_stored(
    client: httpx.AsyncClient,
    test_env: TestEnvironment,
    case: str,
    changes: dict[str, str | None],
    expected: str,
) -> None:
    before = await stored(test_env)
    response = await client.post(f"{BASE}/requests.json", data=fms_form(ORG, **changes))
    descriptions = georeport_errors(response, 400)
    assert any(expected in d for d in descriptions), (case, descriptions)
    assert await stored(test_env) == before


async def test_every_problem_is_reported_at_once_and_in_xml_for_xml(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    before = await stored(test_env)
    response = await client.post(
        f"{BASE}/requests.xml",
        data=fms_form(
            uuid.uuid4(), jurisdiction_id=None, service_code="potholes", lat=None, long=None
        ),
    )
    descriptions = georeport_errors(response, 400)
    assert len(descriptions) == 3
    assert any("jurisdiction_id" in d for d in descriptions)
    assert any("service_code" in d for d in descriptions)
    assert any("location" in d for d in descriptions)
    assert await stored(test_env) == before


async def test_a_body_that_is_not_a_form_is_400_not_500(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    before = await stored(test_env)
    as_json = await client.post(f"{BASE}/requests.json", json=fms_form(ORG))
    assert "x-www-form-urlencoded" in georeport_errors(as_json, 400)[0]
    not_utf8 = await client.post(
        f"{BASE}/requests.json",
        content=b"service_code=noise&description=\xff\xfe",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    georeport_errors(not_utf8, 400)
    # A NUL is refused like every control character, naming the parameter, in GeoReport's
    # shape: never stored, never a 500.
    with_nul = await client.post(
        f"{BASE}/requests.json",
        data=fms_form(ORG, description="Music\x00 from the flat below every night"),
    )
    assert georeport_errors(with_nul, 400) == [
        "description must not contain NUL or other control characters."
    ]
    assert await stored(test_env) == before


async def test_an_unknown_format_is_400_in_xml(client: httpx.AsyncClient) -> None:
    for response in (
        await client.get(f"{BASE}/services.csv"),
        await client.post(f"{BASE}/requests.html", data=fms_form(ORG)),
    ):
        assert "format" in georeport_errors(response, 400)[0]
        assert response.headers["content-type"] == XML_TYPE


async def test_other_urls_under_open311_answer_as_georeport(client: httpx.AsyncClient) -> None:
    georeport_errors(await client.get(f"{BASE}/services"), 404)
    georeport_errors(await client.get(f"{BASE}/discovery"), 404)
    georeport_errors(await client.get(f"{BASE}/tokens.json"), 404)


# --- GET requests ------------------------------------------------------------------------------


async def test_a_request_shows_open_then_closed_as_the_case_moves(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    org = test_env.register_organisation().id
    reference = await post_request(client, org)
    url, params = f"{BASE}/requests/{reference}.json", {"jurisdiction_id": str(org)}

    (received,) = json_body(await client.get(url, params=params))
    assert list(received) == REQUEST_FIELDS
    assert received["service_request_id"] == reference
    assert received["status"] == "open"
    assert "assess" in received["status_notes"]
    assert received["service_code"] == "noise"
    assert received["service_name"] == "Noise"
    assert received["agency_responsible"]
    assert received["expected_datetime"] is None
    assert received["media_url"] is None
    assert abs(
        datetime.fromisoformat(received["requested_datetime"]) - datetime.now(UTC)
    ) < timedelta(minutes=1)
    assert received["requested_datetime"].endswith("Z")

    opened_at = ago(seconds=-60).replace(microsecond=0)
    await set_status(test_env, reference, "open", opened_at)
    (opened,) = json_body(await client.get(url, params=params))
    assert opened["status"] == "open"
    assert "case is open" in opened["status_notes"]
    assert opened["updated_datetime"] == w3(opened_at)

    closed_at = ago(seconds=-120).replace(microsecond=0)
    await set_status(test_env, reference, "closed", closed_at)
    (closed,) = json_body(await client.get(url, params=params))
    assert closed["status"] == "closed"
    assert "closed" in closed["status_notes"]
    assert closed["updated_datetime"] == w3(closed_at)

    (as_xml,) = xml_records(
        xml_root(
            await client.get(f"{BASE}/requests/{reference}.xml", params=params),
            "service_requests",
        ),
        "request",
    )
    assert list(as_xml) == REQUEST_FIELDS
    assert as_xml["status"] == "closed"
    assert as_xml["lat"] == "53.412" and as_xml["long"] == "-2.159"
    assert as_xml["expected_datetime"] is None


async def test_a_request_shows_nothing_that_identifies_anyone(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    org = test_env.register_organisation().id
    reference = await post_request(
        client,
        org,
        address_string="Flat 3, 10 Example Road, Stockport SK1 3XE",
        address_id="987654321",
    )
    response = await client.get(
        f"{BASE}/requests/{reference}.json", params={"jurisdiction_id": str(org)}
    )
    (shown,) = json_body(response)
    assert shown["description"].startswith("Anti-social behaviour report")
    assert shown["lat"] == 53.412 and shown["long"] == -2.159
    assert shown["address"] == shown["zipcode"] == "SK1"
    assert shown["address_id"] is None
    for private in (
        "sam@example.org",
        "Sam",
        "Resident",
        "07700",
        "Music from the flat",
        "number 12",
        "photo/77",
        "Example Road",
        "3XE",
        "987654321",
        "53.4123",
    ):
        assert private not in response.text, private


async def test_where_a_location_points_at_a_victim_it_is_withheld(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    org = test_env.register_organisation().id
    reference = await post_request(
        client, org, service_code="domestic_abuse", address_string="10 Example Road, SK1 3XE"
    )
    (shown,) = json_body(
        await client.get(f"{BASE}/requests/{reference}.json", params={"jurisdiction_id": str(org)})
    )
    assert shown["service_code"] == "domestic_abuse"
    assert shown["lat"] is None and shown["long"] is None
    assert shown["address"] is None and shown["zipcode"] is None


async def test_the_list_filters_by_status_dates_and_service_newest_first(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    org = test_env.register_organisation().id
    recent = await post_request(client, org)
    older = await post_request(client, org)
    oldest = await post_request(client, org, service_code="graffiti")
    await set_received_at(test_env, recent, ago(days=10))
    await set_received_at(test_env, older, ago(days=40))
    await set_received_at(test_env, oldest, ago(days=100))
    await set_status(test_env, older, "closed", ago(days=5))

    async def listed(fmt: str = "json", **params: str) -> list[str]:
        response = await client.get(
            f"{BASE}/requests.{fmt}", params={"jurisdiction_id": str(org), **params}
        )
        assert response.status_code == 200, response.text
        if fmt == "xml":
            records = xml_records(xml_root(response, "service_requests"), "request")
            return [str(r["service_request_id"]) for r in records]
        return [r["service_request_id"] for r in json_body(response)]

    # Without dates: the latest 90 days, newest first.
    assert await listed() == [recent, older]
    assert await listed("xml") == [recent, older]
    assert await listed(status="closed") == [older]
    assert await listed(status="open") == [recent]
    assert await listed(status="open,closed") == [recent, older]
    assert await listed(start_date=w3(ago(days=50)), end_date=w3(ago(days=20))) == [older]
    # A start date alone: the 90 days from it.
    assert await listed(start_date=w3(ago(days=120))) == [older, oldest]
    assert await listed(end_date=w3(ago(days=30))) == [older, oldest]
    assert await listed(start_date=w3(ago(days=120)), service_code="graffiti") == [oldest]
    assert await listed(service_code="noise,graffiti") == [recent, older]
    assert await listed(page_size="1") == [recent]
    # service_request_id overrides the other filters (the spec's rule).
    assert await listed(service_request_id=f"{oldest},{recent}", status="closed") == [
        recent,
        oldest,
    ]


BAD_QUERIES: list[tuple[str, dict[str, str], str]] = [
    ("bad status", {"status": "pending"}, "status"),
    ("bad start_date", {"start_date": "yesterday"}, "start_date"),
    ("start_date without timezone", {"start_date": "2026-11-01T00:00:00"}, "start_date"),
    (
        "span over 90 days",
        {"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-06-01T00:00:00Z"},
        "90 days",
    ),
    (
        "start after end",
        {"start_date": "2026-06-01T00:00:00Z", "end_date": "2026-05-01T00:00:00Z"},
        "after end_date",
    ),
    ("start_date out of range", {"end_date": "0001-01-01T00:00:00Z"}, "out of range"),
    ("unknown service_code", {"service_code": "potholes"}, "service_code"),
    ("page_size too big", {"page_size": "5000"}, "page_size"),
    ("page_size not a number", {"page_size": "all"}, "page_size"),
]


@pytest.mark.parametrize(
    ("case", "params", "expected"), BAD_QUERIES, ids=[b[0] for b in BAD_QUERIES]
)
async def test_a_bad_query_is_400_in_georeport_format(
    client: httpx.AsyncClient, case: str, params: dict[str, str], expected: str
) -> None:
    response = await client.get(
        f"{BASE}/requests.json", params={"jurisdiction_id": str(uuid.uuid4()), **params}
    )
    assert any(expected in d for d in georeport_errors(response, 400)), case


async def test_a_w3_offset_sent_unencoded_still_reads(client: httpx.AsyncClient) -> None:
    # "+01:00" in a query string the client did not encode arrives as " 01:00".
    response = await client.get(
        f"{BASE}/requests.json?jurisdiction_id={uuid.uuid4()}&start_date=2026-11-01T00:00:00+01:00"
    )
    assert response.status_code == 200, response.text


async def test_requests_need_a_jurisdiction(client: httpx.AsyncClient) -> None:
    (listed,) = georeport_errors(await client.get(f"{BASE}/requests.json"), 400)
    assert "jurisdiction_id" in listed
    (one,) = georeport_errors(await client.get(f"{BASE}/requests/ASB-2026-000001.xml"), 400)
    assert "jurisdiction_id" in one


async def test_an_unknown_request_is_404_in_json_and_xml(client: httpx.AsyncClient) -> None:
    params = {"jurisdiction_id": str(uuid.uuid4())}
    (as_json,) = georeport_errors(
        await client.get(f"{BASE}/requests/ASB-1999-000001.json", params=params), 404
    )
    assert "ASB-1999-000001" in as_json
    georeport_errors(await client.get(f"{BASE}/requests/ASB-1999-000001.xml", params=params), 404)
    # Not a reference at all, a NUL byte included: still a 404, never a 500.
    georeport_errors(await client.get(f"{BASE}/requests/ASB%00%01x.xml", params=params), 404)


async def test_another_jurisdictions_request_is_not_found(client: httpx.AsyncClient) -> None:
    reference = await post_request(client, ORG)
    response = await client.get(
        f"{BASE}/requests/{reference}.json", params={"jurisdiction_id": str(uuid.uuid4())}
    )
    georeport_errors(response, 404)


async def test_reports_from_other_channels_never_appear(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    org = test_env.register_organisation().id
    open311_reference = await post_request(client, org)
    web = await client.post(
        "/v1/reports",
        json={
            "organisation_id": str(org),
            "categories": ["noise"],
            "description": "Shouting and loud music from the flat above every night.",
            "location": {"latitude": 53.41, "longitude": -2.15, "postcode": "SK1 3XE"},
            "occurred_at": w3(ago(days=1)),
            "reporter": {"name": "Alex Resident", "email": "alex@example.org"},
        },
    )
    assert web.status_code == 201, web.text
    web_reference = web.json()["reference"]
    assert (await stored_report(test_env, web_reference))["channel"] == "web"
    params = {"jurisdiction_id": str(org)}

    listed = json_body(await client.get(f"{BASE}/requests.json", params=params))
    assert [r["service_request_id"] for r in listed] == [open311_reference]
    by_ids = json_body(
        await client.get(
            f"{BASE}/requests.json",
            params={**params, "service_request_id": f"{web_reference},{open311_reference}"},
        )
    )
    assert [r["service_request_id"] for r in by_ids] == [open311_reference]
    georeport_errors(await client.get(f"{BASE}/requests/{web_reference}.json", params=params), 404)


async def test_a_request_for_a_landlord_not_on_the_platform_is_refused_in_georeport_words(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    inactive = test_env.register_organisation(active=False).id
    for org, why in ((uuid.uuid4(), "not registered"), (inactive, "not active")):
        response = await client.post(f"{BASE}/requests.json", data=fms_form(org))
        [description] = georeport_errors(response, 400)
        assert description.startswith("jurisdiction_id:") and why in description


# --- discovery, tokens, media, date-only dates ------------------------------------------------


async def test_discovery_names_the_v2_endpoint_in_json_and_xml(client: httpx.AsyncClient) -> None:
    found = json_body(await client.get(f"{BASE}/discovery.json"))
    (endpoint,) = found["endpoints"]
    assert endpoint["url"] == "http://127.0.0.1:8001/open311/v2/"
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["formats"] == ["text/xml", "application/json"]
    assert found["changeset"] and found["contact"]

    root = xml_root(await client.get(f"{BASE}/discovery.xml"), "discovery")
    endpoints = root.find("endpoints")
    assert endpoints is not None
    (xml_endpoint,) = endpoints
    assert xml_endpoint.tag == "endpoint"
    assert [f.text for f in xml_endpoint.iter("format")] == ["text/xml", "application/json"]


async def test_a_token_stands_for_its_request_and_nothing_else(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    org = test_env.register_organisation().id
    response = await client.post(f"{BASE}/requests.xml", data=fms_form(org))
    (created,) = xml_records(xml_root(response, "service_requests"), "request")
    token, reference = created["token"], created["service_request_id"]
    assert token and reference

    for fmt in ("json", "xml"):
        found = await client.get(f"{BASE}/tokens/{token}.{fmt}", params={"jurisdiction_id": org})
        assert found.status_code == 200, found.text
    assert json_body(await client.get(f"{BASE}/tokens/{token}.json")) == [
        {"service_request_id": reference, "token": token}
    ]
    # Another jurisdiction, a token never issued, and a report from another channel: not found.
    other = await client.get(
        f"{BASE}/tokens/{token}.json", params={"jurisdiction_id": str(uuid.uuid4())}
    )
    georeport_errors(other, 404)
    georeport_errors(await client.get(f"{BASE}/tokens/{uuid.uuid4()}.json"), 404)
    georeport_errors(await client.get(f"{BASE}/tokens/not-a-token.xml"), 404)
    web = await client.post("/v1/reports", json=report(organisation_id=str(org)))
    assert web.status_code == 201, web.text
    (web_id,) = await sql(
        test_env, "SELECT id FROM reports WHERE reference = $1", web.json()["reference"]
    )
    georeport_errors(await client.get(f"{BASE}/tokens/{web_id['id']}.json"), 404)


async def test_a_photo_sent_as_media_becomes_evidence_of_the_report(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    org = test_env.register_organisation().id
    response = await client.post(
        f"{BASE}/requests.json",
        data=fms_form(org, media_url=None),
        files={"media": ("landing.jpg", jpeg_with_gps(), "image/jpeg")},
        headers={"Idempotency-Key": f"fms-{uuid.uuid4()}"},
    )
    assert response.status_code == 200, response.text
    (created,) = json_body(response)
    rows = await sql(
        test_env,
        "SELECT e.* FROM evidence_files e JOIN reports r ON r.id = e.report_id "
        "WHERE r.reference = $1",
        created["service_request_id"],
    )
    assert [(r["filename"], r["content_type"]) for r in rows] == [("landing.jpg", "image/jpeg")]
    # Kept as every upload is: without its metadata (the GPS position of the phone).
    kept = (test_env.settings(with_open311()).evidence_dir / rows[0]["storage_key"]).read_bytes()  # type: ignore[attr-defined]
    assert b"GPS" not in kept and hashlib.sha256(kept).hexdigest() == rows[0]["sha256"]
    events = await sql(
        test_env,
        "SELECT payload::jsonb->'data'->'evidence' AS evidence FROM outbox "
        "WHERE payload::jsonb->'data'->>'reference' = $1",
        created["service_request_id"],
    )
    assert [e["filename"] for e in json.loads(events[0]["evidence"])] == ["landing.jpg"]


MEDIA_REFUSED = [
    ("a PDF named as a photo", ("photo.jpg", b"%PDF-1.7\n%%EOF\n", "image/jpeg"), 415),
    ("a photo that is not one all through", ("p.jpg", tiny_jpeg()[:40] + b"<html>", None), 422),
    ("a decompression bomb", ("bomb.png", png_bomb(), "image/png"), 422),
    ("an empty file", ("empty.jpg", b"", "image/jpeg"), 415),
]


@pytest.mark.parametrize(
    ("case", "media", "status"), MEDIA_REFUSED, ids=[m[0] for m in MEDIA_REFUSED]
)
async def test_media_that_is_not_taken_is_a_georeport_error_and_nothing_is_kept(
    client: httpx.AsyncClient,
    test_env: TestEnvironment,
    case: str,
    media: tuple[str, bytes, str | None],
    status: int,
) -> None:
    url = test_env.database_url("intake")
    before = await stored(test_env), await count_rows(url, "evidence_files")
    response = await client.post(f"{BASE}/requests.xml", data=fms_form(ORG), files={"media": media})
    [description] = georeport_errors(response, status)
    assert description.startswith("media:"), case
    assert (await stored(test_env), await count_rows(url, "evidence_files")) == before


async def test_only_media_may_be_a_file(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    before = await stored(test_env)
    response = await client.post(
        f"{BASE}/requests.json",
        data=fms_form(ORG),
        files={"photo": ("p.jpg", tiny_jpeg(), "image/jpeg")},
    )
    assert georeport_errors(response, 400) == ["photo: only media may be a file."]
    assert await stored(test_env) == before


async def test_date_only_dates_are_whole_days_in_the_landlords_time_zone(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    org = test_env.register_organisation().id
    # 1 July 2026 in London runs from 23:00 UTC on 30 June to 22:59:59.999999 UTC on 1 July.
    just_inside_start = await post_request(client, org)
    just_inside_end = await post_request(client, org)
    just_outside = await post_request(client, org)
    await set_received_at(test_env, just_inside_start, datetime(2026, 6, 30, 23, 0, tzinfo=UTC))
    await set_received_at(test_env, just_inside_end, datetime(2026, 7, 1, 22, 59, tzinfo=UTC))
    await set_received_at(test_env, just_outside, datetime(2026, 7, 1, 23, 0, tzinfo=UTC))
    response = await client.get(
        f"{BASE}/requests.json",
        params={"jurisdiction_id": str(org), "start_date": "2026-07-01", "end_date": "2026-07-01"},
    )
    found = [r["service_request_id"] for r in json_body(response)]
    assert found == [just_inside_end, just_inside_start]
    # A start date alone opens a 90-day window from the start of that day.
    start_only = await client.get(
        f"{BASE}/requests.json", params={"jurisdiction_id": str(org), "start_date": "2026-07-01"}
    )
    assert just_outside in [r["service_request_id"] for r in json_body(start_only)]
