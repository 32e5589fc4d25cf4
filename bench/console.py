"""The staff console's pages under 10 officers at once, on a landlord with 30,000 cases: server
time per page (my cases, the case page, search).

    uv run python -m bench.console [--officers 10] [--duration 30] [--warmup 5]
    uv run python -m bench.console --per-year 300        # a quick check (3,000 cases)

Starts the whole system (runner.System) on databases, a vhost and ports of its own, seeds the
development landlord's casework with ``casework.seeding`` (ten years at 3,000 cases a year by
default: the policies' category mix, repeat people and places), gives each bench officer 40 of
the open cases, then serves the console's pages (``web.console.routers.ROUTERS``) by uvicorn in
a process of their own, signed in by a stand-in for the console's sign-in that puts the officer
named by a header, with a development token of theirs, on ``request.state.staff``.

Each officer is an HTTP client with its own cookies that, until the time is up (or 20 answers
failed), opens their cases, a random case of the landlord, and searches a random complainant's
name misspelt with an initial. My cases is the console's page when its router is among ``ROUTERS``, otherwise
casework's ``GET /v1/my-cases`` the page is made from (said so in the output). It prints, per
page, the requests, p50, p95 and max of the time from sending each request to its whole answer
(on this machine's loopback: the console's and the APIs' server time). The goal: p95 at most
150 ms. Figures are printed, never asserted. Everything it made is removed at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

if not __package__:  # run as a file: make the repository's packages importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import asyncpg
import httpx
from asb_devtools.runner import (
    DEV_OFFICERS,
    System,
    SystemConfig,
    development_token,
    free_ports,
    seed_development_data,
)
from asb_shared.auth import Role
from asb_shared.auth.mint import DEV_ORGANISATION_ID, ensure_dev_keys
from asb_shared.db import Database, drop_database
from casework.seeding.__main__ import default_until, seed
from fastapi import FastAPI
from starlette.types import ASGIApp, Receive, Scope, Send

from bench.journey.common import AMQP_BASE, POSTGRES, RESULTS_DIR, log, rabbitmqctl

NAME = "asbconsole"
MAX_FAILURES = 20
"""Failed answers (a 503 when an API timed out, say) after which the run stops."""
CASES_EACH = 40
"""Open cases each bench officer holds (the issue's officer "with 40 open cases")."""


# --- the console's pages, served as the console serves them -----------------------------------


class _SignedIn:
    """Stand-in for the console's sign-in: the officer named by ``X-Bench-Officer``."""

    def __init__(self, app: ASGIApp, tokens: dict[str, str]) -> None:
        self.app = app
        self.tokens = tokens

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        from web.console.staff import StaffUser

        if scope["type"] == "http":
            who = dict(scope["headers"]).get(b"x-bench-officer", b"").decode()
            if who in self.tokens:
                scope.setdefault("state", {})["staff"] = StaffUser(
                    subject=who,
                    name=who,
                    organisation_id=DEV_ORGANISATION_ID,
                    roles=frozenset({Role.OFFICER}),
                    access_token=self.tokens[who],
                )
        await self.app(scope, receive, send)


def console_app() -> FastAPI:
    """The console's routers in an app of their own (``uvicorn --factory``), configured by the
    environment the bench gives the process."""
    from web.console.routers import ROUTERS
    from web.settings import WebSettings
    from web.site.apis import Api, Apis
    from web.site.sessions import SessionCookieMiddleware, SessionStore

    settings = WebSettings()
    officers = os.environ["BENCH_OFFICERS"].split(",")
    tokens = {o: development_token("officer", o) for o in officers}

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        db = Database(settings.resolved_database_url(), pool_size=2)
        app.state.sessions = SessionStore(
            db, settings.session_secret.get_secret_value(), timedelta(minutes=60)
        )
        timeout = settings.api_timeout_seconds
        app.state.apis = Apis(
            intake=Api("intake", settings.intake_url, timeout),
            casework=Api("casework", settings.casework_url, timeout),
            notifications=Api("notifications", settings.notifications_url, timeout),
            partner_gateway=Api("partner-gateway", settings.partner_gateway_url, timeout),
        )
        try:
            yield
        finally:
            await app.state.apis.close()
            await db.dispose()

    app = FastAPI(lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None)
    app.state.settings = settings
    for router in ROUTERS:
        app.include_router(router)
    app.add_middleware(SessionCookieMiddleware, cookie=settings.session_cookie, secure=False)
    app.add_middleware(_SignedIn, tokens=tokens)
    return app


def _console_has(path: str) -> bool:
    from web.console.routers import ROUTERS

    return any(getattr(r, "path", None) == path for router in ROUTERS for r in router.routes)


# --- the load ------------------------------------------------------------------------------


def _misspelt(rng: random.Random, name: str) -> str:
    first, _, last = name.partition(" ")
    if len(last) <= 3:
        return name
    i = rng.randrange(1, len(last))
    return f"{first[0]} {last[:i]}{last[i + 1 :]}"


async def officer(
    console: str,
    casework: str,
    subject: str,
    case_ids: list[str],
    names: list[str],
    times: dict[str, list[float]],
    counting: asyncio.Event,
    stop: asyncio.Event,
    failures: list[str],
) -> None:
    rng = random.Random(subject)
    my_cases_page = _console_has("/my-cases")
    token = development_token("officer", subject)
    async with (
        httpx.AsyncClient(
            base_url=console, timeout=60, headers={"X-Bench-Officer": subject}
        ) as http,
        httpx.AsyncClient(base_url=casework, timeout=60) as api,
    ):

        async def timed(label: str, client: httpx.AsyncClient, path: str, **kw: object) -> None:
            began = time.perf_counter()
            answer = await client.get(path, **kw)  # type: ignore[arg-type]
            spent = time.perf_counter() - began
            if answer.status_code != 200:
                # Counted, not timed; a run that keeps failing stops (its figures mean nothing).
                failures.append(f"{label}: {answer.status_code} {answer.text[:120]!r}")
                if len(failures) >= MAX_FAILURES:
                    stop.set()
                return
            if counting.is_set():
                times[label].append(spent)

        while not stop.is_set():
            if my_cases_page:
                await timed("GET /my-cases", http, "/my-cases")
            else:
                await timed(
                    "GET /v1/my-cases (casework API)",
                    api,
                    "/v1/my-cases",
                    headers={"Authorization": f"Bearer {token}"},
                )
            await timed("GET /cases/{id}", http, f"/cases/{rng.choice(case_ids)}")
            await timed(
                "GET /search?name=",
                http,
                "/search",
                params={"name": _misspelt(rng, rng.choice(names))},
            )


async def load(
    console: str,
    casework: str,
    casework_db: str,
    officers: list[str],
    warmup: float,
    duration: float,
) -> tuple[dict[str, list[float]], float, list[str]]:
    conn = await asyncpg.connect(casework_db.replace("+asyncpg", ""))
    try:
        case_ids = [str(r[0]) for r in await conn.fetch(
            "SELECT id FROM cases ORDER BY random() LIMIT 2000")]  # fmt: skip
        names = [r[0] for r in await conn.fetch(
            "SELECT name FROM complainants WHERE name IS NOT NULL ORDER BY random() LIMIT 500")]  # fmt: skip
    finally:
        await conn.close()
    times: dict[str, list[float]] = defaultdict(list)
    counting, stop = asyncio.Event(), asyncio.Event()
    failures: list[str] = []
    tasks = [
        asyncio.create_task(
            officer(console, casework, o, case_ids, names, times, counting, stop, failures)
        )
        for o in officers
    ]
    log(f"{len(officers)} officers: {warmup:g}s warm-up, then {duration:g}s counted")
    await asyncio.sleep(warmup)
    counting.set()
    began = time.monotonic()
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), timeout=duration)
    counting.clear()
    elapsed = time.monotonic() - began
    stop.set()
    await asyncio.gather(*tasks, return_exceptions=True)
    return times, elapsed, failures


