"""The case page, ``/cases/{case_id}``, and the forms that work the case.

Every form posts here with the session's CSRF token (the console's :data:`StaffForm` dependency checks
it) and goes to casework's endpoint for that step with the member of staff's token. Done: back
to the case page at the section changed. Refused: the case page again, showing why (a 422 in
the error summary with each field's error, a 409 with what is allowed now), what was typed kept.
The buttons shown are those the case's ``allowed_commands`` allow; the API still decides.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from asb_shared.db import utcnow
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ...site.apis import Api, ApiRefused, ApiUnavailable
from ..calls import (
    Errors,
    casework,
    conflict,
    field_errors,
    notifications,
    page,
    partner_gateway,
    refusal_page,
)
from ..fields import Unreadable, now_fields
from ..security import StaffForm
from ..staff import Staff, StaffUser
from . import forms
from .view import case_view

router = APIRouter(tags=["console: case"])


async def _case_page(
    request: Request,
    staff: StaffUser,
    case_id: uuid.UUID,
    *,
    status: int = 200,
    errors: Errors | None = None,
    refused: dict[str, Any] | None = None,
    posted: dict[str, Any] | None = None,
    done: str | None = None,
) -> Response:
    try:
        context = await case_view(
            casework(request), notifications(request), partner_gateway(request), staff, case_id
        )
    except (ApiRefused, ApiUnavailable) as exc:
        shown = await refusal_page(request, staff, exc)
        if shown is None:
            raise
        return shown
    return await page(
        request,
        "console/case/page.html",
        staff,
        status=status,
        errors=errors or [],
        refused=refused,
        posted=posted or {},
        done=done,
        **now_fields(utcnow()),
        **context,
    )


@router.get("/cases/{case_id}", response_class=HTMLResponse)
async def case_page(
    request: Request, case_id: uuid.UUID, staff: Staff, done: str | None = None
) -> Response:
    return await _case_page(request, staff, case_id, done=done)


async def _act(
    request: Request,
    staff: StaffUser,
    case_id: uuid.UUID,
    form: Any,
    name: str,
    path: str,
    body: Callable[[], dict[str, Any]],
    section: str,
    fields: dict[str, str] | None = None,
    api: Api | None = None,
    method: str = "POST",
) -> Response:
    """Send one form's step to its service (casework unless said); back to the case page,
    done or refused. ``path`` is under the case's own (``/v1/cases/{id}``) unless absolute."""
    posted = {k: v for k, v in form.items() if k != "csrf_token" and isinstance(v, str)}
    try:
        sent = body()
    except Unreadable as exc:
        error = {"field": exc.field, "target": exc.field, "text": str(exc)}
        return await _case_page(request, staff, case_id, status=422, errors=[error], posted=posted)
    target = path if path.startswith("/v1/") else f"/v1/cases/{case_id}{path}"
    try:
        if api is None:
            api = casework(request)
        await api.call(method, target, headers=staff.bearer, json=sent)
    except (ApiRefused, ApiUnavailable) as exc:
        shown = await refusal_page(request, staff, exc)
        if shown is not None:
            return shown
        assert isinstance(exc, ApiRefused)
        if exc.status == 409:
            return await _case_page(
                request, staff, case_id, status=409, refused=conflict(exc), posted=posted
            )
        if fields is None:
            fields, default = forms.FIELDS[name], forms.DEFAULT_FIELD[name]
        else:
            default = next(iter(fields.values()))
        errors = field_errors(exc, fields, default)
        return await _case_page(request, staff, case_id, status=422, errors=errors, posted=posted)
    return RedirectResponse(f"/cases/{case_id}?done={section}#{section}", status_code=303)


