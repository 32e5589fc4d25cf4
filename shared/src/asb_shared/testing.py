"""Pytest fixtures: each test run gets its own databases and RabbitMQ vhost on the real servers.

Loaded for the whole repository by ``-p asb_shared.testing``. Nothing here mocks the database
or the broker: the fixtures create real, uniquely named ones and remove them afterwards.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import os
import shutil
import socket
import subprocess
import threading
import time
import uuid
from collections.abc import AsyncIterator, Callable, Coroutine, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from .auth.mint import generate_key_pair, mint_token
from .contracts.casework import PlatformService
from .db import create_database_if_missing, drop_database, run_migrations, utcnow
from .messaging import Envelope, Event, Outbox
from .messaging.broker import Publisher, connect
from .organisations import (
    ORGANISATIONS_CHANNEL,
    Organisation,
    forget_held_organisations,
    reference_sequence,
)
from .service import ServiceDefinition, create_api, create_worker
from .settings import ServiceSettings

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432")
AMQP_BASE = os.environ.get("TEST_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672")
TEST_PREFIX = "asbtest"
STALE_AFTER_SECONDS = 6 * 3600
EVERY_SERVICE = tuple(service.value for service in PlatformService)


def _rabbitmqctl(*args: str) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("rabbitmqctl") or "/usr/sbin/rabbitmqctl"
    return subprocess.run([exe, *args], capture_output=True, text=True, timeout=120, check=False)


@dataclass(frozen=True)
class TestEnvironment:
    __test__ = False

    """The run's isolated resources: a name prefix, a vhost and its AMQP URL, the JWT keys."""

    run_id: str
    amqp_url: str
    private_key: bytes
    public_key_file: Path
    issuer: str = "asb-test"
    audience: str = "asb-platform"
    organisations: dict[uuid.UUID, Organisation] = field(
        default_factory=dict, compare=False, repr=False
    )
    """The organisations this run registered (see :meth:`register_organisation`)."""

    def database_url(self, name: str) -> str:
        """The URL of this run's database called ``name`` (not created by this call)."""
        return f"{POSTGRES_URL}/{self.run_id}_{name.replace('-', '_')}"

    def settings(self, definition: ServiceDefinition, **overrides: Any) -> ServiceSettings:
        """Settings for a service pointed at this run's database, vhost and keys."""
        values: dict[str, Any] = {
            "service_name": definition.name,
            "database_url": self.database_url(definition.name),
            "amqp_url": self.amqp_url,
            "jwt_issuer": self.issuer,
            "jwt_audience": self.audience,
            "jwt_public_key_file": self.public_key_file,
            "log_json": False,
            "retry_delays_ms": [200, 400, 800],
            "outbox_poll_seconds": 0.5,
            # A test holds several services in process at once, beside a whole system in the
            # other worker: few connections each keeps the run within its share of the server.
            "database_pool_size": 3,
        }
        values.update(overrides)
        return definition.settings_cls(**values)

    def environ(self, definition: ServiceDefinition) -> dict[str, str]:
        """The same settings as environment variables, for services run as processes."""
        return {"SERVICE_NAME": definition.name, **self.service_environ(definition.name)}

    def service_environ(self, service: str) -> dict[str, str]:
        """What a service's processes need to run on this environment's database and vhost and
        trust its tokens, as environment variables."""
        return {
            "DATABASE_URL": self.database_url(service),
            "AMQP_URL": self.amqp_url,
            "JWT_ISSUER": self.issuer,
            "JWT_AUDIENCE": self.audience,
            "JWT_PUBLIC_KEY_FILE": str(self.public_key_file),
        }

    def derive(self, suffix: str) -> TestEnvironment:
        """Another isolated environment inside this run (own vhost and database names).

        Removed with the run, like everything whose name starts with the run id.
        """
        run_id = f"{self.run_id}_{suffix}"
        _add_vhost(run_id)
        return TestEnvironment(
            run_id=run_id,
            amqp_url=f"{AMQP_BASE}/{run_id}",
            private_key=self.private_key,
            public_key_file=self.public_key_file,
            issuer=self.issuer,
            audience=self.audience,
            organisations=self.organisations,
        )

    def register_organisation(
        self,
        organisation_id: uuid.UUID | None = None,
        *,
        services: Iterable[str] = EVERY_SERVICE,
        active: bool = True,
        prefix: str | None = None,
        name: str | None = None,
    ) -> Organisation:
        """Put an organisation on the platform for this run's in-process services, or change it.

        Written, as casework's registry and every service's projection would hold it once the
        event has gone round, into each of the run's databases that has the organisations table
        (and each migrated later by :func:`migrated_database`). By default it buys every
        service and is active. Tests of the registry itself and of the event use casework's API
        instead. Returns the organisation (a new version if it was registered already).
        """
        organisation_id = organisation_id or uuid.uuid4()
        before = self.organisations.get(organisation_id)
        organisation = Organisation(
            id=organisation_id,
            name=name or (before.name if before else f"Landlord {organisation_id.hex[:8]}"),
            reference_prefix=prefix
            or (before.reference_prefix if before else prefix_of(organisation_id)),
            services=frozenset(services),
            active=active,
            version=before.version + 1 if before else 1,
            updated_at=utcnow(),
        )
        self.organisations[organisation_id] = organisation
        _run_now(self._write_organisations([organisation]))
        return organisation

    def remember_organisation(self, answer: Mapping[str, Any]) -> Organisation:
        """Record an organisation registered through casework's API (its answer) so that
        tokens for it do not register it again."""
        organisation = Organisation(
            id=uuid.UUID(str(answer["id"])),
            name=str(answer["name"]),
            reference_prefix=str(answer["reference_prefix"]),
            services=frozenset(answer["services"]),
            active=bool(answer["active"]),
            version=int(answer["version"]),
            updated_at=utcnow(),
        )
        self.organisations[organisation.id] = organisation
        return organisation

    async def _write_organisations(
        self, organisations: Iterable[Organisation], database_urls: Iterable[str] | None = None
    ) -> None:
        if database_urls is None:
            conn = await asyncpg.connect(POSTGRES_URL.replace("+asyncpg", "") + "/postgres")
            try:
                names = await conn.fetch(
                    "SELECT datname FROM pg_database WHERE starts_with(datname, $1)", self.run_id
                )
            finally:
                await conn.close()
            database_urls = [f"{POSTGRES_URL}/{row['datname']}" for row in names]
        wanted = list(organisations)
        for url in database_urls:
            await _write_organisations(url, wanted)
        # The services in this process see the change at once, as after their own commit.
        forget_held_organisations()

    def token(
        self,
        *roles: str,
        organisation_id: uuid.UUID,
        subject: str = "test-user",
        register: bool = True,
        name: str | None = None,
        claims: dict[str, str] | None = None,
    ) -> str:
        """A signed staff token for this run's issuer and audience (``claims``: any more, such
        as a partner's member of staff's partner).

        Its organisation is registered (:meth:`register_organisation`) the first time, unless
        ``register`` is False (to see how an unknown organisation's request is refused).
        """
        if register and organisation_id not in self.organisations:
            self.register_organisation(organisation_id)
        return mint_token(
            self.private_key,
            subject=subject,
            organisation_id=organisation_id,
            roles=list(roles),
            issuer=self.issuer,
            audience=self.audience,
            name=name,
            claims=claims,
        )


