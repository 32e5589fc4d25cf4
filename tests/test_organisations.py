"""Every service knows the landlords by casework's event, and refuses a staff request for one
that is unknown, inactive or does not use it (403 in the common error shape), in one place."""

from __future__ import annotations

import asyncio
import importlib
import time
import uuid
from datetime import UTC, datetime

import asyncpg
import pytest
from asb_devtools.runner import SERVICES
from asb_shared.contracts.casework import OrganisationUpdated, PlatformService
from asb_shared.testing import (
    TestEnvironment,
    eventually,
    publish_event,
    service_api,
    service_worker,
)

# One staff read per service, and a role allowed to make it.
STAFF_READ: dict[str, tuple[str, str]] = {
    "intake": ("/v1/inbound-mail", "officer"),
    "casework": ("/v1/cases", "officer"),
    "engagement": ("/v1/clients", "peo"),
    "notifications": ("/v1/messages", "officer"),
    "partner-gateway": ("/v1/shared-cases", "admin"),
}
BOUGHT = {s.value for s in PlatformService}


def _definition(service: str) -> object:
    return importlib.import_module(f"{SERVICES[service]}.main").definition


@pytest.mark.parametrize("service", list(SERVICES))
async def test_a_staff_request_is_refused_for_an_unknown_inactive_or_not_buying_landlord(
    test_env: TestEnvironment, service: str
) -> None:
    path, role = STAFF_READ[service]

    def asking(org: uuid.UUID) -> dict[str, str]:
        token = test_env.token(role, organisation_id=org, register=False)
        return {"Authorization": f"Bearer {token}"}

    async with service_api(test_env, _definition(service)) as api:  # type: ignore[arg-type]
        unknown = await api.get(path, headers=asking(uuid.uuid4()))
        assert unknown.status_code == 403, unknown.text
        assert unknown.json()["error"]["code"] == "organisation_unknown"

        inactive = test_env.register_organisation(active=False).id
        refused = await api.get(path, headers=asking(inactive))
        assert refused.status_code == 403
        assert refused.json()["error"]["code"] == "organisation_inactive"

        buys_nothing = test_env.register_organisation(services=()).id
        answer = await api.get(path, headers=asking(buys_nothing))
        if service in BOUGHT:
            assert answer.status_code == 403
            assert answer.json()["error"]["code"] == "service_not_bought"
        else:
            assert answer.status_code == 200, answer.text

        everything = test_env.register_organisation().id
        assert (await api.get(path, headers=asking(everything))).status_code == 200


@pytest.mark.parametrize("service", [s for s in SERVICES if s != "casework"])
async def test_a_service_learns_of_a_landlord_by_event_and_keeps_the_newest_version(
    test_env: TestEnvironment, service: str
) -> None:
    env = test_env.derive(f"orgs_{service.replace('-', '_')}")
    definition = _definition(service)
    org = uuid.uuid4()
    path, role = STAFF_READ[service]
    staff = {"Authorization": f"Bearer {env.token(role, organisation_id=org, register=False)}"}
    platform = {
        "Authorization": f"Bearer {env.token('platform_admin', organisation_id=org, register=False)}"
    }

    def state(version: int, active: bool) -> OrganisationUpdated:
        return OrganisationUpdated(
            organisation_id=org,
            name="Eastway Homes",
            reference_prefix="EWH",
            services=sorted(PlatformService),
            active=active,
            version=version,
            updated_at=datetime.now(UTC),
        )

    async with (
        service_api(env, definition) as api,  # type: ignore[arg-type]
        service_worker(env, definition),  # type: ignore[arg-type]
    ):
        held = f"/v1/platform/organisations/{org}"
        assert (await api.get(held, headers=platform)).status_code == 404
        assert (await api.get(path, headers=staff)).status_code == 403

        await publish_event(env, state(2, active=True), organisation_id=org, producer="casework")

        async def version() -> int:
            answer = await api.get(held, headers=platform)
            return int(answer.json()["version"]) if answer.status_code == 200 else 0

        assert await eventually(version, timeout=30) == 2
        assert (await api.get(path, headers=staff)).status_code == 200

        # An older state arriving late changes nothing; a newer one is kept.
        await publish_event(env, state(1, active=False), organisation_id=org, producer="casework")
        await publish_event(env, state(3, active=False), organisation_id=org, producer="casework")
        assert await eventually(lambda: _is(version, 3), timeout=30)
        refused = await api.get(path, headers=staff)
        assert refused.status_code == 403
        assert refused.json()["error"]["code"] == "organisation_inactive"
        # Only a platform admin may ask what a service holds.
        assert (await api.get(held, headers=staff)).status_code == 403


