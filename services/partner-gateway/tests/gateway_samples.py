"""Helpers for the partner gateway's tests: set up landlords, partners, agreements, credentials
and cases through the API, as staff and partner systems do."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import uuid
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import uvicorn
from asb_shared.contracts.casework import CaseOpenedV2, ContactRecord
from asb_shared.contracts.common import AsbCategory, ContactPreferences
from asb_shared.testing import TestEnvironment, eventually, free_port, publish_event
from partner_gateway.agreements.rules import CaseField, Scope
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

TOKEN_KEY = "test-partner-token-key-0123456789abcdef"
SETTINGS = {
    "partner_token_key": TOKEN_KEY,
    "webhook_retry_delays_seconds": [0.2, 0.4],
    "webhook_poll_seconds": 0.05,
    "webhook_timeout_seconds": 2.0,
    # The session's tests all call from one address; the limits have tests of their own
    # (credentials/test_token_limits.py).
    "token_rate_per_address_per_minute": 100_000,
    "token_rate_per_client_per_minute": 100_000,
}
ALL_FIELDS = [f.value for f in CaseField]
ALL_SCOPES = [s.value for s in Scope]


def today() -> date:
    return datetime.now(UTC).date()


@dataclass
class Gateway:
    """Drives the gateway's API as landlord staff and partner systems do."""

    api: httpx.AsyncClient
    env: TestEnvironment

    @property
    def db_url(self) -> str:
        return self.env.database_url("partner-gateway")

    def staff(self, org: uuid.UUID, role: str = "admin") -> dict[str, str]:
        return {
            "Authorization": f"Bearer {self.env.token(role, organisation_id=org, subject=f'{role}-1')}"
        }

    async def partner(
        self,
        org: uuid.UUID,
        name: str = "Greater Manchester Police",
        kind: str = "police",
        **extra: Any,
    ) -> dict[str, Any]:
        answer = await self.api.post(
            "/v1/partners",
            json={"name": name, "kind": kind, "admin_email": "admin@partner.example", **extra},
            headers=self.staff(org),
        )
        assert answer.status_code == 201, answer.text
        return dict(answer.json())

    async def agreement(
        self,
        org: uuid.UUID,
        partner_id: str,
        *,
        categories: Iterable[str] = ("noise", "drugs"),
        fields: Iterable[str] = ALL_FIELDS,
        scopes: Iterable[str] = ALL_SCOPES,
        starts_on: date | None = None,
        review_on: date | None = None,
        expires_on: date | None = None,
    ) -> dict[str, Any]:
        start = starts_on or today() - timedelta(days=30)
        answer = await self.api.post(
            "/v1/agreements",
            json={
                "partner_id": partner_id,
                "title": "ASB information sharing",
                "parties": ["Landlord", "Partner"],
                "purpose": "Preventing and tackling anti-social behaviour",
                "lawful_basis": ["Crime and Disorder Act 1998 s115", "UK GDPR Art 6(1)(e)"],
                "categories": list(categories),
                "fields": list(fields),
                "scopes": list(scopes),
                "starts_on": start.isoformat(),
                "review_on": (review_on or today() + timedelta(days=180)).isoformat(),
                "expires_on": (expires_on or today() + timedelta(days=365)).isoformat(),
            },
            headers=self.staff(org),
        )
        assert answer.status_code == 201, answer.text
        return dict(answer.json())

    async def expire(self, org: uuid.UUID, agreement_id: str) -> None:
        yesterday = (today() - timedelta(days=1)).isoformat()
        answer = await self.api.patch(
            f"/v1/agreements/{agreement_id}",
            json={"review_on": yesterday, "expires_on": yesterday},
            headers=self.staff(org),
        )
        assert answer.status_code == 200, answer.text
        assert answer.json()["state"] == "expired"

    async def withdraw(self, org: uuid.UUID, agreement_id: str) -> None:
        answer = await self.api.post(
            f"/v1/agreements/{agreement_id}/withdrawal",
            json={"reason": "The partner breached the agreement"},
            headers=self.staff(org),
        )
        assert answer.status_code == 200, answer.text
        assert answer.json()["state"] == "withdrawn"

    async def credentials(self, org: uuid.UUID, partner_id: str) -> dict[str, Any]:
        answer = await self.api.post(
            f"/v1/partners/{partner_id}/clients",
            json={"name": "Case system"},
            headers=self.staff(org),
        )
        assert answer.status_code == 201, answer.text
        return dict(answer.json())

    async def token_answer(
        self, client_id: str, secret: str, scope: str | None = None
    ) -> httpx.Response:
        basic = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
        form = {"grant_type": "client_credentials", **({"scope": scope} if scope else {})}
        return await self.api.post(
            "/partner/oauth/token", data=form, headers={"Authorization": f"Basic {basic}"}
        )

    async def token(self, creds: dict[str, Any], scope: str | None = None) -> dict[str, str]:
        answer = await self.token_answer(creds["client_id"], creds["client_secret"], scope)
        assert answer.status_code == 200, answer.text
        return {"Authorization": f"Bearer {answer.json()['access_token']}"}

    async def open_case(
        self,
        org: uuid.UUID,
        categories: Iterable[AsbCategory],
        *,
        route: str | None = None,
        complainant: ContactRecord | None = None,
        version: int = 1,
    ) -> uuid.UUID:
        case_id = uuid.uuid4()
        event = CaseOpenedV2(
            case_id=case_id,
            case_reference=f"CASE-2026-{str(case_id.int)[:6]}",
            version=version,
            status="open",
            categories=list(categories),
            report_id=uuid.uuid4(),
            report_reference=f"ASB-2026-{str(case_id.int)[:6]}",
            opened_at=datetime(2026, 11, 20, 9, 30, tzinfo=UTC),
            anonymous=complainant is None,
            route=route,
            complainant=complainant,
        )
        await publish_event(self.env, event, organisation_id=org)
        await self.projected(org, case_id)
        return case_id

    async def projected(
        self, org: uuid.UUID, case_id: uuid.UUID, version: int = 1
    ) -> dict[str, Any]:
        async def found() -> dict[str, Any] | None:
            answer = await self.api.get("/v1/shared-cases?limit=200", headers=self.staff(org))
            for item in answer.json()["items"]:
                if item["case_id"] == str(case_id) and item["version"] >= version:
                    return dict(item)
            return None

        return dict(await eventually(found))

    async def share(
        self, org: uuid.UUID, case_id: uuid.UUID, partner_id: str, agreement_id: str
    ) -> httpx.Response:
        return await self.api.post(
            f"/v1/cases/{case_id}/shares",
            json={
                "partner_id": partner_id,
                "agreement_id": agreement_id,
                "reason": "Joint problem-solving",
            },
            headers=self.staff(org, "officer"),
        )

    async def audit(self, org: uuid.UUID, **filters: str) -> list[dict[str, Any]]:
        answer = await self.api.get(
            "/v1/audit", params={"limit": 200, **filters}, headers=self.staff(org)
        )
        assert answer.status_code == 200, answer.text
        return list(answer.json()["items"])


