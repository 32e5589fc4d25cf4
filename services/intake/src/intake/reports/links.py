"""Where a reporter follows their report: the resident site's follow page when the site is
configured (``RESIDENT_SITE_URL``), otherwise the API's status endpoint (with the token in the
``X-Tracking-Token`` header). The site's links are built by :mod:`asb_shared.resident_site`."""

from __future__ import annotations

from dataclasses import dataclass

from asb_shared.resident_site import follow_url, private_follow_url

from ..settings import IntakeSettings


@dataclass(frozen=True)
class ReporterLinks:
    api_base_url: str
    resident_site_url: str = ""

    def status_url(self, reference: str) -> str:
        """The report's follow page (no token in it), or the API's status endpoint."""
        return follow_url(self.resident_site_url, reference) or self._api(reference)

    def private_url(self, reference: str, token: str) -> str:
        """For a message that already holds the token: the follow page with the token in the
        fragment (never sent to a server), or the API's status endpoint."""
        return private_follow_url(self.resident_site_url, reference, token) or self._api(reference)

    @property
    def on_site(self) -> bool:
        return bool(self.resident_site_url)

    def _api(self, reference: str) -> str:
        return f"{self.api_base_url}/v1/reports/{reference}/status"


def reporter_links(settings: IntakeSettings) -> ReporterLinks:
    """The links of this deployment: the resident site's when it has one."""
    return ReporterLinks(settings.public_base_url, settings.resident_site_url)