def prefix_of(organisation_id: uuid.UUID) -> str:
    """A reference prefix of six letters made from an organisation's id (for tests)."""
    number, letters = organisation_id.int, []
    for _ in range(6):
        number, digit = divmod(number, 26)
        letters.append(chr(ord("A") + digit))
    return "".join(letters)


async def _write_organisations(database_url: str, organisations: list[Organisation]) -> None:
    """Store organisations in one database's organisations table, if it has one (newer versions
    only, with their reference sequences), as the registry or the projection would."""
    conn = await asyncpg.connect(database_url.replace("+asyncpg", ""))
    try:
        if await conn.fetchval("SELECT to_regclass('organisations')") is None:
            return
        for o in organisations:
            await conn.execute(
                "INSERT INTO organisations"
                " (id, name, reference_prefix, services, active, version, updated_at)"
                " VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO UPDATE SET"
                " name = EXCLUDED.name, services = EXCLUDED.services, active = EXCLUDED.active,"
                " version = EXCLUDED.version, updated_at = EXCLUDED.updated_at"
                " WHERE organisations.version < EXCLUDED.version",
                o.id,
                o.name,
                o.reference_prefix,
                sorted(o.services),
                o.active,
                o.version,
                o.updated_at,
            )
            for kind in ("report", "case"):
                await conn.execute(
                    f"CREATE SEQUENCE IF NOT EXISTS {reference_sequence(kind, o.id)}"
                )
        # As the registry's event would: the API processes' gates forget what they hold.
        await conn.execute("SELECT pg_notify($1, '')", ORGANISATIONS_CHANNEL)
    finally:
        await conn.close()


