"""How a service is put together: its API app, its worker and its command line.

A service describes itself once with a :class:`ServiceDefinition`; everything else (lifespan,
health, metrics, error shape, consumer, outbox relay, migrate and parked-message commands) is
the same for all five and lives here.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import socket
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Annotated, Any, Generic, TypeVar

import uvicorn
from aio_pika.abc import AbstractRobustConnection
from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.telemetry import TelemetryConfig
from fastapi_offline import FastAPIOffline
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from . import tracing
from .auth import Principal, TokenValidator, require_platform_admin
from .db import Database, create_database_if_missing, make_migration, run_migrations
from .errors import ApiError, ErrorResponse, document_body_answers, install_error_handlers
from .headers import DOCS_ASSETS, SecurityHeadersMiddleware
from .messaging.broker import Publisher, broker_trouble, connect
from .messaging.consumer import Consumer, Handlers
from .messaging.figures import Refresh, WorkerFigures
from .messaging.outbox import Outbox, OutboxRelay
from .messaging.parked import list_parked, replay_parked
from .messaging.retired import Remaining, remaining
from .observability import (
    BodySizeLimitMiddleware,
    RequestContextMiddleware,
    configure_logging,
    metrics_response,
)
from .openapi import HeaderCredential, document_security
from .organisations import OrganisationGate, OrganisationHeld, find_organisation
from .ratelimit.store import RateLimiter
from .settings import ServiceSettings
from .usecase import Transactions

log = logging.getLogger(__name__)


S = TypeVar("S", bound=ServiceSettings)


@dataclass
class WorkerContext(Generic[S]):
    """What a service's own background tasks get (timers, dispatchers), typed by its settings."""

    settings: S
    db: Database
    publisher: Publisher
    stop: asyncio.Event

    def transactions(self) -> Transactions:
        """Units of work for a background task's use cases (the system acts: no principal)."""
        return Transactions(self.db, Outbox(self.settings.service_name))


WorkerTask = Callable[[WorkerContext[Any]], Coroutine[Any, Any, None]]


@dataclass
class ServiceDefinition:
    """Everything that makes one service different from another."""

    name: str
    title: str
    settings_cls: type[ServiceSettings]
    migrations_dir: Path
    routers: Sequence[APIRouter] = ()
    handlers: Handlers = field(default_factory=Handlers)
    worker_tasks: Sequence[WorkerTask] = ()
    description: str = ""
    upload_paths: Sequence[str] = ()
    """Path patterns that take file uploads, allowed ``max_upload_bytes`` instead of the body limit."""
    api_factory: Callable[[ServiceDefinition, ServiceSettings], FastAPI] | None = None
    """Builds the ``api`` process's app instead of :func:`create_api` (the resident web site
    renders pages, keeps sessions and has readiness of its own)."""
    has_worker: bool = True
    """False for a service with nothing to consume or relay: no ``worker`` or ``parked`` command."""
    header_credentials: Sequence[HeaderCredential] = ()
    """Credentials the service's operations read from a header (not a security dependency),
    documented as the security schemes they are (see :mod:`asb_shared.openapi`)."""
    worker_figures: Sequence[Refresh] = ()
    """The service's own state figures, read from its database when its worker is scraped
    (see :mod:`asb_shared.messaging.figures`)."""

    def settings(self) -> ServiceSettings:
        return self.settings_cls()


def health_routes(
    app: FastAPI,
    checks: Callable[[], Awaitable[dict[str, str]]],
    public_port: int | None = None,
    before_scrape: Callable[[], Awaitable[None]] | None = None,
) -> None:
    """``/healthz``, ``/readyz`` (ready when every check answers "ok") and ``/metrics``; ``public_port``: the port on which
    ``/metrics`` is not answered (404), the one the ingress routes; ``before_scrape``: reads
    the figures that are states (a worker's outbox and queues) just before they are shown."""

    # For orchestrators, not API clients: out of the document, like /metrics.
    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz", include_in_schema=False)
    async def readyz() -> JSONResponse:
        results = await checks()
        ready = all(v == "ok" for v in results.values())
        return JSONResponse(
            {"status": "ready" if ready else "not_ready", "checks": results},
            status_code=200 if ready else 503,
        )

    @app.get("/metrics", tags=["operations"], include_in_schema=False)
    async def metrics(request: Request) -> Any:
        server = request.scope.get("server")
        if public_port is not None and server is not None and server[1] == public_port:
            raise ApiError(404, "not_found", "Not found.")
        if before_scrape is not None:
            await before_scrape()
        return metrics_response(request.headers.get("accept"))


