"""The optional equality answers given with a report travel apart from it: their own event on
the bus (which casework alone consumes), never stored with the report nor put in its event."""

from __future__ import annotations

from collections.abc import AsyncIterator

import asyncpg
import httpx
import pytest
from asb_shared.messaging import Envelope
from asb_shared.testing import (
    TestEnvironment,
    captured_events,
    eventually,
    service_api,
    service_worker,
)
from intake.main import definition
from intake_samples import report


@pytest.fixture(scope="module")
async def given(test_env: TestEnvironment) -> AsyncIterator[list[Envelope]]:
    async with captured_events(test_env, "intake.equality.given", "intake.report.received") as seen:
        yield seen


@pytest.fixture(scope="module")
async def client(
    test_env: TestEnvironment, given: list[Envelope]
) -> AsyncIterator[httpx.AsyncClient]:
    async with (
        service_api(test_env, definition, public_rate_per_minute=0) as client,
        service_worker(test_env, definition),
    ):
        yield client


async def test_equality_answers_go_apart_from_the_report(
    client: httpx.AsyncClient, test_env: TestEnvironment, given: list[Envelope]
) -> None:
    answers = {"ethnicity": "black", "religion": "prefer_not_to_say", "age_band": "25_34"}
    made = await client.post("/v1/reports", json=report(equality=answers))
    assert made.status_code == 201, made.text
    reference = made.json()["reference"]

    async def of(event_type: str) -> list[Envelope]:
        return [
            e
            for e in given
            if e.type == event_type
            and e.data.get("report_reference", e.data.get("reference")) == reference
        ]

    [apart] = await eventually(lambda: of("intake.equality.given"))
    assert {k: v for k, v in apart.data["answers"].items() if v is not None} == answers
    [received] = await eventually(lambda: of("intake.report.received"))
    assert "equality" not in received.data and "black" not in str(received.data)

    # Nothing of it stored with the report.
    conn = await asyncpg.connect(test_env.database_url("intake").replace("+asyncpg", ""))
    try:
        row = await conn.fetchrow("SELECT * FROM reports WHERE reference = $1", reference)
    finally:
        await conn.close()
    assert row is not None and "black" not in str(dict(row)).lower()


async def test_no_answers_no_event_and_bad_answers_are_a_422(
    client: httpx.AsyncClient, given: list[Envelope]
) -> None:
    made = await client.post("/v1/reports", json=report(equality={}))
    assert made.status_code == 201
    bad = await client.post("/v1/reports", json=report(equality={"ethnicity": "martian"}))
    assert bad.status_code == 422
    assert bad.json()["error"]["details"][0]["field"].endswith("ethnicity")

    async def received() -> list[Envelope]:
        return [
            e
            for e in given
            if e.type == "intake.report.received"
            and e.data["reference"] == made.json()["reference"]
        ]

    await eventually(received)
    assert not [
        e
        for e in given
        if e.type == "intake.equality.given"
        and e.data["report_reference"] == made.json()["reference"]
    ]
