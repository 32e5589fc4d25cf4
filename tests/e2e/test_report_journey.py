"""The first journey, end to end, through all five services as separate processes.

A resident reports ASB on the web -> intake stores it and answers with a reference and a
tracking token -> casework opens a case -> notifications emails an acknowledgement over SMTP
-> the resident's status view shows the case open. Real PostgreSQL, RabbitMQ and SMTP.
"""

from __future__ import annotations

import asyncio
import socket
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from asb_devtools.runner import SERVICES, System, SystemConfig
from asb_shared.testing import TestEnvironment, eventually

pytestmark = pytest.mark.e2e

ORG = uuid.uuid4()


def _free_ports(n: int) -> list[int]:
    sockets = [socket.socket() for _ in range(n)]
    try:
        for s in sockets:
            s.bind(("127.0.0.1", 0))
        return [int(s.getsockname()[1]) for s in sockets]
    finally:
        for s in sockets:
            s.close()


@pytest.fixture(scope="module")
def system(test_env: TestEnvironment, tmp_path_factory: pytest.TempPathFactory) -> Iterator[System]:
    env = test_env.derive("e2e")
    ports = _free_ports(2 * len(SERVICES) + 2)
    config = SystemConfig(
        ports={s: (ports[2 * i], ports[2 * i + 1]) for i, s in enumerate(SERVICES)},
        smtp_port=ports[-2],
        mail_http_port=ports[-1],
        service_env=lambda service: {
            "DATABASE_URL": env.database_url(service),
            "AMQP_URL": env.amqp_url,
            "JWT_ISSUER": env.issuer,
            "JWT_AUDIENCE": env.audience,
            "JWT_PUBLIC_KEY_FILE": str(env.public_key_file),
            "OUTBOX_POLL_SECONDS": "0.5",
        },
        log_dir=tmp_path_factory.mktemp("e2e-logs"),
    )
    with System(config) as running:
        running.migrate()
        running.start(timeout=120)
        yield running


def _report(email: str | None) -> dict[str, Any]:
    body: dict[str, Any] = {
        "organisation_id": str(ORG),
        "categories": ["noise"],
        "description": "Very loud music and shouting from number 14 every night this week.",
        "location": {"address": "14 Journey Street, Stockport", "postcode": "SK4 1AA"},
        "occurred_at": "2026-11-21T00:15:00Z",
    }
    if email:
        body["reporter"] = {"name": "Casey Resident", "email": email, "preferred_channel": "email"}
    else:
        body["anonymous"] = True
    return body


async def test_a_web_report_becomes_a_case_an_email_and_an_open_status(
    system: System, test_env: TestEnvironment
) -> None:
    cfg = system.config
    email = f"casey+{uuid.uuid4().hex[:8]}@example.org"
    async with httpx.AsyncClient(timeout=10) as http:
        created = await http.post(f"{cfg.api_url('intake')}/v1/reports", json=_report(email))
        assert created.status_code == 201, created.text
        reference, token = created.json()["reference"], created.json()["tracking_token"]

        async def status() -> dict[str, Any] | None:
            got = await http.get(
                f"{cfg.api_url('intake')}/v1/reports/{reference}/status",
                headers={"X-Tracking-Token": token},
            )
            body: dict[str, Any] = got.json()
            return body if body["status"] == "open" else None

        shown = await eventually(status, timeout=20)
        assert shown["case_reference"].startswith("CASE-")

        async def inbox() -> list[dict[str, Any]]:
            return list(
                (await http.get(f"{cfg.mail_url}/api/messages", params={"to": email})).json()
            )

        [mail] = await eventually(inbox, timeout=20)
        assert mail["subject"] == f"We have received your report {reference}"
        assert reference in mail["body"]

        officer = {"Authorization": f"Bearer {test_env.token('officer', organisation_id=ORG)}"}
        cases = (
            await http.get(
                f"{cfg.api_url('casework')}/v1/cases",
                params={"report_reference": reference},
                headers=officer,
            )
        ).json()
        [case] = cases["items"]
        assert case["reference"] == shown["case_reference"]
        assert case["categories"] == ["noise"]

        async def delivered() -> list[dict[str, Any]]:
            page = (
                await http.get(
                    f"{cfg.api_url('notifications')}/v1/messages",
                    params={"reference": reference},
                    headers=officer,
                )
            ).json()
            return [m for m in page["items"] if m["status"] == "delivered"]

        [message] = await eventually(delivered)
        assert message["recipient"] == email

        async def acknowledged() -> str | None:
            got = (
                await http.get(f"{cfg.api_url('casework')}/v1/cases/{case['id']}", headers=officer)
            ).json()
            return got["acknowledged_at"]  # type: ignore[no-any-return]

        await eventually(acknowledged)

        admin = {"Authorization": f"Bearer {test_env.token('admin', organisation_id=ORG)}"}

        async def shared() -> list[dict[str, Any]]:
            page = (
                await http.get(f"{cfg.api_url('partner-gateway')}/v1/shared-cases", headers=admin)
            ).json()
            return [c for c in page["items"] if c["case_reference"] == case["reference"]]

        await eventually(shared)

        for service in SERVICES:
            for url in (cfg.api_url(service), cfg.worker_url(service)):
                ready = await http.get(f"{url}/readyz")
                assert ready.status_code == 200, (url, ready.text)