async def check_database(db: Database) -> str:
    """A readiness check: "ok", or why the database does not answer."""
    try:
        await asyncio.wait_for(db.ping(), timeout=2)
        return "ok"
    except Exception as exc:
        return f"failed: {type(exc).__name__}"


def _check_broker(connection: AbstractRobustConnection | None) -> str:
    trouble = broker_trouble(connection)
    return f"failed: {trouble}" if trouble else "ok"


def _check_relay(relay: OutboxRelay) -> str:
    if not relay.running:
        return "failed: not running"
    return f"failed: {relay.trouble[:300]}" if relay.trouble else "ok"


def _check_consumer(consumer: Consumer) -> str:
    if not consumer.running:
        return "failed: not consuming"
    return f"failed: {consumer.trouble[:300]}" if consumer.trouble else "ok"


_UNTRACED = frozenset({"/healthz", "/readyz", "/metrics"})

# FastAPI's own OpenTelemetry support gives the HTTP server spans, once tracing.configure has
# installed a provider (before that it does nothing). Only the request's span: its metrics are
# Prometheus's job here, and its logs would carry a refused body's values (people's details).
_TELEMETRY: TelemetryConfig = {
    "tracing": True,
    "metrics": False,
    "logs": False,
    "operation_spans": False,
    "auto_configure": False,
    "exclude": lambda scope: scope.get("path") in _UNTRACED,
}


def _common_app(
    definition: ServiceDefinition, settings: ServiceSettings, lifespan: Any, title: str
) -> FastAPI:
    common: dict[str, Any] = {
        "title": title,
        "description": definition.description,
        "lifespan": lifespan,
        "version": "0.1.0",
        "telemetry": _TELEMETRY,
    }
    # Swagger UI and ReDoc from packaged assets: the docs render with no internet access. Off
    # (no document, no pages, no assets) unless the settings serve them (not in production).
    if settings.serves_docs:
        app = FastAPIOffline(static_url=DOCS_ASSETS.rstrip("/"), **common)
    else:
        app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None, **common)
    install_error_handlers(app)
    app.add_middleware(
        BodySizeLimitMiddleware,
        max_bytes=settings.max_body_bytes,
        uploads=definition.upload_paths,
        max_upload_bytes=settings.max_upload_bytes,
    )
    app.add_middleware(RequestContextMiddleware, service=definition.name)
    # Around every answer, the 500s and 413s of the layers inside included.
    app.add_middleware(SecurityHeadersMiddleware)
    # Outermost: the client's address from X-Forwarded-For, believed only from trusted proxies,
    # so per-client limits see each resident, not the proxy.
    app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=settings.trusted_proxies)
    app.state.settings = settings
    _documented(app, definition)
    return app


