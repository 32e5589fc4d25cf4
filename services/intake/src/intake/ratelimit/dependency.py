"""Intake's public endpoints are limited per client address: 429 with Retry-After.

The counts are asb_shared's (:mod:`asb_shared.ratelimit`), kept in intake's database so that
every API process shares them; this module only says intake's rate and names its groups.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from asb_shared.ratelimit import Rate, per_address
from fastapi import Request

from ..settings import IntakeSettings


def public_rate(settings: IntakeSettings) -> Rate | None:
    """``public_rate_per_minute`` requests in any minute (0 switches it off)."""
    if settings.public_rate_per_minute <= 0:
        return None
    return Rate(settings.public_rate_per_minute)


def rate_limited(group: str) -> Callable[[Request], Awaitable[None]]:
    """FastAPI dependency: refuse with 429 when the caller's address exceeds the group's limit.

    Groups, each with its own count per address: ``reports`` (web form, app), ``open311``
    (Open311 posts), ``webchat`` (transcripts, checked before the API key), ``follow`` (a
    reporter's status and view, follow-ups, survey answers, evidence), ``case-reviews``."""
    return per_address(group, public_rate)
