"""CPU accounting from /proc: who used the cores during each phase."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from typing import Any

from .common import PREFIX, log

# --------------------------------------------------------------------------------------------
# CPU accounting from /proc: who used the two cores during each phase


CLK_TCK = os.sysconf("SC_CLK_TCK")


@dataclass
class CpuSnapshot:
    at: float
    per_pid: dict[int, tuple[str, float]]  # pid -> (comm, cpu seconds)
    total: float  # all cores, seconds (from /proc/stat)
    idle: float


def cpu_snapshot() -> CpuSnapshot:
    per_pid: dict[int, tuple[str, float]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat") as f:
                raw = f.read()
        except OSError:
            continue
        head, _, rest = raw.rpartition(")")
        comm = head.partition("(")[2]
        fields = rest.split()
        # fields[0] is state (field 3); utime, stime are fields 14, 15
        per_pid[int(entry.name)] = (comm, (int(fields[11]) + int(fields[12])) / CLK_TCK)
    with open("/proc/stat") as f:
        values = [int(v) for v in f.readline().split()[1:]]
    total = sum(values[:8]) / CLK_TCK
    idle = (values[3] + values[4]) / CLK_TCK
    return CpuSnapshot(time.time(), per_pid, total, idle)


def _cmdline(pid: int) -> list[str]:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return [a.decode(errors="replace") for a in f.read().split(b"\0") if a]
    except OSError:
        return []


def _group(pid: int, comm: str, labels: dict[int, str]) -> str:
    """Who a process is: ours by name, PostgreSQL by database, anything else as other:<name>."""
    if pid in labels:
        return labels[pid]
    if comm == "postgres":
        # A backend's title is "postgres: 15/main: <user> <database> <client> <state>".
        title = " ".join(_cmdline(pid)).split(": ")
        if len(title) >= 3:
            words = title[2].split()
            if len(words) >= 2 and words[1].startswith(f"{PREFIX}_"):
                return f"pg:{words[1][len(PREFIX) + 1 :]}"
            if len(words) >= 4 and words[1] == "postgres":
                return "pg:(postgres db)"
            if len(words) >= 4:
                return f"other:pg:{words[1]}"
        return "pg:server"
    if comm.startswith(("beam", "erl", "epmd", "inet_gethost")):
        return "rabbitmq"
    args = _cmdline(pid)
    if not args:
        return "kernel"  # kernel threads (I/O writeback and the like)
    if os.path.basename(args[0]).startswith("python") and len(args) > 1:
        name = args[2] if args[1] == "-m" and len(args) > 2 else os.path.basename(args[1])
        return f"other:{name}"
    return f"other:{comm}"


def cpu_usage(before: CpuSnapshot, after: CpuSnapshot, labels: dict[int, str]) -> dict[str, Any]:
    """Cores used per process group between two snapshots (1.0 = one core busy).

    Processes that ran and exited between the snapshots are not seen (short-lived
    connections, for instance), so the groups may add up to a little less than the machine.
    """
    wall = max(after.at - before.at, 1e-6)
    groups: dict[str, float] = {}
    for pid, (comm, cpu) in after.per_pid.items():
        prev = before.per_pid.get(pid)
        used = cpu - prev[1] if prev is not None and prev[0] == comm else cpu  # else: new process
        if used <= 0:
            continue
        group = _group(pid, comm, labels)
        groups[group] = groups.get(group, 0.0) + used
    busy = (after.total - before.total) - (after.idle - before.idle)
    cores = (after.total - before.total) / wall
    others = sum(v for k, v in groups.items() if k.startswith("other:"))
    postgres = sum(v for k, v in groups.items() if k.startswith("pg:"))
    unseen = max(0.0, busy - sum(groups.values()))
    ours = sum(v for k, v in groups.items() if not k.startswith("other:"))
    return {
        "wall_seconds": round(wall, 2),
        "cores_used": {
            k: round(v / wall, 3) for k, v in sorted(groups.items(), key=lambda kv: -kv[1])
        },
        "postgres_cores": round(postgres / wall, 3),
        "other_cores": round(others / wall, 3),
        # The bench's processes, PostgreSQL, RabbitMQ and the kernel: the system's own cost.
        "system_cores": round(ours / wall, 3),
        # Busy time of processes that started and ended between the two snapshots.
        "short_lived_cores": round(unseen / wall, 3),
        "machine_busy_cores": round(busy / wall, 3),
        "machine_cores": round(cores, 2),
    }


def wait_for_quiet(limit: float, timeout: float) -> dict[str, Any]:
    """Wait (up to ``timeout``) until the machine is nearly idle; returns the last reading."""
    deadline = time.monotonic() + timeout
    while True:
        before = cpu_snapshot()
        time.sleep(2.0)
        usage = cpu_usage(before, cpu_snapshot(), {os.getpid(): "loadgen (this process)"})
        if usage["machine_busy_cores"] <= limit or time.monotonic() > deadline:
            return usage
        log(
            f"machine busy ({usage['machine_busy_cores']:.2f} cores: "
            + ", ".join(f"{k} {v:.2f}" for k, v in list(usage["cores_used"].items())[:3])
            + "); waiting for it to quieten"
        )


def end_to_end(started: float, acks: list[float], usage: dict[str, Any]) -> dict[str, Any]:
    """From reports that all went the whole way between ``started`` and their last e-mail (at
    ``acks``, wall clock), with ``usage`` the CPU over the same span: the acknowledgements per
    second end to end, and the CPU per report of each process (ms)."""
    if not acks:
        return {}
    span = max(acks) - started
    scale = usage["wall_seconds"] * 1000 / len(acks)
    return {
        "end_to_end_acks_per_second": round(len(acks) / span, 1) if span > 0 else None,
        "end_to_end_seconds": round(span, 1),
        "cpu_ms_per_report": {
            "system": round(usage["system_cores"] * scale, 1),
            "machine_busy": round(usage["machine_busy_cores"] * scale, 1),
            **{k: round(v * scale, 2) for k, v in usage["cores_used"].items()},
        },
    }
