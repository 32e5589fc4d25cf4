"""Reports staff key in from a phone call, a letter or a visit."""

from __future__ import annotations

import uuid

import httpx
from asb_shared.messaging import Envelope
from asb_shared.testing import TestEnvironment, eventually
from intake_samples import ORG, report, reports_where


async def test_staff_key_phone_letter_and_in_person_reports(
    client: httpx.AsyncClient, test_env: TestEnvironment, seen: list[Envelope]
) -> None:
    officer = {
        "Authorization": f"Bearer {test_env.token('officer', organisation_id=ORG, subject='officer-42')}"
    }
    for channel in ("phone", "letter", "in_person"):
        made = await client.post(
            "/v1/staff/reports",
            json=report(
                channel=channel,
                description=f"Keyed from a {channel} report: threats made on the landing",
            ),
            headers=officer,
        )
        assert made.status_code == 201, made.text
        reference = made.json()["reference"]
        assert (
            await reports_where(
                test_env,
                f"reference = '{reference}' AND channel = '{channel}' AND received_by = 'officer-42'",
            )
            == 1
        )

        async def announced(ref: str = reference) -> list[Envelope]:
            return [
                e for e in seen if e.type == "intake.report.received" and e.data["reference"] == ref
            ]

        [event] = await eventually(announced)
        assert event.data["channel"] == channel
        assert event.data["received_by"] == "officer-42"
    assert (await client.post("/v1/staff/reports", json=report(channel="phone"))).status_code == 401
    other = {"Authorization": f"Bearer {test_env.token('officer', organisation_id=uuid.uuid4())}"}
    wrong_org = await client.post("/v1/staff/reports", json=report(channel="phone"), headers=other)
    assert wrong_org.status_code == 422
    assert wrong_org.json()["error"]["details"][0]["field"] == "organisation_id"
    assert (
        await client.post("/v1/staff/reports", json=report(channel="web"), headers=officer)
    ).status_code == 422
