"""The import graph between a service's features, as figures.

    uv run python -m asb_devtools.imports            # every service
    uv run python -m asb_devtools.imports casework   # one, with its edges listed

A feature is a package directly under the service's package (`casework/cases/`) or a module
there (`casework/db.py`); the composition root (`main.py`, `__main__.py`) and the migrations are
left out, since they import everything by design. An edge is one feature importing another
(counted once however many of its files do); a mutual pair is two features each importing the
other; a feature in a cycle reaches itself through other features' imports; file edges count every (file, imported feature) pair, so one file reaching into three
features counts three.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SERVICES = ROOT / "services"
LEFT_OUT = {"main", "__main__", "migrations", "__init__"}


@dataclass
class Graph:
    service: str
    features: set[str] = field(default_factory=set)
    edges: set[tuple[str, str]] = field(default_factory=set)
    file_edges: int = 0

    @property
    def mutual(self) -> list[tuple[str, str]]:
        return sorted((a, b) for a, b in self.edges if a < b and (b, a) in self.edges)

    @property
    def cycles(self) -> list[list[str]]:
        """The groups of features that reach each other through imports (strongly connected
        components of more than one feature): none where every feature imports downward."""
        reach: dict[str, set[str]] = {f: set() for f in self.features}
        for a, b in self.edges:
            reach.setdefault(a, set()).add(b)
            reach.setdefault(b, set())
        for k in reach:  # transitive closure (a service has a few dozen features)
            for i in reach:
                if k in reach[i]:
                    reach[i] |= reach[k]
        groups = {
            frozenset({a} | {b for b in reach[a] if a in reach[b]}) for a in reach if a in reach[a]
        }
        return sorted(sorted(g) for g in groups)


def service_packages() -> Iterator[tuple[str, Path]]:
    for src in sorted(SERVICES.glob("*/src")):
        for package in sorted(p for p in src.iterdir() if (p / "__init__.py").exists()):
            yield package.name, package


def _module_parts(package: Path, path: Path) -> list[str]:
    parts = list(path.relative_to(package.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return parts


def _imported(tree: ast.AST, parts: list[str], is_package: bool) -> Iterator[list[str]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name.split(".")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = parts if is_package else parts[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = [*base, *(node.module or "").split(".")] if node.module else base
            else:
                target = (node.module or "").split(".")
            target = [p for p in target if p]
            if node.module is None or len(target) == 1:
                # `from . import x` / `from casework import cases`: each name may be a feature.
                for alias in node.names:
                    yield [*target, alias.name]
            else:
                yield target


def graph(name: str, package: Path) -> Graph:
    result = Graph(name)
    for path in sorted(package.rglob("*.py")):
        parts = _module_parts(package, path)
        if len(parts) < 2 or parts[1] in LEFT_OUT:
            continue
        source = parts[1]
        result.features.add(source)
        tree = ast.parse(path.read_text(), filename=str(path))
        targets: set[str] = set()
        for imported in _imported(tree, parts, path.name == "__init__.py"):
            if len(imported) >= 2 and imported[0] == name and imported[1] not in LEFT_OUT:
                if (package / imported[1]).is_dir() or (package / f"{imported[1]}.py").exists():
                    if imported[1] != source:
                        targets.add(imported[1])
        result.file_edges += len(targets)
        result.edges.update((source, target) for target in targets)
    return result


def main(argv: list[str] | None = None) -> int:
    wanted = set(argv if argv is not None else sys.argv[1:])
    print(
        f"{'service':<18}{'features':>9}{'edges':>7}{'file edges':>12}{'mutual pairs':>14}"
        f"{'in cycles':>11}"
    )
    graphs = [graph(name, package) for name, package in service_packages()]
    for g in graphs:
        if wanted and g.service not in wanted:
            continue
        print(
            f"{g.service:<18}{len(g.features):>9}{len(g.edges):>7}"
            f"{g.file_edges:>12}{len(g.mutual):>14}{sum(len(c) for c in g.cycles):>11}"
        )
    for g in graphs:
        if (wanted and g.service not in wanted) or not g.mutual:
            continue
        print(f"\n{g.service}: mutual pairs")
        for a, b in g.mutual:
            print(f"  {a} <-> {b}")
    for g in graphs:
        if (wanted and g.service not in wanted) or not g.cycles:
            continue
        print(f"\n{g.service}: features in import cycles")
        for group in g.cycles:
            print("  " + ", ".join(group))
    for g in graphs:
        if g.service in wanted:
            print(f"\n{g.service}: edges")
            for a, b in sorted(g.edges):
                print(f"  {a} -> {b}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