def report(times: dict[str, list[float]], elapsed: float, officers: int, cases: int) -> None:
    print(f"\nThe console, {officers} concurrent officers, {cases} cases, {elapsed:.1f}s counted")
    print(f"{'page':34s} {'requests':>8s} {'p50 ms':>8s} {'p95 ms':>8s} {'max ms':>8s}")
    for page, spent in times.items():
        ordered = sorted(spent)
        p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
        print(
            f"{page:34s} {len(spent):8d} {statistics.median(spent) * 1000:8.0f}"
            f" {p95 * 1000:8.0f} {ordered[-1] * 1000:8.0f}"
        )
    print("goal: p95 at most 150 ms a page")


# --- the system ----------------------------------------------------------------------------


def db_url(service: str) -> str:
    return f"{POSTGRES}/{NAME}_{service.replace('-', '_')}"


@contextmanager
def own_system() -> Iterator[SystemConfig]:
    """The whole system on databases, a vhost and ports of its own."""
    _, public_key = ensure_dev_keys()
    config = SystemConfig.on_free_ports(
        lambda service: {
            "DATABASE_URL": db_url(service),
            "AMQP_URL": f"{AMQP_BASE}/{NAME}",
            "JWT_PUBLIC_KEY_FILE": str(public_key),
            "LOG_JSON": "false",
            "DATABASE_POOL_SIZE": "3",
        },
        RESULTS_DIR / "logs" / "console",
    )
    for service in config.services:
        asyncio.run(drop_database(db_url(service)))
    rabbitmqctl("delete_vhost", NAME)
    rabbitmqctl("add_vhost", NAME)
    rabbitmqctl("set_permissions", "-p", NAME, "guest", ".*", ".*", ".*")
    try:
        with System(config) as system:
            log("migrating and starting the system")
            system.migrate()
            system.start(timeout=180)
            seed_development_data(
                config,
                development_token("admin", "bench-admin"),
                development_token("platform_admin", "bench-platform"),
                DEV_OFFICERS,
            )
            yield config
    finally:
        for service in config.services:
            asyncio.run(drop_database(db_url(service)))
        rabbitmqctl("delete_vhost", NAME)


