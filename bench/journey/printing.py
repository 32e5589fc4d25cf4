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
        print_cpu(f"({'a' if name == 'ceiling' else 'b'})", res.cpu)
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
        f"    acknowledged {lat['acknowledged']}/{lat['accepted']} (duplicates "
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
    print(
        f"Journey benchmark, {cfg['cpu_count']} CPUs, {cfg['concurrency']} clients closed loop; "
        f"code {str(code.get('commit', '?'))[:10]}"
        + (f" + {dirty} uncommitted file(s)" if dirty else "")
    )
    c, i, lat = results.get("ceiling"), results.get("intake"), results.get("latency")
    if c:
        print(f"  ceiling (row + outbox row):   {c['accepted_per_second']:>7.0f} req/s")
    if i:
        ratio = f"   ratio {i['ratio_to_ceiling']:.2f}" if "ratio_to_ceiling" in i else ""
        print(f"  intake POST /v1/reports:      {i['accepted_per_second']:>7.0f} req/s{ratio}")
    d = results.get("drain")
    if d and d.get("cpu_ms_per_report"):
        per = d["cpu_ms_per_report"]["system"]
        print(
            f"  CPU per report, whole journey: {per:>5.0f} ms"
            f"        (so at most ~{1000 * (cfg['cpu_count'] or 1) / per:.0f}"
            " reports/s on these cores)"
        )
    if d and d.get("acks_per_second_while_draining"):
        print(
            f"  acks out while draining (b):  {d['acks_per_second_while_draining']:>7.0f} /s"
            f"      ({d['acknowledged']}/{d['reports']} acknowledged, last "
            f"{d['seconds_after_load_ended']}s after (b) ended)"
        )
    if lat:
        a = lat["ack_latency_ms"]
        print(
            f"  ack latency @{cfg['rate']:g}/s for {cfg['duration_seconds']:g}s:   "
            f"p50 {fmt_ms(a['p50'])} ms  p95 {fmt_ms(a['p95'])} ms  p99 {fmt_ms(a['p99'])} ms  "
            f"max {fmt_ms(a['max'])} ms  ({lat['acknowledged']}/{lat['sent']} acknowledged"
            + (f", {sum(lat['errors'].values())} POST errors" if lat["errors"] else "")
            + ")"
        )
    disturbed = []
    for phase, usage in (
        ("(a)", (c or {}).get("cpu")),
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