async def test_an_anonymous_report_opens_a_case_without_writing_to_anyone(system: System) -> None:
    cfg = system.config
    async with httpx.AsyncClient(timeout=10) as http:
        before = len((await http.get(f"{cfg.mail_url}/api/messages")).json())
        created = (
            await http.post(f"{cfg.api_url('intake')}/v1/reports", json=_report(None))
        ).json()

        async def opened() -> bool:
            got = await http.get(
                f"{cfg.api_url('intake')}/v1/reports/{created['reference']}/status",
                headers={"X-Tracking-Token": created["tracking_token"]},
            )
            return bool(got.json()["status"] == "open")

        await eventually(opened, timeout=20)
        await asyncio.sleep(1)
        after = (await http.get(f"{cfg.mail_url}/api/messages")).json()
        assert len(after) == before


async def test_a_case_worked_to_closure_reaches_the_reporter_and_their_survey_reaches_the_case(
    system: System, test_env: TestEnvironment
) -> None:
    cfg = system.config
    org = ORG
    leader = {"Authorization": f"Bearer {test_env.token('team_leader', organisation_id=org)}"}
    officer = {
        "Authorization": f"Bearer {test_env.token('officer', organisation_id=org, subject='o-e2e')}"
    }
    casework, intake = cfg.api_url("casework"), cfg.api_url("intake")
    async with httpx.AsyncClient(timeout=10) as http:
        put = await http.put(
            f"{casework}/v1/officers/o-e2e",
            json={"name": "Erin Officer", "patches": ["SK7"]},
            headers=leader,
        )
        assert put.status_code == 200, put.text
        body = _report(f"resident+{uuid.uuid4().hex[:8]}@example.org")
        body["location"] = {
            "address": f"{uuid.uuid4().hex[:6]} Closure Road",
            "postcode": "SK7 1AA",
        }
        made = (await http.post(f"{intake}/v1/reports", json=body)).json()
        tracking = {"X-Tracking-Token": made["tracking_token"]}

        async def assigned() -> dict[str, Any] | None:
            page = (
                await http.get(
                    f"{casework}/v1/cases",
                    params={"report_reference": made["reference"]},
                    headers=officer,
                )
            ).json()
            return (
                page["items"][0]
                if page["items"] and page["items"][0]["officer_id"] == "o-e2e"
                else None
            )

        case = await eventually(assigned, timeout=20)
        assert case["status"] == "open"
        url = f"{casework}/v1/cases/{case['id']}"
        contact = await http.post(
            f"{url}/contacts",
            json={
                "with_whom": "complainant",
                "method": "phone",
                "contacted_at": "2026-11-23T10:00:00Z",
                "summary": "Talked it through; agreed a plan",
            },
            headers=officer,
        )
        assert contact.status_code == 201, contact.text
        plan = await http.post(
            f"{url}/action-plans",
            json={
                "actions": [
                    {
                        "action": "Warning letter to flat 14",
                        "owner": "Erin Officer",
                        "due_date": "2026-11-30",
                    }
                ],
                "contact_method": "phone",
                "contact_frequency_days": 5,
                "agreed_with_complainant_at": "2026-11-23T10:05:00Z",
            },
            headers=officer,
        )
        assert plan.status_code == 201, plan.text
        closed = await http.post(
            f"{url}/closure",
            json={
                "outcome": "resolved",
                "reason": "No further noise since the warning letter",
                "discussed_with_complainant_at": "2026-11-23T11:00:00Z",
            },
            headers=officer,
        )
        assert closed.status_code == 201, closed.text

        async def closed_for_reporter() -> dict[str, Any] | None:
            view: dict[str, Any] = (
                await http.get(f"{intake}/v1/reports/{made['reference']}", headers=tracking)
            ).json()
            return view if view["status"] == "closed" and view["survey_open"] else None

        view = await eventually(closed_for_reporter, timeout=20)
        assert any("the behaviour has stopped" in u["text"] for u in view["updates"])
        survey = await http.post(
            f"{intake}/v1/reports/{made['reference']}/survey",
            json={"handling": 5, "outcome": 4},
            headers=tracking,
        )
        assert survey.status_code == 201, survey.text

        async def survey_on_case() -> bool:
            entries = (await http.get(f"{url}/timeline", headers=officer)).json()
            return any(e["kind"] == "satisfaction_survey" for e in entries)

        await eventually(survey_on_case, timeout=20)