def _documented(app: FastAPI, definition: ServiceDefinition) -> None:
    """The document as FastAPI makes it, with the answers to a bad body and the credentials
    said completely (``asb_shared.openapi``)."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = document_security(
                document_body_answers(build()), definition.header_credentials
            )
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def create_api(definition: ServiceDefinition, settings: ServiceSettings | None = None) -> FastAPI:
    """The service's HTTP API. Requests write to the database and the outbox; never to the bus,
    so the API holds no broker connection at all."""
    settings = settings or definition.settings()

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        db = Database(settings.resolved_database_url(), pool_size=settings.database_pool_size)
        app.state.db = db
        app.state.outbox = Outbox(definition.name)
        app.state.transactions = Transactions(db, app.state.outbox)
        app.state.token_validator = TokenValidator(settings)
        gate = OrganisationGate(
            db,
            definition.name,
            listen_url=settings.resolved_database_url(),
            ttl_seconds=settings.organisation_cache_seconds,
        )
        await gate.start()
        app.state.organisation_gate = gate
        app.state.rate_limiter = RateLimiter(db)
        try:
            yield
        finally:
            await gate.stop()
            await db.dispose()

    app = _common_app(definition, settings, lifespan, definition.title)

    # Ready with its database alone: requests write events to the outbox, never to the bus, so
    # the API keeps taking reports while the broker is down (the worker's readiness has it).
    async def checks() -> dict[str, str]:
        return {"database": await check_database(app.state.db)}

    health_routes(app, checks, None if settings.metrics_on_public_port else settings.http_port)
    _organisation_route(app)
    for router in definition.routers:
        app.include_router(router)
    return app


def _organisation_route(app: FastAPI) -> None:
    @app.get(
        "/v1/platform/organisations/{organisation_id}",
        tags=["operations"],
        summary="The organisation as this service holds it",
        response_model=OrganisationHeld,
        responses={code: {"model": ErrorResponse} for code in (401, 403, 404, 422)},
    )
    async def organisation_held(
        organisation_id: uuid.UUID,
        principal: Annotated[Principal, Depends(require_platform_admin)],
        db: DbDep,
    ) -> OrganisationHeld:
        """For a platform admin: the version of the organisation this service has heard of
        (so a registration can be seen to have reached every service)."""
        async with db.sessions() as session:
            found = await find_organisation(session, organisation_id)
        if found is None:
            raise ApiError(404, "not_found", "This service has not heard of the organisation.")
        return OrganisationHeld.of(found)


def create_worker(
    definition: ServiceDefinition, settings: ServiceSettings | None = None
) -> FastAPI:
    """The service's worker: consumer, outbox relay and its own tasks, behind a health port.

    It is served by uvicorn like the API so that SIGTERM gets the same graceful path: stop
    taking messages, finish those in hand, let the relay drain, then exit.
    """
    settings = settings or definition.settings()

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        db = Database(settings.resolved_database_url(), pool_size=settings.database_pool_size)
        connection = await connect(settings.amqp_url, name=f"{definition.name}-worker")
        publisher = Publisher(connection, settings.events_exchange)
        stop = asyncio.Event()
        relay = OutboxRelay(
            db,
            publisher,
            service=definition.name,
            batch_size=settings.outbox_batch_size,
            poll_seconds=settings.outbox_poll_seconds,
        )
        consumer = None
        if definition.handlers.routes:
            consumer = Consumer(
                service=definition.name,
                db=db,
                connection=connection,
                publisher=publisher,
                handlers=definition.handlers,
                exchange_name=settings.events_exchange,
                retry_delays_ms=settings.retry_delays_ms,
                prefetch=settings.consumer_prefetch,
                batch_size=settings.consumer_batch_size,
                concurrency=settings.consumer_concurrency,
                delivery_limit=settings.quorum_delivery_limit,
            )
            await consumer.start()
        context = WorkerContext(settings, db, publisher, stop)
        tasks = [asyncio.create_task(relay.run(stop), name="outbox-relay")]
        tasks += [
            asyncio.create_task(t(context), name=getattr(t, "__name__", "task"))
            for t in definition.worker_tasks
        ]
        app.state.db, app.state.broker, app.state.relay, app.state.consumer, app.state.tasks = (
            db,
            connection,
            relay,
            consumer,
            tasks,
        )
        try:
            yield
        finally:
            if consumer is not None:
                await consumer.stop()
            stop.set()
            await asyncio.wait(tasks, timeout=30)
            await publisher.close()
            await connection.close()
            await db.dispose()

    app = _common_app(definition, settings, lifespan, f"{definition.title} worker")

    async def checks() -> dict[str, str]:
        results = {
            "database": await check_database(app.state.db),
            "broker": _check_broker(app.state.broker),
            "outbox_relay": _check_relay(app.state.relay),
        }
        if app.state.consumer is not None:
            results["consumer"] = _check_consumer(app.state.consumer)
        for task in app.state.tasks:
            if task.done():
                results[task.get_name()] = "failed: stopped"
        return results

    async def before_scrape() -> None:
        consumer = app.state.consumer
        await WorkerFigures(
            definition.name,
            app.state.db,
            app.state.broker,
            consumer.queues if consumer is not None else None,
            consumer_running=lambda: consumer is not None and consumer.running,
            own=definition.worker_figures,
        ).refresh()

    health_routes(app, checks, before_scrape=before_scrape)
    return app


# Async, though they do no I/O: FastAPI runs plain functions in its thread pool, a hand-off
# per dependency per request.
async def _db(request: Request) -> Database:
    return request.app.state.db  # type: ignore[no-any-return]


async def _outbox(request: Request) -> Outbox:
    return request.app.state.outbox  # type: ignore[no-any-return]


async def _transactions(request: Request) -> Transactions:
    return request.app.state.transactions  # type: ignore[no-any-return]


def settings_dependency(settings_cls: type[S]) -> Callable[[Request], Awaitable[S]]:
    """A route dependency giving the service's own settings class, typed (no getattr)::

    Settings = Annotated[CaseworkSettings, Depends(settings_dependency(CaseworkSettings))]
    """

    async def dependency(request: Request) -> S:
        settings = request.app.state.settings
        if not isinstance(settings, settings_cls):
            raise TypeError(f"the app was built with {type(settings).__name__}")
        return settings

    return dependency


WorkDep = Annotated[Transactions, Depends(_transactions)]
"""Route parameter: opens a unit of work for a use case (``async with work(principal) as uow``)."""
DbDep = Annotated[Database, Depends(_db)]
"""Route parameter: the service's own database."""
OutboxDep = Annotated[Outbox, Depends(_outbox)]
"""Route parameter: the outbox to add events to, inside a transaction."""


