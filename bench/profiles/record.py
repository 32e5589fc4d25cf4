"""Record py-spy profiles of every API and worker of a running system at once.

    # in one shell: the journey, long enough to profile its drain
    uv run python -m bench.journey --skip-ceiling --skip-composed --duration 30 --rate 20
    # in another, once the load has started:
    uv run python -m bench.profiles.record --seconds 30
    uv run python -m bench.profiles.summarise bench/results/profiles/*.raw

Finds the processes started from this checkout (``python -m <service> api|worker``), runs
``py-spy record`` (through ``uvx``; it needs root, or ptrace rights) on each of them at the same
time, and writes ``<service>-<role>-<pid>.raw`` into ``--out``. Each py-spy samples its process
from outside, 100 times a second, without stopping it (``--nonblocking``); together they cost a
few percent of a core, so read the shares, not the times.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ("intake", "casework", "engagement", "notifications", "partner_gateway")


def processes(python: str) -> list[tuple[int, str]]:
    """(pid, "<service>-<role>") of the APIs and workers run by ``python``."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            args = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        words = [a.decode(errors="replace") for a in args if a]
        if len(words) >= 4 and words[0] == python and words[1] == "-m":
            service, role = words[2], words[3]
            if service in SERVICES and role in ("api", "worker"):
                found.append((int(proc.name), f"{service}-{role}"))
    return sorted(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--rate", type=int, default=100)
    parser.add_argument("--out", type=Path, default=ROOT / "bench/results/profiles")
    parser.add_argument(
        "--python", default=sys.executable, help="the interpreter the system runs on"
    )
    args = parser.parse_args()
    found = processes(args.python)
    if not found:
        sys.exit(f"no API or worker of {args.python} is running")
    args.out.mkdir(parents=True, exist_ok=True)
    recorders = []
    for pid, name in found:
        raw = args.out / f"{name}-{pid}.raw"
        command = ["uvx", "py-spy", "record", "--nonblocking", "-d", str(args.seconds)]
        command += ["-r", str(args.rate), "-f", "raw", "-o", str(raw), "-p", str(pid)]
        recorders.append(
            (raw, subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE))
        )
    for raw, recorder in recorders:
        _, errors = recorder.communicate()
        print(raw if recorder.returncode == 0 else f"{raw}: failed: {errors.decode()[-300:]}")


if __name__ == "__main__":
    main()
