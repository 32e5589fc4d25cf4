"""Starts the whole system locally: mail sink, GOV.UK Notify fake, the development identity
provider, then each service's API and worker, the resident web site and the staff console.

Used by ``./dev up`` for people, and by the end-to-end tests and benchmarks, which start the
same processes against their own databases, vhost and ports.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Collection, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from asb_shared.auth.mint import (
    DEV_IDP_ISSUER,
    DEV_IDP_PORT,
    DEV_ORGANISATION_ID,
    ensure_dev_keys,
    key_id,
    mint_token,
)
from asb_shared.settings import DEV_KEY_DIR, ServiceSettings

from .idp import DEV_PASSWORD, PARTNER_USER, development_users
from .notifyfake import DEV_API_KEY, DEV_CALLBACK_TOKEN, DEV_SECRET, DEV_SERVICE_ID

SERVICES: dict[str, str] = {
    # service name -> python package
    "intake": "intake",
    "casework": "casework",
    "engagement": "engagement",
    "notifications": "notifications",
    "partner-gateway": "partner_gateway",
}
ROLES = ("api", "worker")
SITE = "web"
"""The resident web site (package ``web``): one ``api`` process and no worker. It talks to the
services through their HTTP APIs only, and keeps its sessions in a small database of its own."""
SITE_PROCESS = f"{SITE}-api"
CONSOLE_PROCESS = f"{SITE}-console"
"""The staff console: the web package's second entrypoint (``python -m web console``), signing
staff in through the identity provider (the development one here)."""


def process_name(service: str, role: str, copy: int = 1) -> str:
    """``intake-api`` for the first process of a role, ``intake-api-2`` for the second..."""
    return f"{service}-{role}" + (f"-{copy}" if copy > 1 else "")


def _split(name: str) -> tuple[str, str]:
    """The service and role of a process name."""
    if name == SITE_PROCESS:
        return SITE, "api"
    if name == CONSOLE_PROCESS:
        return SITE, "console"
    for service in SERVICES:
        for role in ROLES:
            base = f"{service}-{role}"
            if name == base or name.startswith(f"{base}-"):
                return service, role
    raise KeyError(name)


def free_ports(n: int, host: str = "127.0.0.1", avoid: Collection[int] = ()) -> list[int]:
    """``n`` different TCP ports that nothing listens on right now, none of them in ``avoid``
    (ports chosen earlier and not yet bound: the system may hand a closed port out again)."""
    sockets: list[socket.socket] = []
    found: list[int] = []
    try:
        while len(found) < n:
            sock = socket.socket()
            sockets.append(sock)
            sock.bind((host, 0))
            port = int(sock.getsockname()[1])
            if port not in avoid:
                found.append(port)
        return found
    finally:
        for sock in sockets:
            sock.close()


def parse_processes(text: str) -> dict[str, int]:
    """``casework-worker=2,intake-api=2`` as a mapping (what ``--processes`` takes)."""
    counts: dict[str, int] = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        name, sep, value = item.partition("=")
        if not sep or not value.strip().isdigit():
            raise ValueError(f"expected name=count, got {item!r}")
        counts[name.strip()] = int(value)
    return counts


DEFAULT_PORTS: dict[str, tuple[int, int]] = {
    "intake": (8001, 9001),
    "casework": (8002, 9002),
    "engagement": (8003, 9003),
    "notifications": (8004, 9004),
    "partner-gateway": (8005, 9005),
}


@dataclass
class SystemConfig:
    """Where each process listens and what extra environment each service gets."""

    ports: dict[str, tuple[int, int]] = field(default_factory=lambda: dict(DEFAULT_PORTS))
    smtp_port: int = 1025
    mail_http_port: int = 8025
    notify_port: int = 0
    """The GOV.UK Notify fake (SMS and letters); 0: a free port, chosen when the config is made
    (``./dev up`` uses 8026)."""
    service_env: Callable[[str], Mapping[str, str]] = lambda _: {}
    log_dir: Path = DEV_KEY_DIR / "logs"
    host: str = "127.0.0.1"
    processes: Mapping[str, int] = field(default_factory=dict)
    """How many processes run each service's API and worker, by process name
    (``{"intake-api": 2, "casework-worker": 2}``); 1 for any not named. The API processes of a
    service share its port (``SO_REUSEPORT``) and each has a port of its own as well, for its
    health and metrics; each worker process has a health port of its own. The ports beyond a
    service's pair are free ones, chosen when the config is made."""
    own_ports: dict[str, int] = field(default_factory=dict)
    """The ports chosen for the extra processes, by process name (filled in when made)."""
    site: bool = True
    """Start the resident web site too (it needs intake, casework and notifications)."""
    site_port: int = 0
    """The resident web site's port; 0: a free port, chosen when the config is made
    (``./dev up`` uses 8006)."""
    console: bool = False
    """Start the staff console and the development identity provider it signs staff in with
    (``./dev up`` and the end-to-end journeys do)."""
    console_port: int = 0
    """The staff console's port; 0: a free port (``./dev up`` uses 8007)."""
    idp_port: int = 0
    """The development identity provider's port; 0: a free port (``./dev up`` uses 8008)."""
    idp_private_key: Path | None = None
    """The key the identity provider signs tokens with (None: the development key pair's): the
    one whose public half the services trust."""
    idp_organisation: uuid.UUID = DEV_ORGANISATION_ID
    """The landlord the identity provider's development users work for."""
    idp_partner: uuid.UUID | None = None
    """The partner (its id in the gateway) the provider's partner user belongs to; None: none
    until set at the provider (``PUT /users/partner/partner``)."""

    @classmethod
    def on_free_ports(
        cls,
        service_env: Callable[[str], Mapping[str, str]],
        log_dir: Path,
        processes: Mapping[str, int] | None = None,
        **options: Any,
    ) -> SystemConfig:
        """The whole system on ports nothing listens on now (a test's own system, beside any
        other running here); ``options``: further fields (``console=True``...)."""
        ports = free_ports(2 * len(SERVICES) + 2)
        return cls(
            ports={s: (ports[2 * i], ports[2 * i + 1]) for i, s in enumerate(SERVICES)},
            smtp_port=ports[-2],
            mail_http_port=ports[-1],
            service_env=service_env,
            log_dir=log_dir,
            processes=dict(processes or {}),
            **options,
        )

    def __post_init__(self) -> None:
        unknown = set(self.processes) - {f"{s}-{r}" for s in SERVICES for r in ROLES}
        if unknown:
            raise ValueError(f"no such process: {', '.join(sorted(unknown))}")
        if any(n < 1 for n in self.processes.values()):
            raise ValueError("a process count is at least 1")
        wanted = [
            name
            for service in SERVICES
            for role in ROLES
            for copy, name in enumerate(self.names(service, role), start=1)
            # An API process that shares its port needs one of its own for its readiness; the
            # first worker keeps the service's worker port.
            if name not in self.own_ports
            and ((role == "api" and self.count(service, role) > 1) or copy > 1)
        ]
        unset = [
            p
            for p in ("notify_port", "site_port", "console_port", "idp_port")
            if not getattr(self, p)
        ]
        chosen = {p for pair in self.ports.values() for p in pair}
        chosen |= {self.smtp_port, self.mail_http_port, *self.own_ports.values()}
        chosen |= {
            getattr(self, p) for p in ("notify_port", "site_port", "console_port", "idp_port")
        }
        ports = free_ports(len(wanted) + len(unset), self.host, avoid=chosen)
        for name in unset:
            setattr(self, name, ports.pop())
        self.own_ports.update(zip(wanted, ports, strict=True))

    def count(self, service: str, role: str) -> int:
        """How many processes run ``role`` (``api`` or ``worker``) of ``service``."""
        return self.processes.get(f"{service}-{role}", 1)

    def names(self, service: str, role: str) -> list[str]:
        """The names of the processes running ``role`` of ``service``."""
        return [process_name(service, role, c) for c in range(1, self.count(service, role) + 1)]

    def own_url(self, name: str) -> str:
        """The base URL that reaches the process ``name`` itself (not one of its siblings)."""
        service, role = _split(name)
        if name == CONSOLE_PROCESS:
            return self.console_url
        if service == SITE:
            return self.site_url
        if name in self.own_ports:
            return f"http://{self.host}:{self.own_ports[name]}"
        return self.api_url(service) if role == "api" else self.worker_url(service)

    def api_url(self, service: str) -> str:
        return f"http://{self.host}:{self.ports[service][0]}"

    def worker_url(self, service: str) -> str:
        return f"http://{self.host}:{self.ports[service][1]}"

    @property
    def mail_url(self) -> str:
        return f"http://{self.host}:{self.mail_http_port}"

    @property
    def notify_url(self) -> str:
        return f"http://{self.host}:{self.notify_port}"

    @property
    def site_url(self) -> str:
        """The resident web site's base URL; a landlord's site is under ``/{slug}/``."""
        return f"http://{self.host}:{self.site_port}"

    @property
    def console_url(self) -> str:
        """The staff console's base URL."""
        return f"http://{self.host}:{self.console_port}"

    @property
    def idp_url(self) -> str:
        """The development identity provider's issuer URL (its discovery document is under it)."""
        return f"http://{self.host}:{self.idp_port}"

    def landlord_site_url(self, reference_prefix: str) -> str:
        """Where a landlord's residents start: ``/{slug}/``, the reference prefix in lower case."""
        return f"{self.site_url}/{reference_prefix.lower()}/"

    @property
    def services(self) -> list[str]:
        """Every service whose database this system migrates: the five, and the site's."""
        return [*SERVICES, *([SITE] if self.site else [])]


