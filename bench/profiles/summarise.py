"""Summarise py-spy raw profiles (``py-spy record -f raw``) the way ``hotpath.txt`` shows them.

    uv run python -m bench.profiles.summarise casework.raw notifications.raw [--top 30]

For each file: how many samples, how many busy in Python (samples whose innermost frame is an
idle wait of a thread pool, or the event loop's own C code, are left out), the application
frames by inclusive share
(a frame counts wherever it is on the stack, once per sample), and the self time by library.
Never asserts anything.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

_FRAME = re.compile(r"^(?P<function>.*?) \((?P<file>[^()]*?)(?::\d+)?\)$")
_IDLE = ("select (selectors.py", "wait (threading.py", "_worker (concurrent/futures/thread.py")
_LOOP = ("Runner.run (asyncio/runners.py", "run_until_complete (asyncio/base_events.py")
"""Innermost frames of samples taken in the event loop's own C code (uvloop): its socket work
and its waits, which py-spy cannot tell apart: counted apart, not as busy."""
_ENTRY = ("<module> ", "main (")
"""Frames every busy sample has (the process's entry point): not worth a line."""
_OURS = ("asb_shared", "intake", "casework", "engagement", "notifications", "partner_gateway")


def _parse(line: str) -> tuple[list[str], int] | None:
    stack, _, count = line.rstrip().rpartition(" ")
    if not stack or not count.isdigit():
        return None
    return stack.split(";"), int(count)


def _library(frame: str) -> str:
    found = _FRAME.match(frame)
    path = found.group("file") if found else frame
    for marker in ("site-packages/", "/src/"):
        if marker in path:
            return path.split(marker, 1)[1].split("/", 1)[0].removesuffix(".py")
    if path.startswith("<"):
        return path
    return path.split("/", 1)[0] if "/" in path else "?"


def _short(frame: str) -> str:
    found = _FRAME.match(frame)
    if not found:
        return frame
    path = found.group("file")
    for marker in ("site-packages/", "/src/"):
        if marker in path:
            path = path.split(marker, 1)[1]
    return f"{found.group('function')} ({path})"


def summarise(path: Path, top: int) -> str:
    total = busy = in_loop = 0
    inclusive: Counter[str] = Counter()
    libraries: Counter[str] = Counter()
    for line in path.read_text().splitlines():
        parsed = _parse(line)
        if parsed is None:
            continue
        frames, count = parsed
        total += count
        if any(frames[-1].startswith(idle) for idle in _IDLE):
            continue
        if any(frames[-1].startswith(loop) for loop in _LOOP):
            in_loop += count
            continue
        busy += count
        for frame in {_short(f) for f in frames}:
            inclusive[frame] += count
        libraries[_library(frames[-1])] += count
    lines = [
        f"{path.name}: {total} samples, {busy} busy in Python (idle waits left out;"
        f" {in_loop} more in the event loop's C code)"
    ]
    if not busy:
        return "\n".join(lines)
    lines.append("  inclusive, application frames:")
    ours = [
        (f, n)
        for f, n in inclusive.most_common()
        if f.split("(", 1)[-1].startswith(_OURS) and not f.startswith(_ENTRY)
    ]
    lines += [f"   {100 * n / busy:5.1f}%  {frame}" for frame, n in ours[:top]]
    lines.append("  self time by library:")
    lines += [f"   {100 * n / busy:5.1f}%  {lib}" for lib, n in libraries.most_common(8)]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()
    for path in args.files:
        print(summarise(path, args.top), end="\n\n")


if __name__ == "__main__":
    main()
