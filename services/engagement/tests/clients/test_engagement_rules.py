"""A client's engagement as a state machine."""

from __future__ import annotations

import pytest
from engagement.clients.engagement import Change, NotAllowed, Status, after, changes_allowed


def test_consent_engages_and_withdrawal_or_disengagement_follow_only_from_engagement() -> None:
    assert after(Status.AWAITING_CONSENT, Change.CONSENT_GIVEN) is Status.ENGAGED
    assert after(Status.ENGAGED, Change.DISENGAGED) is Status.DISENGAGED
    assert after(Status.DISENGAGED, Change.RE_ENGAGED) is Status.ENGAGED
    assert after(Status.DISENGAGED, Change.CONSENT_WITHDRAWN) is Status.CONSENT_WITHDRAWN
    assert after(Status.CONSENT_WITHDRAWN, Change.CONSENT_GIVEN) is Status.ENGAGED


@pytest.mark.parametrize(
    ("status", "change"),
    [
        (Status.AWAITING_CONSENT, Change.DISENGAGED),
        (Status.ENGAGED, Change.RE_ENGAGED),
        (Status.ENGAGED, Change.CONSENT_GIVEN),
        (Status.CLOSED, Change.CONSENT_GIVEN),
        (Status.CLOSED, Change.RE_ENGAGED),
    ],
)
def test_changes_the_status_does_not_allow_are_refused(status: Status, change: Change) -> None:
    with pytest.raises(NotAllowed):
        after(status, change)
    assert change not in changes_allowed(status)
