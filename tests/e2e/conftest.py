"""The whole system as separate processes, started once for every end-to-end journey."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from asb_devtools.runner import SERVICES, System, SystemConfig, landlord, register_organisations
from asb_devtools.tracesink import TraceSink
from asb_shared.testing import TestEnvironment
from e2e_system import ORG


def _free_ports(n: int) -> list[int]:
    sockets = [socket.socket() for _ in range(n)]
    try:
        for s in sockets:
            s.bind(("127.0.0.1", 0))
        return [int(s.getsockname()[1]) for s in sockets]
    finally:
        for s in sockets:
            s.close()


@pytest.fixture(scope="session")
def trace_sink() -> Iterator[TraceSink]:
    """Where every process of the system sends its spans (a local OTLP/HTTP receiver)."""
    with TraceSink() as sink:
        yield sink


@pytest.fixture(scope="session")
def system(
    test_env: TestEnvironment, tmp_path_factory: pytest.TempPathFactory, trace_sink: TraceSink
) -> Iterator[System]:
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
            # The satisfaction survey follows the closure at once here, not days later.
            "SURVEY_DELAY_DAYS": "0",
            # Tracing on, as in production with a collector: every journey runs with it.
            "OTEL_EXPORTER_OTLP_ENDPOINT": trace_sink.endpoint,
            "OTEL_BSP_SCHEDULE_DELAY": "200",
        },
        log_dir=tmp_path_factory.mktemp("e2e-logs"),
    )
    with System(config) as running:
        running.migrate()
        running.start(timeout=120)
        # The journeys' landlord, registered as a platform admin would, heard of everywhere.
        platform = env.token("platform_admin", organisation_id=ORG, register=False)
        for answer in register_organisations(config, platform, [landlord(ORG, "ETOE")]):
            test_env.remember_organisation(answer)
        yield running
