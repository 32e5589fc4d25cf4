"""A worker's /metrics during a run: what an operator's alerts read moves as things happen.

Casework's worker, on the real database and broker: a message that can never be handled is
parked, an event steps aside in the outbox; the scrape shows both, in Prometheus's text format
and in OpenMetrics when asked.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import asyncpg
import httpx
import pytest
from asb_shared.messaging import Outbox
from asb_shared.testing import TestEnvironment, eventually, publish_event, service_worker
from casework.main import definition
from casework_samples import ORG, received
from prometheus_client.parser import text_string_to_metric_families

Figures = dict[tuple[str, tuple[tuple[str, str], ...]], float]


@pytest.fixture
async def worker(test_env: TestEnvironment) -> AsyncIterator[httpx.AsyncClient]:
    async with service_worker(test_env, definition) as app:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://worker") as client:
            yield client


async def scrape(worker: httpx.AsyncClient) -> Figures:
    response = await worker.get("/metrics")
    assert response.status_code == 200
    figures: Figures = {}
    for family in text_string_to_metric_families(response.text):
        for sample in family.samples:
            figures[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return figures


def figure(figures: Figures, name: str, **labels: str) -> float:
    return figures.get((name, tuple(sorted(labels.items()))), 0.0)


def parked(figures: Figures) -> float:
    return figure(
        figures, "asb_queue_messages", service="casework", queue="casework.parked", kind="parked"
    )


async def test_a_parked_message_and_a_waiting_outbox_row_show_in_the_scrape(
    worker: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    before = await scrape(worker)
    assert figure(before, "asb_consumer_running", service="casework") == 1
    assert (
        figure(before, "asb_queue_consumers", service="casework", queue="casework", kind="main")
        >= 1
    )

    # An event that steps aside in the outbox (as an unroutable one does), waiting 10 minutes.
    conn = await asyncpg.connect(test_env.database_url("casework").replace("+asyncpg", ""))
    row_id = uuid.uuid4()
    try:
        await conn.execute(
            "INSERT INTO outbox (id, routing_key, payload, created_at, next_attempt_at)"
            " VALUES ($1, 'casework.test.waiting', '{}', now() - interval '10 minutes',"
            " now() + interval '1 hour')",
            row_id,
        )
        # An envelope whose data breaks its contract: parked at once.
        bad = Outbox("intake").envelope(received("ASB-2026-100777"), organisation_id=ORG)
        broken = bad.model_copy(update={"data": {**bad.data, "categories": ["not_a_category"]}})
        await publish_event(
            test_env, received("ASB-2026-100777"), organisation_id=ORG, envelope=broken
        )

        async def parked_more() -> Figures | None:
            now = await scrape(worker)
            return now if parked(now) > parked(before) else None

        after: Figures = await eventually(parked_more, timeout=20)
        assert (
            figure(after, "asb_outbox_pending", service="casework")
            >= figure(before, "asb_outbox_pending", service="casework") + 1
        )
        assert figure(after, "asb_outbox_oldest_pending_age_seconds", service="casework") >= 590
        assert figure(
            after,
            "asb_messages_consumed_total",
            service="casework",
            event_type="intake.report.received",
            outcome="parked",
        ) > figure(
            before,
            "asb_messages_consumed_total",
            service="casework",
            event_type="intake.report.received",
            outcome="parked",
        )

        # OpenMetrics for a scraper that asks for it.
        openmetrics = await worker.get(
            "/metrics", headers={"Accept": "application/openmetrics-text; version=1.0.0"}
        )
        assert openmetrics.headers["content-type"].startswith("application/openmetrics-text")
        assert openmetrics.text.rstrip().endswith("# EOF")
        assert 'asb_outbox_pending{service="casework"}' in openmetrics.text
    finally:
        await conn.execute("DELETE FROM outbox WHERE id = $1", row_id)
        await conn.close()

    # The row gone, the figure falls back.
    cleared = await scrape(worker)
    assert figure(cleared, "asb_outbox_pending", service="casework") < figure(
        after, "asb_outbox_pending", service="casework"
    )
