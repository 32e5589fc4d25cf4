"""Printing the figures as they come and the summary at the end."""

from __future__ import annotations

from typing import Any

from .common import QUEUES, fmt_ms, summary_ms
from .load import ClosedLoopResult


def print_cpu(title: str, usage: dict[str, Any]) -> None:
    parts = [
        f"{k} {v:.2f}"
        for k, v in usage["cores_used"].items()
        if v >= 0.01 and not k.startswith("other:")
    ]
    others = [f"{k[6:]} {v:.2f}" for k, v in usage["cores_used"].items() if k.startswith("other:")]
    print(
        f"    CPU during {title}, cores (machine busy {usage['machine_busy_cores']:.2f} of "
        f"{usage['machine_cores']:.0f}; PostgreSQL {usage['postgres_cores']:.2f} in all): "
        + ", ".join(parts),
        flush=True,
    )
    if usage["short_lived_cores"] >= 0.1:
        print(
            f"    NOTE: {usage['short_lived_cores']:.2f} cores used by processes that came and "
            "went during the window (not attributable)",
            flush=True,
        )
    if usage["other_cores"] >= 0.05:
        print(
            f"    WARNING: {usage['other_cores']:.2f} cores used by processes outside the bench: "
            + ", ".join(others[:4]),
            flush=True,
        )


def format_cpu_per_report(per: dict[str, float] | None) -> str:
    """ "71 ms used by the system's processes (80 ms of all machine time): casework-worker 18..."."""
    if not per:
        return "-"
    return (
        f"{per['system']:.1f} ms used by the system's processes ({per['machine_busy']:.1f} ms of "
        "all machine time): "
        + ", ".join(
            f"{k} {v:.1f}"
            for k, v in per.items()
            if k not in ("system", "machine_busy") and v >= 0.3 and not k.startswith("other:")
        )
    )


def print_peaks(title: str, peaks: dict[str, Any]) -> None:
    if not peaks:
        return
    queues = ", ".join(f"{q} {peaks[f'queue_{q}']}" for q in QUEUES if peaks.get(f"queue_{q}"))
    print(
        f"    peaks during {title}: PG connections to the bench databases "
        f"{peaks['pg_connections_bench']} (3 of them the bench's own) "
        f"(server-wide {peaks['pg_connections_all']} of {peaks['pg_max_connections']}), "
        f"active {peaks['pg_active']}, idle in transaction {peaks['pg_idle_in_transaction']}, "
        f"waiting on locks {peaks['pg_lock_waits']}; outbox pending intake "
        f"{peaks['outbox_pending_intake']} casework {peaks['outbox_pending_casework']} "
        f"notifications {peaks['outbox_pending_notifications']}; messages waiting "
        f"{peaks['messages_queued']}; queue depth {queues or 'all 0'}"
        + (f"; {peaks['failed_samples']} sample(s) failed" if peaks["failed_samples"] else ""),
        flush=True,
    )
    waits = peaks.get("pg_active_backend_samples_by_wait") or {}
    if waits:
        total = sum(waits.values())
        print(
            "    active PostgreSQL backends were: "
            + ", ".join(f"{k} {100 * v / total:.0f}%" for k, v in list(waits.items())[:5]),
            flush=True,
        )


# --------------------------------------------------------------------------------------------


# --------------------------------------------------------------------------------------------
# Printing


def print_closed(name: str, res: ClosedLoopResult) -> None:
    r = summary_ms(res.latencies)
    print(
        f"    {name}: {res.rate:.0f} accepted/s ({res.ok_in_window} in {res.duration:g}s; "
        f"rejected {res.other_in_window}, errors {res.errors_in_window}); response p50 "
        f"{fmt_ms(r['p50'])} ms p99 {fmt_ms(r['p99'])} ms",
        flush=True,
    )
    if res.first_error:
        print(f"    first error: {res.first_error}", flush=True)
    if res.cpu:
        print_cpu({"ceiling": "(a)", "composed": "(a')"}.get(name, "(b)"), res.cpu)
    if res.new_pg_connections:
        print(f"    new PostgreSQL connections opened in the window: {res.new_pg_connections}")


def print_latency(lat: dict[str, Any]) -> None:
    ack = lat["ack_latency_ms"]
    print(
        f"    sent {lat['sent']} at {lat['achieved_send_rate']}/s (send lag p99 "
        f"{fmt_ms(lat['send_lag_ms']['p99'])} ms), accepted {lat['accepted']}, errors "
        f"{lat['errors'] or 'none'}; POST p50 {fmt_ms(lat['post_response_ms']['p50'])} ms p99 "
        f"{fmt_ms(lat['post_response_ms']['p99'])} ms",
        flush=True,
    )
    print(
        f"    shed (503) {lat['shed']}; acknowledged {lat['acknowledged']}/{lat['accepted']} "
        "(duplicates "
        f"{lat['acknowledged_more_than_once']}); ack latency p50 {fmt_ms(ack['p50'])} ms p95 "
        f"{fmt_ms(ack['p95'])} ms p99 {fmt_ms(ack['p99'])} ms max {fmt_ms(ack['max'])} ms",
        flush=True,
    )
    if (lat["send_lag_ms"]["p99"] or 0) > 50:
        sched = lat["ack_latency_from_schedule_ms"]
        print(
            f"    the sender fell behind its schedule; from when each POST was due: p50 "
            f"{fmt_ms(sched['p50'])} ms p99 {fmt_ms(sched['p99'])} ms",
            flush=True,
        )
    for kind, after in lat["errors_came_after_ms"].items():
        print(
            f"    {lat['errors'][kind]} x {kind}, answered {fmt_ms(after['p50'])} ms (p50) after "
            f"sending, {fmt_ms(after['max'])} ms at most",
            flush=True,
        )
    if lat["first_errors"]:
        print(f"    first errors: {lat['first_errors']}", flush=True)
    print("    where the time went (ms):", flush=True)
    for label, s in lat["stages_ms"].items():
        print(
            f"      {label:<52} p50 {fmt_ms(s['p50']):>6}  p95 {fmt_ms(s['p95']):>6}  "
            f"max {fmt_ms(s['max']):>6}  (n={s['n']})",
            flush=True,
        )