@router.get("/cases/{case_id}/evidence/{evidence_id}/file")
async def evidence_file(
    request: Request, case_id: uuid.UUID, evidence_id: uuid.UUID, staff: Staff
) -> Response:
    """A file casework keeps in the case's evidence register, passed on as casework answers it:
    its checked type, as an attachment (never shown inside the console), not cached. Casework
    writes each opening to its audit of sensitive reads under the member of staff's name."""
    try:
        content, media_type, disposition = await casework(request).download(
            f"/v1/cases/{case_id}/evidence/{evidence_id}/file", headers=staff.bearer
        )
    except (ApiRefused, ApiUnavailable) as exc:
        shown = await refusal_page(request, staff, exc)
        if shown is not None:
            return shown
        return await page(request, "console/not_found.html", staff, status=400)
    if not disposition.startswith("attachment"):
        disposition = "attachment"
    return Response(
        content,
        media_type=media_type,
        headers={
            "Content-Disposition": disposition,
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "no-store",
        },
    )


@router.post("/cases/{case_id}/steps")
async def take_step(
    request: Request, case_id: uuid.UUID, staff: Staff, form: StaffForm
) -> Response:
    return await _act(
        request, staff, case_id, form, "step", "/commands", lambda: forms.step_body(form), "summary"
    )


@router.post("/cases/{case_id}/contacts")
async def record_contact(
    request: Request, case_id: uuid.UUID, staff: Staff, form: StaffForm
) -> Response:
    prefix = forms.contact_form(form)
    return await _act(
        request,
        staff,
        case_id,
        form,
        "contact",
        "/contacts",
        lambda: forms.contact_body(form, prefix),
        "contacts",
        forms.contact_fields(prefix),
    )


@router.post("/cases/{case_id}/subject-contact")
async def subject_contact(
    request: Request, case_id: uuid.UUID, staff: Staff, form: StaffForm
) -> Response:
    return await _act(
        request,
        staff,
        case_id,
        form,
        "subject",
        "/subject-contact",
        lambda: forms.subject_body(form),
        "subject-contact",
    )


@router.post("/cases/{case_id}/risk")
async def assess_risk(
    request: Request, case_id: uuid.UUID, staff: Staff, form: StaffForm
) -> Response:
    return await _act(
        request,
        staff,
        case_id,
        form,
        "risk",
        "/risk-assessments",
        lambda: forms.risk_body(form),
        "risk",
    )


@router.post("/cases/{case_id}/action-plan")
async def agree_plan(
    request: Request, case_id: uuid.UUID, staff: Staff, form: StaffForm
) -> Response:
    return await _act(
        request,
        staff,
        case_id,
        form,
        "plan",
        "/action-plans",
        lambda: forms.plan_body(form),
        "action-plan",
    )


@router.post("/cases/{case_id}/interventions")
async def add_intervention(
    request: Request, case_id: uuid.UUID, staff: Staff, form: StaffForm
) -> Response:
    return await _act(
        request,
        staff,
        case_id,
        form,
        "intervention",
        "/interventions",
        lambda: forms.intervention_body(form),
        "interventions",
    )


@router.post("/cases/{case_id}/evidence")
async def add_evidence(
    request: Request, case_id: uuid.UUID, staff: Staff, form: StaffForm
) -> Response:
    return await _act(
        request,
        staff,
        case_id,
        form,
        "evidence",
        "/evidence",
        lambda: forms.evidence_body(form),
        "evidence",
    )


@router.post("/cases/{case_id}/referrals")
async def refer(request: Request, case_id: uuid.UUID, staff: Staff, form: StaffForm) -> Response:
    return await _act(
        request,
        staff,
        case_id,
        form,
        "referral",
        "/referrals",
        lambda: forms.referral_body(form),
        "referrals",
    )


@router.post("/cases/{case_id}/updates")
async def share_update(
    request: Request, case_id: uuid.UUID, staff: Staff, form: StaffForm
) -> Response:
    return await _act(
        request,
        staff,
        case_id,
        form,
        "update",
        "/updates",
        lambda: forms.update_body(form),
        "messages",
    )