def _run_now(work: Coroutine[Any, Any, None]) -> None:
    """Run a coroutine to the end from synchronous code, even inside a running event loop (a
    test's): it runs in a thread of its own."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, work).result()


def _add_vhost(name: str) -> None:
    created = _rabbitmqctl("add_vhost", name)
    if created.returncode != 0:
        pytest.fail(f"cannot create RabbitMQ vhost {name}: {created.stderr or created.stdout}")
    _rabbitmqctl("set_permissions", "-p", name, "guest", ".*", ".*", ".*")


def _drop_databases(prefix: str, wanted: Callable[[str], bool]) -> None:
    """Drop the databases whose names start with ``prefix`` and that ``wanted`` picks."""

    async def drop() -> None:
        conn = await asyncpg.connect(POSTGRES_URL.replace("+asyncpg", "") + "/postgres")
        try:
            rows = await conn.fetch(
                "SELECT datname FROM pg_database WHERE datname LIKE $1", f"{prefix}%"
            )
        finally:
            await conn.close()
        for row in rows:
            if wanted(row["datname"]):
                await drop_database(f"{POSTGRES_URL}/{row['datname']}")

    asyncio.run(drop())


def _cleanup_stale() -> None:
    """Remove databases and vhosts that crashed runs left behind (older than a few hours)."""

    _drop_databases(TEST_PREFIX, _is_stale)
    listed = _rabbitmqctl("list_vhosts", "--quiet")
    for vhost in listed.stdout.split():
        if vhost.startswith(TEST_PREFIX) and _is_stale(vhost):
            _rabbitmqctl("delete_vhost", vhost)


def _is_stale(name: str) -> bool:
    try:
        started = int(name[len(TEST_PREFIX) :].split("_")[0])
    except ValueError:
        return False
    return time.time() - started > STALE_AFTER_SECONDS


@pytest.fixture(scope="session")
def test_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestEnvironment]:
    """The run's own vhost and key pair; databases are made per service by ``service_database``."""
    _cleanup_stale()
    run_id = f"{TEST_PREFIX}{int(time.time())}_{uuid.uuid4().hex[:6]}"
    _add_vhost(run_id)
    private, public = generate_key_pair()
    key_dir = tmp_path_factory.mktemp("keys")
    (key_dir / "public.pem").write_bytes(public)
    env = TestEnvironment(
        run_id=run_id,
        amqp_url=f"{AMQP_BASE}/{run_id}",
        private_key=private,
        public_key_file=key_dir / "public.pem",
    )
    try:
        yield env
    finally:
        for vhost in _rabbitmqctl("list_vhosts", "--quiet").stdout.split():
            if vhost.startswith(run_id):
                _rabbitmqctl("delete_vhost", vhost)

        _drop_databases(run_id, lambda _: True)


async def migrated_database(env: TestEnvironment, definition: ServiceDefinition) -> str:
    """Create (once) and migrate the run's database for a service; returns its URL."""
    url = env.database_url(definition.name)
    await create_database_if_missing(url)
    await asyncio.to_thread(run_migrations, url, definition.migrations_dir)
    await env._write_organisations(list(env.organisations.values()), [url])
    return url