def print_summary(results: dict[str, Any]) -> None:
    cfg = results["config"]
    print("\n" + "=" * 100)
    code = results.get("code") or {}
    dirty = len(code.get("uncommitted_changes") or [])
    processes = ", ".join(f"{k}={v}" for k, v in (cfg.get("processes") or {}).items())
    print(
        f"Journey benchmark, {cfg['cpu_count']} CPUs, {cfg['concurrency']} clients closed loop; "
        f"code {str(code.get('commit', '?'))[:10]}"
        + (f" + {dirty} uncommitted file(s)" if dirty else "")
        + f"; processes: {processes or 'one of each'}"
    )
    c, i, lat = results.get("ceiling"), results.get("intake"), results.get("latency")
    k, d = results.get("composed"), results.get("drain")
    if c:
        print(f"  (a)  ceiling, row + outbox row:        {c['accepted_per_second']:>6.0f} req/s")
    if k:
        print(
            f"  (a') composed ceiling, whole journey:  {k['accepted_per_second']:>6.0f} req/s at "
            f"its API, {k.get('end_to_end_acks_per_second') or 0:>5.0f} e-mails/s end to end "
            f"({k['acknowledged']}/{k['reports']} acknowledged)"
        )
    if i:
        ratios = []
        if "ratio_to_ceiling" in i:
            ratios.append(f"{i['ratio_to_ceiling']:.2f} of (a)")
        if "ratio_to_composed_api" in i:
            ratios.append(f"{i['ratio_to_composed_api']:.2f} of (a')'s API")
        print(
            f"  (b)  intake POST /v1/reports:          {i['accepted_per_second']:>6.0f} req/s"
            + (f"   ({', '.join(ratios)})" if ratios else "")
        )
    if d and d.get("end_to_end_acks_per_second"):
        ratio = f"   ({d['ratio_to_composed']:.2f} of (a'))" if "ratio_to_composed" in d else ""
        print(
            f"  (b)  journey sustained, end to end:    {d['end_to_end_acks_per_second']:>6.0f} "
            f"e-mails/s{ratio}; {d['acknowledged']}/{d['reports']} acknowledged"
        )
    for label, block in (("journey", d), ("composed", k)):
        per = (block or {}).get("cpu_ms_per_report")
        if per:
            print(
                f"  CPU per report, {label + ':':<9} {per['system']:>5.1f} ms (at most "
                f"~{1000 * (cfg['cpu_count'] or 1) / per['system']:.0f} reports/s on these cores)"
            )
            print(f"      {format_cpu_per_report(per).split(': ', 1)[1]}")
    if d and "cpu_ratio_to_composed" in d:
        print(f"  journey CPU per report / composed's:   {d['cpu_ratio_to_composed']:.1f}x")
    if lat:
        a = lat["ack_latency_ms"]
        duration = cfg.get("latency_duration_seconds") or cfg["duration_seconds"]
        others = sum(lat["errors"].values()) - lat["shed"]
        met = (
            lat["shed"] == 0
            and others == 0
            and lat["acknowledged"] == lat["sent"]
            and a["p99"] is not None
            and a["p99"] <= 250
        )
        print(
            f"  (c)  ack latency @{cfg['rate']:g}/s for {duration:g}s: p50 {fmt_ms(a['p50'])} ms  "
            f"p95 {fmt_ms(a['p95'])} ms  p99 {fmt_ms(a['p99'])} ms  max {fmt_ms(a['max'])} ms"
        )
        print(
            f"       sent {lat['sent']}, shed {lat['shed']} (503), other POST errors {others}, "
            f"acknowledged {lat['acknowledged']}, duplicates "
            f"{lat['acknowledged_more_than_once']}; p99 <= 250 ms with nothing shed: "
            + ("met" if met else "NOT met")
        )
    disturbed = []
    for phase, usage in (
        ("(a)", (c or {}).get("cpu")),
        ("(a')", (k or {}).get("cpu")),
        ("(b)", (i or {}).get("cpu")),
        ("drain", (d or {}).get("cpu")),
        ("(c)", (lat or {}).get("cpu_while_sending")),
    ):
        if usage:
            foreign = usage.get("other_cores", 0) + usage.get("short_lived_cores", 0)
            if foreign >= 0.15:
                disturbed.append(f"{phase} {foreign:.2f}")
    if disturbed:
        print(
            "  WARNING: processes outside the bench, or short-lived ones, used CPU (cores) during "
            + ", ".join(disturbed)
            + "; these figures are disturbed"
        )
    if results.get("interrupted"):
        print("  (interrupted: figures are partial)")
    if results.get("error"):
        print(f"  (failed: {results['error'][:300]})")
    print("=" * 100, flush=True)
