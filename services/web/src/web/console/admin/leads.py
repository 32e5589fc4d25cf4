"""Safeguarding leads (``/admin/safeguarding-leads``): the members of staff who may open a
Positive Engagement record with the safeguarding override, each read logged with its reason.
Engagement keeps the list and decides who may override; the page names and removes them."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ...site.apis import ApiRefused, ApiUnavailable
from ..calls import Errors, engagement, field_errors, page, refusal_page
from ..fields import text
from ..security import StaffForm
from ..staff import Staff, StaffUser
from .common import posted, refused_page
from .history import clock

router = APIRouter(tags=["console: safeguarding leads"])


def _path(subject: str) -> str:
    return f"/v1/safeguarding-leads/{quote(subject, safe='')}"


async def _leads_page(
    request: Request,
    staff: StaffUser,
    *,
    status: int = 200,
    errors: Errors | None = None,
    values: dict[str, str] | None = None,
) -> Response:
    found = engagement(request)
    try:
        leads = await found.call("GET", "/v1/safeguarding-leads", headers=staff.bearer)
    except (ApiRefused, ApiUnavailable) as exc:
        return await refused_page(request, staff, exc)
    return await page(
        request,
        "console/admin/leads.html",
        staff,
        status=status,
        errors=errors or [],
        values=values or {},
        leads=leads,
        clock=clock,
    )


@router.get("/admin/safeguarding-leads", response_class=HTMLResponse)
async def leads(request: Request, staff: Staff) -> Response:
    return await _leads_page(request, staff)


@router.post("/admin/safeguarding-leads")
async def name_lead(request: Request, staff: Staff, form: StaffForm) -> Response:
    found = engagement(request)
    subject = text(form, "lead-subject")
    if not subject:
        error = {
            "field": "lead-subject",
            "target": "lead-subject",
            "text": "Enter their sign-in ID",
        }
        return await _leads_page(request, staff, status=422, errors=[error], values=posted(form))
    try:
        await found.call(
            "PUT", _path(subject), headers=staff.bearer, json={"name": text(form, "lead-name")}
        )
    except (ApiRefused, ApiUnavailable) as exc:
        shown = await refusal_page(request, staff, exc)
        if shown is not None:
            return shown
        assert isinstance(exc, ApiRefused)
        fields = {"name": "lead-name", "subject": "lead-subject"}
        errors = field_errors(exc, fields, "lead-subject")
        return await _leads_page(request, staff, status=422, errors=errors, values=posted(form))
    return RedirectResponse("/admin/safeguarding-leads", status_code=303)


@router.post("/admin/safeguarding-leads/removal")
async def remove_lead(request: Request, staff: Staff, form: StaffForm) -> Response:
    found = engagement(request)
    try:
        await found.call("DELETE", _path(text(form, "lead-subject")), headers=staff.bearer)
    except (ApiRefused, ApiUnavailable) as exc:
        return await refused_page(request, staff, exc)
    return RedirectResponse("/admin/safeguarding-leads", status_code=303)
