"""Checkov's Kubernetes checks over both overlays as kustomize builds them: no check fails
except those listed here, each with its reason (deploy/k8s/README.md repeats the list).

Checkov is pinned in tools/checkov/uv.lock, an environment of its own (./dev syncs it): its
pins cannot share the workspace's.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
K8S = ROOT / "deploy" / "k8s"
CHECKOV = ROOT / "tools" / "checkov" / ".venv" / "bin" / "checkov"
OVERLAYS = ("production", "small")

ACCEPTED: dict[str, dict[str, str]] = {
    "production": {},
    "small": {
        "CKV_K8S_43": "The small overlay (trying the platform, staging) runs the tag it is given, "
        "so that a freshly built image is taken by `kustomize edit set image`; production runs "
        "by digest.",
        "CKV_K8S_15": "Checkov asks for imagePullPolicy Always on an image by tag; the small "
        "overlay's tags are set per build (the default policy pulls a new tag), and production, "
        "by digest, passes.",
    },
}


def failed_checks(folder: Path) -> dict[str, set[str]]:
    if not CHECKOV.exists():
        pytest.fail("checkov is not installed: run ./dev test (it syncs tools/checkov)")
    kubectl = Path(sys.executable).parent / "kubectl"
    for overlay in OVERLAYS:
        built = subprocess.run(
            [str(kubectl), "kustomize", str(K8S / "overlays" / overlay)],
            capture_output=True,
            text=True,
            check=True,
        )
        (folder / f"{overlay}.yaml").write_text(built.stdout)
    scanned = subprocess.run(
        [str(CHECKOV), "-d", str(folder), "--framework", "kubernetes", "--quiet", "-o", "json"],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    reports: Any = json.loads(scanned.stdout)
    assert reports, scanned.stderr
    found: dict[str, set[str]] = {overlay: set() for overlay in OVERLAYS}
    for report in reports if isinstance(reports, list) else [reports]:
        assert report["summary"]["parsing_errors"] == 0
        assert report["summary"]["passed"] > 0
        for check in report["results"]["failed_checks"]:
            overlay = Path(check["file_path"]).stem
            found[overlay].add(check["check_id"])
    return found


def test_checkov_fails_nothing_but_the_documented_checks(tmp_path: Path) -> None:
    found = failed_checks(tmp_path)
    for overlay in OVERLAYS:
        assert found[overlay] <= set(ACCEPTED[overlay]), (overlay, found[overlay])
    # The list stays short and true: a reason for each check that does fail, and none kept
    # for a check that passes now.
    assert {o: set(a) for o, a in ACCEPTED.items()} == found
    readme = (K8S / "README.md").read_text()
    assert all(check in readme for accepted in ACCEPTED.values() for check in accepted)