class System:
    """The processes of the whole system; a context manager that stops them all on exit."""

    def __init__(self, config: SystemConfig) -> None:
        self.config = config
        self.processes: dict[str, subprocess.Popen[bytes]] = {}
        self._commands: dict[str, tuple[list[str], dict[str, str]]] = {}

    def env(self, service: str, process: str | None = None) -> dict[str, str]:
        """The environment of one of ``service``'s processes (its first worker's if unnamed)."""
        if service == SITE:
            return self._site_env()
        api_port, worker_port = self.config.ports[service]
        env = dict(os.environ)
        env.update(
            {
                "HTTP_HOST": self.config.host,
                "HTTP_PORT": str(api_port),
                "WORKER_PORT": str(worker_port),
                "SMTP_HOST": self.config.host,
                "SMTP_PORT": str(self.config.smtp_port),
                "PUBLIC_BASE_URL": self.config.api_url(service),
            }
        )
        if self.config.count(service, "api") > 1 or self.config.count(service, "worker") > 1:
            env["SHARE_PORTS"] = "true"
        if process is not None and process in self.config.own_ports:
            role = _split(process)[1]
            port = str(self.config.own_ports[process])
            env["HTTP_OWN_PORT" if role == "api" else "WORKER_PORT"] = port
        if service == "notifications":
            env.update(
                {
                    "NOTIFY_API_KEY": DEV_API_KEY,
                    "NOTIFY_BASE_URL": self.config.notify_url,
                    "NOTIFY_CALLBACK_TOKEN": DEV_CALLBACK_TOKEN,
                }
            )
        if self.config.site and service in ("intake", "notifications"):
            # The links residents get (acknowledgement, email reply, survey) open the site.
            env["RESIDENT_SITE_URL"] = self.config.site_url
        env.update(self.config.service_env(service))
        return env

    def _site_env(self) -> dict[str, str]:
        cfg = self.config
        env = dict(os.environ)
        env.update(
            {
                "HTTP_HOST": cfg.host,
                "HTTP_PORT": str(cfg.site_port),
                "PUBLIC_BASE_URL": cfg.site_url,
                "INTAKE_URL": cfg.api_url("intake"),
                "CASEWORK_URL": cfg.api_url("casework"),
                "NOTIFICATIONS_URL": cfg.api_url("notifications"),
                "PARTNER_GATEWAY_URL": cfg.api_url("partner-gateway"),
                # Sessions only: a read and a write a page at most.
                "DATABASE_POOL_SIZE": "2",
            }
        )
        env.update(cfg.service_env(SITE))
        return env

    def _console_env(self) -> dict[str, str]:
        cfg = self.config
        env = self._site_env()
        env.update(
            {
                "HTTP_PORT": str(cfg.console_port),
                "PUBLIC_BASE_URL": cfg.console_url,
                "OIDC_ISSUER": cfg.idp_url,
                # The Positive Engagement pages call engagement's API (the site never does).
                "ENGAGEMENT_URL": cfg.api_url("engagement"),
            }
        )
        return env

    def _idp_command(self) -> tuple[list[str], dict[str, str]]:
        cfg = self.config
        args = [
            sys.executable,
            "-m",
            "asb_devtools.idp",
            "--host",
            cfg.host,
            "--port",
            str(cfg.idp_port),
            "--issuer",
            cfg.idp_url,
            "--organisation",
            str(cfg.idp_organisation),
            "--redirect-uri",
            f"{cfg.console_url}/auth/callback",
            "--post-logout-redirect-uri",
            f"{cfg.console_url}/signed-out",
        ]
        if cfg.idp_private_key is not None:
            args += ["--private-key", str(cfg.idp_private_key)]
        if cfg.idp_partner is not None:
            args += ["--partner", str(cfg.idp_partner)]
        # The access tokens' issuer, audience and partner claim: the ones the services are given.
        env = dict(os.environ)
        env.update(
            {
                k: v
                for k, v in cfg.service_env("idp").items()
                if k in ("JWT_ISSUER", "JWT_AUDIENCE", "JWT_PARTNER_CLAIM")
            }
        )
        return args, env

    def migrate(self) -> None:
        """Create and migrate every service's database, in parallel."""

        def one(service: str) -> subprocess.CompletedProcess[str]:
            return subprocess.run(
                [sys.executable, "-m", SERVICES.get(service, service), "migrate"],
                env=self.env(service) | {"LOG_JSON": "false", "LOG_LEVEL": "WARNING"},
                capture_output=True,
                text=True,
                check=False,
            )

        services = self.config.services
        with ThreadPoolExecutor(len(services)) as pool:
            for service, result in zip(services, pool.map(one, services), strict=True):
                if result.returncode != 0:
                    raise RuntimeError(
                        f"{service} migrate failed:\n{result.stdout}\n{result.stderr}"
                    )

    def _spawn(self, name: str, args: list[str], env: dict[str, str]) -> None:
        self.config.log_dir.mkdir(parents=True, exist_ok=True)
        log = (self.config.log_dir / f"{name}.log").open("ab")
        self._commands[name] = (args, env)
        self.processes[name] = subprocess.Popen(
            args, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def start(self, timeout: float = 60.0) -> None:
        """Start the mail sink, the Notify fake and every API and worker; return when all are
        ready."""
        self._spawn(
            "mailsink",
            [
                sys.executable,
                "-m",
                "asb_devtools.mailsink",
                "--smtp-host",
                self.config.host,
                "--smtp-port",
                str(self.config.smtp_port),
                "--http-host",
                self.config.host,
                "--http-port",
                str(self.config.mail_http_port),
            ],
            dict(os.environ),
        )
        self._spawn(
            "notify-fake",
            [
                sys.executable,
                "-m",
                "asb_devtools.notifyfake",
                "--host",
                self.config.host,
                "--port",
                str(self.config.notify_port),
                "--service-id",
                DEV_SERVICE_ID,
                "--secret",
                DEV_SECRET,
                "--callback-url",
                f"{self.config.api_url('notifications')}/v1/notify/callbacks",
                "--callback-token",
                DEV_CALLBACK_TOKEN,
            ],
            dict(os.environ),
        )
        urls = [f"{self.config.mail_url}/healthz", f"{self.config.notify_url}/healthz"]
        if self.config.console:
            self._spawn("idp", *self._idp_command())
            urls.append(f"{self.config.idp_url}/healthz")
        for service, package in SERVICES.items():
            for role in ROLES:
                for name in self.config.names(service, role):
                    self._spawn(
                        name, [sys.executable, "-m", package, role], self.env(service, name)
                    )
                    urls.append(self.ready_url(name))
        if self.config.site:
            self._spawn(SITE_PROCESS, [sys.executable, "-m", SITE, "api"], self.env(SITE))
            urls.append(self.ready_url(SITE_PROCESS))
        if self.config.site and self.config.console:
            self._spawn(
                CONSOLE_PROCESS, [sys.executable, "-m", SITE, "console"], self._console_env()
            )
            urls.append(self.ready_url(CONSOLE_PROCESS))
        deadline = time.monotonic() + timeout
        pending = set(urls)
        while pending:
            for name, proc in self.processes.items():
                if proc.poll() is not None:
                    raise RuntimeError(
                        f"{name} exited with {proc.returncode}; see {self.config.log_dir / name}.log"
                    )
            pending = {u for u in pending if not _ok(u)}
            if pending and time.monotonic() > deadline:
                raise TimeoutError(f"not ready after {timeout}s: {sorted(pending)}")
            if pending:
                time.sleep(0.2)

    def ready_url(self, name: str) -> str:
        """The readiness URL of one of the services' processes (``intake-api``,
        ``intake-worker``, ``intake-worker-2``, ``web-api``): the process's own, even when it
        shares a port; ``web-console``: the staff console)."""
        return f"{self.config.own_url(name)}/readyz"

    def kill(self, name: str) -> None:
        """SIGKILL one process (no graceful path: a crash), and reap it."""
        proc = self.processes[name]
        proc.kill()
        proc.wait()

    def restart(self, name: str, timeout: float = 60.0) -> None:
        """Start a process again as it was first started; return when it is ready."""
        args, env = self._commands[name]
        self._spawn(name, args, env)
        deadline = time.monotonic() + timeout
        while not _ok(self.ready_url(name)):
            if self.processes[name].poll() is not None:
                raise RuntimeError(f"{name} exited with {self.processes[name].returncode}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"{name} not ready after {timeout}s")
            time.sleep(0.2)

    def stop(self, timeout: float = 20.0) -> None:
        """SIGTERM everything (graceful: in-flight messages finish), then SIGKILL stragglers."""
        for proc in self.processes.values():
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + timeout
        for proc in self.processes.values():
            try:
                proc.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        self.processes.clear()

    def __enter__(self) -> System:
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()


DEV_OFFICERS: dict[str, dict[str, object]] = {
    # subject -> casework's officer record; ``./dev token --role officer`` is dev-officer.
    "dev-officer": {"name": "Development Officer", "patches": ["SK1", "SK2", "SK3", "SK4"]},
    "dev-team-leader": {
        "name": "Development Team Leader",
        "patches": ["SK1", "SK2", "SK3", "SK4"],
    },
}
"""The development data ``./dev up`` registers, so the README's journey works as written: the
officer a Stockport (SK1 to SK4) report is assigned to, and their team leader."""


DEV_ORGANISATION: dict[str, object] = {
    "id": str(DEV_ORGANISATION_ID),
    "name": "Development Housing",
    "reference_prefix": "DEV",
    "services": ["engagement", "partner-gateway"],
}
"""The development landlord ``./dev up`` registers: its reports are DEV-2026-000001, its cases
DEV-C-2026-000001, and it uses every service."""


def landlord(organisation_id: uuid.UUID, prefix: str) -> dict[str, object]:
    """A landlord using every service, to register with :func:`register_organisations`."""
    return {
        "id": str(organisation_id),
        "name": f"Landlord {prefix}",
        "reference_prefix": prefix,
        "services": ["engagement", "partner-gateway"],
    }


def _call(url: str, token: str, method: str = "GET", body: object = None) -> tuple[int, Any]:
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode() if body is not None else None,
        method=method,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"null")


def register_organisations(
    config: SystemConfig,
    platform_token: str,
    organisations: Sequence[Mapping[str, object]],
    timeout: float = 60.0,
) -> list[dict[str, Any]]:
    """Register organisations through casework's API as a platform admin (one registered
    already is left as it is), then wait until every service has heard of them by event.
    Returns casework's answers (each organisation as registered)."""
    answers: list[dict[str, Any]] = []
    expected: dict[str, int] = {}
    for organisation in organisations:
        base = f"{config.api_url('casework')}/v1/organisations"
        status, body = _call(base, platform_token, "POST", organisation)
        if status == 409:
            status, body = _call(f"{base}/{organisation['id']}", platform_token)
        if status not in (200, 201):
            raise RuntimeError(f"registering {organisation.get('name')} answered {status}: {body}")
        expected[str(body["id"])] = int(body["version"])
        answers.append(body)
    deadline = time.monotonic() + timeout
    waiting = {(s, o) for s in SERVICES for o in expected}
    while waiting:
        for service, organisation_id in sorted(waiting):
            url = f"{config.api_url(service)}/v1/platform/organisations/{organisation_id}"
            status, body = _call(url, platform_token)
            if status == 200 and int(body["version"]) >= expected[organisation_id]:
                waiting.discard((service, organisation_id))
        if waiting and time.monotonic() > deadline:
            raise RuntimeError(f"organisations not heard of within {timeout}s: {sorted(waiting)}")
        if waiting:
            time.sleep(0.2)
    return answers


def development_token(role: str, subject: str) -> str:
    """A token of the development landlord with one ``role``, signed with the development key
    (made if missing), as the services started here verify it."""
    private_key, public_key = ensure_dev_keys()
    defaults = ServiceSettings()
    return mint_token(
        private_key.read_bytes(),
        subject=subject,
        organisation_id=DEV_ORGANISATION_ID,
        roles=[role],
        issuer=defaults.jwt_issuer,
        audience=defaults.jwt_audience,
        key_id=key_id(public_key.read_bytes()),
    )


def seed_development_data(
    config: SystemConfig,
    admin_token: str,
    platform_token: str,
    officers: Mapping[str, Mapping[str, object]] = DEV_OFFICERS,
) -> None:
    """Register the development organisation (as a platform admin, then waiting for every
    service to hear of it) and its officers (as its admin) through casework's API. Running it
    at every start changes nothing the second time."""
    register_organisations(config, platform_token, [DEV_ORGANISATION])
    for subject, record in officers.items():
        request = urllib.request.Request(
            f"{config.api_url('casework')}/v1/officers/{subject}",
            data=json.dumps(record).encode(),
            method="PUT",
            headers={"Authorization": f"Bearer {admin_token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            if response.status != 200:
                raise RuntimeError(f"registering {subject} answered {response.status}")


def _ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def main() -> None:
    """``asb-dev up``: migrate and start everything, print where it is, run until stopped."""
    parser = argparse.ArgumentParser(prog="asb-dev")
    parser.add_argument("command", choices=["up"])
    parser.add_argument(
        "--processes",
        default=os.environ.get("ASB_PROCESSES", ""),
        metavar="NAME=N,...",
        help="processes per service API or worker, e.g. casework-worker=2,intake-api=2 "
        "(default 1 each, or ASB_PROCESSES)",
    )
    parser.add_argument(
        "--partner",
        type=uuid.UUID,
        default=os.environ.get("ASB_DEV_PARTNER") or None,
        metavar="PARTNER_ID",
        help="the partner (its id in the gateway) the development user 'partner' belongs to "
        "(or ASB_DEV_PARTNER; it can also be set while running, as the banner says)",
    )
    args = parser.parse_args()
    try:
        processes = parse_processes(args.processes)
    except ValueError as exc:
        parser.error(str(exc))
    _, public_key = ensure_dev_keys()

    def service_env(service: str) -> dict[str, str]:
        env = {"JWT_PUBLIC_KEY_FILE": str(public_key)}
        if service in SERVICES:
            # The services read the signing keys from the development identity provider's JWKS,
            # as they would from a landlord's; ./dev token signs with the same key.
            env["JWT_JWKS_URL"] = f"{DEV_IDP_ISSUER}/jwks"
        if service == "intake":
            # The development landlord's reporting mailbox: mail to 127.0.0.1:2525 becomes reports.
            env["INBOUND_MAIL_ORGANISATION_ID"] = str(DEV_ORGANISATION_ID)
        return env

    try:
        config = SystemConfig(
            service_env=service_env,
            notify_port=8026,
            site_port=8006,
            console=True,
            console_port=8007,
            idp_port=DEV_IDP_PORT,
            idp_partner=args.partner,
            processes=processes,
        )
    except ValueError as exc:
        parser.error(str(exc))
    system = System(config)
    print(f"Migrating the {len(config.services)} databases...", flush=True)
    system.migrate()
    print(
        "Starting the mail sink, the Notify fake, the identity provider, the APIs, the workers,"
        " the site and the staff console...",
        flush=True,
    )
    stopping = False

    def on_signal(*_: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    try:
        system.start()
        seed_development_data(
            config,
            development_token("admin", "dev-admin"),
            development_token("platform_admin", "dev-platform"),
        )
        print("\nThe ASB platform is running:\n")
        print(
            f"  {'resident site':<16} {config.landlord_site_url(str(DEV_ORGANISATION['reference_prefix']))}"
            "   (the development landlord's; open it in a browser)\n"
        )
        print(
            f"  {'staff console':<16} {config.console_url}/   (sign in as a development user below)"
        )
        print(
            f"  {'identity provider':<16} {config.idp_url}/.well-known/openid-configuration"
            "   (development only)\n"
        )
        for service in SERVICES:
            print(
                f"  {service:<16} API {config.api_url(service)}/docs   worker {config.worker_url(service)}/readyz"
            )
        for name, port in config.own_ports.items():
            print(f"  {name:<16} its own health and metrics: {config.host}:{port}/readyz")
        print(
            f"  {'mail sink':<16} SMTP {config.host}:{config.smtp_port}   read mail: {config.mail_url}/api/messages"
        )
        print(f"  {'reporting mailbox':<16} SMTP {config.host}:2525 (mail to it becomes a report)")
        print(
            f"  {'GOV.UK Notify fake':<16} {config.notify_url}   SMS and letters sent: "
            f"{config.notify_url}/fake/notifications"
        )
        print(f"\n  Logs: {config.log_dir}/")
        print(
            "\n  Development data: officer dev-officer (Development Officer) and team leader\n"
            "  dev-team-leader, both with the patches SK1 to SK4, so a report from the README's\n"
            "  SK1 3XE is assigned at once.\n"
            "\n  Staff console users (development identity provider), every password "
            f"'{DEV_PASSWORD}':\n"
            + "".join(
                f"    {u.username:<15} {u.name} ({', '.join(u.roles)})\n"
                for u in development_users().values()
            )
            + f"  ({PARTNER_USER} belongs to the partner ./dev up --partner ID names; or, once a partner is\n"
            "  registered in the gateway, set it with:\n"
            f"  curl -X PUT {config.idp_url}/users/{PARTNER_USER}/partner "
            "-H 'Content-Type: application/json' -d '{\"partner_id\": \"...\"}')\n"
            + "\n  Staff token (officer dev-officer, development organisation):\n"
            "    ./dev token --role officer\n"
            "    ./dev token --role team_leader --sub dev-team-leader --name 'Development Team Leader'\n"
            f"  Development organisation id: {DEV_ORGANISATION_ID}\n"
            "\n  Ctrl-C stops everything.\n",
            flush=True,
        )
        while not stopping:
            for name, proc in system.processes.items():
                if proc.poll() is not None:
                    print(
                        f"{name} exited with {proc.returncode}; see {config.log_dir / name}.log",
                        file=sys.stderr,
                    )
                    stopping = True
            time.sleep(0.5)
    finally:
        print("Stopping...", flush=True)
        system.stop()
