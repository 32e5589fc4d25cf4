"""Links into the resident web site, the one rule for every service that writes them.

A landlord's pages are under ``/{slug}/``, the slug being its reference prefix in lower case
(``ETOE-2026-000123`` is followed at ``/etoe/follow/ETOE-2026-000123``). A link never carries a
tracking token in its path or query: where a message already holds the token, it goes in the
fragment (``#<reference>.<token>``), which browsers never send to a server. References of the
platform-wide form (``ASB-2026-000123``) belong to no landlord's site: no link for them.
"""

from __future__ import annotations

import re

from .organisations import RESERVED_PREFIXES

_PREFIX = re.compile(r"^([A-Z]{2,6})-\d{4}-\d{6,12}$")


def landlord_slug(reference: str) -> str | None:
    """The site's slug for a report's landlord, or None for a reference of no landlord."""
    found = _PREFIX.match(reference)
    if found is None or found.group(1) in RESERVED_PREFIXES:
        return None
    return found.group(1).lower()


def follow_url(site_url: str, reference: str) -> str | None:
    """The report's follow page (the code form, or the status page for a browser that has
    given the code); None when there is no site or the reference has no landlord."""
    slug = landlord_slug(reference)
    if not site_url or slug is None:
        return None
    return f"{site_url.rstrip('/')}/{slug}/follow/{reference}"


def private_follow_url(site_url: str, reference: str, token: str) -> str | None:
    """The follow page with the token in the fragment: for a message that holds the token."""
    slug = landlord_slug(reference)
    if not site_url or slug is None:
        return None
    return f"{site_url.rstrip('/')}/{slug}/follow#{reference}.{token}"


def survey_url(site_url: str, reference: str) -> str | None:
    url = follow_url(site_url, reference)
    return f"{url}/survey" if url else None
