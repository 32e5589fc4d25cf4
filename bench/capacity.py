"""The capacity model of docs/CAPACITY.md: measured per-report figures in, cores, pods, memory
and database size out, for one landlord, a hundred, and every social landlord in England.

    uv run python bench/capacity.py                                  # the figures below
    uv run python bench/capacity.py --journey bench/results/journey-<time>.json \\
        --footprint bench/results/footprint-<time>.json              # a run's own figures

``--journey`` takes CPU per report per process from a ``bench.journey`` result (its drain
phase); ``--footprint`` takes bytes per report, bus messages and memory per process from a
``bench.footprint`` result. Whatever is not given comes from FIGURES below, each with its source.
Prints Markdown, so the output can be pasted into docs/CAPACITY.md as it is.
"""

from __future__ import annotations

import argparse
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# --- inputs ----------------------------------------------------------------------------------

# CPU per report, ms, by process: bench/README.md "Figures so far" (code 6d6b95c, 2 cores).
# "other" is the rest of the 71 ms that the table spreads over the other processes.
CPU_MS = {
    "intake-api": 6.0,
    "intake-worker": 8.0,
    "casework-worker": 18.0,
    "notifications-worker": 12.0,
    "rabbitmq": 6.0,
    "postgresql": 10.0,
    "other": 11.0,
}


@dataclass
class Figures:
    cpu_ms: dict[str, float] = field(default_factory=lambda: dict(CPU_MS))
    cpu_source: str = "bench/README.md, code 6d6b95c"
    # Casework's database per case, indexes included. Two measures: 30,000 seeded cases
    # (python -m casework.seeding --years 10 --per-year 3000 --seed 11: 142,057,472 bytes of
    # tables and indexes, 4,735 a case, 1.6 reports and 1.24 timeline entries a case) and the
    # real journey (bench/footprint.py: each report opens its own case, 9,257 bytes beside the
    # outbox and inbox). The model takes the larger: a worked case has more than either.
    casework_bytes_per_case: float = 9_257.0
    reports_per_case: float = 1.6
    # Growth per report beside the outbox and inbox (pruned after their retention), deliveries
    # per report and resident memory per process after the load: bench/footprint.py, 300
    # reports at 10/s (code 91e2608).
    bytes_per_report: dict[str, float] = field(
        default_factory=lambda: {
            "intake": 1_830.0,
            "notifications": 3_823.0,
            "partner-gateway": 792.0,
        }
    )
    rss_mib: dict[str, float] = field(
        default_factory=lambda: {
            "intake-api": 104.2,
            "intake-worker": 104.5,
            "casework-api": 107.6,
            "casework-worker": 122.7,
            "engagement-api": 108.7,
            "engagement-worker": 109.4,
            "notifications-api": 127.4,
            "notifications-worker": 130.4,
            "partner-gateway-api": 108.3,
            "partner-gateway-worker": 111.7,
        }
    )
    footprint_source: str = "bench/footprint.py --reports 300 --rate 10, code 91e2608"
    deliveries_per_report: float = 5.0


ROLES = ("intake-api", "intake-worker", "casework-worker", "notifications-worker")

# --- assumptions (arguments) -----------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="bench/capacity.py", description=__doc__)
    p.add_argument("--journey", type=Path, help="a bench/results/journey-*.json")
    p.add_argument("--footprint", type=Path, help="a bench/results/footprint-*.json")
    p.add_argument("--cases-per-year", type=float, default=3000, help="per landlord")
    p.add_argument("--years-kept", type=float, default=10, help="records kept online")
    p.add_argument(
        "--burst",
        type=float,
        default=300,
        help="reports one landlord gets in a burst (a public event)",
    )
    p.add_argument("--burst-minutes", type=float, default=5)
    p.add_argument(
        "--bursting-share",
        type=float,
        default=0.10,
        help="share of landlords bursting at once (a national event)",
    )
    p.add_argument("--utilisation", type=float, default=0.7, help="target CPU use of a pod")
    p.add_argument("--landlords", type=int, nargs="+", default=[1, 100, 1600])
    return p.parse_args(argv)


# --- reading measured figures ----------------------------------------------------------------


def from_journey(figures: Figures, path: Path) -> None:
    data: dict[str, Any] = json.loads(path.read_text())
    measured: dict[str, float] = data["drain"]["cpu_ms_per_report"]
    cpu = {k: float(v) for k, v in measured.items() if k.endswith(("-api", "-worker"))}
    cpu["rabbitmq"] = float(measured.get("rabbitmq", 0.0))
    cpu["postgresql"] = sum(float(v) for k, v in measured.items() if k.startswith("pg:"))
    cpu["other"] = max(0.0, float(measured.get("system", 0.0)) - sum(cpu.values()))
    for role in ROLES:
        cpu.setdefault(role, 0.0)
    figures.cpu_ms = cpu
    figures.cpu_source = f"{path.name}, code {data['code']['commit'][:7]}"


def from_footprint(figures: Figures, path: Path) -> None:
    data: dict[str, Any] = json.loads(path.read_text())
    services: dict[str, dict[str, float]] = data["services"]
    kept = {
        s: float(f["bytes_per_report"] - f["messaging_bytes_per_report"])
        for s, f in services.items()
    }
    # Each report of the run opens its own case.
    figures.casework_bytes_per_case = max(figures.casework_bytes_per_case, kept.pop("casework"))
    figures.bytes_per_report = {s: b for s, b in kept.items() if b > 0}
    figures.deliveries_per_report = sum(
        float(f["deliveries_consumed_per_report"]) for f in services.values()
    )
    figures.rss_mib = {
        k: float(v) for k, v in data["rss_mib"].items() if k.endswith(("-api", "-worker"))
    }
    figures.footprint_source = f"{path.name}, code {data['code']['commit'][:7]}"


