"""The console's pages under test: its routers in a small app, signed in by a test middleware
as a member of staff of the console's test landlord (a token minted for the run's issuer), and
cases opened in the real casework through intake's event."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta

import httpx
from asb_shared.auth import Role
from asb_shared.contracts.common import (
    AsbCategory,
    Channel,
    ContactChannel,
    ContactPreferences,
    Location,
    SafeWindow,
)
from asb_shared.contracts.intake import Reporter, ReportReceivedV2
from asb_shared.testing import TestEnvironment, eventually, publish_event
from casework_samples import sql
from fastapi import FastAPI
from starlette.types import ASGIApp, Receive, Scope, Send
from web.console.sessions import StaffSession
from web.console.staff import StaffUser

CONSOLE_ORG = uuid.UUID("00000000-0000-7000-8000-00000000c0e0")
CONSOLE_PREFIX = "CONS"
OTHER_LANDLORD = uuid.UUID("00000000-0000-7000-8000-00000000c0e1")
OTHER_PREFIX = "CONX"
OFFICER = "officer-console"


def staff_of(test_env: TestEnvironment, role: Role, organisation_id: uuid.UUID) -> StaffUser:
    subject = f"{role.value}-console"
    token = test_env.token(role.value, organisation_id=organisation_id, subject=subject)
    return StaffUser(
        subject=subject,
        name=f"Test {role.value.replace('_', ' ')}",
        organisation_id=organisation_id,
        roles=frozenset({role}),
        access_token=token,
    )


class SignedInAs:
    """The test's stand-in for the console's sign-in: the member of staff named by the
    ``X-Test-Staff`` header (``officer`` if none) is on ``request.state.staff``, with a staff
    session holding the forms' CSRF token."""

    def __init__(self, app: ASGIApp, staff: dict[str, StaffUser]) -> None:
        self.app = app
        self.staff = staff

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            headers = dict(scope["headers"])
            who = headers.get(b"x-test-staff", b"officer").decode()
            state = scope.setdefault("state", {})
            state["staff"] = self.staff[who]
            # One browser's staff session: its CSRF token the same on every request.
            state["staff_session"] = StaffSession(None, {"csrf": "test-browser-csrf"})
        await self.app(scope, receive, send)


@dataclass
class Console:
    app: FastAPI
    client: httpx.AsyncClient
    casework: httpx.AsyncClient
    test_env: TestEnvironment
    gateway: httpx.AsyncClient
    staff: dict[str, StaffUser] = field(default_factory=dict)
    """Who a request's ``X-Test-Staff`` header may name (a test may add to them)."""


def csrf_of(page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found, "the page has no CSRF token"
    return found.group(1)


async def open_case(
    console: Console,
    *,
    categories: tuple[AsbCategory, ...] = (AsbCategory.NOISE,),
    preferences: ContactPreferences | None = None,
    name: str = "Morgan Whitfield",
    postcode: str = "SK4 1AA",
    point: tuple[float, float] | None = None,
    status: str | None = "open",
    anonymous: bool = False,
) -> tuple[str, str]:
    """A case opened in casework from intake's event; returns (case id, report reference)."""
    reference = f"{CONSOLE_PREFIX}-2026-{uuid.uuid4().int % 900000 + 100000}"
    event = ReportReceivedV2(
        report_id=uuid.uuid4(),
        reference=reference,
        channel=Channel.WEB,
        categories=list(categories),
        description="Shouting and slammed doors on the landing every night.",
        location=Location(
            address=f"{uuid.uuid4().hex[:8]} Console Road",
            postcode=postcode,
            latitude=point[0] if point else None,
            longitude=point[1] if point else None,
        ),
        occurred_at=datetime.now(UTC) - timedelta(days=2),
        received_at=datetime.now(UTC),
        anonymous=anonymous,
        reporter=None
        if anonymous
        else Reporter(
            name=name,
            email="morgan@example.org",
            phone="07700 900456",
            preferences=preferences
            or ContactPreferences(safe=[ContactChannel.EMAIL], preferred=ContactChannel.EMAIL),
        ),
    )
    await publish_event(console.test_env, event, organisation_id=CONSOLE_ORG)

    async def case_id() -> str | None:
        rows = await sql(
            console.test_env,
            "SELECT case_id FROM case_reports WHERE report_reference = $1",
            reference,
        )
        return str(rows[0]["case_id"]) if rows else None

    found: str = await eventually(case_id, timeout=20)
    if status is not None:
        await sql(
            console.test_env,
            "UPDATE cases SET status = $2 WHERE id = $1",
            uuid.UUID(found),
            status,
        )
    return found, reference


CAREFUL = ContactPreferences(
    safe=[ContactChannel.PHONE],
    unsafe=[ContactChannel.EMAIL, ContactChannel.LETTER],
    preferred=ContactChannel.PHONE,
    safe_windows=[SafeWindow(days=[0, 1, 2, 3, 4], start=time(10, 0), end=time(12, 0))],
    voicemail_safe=False,
)
