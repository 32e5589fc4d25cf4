"""The team view, for a team leader: the team's breaches, its warnings (a standard due soon: a
breached case is shown among the breaches only), the triage queue (reports flagged as possibly
not ASB, and cases no officer has), reassigning a case and recording a manager's review. Casework's case list answers it; a refusal (409, 422) is shown in the error summary."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from ..site.apis import ApiRefused
from .apis import call
from .navigation import may_use
from .pages import render
from .security import StaffForm
from .staff import Staff, StaffUser

router = APIRouter()

TRIAGE_STATUSES = frozenset({"received", "triaged"})


def triage_queue(cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Open cases waiting for a decision: flagged "may not be ASB", or with no officer."""
    return [
        c
        for c in cases
        if c.get("may_not_be_asb") or not c.get("officer_id") or c.get("status") in TRIAGE_STATUSES
    ]


def _checked(
    form_values: dict[str, str], officers: list[dict[str, Any]] | None
) -> list[dict[str, str]]:
    """The form's own errors, before the API is asked."""
    errors = []
    try:
        uuid.UUID(form_values.get("case_id", ""))
    except ValueError:
        errors.append({"field": "case_id", "target": "case_id", "text": "Choose a case"})
    if officers is not None and not form_values.get("officer_id"):
        errors.append({"field": "officer_id", "target": "officer_id", "text": "Choose an officer"})
    if len(form_values.get("reason", "").strip()) < 5:
        errors.append(
            {
                "field": "reason",
                "target": "reason",
                "text": "Enter the reason (5 characters or more)",
            }
        )
    return errors


def _refusal(exc: ApiRefused) -> list[dict[str, str]]:
    """A 409 or 422 from casework as the error summary's lines."""
    fields = {"officer_id": "officer_id", "reason": "reason", "body": "reason"}
    errors = []
    for detail in exc.details:
        field = fields.get(str(detail.get("field", "")).split(".")[-1], "case_id")
        errors.append(
            {"field": field, "target": field, "text": str(detail.get("message") or exc.message)}
        )
    return errors or [
        {"field": "case_id", "target": "case_id", "text": exc.message or "This cannot be done now"}
    ]


def _targets(errors: list[dict[str, str]], kind: str) -> list[dict[str, str]]:
    """The review form's fields have ids of their own (two forms on one page)."""
    if kind != "review":
        return errors
    return [{**e, "target": f"review-{e['field']}"} for e in errors]


async def _page(
    request: Request,
    staff: StaffUser,
    *,
    status: int = 200,
    errors: list[dict[str, str]] | None = None,
    form: str = "",
    values: dict[str, str] | None = None,
) -> Response:
    if not may_use(staff.roles, "team"):
        return render(request, "console/no_access.html", status=403)
    listed = {"open_only": "true", "limit": 200}
    breached, warned, open_cases, officers = await asyncio.gather(
        call(request, staff, "GET", "/v1/cases", params={**listed, "breached": "true"}),
        call(
            request,
            staff,
            "GET",
            "/v1/cases",
            params={**listed, "warned": "true", "breached": "false"},
        ),
        call(request, staff, "GET", "/v1/cases", params=listed),
        call(request, staff, "GET", "/v1/officers"),
    )
    return render(
        request,
        "console/team.html",
        status=status,
        breached=breached["items"],
        warned=warned["items"],
        queue=triage_queue(open_cases["items"]),
        open_cases=open_cases["items"],
        officers=[o for o in officers if o.get("active", True)],
        errors=errors or [],
        form=form,
        values=values or {},
        done=request.query_params.get("done", ""),
        reference=request.query_params.get("reference", ""),
    )


@router.get("/team", include_in_schema=False)
async def team(request: Request, staff: Staff) -> Response:
    return await _page(request, staff)


async def _act(request: Request, staff: StaffUser, form: dict[str, str], kind: str) -> Response:
    if not may_use(staff.roles, "team"):
        return render(request, "console/no_access.html", status=403)
    errors = _checked(form, [] if kind == "reassign" else None)
    if errors:
        return await _page(
            request, staff, status=422, errors=_targets(errors, kind), form=kind, values=form
        )
    case_id = form["case_id"]
    try:
        if kind == "reassign":
            answer = await call(
                request,
                staff,
                "POST",
                f"/v1/cases/{case_id}/assignment",
                json={"officer_id": form["officer_id"], "reason": form["reason"].strip()},
            )
        else:
            answer = await call(
                request,
                staff,
                "POST",
                f"/v1/cases/{case_id}/manager-review",
                json={"reason": form["reason"].strip()},
            )
    except ApiRefused as exc:
        if exc.status not in (409, 422):
            raise
        return await _page(
            request,
            staff,
            status=exc.status,
            errors=_targets(_refusal(exc), kind),
            form=kind,
            values=form,
        )
    done = "reassigned" if kind == "reassign" else "reviewed"
    query = urlencode({"done": done, "reference": answer["reference"]})
    return RedirectResponse(f"/team?{query}", status_code=303)


def _values(form: Any) -> dict[str, str]:
    return {k: str(form.get(k) or "") for k in ("case_id", "officer_id", "reason")}


@router.post("/team/reassign", include_in_schema=False)
async def reassign(request: Request, staff: Staff, form: StaffForm) -> Response:
    return await _act(request, staff, _values(form), "reassign")


@router.post("/team/review", include_in_schema=False)
async def review(request: Request, staff: Staff, form: StaffForm) -> Response:
    return await _act(request, staff, _values(form), "review")
