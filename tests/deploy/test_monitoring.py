"""deploy/monitoring: the alert rules pass promtool's check and its unit tests, each alert has
its tests and its runbook section, the dashboards are well formed, and every query of either
names metrics the services export; the k8s overlays carry the same rules and scrape every
process.

promtool is Debian's (the prometheus package; ./dev installs it when missing).
"""

from __future__ import annotations

import functools
import importlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from prometheus_client import REGISTRY

ROOT = Path(__file__).resolve().parents[2]
K8S = ROOT / "deploy" / "k8s"
OVERLAYS = sorted(
    p.name for p in (K8S / "overlays").iterdir() if (p / "kustomization.yaml").exists()
)
MONITORING = ROOT / "deploy" / "monitoring"
RULES = MONITORING / "alerts.yaml"
RULE_TESTS = MONITORING / "alerts.test.yaml"
DASHBOARDS = MONITORING / "dashboards"
RUNBOOK = ROOT / "docs" / "RUNBOOK.md"
SERVICES = {
    "intake": "intake",
    "casework": "casework",
    "engagement": "engagement",
    "notifications": "notifications",
    "partner-gateway": "partner_gateway",
}

_METRIC = re.compile(r"\b(asb_[a-z0-9_]+)\b")
_SERVICE_LABEL = re.compile(r'service="([^"]+)"')


