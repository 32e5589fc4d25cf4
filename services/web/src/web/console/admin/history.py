"""The landlord's change history: the policy's versions and the message templates' versions in
one list, newest first, with no I/O (each service keeps its own versions and who made them)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..fields import UK


@dataclass(frozen=True)
class Change:
    at: str
    by: str
    what: str
    """"Policy settings" or the template's kind and language."""
    version: int
    reason: str | None
    changes: list[dict[str, Any]]
    """The policy's changed settings (field, from, to); none for a template."""
    href: str


def changes(
    policy_versions: Iterable[Mapping[str, Any]], template_versions: Iterable[Mapping[str, Any]]
) -> list[Change]:
    """Every saved version of either, newest first (the defaults, version 0, are no change)."""
    found = [
        Change(
            at=str(v["changed_at"]),
            by=str(v.get("changed_by") or ""),
            what="Policy settings",
            version=int(v["version"]),
            reason=v.get("reason"),
            changes=list(v.get("changes") or []),
            href="/admin/policy",
        )
        for v in policy_versions
        if v.get("version") and v.get("changed_at")
    ]
    found += [
        Change(
            at=str(t["created_at"]),
            by=str(t.get("created_by") or ""),
            what=f"Template: {str(t['kind']).replace('_', ' ')} ({t['language']})",
            version=int(t["version"]),
            reason=None,
            changes=[],
            href=f"/admin/templates/{t['kind']}/{t['language']}",
        )
        for t in template_versions
        if t.get("version") and t.get("created_at")
    ]
    return sorted(found, key=lambda c: c.at, reverse=True)


def clock(value: str | None) -> str:
    """The time of day of an instant from an API, in the UK (``14:05``)."""
    if not value:
        return ""
    return datetime.fromisoformat(value).astimezone(UK).strftime("%H:%M")
