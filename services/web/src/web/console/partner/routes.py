"""A partner agency's member of staff's pages, ``/partner``: the cases shared with their agency
under agreements in force, as the partner gateway redacts them; a case with the updates their
agency posted, and a form for another (it reaches the officer's timeline); the MASH and MARAC
referrals made to the agency, to acknowledge and answer; the case conferences it is invited to,
with the actions it owns.

Every page asks the partner gateway with the member of staff's own token (their partner is in it,
from the landlord's identity provider): the gateway decides what they may see and do, redacts,
and audits every read and write in its log, naming them. When no agreement in force gives what
a page lists, the gateway refuses and the page has nothing to list; a case no longer shared under
an agreement in force is "not found" (the gateway does not tell the two apart).
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ...site.apis import ApiRefused, ApiUnavailable
from ..calls import Errors, conflict, field_errors, page, partner_gateway, refusal_page
from ..fields import Unreadable, instant, now_fields, optional, text
from ..security import StaffForm
from ..staff import Staff, StaffUser

router = APIRouter(tags=["console: partner staff"])

NOT_IN_FORCE = "agreement_not_in_force"
"""The gateway's refusal when no agreement in force gives the partner what is asked."""

UPDATE_FIELDS = {
    "kind": "update-kind",
    "action": "update-action",
    "text": "update-text",
    "occurred_at": "update-day",
}


async def _ask(
    request: Request,
    staff: StaffUser,
    method: str,
    path: str,
    form: Any = None,
    **kwargs: Any,
) -> Any:
    """The partner gateway's answer to the member of staff's call (a write sends its form's
    Idempotency-Key, made with the page: a form sent twice acts once)."""
    gateway = partner_gateway(request)
    if gateway is None:
        raise ApiUnavailable("partner-gateway")
    headers = dict(staff.bearer)
    if form is not None:
        key = text(form, "idempotency-key")
        headers["Idempotency-Key"] = key if 0 < len(key) <= 200 else str(uuid.uuid4())
    return await gateway.call(method, path, headers=headers, **kwargs)


async def _listed(request: Request, staff: StaffUser, path: str) -> tuple[Any, bool] | HTMLResponse:
    """The gateway's list and whether an agreement in force gives it; or the refusal's page."""
    try:
        return await _ask(request, staff, "GET", path), True
    except ApiRefused as exc:
        if exc.status == 403 and exc.code == NOT_IN_FORCE:
            return None, False
        return await refusal_page(request, staff, exc) or await _not_found(request, staff)
    except ApiUnavailable as exc:
        return await refusal_page(request, staff, exc) or await _not_found(request, staff)


async def _not_found(request: Request, staff: StaffUser) -> HTMLResponse:
    return await page(request, "console/not_found.html", staff, status=404)


# --- shared cases ---------------------------------------------------------------------------


@router.get("/partner", response_class=HTMLResponse)
async def shared_cases(request: Request, staff: Staff) -> Response:
    found = await _listed(request, staff, "/partner/v1/cases?limit=100")
    if isinstance(found, HTMLResponse):
        return found
    answer, in_force = found
    return await page(
        request,
        "console/partner/cases.html",
        staff,
        cases=answer["items"] if answer else [],
        in_force=in_force,
    )


async def _case_page(
    request: Request,
    staff: StaffUser,
    case_id: uuid.UUID,
    *,
    status: int = 200,
    errors: Errors | None = None,
    posted: dict[str, str] | None = None,
) -> Response:
    try:
        case = await _ask(request, staff, "GET", f"/partner/v1/cases/{case_id}")
        updates = await _ask(request, staff, "GET", f"/partner/v1/cases/{case_id}/updates")
    except ApiRefused as exc:
        if exc.code == NOT_IN_FORCE:
            return await _not_found(request, staff)
        return await refusal_page(request, staff, exc) or await _not_found(request, staff)
    except ApiUnavailable as exc:
        return await refusal_page(request, staff, exc) or await _not_found(request, staff)
    return await page(
        request,
        "console/partner/case.html",
        staff,
        status=status,
        errors=errors or [],
        posted=posted or {},
        case=case,
        updates=updates,
        idempotency_key=str(uuid.uuid4()),
        **now_fields(datetime.now(UTC)),
    )


@router.get("/partner/cases/{case_id}", response_class=HTMLResponse)
async def shared_case(request: Request, case_id: uuid.UUID, staff: Staff) -> Response:
    return await _case_page(request, staff, case_id)


def _update(form: Any, staff: StaffUser) -> dict[str, Any]:
    kind = text(form, "update-kind")
    return {
        "kind": kind,
        "action": optional(form, "update-action") if kind == "action" else None,
        "text": text(form, "update-text"),
        "occurred_at": instant(form, "update-day", "update-time"),
        # The gateway names a partner's member of staff as they signed in, whatever this says.
        "posted_by": staff.name,
    }


@router.post("/partner/cases/{case_id}/updates")
async def post_update(
    request: Request, case_id: uuid.UUID, staff: Staff, form: StaffForm
) -> Response:
    posted = {k: v for k, v in form.items() if k != "csrf_token" and isinstance(v, str)}
    try:
        body = _update(form, staff)
    except Unreadable as exc:
        error = {"field": exc.field, "target": exc.field, "text": str(exc)}
        return await _case_page(request, staff, case_id, status=422, errors=[error], posted=posted)
    try:
        await _ask(
            request,
            staff,
            "POST",
            f"/partner/v1/cases/{case_id}/updates",
            form,
            json=body,
        )
    except ApiRefused as exc:
        if exc.status == 422:
            errors = field_errors(exc, UPDATE_FIELDS, "update-text")
            return await _case_page(
                request, staff, case_id, status=422, errors=errors, posted=posted
            )
        return await _case_page(request, staff, case_id)
    except ApiUnavailable as exc:
        return await refusal_page(request, staff, exc) or await _not_found(request, staff)
    return RedirectResponse(f"/partner/cases/{case_id}#updates", status_code=303)


