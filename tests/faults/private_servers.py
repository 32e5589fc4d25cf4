"""A PostgreSQL cluster and a RabbitMQ node of a test's own, which it may stop and start at will.

The outage tests restart the database server and the broker themselves, as an operator would.
The machine's shared servers (5432, 5672) are never touched: each server here lives in a
temporary directory, on free ports, under a name of its own, and is removed afterwards.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from asb_devtools.runner import free_ports


def _as(user: str, args: list[str]) -> list[str]:
    """``args`` run as ``user`` when this runs as root (initdb and the broker refuse root)."""
    if os.geteuid() == 0 and shutil.which("runuser"):
        return ["runuser", "-u", user, "--", *args]
    return args


def _own(path: Path, user: str) -> None:
    if os.geteuid() == 0:
        shutil.chown(path, user, user)
        for child in path.rglob("*"):
            shutil.chown(child, user, user)


def postgres_binaries() -> Path | None:
    """The newest PostgreSQL server binaries installed here (Debian's layout), if any."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_version)
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _version(path: str) -> tuple[int, ...]:
    return tuple(int(p) for p in Path(path).parts[-3].split(".") if p.isdigit())


class PrivatePostgres:
    """A PostgreSQL cluster in a temporary directory, on a free port, trusting ``postgres``."""

    def __init__(self) -> None:
        binaries = postgres_binaries()
        if binaries is None:
            raise RuntimeError("PostgreSQL's initdb is not installed here")
        self.bin = binaries
        self.port = free_ports(1)[0]
        self.dir = Path(tempfile.mkdtemp(prefix="asb-outage-pg-"))
        self.data = self.dir / "data"
        _own(self.dir, "postgres")
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                  "--no-sync")  # fmt: skip

    @property
    def url(self) -> str:
        """The SQLAlchemy URL of the server (no database)."""
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}"

    def _run(self, tool: str, *args: str) -> None:
        subprocess.run(
            _as("postgres", [str(self.bin / tool), *args]),
            check=True,
            capture_output=True,
            timeout=120,
        )

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=150"
        )
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.dir / "log"),
                  "-w", "-t", "60", "start")  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        """Stop the server (``fast``: end every session at once, as a restart does)."""
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop")

    def remove(self) -> None:
        try:
            self.stop("immediate")
        except subprocess.CalledProcessError:
            pass  # not running
        shutil.rmtree(self.dir, ignore_errors=True)


class PrivateRabbitMQ:
    """A RabbitMQ node of its own (its own node name, ports, data, logs and configuration),
    listening on 127.0.0.1 for ``guest``."""

    def __init__(self) -> None:
        if not shutil.which("rabbitmq-server") or not shutil.which("rabbitmqctl"):
            raise RuntimeError("rabbitmq-server is not installed here")
        self.port, self.dist_port = free_ports(2)
        self.node = f"asboutage{os.getpid()}@localhost"
        self.dir = Path(tempfile.mkdtemp(prefix="asb-outage-rabbit-"))
        (self.dir / "rabbitmq.conf").write_text(f"listeners.tcp.local = 127.0.0.1:{self.port}\n")
        (self.dir / "enabled_plugins").write_text("[].\n")
        (self.dir / "env.conf").write_text("")
        self.dir.chmod(0o755)
        _own(self.dir, "rabbitmq")
        self.env = {
            **os.environ,
            "RABBITMQ_NODENAME": self.node,
            "RABBITMQ_NODE_PORT": str(self.port),
            "RABBITMQ_DIST_PORT": str(self.dist_port),
            "RABBITMQ_MNESIA_BASE": str(self.dir / "mnesia"),
            "RABBITMQ_LOG_BASE": str(self.dir / "log"),
            "RABBITMQ_CONFIG_FILE": str(self.dir / "rabbitmq"),
            "RABBITMQ_ENABLED_PLUGINS_FILE": str(self.dir / "enabled_plugins"),
            "RABBITMQ_CONF_ENV_FILE": str(self.dir / "env.conf"),
            "RABBITMQ_PID_FILE": str(self.dir / "pid"),
        }

    @property
    def url(self) -> str:
        """The AMQP URL of the node's default vhost."""
        return f"amqp://guest:guest@127.0.0.1:{self.port}/"

    def ctl(self, *args: str, check: bool = True) -> str:
        return subprocess.run(
            ["rabbitmqctl", "-n", self.node, *args],
            env=self.env,
            check=check,
            capture_output=True,
            text=True,
            timeout=120,
        ).stdout

    def start(self) -> None:
        """Start the node and wait until it takes connections."""
        subprocess.run(
            ["rabbitmq-server", "-detached"], env=self.env, check=True, capture_output=True
        )
        self.ctl("wait", str(self.dir / "pid"), "--timeout", "120")

    def stop_broker(self) -> None:
        """Stop the broker (its listener closes, every connection is dropped); the node stays."""
        self.ctl("stop_app")

    def start_broker(self) -> None:
        self.ctl("start_app")

    def remove(self) -> None:
        # With the pid file, ``stop`` returns once the node's process has exited.
        self.ctl("stop", str(self.dir / "pid"), check=False)
        shutil.rmtree(self.dir, ignore_errors=True)
