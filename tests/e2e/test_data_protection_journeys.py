"""Data protection, end to end through all five services as separate processes: a complainant's
subject access request gathers what every service holds about them, marked where it names
someone else, reviewed, released."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from asb_devtools.runner import System
from asb_shared.testing import TestEnvironment, eventually
from e2e_system import ORG

pytestmark = pytest.mark.e2e

SOURCES = {"casework", "intake", "notifications", "engagement", "partner-gateway"}


async def test_a_subject_access_export_holds_the_complainants_data_from_every_service(
    system: System, test_env: TestEnvironment
) -> None:
    cfg = system.config
    email = f"robin+{uuid.uuid4().hex[:8]}@example.org"
    report = {
        "organisation_id": str(ORG),
        "categories": ["noise"],
        "description": "Drum practice at 2am from number 9, and Lee Neighbour shouts at me.",
        "location": {"address": "11 Access Road, Stockport", "postcode": "SK4 1AA"},
        "occurred_at": "2026-11-21T00:15:00Z",
        "reporter": {"name": "Robin Asker", "email": email, "preferred_channel": "email"},
        "people": [{"role": "subject", "name": "Lee Neighbour", "address": "9 Access Road"}],
    }
    leader = {"Authorization": f"Bearer {test_env.token('team_leader', organisation_id=ORG)}"}
    officer = {"Authorization": f"Bearer {test_env.token('officer', organisation_id=ORG)}"}
    admin = {"Authorization": f"Bearer {test_env.token('admin', organisation_id=ORG)}"}
    async with httpx.AsyncClient(timeout=30) as http:
        created = await http.post(f"{cfg.api_url('intake')}/v1/reports", json=report)
        assert created.status_code == 201, created.text
        reference = created.json()["reference"]

        # Every service has its copy: the case, the acknowledgement, the gateway's projection.
        async def case() -> dict[str, Any] | None:
            page = (
                await http.get(
                    f"{cfg.api_url('casework')}/v1/cases",
                    params={"report_reference": reference},
                    headers=officer,
                )
            ).json()
            return page["items"][0] if page["items"] else None

        opened = await eventually(case, timeout=30)

        async def acknowledged() -> bool:
            page = (
                await http.get(
                    f"{cfg.api_url('notifications')}/v1/messages",
                    params={"reference": reference},
                    headers=officer,
                )
            ).json()
            return any(m["template"] == "report_acknowledgement" for m in page["items"])

        async def shared() -> bool:
            page = (
                await http.get(f"{cfg.api_url('partner-gateway')}/v1/shared-cases", headers=admin)
            ).json()
            return any(c["case_reference"] == opened["reference"] for c in page["items"])

        await eventually(acknowledged, timeout=30)
        await eventually(shared, timeout=30)

        sar = f"{cfg.api_url('casework')}/v1/subject-access"
        found = await http.get(f"{sar}/people", params={"email": email.upper()}, headers=leader)
        assert found.status_code == 200, found.text
        assert [p["report_reference"] for p in found.json()] == [reference]
        assert (
            await http.post(
                sar, json={"email": email, "received_on": "2026-12-07"}, headers=officer
            )
        ).status_code == 403
        today = datetime.now(UTC).date().isoformat()
        started = await http.post(sar, json={"email": email, "received_on": today}, headers=leader)
        assert started.status_code == 201, started.text
        request = started.json()
        assert request["due_on"] > today

        async def complete() -> dict[str, Any] | None:
            got = (await http.get(f"{sar}/{request['id']}", headers=leader)).json()
            return got if got["complete"] else None

        done = await eventually(complete, timeout=40)
        assert set(done["contributed"]) == SOURCES

        export = (await http.get(f"{sar}/{request['id']}/export.json", headers=leader)).json()
        by_kind: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for item in export["items"]:
            by_kind.setdefault((item["source"], item["kind"]), []).append(item)
        # Their data, from every service that holds some.
        [made] = by_kind[("intake", "report")]
        assert made["reference"] == reference and made["data"]["your_email"] == email
        [record] = by_kind[("casework", "complainant_record")]
        assert record["data"]["email"] == email
        assert by_kind[("casework", "case")][0]["reference"] == opened["reference"]
        [contact] = by_kind[("notifications", "contact_record")]
        assert contact["data"]["email"] == email
        assert any(m["data"]["address"] == email for m in by_kind[("notifications", "message")])
        assert by_kind[("partner-gateway", "shared_case")][0]["reference"] == opened["reference"]
        # Marked where it names someone else: the subject they named, their words about them.
        assert {"description", "people"} <= set(made["names_someone_else"])
        assert "Lee Neighbour" in str(made["data"]["people"])
        [on_case] = by_kind[("casework", "report_on_case")]
        assert "subjects" in on_case["names_someone_else"]
        assert "your_email" not in made["names_someone_else"]

        pdf = await http.get(f"{sar}/{request['id']}/export.pdf", headers=leader)
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")

        # Not released while anything naming someone else is unreviewed.
        refused = await http.post(f"{sar}/{request['id']}/release", json={}, headers=leader)
        assert refused.status_code == 409
        for item in export["items"]:
            if item["names_someone_else"]:
                redact = ["people"] if item["id"] == made["id"] else []
                reviewed = await http.post(
                    f"{sar}/{request['id']}/items/{item['id']}/review",
                    json={"redact": redact},
                    headers=leader,
                )
                assert reviewed.status_code == 200, reviewed.text
        released = await http.post(
            f"{sar}/{request['id']}/release", json={"note": "sent by post"}, headers=leader
        )
        assert released.status_code == 200, released.text
        assert released.json()["released_by"] and released.json()["released_at"]
        final = (await http.get(f"{sar}/{request['id']}/export.json", headers=leader)).json()
        [made_final] = [i for i in final["items"] if i["id"] == made["id"]]
        assert made_final["redacted"] == ["people"]
        assert made_final["data"]["people"].startswith("[withheld")
        assert "Lee Neighbour" not in str(made_final["data"]["people"])
        assert made_final["data"]["your_email"] == email
