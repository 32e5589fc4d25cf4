"""The satisfaction survey, once the case behind a report is closed (TP12: the handling and
the outcome, 1 to 5, and comments)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ..follow.access import normalised_reference, token_for
from ..site.apis import ApiRefused, ApiUnavailable, apis, client_address
from ..site.i18n import language_of, translate
from ..site.landlords import LandlordDep
from ..site.pages import render
from ..site.security import Form
from ..site.sessions import Session, SessionDep

router = APIRouter()

RATINGS = ("5", "4", "3", "2", "1")


def _page(
    request: Request,
    session: Session,
    reference: str,
    values: dict[str, str],
    submission: str,
    errors: list[dict[str, str]] | None = None,
    status: int = 200,
) -> HTMLResponse:
    return render(
        request,
        "survey/survey.html",
        status=status,
        session=session,
        reference=reference,
        values=values,
        submission=submission,
        ratings=RATINGS,
        errors=errors or [],
    )


@router.get("/{slug}/follow/{reference}/survey", response_class=HTMLResponse)
async def survey_form(
    request: Request, landlord: LandlordDep, session: SessionDep, reference: str
) -> Response:
    found = normalised_reference(reference)
    if found is None or token_for(session, found) is None:
        return RedirectResponse(landlord.url(f"/follow/{reference}"), status_code=303)
    return _page(request, session, found, {}, str(uuid.uuid4()))


@router.post("/{slug}/follow/{reference}/survey", response_class=HTMLResponse)
async def answer_survey(
    request: Request, landlord: LandlordDep, session: SessionDep, reference: str, form: Form
) -> Response:
    found = normalised_reference(reference)
    token = token_for(session, found) if found else None
    if found is None or token is None:
        return RedirectResponse(landlord.url(f"/follow/{reference}"), status_code=303)
    values = {k: str(form.get(k) or "").strip() for k in ("handling", "outcome", "comments")}
    submission = str(form.get("submission") or uuid.uuid4())
    lang = language_of(request)
    errors = [
        {"field": name, "target": name, "text": translate(lang, f"survey.error.{name}")}
        for name in ("handling", "outcome")
        if values[name] not in RATINGS
    ]
    if len(values["comments"]) > 5000:
        errors.append(
            {
                "field": "comments",
                "target": "comments",
                "text": translate(lang, "survey.error.comments"),
            }
        )
    if errors:
        return _page(request, session, found, values, submission, errors, 400)
    body: dict[str, object] = {
        "handling": int(values["handling"]),
        "outcome": int(values["outcome"]),
    }
    if values["comments"]:
        body["comments"] = values["comments"]
    try:
        await apis(request).intake.call(
            "POST",
            f"/v1/reports/{found}/survey",
            json=body,
            headers={"X-Tracking-Token": token, "Idempotency-Key": submission},
            client_address=client_address(request),
        )
    except ApiUnavailable:
        return render(
            request,
            "site/problem.html",
            status=503,
            session=session,
            retry=landlord.url(f"/follow/{found}/survey"),
        )
    except ApiRefused as refused:
        if refused.status == 409:
            return render(
                request, "survey/closed.html", status=409, session=session, reference=found
            )
        raise
    return render(request, "survey/thanks.html", session=session, reference=found)
