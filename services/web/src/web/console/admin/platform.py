"""The platform administrator's pages (``/platform/landlords``): the landlords on the platform,
the services each buys, whether it is active, and each one's change history, from casework's
organisations registry (every service learns of a change by event).

A reference prefix is set once, when the landlord joins: the references already issued carry it.
"""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ...site.apis import ApiRefused, ApiUnavailable
from ..calls import Errors, casework, conflict, field_errors, page, refusal_page
from ..fields import text
from ..security import StaffForm
from ..staff import Staff, StaffUser
from . import words
from .common import posted, refused_page
from .history import clock

router = APIRouter(tags=["console: platform administration"])

FIELDS = {
    "name": "landlord-name",
    "reference_prefix": "landlord-prefix",
    "services": "landlord-services",
    "active": "landlord-active",
}


def described(value: Any) -> str:
    """A value of the history, in words: services by their names, yes or no."""
    if value is None or value == []:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(words.SERVICES.get(str(v), str(v)) for v in value)
    return str(value)


def _values(form: Any) -> dict[str, Any]:
    return posted(form) | {"landlord-services": form.getlist("landlord-services")}


async def _landlords_page(
    request: Request,
    staff: StaffUser,
    *,
    status: int = 200,
    errors: Errors | None = None,
    values: dict[str, Any] | None = None,
    refused: dict[str, Any] | None = None,
) -> Response:
    try:
        found = await casework(request).call("GET", "/v1/organisations", headers=staff.bearer)
    except (ApiRefused, ApiUnavailable) as exc:
        return await refused_page(request, staff, exc)
    return await page(
        request,
        "console/admin/landlords.html",
        staff,
        status=status,
        errors=errors or [],
        refused=refused,
        values=values or {"landlord-active": "yes"},
        landlords=found,
        services=words.SERVICES,
    )


@router.get("/platform/landlords", response_class=HTMLResponse)
async def landlords(request: Request, staff: Staff) -> Response:
    return await _landlords_page(request, staff)


@router.post("/platform/landlords")
async def register(request: Request, staff: Staff, form: StaffForm) -> Response:
    body = {
        "name": text(form, "landlord-name"),
        "reference_prefix": text(form, "landlord-prefix").upper(),
        "services": form.getlist("landlord-services"),
        "active": text(form, "landlord-active") != "no",
    }
    try:
        made = await casework(request).call(
            "POST", "/v1/organisations", headers=staff.bearer, json=body
        )
    except (ApiRefused, ApiUnavailable) as exc:
        shown = await refusal_page(request, staff, exc)
        if shown is not None:
            return shown
        assert isinstance(exc, ApiRefused)
        if exc.status == 409:
            return await _landlords_page(
                request, staff, status=409, refused=conflict(exc), values=_values(form)
            )
        errors = field_errors(exc, FIELDS, "landlord-name")
        return await _landlords_page(
            request, staff, status=422, errors=errors, values=_values(form)
        )
    return RedirectResponse(f"/platform/landlords/{made['id']}", status_code=303)


async def _landlord_page(
    request: Request,
    staff: StaffUser,
    organisation_id: uuid.UUID,
    *,
    status: int = 200,
    errors: Errors | None = None,
    values: dict[str, Any] | None = None,
    refused: dict[str, Any] | None = None,
) -> Response:
    path = f"/v1/organisations/{organisation_id}"
    try:
        found, changes = await asyncio.gather(
            casework(request).call("GET", path, headers=staff.bearer),
            casework(request).call("GET", f"{path}/changes", headers=staff.bearer),
        )
    except (ApiRefused, ApiUnavailable) as exc:
        return await refused_page(request, staff, exc)
    return await page(
        request,
        "console/admin/landlord.html",
        staff,
        status=status,
        errors=errors or [],
        refused=refused,
        values=values
        or {
            "landlord-name": found["name"],
            "landlord-services": found["services"],
            "landlord-active": "yes" if found["active"] else "no",
        },
        landlord=found,
        changes=changes,
        services=words.SERVICES,
        clock=clock,
        described=described,
    )


@router.get("/platform/landlords/{organisation_id}", response_class=HTMLResponse)
async def landlord(request: Request, organisation_id: uuid.UUID, staff: Staff) -> Response:
    return await _landlord_page(request, staff, organisation_id)


@router.post("/platform/landlords/{organisation_id}")
async def change(
    request: Request, organisation_id: uuid.UUID, staff: Staff, form: StaffForm
) -> Response:
    body = {
        "name": text(form, "landlord-name"),
        "services": form.getlist("landlord-services"),
        "active": text(form, "landlord-active") != "no",
    }
    try:
        await casework(request).call(
            "PATCH", f"/v1/organisations/{organisation_id}", headers=staff.bearer, json=body
        )
    except (ApiRefused, ApiUnavailable) as exc:
        shown = await refusal_page(request, staff, exc)
        if shown is not None:
            return shown
        assert isinstance(exc, ApiRefused)
        if exc.status == 409:
            return await _landlord_page(
                request,
                staff,
                organisation_id,
                status=409,
                refused=conflict(exc),
                values=_values(form),
            )
        errors = field_errors(exc, FIELDS, "landlord-name")
        return await _landlord_page(
            request, staff, organisation_id, status=422, errors=errors, values=_values(form)
        )
    return RedirectResponse(f"/platform/landlords/{organisation_id}#history", status_code=303)
