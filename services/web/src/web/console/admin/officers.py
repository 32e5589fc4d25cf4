"""Officers (``/admin/officers``): who takes cases, their patches (postcode districts), skills
(``domestic_abuse`` cases go first to officers with that skill) and team, and a form to add an
officer or change one. Casework keeps them and checks each value (its 422 names the field)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ...site.apis import ApiRefused, ApiUnavailable
from ..calls import Errors, casework, field_errors, page, refusal_page
from ..fields import Form, text
from ..security import StaffForm
from ..staff import Staff, StaffUser
from .common import posted, refused_page

router = APIRouter(tags=["console: officers"])

FIELDS = {
    "name": "officer-name",
    "patches": "officer-patches",
    "skills": "officer-skills",
    "team": "officer-team",
    "active": "officer-active",
}


def _words(form: Form, name: str) -> list[str]:
    """A field of words separated by commas, spaces or lines."""
    return text(form, name).replace(",", " ").split()


def values_of(officer: dict[str, Any]) -> dict[str, str]:
    """An officer as the form shows them."""
    return {
        "officer-subject": officer["subject"],
        "officer-name": officer["name"],
        "officer-patches": " ".join(officer.get("patches") or []),
        "officer-skills": " ".join(officer.get("skills") or []),
        "officer-team": officer.get("team") or "",
        "officer-active": "yes" if officer.get("active", True) else "no",
    }


async def _officers_page(
    request: Request,
    staff: StaffUser,
    *,
    status: int = 200,
    errors: Errors | None = None,
    values: dict[str, str] | None = None,
) -> Response:
    try:
        found = await casework(request).call("GET", "/v1/officers", headers=staff.bearer)
    except (ApiRefused, ApiUnavailable) as exc:
        return await refused_page(request, staff, exc)
    chosen = request.query_params.get("officer")
    if values is None:
        values = next((values_of(o) for o in found if o["subject"] == chosen), {})
    return await page(
        request,
        "console/admin/officers.html",
        staff,
        status=status,
        errors=errors or [],
        officers=sorted(found, key=lambda o: (o.get("team") or "", o["name"])),
        values=values,
    )


@router.get("/admin/officers", response_class=HTMLResponse)
async def officers(request: Request, staff: Staff) -> Response:
    return await _officers_page(request, staff)


@router.post("/admin/officers")
async def put_officer(request: Request, staff: Staff, form: StaffForm) -> Response:
    subject = text(form, "officer-subject")
    if not subject:
        error = {
            "field": "officer-subject",
            "target": "officer-subject",
            "text": "Enter the officer's sign-in ID",
        }
        return await _officers_page(request, staff, status=422, errors=[error], values=posted(form))
    body = {
        "name": text(form, "officer-name"),
        "patches": [p.upper() for p in _words(form, "officer-patches")],
        "skills": _words(form, "officer-skills"),
        "team": text(form, "officer-team") or None,
        "active": text(form, "officer-active") != "no",
    }
    try:
        await casework(request).call(
            "PUT", f"/v1/officers/{subject}", headers=staff.bearer, json=body
        )
    except (ApiRefused, ApiUnavailable) as exc:
        shown = await refusal_page(request, staff, exc)
        if shown is not None:
            return shown
        assert isinstance(exc, ApiRefused)
        errors = field_errors(exc, FIELDS, "officer-name")
        return await _officers_page(request, staff, status=422, errors=errors, values=posted(form))
    return RedirectResponse("/admin/officers#officers-table", status_code=303)
