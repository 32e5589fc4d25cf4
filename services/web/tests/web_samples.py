"""The site's test landlord, and helpers to read its pages."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

import httpx
from fastapi import FastAPI

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
