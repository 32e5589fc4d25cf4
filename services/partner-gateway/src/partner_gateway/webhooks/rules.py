"""Webhook rules, pure: the event types partners can subscribe to, the retry schedule, a new
signing secret, and which secrets sign a message while a secret is being rotated. Where a webhook may go is
:mod:`.addresses`."""

from __future__ import annotations

import base64
import secrets
from collections.abc import Sequence
from datetime import datetime
from enum import StrEnum


class EventType(StrEnum):
    CASE_SHARED = "case.shared"
    CASE_UPDATED = "case.updated"
    """A shared case moved on (status, officer): the data is redacted to the agreement."""
    CASE_CLOSED = "case.closed"
    CASE_UNSHARED = "case.unshared"
    SAFEGUARDING_REFERRAL_RECEIVED = "safeguarding_referral.received"
    CONFERENCE_INVITED = "conference.invited"
    CONFERENCE_ACTION_ASSIGNED = "conference_action.assigned"


def next_retry(attempts: int, delays: Sequence[float]) -> float | None:
    """Seconds to wait after the ``attempts``-th failed attempt, or None when retries are spent
    (the delivery has failed and its endpoint is paused)."""
    if attempts < 1:
        raise ValueError("attempts start at 1")
    return float(delays[attempts - 1]) if attempts <= len(delays) else None


def is_success(status_code: int | None) -> bool:
    """The Standard Webhooks rule: any 2xx is success; anything else (or no answer) fails."""
    return status_code is not None and 200 <= status_code < 300


def signing_secrets(
    secret: str, previous: str | None, previous_until: datetime | None, at: datetime
) -> tuple[str, ...]:
    """The secrets a message sent at ``at`` is signed with: the endpoint's secret, and while a
    rotation's overlap lasts the one it replaced, so the partner can switch their verifier over
    at their own pace (the Standard Webhooks header carries one signature per secret)."""
    if previous is not None and previous_until is not None and at < previous_until:
        return (secret, previous)
    return (secret,)


def new_signing_secret() -> str:
    """A Standard Webhooks secret: ``whsec_`` and 24 random bytes in base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()
