"""Notifications turns a case opening into an acknowledgement email, over real SMTP."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from asb_devtools.mailsink import create_app as create_mailsink
from asb_shared.contracts import (
    Contact,
    ContactChannel,
    ReportLinked,
    StandardBreached,
    StandardWarning,
)
from asb_shared.messaging import Envelope
from asb_shared.testing import (
    TestEnvironment,
    captured_events,
    count_rows,
    eventually,
    free_port,
    publish_event,
    running_api,
    service_api,
    service_worker,
)
from notification_samples import opened
from notifications.main import definition

ORG = uuid.uuid4()


@pytest.fixture(scope="module")
def smtp_port() -> int:
    return free_port()


@pytest.fixture(scope="module")
async def mail(smtp_port: int) -> AsyncIterator[httpx.AsyncClient]:
    async with running_api(create_mailsink("127.0.0.1", smtp_port)) as client:
        yield client


@pytest.fixture(scope="module")
async def delivered(test_env: TestEnvironment) -> AsyncIterator[list[Envelope]]:
    async with captured_events(
        test_env, "notifications.message.delivered", "notifications.message.failed"
    ) as seen:
        yield seen


@pytest.fixture(scope="module")
async def api(
    test_env: TestEnvironment, mail: httpx.AsyncClient, smtp_port: int, delivered: list[Envelope]
) -> AsyncIterator[httpx.AsyncClient]:
    async with (
        service_api(test_env, definition) as client,
        service_worker(test_env, definition, smtp_port=smtp_port),
    ):
        yield client


async def mail_to(mail: httpx.AsyncClient, address: str) -> list[dict[str, Any]]:
    return list((await mail.get("/api/messages", params={"to": address})).json())


async def test_a_case_opening_sends_the_acknowledgement_and_records_its_delivery(
    api: httpx.AsyncClient,
    mail: httpx.AsyncClient,
    test_env: TestEnvironment,
    delivered: list[Envelope],
) -> None:
    event = opened("ASB-2026-300001")
    await publish_event(test_env, event, organisation_id=ORG)
    [email] = await eventually(lambda: mail_to(mail, "asb-2026-300001@example.org"))
    assert email["subject"] == "We have received your report ASB-2026-300001"
    assert "Your reference: ASB-2026-300001" in email["body"]
    assert "Hello Priya" in email["body"]

    token = test_env.token("officer", organisation_id=ORG)
    page = (
        await api.get(
            "/v1/messages",
            params={"reference": "ASB-2026-300001"},
            headers={"Authorization": f"Bearer {token}"},
        )
    ).json()
    [message] = page["items"]
    assert message["status"] == "delivered"
    assert message["attempts"] == 1
    assert email["headers"]["X-ASB-Message-Id"] == message["id"]

    async def announced() -> list[Envelope]:
        return [e for e in delivered if e.data["message_id"] == message["id"]]

    [event_out] = await eventually(announced)
    assert event_out.type == "notifications.message.delivered"
    assert event_out.data["case_id"] == str(event.case_id)


async def test_nobody_is_written_to_for_an_anonymous_report(
    api: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    env = await publish_event(
        test_env, opened("ASB-2026-300002", anonymous=True, complainant=None), organisation_id=ORG
    )
    await eventually(
        lambda: count_rows(
            test_env.database_url("notifications"), "inbox", f"event_id = '{env.id}'"
        )
    )
    assert (
        await count_rows(
            test_env.database_url("notifications"), "messages", "reference = 'ASB-2026-300002'"
        )
        == 0
    )


async def test_an_event_delivered_twice_sends_one_email(
    api: httpx.AsyncClient, mail: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    env = await publish_event(test_env, opened("ASB-2026-300003"), organisation_id=ORG)
    await publish_event(test_env, opened("ASB-2026-300003"), organisation_id=ORG, envelope=env)
    await eventually(lambda: mail_to(mail, "asb-2026-300003@example.org"))
    await eventually(
        lambda: count_rows(
            test_env.database_url("notifications"),
            "messages",
            "reference = 'ASB-2026-300003' AND status = 'delivered'",
        )
    )
    assert len(await mail_to(mail, "asb-2026-300003@example.org")) == 1
    assert (
        await count_rows(
            test_env.database_url("notifications"), "messages", "reference = 'ASB-2026-300003'"
        )
        == 1
    )


async def test_a_report_joining_an_open_case_is_acknowledged_too(
    api: httpx.AsyncClient, mail: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    linked = ReportLinked(
        case_id=uuid.uuid4(),
        case_reference="CASE-2026-000777",
        version=4,
        status="open",
        report_id=uuid.uuid4(),
        report_reference="ASB-2026-300005",
        reason="same address as open case CASE-2026-000777",
        reporter=Contact(
            name="Sam Neighbour",
            email="sam.neighbour@example.org",
            preferred_channel=ContactChannel.EMAIL,
        ),
    )
    await publish_event(test_env, linked, organisation_id=ORG)
    [email] = await eventually(lambda: mail_to(mail, "sam.neighbour@example.org"))
    assert email["subject"] == "We have received your report ASB-2026-300005"
    assert "added it to the case we already have open" in email["body"]


async def test_officers_are_alerted_in_app_before_and_when_a_standard_breaches(
    api: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    case_id = uuid.uuid4()
    due = datetime(2026, 11, 24, 17, 0, tzinfo=UTC)
    common = {
        "standard_id": uuid.uuid4(),
        "case_id": case_id,
        "case_reference": "CASE-2026-000888",
        "kind": "first_contact",
        "due_at": due,
    }
    await publish_event(
        test_env, StandardWarning(**common, officer_id="o-ann"), organisation_id=ORG
    )
    await publish_event(test_env, StandardBreached(**common, officer_id=None), organisation_id=ORG)
    token = test_env.token("team_leader", organisation_id=ORG)

    async def alerts() -> list[dict[str, Any]] | None:
        page = (
            await api.get(
                "/v1/messages",
                params={"case_id": str(case_id)},
                headers={"Authorization": f"Bearer {token}"},
            )
        ).json()
        return page["items"] if len(page["items"]) == 2 else None

    by_template = {m["template"]: m for m in await eventually(alerts)}
    assert by_template["standard_warning"]["recipient"] == "o-ann"
    assert by_template["standard_warning"]["channel"] == "in_app"
    assert (
        "first contact with the complainant is due by 24 Nov 2026 17:00"
        in by_template["standard_warning"]["subject"]
    )
    assert by_template["standard_breached"]["recipient"] == "team"
    assert by_template["standard_breached"]["status"] == "delivered"
