"""Reports that reach the landlord other than through the web form: keyed in by staff from a
phone call, a letter or a visit, and finished webchats posted by the chat back end."""

from __future__ import annotations

import hmac
from typing import Annotated

from asb_shared.auth import Principal, Role, require_roles
from asb_shared.contracts import Channel
from asb_shared.errors import ApiError, ErrorDetail, ErrorResponse
from asb_shared.service import DbDep, OutboxDep, SettingsDep
from fastapi import APIRouter, Depends, Header

from ..reports import accept_report
from ..schemas import ReportAccepted, ReportIn, StaffReportIn, WebchatTranscriptIn
from .reports import accepted_body

router = APIRouter(
    tags=["channels"],
    responses={
        401: {"model": ErrorResponse},
        403: {"model": ErrorResponse},
        422: {"model": ErrorResponse},
    },
)

Staff = Annotated[Principal, Depends(require_roles(Role.OFFICER, Role.TEAM_LEADER, Role.ADMIN))]


@router.post("/v1/staff/reports", status_code=201, response_model=ReportAccepted)
async def staff_report(
    body: StaffReportIn, principal: Staff, db: DbDep, outbox: OutboxDep, settings: SettingsDep
) -> ReportAccepted:
    """A report taken by phone, by letter or in person, keyed in by the member of staff who took
    it (recorded as such). Give the reporter the reference and tracking token."""
    if body.organisation_id != principal.organisation_id:
        raise ApiError(
            422,
            "validation_failed",
            "Staff key reports for their own organisation.",
            [
                ErrorDetail(
                    field="organisation_id",
                    message="must be your organisation",
                    type="wrong_organisation",
                )
            ],
        )
    data = ReportIn.model_validate(body.model_dump(exclude={"channel"}))
    accepted = await accept_report(
        db, outbox, data, Channel(body.channel), received_by=principal.subject
    )
    return accepted_body(accepted, getattr(settings, "public_base_url", ""))


@router.post("/v1/webchat/transcripts", status_code=201, response_model=ReportAccepted)
async def webchat_transcript(
    body: WebchatTranscriptIn,
    db: DbDep,
    outbox: OutboxDep,
    settings: SettingsDep,
    x_api_key: Annotated[str, Header(min_length=8, max_length=200)],
) -> ReportAccepted:
    """A finished webchat from the chat widget's back end (authenticated by its API key). The
    resident's words become the report's description; the whole transcript is kept."""
    expected = str(getattr(settings, "webchat_api_key", ""))
    if not expected or not hmac.compare_digest(x_api_key.encode(), expected.encode()):
        raise ApiError(401, "unauthorized", "The API key is not valid.")
    said = [line.text for line in body.transcript if line.speaker == "resident"]
    transcript = "\n".join(
        f"[{line.at.isoformat()}] {line.speaker}: {line.text}" for line in body.transcript
    )
    description = ("\n".join(said) + "\n\n--- chat transcript ---\n" + transcript)[:10_000]
    if len(" ".join(said)) < 10:
        raise ApiError(
            422,
            "validation_failed",
            "The resident said too little to make a report.",
            [
                ErrorDetail(
                    field="transcript",
                    message="the resident's messages are shorter than 10 characters",
                    type="too_short",
                )
            ],
        )
    data = ReportIn(
        organisation_id=body.organisation_id,
        categories=body.categories,
        description=description,
        location=body.location,
        occurred_at=body.occurred_at or body.transcript[0].at,
        anonymous=body.anonymous,
        reporter=body.reporter,
    )
    accepted = await accept_report(
        db, outbox, data, Channel.WEBCHAT, source_reference=f"webchat:{body.session_id}"
    )
    return accepted_body(accepted, getattr(settings, "public_base_url", ""))