@functools.cache
def build(overlay: str) -> tuple[dict[str, Any], ...]:
    kubectl = Path(sys.executable).parent / "kubectl"
    built = subprocess.run(
        [str(kubectl), "kustomize", str(K8S / "overlays" / overlay)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    return tuple(o for o in yaml.safe_load_all(built.stdout) if o)


def promtool(*args: str) -> subprocess.CompletedProcess[str]:
    tool = shutil.which("promtool")
    if tool is None:
        pytest.fail("promtool is not installed: run ./dev test (it installs Debian's prometheus)")
    return subprocess.run(
        [tool, *args], cwd=MONITORING, capture_output=True, text=True, check=False, timeout=60
    )


def alerts() -> list[dict[str, Any]]:
    groups = yaml.safe_load(RULES.read_text())["groups"]
    return [rule for group in groups for rule in group["rules"] if "alert" in rule]


@functools.cache
def exported() -> frozenset[str]:
    """Every metric name the services' processes can export (as samples are named)."""
    for package in SERVICES.values():
        importlib.import_module(f"{package}.main")
    names: set[str] = set()
    for family in REGISTRY.collect():
        kind = family.type
        base = family.name
        names.add(base)
        if kind == "counter":
            names.update({f"{base}_total", f"{base}_created"})
        elif kind == "histogram":
            names.update({f"{base}_bucket", f"{base}_sum", f"{base}_count", f"{base}_created"})
    return frozenset(n for n in names if n.startswith("asb_"))


def unknown_metrics(expr: str) -> set[str]:
    return set(_METRIC.findall(expr)) - exported()


def test_the_rules_pass_promtools_check() -> None:
    checked = promtool("check", "rules", RULES.name)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "SUCCESS" in checked.stdout


def test_every_alert_passes_its_unit_tests() -> None:
    tested = promtool("test", "rules", RULE_TESTS.name)
    assert tested.returncode == 0, tested.stdout + tested.stderr
    assert "SUCCESS" in tested.stdout


def test_every_alert_has_unit_tests_that_see_it_fire_and_stay_quiet() -> None:
    suite = yaml.safe_load(RULE_TESTS.read_text())
    fired: set[str] = set()
    quiet: set[str] = set()
    for test in suite["tests"]:
        for case in test.get("alert_rule_test", []):
            (fired if case["exp_alerts"] else quiet).add(case["alertname"])
    names = {rule["alert"] for rule in alerts()}
    assert names - fired == set(), "alerts never seen firing"
    assert names - quiet == set(), "alerts never seen staying quiet"


def test_every_alert_names_its_runbook_section() -> None:
    runbook = RUNBOOK.read_text()
    anchors = {
        re.sub(r"[^a-z0-9 -]", "", heading.lower()).replace(" ", "-")
        for heading in re.findall(r"^#+ (.+)$", runbook, flags=re.MULTILINE)
    }
    for rule in alerts():
        url = rule["annotations"]["runbook_url"]
        path, _, anchor = url.partition("#")
        assert path == "docs/RUNBOOK.md" and anchor in anchors, rule["alert"]
        assert {"summary", "description"} <= set(rule["annotations"]), rule["alert"]
        assert rule["labels"]["severity"] in {"warning", "critical"}, rule["alert"]


def test_the_rules_name_only_metrics_the_services_export() -> None:
    for rule in alerts():
        assert unknown_metrics(rule["expr"]) == set(), rule["alert"]


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_each_service_has_a_dashboard_whose_queries_name_its_metrics(service: str) -> None:
    dashboard = json.loads((DASHBOARDS / f"{service}.json").read_text())
    assert dashboard["uid"] == f"asb-{service}"
    assert dashboard["title"] and dashboard["schemaVersion"] >= 36
    [variable] = dashboard["templating"]["list"]
    assert (variable["name"], variable["type"], variable["query"]) == (
        "datasource",
        "datasource",
        "prometheus",
    )
    panels = dashboard["panels"]
    assert panels
    assert len({p["id"] for p in panels}) == len(panels), "panel ids repeat"
    placed = set()
    for panel in panels:
        where = panel["title"]
        assert panel["type"] in {"timeseries", "stat", "gauge", "table"}, where
        assert panel["datasource"] == {"type": "prometheus", "uid": "${datasource}"}, where
        grid = panel["gridPos"]
        assert set(grid) == {"h", "w", "x", "y"} and grid["x"] + grid["w"] <= 24, where
        assert (grid["x"], grid["y"]) not in placed, f"{where}: overlaps another panel"
        placed.add((grid["x"], grid["y"]))
        assert panel["targets"], where
        assert len({t["refId"] for t in panel["targets"]}) == len(panel["targets"]), where
        for target in panel["targets"]:
            expr = target["expr"]
            assert _METRIC.search(expr), f"{where}: names no metric of ours"
            assert unknown_metrics(expr) == set(), where
            assert set(_SERVICE_LABEL.findall(expr)) <= {service}, where


def test_no_dashboard_for_something_that_is_not_a_service() -> None:
    assert {p.stem for p in DASHBOARDS.glob("*.json")} == set(SERVICES)


def test_a_misspelt_metric_is_caught() -> None:
    assert unknown_metrics("max(asb_outbox_pendng)") == {"asb_outbox_pendng"}
    assert unknown_metrics("rate(asb_messages_consumed_total[5m])") == set()


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_the_overlays_carry_the_rules_and_scrape_every_process(overlay: str) -> None:
    objects = build(overlay)
    [rule] = [o for o in objects if o["kind"] == "PrometheusRule"]
    assert rule["spec"] == yaml.safe_load(RULES.read_text())
    [monitor] = [o for o in objects if o["kind"] == "ServiceMonitor"]
    ports = {e["port"] for e in monitor["spec"]["endpoints"]}
    assert all(e["path"] == "/metrics" and e["honorLabels"] for e in monitor["spec"]["endpoints"])
    wanted = set(monitor["spec"]["selector"]["matchExpressions"][0]["values"])
    for service in SERVICES:
        for component in ("api", "worker"):
            assert component in wanted
            [svc] = [
                o
                for o in objects
                if o["kind"] == "Service" and o["metadata"]["name"] == f"{service}-{component}"
            ]
            named = {p["name"] for p in svc["spec"]["ports"]}
            assert named & ports, f"{service}-{component}: no port the ServiceMonitor scrapes"
