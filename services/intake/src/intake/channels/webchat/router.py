"""Finished webchats, posted by the chat back end (authenticated by its API key)."""

from __future__ import annotations

import hmac
from typing import Annotated

from asb_shared.errors import ApiError, ErrorResponse
from asb_shared.service import WorkDep
from fastapi import APIRouter, Depends, Header
from fastapi.responses import JSONResponse

from ...idempotency.edge import fingerprint, replayed, retryable
from ...idempotency.keys import Replay
from ...ratelimit.dependency import rate_limited
from ...reports.links import reporter_links
from ...reports.schemas import ReportAccepted
from ...settings import Settings
from ..errors import CHANNEL_ERRORS
from .schemas import WebchatTranscriptIn
from .usecases import TakeTranscript, take_transcript

router = APIRouter(tags=["channels"], responses=CHANNEL_ERRORS)


def _scope(chat: WebchatTranscriptIn) -> str:
    return f"POST /v1/webchat/transcripts {chat.organisation_id}"


# Limited per address before the key is checked: the key cannot be guessed at speed either.
@router.post(
    "/v1/webchat/transcripts",
    status_code=201,
    response_model=ReportAccepted,
    responses={429: {"model": ErrorResponse}},
    dependencies=[Depends(rate_limited("webchat"))],
)
async def webchat_transcript(
    body: WebchatTranscriptIn,
    work: WorkDep,
    settings: Settings,
    x_api_key: Annotated[str, Header(min_length=8, max_length=200)],
) -> ReportAccepted | JSONResponse:
    """A finished webchat from the chat widget's back end (authenticated by its API key). The
    resident's words become the report's description; the whole transcript is kept."""
    expected = settings.webchat_api_key
    if not expected or not hmac.compare_digest(x_api_key.encode(), expected.encode()):
        raise ApiError(401, "unauthorized", "The API key is not valid.")
    retry = retryable(
        settings, _scope(body), body.session_id, fingerprint(body), field="session_id"
    )
    assert retry is not None  # a session id is always given
    async with work() as uow:
        answer = await take_transcript(uow, TakeTranscript(body, reporter_links(settings), retry))
    return replayed(answer) if isinstance(answer, Replay) else answer
