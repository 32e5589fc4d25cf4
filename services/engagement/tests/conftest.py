"""Engagement's test fixtures: the API and worker on the run's real database and broker, tokens
for each kind of staff, and a quick way to make a consenting client."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import date

import httpx
import pytest
from asb_shared.testing import TestEnvironment, service_api, service_worker
from engagement.main import definition


@pytest.fixture(scope="module")
async def api(test_env: TestEnvironment) -> AsyncIterator[httpx.AsyncClient]:
    """The engagement API with its worker running (consumer, relay, review clock)."""
    async with (
        service_api(test_env, definition) as client,
        service_worker(test_env, definition, review_clock_seconds=0.5),
    ):
        yield client


Headers = Callable[..., dict[str, str]]


@pytest.fixture(scope="session")
def as_(test_env: TestEnvironment) -> Headers:
    """``as_("peo", org)``: headers for a member of staff with those roles in that organisation."""

    def headers(*roles: str, org: uuid.UUID, subject: str | None = None) -> dict[str, str]:
        token = test_env.token(
            *roles, organisation_id=org, subject=subject or f"{'-'.join(roles) or 'none'}-1"
        )
        return {"Authorization": f"Bearer {token}"}

    return headers


@pytest.fixture
def org() -> uuid.UUID:
    """A landlord of its own for each test."""
    return uuid.uuid4()


def today() -> date:
    from asb_shared.db import utcnow

    return utcnow().date()


NewClient = Callable[..., Awaitable[dict[str, object]]]


@pytest.fixture
def new_client(api: httpx.AsyncClient, as_: Headers) -> NewClient:
    """Key a referral, accept it and record consent: a client ready to assess and plan."""

    async def make(
        org: uuid.UUID, name: str = "Jo Client", consent: bool = True
    ) -> dict[str, object]:
        peo = as_("peo", org=org)
        referral = await api.post(
            "/v1/referrals",
            headers=peo,
            json={
                "person_name": name,
                "reason": "Noise and threats when drinking.",
                "criteria": ["alcohol_use"],
                "referred_by": "PC Smith, neighbourhood team",
            },
        )
        assert referral.status_code == 201, referral.text
        accepted = await api.post(
            f"/v1/referrals/{referral.json()['id']}/decision",
            headers=peo,
            json={"decision": "accepted"},
        )
        assert accepted.status_code == 200, accepted.text
        client_id = accepted.json()["client_id"]
        if consent:
            given = await api.post(
                f"/v1/clients/{client_id}/consent",
                headers=peo,
                json={"given_by": name, "method": "in_person"},
            )
            assert given.status_code == 201, given.text
        record = await api.get(f"/v1/clients/{client_id}", headers=peo)
        return dict(record.json()["client"])

    return make