async def _is(read: object, wanted: int) -> bool:
    return bool(await read() == wanted)  # type: ignore[operator]


def _intake_state(org: uuid.UUID, version: int, *, active: bool) -> OrganisationUpdated:
    return OrganisationUpdated(
        organisation_id=org,
        name="Northgate Housing",
        reference_prefix="NGH",
        services=sorted(PlatformService),
        active=active,
        version=version,
        updated_at=datetime.now(UTC),
    )


async def test_a_landlord_deactivated_by_the_registry_is_refused_within_a_second(
    test_env: TestEnvironment,
) -> None:
    """The API process holds the organisation it has looked up; the registry's event,
    consumed from the bus by the worker and applied to the table, reaches the API's gate at
    once (not after its holding time): the next request is refused."""
    env = test_env.derive("orgs_gate")
    definition = _definition("intake")
    org = uuid.uuid4()
    path, role = STAFF_READ["intake"]
    staff = {"Authorization": f"Bearer {env.token(role, organisation_id=org, register=False)}"}
    async with (
        service_api(env, definition, organisation_cache_seconds=60.0) as api,  # type: ignore[arg-type]
        service_worker(env, definition),  # type: ignore[arg-type]
    ):
        await publish_event(
            env, _intake_state(org, 1, active=True), organisation_id=org, producer="casework"
        )

        async def served() -> bool:
            return (await api.get(path, headers=staff)).status_code == 200

        assert await eventually(served, timeout=30)
        assert await served(), "held now"

        sent = time.monotonic()
        await publish_event(
            env, _intake_state(org, 2, active=False), organisation_id=org, producer="casework"
        )
        while (answer := await api.get(path, headers=staff)).status_code == 200:
            assert time.monotonic() - sent < 1.0, "a deactivated landlord still served after 1 s"
            await asyncio.sleep(0.02)
        assert answer.status_code == 403
        assert answer.json()["error"]["code"] == "organisation_inactive"


async def test_a_change_whose_announcement_is_missed_is_seen_within_the_holding_time(
    test_env: TestEnvironment,
) -> None:
    """A change the API's gate is not told of (written to the table with no notification, as
    if the announcement were lost): the organisation is held meanwhile, then read again."""
    definition = _definition("intake")
    org = test_env.register_organisation().id
    path, role = STAFF_READ["intake"]
    staff = {"Authorization": f"Bearer {test_env.token(role, organisation_id=org)}"}
    async with service_api(test_env, definition, organisation_cache_seconds=1.0) as api:  # type: ignore[arg-type]
        assert (await api.get(path, headers=staff)).status_code == 200
        conn = await asyncpg.connect(
            test_env.database_url(definition.name).replace("+asyncpg", "")  # type: ignore[attr-defined]
        )
        try:
            await conn.execute(
                "UPDATE organisations SET active = false, version = version + 1 WHERE id = $1", org
            )
        finally:
            await conn.close()
        changed = time.monotonic()
        assert (await api.get(path, headers=staff)).status_code == 200, "held, not read again"
        while (answer := await api.get(path, headers=staff)).status_code == 200:
            assert time.monotonic() - changed < 2.0, "held past its holding time"
            await asyncio.sleep(0.05)
        assert answer.json()["error"]["code"] == "organisation_inactive"
