"""How a console page calls the services and shows their answers, in one place.

Every call carries the signed-in member of staff's bearer token, so each service's own
authorisation decides; the console shows its refusals: a 404 (also another landlord's record:
the services never tell the two apart) is the "not found" page, a 401 or 403 the "you cannot do
this" page, a 409 what is allowed now, a 422 the GOV.UK error summary with each field's error on
the form that asked, and a service that does not answer the "try again" page.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

from ..site.apis import Api, ApiRefused, ApiUnavailable, apis
from . import catalogue
from .pages import render
from .staff import StaffUser

Errors = list[dict[str, str]]


def casework(request: Request) -> Api:
    return apis(request).casework


def notifications(request: Request) -> Api:
    return apis(request).notifications


def partner_gateway(request: Request) -> Api | None:
    """The partner gateway, if the console was given one (a landlord may not buy it)."""
    return apis(request).partner_gateway


def engagement(request: Request) -> Api | None:
    """The Positive Engagement Service, if the console was given one."""
    return apis(request).engagement


async def page(
    request: Request, template: str, staff: StaffUser, *, status: int = 200, **context: Any
) -> HTMLResponse:
    """A console page for ``staff``, with the staff session's CSRF token for its forms."""
    return render(request, template, status=status, words=catalogue, **context)


async def refusal_page(
    request: Request, staff: StaffUser, exc: ApiRefused | ApiUnavailable
) -> HTMLResponse | None:
    """The page for a refusal no form can put right, or None (a 409 or 422: the form's own)."""
    if isinstance(exc, ApiUnavailable):
        return await page(request, "console/unavailable.html", staff, status=503)
    if exc.status == 404:
        return await page(request, "console/not_found.html", staff, status=404)
    if exc.status in (401, 403):
        return await page(request, "console/forbidden.html", staff, status=403)
    if exc.status in (409, 422):
        return None
    return await page(request, "console/not_found.html", staff, status=400)


def field_errors(refused: ApiRefused, fields: Mapping[str, str], default: str) -> Errors:
    """The API's field-level details as the error summary's lines, each on the form's field.

    ``fields`` maps the API's field (``summary``, ``actions.0.owner`` by its first part or the
    whole name) to the form's field id; a detail naming no known field goes on ``default``."""
    found: Errors = []
    for detail in refused.details or [{"field": "", "message": refused.message}]:
        name = str(detail.get("field", ""))
        target = fields.get(name) or fields.get(name.split(".")[0]) or default
        message = str(detail.get("message", "")) or refused.message
        found.append({"field": target, "target": target, "text": message})
    return found


def conflict(refused: ApiRefused) -> dict[str, Any]:
    """A 409 as the page shows it: what was refused and what is allowed now."""
    return {
        "message": refused.message,
        "details": [str(d.get("message", "")) for d in refused.details if d.get("message")],
    }
