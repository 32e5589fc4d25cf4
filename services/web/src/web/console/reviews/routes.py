"""Community Trigger (ASB case review) applications, ``/reviews``: each application with its
steps (decision, meeting, recommendations, outcome) and their timescales (when each is or was
due, met or breached: casework's timers), and a form for the step it waits for.

Which step an application waits for follows the status casework answers with; a step posted
out of turn is casework's 409, shown with what it says comes next. Deciding and recording the
steps is for managers (casework's ``Managers`` group): an officer's attempt is refused by
casework and shown as "you cannot do this".
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ...site.apis import ApiRefused, ApiUnavailable
from ..calls import Errors, casework, conflict, field_errors, page, refusal_page
from ..fields import Unreadable, day, instant, lines, optional, text
from ..security import StaffForm
from ..staff import Staff, StaffUser

router = APIRouter(tags=["console: case reviews"])
UK = ZoneInfo("Europe/London")

WAITING_FOR = {
    "received": "decision",
    "accepted": "meeting",
    "meeting_held": "recommendations",
    "recommended": "outcome",
}
"""The form shown for an application in each status (casework's 409 has the last word)."""

FIELDS = {
    "decision": {"accepted": "decision-accepted", "reason": "decision-reason"},
    "meeting": {
        "held_at": "meeting-day",
        "attendees": "meeting-attendees",
        "notes": "meeting-notes",
    },
    "recommendations": {"recommendations": "recommendation-action-1"},
    "outcome": {"outcome": "outcome-text"},
}


@router.get("/reviews", response_class=HTMLResponse)
async def reviews(request: Request, staff: Staff, open_only: bool = True) -> Response:
    try:
        found = await casework(request).call(
            "GET",
            "/v1/case-reviews",
            headers=staff.bearer,
            params={"open_only": str(open_only).lower(), "limit": 100},
        )
    except (ApiRefused, ApiUnavailable) as exc:
        return await refusal_page(request, staff, exc) or await page(
            request, "console/not_found.html", staff, status=400
        )
    return await page(
        request,
        "console/reviews/list.html",
        staff,
        reviews=found["items"],
        open_only=open_only,
        waiting_for=WAITING_FOR,
    )


async def _review_page(
    request: Request,
    staff: StaffUser,
    review_id: uuid.UUID,
    *,
    status: int = 200,
    errors: Errors | None = None,
    refused: dict[str, Any] | None = None,
    posted: dict[str, Any] | None = None,
) -> Response:
    try:
        api = casework(request)
        review, timers = await asyncio.gather(
            api.call("GET", f"/v1/case-reviews/{review_id}", headers=staff.bearer),
            api.call("GET", f"/v1/case-reviews/{review_id}/timers", headers=staff.bearer),
        )
    except (ApiRefused, ApiUnavailable) as exc:
        return await refusal_page(request, staff, exc) or await page(
            request, "console/not_found.html", staff, status=400
        )
    local = datetime.now(UTC).astimezone(UK)
    return await page(
        request,
        "console/reviews/review.html",
        staff,
        status=status,
        errors=errors or [],
        refused=refused,
        posted=posted or {},
        review=review,
        timers=timers,
        step=WAITING_FOR.get(review["status"]),
        today=local.date().isoformat(),
        now=local.strftime("%H:%M"),
    )


@router.get("/reviews/{review_id}", response_class=HTMLResponse)
async def review(request: Request, review_id: uuid.UUID, staff: Staff) -> Response:
    return await _review_page(request, staff, review_id)


def _decision(form: Any) -> dict[str, Any]:
    answer = text(form, "decision-accepted")
    if answer not in ("yes", "no"):
        raise Unreadable("decision-accepted", "Say whether a case review will be held")
    return {"accepted": answer == "yes", "reason": text(form, "decision-reason")}


def _meeting(form: Any) -> dict[str, Any]:
    return {
        "held_at": instant(form, "meeting-day", "meeting-time"),
        "attendees": lines(form, "meeting-attendees"),
        "notes": optional(form, "meeting-notes"),
    }


def _recommendations(form: Any) -> dict[str, Any]:
    found = []
    for n in (1, 2, 3):
        action, owner = (
            text(form, f"recommendation-action-{n}"),
            text(form, f"recommendation-owner-{n}"),
        )
        if action or owner or text(form, f"recommendation-due-{n}"):
            due = day(form, f"recommendation-due-{n}")
            found.append({"action": action, "owner": owner, "due_date": due.isoformat()})
    return {"recommendations": found}


def _outcome(form: Any) -> dict[str, Any]:
    return {"outcome": text(form, "outcome-text")}


BODIES: dict[str, Callable[[Any], dict[str, Any]]] = {
    "decision": _decision,
    "meeting": _meeting,
    "recommendations": _recommendations,
    "outcome": _outcome,
}


@router.post("/reviews/{review_id}/{step}")
async def take_step(
    request: Request, review_id: uuid.UUID, step: str, staff: Staff, form: StaffForm
) -> Response:
    if step not in BODIES:
        return await page(request, "console/not_found.html", staff, status=404)
    posted = {k: v for k, v in form.items() if k != "csrf_token" and isinstance(v, str)}
    try:
        body = BODIES[step](form)
    except Unreadable as exc:
        error = {"field": exc.field, "target": exc.field, "text": str(exc)}
        return await _review_page(
            request, staff, review_id, status=422, errors=[error], posted=posted
        )
    try:
        await casework(request).call(
            "POST", f"/v1/case-reviews/{review_id}/{step}", headers=staff.bearer, json=body
        )
    except (ApiRefused, ApiUnavailable) as exc:
        shown = await refusal_page(request, staff, exc)
        if shown is not None:
            return shown
        assert isinstance(exc, ApiRefused)
        if exc.status == 409:
            return await _review_page(
                request, staff, review_id, status=409, refused=conflict(exc), posted=posted
            )
        fields = FIELDS[step]
        errors = field_errors(exc, fields, next(iter(fields.values())))
        return await _review_page(
            request, staff, review_id, status=422, errors=errors, posted=posted
        )
    return RedirectResponse(f"/reviews/{review_id}", status_code=303)
