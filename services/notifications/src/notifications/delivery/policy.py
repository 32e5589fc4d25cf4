"""The delivery policy as the service's settings set it: leases, attempts, retries, the survey."""

from __future__ import annotations

from datetime import timedelta

from ..settings import NotificationsSettings
from .usecases import Policy


def policy_of(settings: NotificationsSettings) -> Policy:
    return Policy(
        lease=timedelta(seconds=settings.send_lease_seconds),
        max_attempts=settings.max_attempts,
        retry_base=timedelta(seconds=settings.retry_base_seconds),
        retry_max=timedelta(seconds=settings.retry_max_seconds),
        survey_delay=timedelta(days=settings.survey_delay_days),
        survey_link_template=settings.survey_link_template,
        resident_site_url=settings.resident_site_url,
    )
