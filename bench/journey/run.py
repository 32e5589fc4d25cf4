"""The run: the system started on its own databases and ports, each phase, the clean-up."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import aio_pika
from asb_devtools.runner import (
    DEV_ORGANISATION,
    SERVICES,
    System,
    SystemConfig,
    development_token,
    parse_processes,
    register_organisations,
)
from asb_shared.auth.mint import ensure_dev_keys
from asb_shared.db import create_database_if_missing, drop_database

from . import __doc__ as journey_doc
from .client import CEILING_BODY, REPORT_BODY, PostFactory
from .common import (
    AMQP_BASE,
    BENCH_DIR,
    HOST,
    LOG_DIR,
    PREFIX,
    QUEUES,
    RESULTS_DIR,
    VHOST,
    db_url,
    git_state,
    log,
    port_free,
    rabbitmqctl,
    run_async,
    summary_ms,
)
from .cpu import cpu_snapshot, cpu_usage, end_to_end, wait_for_quiet
from .load import ClosedLoopResult, closed_loop, open_loop
from .printing import (
    format_cpu_per_report,
    print_closed,
    print_cpu,
    print_latency,
    print_peaks,
    print_summary,
)
from .probes import (
    HELD,
    MailWatcher,
    pg_fetch,
    pg_query,
    pg_sessions,
    sessions_delta,
    stage_breakdown,
)
from .sampler import Sampler

COMPOSED_ROLES = ("relay", "b", "c")
"""The composed pipeline's workers (bench/composed/worker.py), one process each."""

# --------------------------------------------------------------------------------------------
# The run


@dataclass
class Ports:
    ceiling: int
    services: dict[str, tuple[int, int]]
    smtp: int
    mail_http: int
    composed_api: int
    composed_workers: dict[str, int]

    @classmethod
    def from_base(cls, api_base: int, worker_base: int, smtp: int, mail_http: int) -> Ports:
        services = {
            name: (api_base + i, worker_base + i) for i, name in enumerate(SERVICES, start=1)
        }
        composed = {role: worker_base + 10 + i for i, role in enumerate(COMPOSED_ROLES)}
        return cls(api_base, services, smtp, mail_http, api_base + 10, composed)

    def all(self) -> list[int]:
        return [
            self.ceiling,
            self.smtp,
            self.mail_http,
            self.composed_api,
            *self.composed_workers.values(),
        ] + [p for pair in self.services.values() for p in pair]