async def seeded(years: int, per_year: int, officers: list[str]) -> int:
    url = db_url("casework").replace("+asyncpg", "")
    began = time.perf_counter()
    written = await seed(url, DEV_ORGANISATION_ID, years, per_year, 11, default_until())
    log(f"seeded {written} cases in {time.perf_counter() - began:.0f} s")
    conn = await asyncpg.connect(url)
    try:
        for subject in officers:
            await conn.execute(
                "UPDATE cases SET officer_id = $1, officer_name = $1 WHERE id IN ("
                " SELECT id FROM cases WHERE officer_id IS NULL AND closed_at IS NULL"
                " AND organisation_id = $2 LIMIT $3)",
                subject,
                DEV_ORGANISATION_ID,
                CASES_EACH,
            )
        await conn.execute("ANALYZE")
        return int(await conn.fetchval("SELECT count(*) FROM cases"))
    finally:
        await conn.close()


@contextmanager
def console_process(config: SystemConfig, officers: list[str]) -> Iterator[str]:
    port = free_ports(1)[0]
    env = dict(os.environ) | {
        "DATABASE_URL": db_url("web"),
        "CASEWORK_URL": config.api_url("casework"),
        "NOTIFICATIONS_URL": config.api_url("notifications"),
        "PARTNER_GATEWAY_URL": config.api_url("partner-gateway"),
        "INTAKE_URL": config.api_url("intake"),
        "ENVIRONMENT": "development",
        "BENCH_OFFICERS": ",".join(officers),
    }
    command = [
        sys.executable, "-m", "uvicorn", "bench.console:console_app", "--factory",
        "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning", "--no-access-log",
    ]  # fmt: skip
    process = subprocess.Popen(command, env=env, cwd=Path(__file__).resolve().parents[1])
    address = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{address}/search", headers={"X-Bench-Officer": officers[0]}, timeout=2)
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("the console did not start") from None
                time.sleep(0.3)
        yield address
    finally:
        process.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(10)


def main() -> None:
    parser = argparse.ArgumentParser(prog="bench.console", description=__doc__)
    parser.add_argument("--officers", type=int, default=10)
    parser.add_argument("--duration", type=float, default=30.0, help="seconds counted")
    parser.add_argument("--warmup", type=float, default=5.0, help="seconds not counted")
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--per-year", type=int, default=3000)
    args = parser.parse_args()
    officers = [f"bench-officer-{n}" for n in range(1, args.officers + 1)]
    with own_system() as config:
        cases = asyncio.run(seeded(args.years, args.per_year, officers))
        with console_process(config, officers) as console:
            times, elapsed, failures = asyncio.run(
                load(
                    console,
                    config.api_url("casework"),
                    db_url("casework"),
                    officers,
                    args.warmup,
                    args.duration,
                )
            )
    report(times, elapsed, args.officers, cases)
    if failures:
        print(f"{len(failures)} answers were not 200 (not timed), the first:")
    for failure in failures[:5]:
        print(f"FAILED {failure}")


if __name__ == "__main__":
    main()