# --- MASH and MARAC referrals -----------------------------------------------------------------


async def _referrals_page(
    request: Request,
    staff: StaffUser,
    *,
    status: int = 200,
    errors: Errors | None = None,
    refused: dict[str, Any] | None = None,
) -> Response:
    found = await _listed(request, staff, "/partner/v1/safeguarding-referrals")
    if isinstance(found, HTMLResponse):
        return found
    referrals, in_force = found
    return await page(
        request,
        "console/partner/referrals.html",
        staff,
        status=status,
        errors=errors or [],
        refused=refused,
        referrals=referrals or [],
        in_force=in_force,
        idempotency_key=str(uuid.uuid4()),
    )


@router.get("/partner/referrals", response_class=HTMLResponse)
async def referrals(request: Request, staff: Staff) -> Response:
    return await _referrals_page(request, staff)


async def _answer(
    request: Request,
    staff: StaffUser,
    form: Any,
    path: str,
    body: dict[str, Any],
    field: str,
    back: Callable[..., Awaitable[Response]],
) -> Response:
    """Post one answer to the gateway; its refusal shown on the page ``back`` renders."""
    try:
        await _ask(request, staff, "POST", path, form, json=body)
    except ApiRefused as exc:
        if exc.status == 409:
            return await back(status=409, refused=conflict(exc))
        if exc.status == 422:
            return await back(status=422, errors=field_errors(exc, {}, field))
        return await refusal_page(request, staff, exc) or await _not_found(request, staff)
    except ApiUnavailable as exc:
        return await refusal_page(request, staff, exc) or await _not_found(request, staff)
    return RedirectResponse(str(request.url.path).rsplit("/", 2)[0], status_code=303)


@router.post("/partner/referrals/{referral_id}/acknowledgement")
async def acknowledge(
    request: Request, referral_id: uuid.UUID, staff: Staff, form: StaffForm
) -> Response:
    async def back(**kwargs: Any) -> Response:
        return await _referrals_page(request, staff, **kwargs)

    return await _answer(
        request,
        staff,
        form,
        f"/partner/v1/safeguarding-referrals/{referral_id}/acknowledgement",
        {"acknowledged_by": staff.name},
        f"acknowledge-{referral_id}",
        back,
    )


@router.post("/partner/referrals/{referral_id}/outcome")
async def outcome(
    request: Request, referral_id: uuid.UUID, staff: Staff, form: StaffForm
) -> Response:
    async def back(**kwargs: Any) -> Response:
        return await _referrals_page(request, staff, **kwargs)

    return await _answer(
        request,
        staff,
        form,
        f"/partner/v1/safeguarding-referrals/{referral_id}/outcome",
        {"outcome": text(form, f"outcome-{referral_id}")},
        f"outcome-{referral_id}",
        back,
    )


# --- case conferences -------------------------------------------------------------------------


@router.get("/partner/conferences", response_class=HTMLResponse)
async def conferences(request: Request, staff: Staff) -> Response:
    found = await _listed(request, staff, "/partner/v1/conferences")
    if isinstance(found, HTMLResponse):
        return found
    listed, in_force = found
    return await page(
        request,
        "console/partner/conferences.html",
        staff,
        conferences=listed or [],
        in_force=in_force,
    )


async def _conference_page(
    request: Request,
    staff: StaffUser,
    conference_id: uuid.UUID,
    *,
    status: int = 200,
    errors: Errors | None = None,
    refused: dict[str, Any] | None = None,
) -> Response:
    try:
        conference = await _ask(request, staff, "GET", f"/partner/v1/conferences/{conference_id}")
    except ApiRefused as exc:
        if exc.code == NOT_IN_FORCE:
            return await _not_found(request, staff)
        return await refusal_page(request, staff, exc) or await _not_found(request, staff)
    except ApiUnavailable as exc:
        return await refusal_page(request, staff, exc) or await _not_found(request, staff)
    return await page(
        request,
        "console/partner/conference.html",
        staff,
        status=status,
        errors=errors or [],
        refused=refused,
        conference=conference,
        idempotency_key=str(uuid.uuid4()),
    )


@router.get("/partner/conferences/{conference_id}", response_class=HTMLResponse)
async def conference(request: Request, conference_id: uuid.UUID, staff: Staff) -> Response:
    return await _conference_page(request, staff, conference_id)


@router.post("/partner/conferences/{conference_id}/actions/{action_id}")
async def update_action(
    request: Request,
    conference_id: uuid.UUID,
    action_id: uuid.UUID,
    staff: Staff,
    form: StaffForm,
) -> Response:
    async def back(**kwargs: Any) -> Response:
        return await _conference_page(request, staff, conference_id, **kwargs)

    return await _answer(
        request,
        staff,
        form,
        f"/partner/v1/conference-actions/{action_id}/updates",
        {
            "status": text(form, f"status-{action_id}"),
            "note": optional(form, f"note-{action_id}"),
        },
        f"status-{action_id}",
        back,
    )
