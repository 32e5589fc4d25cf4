"""The whole system as separate processes, started once for every end-to-end journey."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from asb_devtools.runner import System, SystemConfig, landlord, register_organisations
from asb_devtools.tracesink import TraceSink
from asb_shared.testing import TestEnvironment
from casework.policy.settings import PolicySettings
from e2e_system import ORG


@pytest.fixture(scope="session")
def trace_sink() -> Iterator[TraceSink]:
    """Where every process of the system sends its spans (a local OTLP/HTTP receiver)."""
    with TraceSink() as sink:
        yield sink


@pytest.fixture(scope="package")
def system(
    test_env: TestEnvironment, tmp_path_factory: pytest.TempPathFactory, trace_sink: TraceSink
) -> Iterator[System]:
    env = test_env.derive("e2e")
    # The development identity provider signs with the run's key, which the services trust.
    idp_key = tmp_path_factory.mktemp("idp") / "private.pem"
    idp_key.write_bytes(test_env.private_key)
    config = SystemConfig.on_free_ports(
        lambda service: {
            **env.service_environ(service),
            "OUTBOX_POLL_SECONDS": "0.5",
            # Few connections a process: the system stays up while the fault tests run theirs.
            "DATABASE_POOL_SIZE": "3",
            # The satisfaction survey follows the closure at once here, not days later.
            "SURVEY_DELAY_DAYS": "0",
            # Tracing on, as in production with a collector: every journey runs with it.
            "OTEL_EXPORTER_OTLP_ENDPOINT": trace_sink.endpoint,
            "OTEL_BSP_SCHEDULE_DELAY": "200",
        },
        tmp_path_factory.mktemp("e2e-logs"),
        # The staff console too, its staff signed in by the development identity provider.
        console=True,
        idp_private_key=idp_key,
        idp_organisation=ORG,
    )
    with System(config) as running:
        running.migrate()
        running.start(timeout=120)
        # The journeys' landlord, registered as a platform admin would, heard of everywhere.
        platform = env.token("platform_admin", organisation_id=ORG, register=False)
        for answer in register_organisations(config, platform, [landlord(ORG, "ETOE")]):
            test_env.remember_organisation(answer)
        # Its policy sends the satisfaction survey at the closure, not working days later.
        policy = PolicySettings().model_dump(mode="json") | {"survey_after_closure_working_days": 0}
        answer = httpx.put(
            f"{config.api_url('casework')}/v1/organisations/{ORG}/policy",
            json={
                "reason": "The journeys' survey follows the closure at once.",
                "settings": policy,
            },
            headers={
                "Authorization": f"Bearer {env.token('admin', organisation_id=ORG, register=False)}"
            },
            timeout=30,
        )
        assert answer.status_code == 200, answer.text
        yield running
