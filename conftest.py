"""What the whole test command shares: where the browser journeys' screenshots are, printed at
the end of the run."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
SCREENSHOTS = ROOT / ".artefacts" / "screenshots"
STARTED = time.time()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not SCREENSHOTS.is_dir():
        return
    journeys = [p for p in SCREENSHOTS.iterdir() if p.is_dir() and p.stat().st_mtime >= STARTED]
    if journeys:
        pages = sum(len(list(p.glob("*.png"))) for p in journeys)
        terminalreporter.write_sep("-", "screenshots of every page the browser journeys saw")
        terminalreporter.write_line(f"{SCREENSHOTS}/  ({len(journeys)} journeys, {pages} pages)")
