"""The site's test landlord, and helpers to read its pages."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Any

import httpx
from asb_shared.testing import TestEnvironment
from fastapi import FastAPI
from web.settings import WebSettings

ORG = uuid.UUID("00000000-0000-7000-8000-0000000e70e0")
PREFIX = "WEBT"
SLUG = "webt"
INACTIVE = uuid.UUID("00000000-0000-7000-8000-0000000e70e1")
INACTIVE_PREFIX = "WEBX"


def csrf_of(page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found, "the page has no CSRF token"
    return found.group(1)


@dataclass
class Site:
    app: FastAPI
    client: httpx.AsyncClient
    intake: httpx.AsyncClient
    casework: httpx.AsyncClient


PAGES: list[tuple[str, dict[str, Any]]] = [
    ("what", {"categories": ["noise", "vandalism"]}),
    ("describe", {"description": "Loud music every night until 3am from the flat above."}),
    ("when", {"occurred-day": "1", "occurred-month": "12", "occurred-year": "2026"}),
    ("where", {"address": "Flat 2, 10 High Street", "postcode": "sk1 3xe"}),
    ("who", {"subject-name": "", "subject-address": "", "subject-description": ""}),
    ("about-you", {"identity": "named"}),
    (
        "your-details",
        {"name": "Alex Example", "email": "", "phone": "07700 900982", "postal-address": ""},
    ),
    ("contact", {"safe": ["sms"], "unsafe": ["email"], "preferred": "sms", "voicemail": "no"}),
    ("contact-safety", {"days": ["0"], "from": "10:00", "to": "12:00", "code-word": "bluebird"}),
    ("risk", {"risk-feels_unsafe": "yes"}),
]


async def answer_all(
    client: httpx.AsyncClient, pages: list[tuple[str, dict[str, Any]]] = PAGES
) -> str:
    """Answers every page; returns the check page."""
    for page, form in pages:
        shown = await client.get(f"/{SLUG}/report/{page}")
        assert shown.status_code == 200, (page, shown.text[:300])
        sent = await client.post(
            f"/{SLUG}/report/{page}", data={**form, "csrf_token": csrf_of(shown.text)}
        )
        assert sent.status_code == 303, (page, sent.text[:2000])
    check = await client.get(f"/{SLUG}/report/check")
    assert check.status_code == 200
    return check.text


def fresh(site: Site) -> httpx.AsyncClient:
    """A new resident: a client of their own (their own cookies)."""
    return httpx.AsyncClient(transport=site.client._transport, base_url="http://test")


def site_settings(test_env: TestEnvironment, **overrides: object) -> WebSettings:
    values: dict[str, object] = {
        "database_url": test_env.database_url("web"),
        "environment": "test",
        "session_secret": "a-test-session-secret-long-enough",
        **overrides,
    }
    return WebSettings.model_validate(values)
