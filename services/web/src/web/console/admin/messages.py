"""Message templates (``/admin/templates``): the one in use for each kind and language, its saved
versions, and a new version previewed with sample data before it is saved.

Notifications renders the preview in its sandbox and checks the template again when it is saved
(a field used but not declared, a template that cannot render: a 422 naming ``subject`` or
``body``, shown on that field).
"""

from __future__ import annotations

import asyncio
import re
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ...site.apis import ApiRefused, ApiUnavailable
from ..calls import Errors, field_errors, notifications, page, refusal_page
from ..fields import Form, text
from ..security import StaffForm
from ..staff import Staff, StaffUser
from .common import posted, refused_page
from .history import clock

router = APIRouter(tags=["console: message templates"])

FIELDS = {"subject": "subject", "body": "body", "fields": "fields"}


def _kinds(templates: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    """The kinds of message, once each, as a select's options."""
    kinds = dict.fromkeys(str(t["kind"]) for t in templates)
    return [(k, k.replace("_", " ").capitalize(), "") for k in kinds]


@router.get("/admin/templates", response_class=HTMLResponse)
async def templates(request: Request, staff: Staff) -> Response:
    try:
        found = await notifications(request).call("GET", "/v1/templates", headers=staff.bearer)
    except (ApiRefused, ApiUnavailable) as exc:
        return await refused_page(request, staff, exc)
    return await page(
        request,
        "console/admin/templates.html",
        staff,
        templates=found,
        kinds=_kinds(found),
        asked={},
    )


KIND = re.compile(r"^[a-z][a-z_]{1,59}$")
LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$")


@router.get("/admin/templates/open")
async def open_template(
    request: Request, staff: Staff, kind: str = "", language: str = ""
) -> Response:
    """The template of a kind in any language (one not written yet shows English's, to start
    from): the list's "another language" form."""
    language = language.strip().lower()
    if not KIND.match(kind) or not LANGUAGE.match(language):
        found = await notifications(request).call("GET", "/v1/templates", headers=staff.bearer)
        error = {
            "field": "language",
            "target": "language",
            "text": "Enter a language code, like pl or ur",
        }
        return await page(
            request,
            "console/admin/templates.html",
            staff,
            status=422,
            errors=[error],
            templates=found,
            kinds=_kinds(found),
            asked={"kind": kind, "language": language},
        )
    return RedirectResponse(f"/admin/templates/{kind}/{language}", status_code=303)


def _path(kind: str, language: str) -> str:
    """Notifications' path for a template (a kind or language that could be no template's is
    refused here, before any call, as not found)."""
    if not KIND.match(kind) or not LANGUAGE.match(language):
        raise HTTPException(status_code=404)
    return f"/v1/templates/{kind}/{language}"


async def _template_page(
    request: Request,
    staff: StaffUser,
    kind: str,
    language: str,
    *,
    status: int = 200,
    errors: Errors | None = None,
    draft: dict[str, str] | None = None,
    preview: dict[str, Any] | None = None,
) -> Response:
    try:
        current, versions = await asyncio.gather(
            notifications(request).call("GET", _path(kind, language), headers=staff.bearer),
            notifications(request).call(
                "GET", f"{_path(kind, language)}/versions", headers=staff.bearer
            ),
        )
    except (ApiRefused, ApiUnavailable) as exc:
        return await refused_page(request, staff, exc)
    return await page(
        request,
        "console/admin/template.html",
        staff,
        status=status,
        errors=errors or [],
        found=current,
        versions=versions,
        draft=draft
        or {
            "subject": current["subject"],
            "body": current["body"],
            "fields": "\n".join(current["fields"]),
        },
        preview=preview,
        kind=kind,
        language=language,
        clock=clock,
    )


@router.get("/admin/templates/{kind}/{language}", response_class=HTMLResponse)
async def template(request: Request, kind: str, language: str, staff: Staff) -> Response:
    return await _template_page(request, staff, kind, language)


def _draft(form: Form) -> dict[str, Any]:
    fields = [
        f for line in text(form, "fields").splitlines() for f in line.replace(",", " ").split()
    ]
    return {"subject": text(form, "subject"), "body": text(form, "body"), "fields": fields}


async def _refused(
    request: Request,
    staff: StaffUser,
    kind: str,
    language: str,
    exc: ApiRefused | ApiUnavailable,
    draft: dict[str, str],
) -> Response:
    shown = await refusal_page(request, staff, exc)
    if shown is not None:
        return shown
    assert isinstance(exc, ApiRefused)
    errors = field_errors(exc, FIELDS, "body")
    return await _template_page(
        request, staff, kind, language, status=422, errors=errors, draft=draft
    )


@router.post("/admin/templates/{kind}/{language}/preview")
async def preview(
    request: Request, kind: str, language: str, staff: Staff, form: StaffForm
) -> Response:
    """The draft rendered with sample data, and the form again to save it or change it."""
    draft = posted(form)
    try:
        shown = await notifications(request).call(
            "POST", f"{_path(kind, language)}/preview", headers=staff.bearer, json=_draft(form)
        )
    except (ApiRefused, ApiUnavailable) as exc:
        return await _refused(request, staff, kind, language, exc, draft)
    return await _template_page(request, staff, kind, language, draft=draft, preview=shown)


@router.post("/admin/templates/{kind}/{language}")
async def save(
    request: Request, kind: str, language: str, staff: Staff, form: StaffForm
) -> Response:
    try:
        await notifications(request).call(
            "PUT", _path(kind, language), headers=staff.bearer, json=_draft(form)
        )
    except (ApiRefused, ApiUnavailable) as exc:
        return await _refused(request, staff, kind, language, exc, posted(form))
    return RedirectResponse(f"/admin/templates/{kind}/{language}#versions", status_code=303)
