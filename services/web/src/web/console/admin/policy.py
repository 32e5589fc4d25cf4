"""The landlord's policy settings (``/admin/policy``), the form to change them, and the change
history (``/admin/history``) of the settings and the message templates together.

Casework keeps the versions (who changed what, when and why, field by field); a change is a new
version for new cases, open cases keep theirs. The console sends the whole of the settings, the
form's values in place of the current ones, and shows casework's 422 on the form's fields.
"""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ...site.apis import ApiRefused, ApiUnavailable
from ..calls import Errors, casework, conflict, field_errors, notifications, page, refusal_page
from ..fields import text
from ..navigation import may_use
from ..security import StaffForm
from ..staff import Staff, StaffUser
from . import history, policy_form
from .common import posted, refused_page

router = APIRouter(tags=["console: landlord administration"])


def _policy(staff: StaffUser) -> str:
    return f"/v1/organisations/{staff.organisation_id}/policy"


@router.get("/admin", response_class=HTMLResponse)
async def admin_home(request: Request, staff: Staff) -> Response:
    """The administration pages' list, for the roles the navigation offers it to (each page's
    API still decides for itself)."""
    if not may_use(staff.roles, "admin"):
        return await page(request, "console/forbidden.html", staff, status=403)
    return await page(request, "console/admin/home.html", staff)


@router.get("/admin/policy", response_class=HTMLResponse)
async def policy(request: Request, staff: Staff) -> Response:
    try:
        current, versions = await asyncio.gather(
            casework(request).call("GET", _policy(staff), headers=staff.bearer),
            casework(request).call("GET", f"{_policy(staff)}/versions", headers=staff.bearer),
        )
    except (ApiRefused, ApiUnavailable) as exc:
        return await refused_page(request, staff, exc)
    return await page(
        request,
        "console/admin/policy.html",
        staff,
        policy=current,
        sections=policy_form.sections(current["settings"]),
        versions=versions,
        label_of=policy_form.label_of,
        shown=policy_form.shown,
        clock=history.clock,
    )


async def _edit_page(
    request: Request,
    staff: StaffUser,
    *,
    status: int = 200,
    errors: Errors | None = None,
    values: dict[str, str] | None = None,
    refused: dict[str, Any] | None = None,
) -> Response:
    try:
        current = await casework(request).call("GET", _policy(staff), headers=staff.bearer)
    except (ApiRefused, ApiUnavailable) as exc:
        return await refused_page(request, staff, exc)
    return await page(
        request,
        "console/admin/policy_edit.html",
        staff,
        status=status,
        errors=errors or [],
        refused=refused,
        policy=current,
        sections=policy_form.sections(current["settings"]),
        values=values,
    )


@router.get("/admin/policy/change", response_class=HTMLResponse)
async def change_form(request: Request, staff: Staff) -> Response:
    return await _edit_page(request, staff)


@router.post("/admin/policy/change")
async def change(request: Request, staff: Staff, form: StaffForm) -> Response:
    values = posted(form)
    try:
        current = await casework(request).call("GET", _policy(staff), headers=staff.bearer)
    except (ApiRefused, ApiUnavailable) as exc:
        return await refused_page(request, staff, exc)
    try:
        body = {
            "reason": text(form, "reason"),
            "settings": policy_form.settings_from(current["settings"], form),
        }
        await casework(request).call("PUT", _policy(staff), headers=staff.bearer, json=body)
    except (ApiRefused, ApiUnavailable) as exc:
        shown = await refusal_page(request, staff, exc)
        if shown is not None:
            return shown
        assert isinstance(exc, ApiRefused)
        if exc.status == 409:
            return await _edit_page(
                request, staff, status=409, refused=conflict(exc), values=values
            )
        fields = {"reason": "reason"} | policy_form.api_fields(current["settings"])
        errors = field_errors(exc, fields, "reason")
        return await _edit_page(request, staff, status=422, errors=errors, values=values)
    return RedirectResponse("/admin/policy#history", status_code=303)


@router.get("/admin/history", response_class=HTMLResponse)
async def change_history(request: Request, staff: Staff) -> Response:
    """The policy's versions and every template version saved, newest first."""
    try:
        versions, templates = await asyncio.gather(
            casework(request).call("GET", f"{_policy(staff)}/versions", headers=staff.bearer),
            notifications(request).call("GET", "/v1/templates", headers=staff.bearer),
        )
        saved = [t for t in templates if t.get("version") and not t.get("fell_back_to_english")]
        template_versions = await asyncio.gather(
            *(
                notifications(request).call(
                    "GET",
                    f"/v1/templates/{t['kind']}/{t['language']}/versions",
                    headers=staff.bearer,
                )
                for t in saved
            )
        )
    except (ApiRefused, ApiUnavailable) as exc:
        return await refused_page(request, staff, exc)
    found = history.changes(versions, [v for vs in template_versions for v in vs])
    return await page(
        request,
        "console/admin/history.html",
        staff,
        changes=found,
        label_of=policy_form.label_of,
        shown=policy_form.shown,
        clock=history.clock,
    )