class Bench:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.ports = Ports.from_base(
            args.api_port_base, args.worker_port_base, args.smtp_port, args.mail_http_port
        )
        self.amqp_url = f"{AMQP_BASE}/{VHOST}"
        self.databases = [db_url(s) for s in SERVICES] + [db_url("ceiling"), db_url("composed")]
        self.system: System | None = None
        self.ceiling: subprocess.Popen[bytes] | None = None
        self.composed: dict[str, subprocess.Popen[bytes]] = {}
        """The composed pipeline's processes and the mail sink while (a') runs, by name."""
        self.processes: dict[str, int] = args.processes
        self.vhost_created = False
        self.results: dict[str, Any] = {
            "started_at": datetime.now(UTC).isoformat(),
            "config": {
                "rate": args.rate,
                "duration_seconds": args.duration,
                "concurrency": args.concurrency,
                "warmup_seconds": args.warmup,
                "ack_wait_seconds": args.ack_wait,
                "latency_duration_seconds": args.latency_duration or args.duration,
                "processes": args.processes,
                "cpu_count": os.cpu_count(),
                "python": sys.version.split()[0],
            },
            "code": git_state(),
        }

    # -- setup and teardown ------------------------------------------------------------------

    def prepare(self) -> None:
        busy = [p for p in self.ports.all() if not port_free(p)]
        if busy:
            raise RuntimeError(f"ports already in use: {busy} (another bench still running?)")
        LOG_DIR.mkdir(parents=True, exist_ok=True)
        for old in LOG_DIR.glob("*.log"):
            old.unlink()
        log(f"RabbitMQ vhost {VHOST} (recreated)")
        rabbitmqctl("delete_vhost", VHOST)  # a leftover from an interrupted run
        for args in (
            ("add_vhost", VHOST),
            ("set_permissions", "-p", VHOST, "guest", ".*", ".*", ".*"),
        ):
            res = rabbitmqctl(*args)
            if res.returncode != 0:
                raise RuntimeError(
                    f"rabbitmqctl {' '.join(args)} failed: {res.stderr or res.stdout}"
                )
            self.vhost_created = True
        log(f"databases {', '.join(u.rsplit('/', 1)[1] for u in self.databases)} (recreated)")

        async def recreate() -> None:
            for url in self.databases:
                await drop_database(url)
                await create_database_if_missing(url)

        run_async(recreate())

    def cleanup(self) -> None:
        log("cleaning up: stopping processes, dropping databases, deleting the vhost")
        if self.ceiling is not None:
            stop_process(self.ceiling)
            self.ceiling = None
        self.stop_composed()
        if self.system is not None:
            try:
                self.system.stop()
            except Exception as exc:
                print(f"  stopping the system failed: {exc!r}", file=sys.stderr)
            self.system = None

        async def drop() -> None:
            for url in self.databases:
                try:
                    await drop_database(url)
                except Exception as exc:
                    print(f"  dropping {url} failed: {exc!r}", file=sys.stderr)

        try:
            run_async(drop())
        except Exception as exc:
            print(f"  dropping databases failed: {exc!r}", file=sys.stderr)
        if self.vhost_created:
            res = rabbitmqctl("delete_vhost", VHOST)
            if res.returncode != 0:
                print(f"  deleting vhost failed: {res.stderr or res.stdout}", file=sys.stderr)

    def labels(self) -> dict[int, str]:
        labels = {os.getpid(): "loadgen (this process)"}
        if self.ceiling is not None:
            labels[self.ceiling.pid] = "ceiling-app"
        for name, proc in self.composed.items():
            labels[proc.pid] = name
        if self.system is not None:
            for name, proc in self.system.processes.items():
                labels[proc.pid] = name
        return labels

    # -- (a) the ceiling -----------------------------------------------------------------------

    def phase_ceiling(self) -> None:
        from bench.ceiling_app import create_schema

        url = db_url("ceiling")
        run_async(create_schema(url))
        env = dict(os.environ) | {
            "DATABASE_URL": url,
            "HTTP_HOST": HOST,
            "HTTP_PORT": str(self.ports.ceiling),
        }
        log_file = (LOG_DIR / "ceiling-app.log").open("ab")
        self.ceiling = subprocess.Popen(
            [sys.executable, str(BENCH_DIR / "ceiling_app.py")],
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_ready(f"http://{HOST}:{self.ports.ceiling}/readyz", self.ceiling, "ceiling-app")
        a = self.args
        log(f"(a) ceiling: {a.concurrency} clients, {a.warmup:g}s warm-up + {a.duration:g}s")
        factory = PostFactory(HOST, self.ports.ceiling, "/items", CEILING_BODY)
        res: ClosedLoopResult = run_async(
            closed_loop(
                HOST,
                self.ports.ceiling,
                factory,
                concurrency=a.concurrency,
                warmup=a.warmup,
                duration=a.duration,
                labels=self.labels(),
            )
        )
        self.results["ceiling"] = res.as_dict()
        print_closed("ceiling", res)
        stop_process(self.ceiling)
        self.ceiling = None

    # -- (a') the composed ceiling ------------------------------------------------------------

    def _spawn_composed(self, name: str, args: list[str], env: dict[str, str]) -> None:
        log_file = (LOG_DIR / f"{name}.log").open("ab")
        self.composed[name] = subprocess.Popen(
            args, env=env, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True
        )

    def stop_composed(self) -> None:
        for proc in self.composed.values():
            stop_process(proc)
        self.composed.clear()

    def phase_composed(self) -> None:
        """(a'): the journey's hops written leanly (bench/composed), measured end to end."""
        from bench.composed.schema import create_schema

        url = db_url("composed")
        run_async(create_schema(url))
        env = dict(os.environ) | {
            "DATABASE_URL": url,
            "AMQP_URL": self.amqp_url,
            "HTTP_HOST": HOST,
            "HTTP_PORT": str(self.ports.composed_api),
            "SMTP_HOST": HOST,
            "SMTP_PORT": str(self.ports.smtp),
        }
        # The same mail sink as the journey, on the same ports (the system starts its own later).
        self._spawn_composed(
            "mailsink",
            [
                sys.executable,
                "-m",
                "asb_devtools.mailsink",
                "--smtp-host",
                HOST,
                "--smtp-port",
                str(self.ports.smtp),
                "--http-host",
                HOST,
                "--http-port",
                str(self.ports.mail_http),
            ],
            env,
        )
        wait_ready(
            f"http://{HOST}:{self.ports.mail_http}/healthz", self.composed["mailsink"], "mailsink"
        )
        composed_dir = BENCH_DIR / "composed"
        for role, port in self.ports.composed_workers.items():
            name = f"composed-{role}"
            self._spawn_composed(
                name,
                [sys.executable, str(composed_dir / "worker.py"), role],
                env | {"HEALTH_PORT": str(port)},
            )
            wait_ready(f"http://{HOST}:{port}/", self.composed[name], name)
        self._spawn_composed("composed-api", [sys.executable, str(composed_dir / "api.py")], env)
        wait_ready(
            f"http://{HOST}:{self.ports.composed_api}/readyz",
            self.composed["composed-api"],
            "composed-api",
        )
        a = self.args
        log(
            f"(a') composed ceiling: {a.concurrency} clients, {a.warmup:g}s warm-up + "
            f"{a.duration:g}s, then until every report's e-mail has arrived"
        )
        try:
            self.results["composed"] = run_async(self._composed_run())
        finally:
            self.stop_composed()

    async def _composed_run(self) -> dict[str, Any]:
        a = self.args
        port = self.ports.composed_api
        mail = MailWatcher(HOST, self.ports.mail_http)
        try:
            started = time.time()
            cpu0 = cpu_snapshot()
            res = await closed_loop(
                HOST,
                port,
                PostFactory(HOST, port, "/reports", REPORT_BODY),
                concurrency=a.concurrency,
                warmup=a.warmup,
                duration=a.duration,
                keep_reference=True,
                labels=self.labels(),
            )
            print_closed("composed", res)
            drained = await mail.wait_for(res.references, timeout=a.drain_timeout, interval=1.0)
            got = [mail.acks[r] for r in res.references if r in mail.acks]
            out: dict[str, Any] = res.as_dict() | {
                "reports": len(res.references),
                "acknowledged": len(got),
                "complete": drained,
                "acknowledged_more_than_once": sum(
                    1 for r in res.references if mail.copies.get(r, 0) > 1
                ),
            }
            out.update(end_to_end(started, got, cpu_usage(cpu0, cpu_snapshot(), self.labels())))
        finally:
            mail.close()
        log(
            f"(a') composed: {out['acknowledged']}/{out['reports']} e-mails, "
            f"{out.get('end_to_end_acks_per_second', '-')}/s end to end; CPU per report "
            + format_cpu_per_report(out.get("cpu_ms_per_report"))
        )
        return out

    # -- the system ------------------------------------------------------------------------------

    def start_system(self) -> None:
        _, public_key = ensure_dev_keys()
        config = SystemConfig(
            ports=dict(self.ports.services),
            smtp_port=self.ports.smtp,
            mail_http_port=self.ports.mail_http,
            service_env=lambda service: {
                "DATABASE_URL": db_url(service),
                "AMQP_URL": self.amqp_url,
                "JWT_PUBLIC_KEY_FILE": str(public_key),
                # All the load comes from one address: intake's per-client rate limit is off.
                "PUBLIC_RATE_PER_MINUTE": "0",
            },
            log_dir=LOG_DIR,
            host=HOST,
            processes=self.processes,
            # The services' figures, as before the resident site (bench/site.py measures it).
            site=False,
        )
        self.system = System(config)
        log("migrating the five databases")
        self.system.migrate()
        counts = ", ".join(f"{k}={v}" for k, v in self.processes.items()) or "one of each"
        log(f"starting the mail sink, the APIs and the workers ({counts})")
        started = time.monotonic()
        self.system.start(timeout=120)
        # The development landlord the load reports for, heard of by every service.
        platform = development_token("platform_admin", "bench-platform")
        register_organisations(config, platform, [DEV_ORGANISATION])
        log(f"system ready in {time.monotonic() - started:.1f}s")

    # -- (b) intake throughput and (c) acknowledgement latency --------------------------------

    async def system_phases(self) -> None:
        """Hold the bench's own connections, start the system, then (b), drain and (c)."""
        await HELD.open(
            ["postgres"] + [f"{PREFIX}_{s}" for s in ("intake", "casework", "notifications")]
        )
        try:
            await asyncio.to_thread(self.start_system)
            await self.phases_on_system()
        finally:
            await HELD.close()

    async def phases_on_system(self) -> None:
        a = self.args
        intake_port = self.ports.services["intake"][0]
        mail = MailWatcher(HOST, self.ports.mail_http)
        sampler = Sampler(self.amqp_url)
        await sampler.start()
        try:
            # (b)
            sampler.phase = "intake"
            log(
                f"(b) intake POST /v1/reports: {a.concurrency} clients, {a.warmup:g}s warm-up + {a.duration:g}s"
            )
            b_started = time.time()
            journey_cpu0 = cpu_snapshot()
            res = await closed_loop(
                HOST,
                intake_port,
                PostFactory(HOST, intake_port, "/v1/reports", REPORT_BODY),
                concurrency=a.concurrency,
                warmup=a.warmup,
                duration=a.duration,
                keep_reference=True,
                labels=self.labels(),
            )
            b_ended = time.time()
            self.results["intake"] = res.as_dict()
            print_closed("intake", res)
            ceiling = self.results.get("ceiling", {}).get("accepted_per_second")
            if ceiling:
                self.results["intake"]["ratio_to_ceiling"] = round(res.rate / ceiling, 3)
                print(f"    ratio intake/ceiling: {res.rate / ceiling:.2f}", flush=True)
            composed_api = self.results.get("composed", {}).get("accepted_per_second")
            if composed_api:
                ratio = round(res.rate / composed_api, 3)
                self.results["intake"]["ratio_to_composed_api"] = ratio
                print(f"    ratio intake/composed API: {ratio:.2f}", flush=True)
            print_peaks("(b)", sampler.peaks("intake"))

            # Drain the backlog (b) left downstream before measuring latency.
            sampler.phase = "drain"
            log(f"draining: waiting for the {len(res.references)} acknowledgements of (b)")
            sessions = await pg_sessions()
            before = cpu_snapshot()
            drained = await mail.wait_for(res.references, timeout=a.drain_timeout, interval=1.0)
            after = cpu_snapshot()
            drain_cpu = cpu_usage(before, after, self.labels())
            journey = cpu_usage(journey_cpu0, after, self.labels())
            drain_sessions = sessions_delta(sessions, await pg_sessions())
            got = [mail.acks[r] for r in res.references if r in mail.acks]
            drain: dict[str, Any] = {
                "reports": len(res.references),
                "acknowledged": len(got),
                "complete": drained,
                "seconds_after_load_ended": round(max(got) - b_ended, 1) if got else None,
                "cpu": drain_cpu,
                "new_pg_connections": drain_sessions,
            }
            drain.update(end_to_end(b_started, got, journey))
            backlog = [x for x in got if x > b_ended]
            if len(backlog) > 1:
                drain["acks_per_second_while_draining"] = round(
                    len(backlog) / (max(backlog) - b_ended), 1
                )
            self.results["drain"] = drain
            log(
                f"drain: {len(got)}/{len(res.references)} acknowledged, last "
                f"{drain['seconds_after_load_ended']}s after the load ended; acknowledgements "
                f"came out at {drain.get('acks_per_second_while_draining', '-')}/s while draining "
                f"({drain.get('end_to_end_acks_per_second', '-')}/s over the whole of (b))"
            )
            print_cpu("drain", drain_cpu)
            if "cpu_ms_per_report" in drain:
                print(
                    "    CPU per report, whole journey ((b) + drain): "
                    + format_cpu_per_report(drain["cpu_ms_per_report"]),
                    flush=True,
                )
            composed = self.results.get("composed", {})
            if drain.get("end_to_end_acks_per_second") and composed.get(
                "end_to_end_acks_per_second"
            ):
                drain["ratio_to_composed"] = round(
                    drain["end_to_end_acks_per_second"] / composed["end_to_end_acks_per_second"], 3
                )
                drain["cpu_ratio_to_composed"] = round(
                    drain["cpu_ms_per_report"]["system"] / composed["cpu_ms_per_report"]["system"],
                    2,
                )
                print(
                    f"    journey/composed: {drain['ratio_to_composed']:.2f} of its throughput end "
                    f"to end, {drain['cpu_ratio_to_composed']:.1f}x its CPU per report",
                    flush=True,
                )
            if drain_sessions:
                print(f"    new PostgreSQL connections opened while draining: {drain_sessions}")
            print_peaks("drain", sampler.peaks("drain"))
            await self.quiesce(sampler)

            # (c)
            sampler.phase = "latency"
            latency_duration = a.latency_duration or a.duration
            log(f"(c) acknowledgement latency: open loop at {a.rate:g}/s for {latency_duration:g}s")
            poller_stop = asyncio.Event()

            async def poll_mail() -> None:
                while not poller_stop.is_set():
                    with contextlib.suppress(Exception):
                        await mail.poll()
                    with contextlib.suppress(asyncio.TimeoutError):
                        await asyncio.wait_for(poller_stop.wait(), 0.5)

            poller = asyncio.create_task(poll_mail())
            sessions = await pg_sessions()
            before = cpu_snapshot()
            records, send_stats = await open_loop(
                HOST,
                intake_port,
                PostFactory(HOST, intake_port, "/v1/reports", REPORT_BODY),
                rate=a.rate,
                duration=latency_duration,
            )
            load_cpu = cpu_usage(before, cpu_snapshot(), self.labels())
            load_sessions = sessions_delta(sessions, await pg_sessions())
            last_send = max(r.sent for r in records) if records else time.time()
            poller_stop.set()
            await poller
            accepted = [r for r in records if r.status == 201 and r.reference]
            refs = [r.reference for r in accepted if r.reference]
            remaining = max(0.0, last_send + a.ack_wait - time.time())
            log(f"all sent; waiting up to {remaining:.0f}s more for acknowledgements")
            await mail.wait_for(refs, timeout=remaining, interval=0.5)
            latencies = [
                mail.acks[r.reference] - r.sent for r in accepted if r.reference in mail.acks
            ]
            errors: dict[str, int] = {}
            error_after: dict[str, list[float]] = {}
            for r in records:
                if r.status != 201:
                    key = r.error.split(":")[0] if r.error else str(r.status)
                    errors[key] = errors.get(key, 0) + 1
                    error_after.setdefault(key, []).append(r.answered - r.sent)
            first_errors = [r.error for r in records if r.error][:3]
            missing = [ref for ref in refs if ref not in mail.acks]
            dupes = sum(1 for ref in refs if mail.copies.get(ref, 0) > 1)
            latency: dict[str, Any] = {
                **send_stats,
                "sent": len(records),
                "accepted": len(accepted),
                "errors": errors,
                # Refused because the service was overloaded (503): load shed, not lost.
                "shed": sum(1 for r in records if r.status == 503),
                "errors_came_after_ms": {k: summary_ms(v) for k, v in error_after.items()},
                "first_errors": first_errors,
                "post_response_ms": summary_ms([r.answered - r.sent for r in accepted]),
                "acknowledged": len(latencies),
                "acknowledged_more_than_once": dupes,
                "missing_references_sample": missing[:20],
                "ack_latency_ms": summary_ms(latencies),
                # The same from when each POST was due: differs only if the sender fell behind.
                "ack_latency_from_schedule_ms": summary_ms(
                    [
                        mail.acks[r.reference] - r.scheduled
                        for r in accepted
                        if r.reference in mail.acks
                    ]
                ),
                "cpu_while_sending": load_cpu,
                "new_pg_connections_while_sending": load_sessions,
            }
            # Where the time went.
            latency["stages_ms"] = await stage_breakdown(accepted, mail.acks)
            self.results["latency"] = latency
            print_latency(latency)
            print_cpu("(c) sending", load_cpu)
            if load_sessions:
                print(f"    new PostgreSQL connections opened while sending: {load_sessions}")
            print_peaks("(c)", sampler.peaks("latency"))
            if missing:
                await self.explain_missing(missing)
            await self.after_run_checks()
        finally:
            self.results["samples"] = sampler.samples
            await sampler.close()
            mail.close()

    async def quiesce(self, sampler: Sampler, timeout: float = 120.0) -> None:
        """Wait until the queues are empty and intake/casework have nothing left to relay."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                s = await sampler.sample()
            except Exception:  # the server may be full for a moment
                await asyncio.sleep(1.0)
                continue
            busy = (
                any(s["queues"].get(q, 0) for q in QUEUES)
                or any(s[f"outbox_pending_{x}"] for x in ("intake", "casework"))
                or s["messages_queued"]
            )
            if not busy:
                break
            await asyncio.sleep(1.0)
        else:
            log("system still busy after the drain; (c) starts anyway")
        await asyncio.sleep(2.0)

    async def explain_missing(self, missing: list[str]) -> None:
        rows = await pg_fetch(
            f"{PREFIX}_notifications",
            "SELECT status, count(*) AS n, max(last_error) AS err FROM messages"
            " WHERE reference = ANY($1) AND kind = 'report_acknowledgement' GROUP BY status",
            missing,
        )
        known = sum(r["n"] for r in rows)
        print(
            f"    {len(missing)} acknowledgement(s) missing; notifications has "
            + (", ".join(f"{r['n']} {r['status']}" for r in rows) or "no message")
            + f" for them ({len(missing) - known} with no message at all)",
            flush=True,
        )
        self.results["latency"]["missing_by_status"] = {r["status"]: r["n"] for r in rows}

    async def after_run_checks(self) -> None:
        """Things worth knowing that the figures do not show: stuck outbox rows, parked messages."""
        checks: dict[str, Any] = {}
        for service in ("intake", "casework", "notifications"):
            row = await pg_query(
                f"{PREFIX}_{service}",
                "SELECT count(*) FILTER (WHERE published_at IS NULL) AS pending,"
                " count(*) FILTER (WHERE published_at IS NULL AND attempts > 0) AS failing,"
                " max(attempts) AS max_attempts,"
                " (array_agg(routing_key) FILTER (WHERE last_error IS NOT NULL))[1] AS failing_type,"
                " (array_agg(last_error) FILTER (WHERE last_error IS NOT NULL))[1] AS last_error"
                " FROM outbox",
            )
            checks[f"outbox_{service}"] = dict(row)
        conn2 = await aio_pika.connect(self.amqp_url)
        try:
            ch = await conn2.channel()
            for q in QUEUES:
                try:
                    dq = await ch.declare_queue(f"{q}.parked", passive=True)
                    checks[f"parked_{q}"] = dq.declaration_result.message_count
                except Exception:
                    ch = await conn2.channel()
        finally:
            await conn2.close()
        self.results["checks"] = checks
        for service in ("intake", "casework", "notifications"):
            c = checks[f"outbox_{service}"]
            if c["pending"]:
                print(
                    f"    NOTE {service} outbox: {c['pending']} event(s) not published "
                    f"({c['failing']} failing, up to {c['max_attempts']} attempts; "
                    f"{c['failing_type']}: {str(c['last_error'])[:160]})",
                    flush=True,
                )
        parked = {k: v for k, v in checks.items() if k.startswith("parked_") and v}
        if parked:
            print(f"    NOTE parked messages: {parked}", flush=True)


def stop_process(proc: subprocess.Popen[bytes], timeout: float = 15.0) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def wait_ready(url: str, proc: subprocess.Popen[bytes], name: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{name} exited with {proc.returncode}; see {LOG_DIR / name}.log")
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{name} not ready after {timeout}s")


# --------------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="python -m bench.journey",
        description=journey_doc,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--rate", type=float, default=100.0, help="(c) reports per second (default 100)")
    p.add_argument(
        "--duration", type=float, default=20.0, help="seconds of each phase (default 20)"
    )
    p.add_argument(
        "--latency-duration",
        type=float,
        default=0.0,
        help="seconds of (c) if not --duration (the goal: 100/s for 60 s)",
    )
    p.add_argument(
        "--processes",
        type=parse_processes,
        default={},
        metavar="NAME=N,...",
        help="processes per service API or worker, e.g. casework-worker=2,intake-api=2",
    )
    p.add_argument("--concurrency", type=int, default=64, help="(a)/(b) clients (default 64)")
    p.add_argument(
        "--warmup", type=float, default=2.0, help="(a)/(b) seconds not counted (default 2)"
    )
    p.add_argument(
        "--ack-wait",
        type=float,
        default=30.0,
        help="(c) seconds to wait for acknowledgements after the last send (default 30)",
    )
    p.add_argument(
        "--drain-timeout",
        type=float,
        default=600.0,
        help="seconds to wait for (b)'s backlog to drain (default 600)",
    )
    p.add_argument(
        "--quiet-limit",
        type=float,
        default=0.3,
        help="wait until the machine uses fewer cores than this before starting (0: do not wait)",
    )
    p.add_argument("--quiet-timeout", type=float, default=300.0, help="...but at most this long")
    p.add_argument("--skip-ceiling", action="store_true", help="do not measure (a)")
    p.add_argument("--skip-composed", action="store_true", help="do not measure (a')")
    p.add_argument(
        "--api-port-base",
        type=int,
        default=18000,
        help="ceiling on it, APIs on +1..+5, the composed API on +10",
    )
    p.add_argument(
        "--worker-port-base",
        type=int,
        default=19000,
        help="workers on +1..+5, the composed workers on +10..+12",
    )
    p.add_argument("--smtp-port", type=int, default=11025)
    p.add_argument("--mail-http-port", type=int, default=18025)
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    bench = Bench(args)

    # Ctrl-C (and SIGTERM, made the same) must reach us even if a parent ignored SIGINT (a
    # background job of a non-interactive shell does): asyncio then cancels the run cleanly.
    signal.signal(signal.SIGINT, signal.default_int_handler)

    def on_sigterm(*_: object) -> None:
        os.kill(os.getpid(), signal.SIGINT)

    signal.signal(signal.SIGTERM, on_sigterm)
    status = 0
    try:
        if args.quiet_limit > 0:
            quiet = wait_for_quiet(args.quiet_limit, args.quiet_timeout)
            bench.results["machine_before_start"] = quiet
            log(f"machine busy {quiet['machine_busy_cores']:.2f} cores before the start")
        bench.prepare()
        if not args.skip_ceiling:
            bench.phase_ceiling()
        if not args.skip_composed:
            bench.phase_composed()
        run_async(bench.system_phases())
    except KeyboardInterrupt:
        bench.results["interrupted"] = True
        log("interrupted")
        status = 130
    except Exception as exc:
        bench.results["error"] = repr(exc)
        log(f"failed: {exc!r}")
        import traceback

        traceback.print_exc()
        status = 1
    finally:
        # Nothing may interrupt the clean-up itself.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        bench.cleanup()
    bench.results["finished_at"] = datetime.now(UTC).isoformat()
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    out = RESULTS_DIR / f"journey-{datetime.now().strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(bench.results, indent=2, default=str))
    print_summary(bench.results)
    print(
        f"Figures: {out.relative_to(BENCH_DIR.parent)}   Logs: {LOG_DIR.relative_to(BENCH_DIR.parent)}/"
    )
    return status
