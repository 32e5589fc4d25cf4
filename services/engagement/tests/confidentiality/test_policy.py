"""Who may see an engagement record (policy 3.9), without I/O."""

from __future__ import annotations

from asb_shared.auth import Role
from engagement.confidentiality.policy import View, may_override, view_for


def test_only_peos_see_records_and_casework_staff_see_status() -> None:
    assert view_for(frozenset({Role.PEO})) is View.FULL
    for role in (Role.OFFICER, Role.TEAM_LEADER, Role.ADMIN):
        assert view_for(frozenset({role})) is View.STATUS
    assert view_for(frozenset()) is View.NONE


def test_only_named_staff_may_override() -> None:
    assert may_override("sg-lead", {"sg-lead"})
    assert not may_override("officer-1", {"sg-lead"})
