"""A Community Trigger (ASB case review) application: named, reachable, naming the reports it
is about; on someone's behalf only with their consent."""

from __future__ import annotations

import re
import uuid

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from ..follow.access import normalised_reference
from ..report.answers import EMAIL, PHONE
from ..site.apis import ApiRefused, ApiUnavailable, apis, client_address
from ..site.i18n import language_of, translate
from ..site.landlords import LandlordDep
from ..site.pages import render
from ..site.security import Form
from ..site.sessions import Session, SessionDep

router = APIRouter()

FIELDS = ("name", "email", "phone", "references", "description", "on-behalf-of", "consent")

# Intake's fields -> the form's.
INTAKE_FIELDS = {
    "applicant.name": "name",
    "applicant.email": "email",
    "applicant.phone": "phone",
    "applicant": "email",
    "report_references": "references",
    "description": "description",
    "on_behalf_of": "on-behalf-of",
    "consent_given": "consent",
}


def check_application(values: dict[str, str]) -> tuple[list[str], list[tuple[str, str]]]:
    """The references named, and what is wrong with the application (field, message key)."""
    problems: list[tuple[str, str]] = []
    if not values["name"]:
        problems.append(("name", "details.error.name"))
    if not values["email"] and not values["phone"]:
        problems.append(("email", "review.error.reach"))
    if values["email"] and not EMAIL.match(values["email"]):
        problems.append(("email", "details.error.email"))
    if values["phone"] and not PHONE.match(values["phone"]):
        problems.append(("phone", "details.error.phone"))
    typed = [r for r in re.split(r"[\s,;]+", values["references"]) if r]
    references = [normalised_reference(r) for r in typed]
    if not typed or None in references:
        problems.append(("references", "review.error.references"))
    if len(values["description"]) < 20:
        problems.append(("description", "review.error.description"))
    if values["on-behalf-of"] and values["consent"] != "yes":
        problems.append(("consent", "review.error.consent"))
    return [r for r in references if r], problems


def _page(
    request: Request,
    session: Session,
    values: dict[str, str],
    submission: str,
    errors: list[dict[str, str]] | None = None,
    status: int = 200,
) -> HTMLResponse:
    return render(
        request,
        "case_review/apply.html",
        status=status,
        session=session,
        values=values,
        submission=submission,
        errors=errors or [],
    )


@router.get("/{slug}/case-review", response_class=HTMLResponse)
async def application_form(
    request: Request, landlord: LandlordDep, session: SessionDep, reference: str = ""
) -> Response:
    found = normalised_reference(reference) or ""
    return _page(request, session, {"references": found}, str(uuid.uuid4()))


@router.post("/{slug}/case-review", response_class=HTMLResponse)
async def apply(
    request: Request, landlord: LandlordDep, session: SessionDep, form: Form
) -> Response:
    values = {k: str(form.get(k) or "").strip() for k in FIELDS}
    submission = str(form.get("submission") or uuid.uuid4())
    lang = language_of(request)
    references, problems = check_application(values)
    if problems:
        errors = [{"field": f, "target": f, "text": translate(lang, k)} for f, k in problems]
        return _page(request, session, values, submission, errors, 400)
    applicant: dict[str, object] = {
        "name": values["name"],
        "preferences": {
            "safe": [c for c, v in (("email", values["email"]), ("sms", values["phone"])) if v],
            "language": lang,
        },
    }
    for field in ("email", "phone"):
        if values[field]:
            applicant[field] = values[field]
    body: dict[str, object] = {
        "organisation_id": str(landlord.id),
        "applicant": applicant,
        "report_references": references,
        "description": values["description"],
    }
    if values["on-behalf-of"]:
        body["on_behalf_of"] = values["on-behalf-of"]
        body["consent_given"] = True
    try:
        await apis(request).intake.call(
            "POST",
            "/v1/case-reviews",
            json=body,
            headers={"Idempotency-Key": submission},
            client_address=client_address(request),
        )
    except ApiUnavailable:
        return render(
            request,
            "site/problem.html",
            status=503,
            session=session,
            retry=landlord.url("/case-review"),
        )
    except ApiRefused as refused:
        if refused.status != 422:
            raise
        errors = []
        for detail in refused.details:
            field = str(detail.get("field", ""))
            match = max(
                (f for f in INTAKE_FIELDS if field == f or field.startswith(f + ".")),
                key=len,
                default=None,
            )
            target = INTAKE_FIELDS[match] if match else "description"
            errors.append(
                {"field": target, "target": target, "text": str(detail.get("message", ""))}
            )
        return _page(request, session, values, submission, errors, 400)
    return render(request, "case_review/done.html", session=session)
