"""A landlord's working-day calendar from its announced policy, as a pure rule."""

from __future__ import annotations

from asb_shared.calendar import WorkingCalendar, calendar_for
from asb_shared.contracts.casework import PolicyCalendar


def calendar_of(policy: PolicyCalendar) -> WorkingCalendar:
    """Its region's bank holidays, office hours and own closure days (cached per setting)."""
    return calendar_for(
        policy.region, policy.opens, policy.closes, tuple(sorted(set(policy.closure_days)))
    )
