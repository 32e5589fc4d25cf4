"""An elected member's enquiry is due within the policy's working days (pure rules)."""

from __future__ import annotations

from datetime import UTC, datetime

from asb_shared.calendar import DEFAULT_CALENDAR
from casework.enquiries.deadlines import response_deadline, response_working_days
from casework.policy.settings import Enquiries, PolicySettings


def test_councillors_and_mps_have_their_own_working_days() -> None:
    policy = PolicySettings(enquiries=Enquiries(councillor_working_days=5, mp_working_days=3))
    assert response_working_days("councillor", policy) == 5
    assert response_working_days("mp", policy) == 3
    # Received on Friday 4 December 2026: three working days later is Wednesday 9 December.
    when = response_deadline("mp", datetime(2026, 12, 4, 11, tzinfo=UTC), policy, DEFAULT_CALENDAR)
    assert when.due_at.date().isoformat() == "2026-12-09"
    assert when.warn_at < when.due_at
