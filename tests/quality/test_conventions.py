"""The house conventions, checked: the shape of a use case, the standard files of a feature,
and the role groups defined once.

A use case is ``async def name(uow, command)``: a unit of work and one command (a dataclass or a
domain model), nothing else; a helper another module needs lives in a module named for what it
does, not in ``usecases.py``. A feature keeps its use cases in ``usecases.py``.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FRONT_ENDS = {"web"}
"""Deployables that render pages over the services' public APIs: they own no data, handle no
events and have no use cases (what a person may do is what the APIs answer), so only the
import contracts and the role-group rule apply to them."""
SOURCES = sorted(p for p in ROOT.glob("services/*/src") if p.parent.name not in FRONT_ENDS)
EVERY_SOURCE = sorted(ROOT.glob("services/*/src"))

FEATURES_WITHOUT_USECASES = {
    "casework/cases": "the core every feature stands on: tables, status rules, store",
    "casework/triage": "pure rules applied when a report opens a case (casework/opening)",
    "casework/partners": "event handlers only, noting partners' news on the timeline",
    "casework/seeding": "a command that fills a development database, not a feature",
    "intake/channels": "a package of channels, each a feature with its own usecases.py",
    "intake/idempotency": "an HTTP edge (a retried submission gets the first answer) and a purge",
    "intake/ratelimit": "an HTTP dependency naming intake's rates over asb_shared's shared limiter",
    "intake/open311": "the Open311 wire format over reports' use cases",
    "notifications/channels": "the senders (email, SMS, letters), called by the dispatcher",
    "notifications/scheduling": "worker tasks: the dispatcher and the status checker",
    "partner_gateway/audit": "the audit log every feature writes through, and its reader",
    "partner_gateway/idempotency": "idempotency keys, read and written inside other features' units of work",
    "partner_gateway/protection": "idempotent writes and their purge, under every partner route",
}
"""Features with no ``usecases.py``, and why."""

NOT_YET_SHAPED: dict[str, set[str]] = {}
"""Public functions of other shapes written before this check, by module: none left. It may
only shrink: nothing may join it (a helper goes to a module named for what it does; a use case
takes one command, an empty query dataclass when it reads the acting landlord's own settings)."""


def usecase_modules() -> list[tuple[str, Path]]:
    return [
        (str(p.relative_to(src)), p) for src in SOURCES for p in sorted(src.rglob("usecases.py"))
    ]


def misshapen(path: Path) -> set[str]:
    found = set()
    for node in ast.parse(path.read_text()).body:
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) or node.name.startswith(
            "_"
        ):
            continue
        args = node.args
        params = args.posonlyargs + args.args
        shaped = (
            isinstance(node, ast.AsyncFunctionDef)
            and len(params) == 2
            and params[0].arg == "uow"
            and not (args.kwonlyargs or args.vararg or args.kwarg or args.defaults)
        )
        if not shaped:
            found.add(node.name)
    return found


def test_every_public_function_of_a_usecases_module_is_a_use_case() -> None:
    modules = usecase_modules()
    assert len(modules) > 40
    wrong = {}
    for name, path in modules:
        extra = misshapen(path) - NOT_YET_SHAPED.get(name, set())
        if extra:
            wrong[name] = sorted(extra)
    assert not wrong, f"not `async def name(uow, command)`: {wrong}"


def test_the_list_of_functions_not_yet_shaped_only_shrinks() -> None:
    stale = {}
    for name, path in usecase_modules():
        listed = NOT_YET_SHAPED.get(name, set())
        gone = listed - misshapen(path)
        if gone:
            stale[name] = sorted(gone)
    unknown = set(NOT_YET_SHAPED) - {name for name, _ in usecase_modules()}
    assert not stale and not unknown, f"shaped now, or gone: take off the list: {stale} {unknown}"


def features() -> list[tuple[str, Path]]:
    found = []
    for src in SOURCES:
        for package in sorted(p for p in src.iterdir() if (p / "__init__.py").exists()):
            for feature in sorted(package.iterdir()):
                if (feature / "__init__.py").exists():
                    found.append((f"{package.name}/{feature.name}", feature))
    return found


def test_every_feature_keeps_its_use_cases_in_usecases_py() -> None:
    found = features()
    assert len(found) > 60
    missing = [name for name, path in found if not (path / "usecases.py").exists()]
    assert sorted(missing) == sorted(FEATURES_WITHOUT_USECASES), (
        "a feature without usecases.py (or one on the exception list that has one now): "
        f"{sorted(set(missing) ^ set(FEATURES_WITHOUT_USECASES))}"
    )


def test_role_groups_are_defined_only_in_asb_shared() -> None:
    defined = re.compile(r"require_roles\(")
    own = [
        str(path.relative_to(ROOT))
        for src in EVERY_SOURCE
        for path in src.rglob("*.py")
        if defined.search(path.read_text())
    ]
    assert not own, f"role groups come from asb_shared.auth.groups: {own}"


def test_each_service_registers_its_event_handlers_in_events_py() -> None:
    packages = [p for src in SOURCES for p in src.iterdir() if (p / "__init__.py").exists()]
    assert len(packages) >= 5
    for package in packages:
        registries = sorted(
            str(path.relative_to(package))
            for path in package.rglob("*.py")
            if "Handlers()" in path.read_text()
        )
        assert registries == ["events.py"], f"{package.name}: handlers registered in {registries}"
        for path in package.rglob("handlers.py"):
            text = path.read_text()
            assert "HandlerContext" not in text and "@handlers.on" not in text, (
                f"{path.relative_to(package.parent)}: a handler takes `uow: UnitOfWork` and is "
                "registered in events.py"
            )
