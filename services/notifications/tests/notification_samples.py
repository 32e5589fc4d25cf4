"""Sample events and a running notifications service (worker, API, mail sink, Notify fake),
shared by notifications' tests."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx
from asb_devtools.mailsink import create_app as create_mailsink
from asb_devtools.notifyfake import DEV_CALLBACK_TOKEN, api_key, serving
from asb_devtools.notifyfake import create_app as create_notify_fake
from asb_shared.contracts.casework import CaseOpenedV2, ContactRecord
from asb_shared.contracts.common import AsbCategory, ContactPreferences
from asb_shared.messaging import Envelope
from asb_shared.testing import (
    TestEnvironment,
    captured_events,
    eventually,
    free_port,
    running_api,
    service_api,
    service_worker,
)
from notifications.main import definition

SERVICE_ID = str(uuid.uuid4())
SECRET = str(uuid.uuid4())


def record(
    name: str = "Priya",
    *,
    email: str | None = None,
    phone: str | None = None,
    address: str | None = None,
    reference: str | None = None,
    version: int = 1,
    person_id: uuid.UUID | None = None,
    **preferences: Any,
) -> ContactRecord:
    return ContactRecord(
        person_id=person_id or uuid.uuid4(),
        name=name,
        email=email,
        phone=phone,
        address=address,
        report_reference=reference,
        preferences=ContactPreferences(**preferences),
        version=version,
    )


def opened_v2(reference: str, complainant: ContactRecord | None, **changes: Any) -> CaseOpenedV2:
    values: dict[str, Any] = {
        "case_id": uuid.uuid4(),
        "case_reference": "CASE-2026-" + reference[-6:],
        "version": 1,
        "status": "received",
        "categories": [AsbCategory.NOISE],
        "report_id": uuid.uuid4(),
        "report_reference": reference,
        "opened_at": datetime.now(UTC),
        "anonymous": complainant is None,
        "complainant": complainant,
    }
    values.update(changes)
    return CaseOpenedV2(**values)


@dataclass
class Running:
    """The service under test and the providers it talks to."""

    env: TestEnvironment
    api: httpx.AsyncClient
    mail: httpx.AsyncClient
    notify: httpx.AsyncClient
    events: list[Envelope]
    """Events notifications published (delivered, failed, in-app, withheld)."""
    database_url: str

    def staff(
        self, role: str, organisation_id: uuid.UUID, subject: str = "test-user"
    ) -> dict[str, str]:
        token = self.env.token(role, organisation_id=organisation_id, subject=subject)
        return {"Authorization": f"Bearer {token}"}

    async def mail_to(self, address: str) -> list[dict[str, Any]]:
        return list((await self.mail.get("/api/messages", params={"to": address})).json())

    async def sms_to(self, number: str) -> list[dict[str, Any]]:
        got = await self.notify.get("/fake/notifications", params={"phone_number": number})
        return list(got.json())

    async def letters(self, reference: str) -> list[dict[str, Any]]:
        got = await self.notify.get("/fake/notifications", params={"reference": reference})
        return [n for n in got.json() if n["type"] == "letter"]

    async def case_messages(
        self, case_id: uuid.UUID, organisation_id: uuid.UUID
    ) -> list[dict[str, Any]]:
        got = await self.api.get(
            f"/v1/cases/{case_id}/messages",
            params={"limit": 200},
            headers=self.staff("officer", organisation_id),
        )
        assert got.status_code == 200, got.text
        return list(got.json()["items"])

    async def settled(
        self, case_id: uuid.UUID, organisation_id: uuid.UUID, count: int
    ) -> list[dict[str, Any]]:
        """The case's messages once ``count`` of them exist and none is still moving (being
        sent, or due and not yet taken)."""

        async def check() -> list[dict[str, Any]] | None:
            found = await self.case_messages(case_id, organisation_id)
            now = datetime.now(UTC)
            moving = [
                m
                for m in found
                if m["status"] == "sending"
                or (m["status"] == "created" and datetime.fromisoformat(m["due_at"]) <= now)
            ]
            return found if len(found) >= count and not moving else None

        return list(await eventually(check, timeout=30))

    async def announced(self, event_type: str, count: int = 1, **match: Any) -> list[Envelope]:
        """The events of ``event_type`` matching ``match``, once ``count`` were published
        (the outbox relay publishes after the transaction commits)."""

        async def check() -> list[Envelope] | None:
            found = self.published(event_type, **match)
            return found if len(found) >= count else None

        return list(await eventually(check))

    def published(self, event_type: str, **match: Any) -> list[Envelope]:
        return [
            e
            for e in self.events
            if e.type == event_type and all(e.data.get(k) == v for k, v in match.items())
        ]


@contextlib.asynccontextmanager
async def running(env: TestEnvironment, **overrides: Any) -> AsyncIterator[Running]:
    """Mail sink, Notify fake (over real HTTP, calling back into the API), API and worker."""
    smtp_port = free_port()
    settings: dict[str, Any] = {
        "smtp_port": smtp_port,
        "notify_api_key": api_key(SERVICE_ID, SECRET),
        "notify_callback_token": DEV_CALLBACK_TOKEN,
        "retry_base_seconds": 0.2,
        "retry_max_seconds": 1.0,
        "dispatch_poll_seconds": 0.2,
        "survey_delay_days": 0,
    }
    settings.update(overrides)
    async with (
        captured_events(
            env,
            "notifications.message.delivered",
            "notifications.message.failed",
            "notifications.in_app.posted",
            "notifications.contact.withheld",
        ) as events,
        running_api(create_mailsink("127.0.0.1", smtp_port)) as mail,
        service_api(env, definition, **settings) as api,
    ):
        fake = create_notify_fake(
            service_id=SERVICE_ID,
            secret=SECRET,
            callback_url="http://test/v1/notify/callbacks",
            callback_client=api,
            callback_delay=0.1,
        )
        async with (
            serving(fake) as notify_url,
            httpx.AsyncClient(base_url=notify_url) as notify,
            service_worker(env, definition, notify_base_url=notify_url, **settings),
        ):
            yield Running(env, api, mail, notify, events, env.database_url("notifications"))