def complainant(*, only_through_officer: bool = False, name: str = "Sam Resident") -> ContactRecord:
    return ContactRecord(
        person_id=uuid.uuid4(),
        name=name,
        email="sam@example.org",
        phone="07700900123",
        address="12 Example Court, Stockport",
        preferences=ContactPreferences(only_through_officer=only_through_officer, careful=True),
        version=1,
    )


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    """A partner's HTTP server: ``/ok`` answers 204, ``/broken`` answers 500."""

    port: int
    seen: list[Received] = field(default_factory=list)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def at(self, path: str) -> list[Received]:
        return [r for r in self.seen if r.path == path]


@contextlib.asynccontextmanager
async def receiver() -> AsyncIterator[Receiver]:
    found = Receiver(free_port())

    async def hook(request: Request) -> Response:
        found.seen.append(Received(request.url.path, dict(request.headers), await request.body()))
        return Response(status_code=204 if request.url.path == "/ok" else 500)

    app = Starlette(
        routes=[Route("/ok", hook, methods=["POST"]), Route("/broken", hook, methods=["POST"])]
    )
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=found.port, log_config=None))
    task = asyncio.create_task(server.serve())
    await eventually(lambda: _started(server))
    try:
        yield found
    finally:
        server.should_exit = True
        await task


async def _started(server: uvicorn.Server) -> bool:
    return server.started