async def _with_broker(
    settings: ServiceSettings,
    name: str,
    action: Callable[[AbstractRobustConnection, Publisher], Awaitable[Any]],
) -> Any:
    connection = await connect(settings.amqp_url, name=name)
    publisher = Publisher(connection, settings.events_exchange)
    try:
        return await action(connection, publisher)
    finally:
        await publisher.close()
        await connection.close()


async def _retired_remaining(definition: ServiceDefinition, settings: ServiceSettings) -> Remaining:
    db = Database(settings.resolved_database_url(), pool_size=1)
    try:
        left: Remaining = await _with_broker(
            settings,
            f"{definition.name}-ops",
            lambda c, _: remaining(db.engine, c, definition.name, len(settings.retry_delays_ms)),
        )
        return left
    finally:
        await db.dispose()


def listening_socket(host: str, port: int, *, shared: bool = False) -> socket.socket:
    """A TCP socket bound to ``host``:``port``; ``shared``: with ``SO_REUSEPORT``, so several
    processes listen on the port together and the kernel spreads the connections among them."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if shared:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    return sock


def main(definition: ServiceDefinition, argv: Sequence[str] | None = None) -> None:
    """The command line of a service: ``api``, ``worker``, ``migrate``, ``parked`` and ``retired``."""
    parser = argparse.ArgumentParser(prog=definition.name, description=definition.title)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("api", help="serve the HTTP API")
    if definition.has_worker:
        sub.add_parser("worker", help="run the consumer, the outbox relay and the timers")
    sub.add_parser("migrate", help="create the database if missing and apply migrations")
    revision = sub.add_parser("revision", help="write a migration from the models' changes")
    revision.add_argument("-m", "--message", required=True)
    if definition.has_worker:
        parked = sub.add_parser(
            "parked", help="list or replay messages parked after their last retry"
        )
        parked_sub = parked.add_subparsers(dest="parked_command", required=True)
        parked_sub.add_parser("list", help="print parked messages as JSON lines")
        replay = parked_sub.add_parser(
            "replay", help="send parked messages back to the service's queue"
        )
        replay.add_argument("--id", dest="message_id", help="replay only the message with this id")
        sub.add_parser(
            "retired",
            help="count retired event versions still in the outbox, the queues or parked "
            "(exit 1 while any remain)",
        )
    args = parser.parse_args(argv)

    settings = definition.settings()
    configure_logging(definition.name, settings.log_level, settings.log_json)
    if args.command == "migrate":
        url = settings.resolved_database_url()
        created = asyncio.run(create_database_if_missing(url))
        run_migrations(url, definition.migrations_dir)
        print(f"{definition.name}: database {'created and ' if created else ''}migrated")
    elif args.command == "revision":
        url = settings.resolved_database_url()
        asyncio.run(create_database_if_missing(url))
        run_migrations(url, definition.migrations_dir)
        make_migration(url, definition.migrations_dir, args.message)
    elif args.command in ("api", "worker"):
        api = args.command == "api"
        factory = (definition.api_factory or create_api) if api else create_worker
        port = settings.http_port if api else settings.worker_port
        tracing.configure(definition.name, args.command, settings)
        config = uvicorn.Config(
            factory(definition, settings),
            host=settings.http_host,
            port=port,
            log_config=None,
            access_log=False,
            proxy_headers=False,  # done by the app itself, from the trusted proxies setting
            timeout_graceful_shutdown=30,
        )
        sockets = None
        if api and (settings.share_ports or settings.http_own_port):
            sockets = [listening_socket(settings.http_host, port, shared=settings.share_ports)]
            if settings.http_own_port:
                sockets.append(listening_socket(settings.http_host, settings.http_own_port))
        try:
            uvicorn.Server(config).run(sockets=sockets)
        finally:
            # After the graceful shutdown: the spans of the last messages handled are sent too.
            tracing.shutdown()
    elif args.command == "retired":
        left = asyncio.run(_retired_remaining(definition, settings))
        for line in left.lines():
            print(f"{definition.name}: {line}")
        print(f"{definition.name}: {'clear' if left.clear else 'not clear'} of retired versions")
        if not left.clear:
            raise SystemExit(1)
    elif args.command == "parked":
        if args.parked_command == "list":
            found = asyncio.run(
                _with_broker(
                    settings, f"{definition.name}-ops", lambda c, _: list_parked(c, definition.name)
                )
            )
            for message in found:
                print(json.dumps(asdict(message), default=str))
            print(f"{len(found)} parked message(s)", file=__import__("sys").stderr)
        else:
            count = asyncio.run(
                _with_broker(
                    settings,
                    f"{definition.name}-ops",
                    lambda c, p: replay_parked(c, p, definition.name, args.message_id),
                )
            )
            print(f"{count} message(s) replayed to {definition.name}")