@contextlib.asynccontextmanager
async def running_api(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client for an app with its lifespan entered (real database, real broker)."""
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            yield client


@contextlib.asynccontextmanager
async def service_api(
    env: TestEnvironment, definition: ServiceDefinition, **overrides: Any
) -> AsyncIterator[httpx.AsyncClient]:
    """A migrated service's API, in process, with an HTTP client for it."""
    await migrated_database(env, definition)
    async with running_api(create_api(definition, env.settings(definition, **overrides))) as client:
        yield client


@contextlib.asynccontextmanager
async def served_apart(
    env: TestEnvironment, definition: ServiceDefinition, **overrides: Any
) -> AsyncIterator[httpx.AsyncClient]:
    """A migrated service's API served by uvicorn on a port of its own, in a thread with its own
    event loop, and an HTTP client for it (10 s timeout). A request that blocks the service's
    event loop shows here as slow or timed-out answers, instead of stopping the test itself."""
    await migrated_database(env, definition)
    app = create_api(definition, env.settings(definition, **overrides))
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, lifespan="on")
    )
    thread = threading.Thread(target=lambda: asyncio.run(server.serve()), daemon=True)
    thread.start()

    async def started() -> bool:
        return server.started or not thread.is_alive()

    await eventually(started, timeout=30)
    if not server.started:
        raise RuntimeError("the service did not start")
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
            yield client
    finally:
        server.should_exit = True
        await asyncio.to_thread(thread.join, 30)


@contextlib.asynccontextmanager
async def service_worker(
    env: TestEnvironment, definition: ServiceDefinition, **overrides: Any
) -> AsyncIterator[FastAPI]:
    """A migrated service's worker (consumer, relay, tasks), in process; yields its app."""
    await migrated_database(env, definition)
    app = create_worker(definition, env.settings(definition, **overrides))
    async with app.router.lifespan_context(app):
        yield app


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def eventually(predicate: Any, *, timeout: float = 10.0, interval: float = 0.05) -> Any:
    """Poll an async ``predicate`` until it returns something truthy; fail after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        result = await predicate()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout}s (last: {result!r})")
        await asyncio.sleep(interval)


async def publish_event(
    env: TestEnvironment,
    event: Event,
    *,
    organisation_id: uuid.UUID,
    producer: str = "test",
    envelope: Envelope | None = None,
) -> Envelope:
    """Put an event on the run's bus as a producer service would (a consumer must be bound)."""
    envelope = envelope or Outbox(producer).envelope(event, organisation_id=organisation_id)
    connection = await connect(env.amqp_url, name="test-publisher")
    try:
        publisher = Publisher(connection, ServiceSettings().events_exchange)
        await publisher.publish(
            envelope.type, envelope.model_dump_json().encode(), message_id=str(envelope.id)
        )
        await publisher.close()
    finally:
        await connection.close()
    return envelope


async def count_rows(database_url: str, table: str, where: str = "TRUE") -> int:
    """How many rows a table of a service's database holds (tests' view from outside)."""
    conn = await asyncpg.connect(database_url.replace("+asyncpg", ""))
    try:
        return int(await conn.fetchval(f"SELECT count(*) FROM {table} WHERE {where}"))
    finally:
        await conn.close()


@contextlib.asynccontextmanager
async def captured_events(env: TestEnvironment, *event_types: str) -> AsyncIterator[list[Envelope]]:
    """Bind a throwaway queue to ``event_types`` and collect what is published to them.

    Stands in for the other services that would consume a service's events, so a test can see
    what was published (and the publisher's mandatory routing succeeds).
    """
    connection = await connect(env.amqp_url, name="test-capture")
    seen: list[Envelope] = []
    try:
        channel = await connection.channel()
        exchange = await channel.declare_exchange(
            ServiceSettings().events_exchange, "topic", durable=True
        )
        queue = await channel.declare_queue(exclusive=True)
        for event_type in event_types:
            await queue.bind(exchange, routing_key=event_type)

        async def on_message(message: Any) -> None:
            async with message.process():
                seen.append(Envelope.model_validate_json(message.body))

        await queue.consume(on_message)
        yield seen
    finally:
        await connection.close()
