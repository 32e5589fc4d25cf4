"""Every service knows the landlords by casework's event, and refuses a staff request for one
that is unknown, inactive or does not use it (403 in the common error shape), in one place."""

from __future__ import annotations

import importlib
import uuid
from datetime import UTC, datetime

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
