"""Finished webchats become reports, kept with the chat session's id."""

from __future__ import annotations

from asb_shared.contracts import Channel
from asb_shared.usecase import UnitOfWork

from ...reports.schemas import ReportIn
from ...reports.usecases import Accepted, AcceptReport, accept_report
from .schemas import WebchatTranscriptIn
from .transcript import description_of


async def take_transcript(uow: UnitOfWork, chat: WebchatTranscriptIn) -> Accepted:
    """Make the report a finished chat describes."""
    report = ReportIn(
        organisation_id=chat.organisation_id,
        categories=chat.categories,
        description=description_of(chat.transcript),
        location=chat.location,
        occurred_at=chat.occurred_at or chat.transcript[0].at,
        anonymous=chat.anonymous,
        reporter=chat.reporter,
    )
    return await accept_report(
        uow, AcceptReport(report, Channel.WEBCHAT, source_reference=f"webchat:{chat.session_id}")
    )
