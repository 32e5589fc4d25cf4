"""The import contracts of pyproject.toml ([tool.importlinter]) hold, and a broken import breaks
them: a copy of casework with one bad module added fails `lint-imports`, naming the contract."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(*, pythonpath: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if pythonpath is not None:
        # Ahead of the installed packages: `casework` is then the copy.
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(pythonpath), env.get("PYTHONPATH")]))
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_every_import_contract_is_kept() -> None:
    result = lint_imports()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


BROKEN = {
    "a feature imports one above it": (
        "cases/broken.py",
        "from casework.opening import usecases  # noqa: F401\n",
        "casework: features import downward only",
    ),
    "two features of one layer import each other": (
        "search/broken.py",
        "from casework.trigger import eligibility  # noqa: F401\n",
        "casework: features import downward only",
    ),
    "a service imports another": (
        "timeline/broken.py",
        "from intake.reports import anonymity  # noqa: F401\n",
        "No service imports another",
    ),
    "a rule module imports SQLAlchemy": (
        "opening/linking.py",
        "import sqlalchemy  # noqa: F401\n",
        "Rule modules are pure",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_import_breaks_its_contract(case: str, tmp_path: Path) -> None:
    where, line, contract = BROKEN[case]
    copy = tmp_path / "casework"
    shutil.copytree(
        ROOT / "services/casework/src/casework",
        copy,
        ignore=shutil.ignore_patterns("__pycache__", "migrations"),
    )
    module = copy / where
    module.write_text((module.read_text() if module.exists() else "") + line)
    result = lint_imports(pythonpath=tmp_path)
    assert result.returncode != 0, result.stdout
    broken = result.stdout.split("Broken contracts", 1)[-1]
    assert contract in broken, result.stdout
