"""The first journey, end to end, through all five services as separate processes.

A resident reports ASB on the web -> intake stores it and answers with a reference and a
tracking token -> casework opens a case -> notifications emails an acknowledgement over SMTP
-> the resident's status view shows the case open. Real PostgreSQL, RabbitMQ and SMTP.
"""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import httpx
import pytest
from asb_devtools.runner import SERVICES, System
from asb_shared.testing import TestEnvironment, eventually
from e2e_system import ORG

pytestmark = pytest.mark.e2e


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
        # Numbered for the journeys' landlord, with its prefix.
        prefix = test_env.organisations[ORG].reference_prefix
        assert reference.startswith(f"{prefix}-")
        assert shown["case_reference"].startswith(f"{prefix}-C-")

        async def inbox() -> list[dict[str, Any]]:
            got = (await http.get(f"{cfg.mail_url}/api/messages", params={"to": email})).json()
            return [m for m in got if m["subject"].startswith("We have received your report")]

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
            return [
                m
                for m in page["items"]
                if m["status"] == "delivered" and m["template"] == "report_acknowledgement"
            ]

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
        # Other journeys' mail may arrive meanwhile; none of it is about this report.
        everything = (await http.get(f"{cfg.mail_url}/api/messages")).json()
        assert not [m for m in everything if created["reference"] in m["body"]]


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
            told = any("the behaviour has stopped" in u["text"] for u in view["updates"])
            return view if view["status"] == "closed" and view["survey_open"] and told else None

        # The status, the survey and the closure's update arrive by events of their own.
        view = await eventually(closed_for_reporter, timeout=30)
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

        # The closure, with its outcome, and the survey link reached the reporter by email:
        # the survey page of the report on the landlord's resident site.
        slug = made["reference"].split("-", 1)[0].lower()
        survey_link = f"{cfg.site_url}/{slug}/follow/{made['reference']}/survey"

        async def closure_and_survey() -> str | None:
            got = (
                await http.get(
                    f"{cfg.mail_url}/api/messages", params={"to": body["reporter"]["email"]}
                )
            ).json()
            text = "\n".join(m["subject"] + "\n" + m["body"] for m in got)
            return text if survey_link in text else None

        text = await eventually(closure_and_survey, timeout=30)
        assert "resolved" in text.lower()


async def test_contact_wishes_are_honoured_and_a_second_complainant_is_acknowledged(
    system: System, test_env: TestEnvironment
) -> None:
    """A domestic-abuse victim who marked email unsafe is never emailed: the acknowledgement goes
    by the SMS they marked safe. On that careful case a neighbour who did not mark a channel safe
    gets no automatic message: the officer is given the task. On an ordinary case a second
    complainant is acknowledged like the first."""
    cfg = system.config
    intake = cfg.api_url("intake")
    officer = {"Authorization": f"Bearer {test_env.token('officer', organisation_id=ORG)}"}
    street = f"{uuid.uuid4().hex[:6]} Safety Close"
    victim_email = f"victim+{uuid.uuid4().hex[:8]}@example.org"
    phone = "07700 900" + str(uuid.uuid4().int % 1000).zfill(3)
    victim = _report(None)
    victim.pop("anonymous")
    victim |= {
        "categories": ["domestic_abuse"],
        "description": "My ex-partner keeps coming to the door shouting threats at night.",
        "location": {"address": f"1 {street}, Stockport", "postcode": "SK2 6AA"},
        "reporter": {
            "name": "Alex Victim",
            "email": victim_email,
            "phone": phone,
            "preferences": {"preferred": "sms", "safe": ["sms"], "unsafe": ["email", "letter"]},
        },
    }
    neighbour_email = f"neighbour+{uuid.uuid4().hex[:8]}@example.org"
    neighbour = _report(neighbour_email)
    neighbour["location"] = victim["location"]
    neighbour["description"] = "Shouting and banging at number 1 late every night this week."
    first_email = f"first+{uuid.uuid4().hex[:8]}@example.org"
    second_email = f"second+{uuid.uuid4().hex[:8]}@example.org"
    first, second = _report(first_email), _report(second_email)
    noisy = {"address": f"{uuid.uuid4().hex[:6]} Loud Lane, Stockport", "postcode": "SK3 0AA"}
    first["location"] = second["location"] = noisy

    async def mail_to(address: str) -> list[dict[str, Any]]:
        got = await http.get(f"{cfg.mail_url}/api/messages", params={"to": address})
        return list(got.json())

    async def acknowledgement_to(address: str) -> list[dict[str, Any]]:
        acknowledgement = "We have received your report"
        return [m for m in await mail_to(address) if m["subject"].startswith(acknowledgement)]

    async with httpx.AsyncClient(timeout=10) as http:
        made = await http.post(f"{intake}/v1/reports", json=victim)
        assert made.status_code == 201, made.text
        reference = made.json()["reference"]

        async def texted() -> list[dict[str, Any]]:
            got = await http.get(
                f"{cfg.notify_url}/fake/notifications",
                params={"phone_number": phone.replace(" ", "")},
            )
            return list(got.json())

        texts = await eventually(texted, timeout=30)
        # The acknowledgement (and, once an officer has it, their name) by text.
        assert any(reference in t["body"] for t in texts)

        joined = await http.post(f"{intake}/v1/reports", json=neighbour)
        assert joined.status_code == 201, joined.text

        async def neighbours_acknowledgement() -> list[dict[str, Any]]:
            page = (
                await http.get(
                    f"{cfg.api_url('notifications')}/v1/messages",
                    params={"reference": joined.json()["reference"]},
                    headers=officer,
                )
            ).json()
            return [m for m in page["items"] if m["status"] == "withheld"]

        [withheld] = await eventually(neighbours_acknowledgement, timeout=30)
        assert withheld["channel"] is None or withheld["channel"] != "email"
        # Never an email to the victim nor to the neighbour on the careful case.
        assert await mail_to(victim_email) == []
        assert await mail_to(neighbour_email) == []

        delivered: list[dict[str, Any]] = []
        for body, address in ((first, first_email), (second, second_email)):
            created = await http.post(f"{intake}/v1/reports", json=body)
            assert created.status_code == 201, created.text
            body["reference"] = created.json()["reference"]
            [mail] = await eventually(lambda a=address: acknowledgement_to(a), timeout=30)
            delivered.append(mail)
        to_first, to_second = delivered
        assert first["reference"] in to_first["body"]
        assert second["reference"] in to_second["body"]
        assert "added it to the case we already have open" in to_second["body"]