@router.post("/cases/{case_id}/reports/{report_id}/unlink")
async def unlink(
    request: Request, case_id: uuid.UUID, report_id: uuid.UUID, staff: Staff, form: StaffForm
) -> Response:
    return await _act(
        request,
        staff,
        case_id,
        form,
        "unlink",
        f"/reports/{report_id}/unlink",
        lambda: forms.reason_body(form, "unlink-reason"),
        "reports",
        {"reason": f"unlink-reason-{report_id}"},
    )


@router.post("/cases/{case_id}/closure")
async def close(request: Request, case_id: uuid.UUID, staff: Staff, form: StaffForm) -> Response:
    anonymous = form.get("closure-anonymous") == "yes"
    return await _act(
        request,
        staff,
        case_id,
        form,
        "closure",
        "/closure",
        lambda: forms.closure_body(form, anonymous),
        "closure",
    )


@router.post("/cases/{case_id}/reopen")
async def reopen(request: Request, case_id: uuid.UUID, staff: Staff, form: StaffForm) -> Response:
    return await _act(
        request,
        staff,
        case_id,
        form,
        "reopen",
        "/reopen",
        lambda: forms.reason_body(form, "reopen-reason"),
        "closure",
    )


async def _gateway_act(
    request: Request,
    staff: StaffUser,
    case_id: uuid.UUID,
    form: Any,
    name: str,
    path: str,
    body: Callable[[], dict[str, Any]],
) -> Response:
    gateway = partner_gateway(request)
    if gateway is None:
        return await page(request, "console/unavailable.html", staff, status=503)
    return await _act(
        request, staff, case_id, form, name, path, body, "sharing", forms.FIELDS[name], gateway
    )


@router.post("/cases/{case_id}/shares")
async def share(request: Request, case_id: uuid.UUID, staff: Staff, form: StaffForm) -> Response:
    return await _gateway_act(
        request, staff, case_id, form, "share", "/shares", lambda: forms.share_body(form)
    )


@router.post("/cases/{case_id}/shares/{share_id}/stop")
async def stop_sharing(
    request: Request, case_id: uuid.UUID, share_id: uuid.UUID, staff: Staff, form: StaffForm
) -> Response:
    return await _gateway_act(
        request,
        staff,
        case_id,
        form,
        "stop",
        f"/v1/case-shares/{share_id}/stop",
        lambda: forms.reason_body(form, "stop-reason"),
    )


@router.post("/cases/{case_id}/conferences")
async def schedule_conference(
    request: Request, case_id: uuid.UUID, staff: Staff, form: StaffForm
) -> Response:
    return await _gateway_act(
        request,
        staff,
        case_id,
        form,
        "conference",
        "/conferences",
        lambda: forms.conference_body(form),
    )


@router.post("/cases/{case_id}/interventions/{intervention_id}/outcome")
async def intervention_outcome(
    request: Request, case_id: uuid.UUID, intervention_id: uuid.UUID, staff: Staff, form: StaffForm
) -> Response:
    return await _act(
        request,
        staff,
        case_id,
        form,
        "outcome",
        f"/interventions/{intervention_id}",
        lambda: forms.outcome_body(form),
        "interventions",
        {"outcome": f"outcome-{intervention_id}", "mediation_result": f"outcome-{intervention_id}"},
        method="PATCH",
    )


@router.post("/cases/{case_id}/corroboration")
async def corroborate(
    request: Request, case_id: uuid.UUID, staff: Staff, form: StaffForm
) -> Response:
    return await _act(
        request,
        staff,
        case_id,
        form,
        "corroboration",
        "/corroboration-attempts",
        lambda: forms.corroboration_body(form),
        "closure",
    )


@router.post("/cases/{case_id}/confirm-asb")
async def confirm_asb(
    request: Request, case_id: uuid.UUID, staff: Staff, form: StaffForm
) -> Response:
    return await _act(
        request,
        staff,
        case_id,
        form,
        "confirm",
        "/confirm-asb",
        lambda: forms.reason_body(form, "confirm-reason"),
        "summary",
    )