# --- the model -------------------------------------------------------------------------------


@dataclass
class Scale:
    landlords: int
    reports_per_year: float
    peak_per_second: float
    pods: dict[str, int]
    python_cores: float
    rabbitmq_cores: float
    postgresql_cores: float
    memory_gib: float
    database_gib: float
    messages_per_second: float


def scale(f: Figures, a: argparse.Namespace, landlords: int) -> Scale:
    reports_per_year = landlords * a.cases_per_year * f.reports_per_case
    bursting = max(1, math.ceil(landlords * a.bursting_share))
    burst_rate = a.burst / (a.burst_minutes * 60)
    # The busiest hour of an ordinary day: a tenth of the day's reports.
    busy_hour = reports_per_year / 365 * 0.10 / 3600
    peak = bursting * burst_rate + busy_hour
    pods = {
        role: max(1, math.ceil(peak * f.cpu_ms.get(role, 0.0) / 1000 / a.utilisation))
        for role in ROLES
    }
    python_ms = sum(v for k, v in f.cpu_ms.items() if k not in ("rabbitmq", "postgresql"))
    python_cores = peak * python_ms / 1000
    rabbitmq_cores = peak * f.cpu_ms.get("rabbitmq", 0.0) / 1000
    postgresql_cores = peak * f.cpu_ms.get("postgresql", 0.0) / 1000
    # Every API and worker of the five services runs at least one pod.
    all_pods = sum(pods.values()) + (10 - len(ROLES))
    rss = (sum(f.rss_mib.values()) / len(f.rss_mib)) if f.rss_mib else 256.0
    memory_gib = all_pods * rss / 1024
    cases = landlords * a.cases_per_year * a.years_kept
    reports = cases * f.reports_per_case
    database = cases * f.casework_bytes_per_case + reports * sum(f.bytes_per_report.values())
    return Scale(
        landlords=landlords,
        reports_per_year=reports_per_year,
        peak_per_second=peak,
        pods=pods,
        python_cores=python_cores,
        rabbitmq_cores=rabbitmq_cores,
        postgresql_cores=postgresql_cores,
        memory_gib=memory_gib,
        database_gib=database / 2**30,
        messages_per_second=peak * f.deliveries_per_report,
    )


def render(f: Figures, a: argparse.Namespace) -> str:
    lines = [
        f"<!-- figures: CPU from {f.cpu_source}; footprint from {f.footprint_source}; "
        "casework per case: the larger of casework.seeding's and the footprint's -->",
        "",
        "**Inputs**",
        "",
        "| input | value |",
        "|---|---|",
    ]
    for name, ms in f.cpu_ms.items():
        lines.append(f"| CPU per report, {name} | {ms:g} ms |")
    lines.append(f"| CPU per report, whole journey | {sum(f.cpu_ms.values()):g} ms |")
    lines.append(f"| casework database per case | {f.casework_bytes_per_case:,.0f} B |")
    for s, b in f.bytes_per_report.items():
        lines.append(f"| {s} database per report (outbox and inbox excluded) | {b:,.0f} B |")
    lines.append(f"| reports per case | {f.reports_per_case:g} |")
    lines.append(f"| bus deliveries per report | {f.deliveries_per_report:g} |")
    if f.rss_mib:
        lines.append(
            f"| resident memory per API or worker process | {min(f.rss_mib.values()):.0f}"
            f"-{max(f.rss_mib.values()):.0f} MiB |"
        )
    lines += [
        f"| cases per landlord per year | {a.cases_per_year:,.0f} |",
        f"| years of records kept online | {a.years_kept:g} |",
        f"| a burst | {a.burst:g} reports in {a.burst_minutes:g} minutes "
        f"({a.burst / (a.burst_minutes * 60):.2f}/s) |",
        f"| landlords bursting at once | {a.bursting_share:.0%} (at least one) |",
        f"| target CPU use of a pod | {a.utilisation:.0%} |",
        "",
        "**Derived, at the peak burst**",
        "",
        "| | " + " | ".join(f"{n:,} landlord{'s' if n > 1 else ''}" for n in a.landlords) + " |",
        "|---|" + "---|" * len(a.landlords),
    ]
    rows = [scale(f, a, n) for n in a.landlords]

    def row(label: str, cells: list[str]) -> None:
        lines.append(f"| {label} | " + " | ".join(cells) + " |")

    row("reports a year", [f"{r.reports_per_year:,.0f}" for r in rows])
    row("peak reports/s", [f"{r.peak_per_second:,.1f}" for r in rows])
    for role in ROLES:
        row(f"{role} pods", [str(r.pods[role]) for r in rows])
    row("cores used, services' processes", [f"{r.python_cores:,.2f}" for r in rows])
    row("cores used, RabbitMQ", [f"{r.rabbitmq_cores:,.2f}" for r in rows])
    row("cores used, PostgreSQL", [f"{r.postgresql_cores:,.2f}" for r in rows])
    row(
        f"cores to provision (used / {a.utilisation:.0%})",
        [
            f"{(r.python_cores + r.rabbitmq_cores + r.postgresql_cores) / a.utilisation:,.1f}"
            for r in rows
        ],
    )
    row("memory of the API and worker pods", [f"{r.memory_gib:,.1f} GiB" for r in rows])
    row("bus deliveries/s", [f"{r.messages_per_second:,.0f}" for r in rows])
    row(f"databases after {a.years_kept:g} years", [f"{r.database_gib:,.1f} GiB" for r in rows])
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    figures = Figures()
    if args.journey:
        from_journey(figures, args.journey)
    if args.footprint:
        from_footprint(figures, args.footprint)
    print(render(figures, args))


if __name__ == "__main__":
    main()
